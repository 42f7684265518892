//! The window's Activity view (issue 22): a script of the user's takes a token through
//! the real `spotlink token`, and the view names it (by the script's name, not its
//! interpreter's), counts its tokens, filters by event, and after "Clear activity…" and
//! its confirmation shows only the entry saying so; "Back" and Escape return to the
//! linked view, the tray's "Activity…" opens the view again, and after an unlink the
//! unlinked screen does.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};
use test_support::sni::Watcher;

use crate::driver::APP_BINARY;
use crate::flows::{copy_token, link, page_html};
use crate::harness::{E2e, Options, DISPLAY_NAME};
use crate::languages::{choose, fits};
use crate::sni::TrayItem;

/// The user's script that takes a token.
pub const SCRIPT: &str = "nightly-sync.sh";

/// The `spotlink` command of this build, beside the app in cargo's target directory:
/// `scripts/test` (`cargo nextest run --workspace`) builds both. Building it from here
/// instead would rebuild it with other features under the feet of the CLI's own suites,
/// which run the same file meanwhile.
pub fn cli() -> PathBuf {
    let cli = Path::new(APP_BINARY).with_file_name("spotlink");
    assert!(
        cli.exists(),
        "{} is missing: build it beside the app (`cargo build -p spotlink-cli`, or run the suites with scripts/test)",
        cli.display()
    );
    cli
}

/// Runs [`SCRIPT`], which runs `spotlink token` (not as its last command, so the shell
/// stays its parent), in the app's session: the same keychain and data directory.
/// Returns the token it printed.
pub async fn token_from_script(e2e: &E2e) -> String {
    let script = e2e.root().join(SCRIPT);
    if !script.exists() {
        std::fs::write(&script, "#!/bin/sh\n\"$SPOTLINK\" token\nstatus=$?\nexit $status\n").unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cli = cli();
    let mut cmd = tokio::process::Command::new(&script);
    e2e.put_in_session(&mut cmd, &[]);
    cmd.env("SPOTLINK", cli).kill_on_drop(true);
    let out = match tokio::time::timeout(Duration::from_secs(20), cmd.output()).await {
        Ok(Ok(out)) => out,
        Ok(Err(e)) => return e2e.fail(&format!("cannot run {SCRIPT}: {e}")).await,
        Err(_) => return e2e.fail(&format!("{SCRIPT} did not return within 20 s")).await,
    };
    if !out.status.success() {
        return e2e.fail(&format!("{SCRIPT} failed: {}", String::from_utf8_lossy(&out.stderr))).await;
    }
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Opens the Activity view from the linked view and waits for its first answer.
pub async fn open_activity(e2e: &E2e) {
    e2e.click("#open-activity").await;
    e2e.expect_visible("#activity-view").await;
    e2e.wait_for(
        "the record in the Activity view",
        "return document.getElementById('activity-loading')?.hidden === true;",
        vec![],
    )
    .await;
}

/// The events the view lists, newest first.
async fn listed(e2e: &E2e) -> Value {
    e2e.js("return [...document.querySelectorAll('#activity-entries li.entry')].map(li => li.dataset.event);", vec![])
        .await
}

/// Waits until the view lists exactly `events`, newest first.
async fn expect_listed(e2e: &E2e, events: &[&str]) {
    let ok = e2e
        .app()
        .wait_for(
            "const shown = [...document.querySelectorAll('#activity-entries li.entry')].map(li => li.dataset.event);
             return JSON.stringify(shown) === JSON.stringify(arguments[0]);",
            vec![json!(events)],
            crate::driver::UI_TIMEOUT,
        )
        .await;
    if ok.is_err() {
        let shown = listed(e2e).await;
        e2e.fail::<()>(&format!("the Activity view lists {shown}, not {events:?}")).await;
    }
}

/// The tokens the programs table counts for `program` ("" for the clipboard), as shown.
async fn tokens_of(e2e: &E2e, program: &str) -> Option<String> {
    let css = format!("#activity-programs tr[data-program='{program}'] .activity-table__count");
    e2e.text(&css).await
}

async fn expect_tokens_of(e2e: &E2e, program: &str, count: &str) {
    e2e.wait_for(
        &format!("{program} counted with {count} tokens"),
        "const c = document.querySelector(`#activity-programs tr[data-program='${arguments[0]}'] .activity-table__count`);
         return c && !c.closest('[hidden]') && c.textContent.trim() === arguments[1];",
        vec![json!(program), json!(count)],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_activity_view_names_the_script_that_took_a_token() {
    tokio::task::spawn_blocking(cli).await.unwrap();
    let watcher = Watcher::start().await.expect("the StatusNotifierWatcher name is free on the session bus");
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    link(&e2e).await;

    let token = token_from_script(&e2e).await;
    assert_eq!(e2e.me_status(&token).await, 200, "the script got a working token");
    // And one copied in the window (kept on the clipboard: no later entry clearing it).
    choose(&e2e, "#clipboard-clear", "").await;
    copy_token(&e2e).await;

    // The view lists the link and the tokens, newest first, naming the script and the account.
    open_activity(&e2e).await;
    expect_listed(&e2e, &["copy", "token", "link"]).await;
    let copied = e2e.text("#activity-entries li[data-event='copy']").await.unwrap_or_default();
    assert!(copied.contains("From this window"), "{copied:?}");
    expect_tokens_of(&e2e, "", "1").await;
    let clipboard = e2e.text("#activity-programs tr[data-program=''] th").await.unwrap_or_default();
    assert!(clipboard.starts_with("Copied to the clipboard"), "the clipboard's row: {clipboard:?}");
    let taken = e2e.text("#activity-entries li[data-event='token']").await.unwrap_or_default();
    assert!(taken.contains(SCRIPT) && taken.contains(DISPLAY_NAME), "{taken:?}");
    let titles = e2e
        .js("return [...document.querySelectorAll(\"#activity-entries li[data-event='token'] [title]\")].map(e => e.title);", vec![])
        .await;
    assert!(
        titles.as_array().is_some_and(|t| t.iter().any(|t| t.as_str().is_some_and(|t| t.contains("sh, process ")))),
        "the script's interpreter and process on hover: {titles}"
    );
    expect_tokens_of(&e2e, SCRIPT, "1").await;
    assert_eq!(e2e.text("#activity-count").await.as_deref(), Some("3 entries"));
    assert_eq!(e2e.text("#activity-title").await.as_deref(), Some("Activity"));
    assert!(!page_html(&e2e).await.contains(&token), "no token in the window");

    // Another run, and Reload: counted twice.
    token_from_script(&e2e).await;
    e2e.click("#activity-reload").await;
    expect_listed(&e2e, &["token", "copy", "token", "link"]).await;
    expect_tokens_of(&e2e, SCRIPT, "2").await;

    // Filtered by event: only links, then only tokens handed out, then everything again.
    choose(&e2e, "#activity-event", "link").await;
    expect_listed(&e2e, &["link"]).await;
    e2e.wait_for(
        "no token counts for links only",
        "return document.getElementById('activity-programs-card').hidden;",
        vec![],
    )
    .await;
    choose(&e2e, "#activity-event", "tokens").await;
    expect_listed(&e2e, &["token", "copy", "token"]).await;
    expect_tokens_of(&e2e, SCRIPT, "2").await;
    choose(&e2e, "#activity-event", "").await;
    expect_listed(&e2e, &["token", "copy", "token", "link"]).await;
    choose(&e2e, "#activity-program", SCRIPT).await;
    expect_listed(&e2e, &["token", "token"]).await;
    choose(&e2e, "#activity-program", "").await;
    expect_listed(&e2e, &["token", "copy", "token", "link"]).await;
    assert_eq!(tokens_of(&e2e, SCRIPT).await.as_deref(), Some("2"));
    e2e.screenshot("activity").await;
    fits(&e2e, "the Activity view").await;

    // Clearing asks first; cancelled, nothing changes.
    choose(&e2e, "#activity-event", "token").await;
    expect_listed(&e2e, &["token", "token"]).await;
    e2e.click("#activity-clear").await;
    e2e.expect_visible("#activity-clear-confirm").await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;
    e2e.wait_for("the focus back on Clear activity", "return document.activeElement?.id === 'activity-clear';", vec![])
        .await;
    expect_listed(&e2e, &["token", "token"]).await;
    // Confirmed: only the entry saying so, the filters back to everything.
    e2e.click("#activity-clear").await;
    e2e.click("#activity-clear-confirm").await;
    expect_listed(&e2e, &["cleared"]).await;
    assert_eq!(e2e.js("return document.getElementById('activity-event').value;", vec![]).await, json!(""));
    e2e.wait_for(
        "no program in the cleared record",
        "return document.getElementById('activity-programs').hidden && !document.getElementById('activity-programs-none').hidden;",
        vec![],
    )
    .await;
    let record = std::fs::read_to_string(e2e.root().join("data/spotlink/activity.jsonl")).expect("the record");
    assert_eq!(record.lines().count(), 1, "{record}");
    assert!(record.contains("\"event\":\"cleared\""), "{record}");

    // Back to the linked view, on the button that opened the view; Escape does the same.
    e2e.click("#activity-back").await;
    e2e.expect_visible("#account-name").await;
    e2e.wait_for("the focus on Show activity", "return document.activeElement?.id === 'open-activity';", vec![]).await;
    open_activity(&e2e).await;
    e2e.js("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));", vec![]).await;
    e2e.expect_visible("#open-activity").await;
    assert_eq!(e2e.screen().await, "linked");

    // The tray's "Activity…" turns the window to the view.
    let pid = e2e.app().app_pid().expect("the app runs");
    let tray = match watcher.item_of(pid, Duration::from_secs(15)).await {
        Some(item) => TrayItem(item),
        None => e2e.fail("the app's tray item did not register").await,
    };
    tray.click(watcher.connection(), "Activity…").await;
    e2e.expect_visible("#activity-view").await;
    expect_listed(&e2e, &["cleared"]).await;

    // The record outlives the link: the unlinked screen opens it too.
    e2e.click("#activity-back").await;
    e2e.click("#unlink").await;
    e2e.click("#unlink-confirm").await;
    e2e.expect_screen("unlinked").await;
    open_activity(&e2e).await;
    expect_listed(&e2e, &["unlink", "cleared"]).await;
    e2e.finish().await;
}
