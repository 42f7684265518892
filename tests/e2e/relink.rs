//! Relinking with an added permission: the picker starts from the current
//! scopes, Spotify's consent page is forced (`show_dialog=true`), and the new
//! grant replaces the old one.

use serde_json::json;

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options};

const ADDED: &str = "user-top-read";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn relink_with_an_added_scope() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    let before = assert_linked(&e2e).await;
    assert!(
        !before.iter().any(|s| s == ADDED),
        "{ADDED} is not among the default scopes; pick another one for this test"
    );

    e2e.click("#relink").await;
    e2e.expect_visible("#relink-start").await;
    let checkbox = format!("#relink-scope-{ADDED}");
    // The picker is prefilled with the scopes of the current link.
    let ticked = e2e
        .js(
            "return [...document.querySelectorAll('dialog[open] input[type=checkbox]:checked')].map(b => b.value);",
            vec![],
        )
        .await;
    let mut ticked: Vec<String> = serde_json::from_value(ticked).unwrap();
    ticked.sort();
    let mut expected = before.clone();
    expected.sort();
    assert_eq!(ticked, expected, "the relink picker starts from the current scopes");

    e2e.click(&format!("label[for='relink-scope-{ADDED}']")).await;
    e2e.wait_for(
        &format!("{ADDED} to be ticked"),
        "return document.querySelector(arguments[0])?.checked === true;",
        vec![json!(checkbox)],
    )
    .await;
    e2e.screenshot("relink").await;

    let authorizations = e2e.emulator().stats().authorizations;
    e2e.click("#relink-start").await;
    e2e.expect_screen("linked").await;
    // Wait until the view reflects the new grant.
    e2e.wait_for(
        &format!("{ADDED} in #granted-scopes"),
        "return !!document.querySelector('#granted-scopes li[data-scope=\"' + arguments[0] + '\"]');",
        vec![json!(ADDED)],
    )
    .await;
    assert_eq!(e2e.emulator().stats().authorizations, authorizations + 1, "relinking ran one more authorization");

    let authorize = e2e.requests().into_iter().rev().find(|e| e.path == "/authorize").expect("an authorize request");
    assert_eq!(authorize.show_dialog, Some(true), "a relink forces Spotify's consent page (show_dialog=true)");
    let requested: Vec<&str> = authorize.scope.as_deref().unwrap_or_default().split_whitespace().collect();
    assert!(requested.contains(&ADDED), "the relink asked for {ADDED}: {requested:?}");
    for scope in &before {
        assert!(requested.contains(&scope.as_str()), "the relink kept {scope}: {requested:?}");
    }

    let after = assert_linked(&e2e).await;
    assert!(after.iter().any(|s| s == ADDED), "Spotify granted {ADDED}: {after:?}");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_relink_keeps_the_current_link() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;
    let record = e2e.keychain().expect("linked");

    e2e.emulator().set_consent(spotify_emulator::Consent::AutoDeny);
    e2e.click("#relink").await;
    e2e.click("#relink-start").await;
    e2e.wait_for(
        "an error banner of kind \"denied\"",
        "return document.getElementById('error-banner')?.dataset.kind === 'denied';",
        vec![],
    )
    .await;
    e2e.expect_screen("linked").await;
    e2e.wait_for(
        "the account name",
        "return document.getElementById('account-name')?.textContent.trim() === arguments[0];",
        vec![crate::harness::DISPLAY_NAME.into()],
    )
    .await;
    let after = e2e.keychain().expect("declining a relink keeps the link");
    assert_eq!(after, record, "the stored link is unchanged");
    assert!(e2e.state_file().exists(), "the state file is still there");
    e2e.finish().await;
}
