//! `spotlink-app.exe` under Wine, without WebView2: what runs without a web view.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use spotify_emulator::EmulatorConfig;

use crate::harness::WinApp;

/// The command Windows runs for a `spotlink://` link, as the app registers it.
const SCHEME_COMMAND: &str = r"HKCU\Software\Classes\spotlink\shell\open\command";

/// Started at login (`--tray`): no window, the scheme registered for this user under
/// `HKCU\Software\Classes`, and a link opened through the Windows shell (`start
/// spotlink://…`, what a browser does) reaches the running app through a second
/// instance, which hands it over and exits. A link no sign-in asked for changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn windows_app_in_the_tray_registers_the_scheme_and_takes_links_from_a_second_instance() {
    let mut app = WinApp::start_emulator(EmulatorConfig::default()).await;
    app.link_with_cli().await;
    let before = app.keychain().expect("windows: the CLI's link is in Credential Manager");
    app.start_app(&["--tray"]);
    app.wait_log("started in the tray", "the app to start in the tray").await;

    let exe = test_support::wine::exe("spotlink-app");
    let mut command = None;
    app.eventually("the spotlink scheme in HKCU\\Software\\Classes", || {
        command = app.user.reg_value(SCHEME_COMMAND, "");
        command.is_some()
    })
    .await;
    let command = command.unwrap();
    let windows_path = format!("Z:{}", exe.display()).replace('/', "\\");
    assert_eq!(
        command,
        format!("\"{windows_path}\" \"%1\""),
        "windows: the scheme's command runs this app with the link"
    );
    assert_eq!(
        app.user.reg_value(r"HKCU\Software\Classes\spotlink", "").as_deref(),
        Some("URL:dev.spotlink.SpotLink protocol"),
        "windows: the scheme's class"
    );

    // A second instance started by the shell hands the link over and exits.
    open_through_the_shell(&app, "spotlink://callback?code=not-asked-for&state=not-asked-for");
    app.wait_log("no sign-in is in progress; nothing was changed", "the running app to receive the link").await;
    assert!(app.app_running(), "windows: the first instance still runs after the hand-off");
    app.eventually("the second instance to exit", || spotlink_app_processes(&app).len() == 1).await;
    dismiss_missing_webview2_dialog(&app).await;
    assert_eq!(app.keychain().as_deref(), Some(before.as_str()), "windows: a link nobody asked for changed the record");
}

/// `start URL` in the prefix, as a browser hands a custom scheme to the Windows shell.
///
/// Wine 8's `HKEY_CLASSES_ROOT` is `HKLM\Software\Classes` alone, without the user's
/// `HKCU\Software\Classes` that Windows merges into it, so the shell would not find the
/// scheme the app registered for the user: the same command is copied to HKLM first
/// (docs/platforms.md, "What Wine cannot show").
pub fn open_through_the_shell(app: &WinApp, url: &str) {
    let command = app.user.reg_value(SCHEME_COMMAND, "").expect("windows: the scheme is registered");
    for args in [
        vec!["add", r"HKLM\Software\Classes\spotlink", "/ve", "/d", "URL:spotlink", "/f"],
        vec!["add", r"HKLM\Software\Classes\spotlink", "/v", "URL Protocol", "/d", "", "/f"],
        vec!["add", r"HKLM\Software\Classes\spotlink\shell\open\command", "/ve", "/d", &command, "/f"],
    ] {
        let out = app.user.reg(&args);
        assert!(out.status.success(), "reg {args:?}: {}", String::from_utf8_lossy(&out.stdout));
    }
    let out = app.wine(Path::new("start")).arg(url).output().unwrap();
    assert!(out.status.success(), "windows: start {url}: {}", String::from_utf8_lossy(&out.stdout));
}

/// The `spotlink-app.exe` processes of this scenario.
fn spotlink_app_processes(app: &WinApp) -> Vec<u32> {
    test_support::processes::processes_with_env(&format!("USER={}", app.user.name))
        .into_iter()
        .filter(|&pid| test_support::processes::command_line(pid).is_some_and(|line| line.contains("spotlink-app.exe")))
        .collect()
}

/// The running app opens its window for a link; without WebView2 Tauri shows its dialog
/// instead, which blocks the app's main thread until dismissed.
async fn dismiss_missing_webview2_dialog(app: &WinApp) {
    let dialog = wait_for_dialog(app).await;
    xdotool(&["key", "--window", &dialog, "Return"]);
    app.eventually("the dialog to close", || xdotool(&["search", "--onlyvisible", "--name", "^Error$"]).is_empty())
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
}

pub fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("xdotool runs (scripts/setup --test installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Started with its window on a system without the WebView2 Runtime (as Wine is): Tauri's
/// dialog names what is missing and where to get it; SpotLink neither crashes nor
/// vanishes but goes on in the tray. Opening it again (the Start menu entry) reaches the
/// running app, which says the same again, rather than starting a second one.
#[tokio::test(flavor = "multi_thread")]
async fn windows_app_without_webview2_says_what_is_missing_and_stays_in_the_tray() {
    let mut app = WinApp::start_emulator(EmulatorConfig::default()).await;
    app.start_app(&[]);
    let dialog = wait_for_dialog(&app).await;
    screenshot("windows-no-webview2").await;
    xdotool(&["key", "--window", &dialog, "Return"]);
    app.wait_log("no web view runtime: SpotLink runs in the tray", "the app to go on in the tray").await;
    app.wait_log("started in the tray", "the app to go on in the tray").await;
    app.eventually("SpotLink's icon in Wine's tray", || {
        !xdotool(&["search", "--onlyvisible", "--name", "^Wine System Tray$"]).is_empty()
    })
    .await;
    assert!(app.app_running(), "windows: SpotLink quit after the missing WebView2 dialog:\n{}", app.log());

    // Opened again: the running app answers, with the same dialog.
    let out = app.command("spotlink-app").output().unwrap();
    assert!(out.status.success(), "windows: the second start handed over: {:?}", out.status);
    dismiss_missing_webview2_dialog(&app).await;
    assert!(app.app_running(), "windows: SpotLink quit after the second dialog:\n{}", app.log());
    assert_eq!(spotlink_app_processes(&app).len(), 1, "windows: one SpotLink, not two");
}

/// In the tray the app renews the access token ahead of its expiry, on a server that
/// rotates refresh tokens, and `spotlink.exe token` then serves what the app renewed
/// without refreshing again: one link, one refresh lock, shared by the Windows app and
/// the Windows CLI.
#[tokio::test(flavor = "multi_thread")]
async fn windows_app_in_the_tray_renews_the_token_the_cli_then_serves() {
    let mut app = WinApp::start_emulator(EmulatorConfig {
        rotation: spotify_emulator::Rotation::On,
        access_ttl: Duration::from_secs(6),
        ..EmulatorConfig::default()
    })
    .await;
    app.link_with_cli().await;
    app.emulator.set_access_ttl(Duration::from_secs(3600));
    let linked = app.keychain().unwrap();
    app.start_app(&["--tray"]);
    app.wait_log("started in the tray", "the app to start in the tray").await;
    app.eventually("the app to renew the token before it expires", || app.emulator.stats().refreshes == 1).await;
    app.eventually("the renewed record in Credential Manager", || app.keychain().is_some_and(|r| r != linked)).await;

    let token = app.cli(&["token"]);
    assert!(token.status.success(), "windows token: {}", String::from_utf8_lossy(&token.stderr));
    let token = String::from_utf8(token.stdout).unwrap();
    let stats = app.emulator.stats();
    assert_eq!(stats.refreshes, 1, "windows: the CLI served the app's renewed token without refreshing");
    assert_eq!(stats.replays_detected, 0, "windows: no refresh token was replayed");
    let me = reqwest::Client::new()
        .get(format!("{}/me", app.emulator.api_url()))
        .bearer_auth(token.trim_end())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "windows: the token the app renewed works");
}

/// Waits for Tauri's dialog about the missing WebView2 Runtime; its X window id.
async fn wait_for_dialog(app: &WinApp) -> String {
    let mut found = None;
    app.eventually("the dialog about the missing WebView2 Runtime", || {
        found = xdotool(&["search", "--onlyvisible", "--name", "^Error$"]).lines().next().map(str::to_owned);
        found.is_some()
    })
    .await;
    found.unwrap()
}

/// Saves the screen as `<SPOTLINK_E2E_SCREENSHOTS>/<name>.png`, only when that is set.
async fn screenshot(name: &str) {
    let Some(dir) = std::env::var_os("SPOTLINK_E2E_SCREENSHOTS") else { return };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(format!("{name}.png"));
    // Wine paints the dialog a moment after mapping it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let out =
        Command::new("import").args(["-window", "root", "-crop", "560x260+360+330", "+repage"]).arg(&path).output();
    assert!(out.is_ok_and(|o| o.status.success()), "import {}", path.display());
}
