//! Network trouble, rate limits and garbage: clear errors, bounded retries, and the
//! stored link always survives.

mod common;

use std::time::{Duration, Instant};

use common::Harness;
use spotify_emulator::Fault;
use spotlink_core::authorize::RedirectUri;
use spotlink_core::callback::{self, PendingFlow};
use spotlink_core::scopes::ScopeSet;
use spotlink_core::{Error, ErrorKind};
use time::OffsetDateTime;

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

/// A sign-in up to the code exchange and profile read, returning what `finish_link` says.
async fn relink(h: &Harness, scopes: &str) -> Result<spotlink_core::store::StoredLink, Error> {
    let mut flow = PendingFlow::new();
    let scopes = ScopeSet::parse_requested(scopes).unwrap();
    let pending = flow.begin(h.engine.begin_link(scopes, RedirectUri::deep_link(), true, None).unwrap());
    let location = h.authorize(pending).await;
    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    h.engine.finish_link(completed).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_hiccup_after_the_code_exchange_does_not_cost_the_sign_in() {
    let (h, _) = linked().await;
    let before = h.emulator.stats().me_requests;
    h.emulator.inject_api_faults(Fault::Unavailable, 1);
    h.emulator.inject_api_faults(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let link = relink(&h, "user-read-email user-read-private").await.expect("the sign-in completes");
    assert_eq!(h.emulator.stats().me_requests - before, 3, "two failures, then the profile");
    assert!(link.record.account.country.is_some(), "the new grant's profile was read");
    assert_eq!(h.engine.load().await.unwrap().unwrap().record.refresh_token, link.record.refresh_token);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_lasting_profile_outage_fails_the_sign_in_and_keeps_the_link() {
    let (h, link) = linked().await;
    let before = h.emulator.stats().me_requests;
    h.emulator.inject_api_faults(Fault::ServerError, 3);
    let err = relink(&h, "user-read-email user-read-private").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Network, "{err}");
    assert_eq!(h.emulator.stats().me_requests - before, 3, "three attempts, then stop");
    assert_link_survives(&h, &link).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreadable_profile_is_not_retried() {
    let (h, link) = linked().await;
    let before = h.emulator.stats().me_requests;
    h.emulator.inject_api_faults(Fault::Garbage, 1);
    let err = relink(&h, "user-read-email").await.unwrap_err();
    assert_eq!(h.emulator.stats().me_requests - before, 1, "{err}");
    assert_link_survives(&h, &link).await;
}
