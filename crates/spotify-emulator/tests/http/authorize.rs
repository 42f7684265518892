//! `GET /authorize` and the consent page.

use reqwest::{header, StatusCode};
use spotify_emulator::{Consent, EmulatorConfig, User};

use crate::support::*;

async fn error_page(response: reqwest::Response, message: &str) {
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.headers().get(header::LOCATION).is_none(), "must not redirect");
    let page = response.text().await.expect("page");
    assert!(page.contains(message), "page: {page}");
}

#[tokio::test]
async fn unknown_or_missing_client_gets_an_error_page_not_a_redirect() {
    let emu = start().await;
    let params = authorize_params(RFC_CHALLENGE, REDIRECT, "");
    let unknown = with(params.clone(), "client_id", Some("someone-else"));
    error_page(get_authorize(&emu, &unknown).await, "INVALID_CLIENT: Invalid client").await;
    let missing = with(params, "client_id", None);
    error_page(get_authorize(&emu, &missing).await, "INVALID_CLIENT: Invalid client").await;
    assert_eq!(emu.stats().authorizations, 0);
}

#[tokio::test]
async fn unregistered_redirect_uri_gets_an_error_page() {
    let emu = start().await;
    let params = authorize_params(RFC_CHALLENGE, REDIRECT, "");
    for uri in [
        "spotlink://callback/",
        "spotlink://other",
        "https://example.com/callback",
        "http://127.0.0.1:53682/callback/",
        "http://127.0.0.1:53682/Callback",
    ] {
        let response = get_authorize(&emu, &with(params.clone(), "redirect_uri", Some(uri))).await;
        error_page(response, "INVALID_CLIENT: Invalid redirect URI").await;
    }
    let missing = with(params, "redirect_uri", None);
    error_page(get_authorize(&emu, &missing).await, "INVALID_CLIENT: Invalid redirect URI").await;
}

#[tokio::test]
async fn localhost_and_remote_http_redirects_are_refused() {
    let emu = start().await;
    let params = authorize_params(RFC_CHALLENGE, REDIRECT, "");
    for uri in ["http://localhost:53682/callback", "http://localhost/callback", "http://192.168.1.2:53682/callback"] {
        let response = get_authorize(&emu, &with(params.clone(), "redirect_uri", Some(uri))).await;
        error_page(response, "INVALID_CLIENT: Invalid redirect URI").await;
    }
}

#[tokio::test]
async fn registering_localhost_is_refused_at_start() {
    let config =
        EmulatorConfig { redirect_uris: vec!["http://localhost/callback".into()], ..EmulatorConfig::default() };
    let error = spotify_emulator::Emulator::start(config).await.expect_err("refused");
    assert_eq!(error.kind(), std::io::ErrorKind::InvalidInput);
}

#[tokio::test]
async fn loopback_registered_without_port_accepts_any_port() {
    let emu = start_with(EmulatorConfig {
        redirect_uris: vec!["http://127.0.0.1/callback".into(), "http://[::1]/callback".into()],
        ..EmulatorConfig::default()
    })
    .await;
    for uri in ["http://127.0.0.1:1234/callback", "http://127.0.0.1:65000/callback", "http://[::1]:8080/callback"] {
        let response = get_authorize(&emu, &authorize_params(RFC_CHALLENGE, uri, "")).await;
        let location = location(&response);
        assert!(location.starts_with(&format!("{uri}?code=")), "{location}");
    }
}

#[tokio::test]
async fn custom_scheme_redirect_keeps_its_query_and_encodes_state() {
    let emu = start_with(EmulatorConfig {
        redirect_uris: vec!["spotlink://callback?from=app".into()],
        ..EmulatorConfig::default()
    })
    .await;
    let params = authorize_params(RFC_CHALLENGE, "spotlink://callback?from=app", "");
    let params = with(params, "state", Some("a b&c=d/é"));
    let response = get_authorize(&emu, &params).await;
    let location = location(&response);
    assert!(location.starts_with("spotlink://callback?from=app&code="), "{location}");
    let query = redirect_params(&response);
    assert_eq!(query["state"], "a b&c=d/é");
    assert_eq!(query["from"], "app");
}

#[tokio::test]
async fn errors_after_redirect_validation_go_to_the_redirect_with_state() {
    let emu = start().await;
    let good = authorize_params(RFC_CHALLENGE, REDIRECT, "user-read-email");
    let cases = [
        (with(good.clone(), "response_type", Some("token")), "unsupported_response_type"),
        (with(good.clone(), "response_type", None), "invalid_request"),
        (with(good.clone(), "code_challenge_method", Some("plain")), "invalid_request"),
        (with(good.clone(), "code_challenge_method", None), "invalid_request"),
        (with(good.clone(), "code_challenge", None), "invalid_request"),
        (with(good.clone(), "code_challenge", Some("too-short")), "invalid_request"),
        (with(good.clone(), "code_challenge", Some(&format!("{RFC_CHALLENGE}="))), "invalid_request"),
        (with(good.clone(), "scope", Some("user-read-email user-read-everything")), "invalid_scope"),
        (with(good.clone(), "scope", Some("user-read-email,user-top-read")), "invalid_scope"),
    ];
    for (params, error) in cases {
        let response = get_authorize(&emu, &params).await;
        let query = redirect_params(&response);
        assert_eq!(query.get("error").map(String::as_str), Some(error), "{params:?}");
        assert_eq!(query.get("state").map(String::as_str), Some("st-123"));
        assert!(!query.contains_key("code"));
    }
    assert_eq!(emu.stats().authorizations, 0);
}

#[tokio::test]
async fn plain_pkce_is_refused_even_with_a_valid_looking_challenge() {
    let emu = start().await;
    let params = authorize_params(&"a".repeat(43), REDIRECT, "");
    let params = with(params, "code_challenge_method", Some("plain"));
    let query = redirect_params(&get_authorize(&emu, &params).await);
    assert_eq!(query["error"], "invalid_request");
}

#[tokio::test]
async fn auto_deny_redirects_access_denied_with_state() {
    let emu = start_with(EmulatorConfig { consent: Consent::AutoDeny, ..EmulatorConfig::default() }).await;
    let query = redirect_params(&get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await);
    assert_eq!(query.get("error").map(String::as_str), Some("access_denied"));
    assert_eq!(query.get("state").map(String::as_str), Some("st-123"));
    assert!(!query.contains_key("code"));
}

#[tokio::test]
async fn show_dialog_and_requested_scope_are_logged() {
    let emu = start().await;
    let params = with(authorize_params(RFC_CHALLENGE, REDIRECT, "user-top-read"), "show_dialog", Some("true"));
    let response = get_authorize(&emu, &params).await;
    assert_eq!(response.status(), StatusCode::FOUND, "auto modes still decide");
    let log = emu.request_log();
    let entry = log.last().expect("logged");
    assert_eq!(entry.path, "/authorize");
    assert_eq!(entry.show_dialog, Some(true));
    assert_eq!(entry.scope.as_deref(), Some("user-top-read"));
    assert_eq!(entry.status, 302);
}

/// Extracts the hidden `consent_id` from the consent page.
fn consent_id(page: &str) -> String {
    let marker = "name=\"consent_id\" value=\"";
    let start = page.find(marker).expect("consent_id field") + marker.len();
    let len = page[start..].find('"').expect("closing quote");
    page[start..start + len].to_owned()
}

async fn decide(emu: &spotify_emulator::EmulatorHandle, id: &str, decision: &str) -> reqwest::Response {
    decide_with(emu, &[("consent_id", id), ("decision", decision)]).await
}

/// Posts the consent page's form with `fields`.
async fn decide_with(emu: &spotify_emulator::EmulatorHandle, fields: &[(&str, &str)]) -> reqwest::Response {
    http().post(format!("{}/authorize/decision", emu.base_url())).form(fields).send().await.expect("decision")
}

#[tokio::test]
async fn interactive_page_shows_the_request_and_approve_issues_a_usable_code() {
    let emu = start_with(EmulatorConfig { consent: Consent::Interactive, ..EmulatorConfig::default() }).await;
    let pkce = Pkce::new();
    let response =
        get_authorize(&emu, &authorize_params(&pkce.challenge, REDIRECT, "user-read-email user-top-read")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok());
    assert!(csp.is_some_and(|csp| csp.contains("default-src 'none'")));
    let page = response.text().await.expect("page");
    for expected in [CLIENT_ID, "Emu Listener", "user-read-email", "user-top-read", "Approve", "Deny"] {
        assert!(page.contains(expected), "page lacks {expected}");
    }
    assert!(!page.contains("<script") && !page.contains("src=\"http"), "self-contained page");
    assert!(!page.contains(&pkce.challenge), "the form carries an opaque ID, not the request");
    let id = consent_id(&page);

    let approved = decide(&emu, &id, "approve").await;
    let query = redirect_params(&approved);
    assert_eq!(query["state"], "st-123");
    let body = json_ok(exchange(&emu, &query["code"], REDIRECT, &pkce.verifier).await).await;
    assert_eq!(body["scope"], "user-read-email user-top-read");

    // A consent can be answered once.
    let again = decide(&emu, &id, "approve").await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.headers().get(header::LOCATION).is_none());
}

#[tokio::test]
async fn interactive_deny_redirects_access_denied_with_state() {
    let emu = start_with(EmulatorConfig { consent: Consent::Interactive, ..EmulatorConfig::default() }).await;
    let response = get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await;
    let id = consent_id(&response.text().await.expect("page"));
    let query = redirect_params(&decide(&emu, &id, "deny").await);
    assert_eq!(query.get("error").map(String::as_str), Some("access_denied"));
    assert_eq!(query.get("state").map(String::as_str), Some("st-123"));
    assert_eq!(emu.stats().authorizations, 0);
}

#[tokio::test]
async fn forged_consent_id_is_refused() {
    let emu = start_with(EmulatorConfig { consent: Consent::Interactive, ..EmulatorConfig::default() }).await;
    let response = decide(&emu, "made-up", "approve").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.headers().get(header::LOCATION).is_none());
}

#[tokio::test]
async fn switching_consent_at_run_time() {
    let emu = start().await;
    emu.set_consent(Consent::AutoDeny);
    let query = redirect_params(&get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await);
    assert_eq!(query["error"], "access_denied");
    emu.set_consent(Consent::Interactive);
    let response = get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn several_accounts_can_sign_in_and_each_grant_is_its_own_users() {
    let emu = start_with(EmulatorConfig {
        other_users: vec![User::named("emu-friend", "Emu Friend")],
        ..EmulatorConfig::default()
    })
    .await;
    let first = link(&emu, "user-read-email").await;
    assert!(emu.sign_in_as("emu-friend"));
    assert!(!emu.sign_in_as("nobody"), "an unknown account cannot sign in");
    let second = link(&emu, "user-read-email").await;
    let me_first = json_ok(me(&emu, &first.access).await).await;
    let me_second = json_ok(me(&emu, &second.access).await).await;
    assert_eq!(me_first["id"], "emu-user", "a grant stays its user's after another signs in");
    assert_eq!(me_second["id"], "emu-friend");
    assert_eq!(me_second["display_name"], "Emu Friend");
    assert_eq!(me_second["email"], "emu-friend@spotlink.invalid");
    // A refreshed token is still the same user's.
    let refreshed = json_ok(refresh(&emu, &first.refresh).await).await;
    let me_again = json_ok(me(&emu, &str_field(&refreshed, "access_token")).await).await;
    assert_eq!(me_again["id"], "emu-user");
}

#[tokio::test]
async fn the_consent_page_lets_another_account_sign_in() {
    let emu = start_with(EmulatorConfig {
        consent: Consent::Interactive,
        other_users: vec![User::named("emu-friend", "Emu Friend")],
        ..EmulatorConfig::default()
    })
    .await;
    let pkce = Pkce::new();
    let page = get_authorize(&emu, &authorize_params(&pkce.challenge, REDIRECT, "")).await.text().await.unwrap();
    assert!(page.contains("Not you?") && page.contains("value=\"emu-friend\">Emu Friend"), "{page}");
    let id = consent_id(&page);
    let approved = decide_with(&emu, &[("consent_id", &id), ("decision", "approve"), ("user", "emu-friend")]).await;
    let query = redirect_params(&approved);
    let body = json_ok(exchange(&emu, &query["code"], REDIRECT, &pkce.verifier).await).await;
    assert_eq!(json_ok(me(&emu, &str_field(&body, "access_token")).await).await["id"], "emu-friend");

    // An account that does not exist cannot be chosen.
    let page = get_authorize(&emu, &authorize_params(&pkce.challenge, REDIRECT, "")).await.text().await.unwrap();
    let id = consent_id(&page);
    let refused = decide_with(&emu, &[("consent_id", &id), ("decision", "approve"), ("user", "mallory")]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.headers().get(header::LOCATION).is_none(), "no code for an unknown account");
}
