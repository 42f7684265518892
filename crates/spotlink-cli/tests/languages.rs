//! `spotlink` in the user's language: Russian with `LANG=ru_RU.UTF-8`, English with
//! `LC_ALL=C` over it, the same `--json` in both; and the pseudo-language `en-XA`, in which
//! every sentence the CLI prints must come from the catalogues.

mod common;

use std::process::Output;

use common::{stderr, stdout, Env};
use spotify_emulator::EmulatorConfig;

fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('а'..='я').contains(&c) || ('А'..='Я').contains(&c))
}

#[tokio::test(flavor = "multi_thread")]
async fn russian_when_the_locale_is_russian_and_the_same_json() {
    let env = Env::start(EmulatorConfig::default()).await;
    env.set_lang("ru_RU.UTF-8");
    let (linked, page) = env.link_answering(&["--scopes", "user-read-email"]).await;
    assert!(linked.status.success(), "{}", stderr(&linked));
    let said = stdout(&linked);
    assert!(said.contains("Привязан аккаунт Spotify Emu Listener (emu-user)."), "{said}");
    assert!(said.contains("Разрешения: user-read-email"), "{said}");
    assert!(stderr(&linked).contains("Откройте этот адрес в браузере"), "{}", stderr(&linked));
    assert!(has_cyrillic(&page), "the page the browser is shown: {page}");

    let status = env.run(&["status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let said = stdout(&status);
    assert!(said.starts_with("Привязан аккаунт Spotify Emu Listener (emu-user)"), "{said}");
    assert!(said.contains("Токен доступа: действует до") && said.contains("Привязка: действует до"), "{said}");
    // 181 or 182 days left: "осталось 181 день" / "осталось 182 дня".
    assert!(said.contains("181 день") || said.contains("182 дня"), "{said}");

    // `status --check`: the first word stays for scripts.
    let check = stdout(&env.run(&["status", "--check"]));
    assert!(check.starts_with("ok: привязан аккаунт Emu Listener"), "{check}");

    // Errors, from the engine's catalogue.
    let unknown = env.run(&["token", "--account", "nobody"]);
    assert_eq!(unknown.status.code(), Some(3));
    let said = stderr(&unknown);
    assert!(said.starts_with("spotlink: ") && has_cyrillic(&said), "{said}");

    // The JSON is the same document in both languages, but for the days left, which the
    // clock may change between the two calls (182 in the link's first second, then 181).
    let russian = status_json_without_days_left(&env);
    env.set_lang("en_US.UTF-8");
    let english = status_json_without_days_left(&env);
    assert_eq!(russian, english);
    let said = stdout(&env.run(&["status"]));
    assert!(said.starts_with("Linked to Spotify as Emu Listener (emu-user)"), "{said}");

    // LC_ALL=C wins over LANG; LC_MESSAGES over LANG; LANGUAGE's list unless the locale is C.
    env.set_lang("ru_RU.UTF-8");
    let said = stdout(&env.command(&["status"]).env("LC_ALL", "C").output().unwrap());
    assert!(said.starts_with("Linked to Spotify as"), "{said}");
    let said = stdout(&env.command(&["status"]).env("LC_MESSAGES", "en_GB.UTF-8").output().unwrap());
    assert!(said.starts_with("Linked to Spotify as"), "{said}");
    env.set_lang("de_DE.UTF-8");
    let said = stdout(&env.command(&["status"]).env("LANGUAGE", "fr:ru").output().unwrap());
    assert!(said.starts_with("Привязан аккаунт"), "LANGUAGE=fr:ru: {said}");
    let said = stdout(&env.run(&["status"]));
    assert!(said.starts_with("Linked to Spotify as"), "a language without a catalogue is English: {said}");
}

/// The text of `output` outside the pseudo-language's brackets and outside `data` (names,
/// ids, URLs, times: what SpotLink shows as it is): words there bypassed the catalogues.
fn bypassing(output: &str, data: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in output.lines() {
        let mut rest = line.strip_prefix("spotlink: ").unwrap_or(line).to_owned();
        // `status --check`'s first word is for scripts, the same in every language.
        for health in ["ok: ", "renew_soon: ", "expired: ", "needs_relink: ", "not_linked: "] {
            if let Some(sentence) = rest.strip_prefix(health) {
                rest = sentence.to_owned();
            }
        }
        // Addresses and times as SpotLink prints them.
        rest = rest
            .split(' ')
            .filter(|word| !word.contains("://") && !word.starts_with("UTC") && !word.ends_with("UTC"))
            .collect::<Vec<_>>()
            .join(" ");
        for item in data {
            rest = rest.replace(item, "");
        }
        // Innermost brackets first: a message may hold another.
        while let Some(close) = rest.find(']') {
            let Some(open) = rest[..close].rfind('[') else { break };
            rest.replace_range(open..=close, "");
        }
        let words: Vec<&str> = rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| word.len() > 1).collect();
        if !words.is_empty() {
            found.push(format!("{line:?} (left: {words:?})"));
        }
    }
    found
}

fn check(what: &str, output: &Output, data: &[&str], problems: &mut Vec<String>) {
    for (stream, text) in [("stdout", stdout(output)), ("stderr", stderr(output))] {
        for line in bypassing(&text, data) {
            problems.push(format!("{what} ({stream}): {line}"));
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_sentence_comes_from_the_catalogues() {
    let env = Env::start(EmulatorConfig::default()).await;
    env.set_lang("en_XA.UTF-8");
    // Spotify's scope names are its identifiers, shown as they are (docs/i18n.md).
    let scope_names = spotlink_core::scopes::CATALOGUE.iter().map(|scope| scope.name);
    // The activity record names the program that ran `spotlink` (this test) and where
    // the record is; its details of Web API calls are the method and path.
    let this_test = std::env::current_exe().unwrap().file_name().unwrap().to_string_lossy().into_owned();
    let record = env.data_dir().join("activity.jsonl").display().to_string();
    let data: Vec<&str> = ["Emu Listener", "emu-user@spotlink.invalid", "emu-user", "spotlink-test-client"]
        .into_iter()
        .chain(scope_names)
        .chain(["premium", "SE", "nobody", "PATCH", "GET /v1/me", this_test.as_str(), record.as_str()])
        .collect();
    let data = data.as_slice();
    let mut problems = Vec::new();

    // Nothing linked yet.
    check("status, not linked", &env.run(&["status"]), data, &mut problems);
    check("status --check, not linked", &env.run(&["status", "--check"]), data, &mut problems);
    check("token, not linked", &env.run(&["token"]), data, &mut problems);
    check("scopes --all", &env.run(&["scopes", "--all"]), data, &mut problems);

    let (linked, page) = env.link_answering(&["--scopes", "user-read-email,user-top-read"]).await;
    assert!(linked.status.success(), "{}", stderr(&linked));
    check("link", &linked, data, &mut problems);
    let page_text: String = page
        .split('<')
        .filter(|tag| !tag.starts_with("style"))
        .filter_map(|tag| tag.split_once('>').map(|(_, text)| format!("{text}\n")))
        .collect();
    for line in bypassing(&page_text, data) {
        problems.push(format!("the browser's page: {line}"));
    }

    for args in [
        &["status"][..],
        &["status", "--check"],
        &["scopes"],
        &["refresh"],
        &["switch", "nobody"],
        &["token", "--account", "nobody"],
        &["token", "--require-scope", "user-read-private"],
        &["api", "me", "-f", "novalue"],
        &["api", "me", "-X", "PATCH", "--paginate"],
        &["api", "me", "-H", "Authorization: x"],
    ] {
        check(&args.join(" "), &env.run(args), data, &mut problems);
    }

    // link --remote: a garbage answer, then the end of input.
    let remote = env.run_with_input(&["link", "--remote"], b"not an address\n");
    assert!(!remote.status.success());
    check("link --remote", &remote, data, &mut problems);

    for args in
        [&["activity"][..], &["activity", "--summary"], &["activity", "--program", "nobody"], &["activity", "--clear"]]
    {
        check(&args.join(" "), &env.run(args), data, &mut problems);
    }

    check("unlink", &env.run(&["unlink"]), data, &mut problems);
    check("status after unlink", &env.run(&["status"]), data, &mut problems);

    assert!(problems.is_empty(), "text that bypassed the catalogues:\n{}", problems.join("\n"));
}

#[test]
fn the_checker_finds_plain_text() {
    assert!(bypassing("[Ŀíñķéð~~] Emu Listener [ţó [3 ðàýš~~]]", &["Emu Listener"]).is_empty());
    assert!(bypassing("spotlink: [Ñó~~] https://example.com/x?y 2026-12-01 12:00 UTC", &[]).is_empty());
    assert_eq!(bypassing("[Ŀíñķéð~~] to Emu", &[]).len(), 1);
    assert_eq!(bypassing("cli-status-linked-as", &[]).len(), 1);
}

/// `status --json`, with every `link_days_left` checked (181 or 182 just after a link)
/// and taken out.
fn status_json_without_days_left(env: &Env) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(fields) => {
                if let Some(days) = fields.remove("link_days_left") {
                    assert!(days == 181 || days == 182, "link_days_left: {days}");
                }
                fields.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut status: serde_json::Value = serde_json::from_slice(&env.run(&["status", "--json"]).stdout).unwrap();
    assert!(status["link_days_left"].is_number(), "{status}");
    strip(&mut status);
    status
}
