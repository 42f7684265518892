//! Linking through the system browser, with the redirect delivered by
//! `xdg-open` and by `gio open`, and copying the token.

use crate::flows::{assert_linked, copy_token, link, page_html};
use crate::harness::{E2e, Opener, Options};

/// Link → waiting → the browser approves → linked, for one deep-link opener.
async fn link_through(opener: Opener, screenshots: bool) {
    let mut e2e = E2e::start(Options { opener, hold_browser: true, ..Options::default() }).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    assert!(e2e.keychain().is_none(), "nothing is linked yet");
    if screenshots {
        e2e.screenshot("unlinked").await;
    }

    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    // The fake browser is holding Spotify's page: the authorize URL reached it.
    e2e.wait_browser_log("opened: ").await;
    if screenshots {
        e2e.screenshot("waiting").await;
    }

    e2e.release_browser();
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    let log = e2e.browser_log();
    let opener_name = match opener {
        Opener::XdgOpen => "xdg-open",
        Opener::Gio => "gio open",
    };
    assert!(
        log.contains(&format!("{opener_name} exited with status 0")),
        "the redirect went back through {opener_name}:\n{log}"
    );
    assert!(!log.contains("refused"), "the fake browser was never handed a spotlink:// link:\n{log}");
    if screenshots {
        e2e.screenshot("linked").await;
    }
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_with_redirect_through_xdg_open() {
    link_through(Opener::XdgOpen, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_with_redirect_through_gio_open() {
    link_through(Opener::Gio, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_token_puts_a_working_token_on_the_clipboard_and_never_in_the_window() {
    // Trace logging: not even the most verbose log may show a token. RUST_LOG
    // too, because the app reads only that one (see the test below).
    let mut e2e = E2e::start(Options {
        log_level: "trace",
        env: vec![("RUST_LOG", "spotlink_app=trace,spotlink_core=trace")],
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;

    let token = copy_token(&e2e).await;
    assert_eq!(token, token.trim(), "the clipboard holds the bare token, no whitespace or newline");
    assert!(!token.contains(' ') && token.len() >= 20, "the clipboard holds a token, not a message: {token:?}");
    assert_eq!(e2e.me_status(&token).await, 200, "Spotify (the emulator) accepts the copied token");

    // The token itself never reaches the web view (DESIGN.md).
    let html = page_html(&e2e).await;
    assert!(!html.contains(&token), "the access token appears in the window's HTML");
    let record = e2e.keychain().expect("linked");
    if let Some(refresh) = record["refresh_token"].as_str() {
        assert!(!html.contains(refresh), "the refresh token appears in the window's HTML");
    }
    let output = e2e.app_output();
    assert!(output.contains("DEBUG") || output.contains("TRACE"), "the app logged verbosely:\n{output}");
    assert!(!output.contains(&token), "the access token appears in the app's log");
    if let Some(refresh) = record["refresh_token"].as_str() {
        assert!(!output.contains(refresh), "the refresh token appears in the app's log");
    }
    for file in e2e.files() {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&token), "the access token is written to {}", file.display());
    }
    e2e.finish().await;
}

/// README: `SPOTLINK_LOG` (e.g. `debug`) turns on diagnostics on stderr.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_logs_at_the_level_spotlink_log_asks_for() {
    let mut e2e = E2e::start(Options { log_level: "debug", ..Options::default() }).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let output = e2e.app_output();
    assert!(
        output.contains("DEBUG"),
        "SPOTLINK_LOG=debug: the app's stderr has no DEBUG line (it reads RUST_LOG instead?):\n{output}"
    );
    e2e.finish().await;
}

/// The fallback redirect: the app listens on 127.0.0.1 and the browser comes
/// back there instead of through `spotlink://`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_with_the_loopback_redirect() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#edit-client-id").await;
    e2e.expect_screen("setup").await;
    e2e.click("label[for='redirect-mode-loopback']").await;
    e2e.wait_for(
        "loopback mode to be chosen",
        "return document.getElementById('redirect-mode-loopback')?.checked === true;",
        vec![],
    )
    .await;
    e2e.click("#keep-client-id").await;
    e2e.expect_screen("unlinked").await;

    link(&e2e).await;
    assert_linked(&e2e).await;
    let log = e2e.browser_log();
    assert!(
        log.contains("loaded the loopback redirect: curl exit status 0, HTTP 200"),
        "the answer came back on 127.0.0.1:\n{log}"
    );
    assert!(!log.contains("spotlink://"), "no spotlink:// link in loopback mode:\n{log}");
    let config = std::fs::read_to_string(e2e.config_file()).unwrap_or_default();
    assert!(config.contains("loopback"), "the mode is saved in config.toml:\n{config}");
    e2e.finish().await;
}

/// Spotify may grant less than asked: the linked view says which were not granted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scopes_spotify_did_not_grant_are_listed() {
    let mut e2e = E2e::start(Options {
        emulator: spotify_emulator::EmulatorConfig {
            grantable_scopes: Some(vec!["user-read-email".into()]),
            ..spotify_emulator::EmulatorConfig::default()
        },
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    link(&e2e).await;
    let granted = assert_linked(&e2e).await;
    assert_eq!(granted, ["user-read-email"], "the emulator granted one scope");
    let requested: Vec<String> = e2e
        .requests()
        .iter()
        .find(|r| r.path == "/authorize")
        .and_then(|r| r.scope.clone())
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let mut missing: Vec<String> = requested.into_iter().filter(|s| s != "user-read-email").collect();
    missing.sort();
    assert!(!missing.is_empty(), "the app asked for more than user-read-email by default");
    let mut shown = e2e.scope_list("not-granted-scopes").await;
    shown.sort();
    assert_eq!(shown, missing, "#not-granted-scopes lists what was asked for but not granted");
    e2e.expect_visible("#not-granted-scopes").await;
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quitting_clears_a_copied_token_that_is_still_on_the_clipboard() {
    use test_support::x11::{close_windows, ClipboardWatch, SelectionChange};
    let mut e2e = E2e::start(Options::default()).await;
    // Cleared after two minutes; the app quits long before.
    e2e.write_config("clipboard_clear_secs = 120\n");
    e2e.launch().await;
    link(&e2e).await;
    copy_token(&e2e).await;
    let pid = e2e.app().app_pid().expect("the app runs");

    // Watch the clipboard's owner as a clipboard manager does, then close the window
    // (no tray here, so SpotLink quits).
    let watch = ClipboardWatch::start();
    assert_eq!(close_windows("spotlink-app"), 1);
    crate::flows::eventually(&e2e, "SpotLink to quit", || !crate::driver::alive(pid)).await;
    // SpotLink gave the clipboard up itself before it went: an explicit clear (owner
    // None), not the owner vanishing with its process, which a clipboard manager
    // answers by restoring what it saw last.
    let changes = watch.changes(std::time::Duration::from_secs(2));
    assert_eq!(changes.first(), Some(&SelectionChange::Set { owner: 0 }), "{changes:?}");
    assert!(e2e.app_output().contains("cleared the token from the clipboard before quitting"));
    e2e.finish().await;
}
