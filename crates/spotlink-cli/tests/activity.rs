//! The activity record through the real `spotlink` against the emulator and the real
//! Secret Service: who took a token (a named script shows by its name), twelve
//! processes at once, a damaged record, the size bound, `--since`, `--json`,
//! `--summary`, `--clear`, and no secret in the record.

mod common;

use std::process::{Output, Stdio};

use common::{stderr, stdout, Env};
use spotify_emulator::EmulatorConfig;

async fn linked(env: &Env) {
    let out = env.link(&[]).await;
    assert!(out.status.success(), "link: {}", stderr(&out));
}

fn entries(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let out = env.run(&[&["activity", "--json"], args].concat());
    assert!(out.status.success(), "activity --json {args:?}: {}", stderr(&out));
    serde_json::from_str::<Vec<serde_json::Value>>(&stdout(&out)).unwrap()
}

fn events(env: &Env) -> Vec<String> {
    entries(env, &[]).iter().map(|e| e["event"].as_str().unwrap().to_owned()).collect()
}

fn record_text(env: &Env) -> String {
    ["activity.1.jsonl", "activity.jsonl"]
        .iter()
        .map(|name| std::fs::read_to_string(env.data_dir().join(name)).unwrap_or_default())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_script_that_takes_a_token_is_named_in_the_record() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    let script = env.dir.path().join("nightly-backup.sh");
    std::fs::write(&script, "#!/bin/sh\n\"$SPOTLINK\" token > /dev/null\nstatus=$?\nexit $status\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new(&script);
    env.environment(&mut command);
    let out = command.env("SPOTLINK", env!("CARGO_BIN_EXE_spotlink")).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let taken = entries(&env, &["--event", "token"]);
    assert_eq!(taken.len(), 1, "{taken:?}");
    let program = &taken[0]["program"];
    assert_eq!(program["name"], "nightly-backup.sh", "{program}");
    assert!(program["exe"].as_str().unwrap().ends_with("sh"), "the interpreter runs it: {program}");
    assert_eq!(taken[0]["account"], "emu-user");
    time::OffsetDateTime::parse(taken[0]["time"].as_str().unwrap(), &time::format_description::well_known::Rfc3339)
        .expect("the time is RFC 3339");

    // The table and the summary name it too.
    let table = env.run(&["activity"]);
    assert!(table.status.success(), "{}", stderr(&table));
    let line = stdout(&table).lines().find(|l| l.contains("token taken")).unwrap_or_default().to_owned();
    assert!(line.contains("nightly-backup.sh") && line.contains("Emu Listener"), "by its name: {}", stdout(&table));
    let summary = env.run(&["activity", "--summary", "--json"]);
    let summary: Vec<serde_json::Value> = serde_json::from_str(&stdout(&summary)).unwrap();
    assert_eq!(summary[0]["program"], "nightly-backup.sh");
    assert_eq!(summary[0]["tokens"], 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn twelve_processes_at_once_make_twelve_whole_entries() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    let children: Vec<_> = (0..12)
        .map(|_| env.command(&["token"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    for child in children {
        let out: Output = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = env.run(&["activity", "--json", "--event", "token"]);
    assert!(stderr(&out).is_empty(), "no entry is damaged: {}", stderr(&out));
    let taken: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(taken.len(), 12);
    let text = record_text(&env);
    assert!(text.lines().all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_record_still_reads_and_takes_new_entries() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    let path = env.data_dir().join("activity.jsonl");
    let mut text = std::fs::read(&path).unwrap();
    text.extend_from_slice(b"\x00\xff garbage\n{\"time\":\"2026-12-07T0");
    std::fs::write(&path, text).unwrap();
    assert!(env.run(&["token"]).status.success());

    let out = env.run(&["activity", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 entries of the activity record"), "{}", stderr(&out));
    let read: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = read.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(names, ["link", "token"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_record_keeps_its_size_bound() {
    let env = Env::start(EmulatorConfig::default()).await;
    std::fs::create_dir_all(env.config_file().parent().unwrap()).unwrap();
    std::fs::write(env.config_file(), "activity_max_kib = 4\n").unwrap();
    linked(&env).await;
    for _ in 0..80 {
        assert!(env.run(&["token"]).status.success());
    }
    let size = |name: &str| std::fs::metadata(env.data_dir().join(name)).map(|m| m.len()).unwrap_or(0);
    let total = size("activity.jsonl") + size("activity.1.jsonl");
    assert!(size("activity.1.jsonl") > 0, "the record rotated");
    assert!(total <= 4096 + 512, "{total} bytes kept; the bound is 4 KiB");
    let kept = entries(&env, &["--event", "token"]);
    assert!(kept.len() >= 10 && kept.len() < 80, "{} entries kept", kept.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn since_event_account_and_program_filters() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    // Two entries from three days ago, as an earlier run wrote them.
    let old = time::OffsetDateTime::now_utc() - time::Duration::days(3);
    let old = old.format(&time::format_description::well_known::Rfc3339).unwrap();
    let path = env.data_dir().join("activity.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!(
        "{{\"time\":\"{old}\",\"event\":\"token\",\"account\":\"emu-user\",\"program\":{{\"name\":\"old-cron-job\"}}}}\n"
    ));
    text.push_str(&format!(
        "{{\"time\":\"{old}\",\"event\":\"refresh\",\"account\":\"someone-else\",\"detail\":\"renewed\"}}\n"
    ));
    std::fs::write(&path, text).unwrap();
    assert!(env.run(&["token"]).status.success());

    let all = entries(&env, &[]);
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(all[0]["program"]["name"], "old-cron-job", "oldest first");
    assert_eq!(entries(&env, &["--since", "1d"]).len(), 2, "the link and the token");
    assert_eq!(entries(&env, &["--since", "4d"]).len(), 4);
    let since_old = &old[..10];
    assert_eq!(entries(&env, &["--since", since_old]).len(), 4);
    assert_eq!(entries(&env, &["--event", "token,refresh"]).len(), 3);
    assert_eq!(entries(&env, &["--account", "someone-else"]).len(), 1, "an account no longer linked, by id");
    assert_eq!(entries(&env, &["--account", "emu-user"]).len(), 3);
    assert_eq!(entries(&env, &["--account", "emu listener"]).len(), 3, "a linked account by its name");
    assert_eq!(entries(&env, &["--program", "old-cron-job"]).len(), 1);

    let bad = env.run(&["activity", "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("neither a duration"), "{}", stderr(&bad));
    let bad = env.run(&["activity", "--event", "stolen"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("refresh-failed"), "the events are listed: {}", stderr(&bad));

    let none = env.run(&["activity", "--program", "nobody"]);
    assert_eq!(stdout(&none).trim(), "No activity matches.");
}

#[tokio::test(flavor = "multi_thread")]
async fn clearing_empties_the_record_but_says_so() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    assert!(env.run(&["token"]).status.success());
    let out = env.run(&["activity", "--clear"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("The activity record is cleared"), "{}", stdout(&out));
    assert_eq!(events(&env), ["cleared"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_record_holds_no_secret() {
    let env = Env::start(EmulatorConfig::default()).await;
    linked(&env).await;
    let mut secrets = Vec::new();
    let keychain: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    secrets.push(keychain["refresh_token"].as_str().unwrap().to_owned());
    for args in [&["token"][..], &["refresh"], &["token", "--json"], &["api", "me"], &["switch", "emu-user"]] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        if args == ["token"] {
            secrets.push(stdout(&out).trim().to_owned());
        }
    }
    let keychain: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    secrets.push(keychain["refresh_token"].as_str().unwrap().to_owned());
    secrets.push(keychain["access_token"].as_str().unwrap().to_owned());
    assert!(env.run(&["unlink"]).status.success());

    let text = record_text(&env);
    let names: Vec<String> = events(&env);
    for expected in ["link", "token", "refresh", "api", "switch", "unlink"] {
        assert!(names.iter().any(|n| n == expected), "{expected} is recorded: {names:?}");
    }
    for secret in secrets.iter().filter(|s| s.len() >= 16) {
        assert!(!text.contains(secret.as_str()), "a token is in the record:\n{text}");
        assert!(!text.contains(&secret[..16]), "part of a token is in the record:\n{text}");
    }
    // Tokens, codes and verifiers are long base64url runs; nothing in the record is one.
    let longest =
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).map(str::len).max().unwrap_or(0);
    assert!(longest < 32, "a {longest}-character token-like run is in the record:\n{text}");
}
