//! A second `spotlink-app` (what the OS starts for a link while the app runs)
//! hands its arguments to the running instance before it touches the window
//! system, and exits cleanly.

use crate::flows::expect_mismatch_reported;
use crate::harness::{E2e, Options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_process_hands_over_before_starting_the_window_system() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;

    // With no display at all, GTK could not even start: the hand-off must come
    // first. (Through the plugin it came after GTK and a thread talking to the X
    // server had started, and exiting then could crash the process.)
    let notice_before = e2e.text("#notice").await;
    let (ok, output) = e2e
        .run_second_instance(&["spotlink://callback?code=x&state=handed-over"], &["DISPLAY", "WAYLAND_DISPLAY"])
        .await;
    assert!(ok, "the second process exits successfully after the hand-off:\n{output}");
    let shown = expect_mismatch_reported(&e2e, notice_before).await;
    assert_eq!(e2e.screen().await, "unlinked", "the running instance got the link and changed nothing ({shown})");

    // Started again by hand, with no link: it only brings the window forward.
    let (ok, output) = e2e.run_second_instance(&[], &[]).await;
    assert!(ok, "a plain second start exits successfully:\n{output}");
    assert_eq!(e2e.screen().await, "unlinked", "the first instance still runs, unchanged");
    e2e.finish().await;
}
