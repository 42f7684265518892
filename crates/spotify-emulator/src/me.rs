//! `GET /v1/me`: the current user's profile, with the Web API's bearer-token
//! errors, the development-mode 403 and scope-gated fields.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::config::User;
use crate::faults::{self, FaultTarget};
use crate::log::LogNote;
use crate::scopes::{USER_READ_EMAIL, USER_READ_PRIVATE};
use crate::secret::Fingerprint;
use crate::state::Shared;

/// Spotify's message for a user missing from a development-mode allow-list.
const NOT_ALLOW_LISTED: &str = "Check settings on developer.spotify.com/dashboard, the user may not be registered.";

/// `GET /v1/me`.
pub(crate) async fn me(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let fault = {
        let mut state = shared.lock();
        state.stats.me_requests += 1;
        state.take_fault(FaultTarget::Api)
    };
    if let Some(response) = faults::play(fault, FaultTarget::Api).await {
        return response;
    }
    let state = shared.lock();

    let token = match bearer_token(&headers) {
        Ok(token) => token,
        Err((status, message)) => return api_error(status, message),
    };
    let Some(access) = state.access_tokens.get(&Fingerprint::of(token)) else {
        return api_error(StatusCode::UNAUTHORIZED, "Invalid access token");
    };
    let (grant_id, expires_at) = (access.grant, access.expires_at);
    let grant = state.grant(grant_id);
    if grant.revoked {
        return api_error(StatusCode::UNAUTHORIZED, "Invalid access token");
    }
    if Instant::now() >= expires_at {
        return api_error(StatusCode::UNAUTHORIZED, "The access token expired");
    }
    if !state.config.allow_listed {
        return api_error(StatusCode::FORBIDDEN, NOT_ALLOW_LISTED);
    }
    let body = profile(&state.config.user, &grant.scopes, &shared.base_url);
    axum::Json(body).into_response()
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
fn api_error(status: StatusCode, message: &str) -> Response {
    let body = json!({ "error": { "status": status.as_u16(), "message": message } });
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer realm=\"spotify\""));
    }
    LogNote::error(format!("{}: {message}", status.as_u16())).attach(response)
}

/// The profile as Spotify returns it for a token with `scopes`.
fn profile(user: &User, scopes: &[String], base_url: &str) -> Value {
    let has = |scope: &str| scopes.iter().any(|s| s == scope);
    let images: Vec<Value> = user
        .images
        .iter()
        .map(|image| {
            let url = if image.url.starts_with('/') { format!("{base_url}{}", image.url) } else { image.url.clone() };
            json!({ "url": url, "width": image.width, "height": image.height })
        })
        .collect();
    let mut body = json!({
        "id": user.id,
        "display_name": user.display_name,
        "uri": format!("spotify:user:{}", user.id),
        "external_urls": { "spotify": format!("https://open.spotify.com/user/{}", user.id) },
        "href": format!("{base_url}/v1/users/{}", user.id),
        "images": images,
        "followers": { "href": null, "total": user.followers },
        "type": "user",
    });
    if let Some(fields) = body.as_object_mut() {
        if has(USER_READ_EMAIL) {
            fields.insert("email".into(), json!(user.email));
        }
        if has(USER_READ_PRIVATE) {
            fields.insert("country".into(), json!(user.country));
            fields.insert("product".into(), json!(user.product));
            fields.insert(
                "explicit_content".into(),
                json!({
                    "filter_enabled": user.explicit_content.filter_enabled,
                    "filter_locked": user.explicit_content.filter_locked,
                }),
            );
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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

    #[test]
    fn private_fields_need_scopes() {
        let user = User::default();
        let bare = profile(&user, &[], "http://127.0.0.1:1");
        assert!(bare.get("email").is_none() && bare.get("country").is_none());
        assert_eq!(bare["images"][0]["url"], "http://127.0.0.1:1/_emulator/avatar.jpg");
        let full = profile(&user, &[USER_READ_EMAIL.into(), USER_READ_PRIVATE.into()], "http://x");
        assert_eq!(full["email"], user.email.as_str());
        assert_eq!(full["product"], "premium");
        assert_eq!(full["explicit_content"]["filter_locked"], false);
    }
}
