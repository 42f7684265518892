//! Spotify unreachable while linked: an expired token is never handed out,
//! the error says what is wrong, and unlinking still works (it is local).

use std::process::{Command, Stdio};
use std::time::Duration;

use spotify_emulator::EmulatorConfig;

use crate::flows::link;
use crate::harness::{E2e, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_with_an_expired_token_copy_fails_clearly_and_unlink_works() {
    // Two-second tokens: expired by the time the test looks.
    let mut e2e = E2e::start(Options {
        emulator: EmulatorConfig { access_ttl: Duration::from_secs(2), ..EmulatorConfig::default() },
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.wait_for(
        "the access token to expire",
        "return document.getElementById('token-expiry')?.classList.contains('token__expiry--expired');",
        vec![],
    )
    .await;
    e2e.stop_emulator().await;

    // Something else on the clipboard; `-loops 1`: xclip serves one paste, then exits.
    let mut xclip = Command::new("xclip")
        .args(["-selection", "clipboard", "-i", "-loops", "1"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("xclip runs");
    std::io::Write::write_all(&mut xclip.stdin.take().unwrap(), b"before").unwrap();
    e2e.click("#copy-token").await;
    e2e.wait_for(
        "an error banner of kind \"network\"",
        "return document.getElementById('error-banner')?.dataset.kind === 'network';",
        vec![],
    )
    .await;
    let out = Command::new("xclip").args(["-selection", "clipboard", "-o"]).output().expect("xclip runs");
    let _ = xclip.wait();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before", "an expired token must not reach the clipboard");
    assert_eq!(e2e.screen().await, "linked");

    e2e.click("#unlink").await;
    e2e.click("#unlink-confirm").await;
    e2e.expect_screen("unlinked").await;
    assert!(e2e.keychain().is_none(), "unlinking offline removes the keychain entry");
    assert!(!e2e.state_file().exists(), "unlinking offline removes the state file");
    e2e.finish().await;
}
