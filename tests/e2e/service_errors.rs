//! What Spotify can answer besides "yes": an account missing from a
//! development-mode app's allow-list, rate limiting and server errors during
//! the code exchange. Each shows its own kind of error banner.

use serde_json::json;
use spotify_emulator::{EmulatorConfig, Fault};

use crate::harness::{E2e, Options};

async fn expect_banner(e2e: &E2e, kind: &str) -> String {
    e2e.wait_for(
        &format!("an error banner of kind {kind:?}"),
        "return document.getElementById('error-banner')?.dataset.kind === arguments[0];",
        vec![json!(kind)],
    )
    .await;
    let message = e2e.text("#error-banner .banner__message").await.unwrap_or_default();
    assert!(!message.is_empty(), "the {kind} banner says what happened");
    message
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_not_on_the_allow_list_is_explained() {
    let mut e2e = E2e::start(Options {
        emulator: EmulatorConfig { allow_listed: false, ..EmulatorConfig::default() },
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    let message = expect_banner(&e2e, "not_allow_listed").await;
    e2e.screenshot("error-not-allow-listed").await;
    assert_ne!(e2e.screen().await, "waiting", "the sign-in is over ({message})");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_code_exchange_says_when_to_retry() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.emulator().inject_faults(Fault::RateLimited { retry_after_secs: 600 }, 20);
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    expect_banner(&e2e, "rate_limited").await;
    assert!(e2e.keychain().is_none(), "nothing stored");
    assert_ne!(e2e.screen().await, "linked");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_during_the_code_exchange_are_a_network_problem() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.emulator().inject_faults(Fault::ServerError, 20);
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    expect_banner(&e2e, "network").await;
    assert!(e2e.keychain().is_none(), "nothing stored");
    assert_ne!(e2e.screen().await, "linked");
    e2e.finish().await;
}
