//! The installed app under WebDriver, with only the package's desktop entry to hand
//! `spotlink://` links back: warm (the app runs) and cold (the OS starts it), through
//! `xdg-open` in generic mode and through `gio open`; and the repair of a per-user
//! handler a build-tree run left behind.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::driver::{kill, processes_with_env};
use crate::flows::{assert_linked, copy_token, link, sign_in_and_quit_before_the_answer};
use crate::harness::{E2e, Opener, Options, ACCOUNT_ID};
use crate::system::{desktop_key, run, stdout, APP, DESKTOP_ENTRY, DESKTOP_ID};

/// The per-user entry a build-tree SpotLink writes (src-tauri/deep_link).
const PER_USER_ENTRY: &str = "spotlink-app-handler.desktop";

fn installed(opener: Opener) -> Options {
    Options { binary: APP, opener, ..Options::default() }
}

/// The user's own handler settings: no per-user entry, and no default for spotlink://.
fn assert_no_per_user_handler(e2e: &E2e) {
    let entry = e2e.root().join("data/applications").join(PER_USER_ENTRY);
    assert!(!entry.exists(), "the installed app wrote {}", entry.display());
    let mimeapps = std::fs::read_to_string(e2e.root().join("config/mimeapps.list")).unwrap_or_default();
    assert!(!mimeapps.contains("x-scheme-handler/spotlink"), "the installed app set a per-user default:\n{mimeapps}");
}

async fn link_through_the_package_entry(opener: Opener) {
    let mut e2e = E2e::start(installed(opener)).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;
    assert_no_per_user_handler(&e2e);
    let token = copy_token(&e2e).await;
    assert_eq!(e2e.me_status(token.trim()).await, 200, "Spotify (the emulator) accepts the copied token");

    // The window is the one the menu entry names (StartupWMClass ↔ WM_CLASS).
    let entry = std::fs::read_to_string(DESKTOP_ENTRY).unwrap();
    let wm_class = desktop_key(&entry, "StartupWMClass").expect("StartupWMClass").to_owned();
    let out = run("xprop", &["-name", "SpotLink", "WM_CLASS"]);
    let shown = stdout(&out);
    assert!(
        shown.contains(&format!("\"{wm_class}\"")),
        "the window's WM_CLASS ({shown:?}) matches StartupWMClass={wm_class}"
    );
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_links_through_xdg_open_and_the_package_entry() {
    link_through_the_package_entry(Opener::XdgOpen).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_links_through_gio_open_and_the_package_entry() {
    link_through_the_package_entry(Opener::Gio).await;
}

/// Kills every installed `spotlink-app` started in this scenario's session (the OS
/// started it, not the driver).
fn kill_os_started_apps(e2e: &E2e) -> usize {
    let apps: Vec<u32> = processes_with_env(&e2e.marker())
        .into_iter()
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == Path::new(APP)))
        .collect();
    kill(&apps);
    apps.len()
}

/// The user approves in the browser after closing SpotLink: the OS starts the
/// installed app with Spotify's answer, and it completes the sign-in.
async fn answer_cold_starts_the_installed_app(opener: Opener) {
    let mut e2e = E2e::start(Options { deliver: false, ..installed(opener) }).await;
    e2e.launch().await;
    let redirect = sign_in_and_quit_before_the_answer(&mut e2e).await;
    assert!(e2e.keychain().is_none(), "not linked before the answer arrives");

    // As the browser does: hand the link to the desktop. xdg-open waits for the app
    // it starts, so it runs in the background.
    let (program, args) = match opener {
        Opener::XdgOpen => ("xdg-open", &[][..]),
        Opener::Gio => ("gio", &["open"][..]),
    };
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args).arg(&redirect).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    e2e.put_in_session(&mut cmd, &[]);
    let mut opener_process = cmd.spawn().expect("the opener starts");

    let deadline = Instant::now() + Duration::from_secs(30);
    let record = loop {
        if let Some(record) = e2e.keychain() {
            break record;
        }
        if Instant::now() > deadline {
            kill_os_started_apps(&e2e);
            e2e.fail::<()>(&format!("{program} did not start the installed app with the answer within 30 s")).await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(record["account"]["id"], ACCOUNT_ID, "the cold-started app stored the link");
    assert!(kill_os_started_apps(&e2e) >= 1, "the installed app was running");
    let _ = opener_process.kill().await;
    assert_no_per_user_handler(&e2e);
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xdg_open_cold_starts_the_installed_app_with_the_answer() {
    answer_cold_starts_the_installed_app(Opener::XdgOpen).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gio_open_cold_starts_the_installed_app_with_the_answer() {
    answer_cold_starts_the_installed_app(Opener::Gio).await;
}

/// A build-tree run (as a developer's, or before installing) registered its own
/// per-user handler, which would win over the package's: the installed app removes
/// it, takes the default back, and links through the package's entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_installed_app_repairs_a_stale_per_user_handler() {
    let mut e2e = E2e::start(installed(Opener::XdgOpen)).await;
    let applications = e2e.root().join("data/applications");
    let stale = applications.join(PER_USER_ENTRY);
    std::fs::write(
        &stale,
        "[Desktop Entry]\nType=Application\nName=SpotLink\nComment=Receives Spotify sign-in links for SpotLink\n\
         Exec=/home/dev/spotlink/target/debug/spotlink-app %u\nTerminal=false\nNoDisplay=true\n\
         MimeType=x-scheme-handler/spotlink;\n",
    )
    .unwrap();
    let mimeapps = e2e.root().join("config/mimeapps.list");
    let mut list = std::fs::read_to_string(&mimeapps).unwrap();
    list.push_str(&format!("x-scheme-handler/spotlink={PER_USER_ENTRY}\n"));
    std::fs::write(&mimeapps, list).unwrap();

    e2e.launch().await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while stale.exists()
        || !std::fs::read_to_string(&mimeapps).unwrap().contains(&format!("x-scheme-handler/spotlink={DESKTOP_ID}"))
    {
        if Instant::now() > deadline {
            let list = std::fs::read_to_string(&mimeapps).unwrap_or_default();
            e2e.fail::<()>(&format!(
                "the stale handler is still in place after 10 s (entry there: {}):\n{list}",
                stale.exists()
            ))
            .await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut query = tokio::process::Command::new("xdg-mime");
    query.args(["query", "default", "x-scheme-handler/spotlink"]);
    e2e.put_in_session(&mut query, &[]);
    let answer = query.output().await.unwrap();
    assert_eq!(String::from_utf8_lossy(&answer.stdout).trim(), DESKTOP_ID, "xdg-mime names the package's entry again");
    link(&e2e).await;
    assert_linked(&e2e).await;
    e2e.finish().await;
}
