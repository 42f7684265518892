//! The token endpoint client: code exchange and refresh (Spotify's PKCE guide, steps 4–6).
//!
//! Retries are bounded and only where resending cannot be a replay: when the
//! connection could not be made, on 5xx answers, and on 429 after `Retry-After`.
//! A timeout or broken connection after sending is never retried, because the
//! server may already have used a single-use code or rotated the refresh token.

use std::time::Duration;

use serde::Deserialize;
use url::Url;

use crate::authorize::RedirectUri;
use crate::config::ClientId;
use crate::http::{self, TransportFailure};
use crate::i18n::Message;
use crate::msg;
use crate::scopes::ScopeSet;
use crate::secret::{AccessToken, AuthorizationCode, PkceCodeVerifier, RefreshToken};

/// When and how often to retry a token request.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// Delay before the first retry; doubled for each further one.
    pub base_delay: Duration,
    /// A 429 whose `Retry-After` is longer than this is returned to the caller instead of waited out.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_attempts: 3, base_delay: Duration::from_millis(400), max_retry_after: Duration::from_secs(10) }
    }
}

/// How one try of a retried request failed.
pub(crate) enum Attempt<E> {
    /// For good: trying again cannot help, or might repeat what the server already did.
    Final(E),
    /// Worth another try, after the server's `Retry-After` if it named one.
    Retryable(E, Option<Duration>),
}

impl RetryPolicy {
    /// Runs `attempt` until it succeeds, fails for good or the attempts run out, waiting
    /// between tries the server's `Retry-After` or else `base_delay`, doubled each time.
    pub(crate) async fn run<T, E, F>(&self, what: &'static str, mut attempt: impl FnMut() -> F) -> Result<T, E>
    where
        E: std::fmt::Display,
        F: std::future::Future<Output = Result<T, Attempt<E>>>,
    {
        let mut tries = 1;
        loop {
            let (error, wait) = match attempt().await {
                Ok(value) => return Ok(value),
                Err(Attempt::Final(error)) => return Err(error),
                Err(Attempt::Retryable(error, wait)) => (error, wait),
            };
            if tries >= self.max_attempts {
                return Err(error);
            }
            let wait = wait.unwrap_or(self.base_delay * 2u32.pow(tries - 1));
            tracing::debug!(attempt = tries, ?wait, %error, "{what} failed; retrying");
            tokio::time::sleep(wait).await;
            tries += 1;
        }
    }

    /// A 429: worth another try after its `Retry-After`, when that is no longer than
    /// `max_retry_after`; a longer or missing one is reported to the caller.
    pub(crate) fn rate_limited<E>(&self, error: E, retry_after: Option<Duration>) -> Attempt<E> {
        match retry_after {
            Some(wait) if wait <= self.max_retry_after => Attempt::Retryable(error, Some(wait)),
            _ => Attempt::Final(error),
        }
    }
}

/// A successful token response (RFC 6749 §5.1).
#[derive(Debug)]
pub struct TokenResponse {
    pub access_token: AccessToken,
    pub expires_in: Duration,
    /// Granted scopes; `None` when the server omitted `scope` (then they are unchanged).
    pub scope: Option<ScopeSet>,
    /// A new refresh token, if the server rotated it. Absent: keep the old one.
    pub refresh_token: Option<RefreshToken>,
}

/// Why a token request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The code or refresh token is no longer valid (expired, revoked, used).
    InvalidGrant { description: String },
    /// Spotify does not know the client ID.
    InvalidClient { description: String },
    /// Spotify's other OAuth errors, with its code and description as they are.
    Refused { error: String, description: Option<String> },
    /// A 429 not waited out, with its `Retry-After`.
    RateLimited { retry_after: Option<Duration> },
    /// A 5xx, after the retries.
    Server { status: u16 },
    /// The connection could not be made (the OS's or reqwest's words).
    Unreachable(String),
    /// The connection broke after sending (the OS's or reqwest's words).
    Connection(String),
    /// No answer in time.
    Timeout,
    /// What SpotLink cannot read in the answer, in its own words.
    Malformed(Message),
}

impl TokenError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            TokenError::InvalidGrant { description } => msg!("error-token-invalid-grant", description = description),
            TokenError::InvalidClient { description } => {
                msg!("error-token-invalid-client", description = description)
            }
            TokenError::Refused { error, description: None } => msg!("error-token-refused", error = error),
            TokenError::Refused { error, description: Some(description) } => {
                msg!("error-token-refused-described", error = error, description = description)
            }
            TokenError::RateLimited { retry_after } => http::rate_limited(*retry_after),
            TokenError::Server { status } => msg!("error-token-server", status = *status),
            TokenError::Unreachable(detail) => msg!("error-token-unreachable", detail = detail),
            TokenError::Connection(detail) => msg!("error-token-connection", detail = detail),
            TokenError::Timeout => msg!("error-token-timeout"),
            TokenError::Malformed(detail) => msg!("error-token-malformed", detail = detail.clone()),
        }
    }
}

crate::display_in_english!(TokenError);

/// The token endpoint for one client.
#[derive(Debug, Clone)]
pub struct TokenClient {
    http: reqwest::Client,
    endpoint: Url,
    client_id: ClientId,
    retry: RetryPolicy,
}

impl TokenClient {
    /// A client for `endpoint` (`<accounts>/api/token`).
    pub fn new(http: reqwest::Client, endpoint: Url, client_id: ClientId, retry: RetryPolicy) -> Self {
        Self { http, endpoint, client_id, retry }
    }

    /// Exchanges an authorization code (no client secret: PKCE). `redirect_uri` must be
    /// the exact one of the authorize request.
    pub async fn exchange_code(
        &self,
        code: &AuthorizationCode,
        verifier: &PkceCodeVerifier,
        redirect_uri: &RedirectUri,
    ) -> Result<TokenResponse, TokenError> {
        self.request(&[
            ("grant_type", "authorization_code"),
            ("code", code.secret()),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", self.client_id.as_str()),
            ("code_verifier", verifier.secret()),
        ])
        .await
    }

    /// Trades a refresh token for a new access token (and perhaps a new refresh token).
    pub async fn refresh(&self, refresh_token: &RefreshToken) -> Result<TokenResponse, TokenError> {
        self.request(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.secret()),
            ("client_id", self.client_id.as_str()),
        ])
        .await
    }

    async fn request(&self, form: &[(&str, &str)]) -> Result<TokenResponse, TokenError> {
        self.retry.run("token request", || self.attempt(form)).await
    }

    async fn attempt(&self, form: &[(&str, &str)]) -> Result<TokenResponse, Attempt<TokenError>> {
        let sent = self.http.post(self.endpoint.clone()).form(form).send().await;
        let response = match sent {
            Ok(response) => response,
            Err(e) => {
                return Err(match TransportFailure::from_reqwest(&e) {
                    TransportFailure::Connect(why) => Attempt::Retryable(TokenError::Unreachable(why), None),
                    TransportFailure::Timeout => Attempt::Final(TokenError::Timeout),
                    TransportFailure::Other(why) => Attempt::Final(TokenError::Connection(why)),
                })
            }
        };
        let status = response.status();
        let retry_after = http::retry_after(response.headers());
        let body = http::read_body(response).await.map_err(|failure| {
            Attempt::Final(match failure {
                TransportFailure::Timeout => TokenError::Timeout,
                TransportFailure::Connect(why) | TransportFailure::Other(why) => TokenError::Connection(why),
            })
        })?;

        if status.is_success() {
            return parse_success(&body).map_err(Attempt::Final);
        }
        if status.as_u16() == 429 {
            return Err(self.retry.rate_limited(TokenError::RateLimited { retry_after }, retry_after));
        }
        if status.is_server_error() {
            return Err(Attempt::Retryable(TokenError::Server { status: status.as_u16() }, None));
        }
        Err(Attempt::Final(parse_error(status.as_u16(), &body)))
    }
}

#[derive(Deserialize)]
struct SuccessBody {
    access_token: String,
    token_type: String,
    expires_in: u64,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

pub(crate) fn parse_success(body: &[u8]) -> Result<TokenResponse, TokenError> {
    let body: SuccessBody = http::json_object(body)
        .map_err(|e| TokenError::Malformed(msg!("error-token-detail-not-a-token", detail = e)))?;
    if !body.token_type.eq_ignore_ascii_case("bearer") {
        return Err(TokenError::Malformed(msg!("error-token-detail-not-bearer", token_type = &body.token_type)));
    }
    let token_ok = |t: &str| !t.is_empty() && t.len() <= 4096 && t.chars().all(|c| c.is_ascii_graphic());
    if !token_ok(&body.access_token) || !body.refresh_token.as_deref().is_none_or(token_ok) {
        return Err(TokenError::Malformed(msg!("error-token-detail-invalid-token")));
    }
    if body.expires_in == 0 || body.expires_in > 7 * 24 * 3600 {
        return Err(TokenError::Malformed(msg!(
            "error-token-detail-expires-in",
            // As text: a number argument is a float in Fluent, and this one is Spotify's.
            expires_in = body.expires_in.to_string()
        )));
    }
    Ok(TokenResponse {
        access_token: AccessToken::new(body.access_token),
        expires_in: Duration::from_secs(body.expires_in),
        scope: body.scope.as_deref().map(ScopeSet::from_granted),
        refresh_token: body.refresh_token.map(RefreshToken::new),
    })
}

pub(crate) fn parse_error(status: u16, body: &[u8]) -> TokenError {
    let Ok(body) = http::json_object::<ErrorBody>(body) else {
        return TokenError::Malformed(msg!("error-token-detail-no-error-body", status = status));
    };
    let description = body.error_description.filter(|d| !d.is_empty());
    match body.error.as_str() {
        "invalid_grant" => {
            TokenError::InvalidGrant { description: description.unwrap_or_else(|| "invalid_grant".into()) }
        }
        "invalid_client" => {
            TokenError::InvalidClient { description: description.unwrap_or_else(|| "invalid_client".into()) }
        }
        _ => TokenError::Refused { error: body.error, description },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spotify_token_responses() {
        // The shape of Spotify's documented response (PKCE tutorial, "Response").
        let full = br#"{"access_token":"NgA6ZcYI...ixn8bUQ","token_type":"Bearer","scope":"user-read-private user-read-email","expires_in":3600,"refresh_token":"NgCXRK...MzYjw"}"#;
        let r = parse_success(full).unwrap();
        assert_eq!(r.access_token.secret(), "NgA6ZcYI...ixn8bUQ");
        assert_eq!(r.expires_in, Duration::from_secs(3600));
        assert_eq!(r.scope.unwrap().to_string(), "user-read-email user-read-private");
        assert_eq!(r.refresh_token.unwrap().secret(), "NgCXRK...MzYjw");

        // Since July 2026 a refresh normally carries no refresh token.
        let refresh = br#"{"access_token":"a","token_type":"bearer","scope":"","expires_in":3600}"#;
        let r = parse_success(refresh).unwrap();
        assert!(r.refresh_token.is_none());
        assert!(r.scope.unwrap().is_empty());
    }

    #[test]
    fn rejects_malformed_token_responses() {
        for bad in [
            &b"<html>oops"[..],
            br#"{"access_token":"a","token_type":"Bearer""#,
            br#"{"token_type":"Bearer","expires_in":3600}"#,
            br#"{"access_token":"a","token_type":"mac","expires_in":3600}"#,
            br#"{"access_token":"","token_type":"Bearer","expires_in":3600}"#,
            br#"{"access_token":"a b","token_type":"Bearer","expires_in":3600}"#,
            br#"{"access_token":"a","token_type":"Bearer","expires_in":0}"#,
            br#"{"access_token":"a","token_type":"Bearer","expires_in":-5}"#,
        ] {
            assert!(matches!(parse_success(bad), Err(TokenError::Malformed(_))), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn maps_spotify_error_bodies() {
        let revoked = parse_error(400, br#"{"error":"invalid_grant","error_description":"Refresh token revoked"}"#);
        assert_eq!(revoked, TokenError::InvalidGrant { description: "Refresh token revoked".into() });
        let client = parse_error(400, br#"{"error":"invalid_client","error_description":"Invalid client"}"#);
        assert!(matches!(client, TokenError::InvalidClient { .. }));
        let other = parse_error(400, br#"{"error":"unsupported_grant_type"}"#);
        assert_eq!(other.to_string(), "Spotify refused the request: unsupported_grant_type");
        assert!(matches!(parse_error(401, b"nope"), TokenError::Malformed(_)));
    }

    #[test]
    fn bodies_must_be_json_objects() {
        // Found by the `token` fuzz target: serde also reads a struct from an array of
        // its fields, so `["invalid_grant"]` ended the link like an OAuth error object.
        let array_error = parse_error(400, br#"["invalid_grant","Refresh token revoked"]"#);
        assert!(matches!(array_error, TokenError::Malformed(_)), "{array_error:?}");
        let array_success = parse_success(br#"["a","Bearer",3600]"#).unwrap_err();
        assert!(matches!(array_success, TokenError::Malformed(_)), "{array_success:?}");
        let spaced = parse_error(400, b" \n{\"error\":\"invalid_grant\"}");
        assert!(matches!(spaced, TokenError::InvalidGrant { .. }), "{spaced:?}");
    }
}
