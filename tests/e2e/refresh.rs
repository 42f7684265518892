//! "Refresh now" gets a new access token from Spotify and shows its expiry.

use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options};

async fn token_expiry(e2e: &E2e) -> OffsetDateTime {
    let at = e2e.attr("#token-expiry", "data-expires-at").await.expect("#token-expiry has data-expires-at");
    OffsetDateTime::parse(&at, &Rfc3339).unwrap_or_else(|e| panic!("token expiry {at:?}: {e}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_now_gets_a_new_token() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;
    let before = token_expiry(&e2e).await;
    let refreshes = e2e.emulator().stats().refreshes;

    // Tokens from now on last two hours, so the new expiry is unmistakable.
    e2e.emulator().set_access_ttl(Duration::from_secs(7200));
    e2e.click("#refresh-now").await;
    e2e.wait_for(
        "a new token expiry",
        "return document.getElementById('token-expiry')?.dataset.expiresAt !== arguments[0];",
        vec![before.format(&Rfc3339).unwrap().into()],
    )
    .await;
    let after = token_expiry(&e2e).await;
    let left = after - OffsetDateTime::now_utc();
    assert!(left > time::Duration::minutes(115), "the new token lasts about two hours: {left}");
    assert_eq!(e2e.emulator().stats().refreshes, refreshes + 1, "one refresh at Spotify");
    let record = e2e.keychain().expect("linked");
    assert_eq!(
        record["expires_at"].as_i64(),
        Some(after.unix_timestamp()),
        "the keychain holds the new token's expiry"
    );
    assert!(e2e.text("#error-banner").await.is_none(), "no error after refreshing");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_link_asks_for_a_relink() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;

    // The user removed SpotLink on Spotify's Apps page.
    e2e.emulator().revoke_all();
    e2e.click("#refresh-now").await;
    e2e.wait_for(
        "an error banner of kind \"relink_needed\"",
        "return document.getElementById('error-banner')?.dataset.kind === 'relink_needed';",
        vec![],
    )
    .await;
    e2e.expect_screen("linked").await;
    e2e.wait_for(
        "the link to show it needs a relink",
        "return document.getElementById('link-status')?.textContent.trim() === 'Needs relink';",
        vec![],
    )
    .await;
    e2e.screenshot("linked-needs-relink").await;
    let requests = e2e.emulator().stats().token_requests;
    // A dead refresh token is not sent again.
    e2e.click("#copy-token").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(e2e.emulator().stats().token_requests, requests, "no request with the rejected refresh token");
    e2e.finish().await;
}
