//! The app's identity: the footer shows the workspace version, and the identifier
//! moved from `dev.spotlink.app` to `dev.spotlink.SpotLink`: the app answers on the
//! new single-instance name and removes the old web view caches
//! (src-tauri/old_identifier.rs), which held nothing the window needs.

use std::time::{Duration, Instant};

use crate::harness::{E2e, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_identifier_is_used_and_the_old_caches_are_removed() {
    let mut e2e = E2e::start(Options::default()).await;
    let old = e2e.root().join("data/dev.spotlink.app");
    std::fs::create_dir_all(old.join("WebKitCache/Version 16")).unwrap();
    std::fs::create_dir_all(old.join("storage")).unwrap();
    std::fs::write(old.join("hsts-storage.sqlite"), b"").unwrap();
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    let footer = e2e.text("#app-version").await;
    assert_eq!(
        footer.as_deref(),
        Some(concat!("SpotLink ", env!("CARGO_PKG_VERSION"))),
        "the footer shows the version"
    );

    let deadline = Instant::now() + Duration::from_secs(10);
    while old.exists() {
        if Instant::now() > deadline {
            e2e.fail::<()>(&format!("{} is still there 10 s after start-up", old.display())).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(e2e.root().join("data/dev.spotlink.SpotLink").is_dir(), "the web view's data moved to the new identifier");

    let mut ask = tokio::process::Command::new("dbus-send");
    ask.args([
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        "string:dev.spotlink.SpotLink.SingleInstance",
    ]);
    let answer = ask.output().await.unwrap();
    assert!(
        String::from_utf8_lossy(&answer.stdout).contains("boolean true"),
        "the running app owns the new single-instance name"
    );
    e2e.finish().await;
}
