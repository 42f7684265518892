//! Network trouble, rate limits and garbage: clear errors, bounded retries, and the
//! stored link always survives.

mod common;

use std::time::{Duration, Instant};

use common::Harness;
use spotify_emulator::Fault;
use spotlink_core::{Error, ErrorKind};

async fn linked() -> (Harness, spotlink_core::store::StoredLink) {
    let h = Harness::default().await;
    let link = h.link("user-read-email", false).await;
    (h, link)
}

/// After any failure the stored link is unchanged and still refreshes.
async fn assert_link_survives(h: &Harness, before: &spotlink_core::store::StoredLink) {
    let now = h.engine.load().await.unwrap().unwrap();
    assert_eq!(now.record.refresh_token, before.record.refresh_token);
    let served = h.engine.refresh().await.expect("the link still works");
    assert_eq!(h.me_status(served.token.secret()).await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn persistent_server_errors_give_up_after_bounded_retries() {
    let (h, link) = linked().await;
    let before = h.emulator.stats().token_requests;
    h.emulator.inject_faults(Fault::ServerError, 3);
    let err = h.engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert_eq!(h.emulator.stats().token_requests - before, 3, "three attempts, then stop");
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_passing_outage_is_retried() {
    let (h, link) = linked().await;
    h.emulator.inject_faults(Fault::Unavailable, 2);
    let served = h.engine.refresh().await.unwrap();
    assert_eq!(h.me_status(served.token.secret()).await, 200);
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn short_retry_after_is_honoured() {
    let (h, _) = linked().await;
    h.emulator.inject_faults(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let start = Instant::now();
    h.engine.refresh().await.unwrap();
    assert!(start.elapsed() >= Duration::from_secs(1), "waited for Retry-After");
}

#[tokio::test(flavor = "multi_thread")]
async fn long_retry_after_is_reported() {
    let (h, link) = linked().await;
    h.emulator.inject_faults(Fault::RateLimited { retry_after_secs: 60 }, 1);
    let err = h.engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.retry_after_secs(), Some(60));
    assert!(err.to_string().contains("60 s"), "{err}");
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_slow_server_times_out_without_retrying() {
    let (h, link) = linked().await;
    let before = h.emulator.stats().token_requests;
    h.emulator.inject_faults(Fault::Slow { delay: Duration::from_secs(4) }, 1);
    let err = h.engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert_eq!(h.emulator.stats().token_requests - before, 1, "a timed-out refresh may have been used: no resend");
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn garbage_is_an_error_not_a_crash() {
    let (h, link) = linked().await;
    h.emulator.inject_faults(Fault::Garbage, 1);
    let err = h.engine.refresh().await.unwrap_err();
    assert!(matches!(err, Error::Token(spotlink_core::token::TokenError::Malformed(_))), "{err}");
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_server_is_reported() {
    let (h, link) = linked().await;
    // An engine pointed at a port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = &h.dir;
    let paths = spotlink_core::config::Paths::new(dir.path().join("config"), dir.path().join("data"));
    let service = h.service.clone();
    let env = move |name: &str| match name {
        "SPOTLINK_CLIENT_ID" => Some("spotlink-test-client".to_owned()),
        "SPOTLINK_ACCOUNTS_URL" => Some(format!("http://127.0.0.1:{closed}")),
        "SPOTLINK_KEYRING_SERVICE" => Some(service.clone()),
        _ => None,
    };
    let config = spotlink_core::config::Config::resolve(Default::default(), paths.config_file(), env).unwrap();
    let engine = spotlink_core::Engine::new(config, paths, std::sync::Arc::new(h.secrets()), common::test_options());
    let err = engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert!(err.to_string().contains("cannot reach"), "{err}");
    assert_link_survives(&h, &link).await;
}
