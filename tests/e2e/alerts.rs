//! Unusual activity told through the real notification server (dunst): the real
//! `spotlink` CLI, run from a named script in the app's session, takes a token while the
//! app runs; the app sees the record change and tells that a program never seen before
//! took a token, naming the script — once: the same program again tells nothing. With
//! `alerts = false` nothing is told, though the record still names the program.

use std::time::Duration;

use crate::flows::link;
use crate::harness::{E2e, Options};
use crate::notifications;

const NEW_PROGRAM: &str = "A new program took your Spotify token";

/// Runs `spotlink token` from a shell script called `name`, in the app's session.
async fn token_from_script(e2e: &E2e, name: &str) {
    let script = e2e.root().join(name);
    std::fs::write(&script, "#!/bin/sh\n\"$SPOTLINK\" token > /dev/null\nstatus=$?\nexit $status\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut command = tokio::process::Command::new(&script);
    e2e.put_in_session(&mut command, &[]);
    command.env("SPOTLINK", crate::activity::cli()).kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(20), command.output()).await.unwrap().unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_program_never_seen_before_taking_a_token_is_told_once() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    let mark = notifications::mark().await;
    token_from_script(&e2e, "sync-playlists.sh").await;
    if notifications::wait_displayed().await {
        notifications::screenshot("notification-new-program").await;
    }
    let got = match notifications::wait_for(mark, NEW_PROGRAM).await {
        Ok(got) => got,
        Err(got) => e2e.fail(&format!("no \"{NEW_PROGRAM}\" notification within 10 s; received: {got:?}")).await,
    };
    let told: Vec<_> = got.iter().filter(|n| n.summary == NEW_PROGRAM).collect();
    assert_eq!(told.len(), 1, "{got:?}");
    assert!(told[0].body.contains("sync-playlists.sh"), "the script is named: {}", told[0].body);

    // The same program again: nothing new to tell.
    token_from_script(&e2e, "sync-playlists.sh").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let again = notifications::since(mark).await;
    assert_eq!(again.iter().filter(|n| n.summary == NEW_PROGRAM).count(), 1, "{again:?}");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_alerts_off_nothing_is_told() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let config = std::fs::read_to_string(e2e.config_file()).unwrap_or_default();
    e2e.write_config(&format!("{config}\nalerts = false\n"));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    let mark = notifications::mark().await;
    token_from_script(&e2e, "quiet-job.sh").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = notifications::since(mark).await;
    assert!(got.is_empty(), "alerts are off: {got:?}");
    let record = std::fs::read_to_string(e2e.root().join("data/spotlink/activity.jsonl")).unwrap();
    assert!(record.contains("quiet-job.sh"), "the record names it all the same: {record}");
    e2e.finish().await;
}
