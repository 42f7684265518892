//! The fake browser itself: it must never loop a `spotlink://` link back to
//! xdg-open (which falls back to $BROWSER for schemes it cannot open), and it
//! only ever follows URLs on the emulator.

use std::path::Path;
use std::process::{Command, Output};

fn run(url: &[&str], log: &Path) -> Output {
    Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/e2e-browser"))
        .args(url)
        .env("SPOTLINK_E2E_BROWSER_LOG", log)
        .env("SPOTLINK_ACCOUNTS_URL", "http://127.0.0.1:9")
        .env_remove("SPOTLINK_E2E_BROWSER_GATE")
        .output()
        .expect("scripts/e2e-browser runs")
}

#[test]
fn fake_browser_refuses_what_is_not_http_and_follows_only_the_emulator() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("browser.log");
    for args in [&["spotlink://callback?code=x&state=y"][..], &["file:///etc/passwd"], &[], &["http://a", "http://b"]] {
        let out = run(args, &log);
        assert_eq!(out.status.code(), Some(2), "{args:?} is refused");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refused"), "{args:?}: says why on stderr");
    }
    let out = run(&["https://www.spotify.com/account/apps/"], &log);
    assert!(out.status.success(), "other web pages are 'opened' (logged, not fetched)");
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(log.contains("not followed") && log.contains("https://www.spotify.com/account/apps/"), "{log}");
    assert!(log.contains("refused: not an http(s) URL: spotlink://callback"), "{log}");
}
