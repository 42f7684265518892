//! The link survives a restart with Spotify unreachable: the linked view comes
//! from the keychain, not from the network.

use crate::flows::{assert_linked, link, sign_in_and_quit_before_the_answer};
use crate::harness::{E2e, Options, DISPLAY_NAME};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_with_the_network_down_shows_the_link_from_the_keychain() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    let granted = assert_linked(&e2e).await;
    e2e.quit().await;

    e2e.stop_emulator().await;
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    e2e.wait_for(
        "the account name from the keychain",
        "return document.getElementById('account-name')?.textContent.trim() === arguments[0];",
        vec![DISPLAY_NAME.into()],
    )
    .await;
    let shown = e2e.scope_list("granted-scopes").await;
    assert_eq!(shown.len(), granted.len(), "the granted scopes are shown offline too: {shown:?} vs {granted:?}");
    assert!(e2e.attr("#token-expiry", "data-expires-at").await.is_some(), "the cached token's expiry is shown");
    assert!(e2e.text("#link-expiry").await.is_some_and(|t| !t.is_empty()), "the link's expiry is shown");
    // Not a blank or half-drawn window: the linked view's cards are all there.
    let text = e2e.js("return document.body.innerText.trim().length;", vec![]).await;
    assert!(text.as_u64().unwrap_or(0) > 200, "the window shows the linked view, not a blank page");
    e2e.screenshot("linked-offline").await;
    assert!(e2e.keychain().is_some(), "the restart kept the link");
    e2e.finish().await;
}

/// docs/engine.md: the sign-in in progress is kept in the keychain, "so Spotify's
/// answer can complete it even if it cold-starts the app". The user closes the
/// app while the browser is open; approving then starts the app with the answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_that_cold_starts_the_app_completes_the_sign_in() {
    let mut e2e = E2e::start(Options { deliver: false, ..Options::default() }).await;
    e2e.launch().await;
    let redirect = sign_in_and_quit_before_the_answer(&mut e2e).await;

    // The OS starts the app with the link, as `xdg-open` would with no instance running.
    e2e.launch_with_args(&[&redirect]).await;
    // Linked, or (fail at once) a notice that the answer was refused.
    e2e.wait_for(
        "the linked screen or a warning",
        "return document.getElementById('screen')?.dataset.screen === 'linked'
            || document.getElementById('notice')?.dataset.kind === 'warning';",
        vec![],
    )
    .await;
    if e2e.screen().await != "linked" {
        let notice = e2e.text("#notice").await.unwrap_or_default();
        e2e.fail::<()>(&format!("the cold-started app refused the answer to its remembered sign-in: {notice:?}")).await;
    }
    assert_linked(&e2e).await;
    e2e.finish().await;
}
