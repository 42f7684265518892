//! Reminders before the link ends, as desktop notifications to a real notification
//! server (dunst): 14 days before (once per link, across restarts; a relink starts
//! afresh), once the six months are over, when Spotify rejects the link (with a
//! working "Relink" action), and none when the user turned them off.

use std::time::Duration;

use spotlink_core::lifetime::link_expires_at;
use time::OffsetDateTime;

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options};
use crate::notifications::{self, Received};

const RENEW: &str = "Renew your Spotify link";
const ENDED: &str = "Your Spotify link has ended";
const REJECTED: &str = "Spotify no longer accepts your link";

/// An approval time whose six months end in `days` days and an hour.
pub fn authorized_ending_in(days: i64) -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    let target = now + time::Duration::days(days) + time::Duration::hours(1);
    // Six calendar months back, found by walking days: link_expires_at is not invertible on month ends.
    let mut at = target - time::Duration::days(184);
    while link_expires_at(at) < target {
        at += time::Duration::days(1);
    }
    at
}

fn titled<'a>(got: &'a [Received], summary: &str) -> Vec<&'a Received> {
    got.iter().filter(|n| n.summary == summary).collect()
}

async fn expect_reminder(e2e: &E2e, mark: i64, summary: &str) -> Vec<Received> {
    match notifications::wait_for(mark, summary).await {
        Ok(got) => got,
        Err(got) => e2e.fail(&format!("no \"{summary}\" notification within 10 s; received: {got:?}")).await,
    }
}

/// The app evaluated its reminders for the current link (it logs when it schedules the next).
async fn wait_evaluated(e2e: &E2e, launches_before: usize) {
    for _ in 0..100 {
        if e2e.app_output().matches("next reminder").count() > launches_before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    e2e.fail::<()>("the app did not evaluate its reminders").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renew_soon_is_told_once_per_link_and_a_relink_starts_afresh() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let mark = notifications::mark().await;

    e2e.set_authorized_at(authorized_ending_in(10));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    if notifications::wait_displayed().await {
        notifications::screenshot("notification-renew-soon").await;
    }
    let got = expect_reminder(&e2e, mark, RENEW).await;
    let renew = titled(&got, RENEW);
    assert_eq!(renew.len(), 1, "one reminder: {got:?}");
    assert!(renew[0].body.contains("The link to Emu Listener ends in 10 days"), "{:?}", renew[0].body);
    let state = std::fs::read_to_string(e2e.state_file()).unwrap();
    assert!(state.contains("\"renew_soon\""), "the state file remembers it: {state}");

    // A restart does not tell it again.
    let evaluated = e2e.app_output().matches("next reminder").count();
    e2e.quit().await;
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    wait_evaluated(&e2e, evaluated).await;
    let got = notifications::since(mark).await;
    assert_eq!(titled(&got, RENEW).len(), 1, "not told twice: {got:?}");

    // Relinking (the renew-soon banner's button) starts a new six months, and a new set of reminders.
    e2e.click("#health-relink").await;
    e2e.wait_for(
        "the renewed link (no renew-soon banner)",
        "return document.getElementById('link-status')?.textContent.trim() === 'Linked' && !document.getElementById('health-banner');",
        vec![],
    )
    .await;
    assert_linked(&e2e).await;
    let state = std::fs::read_to_string(e2e.state_file()).unwrap();
    assert!(!state.contains("renew_soon"), "the new link has no reminders given: {state}");
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_link_is_told_and_a_rejected_one_offers_relink() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;

    // The six months are over.
    let mark = notifications::mark().await;
    e2e.set_authorized_at(authorized_ending_in(-3));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    let got = expect_reminder(&e2e, mark, ENDED).await;
    assert_eq!(titled(&got, ENDED).len(), 1, "{got:?}");
    assert!(titled(&got, RENEW).is_empty(), "no stale 14-day news after the end: {got:?}");
    e2e.quit().await;

    // A fresh link that Spotify then rejects.
    e2e.set_authorized_at(OffsetDateTime::now_utc() - time::Duration::days(1));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    let mark = notifications::mark().await;
    e2e.emulator().revoke_all();
    e2e.click("#refresh-now").await;
    assert!(notifications::wait_displayed().await, "no notification on screen after Spotify rejected the link");
    // The user picks "Relink" in the notification: the sign-in starts, the fake browser
    // approves, and the link works again.
    notifications::choose_relink().await;
    e2e.wait_for(
        "the relinked account",
        "return document.getElementById('link-status')?.textContent.trim() === 'Linked' && !document.getElementById('health-banner');",
        vec![],
    )
    .await;
    assert_linked(&e2e).await;
    let got = notifications::since(mark).await;
    let rejected = titled(&got, REJECTED);
    assert_eq!(rejected.len(), 1, "{got:?}");
    assert!(rejected[0].body.contains("Emu Listener"), "{:?}", rejected[0].body);
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turned_off_there_are_no_reminders() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.wait_for(
        "the reminder switch on",
        "return document.getElementById('notifications-toggle')?.checked === true;",
        vec![],
    )
    .await;
    e2e.js("document.getElementById('notifications-toggle').scrollIntoView({block: 'center'}); return null;", vec![])
        .await;
    e2e.screenshot("linked-reminders-setting").await;
    e2e.click("#notifications-toggle").await;
    e2e.wait_for(
        "the reminder switch off",
        "return document.getElementById('notifications-toggle')?.checked === false;",
        vec![],
    )
    .await;
    let config = std::fs::read_to_string(e2e.config_file()).unwrap();
    assert!(config.contains("notifications = false"), "{config}");
    e2e.quit().await;

    let mark = notifications::mark().await;
    e2e.set_authorized_at(authorized_ending_in(2));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got = notifications::since(mark).await;
    assert!(got.is_empty(), "reminders are off: {got:?}");
    let output = e2e.last_launch_output();
    assert!(output.contains("linked") || output.contains("DEBUG"), "the app logged: {output}");
    assert!(!output.contains("next reminder"), "no reminder task runs");
    e2e.finish().await;
}
