//! Refresh against the emulator: with and without rotation, expiry, revocation, and
//! several engines (as separate processes would) sharing one link.

mod common;

use std::time::Duration;

use common::Harness;
use spotify_emulator::{EmulatorConfig, Rotation};
use spotlink_core::ErrorKind;

fn stored_refresh(h: &Harness) -> String {
    let raw = h.raw_record().unwrap();
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    v["refresh_token"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_without_rotation_keeps_the_refresh_token() {
    let h = Harness::default().await;
    let link = h.link("user-read-email", false).await;
    let first_access = link.record.access_token.unwrap().token;
    let refresh = stored_refresh(&h);

    let served = h.engine.refresh().await.unwrap();
    assert!(served.refreshed);
    assert_ne!(served.token, first_access);
    assert_eq!(stored_refresh(&h), refresh, "no refresh token in the answer: keep the old one");
    assert_eq!(h.me_status(served.token.secret()).await, 200);
    // And the kept one still works.
    let again = h.engine.refresh().await.unwrap();
    assert_eq!(h.me_status(again.token.secret()).await, 200);
    assert_eq!(h.emulator.stats().refreshes, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_with_rotation_stores_the_new_refresh_token() {
    let h = Harness::start(EmulatorConfig { rotation: Rotation::On, ..EmulatorConfig::default() }).await;
    h.link("user-read-email", false).await;
    let original = stored_refresh(&h);
    h.engine.refresh().await.unwrap();
    let rotated = stored_refresh(&h);
    assert_ne!(rotated, original, "the rotated refresh token replaces the old one");
    let served = h.engine.refresh().await.unwrap();
    assert_ne!(stored_refresh(&h), rotated);
    assert_eq!(h.me_status(served.token.secret()).await, 200);
    let stats = h.emulator.stats();
    assert_eq!((stats.refreshes, stats.replays_detected, stats.grants_revoked), (2, 0, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expiring_access_token_is_refreshed_on_demand() {
    let h = Harness::start(EmulatorConfig { access_ttl: Duration::from_secs(60), ..EmulatorConfig::default() }).await;
    h.link("user-read-email", false).await;
    // 60 s left is inside the 120 s margin: the token is refreshed before it is served.
    let served = h.engine.access_token(None).await.unwrap();
    assert!(served.refreshed);
    // A caller that needs less gets the cached one.
    let cached = h.engine.access_token(Some(Duration::from_secs(30))).await.unwrap();
    assert!(!cached.refreshed);
    assert_eq!(cached.token, served.token);
    assert_eq!(h.emulator.stats().refreshes, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_grant_marks_the_link_for_relink_and_is_never_retried() {
    let h = Harness::default().await;
    h.link("user-read-email", false).await;
    h.emulator.revoke_all();
    let err = h.engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RelinkNeeded, "{err}");
    assert!(err.to_string().contains("Refresh token revoked"), "{err}");

    let status = h.engine.status().await.unwrap();
    assert!(status.linked && status.needs_relink, "the account stays visible, marked for relink");
    let raw = h.raw_record().unwrap();
    assert!(!raw.contains("refresh_token"), "the rejected refresh token is discarded: {raw}");

    let requests = h.emulator.stats().token_requests;
    for _ in 0..3 {
        let err = h.engine.access_token(None).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RelinkNeeded);
    }
    assert_eq!(h.emulator.stats().token_requests, requests, "a dead refresh token is never sent again");

    // Linking again heals it.
    h.link("user-read-email", true).await;
    assert!(!h.engine.status().await.unwrap().needs_relink);
    h.engine.refresh().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_six_month_lifetime_ends_the_link() {
    let h =
        Harness::start(EmulatorConfig { refresh_lifetime: Duration::from_secs(1), ..EmulatorConfig::default() }).await;
    h.link("user-read-email", false).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let err = h.engine.refresh().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RelinkNeeded);
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_engines_share_one_refresh_under_rotation() {
    let h = Harness::start(EmulatorConfig {
        rotation: Rotation::On,
        access_ttl: Duration::from_secs(30),
        ..EmulatorConfig::default()
    })
    .await;
    h.link("user-read-email", false).await;
    h.emulator.set_access_ttl(Duration::from_secs(3600));
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let engine = h.another_engine();
        tasks.push(tokio::spawn(async move { engine.access_token(None).await.map(|t| t.token) }));
    }
    let mut tokens = Vec::new();
    for task in tasks {
        tokens.push(task.await.unwrap().unwrap());
    }
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "everyone got the one refreshed token");
    assert_eq!(h.me_status(tokens[0].secret()).await, 200);
    let stats = h.emulator.stats();
    assert_eq!(stats.refreshes, 1, "one refresh for ten callers");
    assert_eq!(stats.replays_detected, 0);
}
