//! The `spotlink` binary as scripts use it: real processes, the real Secret Service,
//! the emulator over HTTP. Exit codes and output are the contract in the README.

mod common;

use std::process::{Output, Stdio};
use std::time::Duration;

use common::{stderr, stdout, Env};
use spotify_emulator::{EmulatorConfig, Rotation};
use spotlink_core::store::{KeyringStore, SecretStore};
use test_support::{files_under, PrivateBus};

#[tokio::test(flavor = "multi_thread")]
async fn link_status_token_scopes_unlink() {
    let env = Env::start(EmulatorConfig::default()).await;
    let out = env.link(&["--scopes", "user-read-email,user-read-private"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Linked Spotify account Emu Listener (emu-user)"), "{}", stdout(&out));
    assert!(stderr(&out).contains("Waiting for Spotify's answer on http://127.0.0.1:"));

    let status = env.run(&["status", "--json"]);
    assert!(status.status.success());
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(json["linked"], true);
    assert_eq!(json["account"]["id"], "emu-user");
    assert_eq!(json["account"]["display_name"], "Emu Listener");
    assert_eq!(json["scopes"], serde_json::json!(["user-read-email", "user-read-private"]));
    assert_eq!(json["needs_relink"], false);
    assert_eq!(json["client_id"], "spotlink-test-client");
    for key in ["access_token_expires_at", "link_expires_at"] {
        let at = json[key].as_str().unwrap();
        time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).unwrap();
    }

    let token = env.run(&["token"]);
    assert!(token.status.success(), "{}", stderr(&token));
    let printed = stdout(&token);
    assert!(printed.ends_with('\n') && printed.lines().count() == 1, "only the token and a newline: {printed:?}");
    assert!(token.stderr.is_empty());
    let access = printed.trim_end();
    assert_eq!(env.me_status(access).await, 200);

    // No token in status output, in any file, or in the human status.
    let raw = env.keychain().unwrap();
    let refresh: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let refresh = refresh["refresh_token"].as_str().unwrap().to_owned();
    for text in [stdout(&status), stdout(&env.run(&["status"])), stdout(&out), stderr(&out)] {
        assert!(!text.contains(access) && !text.contains(&refresh), "{text}");
    }
    for file in files_under(env.dir.path()) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains(access) && !text.contains(&refresh), "{file:?}");
    }

    let json = env.run(&["token", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["access_token"], access);
    assert_eq!(value["token_type"], "Bearer");

    let scopes = stdout(&env.run(&["scopes"]));
    assert!(scopes.contains("user-read-email") && scopes.contains("See your account's email address."), "{scopes}");
    let all = stdout(&env.run(&["scopes", "--all"]));
    assert!(all.contains("playlist-modify-public") && all.contains("Spotify Connect"));

    let unlink = env.run(&["unlink"]);
    assert!(unlink.status.success());
    assert!(stdout(&unlink).contains("https://www.spotify.com/account/apps/"));
    assert!(env.keychain().is_none(), "the keychain entry is gone");
    let after = env.run(&["token"]);
    assert_eq!(after.status.code(), Some(3));
    assert!(after.stdout.is_empty());
    assert_eq!(
        stderr(&after),
        "spotlink: No Spotify account is linked; run `spotlink link` or use the SpotLink app.\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn twelve_processes_share_one_refresh_under_rotation_with_reuse_detection() {
    let env = Env::start(EmulatorConfig {
        rotation: Rotation::On,
        access_ttl: Duration::from_secs(2),
        ..EmulatorConfig::default()
    })
    .await;
    assert!(env.link(&[]).await.status.success());
    tokio::time::sleep(Duration::from_millis(2200)).await; // the access token is now expired
    env.emulator.set_access_ttl(Duration::from_secs(3600));

    let children: Vec<_> = (0..12)
        .map(|_| env.command(&["token"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    for out in &outputs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    let tokens: Vec<String> = outputs.iter().map(|o| stdout(o).trim_end().to_owned()).collect();
    for token in &tokens {
        assert_eq!(env.me_status(token).await, 200, "every printed token works");
    }
    let stats = env.emulator.stats();
    assert_eq!(stats.replays_detected, 0, "no process replayed a used refresh token");
    assert_eq!(stats.grants_revoked, 0);
    assert_eq!(stats.refreshes, 1, "one refresh served all twelve");
    assert!(tokens.windows(2).all(|w| w[0] == w[1]));

    // The link works afterwards.
    let refresh = env.run(&["refresh"]);
    assert!(refresh.status.success(), "{}", stderr(&refresh));
    let token = stdout(&env.run(&["token"]));
    assert_eq!(env.me_status(token.trim_end()).await, 200);
    assert_eq!(env.emulator.stats().replays_detected, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_name_the_problem() {
    let env = Env::start(EmulatorConfig::default()).await;
    // 2: usage.
    assert_eq!(env.run(&["token", "--bogus"]).status.code(), Some(2));
    assert_eq!(env.run(&["link", "--scopes", "user-read-emial", "--no-browser"]).status.code(), Some(7));
    // 3: not linked.
    assert_eq!(env.run(&["status"]).status.code(), Some(3));
    assert_eq!(env.run(&["refresh"]).status.code(), Some(3));

    assert!(env.link(&[]).await.status.success());
    // 6: network (nothing listens there).
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out =
        env.command(&["refresh"]).env("SPOTLINK_ACCOUNTS_URL", format!("http://127.0.0.1:{closed}")).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("spotlink: Cannot reach Spotify's accounts service"), "{}", stderr(&out));
    // A cached token needs no network at all.
    let out =
        env.command(&["token"]).env("SPOTLINK_ACCOUNTS_URL", format!("http://127.0.0.1:{closed}")).output().unwrap();
    assert!(out.status.success());

    // 7: a corrupt config file, named with its line.
    let config = env.dir.path().join("config/spotlink/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "client_id = \"x\"\nredirect = 42\n").unwrap();
    let out = env.run(&["status"]);
    assert_eq!(out.status.code(), Some(7));
    assert!(stderr(&out).contains("config.toml line 2"), "{}", stderr(&out));
    std::fs::remove_file(&config).unwrap();
    assert!(env.run(&["token"]).status.success(), "the link survived the corrupt config");

    // 4: relink needed, and a dead refresh token is not sent again.
    env.emulator.revoke_all();
    let out = env.run(&["refresh"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let requests = env.emulator.stats().token_requests;
    let out = env.run(&["token"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("must be renewed"), "{}", stderr(&out));
    assert_eq!(env.emulator.stats().token_requests, requests);
    assert_eq!(env.run(&["status"]).status.code(), Some(4));
}

#[tokio::test(flavor = "multi_thread")]
async fn no_keychain_means_a_clear_error_and_no_plaintext_fallback() {
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&[]).await.status.success());
    // A D-Bus session bus with no Secret Service on it and no service activation.
    let dir = tempfile::tempdir().unwrap();
    let bus = PrivateBus::start(dir.path());
    for bus_address in [bus.address.as_str(), "unix:path=/nonexistent/bus"] {
        for verb in ["token", "status"] {
            let out = env.command(&[verb]).env("DBUS_SESSION_BUS_ADDRESS", bus_address).output().unwrap();
            assert_eq!(out.status.code(), Some(5), "{verb} on {bus_address}: {}", stderr(&out));
            let text = stderr(&out);
            assert!(text.contains("system keychain") && text.contains("Secret Service"), "{text}");
            assert!(text.contains("never stores tokens in a plain file"), "{text}");
        }
    }
    drop(bus);
    assert!(env.run(&["token"]).status.success(), "the link is still there once the keychain is back");
    // state.json may name the account; no token is in any file.
    for file in files_under(env.dir.path()) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains("token"), "{file:?}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn trace_logging_never_shows_a_token() {
    let env = Env::start(EmulatorConfig { rotation: Rotation::On, ..EmulatorConfig::default() }).await;
    let out = env.link(&[]).await;
    assert!(out.status.success());
    let refresh = env.command(&["refresh"]).env("SPOTLINK_LOG", "trace").output().unwrap();
    assert!(refresh.status.success());
    let token = env.command(&["token"]).env("SPOTLINK_LOG", "trace").output().unwrap();
    let access = stdout(&token).trim_end().to_owned();
    let raw: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    let refresh_token = raw["refresh_token"].as_str().unwrap();
    let logs = format!("{}{}", stderr(&refresh), stderr(&token));
    assert!(logs.contains("TRACE") || logs.contains("DEBUG"), "trace logging is on: {logs}");
    assert!(!logs.contains(&access) && !logs.contains(refresh_token), "a token reached the log");
}

/// `spotlink status --check`: one line and an exit code per health, for cron and status bars.
#[tokio::test(flavor = "multi_thread")]
async fn status_check_exits_by_the_link_health() {
    let env = Env::start(EmulatorConfig::default()).await;
    let out = env.run(&["status", "--check"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("not_linked:"), "{}", stdout(&out));

    assert!(env.link(&[]).await.status.success());
    let out = env.run(&["status", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("ok: linked as Emu Listener"), "{}", stdout(&out));

    // The same link as if authorized 175 and 200 days ago (Spotify's links last 6 months).
    let authorized_days_ago = |days: i64| {
        let mut record: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
        let at = time::OffsetDateTime::now_utc() - time::Duration::days(days);
        record["authorized_at"] = at.unix_timestamp().into();
        let store = KeyringStore::new(env.service.clone());
        std::thread::spawn(move || store.set("emu-user", &record.to_string()).unwrap()).join().unwrap();
    };
    authorized_days_ago(175);
    let out = env.run(&["status", "--check"]);
    assert_eq!(out.status.code(), Some(9), "renew soon: {}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).starts_with("renew_soon: the link for Emu Listener ends in "), "{}", stdout(&out));
    let out = env.run(&["status", "--check", "--json"]);
    assert_eq!(out.status.code(), Some(9));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["link_health"], "renew_soon");
    assert_eq!(env.run(&["status", "--json"]).status.code(), Some(0), "without --check, --json exits 0");

    authorized_days_ago(200);
    let out = env.run(&["status", "--check"]);
    assert_eq!(out.status.code(), Some(4), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).starts_with("expired:"), "{}", stdout(&out));
}

/// A script that needs a scope says so; `link --add-scopes` adds it and keeps the old
/// ones (issue 12: like `gh auth refresh -s`).
#[tokio::test(flavor = "multi_thread")]
async fn require_scope_names_what_is_missing_and_add_scopes_keeps_the_rest() {
    let env = Env::start(EmulatorConfig::default()).await;
    // Not linked comes first: there is nothing to check scopes against.
    assert_eq!(env.run(&["token", "--require-scope", "user-top-read"]).status.code(), Some(3));
    assert!(env.link(&["--scopes", "user-read-email,user-read-private"]).await.status.success());

    let out = env.run(&["token", "--require-scope", "user-read-email"]);
    assert!(out.status.success(), "a granted scope: {}", stderr(&out));
    let requests = env.emulator.stats().token_requests;
    let out = env.run(&["token", "--require-scope", "user-top-read,user-read-email,playlist-read-private"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "no token without the scopes");
    assert_eq!(
        stderr(&out),
        "spotlink: The link lacks the scopes playlist-read-private, user-top-read; add them with \
         `spotlink link --add-scopes playlist-read-private,user-top-read` (or Relink / change permissions in the app).\n"
    );
    assert_eq!(env.emulator.stats().token_requests, requests, "decided without asking Spotify");
    assert_eq!(env.run(&["token", "--require-scope", "user-top-reed"]).status.code(), Some(7), "unknown scope");
    assert_eq!(env.run(&["link", "--scopes", "a", "--add-scopes", "b"]).status.code(), Some(2), "one or the other");

    let out = env.link(&["--add-scopes", "user-top-read,playlist-read-private"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let status: serde_json::Value = serde_json::from_slice(&env.run(&["status", "--json"]).stdout).unwrap();
    assert_eq!(
        status["scopes"],
        serde_json::json!(["playlist-read-private", "user-read-email", "user-read-private", "user-top-read"]),
        "the old scopes are kept and the new ones added"
    );
    let out = env.run(&["token", "--require-scope", "user-top-read,playlist-read-private"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.me_status(stdout(&out).trim()).await, 200);
    // Spotify's consent page was shown for the added scopes (show_dialog on a relink).
    let authorize =
        env.emulator.request_log().into_iter().rfind(|e| e.path == "/authorize").expect("an authorize request");
    assert_eq!(authorize.show_dialog, Some(true), "{authorize:?}");
    let asked = authorize.scope.unwrap_or_default();
    assert_eq!(asked, "playlist-read-private user-read-email user-read-private user-top-read", "asked for old and new");
}
