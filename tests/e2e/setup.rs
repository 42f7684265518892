//! First start with no client ID: the setup screen takes one and moves on.

use crate::harness::{E2e, Options, CLIENT_ID};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_screen_saves_the_client_id() {
    let mut e2e = E2e::start(Options { client_id: None, ..Options::default() }).await;
    e2e.launch().await;
    e2e.expect_screen("setup").await;
    e2e.expect_visible("#client-id-input").await;
    e2e.screenshot("setup").await;

    // Not a client ID: the form says why and nothing is saved.
    e2e.type_into("#client-id-input", "abc").await;
    e2e.click("#save-client-id").await;
    e2e.wait_for(
        "the field's error message",
        "return document.getElementById('client-id-error')?.textContent.trim().length > 0;",
        vec![],
    )
    .await;
    assert_eq!(e2e.screen().await, "setup");
    assert!(!e2e.config_file().exists(), "nothing saved for an invalid client ID");

    e2e.type_into("#client-id-input", CLIENT_ID).await;
    e2e.click("#save-client-id").await;
    e2e.expect_screen("unlinked").await;
    let config = std::fs::read_to_string(e2e.config_file()).expect("the config file was written");
    assert!(config.contains(CLIENT_ID), "the client ID is saved in config.toml:\n{config}");
    e2e.finish().await;
}
