//! Helpers shared by the integration tests: a client that does not follow
//! redirects, PKCE pairs, and the steps of the Authorization Code flow.

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore as _;
use reqwest::{header, Client, Response, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

pub const CLIENT_ID: &str = "spotlink-test-client";
/// A loopback redirect URI with a port, accepted through the registered
/// `http://127.0.0.1/callback`.
pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";
/// RFC 7636 Appendix B.
pub const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const RFC_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

pub async fn start() -> EmulatorHandle {
    start_with(EmulatorConfig::default()).await
}

pub async fn start_with(config: EmulatorConfig) -> EmulatorHandle {
    Emulator::start(config).await.expect("emulator starts")
}

/// A client that shows redirects instead of following them.
pub fn http() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client builds")
}

/// A fresh PKCE pair as a careful client makes it.
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Self {
        let mut bytes = [0u8; 48];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let verifier = URL_SAFE_NO_PAD.encode(bytes);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Self { verifier, challenge }
    }
}

/// The parameters of a valid authorize request.
pub fn authorize_params(challenge: &str, redirect_uri: &str, scope: &str) -> Vec<(String, String)> {
    [
        ("client_id", CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", redirect_uri),
        ("code_challenge_method", "S256"),
        ("code_challenge", challenge),
        ("state", "st-123"),
        ("scope", scope),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

/// Replaces (or with `None` removes) one parameter.
pub fn with(mut params: Vec<(String, String)>, name: &str, value: Option<&str>) -> Vec<(String, String)> {
    params.retain(|(k, _)| k != name);
    if let Some(value) = value {
        params.push((name.to_owned(), value.to_owned()));
    }
    params
}

/// `GET /authorize` with `params`, properly encoded.
pub async fn get_authorize(emu: &EmulatorHandle, params: &[(String, String)]) -> Response {
    let mut url = url::Url::parse(&format!("{}/authorize", emu.accounts_url())).expect("url");
    url.query_pairs_mut().extend_pairs(params);
    http().get(url).send().await.expect("authorize request")
}

/// The `Location` of a redirect.
pub fn location(response: &Response) -> String {
    assert_eq!(response.status(), StatusCode::FOUND, "expected a redirect");
    response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).expect("Location header").to_owned()
}

/// The query parameters of a redirect's `Location`.
pub fn redirect_params(response: &Response) -> HashMap<String, String> {
    let location = url::Url::parse(&location(response)).expect("Location is a URL");
    location.query_pairs().into_owned().collect()
}

/// Runs `/authorize` with auto-approve and returns the code.
pub async fn authorize_code(emu: &EmulatorHandle, challenge: &str, redirect_uri: &str, scope: &str) -> String {
    let response = get_authorize(emu, &authorize_params(challenge, redirect_uri, scope)).await;
    let params = redirect_params(&response);
    assert_eq!(params.get("state").map(String::as_str), Some("st-123"));
    params.get("code").cloned().expect("redirect carries a code")
}

/// `POST /api/token` with a form body.
pub async fn post_token(emu: &EmulatorHandle, form: &[(&str, &str)]) -> Response {
    http().post(format!("{}/api/token", emu.accounts_url())).form(form).send().await.expect("token request")
}

/// Exchanges a code as SpotLink does.
pub async fn exchange(emu: &EmulatorHandle, code: &str, redirect_uri: &str, verifier: &str) -> Response {
    post_token(
        emu,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("client_id", CLIENT_ID),
            ("code_verifier", verifier),
        ],
    )
    .await
}

/// Refreshes as SpotLink does.
pub async fn refresh(emu: &EmulatorHandle, refresh_token: &str) -> Response {
    post_token(emu, &[("grant_type", "refresh_token"), ("refresh_token", refresh_token), ("client_id", CLIENT_ID)])
        .await
}

/// Tokens from a successful exchange.
pub struct Tokens {
    pub access: String,
    pub refresh: String,
    pub scope: String,
}

/// The whole linking flow with a fresh PKCE pair.
pub async fn link(emu: &EmulatorHandle, scope: &str) -> Tokens {
    let pkce = Pkce::new();
    let code = authorize_code(emu, &pkce.challenge, REDIRECT, scope).await;
    let body = json_ok(exchange(emu, &code, REDIRECT, &pkce.verifier).await).await;
    Tokens {
        access: str_field(&body, "access_token"),
        refresh: str_field(&body, "refresh_token"),
        scope: str_field(&body, "scope"),
    }
}

/// `GET /v1/me` with a bearer token.
pub async fn me(emu: &EmulatorHandle, access_token: &str) -> Response {
    http().get(format!("{}/me", emu.api_url())).bearer_auth(access_token).send().await.expect("me request")
}

/// Asserts 200 and returns the JSON body.
pub async fn json_ok(response: Response) -> Value {
    let status = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "body: {text}");
    serde_json::from_str(&text).expect("JSON body")
}

/// Asserts an OAuth error answer and returns `error_description`.
pub async fn oauth_error(response: Response, status: StatusCode, error: &str) -> String {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("JSON error body");
    assert_eq!(body["error"], error, "body: {body}");
    body["error_description"].as_str().unwrap_or_default().to_owned()
}

/// Asserts a Web API error answer (`{"error":{"status","message"}}`).
pub async fn api_error(response: Response, status: StatusCode, message: &str) {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("JSON error body");
    assert_eq!(body["error"]["status"], status.as_u16());
    assert_eq!(body["error"]["message"], message);
}

pub fn str_field(body: &Value, name: &str) -> String {
    body[name].as_str().unwrap_or_else(|| panic!("{name} missing in {body}")).to_owned()
}
