//! Staying linked without the window: the tray item registers with the desktop's
//! StatusNotifierWatcher (the test plays the panel, `sni.rs`), its icon and menu follow
//! the link's health, and its "Copy token" puts a working token on the clipboard;
//! closing the window keeps SpotLink in the tray (asked once) and ends the web view's
//! process, or quits when no tray is shown; "Start at login" writes an autostart entry
//! whose command starts SpotLink in the tray without a window.

use std::time::{Duration, Instant};

use time::OffsetDateTime;

use crate::driver::{alive, command_name, descendants};
use crate::flows::{copied, eventually, link};
use crate::harness::{E2e, Options, DISPLAY_NAME};
use crate::reminders::authorized_ending_in;
use crate::sni::{icon_badge, TrayItem};
use test_support::sni::Watcher;
use test_support::x11::{close_windows, windows_of};

/// The window's `WM_CLASS` (the binary's name).
const CLASS: &str = "spotlink-app";
/// How long the tray item gets to register after start-up.
const REGISTER: Duration = Duration::from_secs(15);

/// The app's WebKit helper processes whose name starts with `kind` ("WebKitWebProces",
/// "WebKitNetworkPr": /proc truncates names to 15 bytes).
fn webkit(app: u32, kind: &str) -> Vec<u32> {
    descendants(app).into_iter().filter(|&pid| command_name(pid).is_some_and(|n| n.starts_with(kind))).collect()
}

fn web_processes(app: u32) -> Vec<u32> {
    webkit(app, "WebKitWebProces")
}

pub async fn watch() -> Watcher {
    Watcher::start().await.expect("the StatusNotifierWatcher name is free on the session bus")
}

pub async fn item(e2e: &E2e, watcher: &Watcher) -> (u32, TrayItem) {
    let pid = e2e.app().app_pid().expect("the app runs");
    match watcher.item_of(pid, REGISTER).await {
        Some(item) => (pid, TrayItem(item)),
        None => e2e.fail("the app's tray item did not register with the StatusNotifierWatcher").await,
    }
}

pub async fn labels(watcher: &Watcher, item: &TrayItem) -> Vec<String> {
    item.menu(watcher.connection()).await.into_iter().filter(|e| e.visible && !e.separator).map(|e| e.label).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tray_shows_the_links_health_and_copies_a_working_token() {
    let watcher = watch().await;
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    let (_, tray) = item(&e2e, &watcher).await;
    let bus = watcher.connection();

    // Healthy: the account, when the link ends, Copy token; no Relink.
    let shown = labels(&watcher, &tray).await;
    assert_eq!(shown[0], DISPLAY_NAME, "{shown:?}");
    assert!(shown[1].starts_with("Link ends ") && shown[1].contains("(in 18"), "six months ahead: {shown:?}");
    assert_eq!(&shown[2..], ["Copy token", "Open SpotLink", "Activity…", "Quit SpotLink"], "{shown:?}");
    assert_eq!(icon_badge(&tray.icon_file(bus).await), "none");

    // Copy token from the menu: a token Spotify (the emulator) accepts, as from the window.
    tray.click(bus, "Copy token").await;
    let token = copied(&e2e, "the tray's Copy token").await;
    assert_eq!(e2e.me_status(token.trim()).await, 200, "the copied token works");
    assert!(!e2e.app_output().contains(token.trim()), "the token is not logged");

    // Three days left: the amber icon, the days in the menu, and Relink offered.
    e2e.quit().await;
    e2e.set_authorized_at(authorized_ending_in(3));
    e2e.launch().await;
    let (_, tray) = item(&e2e, &watcher).await;
    let shown = labels(&watcher, &tray).await;
    assert!(
        shown[1].contains("(in 3 days): relink soon") || shown[1].contains("(in 4 days): relink soon"),
        "{shown:?}"
    );
    assert_eq!(&shown[2..], ["Copy token", "Open SpotLink", "Activity…", "Relink…", "Quit SpotLink"], "{shown:?}");
    assert_eq!(icon_badge(&tray.icon_file(bus).await), "renew-soon");

    // Over: the red icon, no token to copy, Relink.
    e2e.quit().await;
    e2e.set_authorized_at(OffsetDateTime::now_utc() - time::Duration::days(200));
    e2e.launch().await;
    let (_, tray) = item(&e2e, &watcher).await;
    let entries = tray.menu(bus).await;
    let copy = entries.iter().find(|e| e.label == "Copy token").expect("Copy token is listed");
    assert!(!copy.enabled, "no token to copy from an ended link");
    assert!(entries.iter().any(|e| e.label.starts_with("Link ended ")), "{entries:?}");
    assert_eq!(icon_badge(&tray.icon_file(bus).await), "relink");

    // "Relink…" starts the sign-in in the browser; the window shows it waiting, and
    // the link is whole again once the browser hands the answer back.
    tray.click(bus, "Relink…").await;
    e2e.expect_screen("waiting").await;
    e2e.expect_screen("linked").await;
    let (_, tray) = item(&e2e, &watcher).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while icon_badge(&tray.icon_file(bus).await) != "none" {
        assert!(Instant::now() < deadline, "relinked, yet the tray icon still has a badge");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_the_window_keeps_spotlink_in_the_tray_without_its_web_view() {
    let watcher = watch().await;
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    let (pid, tray) = item(&e2e, &watcher).await;
    let bus = watcher.connection();
    assert!(!web_processes(pid).is_empty(), "the window has a web content process");

    // The first close asks, and the window stays meanwhile.
    assert_eq!(close_windows(CLASS), 1, "one SpotLink window");
    e2e.expect_visible("#close-keep").await;
    e2e.screenshot("close-to-tray").await;
    assert!(alive(pid));
    e2e.click("#close-keep").await;

    // Kept in the tray: no window, no web content process, and the choice remembered.
    eventually(&e2e, "the window to go", || windows_of(CLASS).is_empty()).await;
    eventually(&e2e, "the web content process to end", || web_processes(pid).is_empty()).await;
    assert!(alive(pid), "SpotLink still runs");
    let config = std::fs::read_to_string(e2e.config_file()).unwrap_or_default();
    assert!(config.contains("keep_in_tray = true"), "{config}");
    // A moment later the rest goes too: WebKit's network process, and the pages it all ran.
    eventually(&e2e, "the memory to be handed back", || e2e.app_output().contains("memory handed back")).await;
    eventually(&e2e, "the network process to end", || webkit(pid, "WebKitNetworkPr").is_empty()).await;

    // Started again from the menu entry (a second spotlink-app, which hands over to this
    // one): a new window with a new web view, which paints its screen.
    let (handed_over, output) = e2e.run_second_instance(&[], &[]).await;
    assert!(handed_over, "the second instance hands over and exits: {output}");
    eventually(&e2e, "the window to come back", || windows_of(CLASS).len() == 1).await;
    eventually(&e2e, "a web content process again", || !web_processes(pid).is_empty()).await;
    eventually(&e2e, "the new window to paint its screen", || {
        e2e.app_output().matches("window painted again").count() == 1
    })
    .await;

    // Closed again: no question this time.
    assert_eq!(close_windows(CLASS), 1);
    eventually(&e2e, "the window to go without asking", || windows_of(CLASS).is_empty()).await;
    assert!(alive(pid));

    // Open SpotLink from the tray's menu.
    tray.click(bus, "Open SpotLink").await;
    eventually(&e2e, "the window to come back", || windows_of(CLASS).len() == 1).await;
    eventually(&e2e, "the window to paint again", || e2e.app_output().matches("window painted again").count() == 2)
        .await;
    assert_eq!(close_windows(CLASS), 1);
    eventually(&e2e, "the window to go", || windows_of(CLASS).is_empty()).await;

    // Quit from the tray ends it.
    tray.click(bus, "Quit SpotLink").await;
    eventually(&e2e, "SpotLink to quit", || !alive(pid)).await;
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_tray_closing_the_window_quits() {
    let mut e2e = E2e::start(Options::default()).await;
    // Even when the user once chose the tray: none is shown now, so nothing would be left to reach SpotLink by.
    e2e.write_config("keep_in_tray = true\n");
    e2e.launch().await;
    let pid = e2e.app().app_pid().expect("the app runs");
    assert_eq!(close_windows(CLASS), 1);
    eventually(&e2e, "SpotLink to quit", || !alive(pid)).await;
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_at_login_starts_spotlink_in_the_tray_without_a_window() {
    let watcher = watch().await;
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    let entry_path = e2e.config_home().join("autostart/spotlink.desktop");
    assert!(!entry_path.exists());

    e2e.js("document.getElementById('autostart-toggle').scrollIntoView({block: 'center'});", vec![]).await;
    e2e.click("#autostart-toggle").await;
    eventually(&e2e, "the autostart entry", || entry_path.exists()).await;
    let entry = std::fs::read_to_string(&entry_path).unwrap();
    let exec = entry.lines().find_map(|l| l.strip_prefix("Exec=")).expect("an Exec line").to_owned();
    assert_eq!(exec, format!("{} --tray", crate::driver::APP_BINARY), "{entry}");
    e2e.wait_for("the box to show it on", "return document.getElementById('autostart-toggle').checked;", vec![]).await;
    e2e.quit().await;

    // What the session does at login: run the entry's command.
    let started = Instant::now();
    let mut program = exec.split(' ');
    let mut cmd = tokio::process::Command::new(program.next().unwrap());
    cmd.args(program)
        .kill_on_drop(true)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(e2e.root().join("login.log")).unwrap());
    e2e.put_in_session(&mut cmd, &[]);
    let mut child = cmd.spawn().expect("the login command starts");
    let pid = child.id().unwrap();
    let Some(tray) = watcher.item_of(pid, REGISTER).await.map(TrayItem) else {
        return e2e.fail("the tray item of the login start did not register").await;
    };
    eprintln!("login start to tray item: {:?}", started.elapsed());
    let shown = labels(&watcher, &tray).await;
    assert_eq!(shown[0], DISPLAY_NAME, "the link is shown without opening anything: {shown:?}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(windows_of(CLASS).is_empty(), "no window at login");
    assert!(web_processes(pid).is_empty(), "no web view at login");

    // Its Copy token works without a window ever opened.
    tray.click(watcher.connection(), "Copy token").await;
    let token = copied(&e2e, "the login start's Copy token").await;
    assert_eq!(e2e.me_status(token.trim()).await, 200);
    tray.click(watcher.connection(), "Quit SpotLink").await;
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("it quits").unwrap();
    assert!(status.success(), "{status:?}");

    // Turned off again: the entry is gone.
    e2e.launch().await;
    e2e.js("document.getElementById('autostart-toggle').scrollIntoView({block: 'center'});", vec![]).await;
    e2e.click("#autostart-toggle").await;
    eventually(&e2e, "the autostart entry to go", || !entry_path.exists()).await;
    e2e.finish().await;
}
