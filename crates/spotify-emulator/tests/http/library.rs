//! The library endpoints: paging, scope gates, a change, early token expiry.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::*;

async fn get(url: &str, token: &str) -> reqwest::Response {
    http().get(url).bearer_auth(token).send().await.expect("request")
}

#[tokio::test]
async fn playlists_page_with_absolute_next_links_and_hide_private_ones_without_the_scope() {
    let emu = start().await;
    let full = link(&emu, "playlist-read-private").await;
    let mut url = format!("{}/me/playlists", emu.api_url());
    let (mut pages, mut ids) = (0, Vec::new());
    loop {
        let page = json_ok(get(&url, &full.access).await).await;
        pages += 1;
        ids.extend(page["items"].as_array().expect("items").iter().map(|p| str_field(p, "id")));
        match page["next"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&emu.api_url()), "next is absolute: {next}");
                url = next.to_owned();
            }
            None => {
                assert_eq!(page["total"], ids.len());
                break;
            }
        }
    }
    assert_eq!((pages, ids.len()), (3, 57));
    let public_only = link(&emu, "").await;
    let page = json_ok(get(&format!("{}/me/playlists?limit=50", emu.api_url()), &public_only.access).await).await;
    let total = page["total"].as_u64().expect("total");
    assert!(total < 57 && page["items"].as_array().expect("items").iter().all(|p| p["public"] == true));
    let slashed = get(&format!("{}/me/playlists/?limit=1", emu.api_url()), &full.access).await;
    assert_eq!(slashed.status(), StatusCode::OK, "a trailing slash is the same path, as at Spotify");
    let bad = get(&format!("{}/me/playlists?limit=51", emu.api_url()), &full.access).await;
    api_error(bad, StatusCode::BAD_REQUEST, "Invalid limit").await;
}

#[tokio::test]
async fn top_tracks_need_user_top_read() {
    let emu = start().await;
    let url = format!("{}/me/top/tracks?time_range=short_term&limit=10", emu.api_url());
    let without = link(&emu, "user-read-email").await;
    api_error(get(&url, &without.access).await, StatusCode::FORBIDDEN, "Insufficient client scope").await;
    let with = link(&emu, "user-top-read").await;
    let page = json_ok(get(&url, &with.access).await).await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(10));
    assert!(page["next"].as_str().is_some_and(|n| n.ends_with("&time_range=short_term")));
    let bad = get(&format!("{}/me/top/tracks?time_range=forever", emu.api_url()), &with.access).await;
    api_error(bad, StatusCode::BAD_REQUEST, "Invalid time range").await;
    assert_eq!(emu.stats().api_requests, 3);
}

#[tokio::test]
async fn a_playlist_changes_only_with_a_json_body_the_scope_and_ownership() {
    let emu = start().await;
    let token = link(&emu, "playlist-modify-public").await.access;
    let url = format!("{}/playlists/5pL0000000000000000000", emu.api_url());
    let put = |body: &'static str, content_type: &'static str| {
        http().put(&url).bearer_auth(&token).header("content-type", content_type).body(body).send()
    };
    let form = put("name=New", "application/x-www-form-urlencoded").await.expect("request");
    api_error(form, StatusCode::BAD_REQUEST, "Error parsing JSON.").await;
    let typed = put(r#"{"public":"no"}"#, "application/json").await.expect("request");
    api_error(typed, StatusCode::BAD_REQUEST, "Error parsing JSON.").await;
    let ok = put(r#"{"name":"Renamed","description":"by a test"}"#, "application/json").await.expect("request");
    assert_eq!(ok.status(), StatusCode::OK);
    assert!(ok.bytes().await.expect("body").is_empty());
    let playlist: Value = json_ok(get(&url, &token).await).await;
    assert_eq!((playlist["name"].as_str(), playlist["description"].as_str()), (Some("Renamed"), Some("by a test")));
    // A friend's playlist (every seventh) cannot be changed.
    let friends = format!("{}/playlists/5pL0000000000000000006", emu.api_url());
    let refused = http().put(&friends).bearer_auth(&token).json(&serde_json::json!({"name": "x"})).send().await;
    assert_eq!(refused.expect("request").status(), StatusCode::FORBIDDEN);
    let read_only = link(&emu, "").await.access;
    let no_scope = http().put(&url).bearer_auth(&read_only).json(&serde_json::json!({"name": "x"})).send().await;
    api_error(no_scope.expect("request"), StatusCode::FORBIDDEN, "Insufficient client scope").await;
}

#[tokio::test]
async fn expiring_access_tokens_early_keeps_refresh_tokens_working() {
    let emu = start().await;
    let tokens = link(&emu, "").await;
    emu.expire_access_tokens();
    api_error(me(&emu, &tokens.access).await, StatusCode::UNAUTHORIZED, "The access token expired").await;
    let renewed = json_ok(refresh(&emu, &tokens.refresh).await).await;
    assert_eq!(me(&emu, &str_field(&renewed, "access_token")).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn creating_a_playlist_adds_one_per_request() {
    let emu = start().await;
    let token = link(&emu, "playlist-modify-public playlist-read-private").await.access;
    let url = format!("{}/users/emu-user/playlists", emu.api_url());
    let created = http().post(&url).bearer_auth(&token).json(&serde_json::json!({"name": "New"})).send().await;
    let created = created.expect("request");
    assert_eq!(created.status(), StatusCode::CREATED);
    let playlist: Value = created.json().await.expect("json");
    assert_eq!((playlist["name"].as_str(), playlist["public"].as_bool()), (Some("New"), Some(true)));
    let nameless = http().post(&url).bearer_auth(&token).json(&serde_json::json!({})).send().await;
    api_error(nameless.expect("request"), StatusCode::BAD_REQUEST, "Missing required field: name").await;
    let list = json_ok(get(&format!("{}/me/playlists", emu.api_url()), &token).await).await;
    assert_eq!(list["total"], 58);
    let other = format!("{}/users/emu-friend/playlists", emu.api_url());
    let refused = http().post(&other).bearer_auth(&token).json(&serde_json::json!({"name": "x"})).send().await;
    assert_eq!(refused.expect("request").status(), StatusCode::FORBIDDEN);
}
