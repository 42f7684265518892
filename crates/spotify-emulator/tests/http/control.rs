//! The HTTP control API under `/_emulator/`, the home page and the log.

use reqwest::StatusCode;
use serde_json::{json, Value};
use spotify_emulator::{LogEntry, Stats};

use crate::support::*;

async fn control(emu: &spotify_emulator::EmulatorHandle, path: &str, body: Value) -> reqwest::Response {
    http().post(format!("{}/_emulator/{path}", emu.base_url())).json(&body).send().await.expect("control request")
}

#[tokio::test]
async fn config_changes_apply_to_the_next_requests() {
    let emu = start().await;
    let response = control(
        &emu,
        "config",
        json!({"rotation": "on", "access_ttl_secs": 120, "grantable_scopes": ["user-read-email"], "allow_listed": false}),
    )
    .await;
    let settings = json_ok(response).await;
    assert_eq!(settings["rotation"], "on");
    assert_eq!(settings["access_ttl_secs"], 120);

    let tokens = link(&emu, "user-read-email user-top-read").await;
    assert_eq!(tokens.scope, "user-read-email");
    let body = json_ok(refresh(&emu, &tokens.refresh).await).await;
    assert!(body.get("refresh_token").is_some(), "rotation on");
    assert_eq!(body["expires_in"], 120);
    assert_eq!(me(&emu, &tokens.access).await.status(), StatusCode::FORBIDDEN);

    let settings =
        json_ok(control(&emu, "config", json!({"grantable_scopes": null, "consent": "auto-deny"})).await).await;
    assert!(settings["grantable_scopes"].is_null());
    assert_eq!(settings["rotation"], "on", "absent fields stay unchanged");
    let query = redirect_params(&get_authorize(&emu, &authorize_params(RFC_CHALLENGE, REDIRECT, "")).await);
    assert_eq!(query["error"], "access_denied");
}

#[tokio::test]
async fn bad_control_requests_are_refused() {
    let emu = start().await;
    for (path, body) in [
        ("config", json!({"rotate": "on"})),
        ("config", json!({"consent": "maybe"})),
        ("config", json!({"grantable_scopes": ["user-read-everything"]})),
        ("faults", json!({"fault": "418"})),
    ] {
        let response = control(&emu, path, body).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
    }
}

#[tokio::test]
async fn faults_revoke_all_stats_and_log_over_http() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    json_ok(control(&emu, "faults", json!({"fault": "429", "count": 2, "retry_after_secs": 3})).await).await;
    for _ in 0..2 {
        let response = refresh(&emu, &tokens.refresh).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()["retry-after"], "3");
    }
    json_ok(control(&emu, "faults", json!({"fault": "slow", "delay_ms": 10})).await).await;
    let refreshed = json_ok(refresh(&emu, &tokens.refresh).await).await;
    // Web API faults: `/v1/me` fails once, in the Web API's error shape.
    json_ok(control(&emu, "faults", json!({"fault": "500", "endpoint": "api"})).await).await;
    let access = refreshed["access_token"].as_str().expect("access token");
    api_error(me(&emu, access).await, StatusCode::INTERNAL_SERVER_ERROR, "Unexpected status: 500").await;
    json_ok(me(&emu, access).await).await;
    let bad = control(&emu, "faults", json!({"fault": "500", "endpoint": "web"})).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    json_ok(control(&emu, "revoke-all", json!({})).await).await;
    oauth_error(refresh(&emu, &tokens.refresh).await, StatusCode::BAD_REQUEST, "invalid_grant").await;

    let stats: Stats = http()
        .get(format!("{}/_emulator/stats", emu.base_url()))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("stats JSON");
    assert_eq!(stats, emu.stats());
    assert_eq!((stats.grants_revoked, stats.refreshes, stats.token_requests), (1, 1, 5));

    let log: Vec<LogEntry> = http()
        .get(format!("{}/_emulator/log", emu.base_url()))
        .send()
        .await
        .expect("log")
        .json()
        .await
        .expect("log JSON");
    assert_eq!(log, emu.request_log());
    assert!(log.iter().all(|e| !e.path.starts_with("/_emulator/")), "control calls are not logged");
    assert_eq!(log.iter().filter(|e| e.error.as_deref() == Some("fault:429")).count(), 2);
}

#[tokio::test]
async fn the_log_never_holds_secrets() {
    let emu = start().await;
    let pkce = Pkce::new();
    let code = authorize_code(&emu, &pkce.challenge, REDIRECT, "user-read-email").await;
    let body = json_ok(exchange(&emu, &code, REDIRECT, &pkce.verifier).await).await;
    let access = str_field(&body, "access_token");
    let refresh_token = str_field(&body, "refresh_token");
    json_ok(refresh(&emu, &refresh_token).await).await;
    json_ok(me(&emu, &access).await).await;
    let _ = exchange(&emu, &code, REDIRECT, &pkce.verifier).await;

    let log = serde_json::to_string(&emu.request_log()).expect("serializes");
    for secret in [&code, &pkce.verifier, &pkce.challenge, &access, &refresh_token] {
        assert!(!log.contains(secret.as_str()), "log leaks a secret: {log}");
    }
    let entries = emu.request_log();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[1].grant_type.as_deref(), Some("authorization_code"));
    assert_eq!(entries[1].scope.as_deref(), Some("user-read-email"));
    assert_eq!(entries[2].grant_type.as_deref(), Some("refresh_token"));
}

#[tokio::test]
async fn control_api_refuses_foreign_host_headers() {
    let emu = start().await;
    let response = http()
        .post(format!("{}/_emulator/revoke-all", emu.base_url()))
        .header("Host", "attacker.example")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn home_page_explains_where_to_point_spotlink() {
    let emu = start().await;
    let page = http().get(emu.base_url()).send().await.expect("home").text().await.expect("page");
    assert!(page.contains(&format!("SPOTLINK_ACCOUNTS_URL={}", emu.accounts_url())));
    assert!(page.contains(&format!("SPOTLINK_API_URL={}", emu.api_url())));
    assert!(page.contains("SPOTLINK_CLIENT_ID=spotlink-test-client"));
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let emu = start().await;
    let url = emu.base_url();
    emu.clone().shutdown().await;
    assert!(reqwest::Client::new().get(&url).send().await.is_err());
}

#[tokio::test]
async fn dropping_the_last_handle_stops_the_server() {
    let emu = start().await;
    let url = emu.base_url();
    let clone = emu.clone();
    drop(emu);
    http().get(&url).send().await.expect("a clone keeps it running");
    drop(clone);
    // The stop is asynchronous; give the server task a moment.
    let mut stopped = false;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        if reqwest::Client::new().get(&url).send().await.is_err() {
            stopped = true;
            break;
        }
    }
    assert!(stopped, "server still answers after the last handle was dropped");
}
