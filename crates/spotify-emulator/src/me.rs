//! `GET /v1/me`: the current user's profile, with the development-mode 403 and
//! scope-gated fields.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::config::User;
use crate::scopes::{USER_READ_EMAIL, USER_READ_PRIVATE};
use crate::state::Shared;
use crate::web_api;

/// Spotify's message for a user missing from a development-mode allow-list.
const NOT_ALLOW_LISTED: &str = "Check settings on developer.spotify.com/dashboard, the user may not be registered.";

/// `GET /v1/me`.
pub(crate) async fn me(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |stats| stats.me_requests += 1).await?;
    let state = shared.lock();
    if !state.config.allow_listed {
        return Err(web_api::error(StatusCode::FORBIDDEN, NOT_ALLOW_LISTED));
    }
    let Some(user) = state.user(&caller.user) else {
        // An account removed from the configuration since it signed in.
        return Err(web_api::error(StatusCode::NOT_FOUND, "User not found"));
    };
    let body = profile(user, &caller.scopes, &shared.base_url);
    Ok(axum::Json(body).into_response())
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
