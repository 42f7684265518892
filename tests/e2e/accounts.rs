//! Several accounts through the real app: a second account added with Spotify's consent
//! page, the window's switcher and the tray's menu listing both (switching, copying the
//! token of either), unlinking one leaving the other; and a sign-in whose browser runs
//! on another device, finished by pasting the address that browser ended on.

use serde_json::{json, Value};
use spotify_emulator::User;

use crate::flows::{copied, eventually, link};
use crate::harness::{E2e, Options, ACCOUNT_ID, DISPLAY_NAME};
use crate::notifications;
use crate::reminders::authorized_ending_in;
use crate::sni::TrayItem;
use test_support::sni::Watcher;

const BOB: &str = "bob-second";
const BOB_NAME: &str = "Bob Second";

async fn expect_account(e2e: &E2e, name: &str) {
    e2e.wait_for(
        &format!("{name} as the active account"),
        "return document.getElementById('account-name')?.textContent.trim() === arguments[0];",
        vec![name.into()],
    )
    .await;
}

async fn expect_switcher(e2e: &E2e, expected: &[(&str, bool)]) {
    let want: Value = json!(expected.iter().map(|(id, active)| json!([id, active])).collect::<Vec<_>>());
    e2e.wait_for(
        &format!("the switcher to list {want}"),
        "const list = document.getElementById('account-list');
         if (!list || list.hidden) return arguments[0].length === 0;
         const rows = [...list.querySelectorAll('li')].map(li => [li.dataset.account, li.getAttribute('aria-current') === 'true']);
         return JSON.stringify(rows) === JSON.stringify(arguments[0]);",
        vec![want],
    )
    .await;
}

fn state(e2e: &E2e) -> Value {
    serde_json::from_str(&std::fs::read_to_string(e2e.state_file()).expect("the state file")).expect("JSON")
}

fn access_token(e2e: &E2e, id: &str) -> String {
    let raw = e2e.raw_keychain_of(id).unwrap_or_else(|| panic!("{id} has a keychain entry"));
    let record: Value = serde_json::from_str(&raw).expect("a JSON record");
    record["access_token"].as_str().expect("a cached access token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_accounts_in_the_window_and_the_tray() {
    let watcher = Watcher::start().await.expect("the StatusNotifierWatcher name is free on the session bus");
    let mut options = Options::default();
    options.emulator.other_users = vec![User::named(BOB, BOB_NAME)];
    let mut e2e = E2e::start(options).await;
    e2e.launch().await;
    link(&e2e).await;
    expect_account(&e2e, DISPLAY_NAME).await;

    // One account: no list, the offer to add another.
    expect_switcher(&e2e, &[]).await;
    e2e.expect_visible("#add-account").await;

    // Add Bob: the consent page is forced, where the browser's user picks the other account.
    assert!(e2e.emulator().sign_in_as(BOB), "the emulator knows {BOB}");
    e2e.click("#add-account").await;
    e2e.expect_visible("#add-account-start").await;
    e2e.click("#add-account-start").await;
    expect_account(&e2e, BOB_NAME).await;
    let authorize = e2e.requests().into_iter().rev().find(|e| e.path == "/authorize").expect("an authorize request");
    assert_eq!(authorize.show_dialog, Some(true), "adding an account shows Spotify's consent page");
    expect_switcher(&e2e, &[(BOB, true), (ACCOUNT_ID, false)]).await;
    assert!(e2e.raw_keychain_of(ACCOUNT_ID).is_some() && e2e.raw_keychain_of(BOB).is_some(), "both links are kept");
    assert_eq!(state(&e2e)["account_id"], BOB, "the account added is the active one");
    e2e.screenshot("accounts-switcher").await;

    // The tray lists both, the active one checked, and copies either one's token.
    let pid = e2e.app().app_pid().expect("the app runs");
    let tray = match watcher.item_of(pid, std::time::Duration::from_secs(15)).await {
        Some(item) => TrayItem(item),
        None => e2e.fail("the app's tray item did not register").await,
    };
    let bus = watcher.connection();
    let menu = tray.menu(bus).await;
    let shown: Vec<(&str, bool)> =
        menu.iter().filter(|e| e.visible && !e.separator).map(|e| (e.label.as_str(), e.checked)).collect();
    for want in [(BOB_NAME, true), (DISPLAY_NAME, false), ("Copy token of Emu Listener", false), ("Copy token", false)]
    {
        assert!(shown.contains(&want), "the tray menu has {want:?}: {shown:?}");
    }
    tray.click(bus, "Copy token of Emu Listener").await;
    let token = copied(&e2e, "the other account's token copied from the tray").await;
    assert_eq!(token, access_token(&e2e, ACCOUNT_ID), "the token copied is Emu Listener's");
    assert_eq!(e2e.me_status(&token).await, 200, "the copied token works");
    assert_eq!(state(&e2e)["account_id"], BOB, "copying another account's token does not switch");

    // Switching from the tray: the window follows.
    tray.click(bus, DISPLAY_NAME).await;
    expect_account(&e2e, DISPLAY_NAME).await;
    expect_switcher(&e2e, &[(ACCOUNT_ID, true), (BOB, false)]).await;
    assert_eq!(state(&e2e)["account_id"], ACCOUNT_ID);
    let mut checked = Vec::new();
    for _ in 0..50 {
        let menu = tray.menu(bus).await;
        checked = menu.iter().filter(|e| e.checked).map(|e| e.label.clone()).collect();
        if checked == [DISPLAY_NAME] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(checked, [DISPLAY_NAME], "the tray checks the account made active");

    // Switching in the window, then unlinking the active account keeps the other.
    e2e.click(&format!("[data-switch-to='{BOB}']")).await;
    expect_account(&e2e, BOB_NAME).await;
    e2e.click("#unlink").await;
    e2e.expect_visible("#unlink-confirm").await;
    e2e.click("#unlink-confirm").await;
    expect_account(&e2e, DISPLAY_NAME).await;
    e2e.expect_screen("linked").await;
    expect_switcher(&e2e, &[]).await;
    eventually(&e2e, "Bob's keychain entry to be deleted", || e2e.raw_keychain_of(BOB).is_none()).await;
    assert!(e2e.raw_keychain_of(ACCOUNT_ID).is_some(), "the other account stays linked");
    let notice = e2e.text("#notices").await.unwrap_or_default();
    assert!(notice.contains("Emu Listener is the active account now"), "the notice names the active account: {notice}");
    e2e.finish().await;
}

/// Links Emu Listener, then adds Bob Second (the active account from then on).
async fn link_two(e2e: &E2e) {
    link(e2e).await;
    assert!(e2e.emulator().sign_in_as(BOB), "the emulator knows {BOB}");
    e2e.click("#add-account").await;
    e2e.expect_visible("#add-account-start").await;
    e2e.click("#add-account-start").await;
    expect_account(e2e, BOB_NAME).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_that_is_not_active_is_reminded_by_name() {
    let mut options = Options::default();
    options.emulator.other_users = vec![User::named(BOB, BOB_NAME)];
    let mut e2e = E2e::start(options).await;
    e2e.launch().await;
    link_two(&e2e).await;
    e2e.quit().await;

    // Emu Listener's six months end in 10 days; Bob's link is new.
    e2e.set_authorized_at_of(ACCOUNT_ID, authorized_ending_in(10));
    let mark = notifications::mark().await;
    e2e.launch().await;
    expect_account(&e2e, BOB_NAME).await;
    let got = match notifications::wait_for(mark, "Renew your Spotify link").await {
        Ok(got) => got,
        Err(got) => e2e.fail(&format!("no reminder for the account that is not active; received: {got:?}")).await,
    };
    let bodies: Vec<&str> = got.iter().map(|n| n.body.as_str()).collect();
    assert!(
        bodies.iter().any(|b| b.contains("The link to Emu Listener ends in 10 days")),
        "the reminder names the account it is about: {bodies:?}"
    );
    assert!(!bodies.iter().any(|b| b.contains(BOB_NAME)), "nothing about the fresh link: {bodies:?}");
    let state = state(&e2e);
    let notified = &state["accounts"].as_array().unwrap().iter().find(|a| a["id"] == ACCOUNT_ID).unwrap()["notified"];
    assert!(notified.to_string().contains("renew_soon"), "remembered for that account: {notified}");
    e2e.finish().await;
}

/// Plays the other device's browser: opens the authorize address, approves (the
/// emulator approves at once) and returns the address it ended on.
async fn approve_elsewhere(authorize_url: &str) -> String {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let response = client.get(authorize_url).send().await.expect("the emulator answers");
    assert!(response.status().is_redirection(), "Spotify redirects to SpotLink: {}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("http://127.0.0.1:"), "a loopback address the other device cannot load: {location}");
    location
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_on_another_device_links_by_pasting_the_address() {
    let mut e2e = E2e::start(Options::default()).await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    e2e.click("#link-elsewhere").await;
    e2e.expect_screen("waiting").await;
    e2e.expect_visible("#pasted-answer").await;
    let url = e2e.text("#remote-authorize-url").await.expect("the address to open elsewhere");
    assert!(url.contains("/authorize?"), "{url}");
    assert!(e2e.browser_log().trim().is_empty(), "no browser opened on this computer: {}", e2e.browser_log());
    e2e.screenshot("waiting-remote").await;

    let answer = approve_elsewhere(&url).await;
    // Garbage: refused with a sentence, still waiting.
    e2e.type_into("#pasted-answer", "this is not an address").await;
    e2e.click("#paste-answer").await;
    e2e.wait_for(
        "the refusal",
        "return (document.getElementById('errors')?.textContent ?? '').includes('Not the address SpotLink expects');",
        vec![],
    )
    .await;
    // A forged state: the listener refuses it, still waiting.
    let forged = with_state(&answer, "forged-state");
    e2e.js("document.getElementById('pasted-answer').value = '';", vec![]).await;
    e2e.type_into("#pasted-answer", &forged).await;
    e2e.click("#paste-answer").await;
    e2e.wait_for(
        "the forged answer to be ignored",
        "return (document.getElementById('notices')?.textContent ?? '').includes('did not start');",
        vec![],
    )
    .await;
    assert_eq!(e2e.screen().await, "waiting");
    assert!(e2e.raw_keychain().is_none(), "nothing linked by a forged answer");

    // The real one links.
    e2e.js("document.getElementById('pasted-answer').value = '';", vec![]).await;
    e2e.type_into("#pasted-answer", &answer).await;
    e2e.click("#paste-answer").await;
    e2e.expect_screen("linked").await;
    expect_account(&e2e, DISPLAY_NAME).await;
    assert!(e2e.raw_keychain().is_some(), "the link is stored");
    e2e.finish().await;
}

/// `address` with its `state` parameter replaced by `state`.
fn with_state(address: &str, state: &str) -> String {
    let (base, query) = address.split_once('?').expect("a query");
    let query: Vec<String> = query
        .split('&')
        .map(|pair| if pair.starts_with("state=") { format!("state={state}") } else { pair.to_owned() })
        .collect();
    format!("{base}?{}", query.join("&"))
}
