//! Injected token-endpoint and Web API faults.

use std::time::{Duration, Instant};

use reqwest::{header, StatusCode};
use spotify_emulator::Fault;

use crate::support::*;

#[tokio::test]
async fn server_errors_then_normal_service() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.inject_faults(Fault::ServerError, 2);
    emu.inject_faults(Fault::Unavailable, 1);
    for (status, error) in [
        (StatusCode::INTERNAL_SERVER_ERROR, "server_error"),
        (StatusCode::INTERNAL_SERVER_ERROR, "server_error"),
        (StatusCode::SERVICE_UNAVAILABLE, "temporarily_unavailable"),
    ] {
        oauth_error(refresh(&emu, &tokens.refresh).await, status, error).await;
    }
    json_ok(refresh(&emu, &tokens.refresh).await).await;
    let stats = emu.stats();
    assert_eq!((stats.refreshes, stats.token_requests), (1, 5));
    let log = emu.request_log();
    assert_eq!(log.iter().filter(|e| e.error.as_deref() == Some("fault:500")).count(), 2);
}

#[tokio::test]
async fn rate_limit_has_retry_after() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.inject_faults(Fault::RateLimited { retry_after_secs: 7 }, 1);
    let response = refresh(&emu, &tokens.refresh).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("7"));
    json_ok(refresh(&emu, &tokens.refresh).await).await;
}

#[tokio::test]
async fn slow_delays_then_answers_normally() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.inject_faults(Fault::Slow { delay: Duration::from_millis(300) }, 1);
    let started = Instant::now();
    json_ok(refresh(&emu, &tokens.refresh).await).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    // A client with a short timeout sees a timeout.
    emu.inject_faults(Fault::Slow { delay: Duration::from_millis(500) }, 1);
    let timed_out = http()
        .post(format!("{}/api/token", emu.accounts_url()))
        .timeout(Duration::from_millis(100))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", tokens.refresh.as_str()), ("client_id", CLIENT_ID)])
        .send()
        .await;
    assert!(timed_out.is_err_and(|e| e.is_timeout()));
}

#[tokio::test]
async fn garbage_is_a_200_that_does_not_parse() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.inject_faults(Fault::Garbage, 1);
    let response = refresh(&emu, &tokens.refresh).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.expect("body");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn faults_come_before_validation_and_do_not_consume_the_code() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    emu.inject_faults(Fault::Unavailable, 1);
    oauth_error(
        exchange(&emu, &code, REDIRECT, &pkce.verifier).await,
        StatusCode::SERVICE_UNAVAILABLE,
        "temporarily_unavailable",
    )
    .await;
    json_ok(exchange(&emu, &code, REDIRECT, &pkce.verifier).await).await;
}

#[tokio::test]
async fn faults_only_hit_the_token_endpoint() {
    let emu = start().await;
    emu.inject_faults(Fault::ServerError, 1);
    let response = get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let response = me(&emu, "x").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Still queued for the token endpoint.
    let response = refresh(&emu, "x").await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn api_faults_hit_v1_me_only_in_its_own_error_shape() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.inject_api_faults(Fault::Unavailable, 1);
    // The token endpoint is not affected by Web API faults.
    json_ok(refresh(&emu, &tokens.refresh).await).await;
    api_error(me(&emu, &tokens.access).await, StatusCode::SERVICE_UNAVAILABLE, "Service unavailable").await;
    json_ok(me(&emu, &tokens.access).await).await;
    assert_eq!(emu.stats().me_requests, 2);
}
