//! Failure drills (issue 13) with the real app: an unreadable keychain entry, and a
//! flood of hostile `spotlink://` links through the single-instance hand-off.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::driver::descendants;
use crate::flows::{assert_linked, expect_mismatch_reported, link};
use crate::harness::{E2e, Options};

/// Drill: the app starts on a keychain entry that is cut off. It shows what is wrong
/// with a Relink action, does not crash, and keeps the entry until the relink replaces it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_unreadable_keychain_entry_offers_relink_and_keeps_it() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let good = e2e.raw_keychain().expect("linked");
    let cut = good[..good.len() / 2].to_owned();
    e2e.write_raw_keychain(&cut);

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
    assert_eq!(e2e.raw_keychain().as_deref(), Some(cut.as_str()), "the entry is not deleted");
    assert_eq!(e2e.emulator().stats().token_requests, 1, "nothing sent to Spotify but the first link's code");

    e2e.click("#error-action").await;
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    assert_ne!(e2e.raw_keychain().as_deref(), Some(cut.as_str()), "the relink replaced the entry");
    e2e.finish().await;
}

/// The app's resident and proportional memory, its web view's processes included (kB).
fn memory_kb(pid: u32) -> (u64, u64) {
    let field = |path: String, name: &str| -> u64 {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let rss = field(format!("/proc/{pid}/status"), "VmRSS:");
    let pss =
        std::iter::once(pid).chain(descendants(pid)).map(|p| field(format!("/proc/{p}/smaps_rollup"), "Pss:")).sum();
    (rss, pss)
}

/// Hands `links` to the running app as a second process's hand-off does (the plugin's
/// D-Bus call, `ExecuteCallback(argv, cwd)`), from four connections at once.
/// Returns the links delivered per second.
fn flood(links: Vec<String>) -> f64 {
    let started = Instant::now();
    let count = links.len();
    let chunks: Vec<Vec<String>> = links.chunks(count.div_ceil(4)).map(<[String]>::to_vec).collect();
    let threads: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            std::thread::spawn(move || {
                let connection = zbus::blocking::Connection::session().expect("the session bus");
                for url in chunk {
                    connection
                        .call_method(
                            Some("dev.spotlink.SpotLink.SingleInstance"),
                            "/dev/spotlink/SpotLink/SingleInstance",
                            Some("org.SingleInstance.DBus"),
                            "ExecuteCallback",
                            &(vec!["spotlink-app".to_owned(), url], "/"),
                        )
                        .expect("the running app takes the link");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    count as f64 / started.elapsed().as_secs_f64()
}

/// Every kind of hostile link: forged or missing state, errors, junk, repeated and
/// oversized parameters, other hosts and schemes' look-alikes.
fn hostile_links(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match i % 8 {
            0 => format!("spotlink://callback?code=forged{i}&state=forged{i}"),
            1 => "spotlink://callback?error=access_denied".to_owned(),
            2 => format!("spotlink://callback?error=access_denied&state=forged{i}"),
            3 => "spotlink://callback?code=a&code=b&state=x&state=y".to_owned(),
            4 => format!("spotlink://elsewhere/{i}?code=x&state=y"),
            5 => "spotlink://callback?%ff%fe=%00&state=%".to_owned(),
            6 => format!("spotlink://callback?code={}&state=z", "A".repeat(9000)),
            _ => "spotlink:callback".to_owned(),
        })
        .collect()
}

/// The longest a trivial WebDriver call took while `busy` ran, and how many were made.
async fn responsiveness_during<T: Send + 'static>(
    e2e: &E2e,
    busy: impl FnOnce() -> T + Send + 'static,
) -> (T, Duration, u32) {
    let task = tokio::task::spawn_blocking(busy);
    let (mut slowest, mut calls) = (Duration::ZERO, 0);
    while !task.is_finished() {
        let asked = Instant::now();
        assert_eq!(e2e.js("return 1 + 1;", vec![]).await, json!(2));
        slowest = slowest.max(asked.elapsed());
        calls += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (task.await.unwrap(), slowest, calls)
}

/// Drill: 1,000 hostile links within 10 s, and one of 1 MiB, through the single-instance
/// hand-off (the D-Bus call a second `spotlink-app` makes; starting 1,000 processes on
/// two cores would take minutes). The window keeps answering WebDriver promptly, memory
/// settles, one notice is shown, nothing is stored or sent to Spotify; and a flood
/// while a sign-in is pending does not cancel it: the real answer completes it after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_flood_of_hostile_links_changes_nothing() {
    let mut e2e = E2e::start(Options { hold_browser: true, log_level: "info", ..Options::default() }).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    let pid = e2e.app().app_pid().expect("the app's pid");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let before = memory_kb(pid);

    let notice_before = e2e.text("#notice").await;
    let (rate, slowest, calls) = responsiveness_during(&e2e, || flood(hostile_links(1000))).await;
    let huge = format!("spotlink://callback?code={}&state=forged", "x".repeat(1 << 20));
    let (big_rate, big_slowest, _) = responsiveness_during(&e2e, move || flood(vec![huge])).await;
    expect_mismatch_reported(&e2e, notice_before).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = memory_kb(pid);
    let (rate2, slowest2, _) = responsiveness_during(&e2e, || flood(hostile_links(1000))).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after2 = memory_kb(pid);
    eprintln!(
        "drill flood: {rate:.0} links/s (again {rate2:.0}), 1 MiB link at {big_rate:.1}/s; slowest WebDriver call \
         {slowest:?} over {calls} calls ({big_slowest:?} during the 1 MiB link, {slowest2:?} during the second \
         flood); app RSS {} → {} → {} kB, PSS with web view {} → {} → {} kB",
        before.0, after.0, after2.0, before.1, after.1, after2.1
    );
    assert!(rate >= 100.0, "1,000 links within 10 s: {rate:.0}/s");
    for s in [slowest, big_slowest, slowest2] {
        assert!(s < Duration::from_secs(2), "the window answered within 2 s: {s:?}");
    }
    // A second flood as large as the first must not cost as much again: no growth per link.
    assert!(after.0 < before.0 + 64 * 1024, "RSS {} → {} kB", before.0, after.0);
    assert!(after2.0 < after.0 + 16 * 1024, "RSS grows with every flood: {} → {} kB", after.0, after2.0);
    assert!(after2.1 < after.1 + 12 * 1024, "PSS grows with every flood: {} → {} kB", after.1, after2.1);
    let notices = e2e.js("return document.querySelectorAll('#notices > *').length;", vec![]).await;
    assert!(notices.as_u64().unwrap_or(0) <= 1, "at most one notice: {notices}");
    assert_eq!(e2e.screen().await, "unlinked");
    assert!(e2e.keychain().is_none() && !e2e.state_file().exists(), "nothing stored");
    assert_eq!(e2e.emulator().stats().token_requests, 0, "nothing sent to Spotify");

    // A sign-in is pending: a flood does not cancel it.
    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("waiting for the test to open the gate").await;
    let (_, slowest, _) = responsiveness_during(&e2e, || flood(hostile_links(200))).await;
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
    assert_eq!(e2e.screen().await, "waiting", "the sign-in is still pending");
    e2e.release_browser();
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    assert_eq!(e2e.emulator().stats().codes_exchanged, 1);
    e2e.finish().await;
}
