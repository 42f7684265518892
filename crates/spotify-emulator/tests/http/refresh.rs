//! `POST /api/token` with `grant_type=refresh_token`: both Spotify policies.

use std::time::Duration;

use reqwest::StatusCode;
use spotify_emulator::{EmulatorConfig, Rotation};

use crate::support::*;

#[tokio::test]
async fn without_rotation_no_refresh_token_is_returned_and_the_old_one_keeps_working() {
    let emu = start().await;
    let tokens = link(&emu, "user-read-email").await;
    for _ in 0..3 {
        let body = json_ok(refresh(&emu, &tokens.refresh).await).await;
        assert!(body.get("refresh_token").is_none(), "no rotation: {body}");
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3600);
        assert_eq!(body["scope"], "user-read-email");
        let access = str_field(&body, "access_token");
        assert_ne!(access, tokens.access);
        json_ok(me(&emu, &access).await).await;
    }
    // Earlier access tokens stay valid until they expire, as at Spotify.
    json_ok(me(&emu, &tokens.access).await).await;
    assert_eq!(emu.stats().refreshes, 3);
}

#[tokio::test]
async fn with_rotation_each_refresh_returns_a_new_token_and_replay_revokes_the_grant() {
    let emu = start_with(EmulatorConfig { rotation: Rotation::On, ..EmulatorConfig::default() }).await;
    let tokens = link(&emu, "").await;

    let first = json_ok(refresh(&emu, &tokens.refresh).await).await;
    let second_refresh = str_field(&first, "refresh_token");
    assert_ne!(second_refresh, tokens.refresh);
    let second = json_ok(refresh(&emu, &second_refresh).await).await;
    let third_refresh = str_field(&second, "refresh_token");
    let access = str_field(&second, "access_token");
    json_ok(me(&emu, &access).await).await;

    // Replaying the first (used) refresh token is theft: the whole grant goes.
    let replay = refresh(&emu, &tokens.refresh).await;
    assert_eq!(oauth_error(replay, StatusCode::BAD_REQUEST, "invalid_grant").await, "Refresh token revoked");
    let newest = refresh(&emu, &third_refresh).await;
    assert_eq!(oauth_error(newest, StatusCode::BAD_REQUEST, "invalid_grant").await, "Refresh token revoked");
    api_error(me(&emu, &access).await, StatusCode::UNAUTHORIZED, "Invalid access token").await;

    let stats = emu.stats();
    assert_eq!((stats.refreshes, stats.replays_detected, stats.grants_revoked), (2, 1, 1));
    // A new authorization starts a new, working grant.
    let again = link(&emu, "").await;
    json_ok(refresh(&emu, &again.refresh).await).await;
}

#[tokio::test]
async fn rotation_can_be_switched_at_run_time() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.set_rotation(Rotation::On);
    let body = json_ok(refresh(&emu, &tokens.refresh).await).await;
    let rotated = str_field(&body, "refresh_token");
    emu.set_rotation(Rotation::Off);
    let body = json_ok(refresh(&emu, &rotated).await).await;
    assert!(body.get("refresh_token").is_none());
}

#[tokio::test]
async fn refresh_lifetime_counts_from_the_original_authorization() {
    let emu =
        start_with(EmulatorConfig { refresh_lifetime: Duration::from_millis(1200), ..EmulatorConfig::default() }).await;
    let tokens = link(&emu, "").await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    json_ok(refresh(&emu, &tokens.refresh).await).await;
    // Only 700 ms since the refresh, but 1.4 s since authorization: expired.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let expired = refresh(&emu, &tokens.refresh).await;
    assert_eq!(oauth_error(expired, StatusCode::BAD_REQUEST, "invalid_grant").await, "Refresh token revoked");
    // Re-authorizing starts a new period.
    let again = link(&emu, "").await;
    json_ok(refresh(&emu, &again.refresh).await).await;
}

#[tokio::test]
async fn shortening_the_lifetime_expires_existing_grants() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.set_refresh_lifetime(Duration::ZERO);
    oauth_error(refresh(&emu, &tokens.refresh).await, StatusCode::BAD_REQUEST, "invalid_grant").await;
}

#[tokio::test]
async fn unknown_refresh_token_is_invalid_grant() {
    let emu = start().await;
    let response = refresh(&emu, "not-a-token").await;
    assert_eq!(oauth_error(response, StatusCode::BAD_REQUEST, "invalid_grant").await, "Refresh token revoked");
}

#[tokio::test]
async fn refresh_needs_the_client_the_grant_belongs_to() {
    let emu = start_with(EmulatorConfig {
        client_ids: vec![CLIENT_ID.into(), "other-client".into()],
        ..EmulatorConfig::default()
    })
    .await;
    let tokens = link(&emu, "").await;
    let wrong =
        [("grant_type", "refresh_token"), ("refresh_token", tokens.refresh.as_str()), ("client_id", "other-client")];
    oauth_error(post_token(&emu, &wrong).await, StatusCode::BAD_REQUEST, "invalid_client").await;
    let missing = [("grant_type", "refresh_token"), ("refresh_token", tokens.refresh.as_str())];
    oauth_error(post_token(&emu, &missing).await, StatusCode::BAD_REQUEST, "invalid_client").await;
    // Neither attempt harmed the token.
    json_ok(refresh(&emu, &tokens.refresh).await).await;
}

#[tokio::test]
async fn revoke_all_kills_refresh_and_access_tokens() {
    let emu = start().await;
    let a = link(&emu, "").await;
    let b = link(&emu, "").await;
    emu.revoke_all();
    for tokens in [&a, &b] {
        oauth_error(refresh(&emu, &tokens.refresh).await, StatusCode::BAD_REQUEST, "invalid_grant").await;
        api_error(me(&emu, &tokens.access).await, StatusCode::UNAUTHORIZED, "Invalid access token").await;
    }
    assert_eq!(emu.stats().grants_revoked, 2);
}
