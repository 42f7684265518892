//! A `spotlink://callback` that does not belong to the pending sign-in (a
//! forged or stale `state`, a replayed code, a link that starts the app) is
//! ignored with a visible message and never reaches Spotify, and the real
//! sign-in still completes.

use crate::flows::{assert_linked, expect_mismatch_reported};
use crate::harness::{E2e, Opener, Options};

const FORGED: &str = "spotlink://callback?code=x&state=forged";

async fn deliver_forged(e2e: &E2e) {
    let (ok, output) = e2e.open_url(Opener::XdgOpen, FORGED).await;
    if !ok {
        e2e.fail::<()>(&format!("xdg-open {FORGED} failed (is the spotlink:// handler registered?):\n{output}")).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_callback_is_ignored_and_the_real_sign_in_completes() {
    let mut e2e = E2e::start(Options { hold_browser: true, ..Options::default() }).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("waiting for the test to open the gate").await;

    // During the sign-in.
    let notice_before = e2e.text("#notice").await;
    deliver_forged(&e2e).await;
    let shown = expect_mismatch_reported(&e2e, notice_before).await;
    assert_eq!(e2e.screen().await, "waiting", "the sign-in is still pending after a forged answer ({shown})");
    e2e.screenshot("state-mismatch").await;
    assert!(e2e.keychain().is_none(), "a forged answer links nothing");
    assert_eq!(e2e.emulator().stats().token_requests, 0, "the forged code was never sent to Spotify");

    // The real answer still works.
    e2e.release_browser();
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    let record = e2e.keychain().expect("linked");

    // While linked, with no sign-in pending.
    let notice_before = e2e.text("#notice").await;
    deliver_forged(&e2e).await;
    let shown = expect_mismatch_reported(&e2e, notice_before).await;
    assert_eq!(e2e.screen().await, "linked", "a forged answer does not change the linked view ({shown})");
    let after = e2e.keychain().expect("still linked");
    assert_eq!(after["refresh_token"], record["refresh_token"], "the stored link did not change");
    assert_eq!(after["authorized_at"], record["authorized_at"], "the stored link did not change");
    let stats = e2e.emulator().stats();
    assert_eq!(stats.codes_exchanged, 1, "only the real code was exchanged");
    assert!(
        e2e.requests().iter().all(|r| r.path != "/api/token" || r.status == 200),
        "no failed token request: the forged code never reached Spotify"
    );
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_redirect_is_not_exchanged_again() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    crate::flows::link(&e2e).await;
    assert_linked(&e2e).await;
    let record = e2e.keychain().expect("linked");
    let redirect = e2e.redirects().pop().expect("the fake browser recorded the redirect");
    let token_requests = e2e.emulator().stats().token_requests;

    // The same spotlink://callback?code=…&state=… again (browser history, a reload).
    let notice_before = e2e.text("#notice").await;
    let (ok, output) = e2e.open_url(Opener::XdgOpen, &redirect).await;
    assert!(ok, "xdg-open delivered the replayed redirect: {output}");
    let shown = expect_mismatch_reported(&e2e, notice_before).await;
    assert_eq!(e2e.screen().await, "linked", "a replayed answer changes nothing ({shown})");
    assert_eq!(e2e.emulator().stats().token_requests, token_requests, "the used code is not sent to Spotify again");
    assert_eq!(e2e.keychain().expect("still linked"), record, "the stored link did not change");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_that_starts_the_app_is_ignored_safely() {
    // No instance runs: the OS starts the app with the link as its argument.
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch_with_args(&[FORGED]).await;
    e2e.expect_screen("unlinked").await;
    let shown = expect_mismatch_reported(&e2e, None).await;
    assert!(e2e.keychain().is_none(), "nothing linked from a stray link ({shown})");
    assert_eq!(e2e.emulator().stats().token_requests, 0, "the stray code is never sent to Spotify");
    e2e.finish().await;
}
