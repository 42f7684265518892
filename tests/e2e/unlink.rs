//! Unlinking forgets the link on this computer and points to Spotify's
//! account Apps page for the server-side half.

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options};

const ACCOUNT_APPS: &str = "spotify.com/account/apps";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlink_forgets_the_link_and_points_to_the_apps_page() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;

    e2e.click("#unlink").await;
    e2e.expect_visible("#unlink-confirm").await;
    assert_eq!(e2e.screen().await, "linked", "nothing happens before the confirmation");
    assert!(e2e.keychain().is_some());
    e2e.click("#unlink-confirm").await;

    e2e.expect_screen("unlinked").await;
    assert!(e2e.keychain().is_none(), "the keychain entry is gone");
    assert!(!e2e.state_file().exists(), "the state file is gone");

    e2e.expect_visible("#notice").await;
    let notice = e2e.text("#notice").await.unwrap_or_default();
    assert!(notice.contains("Apps page"), "the notice points to Spotify's account Apps page: {notice:?}");
    e2e.screenshot("unlinked-after").await;
    if !notice.contains(ACCOUNT_APPS) {
        // The notice offers a button instead of the address: it must open the page.
        e2e.click("#notice-account-apps").await;
        e2e.wait_browser_log(ACCOUNT_APPS).await;
    }
    assert!(e2e.text("#error-banner").await.is_none(), "no error after unlinking");
    e2e.finish().await;
}
