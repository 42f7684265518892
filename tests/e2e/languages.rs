//! The window in the user's language (issue 21): Russian from the desktop's locale,
//! the pseudo-language finding words that bypass the catalogues, and the language
//! chosen in the window's settings, at once and after a restart.

use fantoccini::Locator;
use serde_json::{json, Value};
use spotify_emulator::User;

use crate::flows::link;
use crate::harness::{E2e, Options, ACCOUNT_ID, CLIENT_ID, DISPLAY_NAME};

const BOB: &str = "bob-second";
const BOB_NAME: &str = "Bob Second";

/// The locale variables a desktop may set besides `LANG`: unset, so `LANG` decides.
const LOCALE_VARS: &[&str] = &["LC_ALL", "LC_MESSAGES", "LANGUAGE"];

fn with_lang(lang: &'static str, opts: Options) -> Options {
    let mut env = opts.env.clone();
    env.push(("LANG", lang));
    Options { env, unset: LOCALE_VARS.to_vec(), ..opts }
}

async fn page_lang(e2e: &E2e) -> String {
    e2e.js("return document.documentElement.lang;", vec![]).await.as_str().unwrap_or_default().to_owned()
}

/// Waits until the element matching `css` reads `text` (whitespace collapsed).
async fn expect_text(e2e: &E2e, css: &str, text: &str) {
    e2e.wait_for(
        &format!("{css} to read {text:?}"),
        "const e = document.querySelector(arguments[0]);
         return !!e && e.textContent.replace(/\\s+/g, ' ').trim() === arguments[1];",
        vec![json!(css), json!(text)],
    )
    .await;
}

/// Fails unless the page fits the window's width: nothing scrolls sideways and no
/// element (a cut-off label, a button pushed out) reaches past the window's edges.
/// Checked at the default size and at the smallest the window allows.
pub async fn fits(e2e: &E2e, what: &str) {
    let script = "
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > width + 1) out.push('the page scrolls sideways');
        for (const e of document.querySelectorAll('body *')) {
            if (e.closest('.visually-hidden, .skip-link') || e.getClientRects().length === 0) continue;
            const r = e.getBoundingClientRect();
            if (r.right > width + 1 || r.left < -1) out.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
            const s = getComputedStyle(e);
            if (s.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1 && !['auto', 'scroll'].includes(s.overflowX))
                out.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} cuts its content off`);
        }
        return out;";
    for (width, height) in [(720, 760), (480, 560)] {
        set_window_size(e2e, width, height).await;
        let problems = e2e.js(script, vec![]).await;
        if problems.as_array().is_some_and(|p| !p.is_empty()) {
            e2e.fail::<()>(&format!("{what} does not fit a {width}×{height} window: {problems}")).await;
        }
    }
    set_window_size(e2e, 720, 760).await;
}

async fn set_window_size(e2e: &E2e, width: u32, height: u32) {
    if let Err(e) = e2e.app().client().set_window_size(width, height).await {
        e2e.fail::<()>(&format!("cannot resize the window to {width}×{height}: {e}")).await;
    }
    e2e.wait_for(
        &format!("the page to be {width} wide"),
        "return document.documentElement.clientWidth <= arguments[0] && document.documentElement.clientWidth > arguments[0] - 40;",
        vec![json!(width)],
    )
    .await;
}

/// Chooses `value` in the select matching `css`, as a user does.
pub async fn choose(e2e: &E2e, css: &str, value: &str) {
    e2e.expect_visible(css).await;
    let select = match e2e.app().client().find(Locator::Css(css)).await {
        Ok(select) => select,
        Err(e) => return e2e.fail(&format!("no {css}: {e}")).await,
    };
    if let Err(e) = select.select_by_value(value).await {
        e2e.fail::<()>(&format!("cannot choose {value:?} in {css}: {e}")).await;
    }
}

/// (a) A Russian desktop (`LANG=ru_RU.UTF-8`, no `LC_*`): every screen in Russian, from
/// the setup through linking to the linked view with two accounts, fitting the window.
/// Saves `docs/screenshots/ru/*.png` when screenshots are on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_russian_desktop_gets_a_russian_window() {
    let mut options = with_lang("ru_RU.UTF-8", Options { client_id: None, hold_browser: true, ..Options::default() });
    options.emulator.other_users = vec![User::named(BOB, BOB_NAME)];
    let mut e2e = E2e::start(options).await;
    e2e.launch().await;
    e2e.expect_screen("setup").await;
    assert_eq!(page_lang(&e2e).await, "ru");
    expect_text(&e2e, "#screen h1", "Подключите SpotLink к Spotify").await;
    expect_text(&e2e, "#save-client-id", "Сохранить").await;
    e2e.screenshot("ru/setup").await;
    e2e.type_into("#client-id-input", "abc").await;
    e2e.click("#save-client-id").await;
    // Plurals: three characters.
    expect_text(&e2e, "#client-id-error", "В Client ID 32 символа, а здесь 3 символа.").await;
    fits(&e2e, "the setup screen").await;

    e2e.type_into("#client-id-input", CLIENT_ID).await;
    e2e.click("#save-client-id").await;
    e2e.expect_screen("unlinked").await;
    expect_text(&e2e, "#unlinked-title", "Привяжите аккаунт Spotify").await;
    expect_text(&e2e, "#link-button", "Привязать аккаунт Spotify").await;
    let count = e2e.text("#permissions .disclosure__count").await.unwrap_or_default();
    assert!(count.starts_with("выбрано ") && count.contains(" разрешени"), "{count:?}");
    e2e.click("#permissions summary").await;
    fits(&e2e, "the unlinked screen with its permissions open").await;
    e2e.click("#permissions summary").await;
    e2e.screenshot("ru/unlinked").await;

    // A browser on another device, then back.
    e2e.click("#link-elsewhere").await;
    e2e.expect_screen("waiting").await;
    expect_text(&e2e, "#waiting-title", "Завершите вход на другом устройстве").await;
    expect_text(&e2e, "#paste-answer", "Завершить привязку").await;
    fits(&e2e, "the waiting screen for another device").await;
    e2e.screenshot("ru/waiting-remote").await;
    e2e.click("#cancel-link").await;
    e2e.expect_screen("unlinked").await;

    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("opened: ").await;
    expect_text(&e2e, "#waiting-title", "Завершите вход в браузере").await;
    let expiry = e2e.text("#pending-expiry").await.unwrap_or_default();
    assert!(expiry.starts_with("Ссылка для входа действует ещё ") && expiry.contains(" мин"), "{expiry:?}");
    fits(&e2e, "the waiting screen").await;
    e2e.screenshot("ru/waiting").await;
    e2e.release_browser();

    e2e.expect_screen("linked").await;
    expect_text(&e2e, "#account-name", DISPLAY_NAME).await;
    expect_text(&e2e, "#link-status", "Привязан").await;
    expect_text(&e2e, "#token-title", "Токен доступа").await;
    expect_text(&e2e, "#copy-token", "Скопировать токен").await;
    let token = e2e.text("#token-expiry").await.unwrap_or_default();
    assert!(token.starts_with("Истекает через ") && token.contains(" мин"), "{token:?}");
    let link = e2e.text("#link-expiry").await.unwrap_or_default();
    // "Привязка действует до 7 июня 2027 г. (через 181 день)": the month in words, the
    // days with their plural form.
    assert!(link.starts_with("Привязка действует до ") && link.contains(" г. (через 18"), "{link:?}");
    assert!(["день)", "дня)", "дней)"].iter().any(|end| link.ends_with(end)), "{link:?}");
    let system = e2e.text("#language-select option[value='']").await.unwrap_or_default();
    assert_eq!(system, "Как в системе (Русский)");
    assert_eq!(page_lang(&e2e).await, "ru");
    fits(&e2e, "the linked view").await;
    e2e.screenshot("ru/linked").await;

    // The Activity view, after a script of the user's took a token.
    crate::activity::token_from_script(&e2e).await;
    crate::activity::open_activity(&e2e).await;
    expect_text(&e2e, "#activity-title", "Журнал активности").await;
    expect_text(&e2e, "#activity-count", "2 записи").await;
    expect_text(&e2e, "#activity-entries li[data-event='token'] .entry__event", "Токен выдан").await;
    expect_text(&e2e, ".entry-days__day", "Сегодня").await;
    expect_text(&e2e, "#activity-kept", "Записи хранятся 90 дней и только на этом компьютере.").await;
    fits(&e2e, "the Activity view").await;
    e2e.screenshot("ru/activity").await;
    e2e.click("#activity-clear").await;
    e2e.expect_visible("#activity-clear-confirm").await;
    expect_text(&e2e, "#activity-clear-confirm", "Очистить журнал").await;
    fits(&e2e, "the dialog before clearing the activity record").await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;
    e2e.click("#activity-back").await;
    e2e.expect_visible("#open-activity").await;

    e2e.click("#relink").await;
    e2e.expect_visible("#relink-start").await;
    expect_text(&e2e, "#relink-start", "Продолжить в браузере").await;
    fits(&e2e, "the relink dialog").await;
    e2e.screenshot("ru/relink").await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;

    e2e.click("#unlink").await;
    e2e.expect_visible("#unlink-confirm").await;
    expect_text(&e2e, "#unlink-confirm", "Отвязать").await;
    fits(&e2e, "the unlink dialog").await;
    e2e.screenshot("ru/unlink").await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;

    // A second account: the switcher counts them in Russian.
    assert!(e2e.emulator().sign_in_as(BOB));
    e2e.click("#add-account").await;
    e2e.expect_visible("#add-account-start").await;
    e2e.click("#add-account-start").await;
    e2e.release_browser();
    expect_text(&e2e, "#account-name", BOB_NAME).await;
    expect_text(&e2e, "#accounts-count", "привязано 2 аккаунта").await;
    fits(&e2e, "the linked view with two accounts").await;
    e2e.screenshot("ru/accounts-switcher").await;
    e2e.finish().await;
}

/// Named in their own language on purpose (the language setting), not translated.
const NAMED_IN_THEMSELVES: &[&str] = &["#language-select option[lang]"];

/// Data, whatever the language: Spotify's scope names (`streaming`), the initials on
/// an avatar, and in the Activity view the names, paths and Web API calls of the record
/// (`.activity-data`) and the times (in the locale's own format).
const DATA: &[&str] = &["code.scope-name", ".avatar", ".activity-data", "#activity-view time"];

/// Every visible text and every aria-label, title and placeholder in the window: the
/// parts outside `[`…`]` (brackets counted across the page, in document order, since
/// a message can hold a button), with where each is.
async fn outside_brackets(e2e: &E2e) -> Vec<(String, String)> {
    let skip: Vec<&str> = NAMED_IN_THEMSELVES.iter().chain(DATA).copied().collect();
    let script = "
        const skip = arguments[0].join(', ');
        const shown = (e) => {
            for (; e; e = e.parentElement) {
                if (e.hidden) return false;
                const s = getComputedStyle(e);
                if (s.display === 'none' || s.visibility === 'hidden') return false;
            }
            return true;
        };
        const where = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`;
        const out = [];
        let depth = 0;
        const scan = (text, element, own) => {
            let d = own ? 0 : depth, outside = '';
            for (const c of text) {
                if (c === '[') d++;
                else if (c === ']') d = Math.max(0, d - 1);
                else if (d === 0) outside += c;
            }
            if (!own) depth = d;
            if (outside.trim()) out.push([where(element), outside.trim()]);
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode()); ) {
            const e = n.parentElement;
            if (!e || e.closest('script, style, noscript, template')) continue;
            if (!shown(e) && !e.closest('option')) continue;
            // A closed <details> keeps its body: checked too.
            if (e.closest(skip)) continue;
            scan(n.textContent, e, false);
        }
        for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
            if (!shown(e) || e.closest(skip)) continue;
            for (const a of ['aria-label', 'title', 'placeholder']) if (e.hasAttribute(a)) scan(e.getAttribute(a), e, true);
        }
        if (document.title) scan(document.title, document.head, true);
        return out;";
    let found = e2e.js(script, vec![json!(skip)]).await;
    let pairs: Vec<(String, String)> = serde_json::from_value(found).unwrap_or_default();
    pairs
}

/// What is left of `text` once data is taken out: names and ids of the account, the
/// client ID, addresses, scope names, e-mail, times, numbers and punctuation.
fn words_beyond_data(text: &str, data: &[String]) -> String {
    let mut left = text.to_owned();
    for d in data.iter().filter(|d| !d.is_empty()) {
        left = left.replace(d.as_str(), " ");
    }
    left.split_whitespace()
        .filter(|word| {
            let is_address = word.contains("://") || word.starts_with("127.0.0.1") || word.contains('@');
            // Scope names (user-read-email), ids and the masked token (BQ…x9Zk).
            let is_identifier = word.contains('-') || word.contains('_') || word.contains('…');
            let has_letters = word.chars().any(|c| c.is_alphabetic());
            has_letters && !is_address && !is_identifier
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The emulated accounts' data as the window shows it: what may stand outside brackets.
async fn view_data(e2e: &E2e) -> Vec<String> {
    // The country as the platform names it from Spotify's code (SE), in the page's language.
    let country = e2e
        .js("return new Intl.DisplayNames(document.documentElement.lang, { type: 'region' }).of('SE');", vec![])
        .await;
    let mut data: Vec<String> = [DISPLAY_NAME, ACCOUNT_ID, CLIENT_ID, BOB_NAME, BOB, "emu-listener@spotlink.invalid"]
        .map(String::from)
        .to_vec();
    // Spotify's name of the emulated user's plan ("premium"), as the window shows it.
    data.push("Premium".into());
    data.extend(country.as_str().map(String::from));
    // Longest first, so a name is taken out before a part of it.
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data
}

/// Collects what `outside_brackets` finds on the screen shown now, less data.
async fn bypassing(e2e: &E2e, screen: &str, found: &mut Vec<String>) {
    let data = view_data(e2e).await;
    for (place, text) in outside_brackets(e2e).await {
        let words = words_beyond_data(&text, &data);
        if !words.is_empty() {
            found.push(format!("{screen}: {place}: {words:?} (in {text:?})"));
        }
    }
}

/// (b) The pseudo-language (`LANG=en_XA.UTF-8`): on every screen and dialog the window
/// shows, every word is inside the brackets the catalogues put around each message.
/// A word outside them did not come from a catalogue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_word_of_the_window_comes_from_the_catalogues() {
    let mut options = with_lang("en_XA.UTF-8", Options { client_id: None, hold_browser: true, ..Options::default() });
    options.emulator.other_users = vec![User::named(BOB, BOB_NAME)];
    let mut e2e = E2e::start(options).await;
    e2e.launch().await;
    let mut found = Vec::new();

    e2e.expect_screen("setup").await;
    assert_eq!(page_lang(&e2e).await, "en-XA");
    e2e.type_into("#client-id-input", "abc").await;
    e2e.click("#save-client-id").await;
    e2e.expect_visible("#client-id-error").await;
    bypassing(&e2e, "setup", &mut found).await;
    e2e.type_into("#client-id-input", "not-hex!").await;
    e2e.click("#save-client-id").await;
    bypassing(&e2e, "setup, another problem", &mut found).await;
    e2e.type_into("#client-id-input", CLIENT_ID).await;
    e2e.click("#save-client-id").await;

    e2e.expect_screen("unlinked").await;
    e2e.click("#permissions summary").await;
    bypassing(&e2e, "unlinked", &mut found).await;

    e2e.click("#link-elsewhere").await;
    e2e.expect_screen("waiting").await;
    e2e.expect_visible("#pasted-answer").await;
    e2e.type_into("#pasted-answer", "not an address").await;
    e2e.click("#paste-answer").await;
    e2e.expect_visible("#error-banner").await;
    bypassing(&e2e, "waiting for another device, with an error", &mut found).await;
    e2e.click("#cancel-link").await;
    e2e.expect_screen("unlinked").await;
    bypassing(&e2e, "unlinked after a cancelled sign-in", &mut found).await;

    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    e2e.wait_browser_log("opened: ").await;
    bypassing(&e2e, "waiting", &mut found).await;
    e2e.release_browser();

    e2e.expect_screen("linked").await;
    bypassing(&e2e, "linked", &mut found).await;
    for (opener, dialog) in
        [("#relink", "relink dialog"), ("#unlink", "unlink dialog"), ("#add-account", "add-account dialog")]
    {
        e2e.click(opener).await;
        e2e.expect_visible("dialog[open]").await;
        bypassing(&e2e, dialog, &mut found).await;
        e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;
    }

    // The Activity view, after a script took a token; with nothing matching; its dialog.
    crate::activity::token_from_script(&e2e).await;
    crate::activity::open_activity(&e2e).await;
    e2e.expect_visible("#activity-entries li[data-event='token']").await;
    bypassing(&e2e, "activity", &mut found).await;
    choose(&e2e, "#activity-event", "trouble").await;
    e2e.expect_visible("#activity-none-match").await;
    bypassing(&e2e, "activity, nothing matching", &mut found).await;
    choose(&e2e, "#activity-event", "").await;
    e2e.click("#activity-clear").await;
    e2e.expect_visible("dialog[open]").await;
    bypassing(&e2e, "clear activity dialog", &mut found).await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;
    e2e.click("#activity-back").await;
    e2e.expect_visible("#open-activity").await;

    // Two accounts: the switcher, and the unlink dialog naming the other one.
    assert!(e2e.emulator().sign_in_as(BOB));
    e2e.click("#add-account").await;
    e2e.click("#add-account-start").await;
    e2e.release_browser();
    e2e.wait_for(
        "the switcher",
        "return !document.getElementById('account-list')?.hidden && document.querySelectorAll('#account-list li').length === 2;",
        vec![],
    )
    .await;
    bypassing(&e2e, "linked with two accounts", &mut found).await;
    e2e.click("#unlink").await;
    e2e.expect_visible("dialog[open]").await;
    bypassing(&e2e, "unlink dialog with another account", &mut found).await;
    e2e.js("document.querySelector('dialog[open]').close('cancel');", vec![]).await;

    // The busy line and the token's countdown while refreshing.
    e2e.click("#refresh-now").await;
    bypassing(&e2e, "refreshing", &mut found).await;

    assert!(found.is_empty(), "words outside the catalogues' brackets:\n{}", found.join("\n"));
    e2e.finish().await;
}

/// (c) The language chosen in the window's settings: the window changes at once (no
/// restart), the choice is kept in the config file, and the next start speaks it;
/// "System default" goes back to the desktop's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_chosen_in_the_window_is_spoken_at_once_and_after_a_restart() {
    let mut e2e = E2e::start(with_lang("en_US.UTF-8", Options::default())).await;
    e2e.launch().await;
    link(&e2e).await;
    expect_text(&e2e, "#link-status", "Linked").await;
    assert_eq!(page_lang(&e2e).await, "en");
    let options: Value = e2e
        .js(
            "return [...document.querySelectorAll('#language-select option')].map(o => [o.value, o.textContent]);",
            vec![],
        )
        .await;
    assert_eq!(options, json!([["", "System default (English)"], ["en", "English"], ["ru", "Русский"]]));

    choose(&e2e, "#language-select", "ru").await;
    e2e.wait_for("the page in Russian", "return document.documentElement.lang === 'ru';", vec![]).await;
    expect_text(&e2e, "#link-status", "Привязан").await;
    expect_text(&e2e, "#token-title", "Токен доступа").await;
    expect_text(&e2e, "#language-select option[value='']", "Как в системе (English)").await;
    assert_eq!(e2e.attr("#language-select", "aria-disabled").await, None);
    let chosen = e2e.js("return document.getElementById('language-select').value;", vec![]).await;
    assert_eq!(chosen, json!("ru"), "the setting shows the choice");
    let config = std::fs::read_to_string(e2e.config_file()).expect("the config file");
    assert!(config.contains("language = \"ru\""), "the choice is saved:\n{config}");

    e2e.quit().await;
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    assert_eq!(page_lang(&e2e).await, "ru", "the next start speaks the language chosen");
    expect_text(&e2e, "#link-status", "Привязан").await;

    choose(&e2e, "#language-select", "").await;
    e2e.wait_for("the page in English", "return document.documentElement.lang === 'en';", vec![]).await;
    expect_text(&e2e, "#link-status", "Linked").await;
    let config = std::fs::read_to_string(e2e.config_file()).expect("the config file");
    assert!(!config.contains("language"), "following the system again is no setting:\n{config}");
    e2e.finish().await;
}

/// (d) The tray's menu and a reminder on a Russian desktop: the menu's words, the line
/// about the link with its Russian date, and the notification's title and text.
/// Saves `docs/screenshots/ru/notification-renew-soon.png` when screenshots are on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_russian_desktop_gets_a_russian_tray_and_reminders() {
    let watcher = crate::tray::watch().await;
    let mut e2e = E2e::start(with_lang("ru_RU.UTF-8", Options::default())).await;
    e2e.launch().await;
    crate::flows::link(&e2e).await;
    e2e.quit().await;
    let mark = crate::notifications::mark().await;
    e2e.set_authorized_at(crate::reminders::authorized_ending_in(10));
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    if crate::notifications::wait_displayed().await {
        crate::notifications::screenshot("ru/notification-renew-soon").await;
    }
    let title = "Продлите привязку Spotify";
    let got = match crate::notifications::wait_for(mark, title).await {
        Ok(got) => got,
        Err(got) => e2e.fail(&format!("no \"{title}\" notification within 10 s; received: {got:?}")).await,
    };
    let reminder = got.iter().find(|n| n.summary == title).unwrap();
    assert!(
        reminder.body.starts_with("Привязка аккаунта Emu Listener закончится через 10 дней"),
        "{:?}",
        reminder.body
    );

    let (_, tray) = crate::tray::item(&e2e, &watcher).await;
    let shown = crate::tray::labels(&watcher, &tray).await;
    assert_eq!(shown[0], "Emu Listener", "{shown:?}");
    assert!(shown[1].starts_with("Привязка закончится ") && shown[1].contains(" г. (через 1"), "{shown:?}");
    for label in ["Скопировать токен", "Открыть SpotLink", "Привязать заново…", "Выйти из SpotLink"]
    {
        assert!(shown.iter().any(|s| s == label), "{label} in {shown:?}");
    }
    e2e.finish().await;
}
