//! What every Web API endpoint (`/v1/...`) does before its own work: count the
//! request, play an injected fault, and admit only a valid, unexpired bearer token
//! of a live grant, with the Web API's error bodies and statuses.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::faults::{self, FaultTarget};
use crate::log::LogNote;
use crate::secret::Fingerprint;
use crate::state::Shared;
use crate::stats::Stats;

/// Spotify's message when the token lacks the scope an endpoint needs.
pub(crate) const INSUFFICIENT_SCOPE: &str = "Insufficient client scope";

/// The caller behind an admitted request.
#[derive(Debug)]
pub(crate) struct Caller {
    /// The scopes of the token's grant.
    pub scopes: Vec<String>,
    /// The id of the user whose grant it is.
    pub user: String,
}

impl Caller {
    pub(crate) fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// Counts the request (every Web API request, and `count` for the endpoint's own
/// counter), plays a queued Web API fault, then checks the bearer token. `Err` is the
/// answer to send instead.
pub(crate) async fn admit(shared: &Shared, headers: &HeaderMap, count: fn(&mut Stats)) -> Result<Caller, Response> {
    let fault = {
        let mut state = shared.lock();
        state.stats.api_requests += 1;
        count(&mut state.stats);
        state.take_fault(FaultTarget::Api)
    };
    if let Some(response) = faults::play(fault, FaultTarget::Api).await {
        return Err(response);
    }
    let state = shared.lock();
    let token = bearer_token(headers).map_err(|(status, message)| error(status, message))?;
    let Some(access) = state.access_tokens.get(&Fingerprint::of(token)) else {
        return Err(error(StatusCode::UNAUTHORIZED, "Invalid access token"));
    };
    let grant = state.grant(access.grant);
    if grant.revoked {
        return Err(error(StatusCode::UNAUTHORIZED, "Invalid access token"));
    }
    if std::time::Instant::now() >= access.expires_at {
        return Err(error(StatusCode::UNAUTHORIZED, "The access token expired"));
    }
    Ok(Caller { scopes: grant.scopes.clone(), user: grant.user.clone() })
}

/// The token of an `Authorization: Bearer <token>` header (scheme matched
/// case-insensitively, RFC 6750 §2.1), or the Web API error for its absence.
fn bearer_token(headers: &HeaderMap) -> Result<&str, (StatusCode, &'static str)> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err((StatusCode::UNAUTHORIZED, "No token provided"));
    };
    let value = value.to_str().map_err(|_| (StatusCode::BAD_REQUEST, "Only valid bearer authentication supported"))?;
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err((StatusCode::BAD_REQUEST, "Only valid bearer authentication supported"));
    }
    match token.trim() {
        "" => Err((StatusCode::UNAUTHORIZED, "No token provided")),
        token => Ok(token),
    }
}

/// `{"error":{"status":N,"message":"..."}}`, the Web API's error shape; 401s
/// also carry `WWW-Authenticate` like Spotify's.
pub(crate) fn error(status: StatusCode, message: &str) -> Response {
    let body = json!({ "error": { "status": status.as_u16(), "message": message } });
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"spotify\""));
    }
    LogNote::error(format!("{}: {message}", status.as_u16())).attach(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer_token(&auth("Bearer abc")), Ok("abc"));
        assert_eq!(bearer_token(&auth("bearer abc")), Ok("abc"));
        assert_eq!(bearer_token(&HeaderMap::new()).map_err(|e| e.1), Err("No token provided"));
        assert_eq!(bearer_token(&auth("Bearer ")).map_err(|e| e.1), Err("No token provided"));
        assert_eq!(bearer_token(&auth("Basic abc")).map_err(|e| e.0), Err(StatusCode::BAD_REQUEST));
    }
}
