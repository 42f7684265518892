//! The user declines on Spotify's consent page.

use crate::harness::{E2e, Options};
use spotify_emulator::{Consent, EmulatorConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_consent_shows_why_and_stores_nothing() {
    let mut e2e = E2e::start(Options {
        emulator: EmulatorConfig { consent: Consent::AutoDeny, ..EmulatorConfig::default() },
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;

    e2e.wait_for(
        "an error banner of kind \"denied\"",
        "return document.getElementById('error-banner')?.dataset.kind === 'denied';",
        vec![],
    )
    .await;
    let banner = e2e.text("#error-banner").await.unwrap_or_default();
    assert!(banner.len() > 20, "the banner explains what happened: {banner:?}");
    let message = e2e.text("#error-banner .banner__message").await.unwrap_or_default();
    assert!(!message.is_empty(), "the banner has a message, not just a title: {banner:?}");
    // The sign-in is over: back to the screen where linking starts.
    e2e.expect_screen("unlinked").await;
    e2e.screenshot("error-denied").await;

    assert_eq!(e2e.emulator().stats().codes_exchanged, 0);
    assert!(e2e.keychain().is_none(), "nothing in the keychain after a declined sign-in");
    assert!(!e2e.state_file().exists(), "no state file after a declined sign-in");
    e2e.finish().await;
}
