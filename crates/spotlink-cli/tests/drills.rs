//! Failure drills (issue 13) for the `spotlink` command: the real binary, the real
//! Secret Service of the session, the emulator over HTTP, and a failure made real
//! (an entry written by another program, a full or read-only disk, a jumping clock, a
//! proxy). Each says what the user sees and proves the link survives.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{stderr, stdout, Env};
use spotify_emulator::EmulatorConfig;

/// `secret-tool` on the bus the test's `spotlink` processes use.
fn secret_tool(env: &Env) -> Command {
    let mut cmd = Command::new("secret-tool");
    if let Some(bus) = &env.bus {
        cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
    }
    cmd
}

/// Writes `value` as the keychain entry of `account` the way another program would:
/// `secret-tool`, with the attributes SpotLink's entries carry, so it replaces the item.
fn secret_tool_store(env: &Env, account: &str, value: &str) {
    let mut child = secret_tool(env)
        .args(["store", "--label", "foreign", "service", &env.service, "username", account])
        .args(["target", "default", "application", "rust-keyring"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(value.as_bytes()).unwrap();
    assert!(child.wait().unwrap().success(), "secret-tool store");
}

/// The entry's value as `secret-tool` reads it, if any.
fn secret_tool_lookup(env: &Env, account: &str) -> Option<String> {
    let out = secret_tool(env)
        .args(["lookup", "service", &env.service, "username", account, "target", "default"])
        .output()
        .unwrap();
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Drill: the keychain entry is cut off, not JSON, another program's, or another
/// account's record. Every verb that reads it exits 4 ("link again") with one sentence
/// naming the entry, quotes none of its content, sends nothing to Spotify, and leaves
/// the entry where it is; `spotlink link` then replaces it.
#[tokio::test(flavor = "multi_thread")]
async fn drill_corrupt_keychain_entry_means_relink_and_is_kept() {
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&[]).await.status.success());
    let good = env.keychain().unwrap();
    let mut other_account: serde_json::Value = serde_json::from_str(&good).unwrap();
    other_account["account"]["id"] = "mallory".into();
    let entries = [
        ("cut off", good[..good.len() / 2].to_owned()),
        ("not JSON", "hunter2-secret-value".to_owned()),
        ("not a SpotLink record", r#"{"password":"hunter2-secret-value","v":"hunter2-secret-value"}"#.to_owned()),
        ("names another account", other_account.to_string()),
    ];
    let requests = env.emulator.stats().token_requests;
    for (what, entry) in &entries {
        secret_tool_store(&env, "emu-user", entry);
        for verb in [&["token"][..], &["refresh"], &["status"], &["status", "--json"]] {
            let out = env.run(verb);
            let text = stderr(&out);
            assert_eq!(out.status.code(), Some(4), "{what}, {verb:?}: {text}");
            assert!(
                text.starts_with("spotlink: The keychain entry for emu-user is unreadable (")
                    && text.contains(what)
                    && text.ends_with("; link again to replace it.\n")
                    && text.lines().count() == 1,
                "{what}, {verb:?}: {text}"
            );
            assert!(!text.contains("hunter2") && !text.contains("mallory"), "the entry is not quoted: {text}");
            assert!(out.stdout.is_empty());
        }
        let out = env.run(&["status", "--check"]);
        assert_eq!(out.status.code(), Some(4), "{what}: {}{}", stdout(&out), stderr(&out));
        assert_eq!(secret_tool_lookup(&env, "emu-user").as_deref(), Some(entry.as_str()), "{what}: kept");
    }
    assert_eq!(env.emulator.stats().token_requests, requests, "nothing was sent to Spotify");

    // Linking again replaces the entry, and the link works.
    let out = env.link(&[]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let token = env.run(&["token"]);
    assert!(token.status.success(), "{}", stderr(&token));
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200);
}
