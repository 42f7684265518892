//! Failure drills (issue 13) with the real app: an unreadable keychain entry.

use spotlink_core::store::{KeyringStore, SecretStore};

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options, ACCOUNT_ID};

/// The keychain entry of the emulated account, as stored (not parsed).
fn raw_entry(e2e: &E2e) -> Option<String> {
    let store = KeyringStore::new(e2e.service().to_owned());
    std::thread::spawn(move || store.get(ACCOUNT_ID).unwrap().map(|s| s.to_string())).join().unwrap()
}

fn write_entry(e2e: &E2e, value: &str) {
    let (store, value) = (KeyringStore::new(e2e.service().to_owned()), value.to_owned());
    std::thread::spawn(move || store.set(ACCOUNT_ID, &value)).join().unwrap().unwrap();
}

/// Drill: the app starts on a keychain entry that is cut off. It shows what is wrong
/// with a Relink action, does not crash, and keeps the entry until the relink replaces it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_unreadable_keychain_entry_offers_relink_and_keeps_it() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let good = raw_entry(&e2e).expect("linked");
    let cut = good[..good.len() / 2].to_owned();
    write_entry(&e2e, &cut);

    e2e.launch().await;
    let banner = e2e
        .wait_for(
            "a relink_needed error banner with a Relink action",
            "const b = document.getElementById('error-banner');
             return b && b.dataset.kind === 'relink_needed' && document.getElementById('error-action')
               ? b.innerText : null;",
            vec![],
        )
        .await;
    let banner = banner.as_str().unwrap_or_default().to_owned();
    assert!(banner.contains("The keychain entry for emu-user is unreadable (cut off"), "{banner}");
    assert!(banner.contains("link again to replace it"), "{banner}");
    assert_eq!(e2e.text("#error-action").await.as_deref(), Some("Relink"));
    e2e.screenshot("drill-unreadable-keychain-entry").await;
    assert_eq!(raw_entry(&e2e).as_deref(), Some(cut.as_str()), "the entry is not deleted");
    assert_eq!(e2e.emulator().stats().token_requests, 1, "nothing sent to Spotify but the first link's code");

    e2e.click("#error-action").await;
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    assert_ne!(raw_entry(&e2e).as_deref(), Some(cut.as_str()), "the relink replaced the entry");
    e2e.finish().await;
}
