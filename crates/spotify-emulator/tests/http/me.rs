//! `GET /v1/me`.

use std::time::Duration;

use reqwest::{header, StatusCode};
use spotify_emulator::EmulatorConfig;

use crate::support::*;

#[tokio::test]
async fn missing_unknown_and_malformed_tokens() {
    let emu = start().await;
    let url = format!("{}/me", emu.api_url());
    let response = http().get(&url).send().await.expect("request");
    assert!(response.headers().get(header::WWW_AUTHENTICATE).is_some());
    api_error(response, StatusCode::UNAUTHORIZED, "No token provided").await;
    api_error(me(&emu, "made-up-token").await, StatusCode::UNAUTHORIZED, "Invalid access token").await;
    let basic = http().get(&url).basic_auth("a", Some("b")).send().await.expect("request");
    assert_eq!(basic.status(), StatusCode::BAD_REQUEST);
    // A refresh token is not an access token.
    let tokens = link(&emu, "").await;
    api_error(me(&emu, &tokens.refresh).await, StatusCode::UNAUTHORIZED, "Invalid access token").await;
    assert_eq!(emu.stats().me_requests, 4);
}

#[tokio::test]
async fn expired_access_token() {
    let emu = start_with(EmulatorConfig { access_ttl: Duration::ZERO, ..EmulatorConfig::default() }).await;
    let tokens = link(&emu, "").await;
    api_error(me(&emu, &tokens.access).await, StatusCode::UNAUTHORIZED, "The access token expired").await;
    // Refreshing gets a working token once the TTL is sane again.
    emu.set_access_ttl(Duration::from_secs(60));
    let body = json_ok(refresh(&emu, &tokens.refresh).await).await;
    assert_eq!(body["expires_in"], 60);
    json_ok(me(&emu, &str_field(&body, "access_token")).await).await;
}

#[tokio::test]
async fn user_not_on_the_allow_list_gets_403() {
    let emu = start_with(EmulatorConfig { allow_listed: false, ..EmulatorConfig::default() }).await;
    let tokens = link(&emu, "").await;
    api_error(
        me(&emu, &tokens.access).await,
        StatusCode::FORBIDDEN,
        "Check settings on developer.spotify.com/dashboard, the user may not be registered.",
    )
    .await;
    emu.set_allow_listed(true);
    json_ok(me(&emu, &tokens.access).await).await;
}

#[tokio::test]
async fn profile_shape_without_scopes() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    let body = json_ok(me(&emu, &tokens.access).await).await;
    assert_eq!(body["id"], "emu-user");
    assert_eq!(body["display_name"], "Emu Listener");
    assert_eq!(body["uri"], "spotify:user:emu-user");
    assert_eq!(body["type"], "user");
    assert_eq!(body["external_urls"]["spotify"], "https://open.spotify.com/user/emu-user");
    assert!(body["href"].as_str().is_some_and(|h| h.ends_with("/v1/users/emu-user")));
    assert!(body["followers"]["href"].is_null());
    assert_eq!(body["followers"]["total"], 12);
    assert_eq!(body["images"][0]["width"], 300);
    for gated in ["email", "country", "product", "explicit_content"] {
        assert!(body.get(gated).is_none(), "{gated} needs a scope");
    }
    // The avatar is served locally.
    let avatar = http().get(str_field(&body["images"][0], "url")).send().await.expect("avatar");
    assert_eq!(avatar.status(), StatusCode::OK);
    assert_eq!(avatar.headers()["content-type"], "image/jpeg", "Spotify's profile images are JPEGs");
    assert!(avatar.bytes().await.expect("body").starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
}

#[tokio::test]
async fn email_and_private_fields_follow_the_scopes() {
    let emu = start().await;
    let email_only = json_ok(me(&emu, &link(&emu, "user-read-email").await.access).await).await;
    assert_eq!(email_only["email"], "emu-listener@spotlink.invalid");
    assert!(email_only.get("country").is_none());

    let private_only = json_ok(me(&emu, &link(&emu, "user-read-private").await.access).await).await;
    assert!(private_only.get("email").is_none());
    assert_eq!(private_only["country"], "SE");
    assert_eq!(private_only["product"], "premium");
    assert_eq!(private_only["explicit_content"]["filter_enabled"], false);
}

#[tokio::test]
async fn granted_scopes_can_differ_from_requested_ones() {
    let emu = start_with(EmulatorConfig {
        grantable_scopes: Some(vec!["user-read-email".into(), "user-top-read".into()]),
        ..EmulatorConfig::default()
    })
    .await;
    let tokens = link(&emu, "user-read-private user-read-email").await;
    assert_eq!(tokens.scope, "user-read-email");
    let body = json_ok(me(&emu, &tokens.access).await).await;
    assert!(body.get("email").is_some());
    assert!(body.get("country").is_none(), "user-read-private was not granted");
    // The refresh response reports the granted scopes too.
    let refreshed = json_ok(refresh(&emu, &tokens.refresh).await).await;
    assert_eq!(refreshed["scope"], "user-read-email");

    emu.set_grantable_scopes(None);
    assert_eq!(link(&emu, "user-read-private user-read-email").await.scope, "user-read-private user-read-email");
}

#[tokio::test]
async fn unknown_web_api_paths_answer_like_the_web_api() {
    let emu = start().await;
    let response = http().get(format!("{}/me/player", emu.api_url())).send().await.expect("request");
    api_error(response, StatusCode::NOT_FOUND, "Service not found").await;
}
