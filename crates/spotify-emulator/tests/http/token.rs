//! `POST /api/token` with `grant_type=authorization_code`.

use std::time::Duration;

use reqwest::{header, StatusCode};
use spotify_emulator::EmulatorConfig;

use crate::support::*;

#[tokio::test]
async fn rfc7636_appendix_b_pair_is_accepted() {
    let emu = start().await;
    let code = authorize_code(&emu, RFC_CHALLENGE, REDIRECT, "user-read-private user-read-email").await;
    assert!(code.len() >= 43, "≥ 32 bytes of entropy, base64url");
    let response = exchange(&emu, &code, REDIRECT, RFC_VERIFIER).await;
    assert_eq!(response.headers().get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    let body = json_ok(response).await;
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "user-read-private user-read-email");
    assert!(body["access_token"].as_str().is_some_and(|t| t.len() >= 43));
    assert!(body["refresh_token"].as_str().is_some_and(|t| t.len() >= 43));
    let stats = emu.stats();
    assert_eq!((stats.authorizations, stats.codes_exchanged, stats.token_requests), (1, 1, 1));
}

#[tokio::test]
async fn no_scope_grants_an_empty_scope() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    assert_eq!(tokens.scope, "");
}

#[tokio::test]
async fn wrong_verifier_is_refused_and_burns_the_code() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let other = Pkce::new();
    let description =
        oauth_error(exchange(&emu, &code, REDIRECT, &other.verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
            .await;
    assert_eq!(description, "code_verifier was incorrect");
    // Single use means single attempt.
    let description =
        oauth_error(exchange(&emu, &code, REDIRECT, &pkce.verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
            .await;
    assert_eq!(description, "Invalid authorization code");
}

#[tokio::test]
async fn verifier_outside_the_rfc_alphabet_or_length_is_refused_even_if_it_hashes_right() {
    let emu = start().await;
    for verifier in ["short-but-hashes-correctly".to_owned(), format!("{}+/", "a".repeat(50)), "a".repeat(129)] {
        let challenge = spotify_emulator_challenge(&verifier);
        let code = authorize_code(&emu, &challenge, REDIRECT, "").await;
        let description =
            oauth_error(exchange(&emu, &code, REDIRECT, &verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
                .await;
        assert_eq!(description, "code_verifier was incorrect", "{verifier}");
    }
}

fn spotify_emulator_challenge(verifier: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

#[tokio::test]
async fn redirect_uri_must_be_byte_identical() {
    let emu = start().await;
    for other in ["http://127.0.0.1:53683/callback", "http://127.0.0.1:53682/callback/", "http://127.0.0.1/callback"] {
        let pkce = Pkce::new();
        let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
        let description =
            oauth_error(exchange(&emu, &code, other, &pkce.verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
                .await;
        assert_eq!(description, "Invalid redirect URI", "{other}");
    }
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let response = post_token(
        &emu,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("client_id", CLIENT_ID),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    oauth_error(response, StatusCode::BAD_REQUEST, "invalid_request").await;
}

#[tokio::test]
async fn replayed_code_is_refused_and_revokes_what_it_issued() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let first = json_ok(exchange(&emu, &code, REDIRECT, &pkce.verifier).await).await;
    let description =
        oauth_error(exchange(&emu, &code, REDIRECT, &pkce.verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
            .await;
    assert_eq!(description, "Invalid authorization code");

    api_error(me(&emu, &str_field(&first, "access_token")).await, StatusCode::UNAUTHORIZED, "Invalid access token")
        .await;
    let refreshed = refresh(&emu, &str_field(&first, "refresh_token")).await;
    assert_eq!(oauth_error(refreshed, StatusCode::BAD_REQUEST, "invalid_grant").await, "Refresh token revoked");
    let stats = emu.stats();
    assert_eq!((stats.replays_detected, stats.grants_revoked, stats.codes_exchanged), (1, 1, 1));
}

#[tokio::test]
async fn expired_code_is_refused() {
    let emu = start_with(EmulatorConfig { code_ttl: Duration::from_millis(1), ..EmulatorConfig::default() }).await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let description =
        oauth_error(exchange(&emu, &code, REDIRECT, &pkce.verifier).await, StatusCode::BAD_REQUEST, "invalid_grant")
            .await;
    assert_eq!(description, "Authorization code expired");
}

#[tokio::test]
async fn unknown_code_is_refused() {
    let emu = start().await;
    let description = oauth_error(
        exchange(&emu, &"x".repeat(43), REDIRECT, RFC_VERIFIER).await,
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    )
    .await;
    assert_eq!(description, "Invalid authorization code");
}

#[tokio::test]
async fn json_body_is_refused() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let response = http()
        .post(format!("{}/api/token", emu.accounts_url()))
        .json(&serde_json::json!({
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT_ID,
            "code_verifier": pkce.verifier,
        }))
        .send()
        .await
        .expect("request");
    oauth_error(response, StatusCode::BAD_REQUEST, "invalid_request").await;
    // A form body without its Content-Type is refused too.
    let response = http()
        .post(format!("{}/api/token", emu.accounts_url()))
        .body(format!("grant_type=authorization_code&code={code}&client_id={CLIENT_ID}"))
        .send()
        .await
        .expect("request");
    oauth_error(response, StatusCode::BAD_REQUEST, "invalid_request").await;
    // The refused requests did not use the code up.
    json_ok(exchange(&emu, &code, REDIRECT, &pkce.verifier).await).await;
}

#[tokio::test]
async fn missing_or_unknown_client_id_is_invalid_client() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let base = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", pkce.verifier.as_str()),
    ];
    let description = oauth_error(post_token(&emu, &base).await, StatusCode::BAD_REQUEST, "invalid_client").await;
    assert_eq!(description, "Invalid client");
    let mut unknown = base.to_vec();
    unknown.push(("client_id", "someone-else"));
    oauth_error(post_token(&emu, &unknown).await, StatusCode::BAD_REQUEST, "invalid_client").await;
}

#[tokio::test]
async fn code_of_another_client_is_refused() {
    let emu = start_with(EmulatorConfig {
        client_ids: vec![CLIENT_ID.into(), "other-client".into()],
        ..EmulatorConfig::default()
    })
    .await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let response = post_token(
        &emu,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", "other-client"),
            ("code_verifier", &pkce.verifier),
        ],
    )
    .await;
    oauth_error(response, StatusCode::BAD_REQUEST, "invalid_grant").await;
}

#[tokio::test]
async fn missing_verifier_and_duplicate_parameters_are_invalid_request() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "").await;
    let no_verifier = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", CLIENT_ID),
    ];
    oauth_error(post_token(&emu, &no_verifier).await, StatusCode::BAD_REQUEST, "invalid_request").await;
    let mut twice = no_verifier.to_vec();
    twice.push(("code_verifier", &pkce.verifier));
    twice.push(("code_verifier", &pkce.verifier));
    oauth_error(post_token(&emu, &twice).await, StatusCode::BAD_REQUEST, "invalid_request").await;
}

#[tokio::test]
async fn unknown_or_missing_grant_type_is_unsupported() {
    let emu = start().await;
    for form in [
        vec![("grant_type", "password"), ("client_id", CLIENT_ID)],
        vec![("client_id", CLIENT_ID)],
        vec![("grant_type", "client_credentials")],
    ] {
        oauth_error(post_token(&emu, &form).await, StatusCode::BAD_REQUEST, "unsupported_grant_type").await;
    }
    let log = emu.request_log();
    assert_eq!(log[0].grant_type.as_deref(), Some("password"));
    assert!(log[0].error.as_deref().is_some_and(|e| e.starts_with("unsupported_grant_type")));
}

#[tokio::test]
async fn get_on_the_token_endpoint_is_not_allowed() {
    let emu = start().await;
    let response = http().get(format!("{}/api/token", emu.accounts_url())).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}
