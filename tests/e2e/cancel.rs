//! Cancelling a sign-in: Spotify's answer arriving afterwards is ignored.

use crate::flows::expect_mismatch_reported;
use crate::harness::{E2e, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_after_cancel_is_ignored() {
    let mut e2e = E2e::start(Options { hold_browser: true, ..Options::default() }).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("waiting for the test to open the gate").await;

    e2e.click("#cancel-link").await;
    e2e.expect_screen("unlinked").await;

    // The user approves in the browser anyway; the answer reaches the app.
    let notice_before = e2e.text("#notice").await;
    e2e.release_browser();
    e2e.wait_browser_log("xdg-open exited with status 0").await;
    let shown = expect_mismatch_reported(&e2e, notice_before).await;
    assert_eq!(e2e.screen().await, "unlinked", "a cancelled sign-in does not link ({shown})");
    assert!(e2e.keychain().is_none(), "nothing stored after a cancelled sign-in");
    assert!(!e2e.state_file().exists(), "no state file after a cancelled sign-in");
    assert_eq!(e2e.emulator().stats().codes_exchanged, 0, "the code of a cancelled sign-in is not exchanged");
    e2e.finish().await;
}
