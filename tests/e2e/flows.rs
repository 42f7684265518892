//! Steps several scenarios share: linking from the unlinked screen and
//! checking everything a linked view must show and store.

use std::collections::BTreeSet;

use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::harness::{E2e, ACCOUNT_ID, CLIENT_ID, DISPLAY_NAME};

/// Unlinked screen → "Link Spotify account" → (fake browser approves) → linked.
pub async fn link(e2e: &E2e) {
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    e2e.expect_screen("linked").await;
}

/// The linked view shows the emulated account, the scopes the emulator
/// granted, both expiries and no error; the keychain and the state file hold
/// the link. Returns the granted scopes.
pub async fn assert_linked(e2e: &E2e) -> Vec<String> {
    e2e.expect_screen("linked").await;
    e2e.wait_for(
        "the account name",
        "return document.getElementById('account-name')?.textContent.trim() === arguments[0];",
        vec![DISPLAY_NAME.into()],
    )
    .await;

    let granted = e2e.last_granted_scopes().expect("the emulator exchanged a code");
    let shown: BTreeSet<String> = e2e.scope_list("granted-scopes").await.into_iter().collect();
    assert_eq!(
        shown,
        granted.iter().cloned().collect::<BTreeSet<_>>(),
        "#granted-scopes lists exactly what Spotify granted"
    );

    let expires_at = e2e.attr("#token-expiry", "data-expires-at").await.expect("#token-expiry has data-expires-at");
    let expires_at =
        OffsetDateTime::parse(&expires_at, &Rfc3339).unwrap_or_else(|e| panic!("token expiry {expires_at:?}: {e}"));
    let left = expires_at - OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::minutes(50) && left <= time::Duration::minutes(61),
        "the access token expires in about an hour (the emulator's lifetime), not {left}"
    );
    let token_text = e2e.text("#token-expiry").await.unwrap_or_default();
    assert!(!token_text.is_empty(), "#token-expiry says when the token expires");
    let link_text = e2e.text("#link-expiry").await.unwrap_or_default();
    assert!(!link_text.is_empty(), "#link-expiry says until when the link is valid");
    let link_expires = e2e.attr("#link-expiry", "data-expires-at").await.expect("#link-expiry has data-expires-at");
    let link_expires =
        OffsetDateTime::parse(&link_expires, &Rfc3339).unwrap_or_else(|e| panic!("link expiry {link_expires:?}: {e}"));
    let days = (link_expires - OffsetDateTime::now_utc()).whole_days();
    // Six calendar months: 181 to 184 days, of which a few seconds have passed.
    assert!((180..=184).contains(&days), "the link is valid for Spotify's six months, not {days} days");
    assert!(
        e2e.text("#error-banner").await.is_none(),
        "no error banner on a fresh link: {:?}",
        e2e.text("#error-banner").await
    );

    let record = e2e.keychain().expect("the keychain holds the link");
    assert_eq!(record["account"]["id"], ACCOUNT_ID);
    assert_eq!(record["client_id"], CLIENT_ID);
    assert!(record["refresh_token"].as_str().is_some_and(|t| !t.is_empty()), "the record has a refresh token");
    let stored: BTreeSet<&str> = record["scope"].as_str().unwrap_or_default().split_whitespace().collect();
    assert_eq!(stored, granted.iter().map(String::as_str).collect(), "the keychain record holds the granted scopes");

    let state = std::fs::read_to_string(e2e.state_file()).expect("the state file exists");
    let state: serde_json::Value = serde_json::from_str(&state).expect("the state file is JSON");
    assert_eq!(state["account_id"], ACCOUNT_ID);
    granted
}

/// Starts a sign-in from the unlinked screen with a browser that keeps Spotify's answer
/// (`Options::deliver` false), then quits the app, as a user who closes SpotLink before
/// approving. Returns the answer (`spotlink://callback?...`), not yet delivered.
pub async fn sign_in_and_quit_before_the_answer(e2e: &mut E2e) -> String {
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("not delivered").await;
    let redirect = e2e.redirects().pop().expect("the fake browser recorded Spotify's answer");
    e2e.quit().await;
    redirect
}

/// Reads the clipboard of the session's display (the app owns the selection).
pub async fn clipboard() -> Option<String> {
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        tokio::process::Command::new("xclip").args(["-selection", "clipboard", "-o"]).kill_on_drop(true).output(),
    )
    .await
    .ok()?
    .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Clicks "Copy token" and waits (5 s at most) for the clipboard to hold a token; returns it.
pub async fn copy_token(e2e: &E2e) -> String {
    e2e.click("#copy-token").await;
    copied(e2e, "clicking Copy token").await
}

/// Waits (5 s at most) for the clipboard to hold something after `what` copied it; returns it.
pub async fn copied(e2e: &E2e, what: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match clipboard().await {
            Some(text) if !text.trim().is_empty() => return text,
            _ if std::time::Instant::now() > deadline => {
                return e2e.fail(&format!("nothing on the clipboard 5 s after {what}")).await
            }
            _ => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
}

/// The window's whole HTML.
pub async fn page_html(e2e: &E2e) -> String {
    e2e.js("return document.documentElement.outerHTML;", vec![]).await.as_str().unwrap_or_default().to_owned()
}

/// Waits until the window reports the mismatch: an error banner of kind
/// `state_mismatch`, or a warning notice other than `notice_before`. Returns
/// what it showed.
pub async fn expect_mismatch_reported(e2e: &E2e, notice_before: Option<String>) -> String {
    let shown = e2e
        .wait_for(
            "a state-mismatch banner or notice",
            r"const b = document.getElementById('error-banner');
             if (b && b.dataset.kind === 'state_mismatch') return 'banner: ' + b.innerText;
             const n = document.getElementById('notice');
             const text = n ? n.textContent.replace(/\s+/g, ' ').trim() : '';
             if (n && n.dataset.kind === 'warning' && text !== (arguments[0] ?? '')) return 'notice: ' + text;
             return null;",
            vec![json!(notice_before)],
        )
        .await;
    shown.as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Polls `ready` for up to 10 s.
pub async fn eventually(e2e: &E2e, what: &str, ready: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !ready() {
        if std::time::Instant::now() > deadline {
            return e2e.fail(&format!("timed out waiting for {what}")).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
