//! `POST /api/token`: code exchange and refresh without a client secret
//! (RFC 6749 §4.1.3 and §6, RFC 7636 §4.5), with Spotify's error strings and
//! its two refresh-token policies (rotating, and since 2026 non-rotating with
//! a lifetime counted from the original authorization).

use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::config::Rotation;
use crate::faults::{self, FaultTarget};
use crate::log::LogNote;
use crate::params::Params;
use crate::pkce;
use crate::secret::Fingerprint;
use crate::state::{Issued, Shared, State as EmulatorState};

/// An OAuth error answer (RFC 6749 §5.2): `{"error","error_description"}`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TokenError {
    pub error: &'static str,
    pub description: String,
}

impl TokenError {
    fn new(error: &'static str, description: impl Into<String>) -> Self {
        Self { error, description: description.into() }
    }

    fn invalid_client() -> Self {
        Self::new("invalid_client", "Invalid client")
    }

    fn invalid_grant(description: &str) -> Self {
        Self::new("invalid_grant", description)
    }

    fn invalid_request(description: impl Into<String>) -> Self {
        Self::new("invalid_request", description)
    }
}

/// A successful token response (RFC 6749 §5.1, Spotify's field set).
#[derive(Debug, Serialize)]
struct TokenBody<'a> {
    access_token: &'a str,
    token_type: &'static str,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<&'a str>,
    scope: String,
}

/// The outcome of a token request, before it becomes HTTP.
struct Granted {
    issued: Issued,
    expires_in: u64,
    scope: String,
}

/// `POST /api/token`.
pub(crate) async fn token(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let fault = {
        let mut state = shared.lock();
        state.stats.token_requests += 1;
        state.take_fault(FaultTarget::Token)
    };
    if let Some(response) = faults::play(fault, FaultTarget::Token).await {
        return response;
    }

    let params = Params::parse(&body);
    let grant_type = params.get("grant_type").map(str::to_owned);
    let outcome = if !is_form_urlencoded(&headers) {
        Err(TokenError::invalid_request("Content-Type must be application/x-www-form-urlencoded"))
    } else if let Some(name) = params.first_duplicate() {
        Err(TokenError::invalid_request(format!("Parameter {name} sent more than once")))
    } else {
        let mut state = shared.lock();
        match grant_type.as_deref() {
            Some("authorization_code") => exchange_code(&mut state, &params),
            Some("refresh_token") => refresh(&mut state, &params),
            _ => {
                Err(TokenError::new("unsupported_grant_type", "grant_type must be authorization_code or refresh_token"))
            }
        }
    };

    let note = LogNote { grant_type, ..LogNote::default() };
    match outcome {
        Ok(granted) => {
            let body = TokenBody {
                access_token: granted.issued.access.expose(),
                token_type: "Bearer",
                expires_in: granted.expires_in,
                refresh_token: granted.issued.refresh.as_ref().map(|r| r.expose()),
                scope: granted.scope.clone(),
            };
            let note = LogNote { scope: Some(granted.scope), ..note };
            note.attach(no_store(StatusCode::OK, axum::Json(body)))
        }
        Err(TokenError { error, description }) => {
            let body = serde_json::json!({ "error": error, "error_description": description });
            let note = LogNote { error: Some(format!("{error}: {description}")), ..note };
            note.attach(no_store(StatusCode::BAD_REQUEST, axum::Json(body)))
        }
    }
}

/// Whether the body is declared as `application/x-www-form-urlencoded`
/// (parameters such as `charset` allowed), the only type Spotify accepts.
fn is_form_urlencoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// Token responses must not be cached (RFC 6749 §5.1).
fn no_store(status: StatusCode, body: impl IntoResponse) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")], body).into_response()
}

/// The registered client the request names, or `invalid_client`.
fn client_id<'p>(state: &EmulatorState, params: &'p Params) -> Result<&'p str, TokenError> {
    params
        .get("client_id")
        .filter(|id| state.config.client_ids.iter().any(|c| c == id))
        .ok_or_else(TokenError::invalid_client)
}

/// `grant_type=authorization_code`.
fn exchange_code(state: &mut EmulatorState, params: &Params) -> Result<Granted, TokenError> {
    let client_id = client_id(state, params)?;
    let code = params.get("code").ok_or_else(|| TokenError::invalid_request("code must be supplied"))?;
    let redirect_uri =
        params.get("redirect_uri").ok_or_else(|| TokenError::invalid_request("redirect_uri must be supplied"))?;
    let verifier = params.get("code_verifier").ok_or_else(|| TokenError::invalid_request("code_verifier required"))?;

    let Some(record) = state.codes.get_mut(&Fingerprint::of(code)) else {
        return Err(TokenError::invalid_grant("Invalid authorization code"));
    };
    if record.used {
        // RFC 6749 §4.1.2 / OAuth 2.1: a replayed code revokes what it issued.
        let issued = record.grant;
        state.stats.replays_detected += 1;
        if let Some(grant) = issued {
            state.revoke_grant(grant);
        }
        return Err(TokenError::invalid_grant("Invalid authorization code"));
    }
    // Single use means single attempt: a failed exchange burns the code too,
    // so a client cannot retry with a different verifier or redirect URI.
    record.used = true;
    if Instant::now() >= record.expires_at {
        return Err(TokenError::invalid_grant("Authorization code expired"));
    }
    if record.client_id != client_id {
        return Err(TokenError::invalid_grant("Authorization code was issued to another client"));
    }
    if record.redirect_uri != redirect_uri {
        return Err(TokenError::invalid_grant("Invalid redirect URI"));
    }
    if !pkce::verifies(verifier, &record.challenge) {
        return Err(TokenError::invalid_grant("code_verifier was incorrect"));
    }

    let scopes = record.scopes.clone();
    let scope = scopes.join(" ");
    let user = record.user.clone();
    let grant = state.new_grant(client_id, scopes, &user);
    if let Some(record) = state.codes.get_mut(&Fingerprint::of(code)) {
        record.grant = Some(grant);
    }
    state.stats.codes_exchanged += 1;
    Ok(Granted { issued: state.issue_tokens(grant, true), expires_in: state.config.access_ttl.as_secs(), scope })
}

/// `grant_type=refresh_token`.
fn refresh(state: &mut EmulatorState, params: &Params) -> Result<Granted, TokenError> {
    const REVOKED: &str = "Refresh token revoked";
    let client_id = client_id(state, params)?;
    let presented =
        params.get("refresh_token").ok_or_else(|| TokenError::invalid_request("refresh_token must be supplied"))?;
    let fingerprint = Fingerprint::of(presented);

    let Some(record) = state.refresh_tokens.get(&fingerprint) else {
        return Err(TokenError::invalid_grant(REVOKED));
    };
    let (grant, used) = (record.grant, record.used);
    if state.grant(grant).client_id != client_id {
        return Err(TokenError::invalid_client());
    }
    if state.grant(grant).revoked {
        return Err(TokenError::invalid_grant(REVOKED));
    }
    if used {
        // A rotated-out token came back: someone holds a copy. Revoke all.
        state.stats.replays_detected += 1;
        state.revoke_grant(grant);
        return Err(TokenError::invalid_grant(REVOKED));
    }
    if state.refresh_expired(grant) {
        return Err(TokenError::invalid_grant(REVOKED));
    }

    let rotate = state.config.rotation == Rotation::On;
    if rotate {
        if let Some(record) = state.refresh_tokens.get_mut(&fingerprint) {
            record.used = true;
        }
    }
    state.stats.refreshes += 1;
    Ok(Granted {
        issued: state.issue_tokens(grant, rotate),
        expires_in: state.config.access_ttl.as_secs(),
        scope: state.grant(grant).scopes.join(" "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_type(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn form_content_type_is_required() {
        assert!(is_form_urlencoded(&with_type("application/x-www-form-urlencoded")));
        assert!(is_form_urlencoded(&with_type("application/x-www-form-urlencoded; charset=UTF-8")));
        assert!(!is_form_urlencoded(&with_type("application/json")));
        assert!(!is_form_urlencoded(&with_type("multipart/form-data; boundary=x")));
        assert!(!is_form_urlencoded(&HeaderMap::new()));
    }
}
