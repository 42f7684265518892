//! The Windows build of `spotlink` (`scripts/cross windows`: `spotlink.exe`, MinGW-w64)
//! as scripts on Windows use it, run by Wine against the emulator running natively:
//! the loopback sign-in, the record in Credential Manager, the refresh lock on Windows
//! file locks, the exit codes. Each test has a Windows user of its own in one shared
//! Wine prefix (test_support::wine); what Wine cannot show is in docs/platforms.md.
//!
//! Every assertion names the Windows step it checks, so a failure in CI says which.

mod common;

use std::process::{Output, Stdio};
use std::time::Duration;

use common::{stderr, stdout, Env};
use spotify_emulator::{Consent, EmulatorConfig, Fault, Rotation};
use spotlink_core::store::MAX_RECORD_UTF16;
use test_support::files_under;

/// Link, status, token, `api`, refresh, scopes and unlink, as on Linux.
#[tokio::test(flavor = "multi_thread")]
async fn windows_link_status_token_api_refresh_unlink() {
    let env = Env::start_windows(EmulatorConfig::default()).await;
    let out = env.link(&["--scopes", "user-read-email,user-read-private"]).await;
    assert!(out.status.success(), "windows link (loopback): {}", stderr(&out));
    assert!(stdout(&out).contains("Linked Spotify account Emu Listener (emu-user)"), "windows link: {}", stdout(&out));

    let status = env.run(&["status", "--json"]);
    assert!(status.status.success(), "windows status --json: {}", stderr(&status));
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["linked"], true, "windows status --json");
    assert_eq!(json["account"]["id"], "emu-user", "windows status --json");
    assert_eq!(json["scopes"], serde_json::json!(["user-read-email", "user-read-private"]), "windows status --json");
    assert_eq!(json["link_health"], "ok", "windows status --json");
    let human = env.run(&["status"]);
    assert!(human.status.success() && stdout(&human).contains("Emu Listener"), "windows status: {}", stdout(&human));

    let token = env.run(&["token"]);
    assert!(token.status.success(), "windows token: {}", stderr(&token));
    let printed = stdout(&token);
    // Windows' console conventions must not leak into the contract: one line, "\n" only.
    assert!(
        printed.ends_with('\n') && !printed.contains('\r') && printed.lines().count() == 1,
        "windows token prints the token and a newline: {printed:?}"
    );
    let access = printed.trim_end().to_owned();
    assert_eq!(env.me_status(&access).await, 200, "windows token: the printed token works");

    let api = env.run(&["api", "me", "-q", ".id"]);
    assert!(api.status.success(), "windows api me: {}", stderr(&api));
    assert_eq!(stdout(&api), "emu-user\n", "windows api me -q .id (a string result prints raw)");

    let refreshes = env.emulator.stats().refreshes;
    let refresh = env.run(&["refresh"]);
    assert!(refresh.status.success(), "windows refresh: {}", stderr(&refresh));
    assert_eq!(env.emulator.stats().refreshes, refreshes + 1, "windows refresh asked Spotify once");
    let renewed = stdout(&env.run(&["token"])).trim_end().to_owned();
    assert_ne!(renewed, access, "windows refresh: token serves the renewed token");
    assert_eq!(env.me_status(&renewed).await, 200, "windows refresh: the renewed token works");

    let scopes = stdout(&env.run(&["scopes"]));
    assert!(scopes.contains("See your account's email address."), "windows scopes: {scopes}");

    // The activity record, in %APPDATA% beside state.json: each step, whole.
    let activity = env.run(&["activity", "--json"]);
    assert!(activity.status.success() && stderr(&activity).is_empty(), "windows activity: {}", stderr(&activity));
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&activity.stdout).unwrap();
    let events: Vec<&str> = entries.iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["link", "token", "api", "refresh", "token"], "windows activity: {entries:?}");
    for taken in entries.iter().filter(|e| e["event"] == "token") {
        // Wine starts spotlink.exe from Linux, so whether it has a Windows parent is Wine's
        // business; one named is a file name (the process snapshot's szExeFile).
        if let Some(name) = taken["program"]["name"].as_str() {
            assert!(!name.is_empty() && !name.contains(['\\', '/']), "windows activity: the caller {name:?}");
        }
    }

    // No token in any file SpotLink wrote for this Windows user.
    let raw: serde_json::Value =
        serde_json::from_str(&env.keychain().expect("windows: the record is in Credential Manager")).unwrap();
    let refresh_token = raw["refresh_token"].as_str().unwrap().to_owned();
    let files = files_under(&env.windows.as_ref().unwrap().profile);
    assert!(files.iter().any(|f| f.ends_with("state.json")), "windows: state.json in %APPDATA%: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains(&renewed) && !text.contains(&refresh_token), "windows: a token in {file:?}");
    }

    let unlink = env.run(&["unlink"]);
    assert!(unlink.status.success(), "windows unlink: {}", stderr(&unlink));
    assert!(stdout(&unlink).contains("https://www.spotify.com/account/apps/"), "windows unlink: {}", stdout(&unlink));
    assert!(env.keychain().is_none(), "windows unlink: the Credential Manager entry is gone");
    let after = env.run(&["token"]);
    assert_eq!(after.status.code(), Some(3), "windows token after unlink: {}", stderr(&after));
    assert_eq!(
        stderr(&after),
        "spotlink: No Spotify account is linked; run `spotlink link` or use the SpotLink app.\n",
        "windows token after unlink"
    );
}

/// Twelve `spotlink.exe token` processes at once, with the access token expired and a
/// server that rotates refresh tokens and revokes the grant on a replay: Windows' file
/// lock (`LockFileEx`) lets one of them refresh and the rest use its token.
#[tokio::test(flavor = "multi_thread")]
async fn windows_twelve_processes_share_one_refresh_under_rotation() {
    let env = Env::start_windows(EmulatorConfig {
        rotation: Rotation::On,
        access_ttl: Duration::from_secs(2),
        ..EmulatorConfig::default()
    })
    .await;
    let out = env.link(&[]).await;
    assert!(out.status.success(), "windows link: {}", stderr(&out));
    tokio::time::sleep(Duration::from_millis(2200)).await; // the access token is now expired
    env.emulator.set_access_ttl(Duration::from_secs(3600));
    // Spotify answers slowly: Wine starts the processes one after another, and without a
    // slow answer the first could finish its refresh before the last even looked. Now
    // they all find the token expired while the refresh is under way.
    env.emulator.inject_faults(Fault::Slow { delay: Duration::from_secs(3) }, 12);

    let children: Vec<_> = (0..12)
        .map(|_| env.command(&["token"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for out in &outputs {
        assert!(out.status.success(), "windows concurrent token: {}", stderr(out));
    }
    let stats = env.emulator.stats();
    assert_eq!(stats.replays_detected, 0, "windows concurrent token: no process replayed a used refresh token");
    assert_eq!(stats.grants_revoked, 0, "windows concurrent token");
    assert_eq!(stats.refreshes, 1, "windows concurrent token: one refresh served all twelve");
    let tokens: Vec<String> = outputs.iter().map(|o| stdout(o).trim_end().to_owned()).collect();
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "windows concurrent token: one token for all");
    assert_eq!(env.me_status(&tokens[0]).await, 200, "windows concurrent token: the token works");

    // The rotated refresh token was stored: the next refresh uses it, not the old one.
    let refresh = env.run(&["refresh"]);
    assert!(refresh.status.success(), "windows refresh after rotation: {}", stderr(&refresh));
    assert_eq!(env.emulator.stats().replays_detected, 0, "windows refresh after rotation");
}

/// The exit codes of the README, one by one, from the Windows build.
#[tokio::test(flavor = "multi_thread")]
async fn windows_exit_codes_and_require_scope() {
    let env = Env::start_windows(EmulatorConfig::default()).await;
    assert_eq!(env.run(&["token", "--bogus"]).status.code(), Some(2), "windows exit 2 (usage)");
    assert_eq!(env.run(&["status"]).status.code(), Some(3), "windows exit 3 (not linked)");
    assert_eq!(env.run(&["token", "--require-scope", "user-top-read"]).status.code(), Some(3), "windows exit 3");
    let out = env.run(&["link", "--scopes", "user-read-emial", "--no-browser"]);
    assert_eq!(out.status.code(), Some(7), "windows exit 7 (unknown scope): {}", stderr(&out));

    // 8: the user declined on Spotify's page.
    env.emulator.set_consent(Consent::AutoDeny);
    let (out, page) = env.link_answering(&[]).await;
    assert!(page.contains("Nothing was linked"), "windows: the loopback page says nothing was linked: {page}");
    assert_eq!(out.status.code(), Some(8), "windows exit 8 (declined): {}", stderr(&out));
    env.emulator.set_consent(Consent::AutoApprove);

    let out = env.link(&["--scopes", "user-read-email"]).await;
    assert!(out.status.success(), "windows link: {}", stderr(&out));

    // 10: a scope the link lacks, decided without asking Spotify.
    let requests = env.emulator.stats().token_requests;
    let out = env.run(&["token", "--require-scope", "user-top-read,user-read-email"]);
    assert_eq!(out.status.code(), Some(10), "windows exit 10 (--require-scope): {}", stderr(&out));
    assert!(out.stdout.is_empty(), "windows --require-scope: no token without the scope");
    assert!(
        stderr(&out).contains("spotlink link --add-scopes user-top-read"),
        "windows --require-scope: {}",
        stderr(&out)
    );
    assert_eq!(env.emulator.stats().token_requests, requests, "windows --require-scope asked Spotify");
    let out = env.run(&["token", "--require-scope", "user-read-email"]);
    assert!(out.status.success(), "windows --require-scope (granted): {}", stderr(&out));

    // 6: nothing listens at the accounts URL; a cached token needs no network.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let accounts = format!("http://127.0.0.1:{closed}");
    let out = env.command(&["refresh"]).env("SPOTLINK_ACCOUNTS_URL", &accounts).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "windows exit 6 (network): {}", stderr(&out));
    assert!(
        stderr(&out).starts_with("spotlink: Cannot reach Spotify's accounts service"),
        "windows exit 6: {}",
        stderr(&out)
    );
    let out = env.command(&["token"]).env("SPOTLINK_ACCOUNTS_URL", &accounts).output().unwrap();
    assert!(out.status.success(), "windows token offline (cached): {}", stderr(&out));

    // 7: a corrupt config file in %APPDATA%, named with its line; the link survives it.
    let config = env.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "client_id = \"x\"\nredirect = 42\n").unwrap();
    let out = env.run(&["status"]);
    assert_eq!(out.status.code(), Some(7), "windows exit 7 (corrupt config): {}", stderr(&out));
    assert!(stderr(&out).contains(r"\config\config.toml line 2"), "windows exit 7 names the file: {}", stderr(&out));
    std::fs::remove_file(&config).unwrap();
    assert!(env.run(&["token"]).status.success(), "windows: the link survived the corrupt config");

    // 4: Spotify rejects the refresh token; the dead token is not sent again.
    env.emulator.revoke_all();
    let out = env.run(&["refresh"]);
    assert_eq!(out.status.code(), Some(4), "windows exit 4 (revoked): {}", stderr(&out));
    let requests = env.emulator.stats().token_requests;
    let out = env.run(&["token"]);
    assert_eq!(out.status.code(), Some(4), "windows exit 4 (token after revocation)");
    assert!(stderr(&out).contains("must be renewed"), "windows exit 4: {}", stderr(&out));
    assert_eq!(env.emulator.stats().token_requests, requests, "windows: a dead refresh token is not sent again");
}

/// Credential Manager keeps at most 2,560 bytes a credential; `keyring` stores the record
/// as UTF-16, and SpotLink keeps it at most MAX_RECORD_UTF16 units, shedding the cached
/// profile extras first. A link whose record is exactly that large round-trips (status,
/// token, a refresh that writes it again); one unit more is refused with a sentence and
/// the link in place survives.
#[tokio::test(flavor = "multi_thread")]
async fn windows_the_largest_record_round_trips_through_credential_manager() {
    let env = Env::start_windows(EmulatorConfig::default()).await;
    let scopes = ["--scopes", "user-read-email,user-read-private,playlist-read-private,user-top-read"];
    assert!(env.link(&scopes).await.status.success(), "windows link (measuring)");
    // The record without the extras a large one sheds, with the name the emulator gave.
    let mut wire: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    for extra in ["email", "image_url", "profile_url", "country", "product"] {
        wire["account"][extra] = serde_json::Value::Null;
    }
    let base = serde_json::to_string(&wire).unwrap().encode_utf16().count();
    // Cyrillic: two UTF-8 bytes but one UTF-16 unit each, as Credential Manager counts.
    let name = |units: usize| format!("Emu {}", "Я".repeat(units - 4));
    let largest = name(MAX_RECORD_UTF16 - base + "Emu Listener".len());
    env.emulator.set_display_name(largest.clone());
    let out = env.link(&scopes).await;
    assert!(out.status.success(), "windows link (largest record): {}", stderr(&out));
    let raw = env.keychain().expect("windows: the largest record is in Credential Manager");
    assert_eq!(raw.encode_utf16().count(), MAX_RECORD_UTF16, "windows: the record has the largest size: {raw}");

    let status: serde_json::Value = serde_json::from_slice(&env.run(&["status", "--json"]).stdout).unwrap();
    assert_eq!(status["account"]["display_name"], largest.as_str(), "windows status reads the largest record");
    let token = env.run(&["token"]);
    assert!(token.status.success(), "windows token from the largest record: {}", stderr(&token));
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200, "windows token from the largest record");
    let refresh = env.run(&["refresh"]);
    assert!(refresh.status.success(), "windows refresh rewrites the largest record: {}", stderr(&refresh));
    assert_eq!(env.keychain().unwrap().encode_utf16().count(), MAX_RECORD_UTF16, "windows refresh");

    // One unit more cannot be kept: the sign-in fails with a sentence, the link stays.
    env.emulator.set_display_name(name(largest.chars().count() + 1));
    let out = env.link(&scopes).await;
    assert!(!out.status.success(), "windows link (too large) must fail");
    assert!(stderr(&out).contains("too large for the system keychain"), "windows link (too large): {}", stderr(&out));
    let status: serde_json::Value = serde_json::from_slice(&env.run(&["status", "--json"]).stdout).unwrap();
    assert_eq!(status["account"]["display_name"], largest.as_str(), "windows: the link in place survived");
    assert!(env.run(&["token"]).status.success(), "windows token after the refused record");
}
