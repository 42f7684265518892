//! Failure drills (issue 13) for the `spotlink` command: the real binary, the real
//! Secret Service of the session, the emulator over HTTP, and a failure made real
//! (an entry written by another program, a full or read-only disk, a jumping clock, a
//! proxy). Each says what the user sees and proves the link survives.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout, Env};
use spotify_emulator::{EmulatorConfig, Fault, Rotation};
use test_support::{wait_for, PrivateBus, PrivateKeyring, Tmpfs};

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

/// The refresh token in the link's keychain entry (read with `secret-tool`).
fn stored_refresh_token(env: &Env) -> Option<String> {
    let record: serde_json::Value = serde_json::from_str(&secret_tool_lookup(env, "emu-user")?).ok()?;
    record["refresh_token"].as_str().map(str::to_owned)
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

/// Drill: the keyring daemon dies (SIGKILL) while a refresh waits for Spotify's answer.
/// With a rotating server and the daemon back within seconds, the refresh keeps trying
/// to save and stores the new refresh token: no replay, the link lives on. With Spotify's
/// non-rotating tokens and the daemon away until the refresh gave up (exit 5), the entry
/// still holds the old refresh token, which still works. Never no refresh token.
#[tokio::test(flavor = "multi_thread")]
async fn drill_keyring_daemon_dies_during_a_refresh() {
    let mut env = Env::start(EmulatorConfig { rotation: Rotation::On, ..EmulatorConfig::default() }).await;
    let bus = PrivateBus::start(env.dir.path());
    let home = env.dir.path().join("keyring-home");
    let mut keyring = PrivateKeyring::start(&bus, &home);
    env.bus = Some(bus.address.clone());
    assert!(env.link(&[]).await.status.success());
    let first = stored_refresh_token(&env).expect("linked");

    // Kills the daemon once `spotlink refresh` is waiting for the (slowed) answer.
    let refresh_with_the_daemon_killed = |keyring: PrivateKeyring| {
        env.emulator.inject_faults(Fault::Slow { delay: Duration::from_secs(1) }, 1);
        let requests = env.emulator.stats().token_requests;
        let child = env.command(&["refresh"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        wait_for(|| env.emulator.stats().token_requests > requests, "the refresh to reach the emulator");
        keyring.kill(&bus);
        child
    };

    // Rotating: the daemon is back 2 s after it died, 1 s after the answer came.
    let child = refresh_with_the_daemon_killed(keyring);
    std::thread::sleep(Duration::from_secs(2));
    keyring = PrivateKeyring::start(&bus, &home);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the save waited for the keychain: {}", stderr(&out));
    let rotated = stored_refresh_token(&env).expect("a refresh token after the restart");
    assert_ne!(rotated, first, "the rotated refresh token was stored");
    let out = env.run(&["refresh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats = env.emulator.stats();
    assert_eq!((stats.refreshes, stats.replays_detected, stats.grants_revoked), (2, 0, 0), "{stats:?}");

    // Not rotating (Spotify since 2026): the daemon stays away until the refresh gave up.
    env.emulator.set_rotation(Rotation::Off);
    let kept = stored_refresh_token(&env).unwrap();
    let child = refresh_with_the_daemon_killed(keyring);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("system keychain") && stderr(&out).lines().count() == 1, "{}", stderr(&out));
    let _keyring = PrivateKeyring::start(&bus, &home);
    assert_eq!(stored_refresh_token(&env).as_deref(), Some(kept.as_str()), "the old refresh token is still there");
    let out = env.run(&["refresh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = env.run(&["token"]);
    assert!(token.status.success(), "{}", stderr(&token));
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200);
    assert_eq!(env.emulator.stats().replays_detected, 0);
}

/// The files SpotLink keeps under `dir` (a temporary file left behind would show here).
fn names_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Drill: the data directory (state file, refresh lock) fills up, then turns read-only.
/// A tmpfs mounted there makes both real (root only; skipped with a message where
/// mounting is not permitted). Serving and refreshing the token keep working from the
/// keychain; a relink that cannot write the state file says which file and why (exit
/// 7), and leaves the old file whole and no temporary file behind. The activity record
/// misses what could not be written, and reads again once there is room.
#[tokio::test(flavor = "multi_thread")]
async fn drill_full_or_read_only_data_directory() {
    let env = Env::start(EmulatorConfig::default()).await;
    let data = env.dir.path().join("data");
    let tmpfs = match Tmpfs::mount(&data, "256k") {
        Ok(tmpfs) => tmpfs,
        Err(why) => {
            eprintln!("SKIPPED drill_full_or_read_only_data_directory: cannot mount a tmpfs here ({why})");
            return;
        }
    };
    assert!(env.link(&["--scopes", "user-read-email"]).await.status.success());
    let dir = data.join("spotlink");
    let state = std::fs::read(dir.join("state.json")).unwrap();
    let files = names_in(&dir);
    assert_eq!(files, ["activity.jsonl", "activity.lock", "refresh-emu-user.lock", "state.json", "state.lock"]);

    let works = |what: &str| {
        for verb in ["refresh", "token"] {
            let out = env.run(&[verb]);
            assert!(out.status.success(), "{what}: {verb}: {}", stderr(&out));
        }
    };
    let (env, dir, state, files) = (&env, &dir, &state, &files);
    let relink_fails = |what: &'static str| async move {
        let out = env.link(&["--scopes", "user-read-email,user-read-private"]).await;
        assert_eq!(out.status.code(), Some(7), "{what}: {}", stderr(&out));
        let text = stderr(&out);
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with("spotlink: ") && last.contains("state.json") && last.contains(what), "{text}");
        assert_eq!(&std::fs::read(dir.join("state.json")).unwrap(), state, "{what}: the state file is whole");
        assert_eq!(&names_in(dir), files, "{what}: no temporary file is left");
    };

    tmpfs.fill();
    works("full");
    relink_fails("No space left on device").await;
    works("full, after the failed relink");

    tmpfs.empty();
    tmpfs.set_read_only(true);
    works("read-only");
    relink_fails("Read-only file system").await;
    let token = env.run(&["token"]);
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200);
    tmpfs.set_read_only(false);

    // Room again: the record still reads (an entry torn by the full disk at most), and
    // takes new entries.
    assert!(env.run(&["token"]).status.success());
    let out = env.run(&["activity", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entries.first().map(|e| e["event"].clone()), Some("link".into()), "{entries:?}");
    assert_eq!(entries.last().map(|e| e["event"].clone()), Some("token".into()), "{entries:?}");
    let damaged = stderr(&out);
    assert!(damaged.is_empty() || damaged.contains("One entry of the activity record"), "{damaged}");
}

/// libfaketime, which the drills preload into `spotlink` to move its clock.
fn libfaketime() -> &'static str {
    const PATHS: [&str; 2] =
        ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"];
    PATHS
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("libfaketime: install faketime (scripts/setup --test)")
}

/// Drill: the system clock jumps three hours forward, back, three hours back, and back
/// again. Each `spotlink` process runs with its clock moved by libfaketime (`FAKETIME`,
/// a fixed offset per process: a clock that jumped between two runs, as scripts meet
/// it). Each jump costs at most one refresh however often the token is asked for (the
/// emulator counts token requests), every printed token works, and `status` never
/// reports a token as valid for longer than Spotify's hour: a token fetched while the
/// clock was ahead is refreshed once the clock is back, not served for hours.
#[tokio::test(flavor = "multi_thread")]
async fn drill_clock_jumps_cost_one_refresh_each_and_never_overstate_a_token() {
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&[]).await.status.success());
    let at = |offset: i64, args: &[&str]| {
        env.command(args)
            .env("LD_PRELOAD", libfaketime())
            .env("FAKETIME", format!("{offset:+}"))
            .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
            .output()
            .unwrap()
    };
    let hours = 3 * 3600;
    // (clock offset in seconds, refreshes expected)
    let phases = [(0, 0), (hours, 1), (0, 1), (-hours, 1), (0, 1)];
    let mut counted = Vec::new();
    for (offset, expected) in phases {
        let before = env.emulator.stats().token_requests;
        for _ in 0..4 {
            let out = at(offset, &["token"]);
            assert!(out.status.success(), "clock {offset:+} s: {}", stderr(&out));
            assert_eq!(env.me_status(stdout(&out).trim_end()).await, 200, "clock {offset:+} s: the token works");
        }
        let status: serde_json::Value = serde_json::from_slice(&at(offset, &["status", "--json"]).stdout).unwrap();
        let expires = time::OffsetDateTime::parse(
            status["access_token_expires_at"].as_str().expect("a token expiry"),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        let left = expires - (time::OffsetDateTime::now_utc() + time::Duration::seconds(offset));
        assert!(
            left > time::Duration::ZERO && left <= time::Duration::seconds(3600 + 60),
            "clock {offset:+} s: the token is said to last {left}"
        );
        counted.push(env.emulator.stats().token_requests - before);
        assert_eq!(counted.last(), Some(&expected), "clock {offset:+} s: refreshes per phase so far {counted:?}");
    }
    assert_eq!(env.emulator.stats().replays_detected, 0);
}

/// A CONNECT-only HTTP proxy on loopback that records each request's first line and
/// refuses to tunnel (502), so a test sees where SpotLink went without a network.
struct Proxy {
    port: u16,
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Proxy {
    async fn start() -> Self {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = lines.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
                        if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                            break;
                        }
                        head.push(byte[0]);
                    }
                    let text = String::from_utf8_lossy(&head);
                    seen.lock().unwrap().push(text.lines().next().unwrap_or_default().to_owned());
                    let _ = stream.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n").await;
                });
            }
        });
        Self { port, lines }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seen(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }
}

/// Drill: proxies. With every proxy variable pointing at a proxy, the loopback emulator
/// (plain HTTP, allowed only on loopback) is reached directly: a refresh token is never
/// handed to a proxy in clear text. An `https://` endpoint elsewhere goes through
/// `HTTPS_PROXY` as a `CONNECT` tunnel (the proxy sees the host, nothing else), unless
/// `NO_PROXY` names it. (The emulator serves no TLS, so the tunnel is refused by the
/// proxy and the refresh fails as a network problem, exit 6.) A non-loopback `http://`
/// endpoint is refused at config load, from the environment or the file (exit 7).
#[tokio::test(flavor = "multi_thread")]
async fn drill_proxies_are_used_for_https_only_and_never_for_loopback() {
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&[]).await.status.success());
    let proxy = Proxy::start().await;
    let proxied = |args: &[&str]| {
        let mut cmd = env.command(args);
        for name in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
            cmd.env(name, proxy.url());
        }
        cmd.env_remove("NO_PROXY").env_remove("no_proxy");
        cmd
    };

    let out = proxied(&["refresh"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let token = proxied(&["token"]).output().unwrap();
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200);
    assert_eq!(proxy.seen(), Vec::<String>::new(), "loopback is never proxied");

    let elsewhere = "https://accounts.spotlink-drill.invalid";
    let out = proxied(&["refresh"]).env("SPOTLINK_ACCOUNTS_URL", elsewhere).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("spotlink: Cannot reach Spotify's accounts service"), "{}", stderr(&out));
    let seen = proxy.seen();
    assert!(!seen.is_empty(), "the proxy was asked");
    for line in &seen {
        assert_eq!(line, "CONNECT accounts.spotlink-drill.invalid:443 HTTP/1.1", "only a tunnel: {seen:?}");
    }

    let asked = seen.len();
    let out = proxied(&["refresh"])
        .env("SPOTLINK_ACCOUNTS_URL", elsewhere)
        .env("NO_PROXY", "example.org, .spotlink-drill.invalid")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert_eq!(proxy.seen().len(), asked, "NO_PROXY is honoured");

    // Production endpoints must be HTTPS, except on loopback.
    for (name, value) in
        [("SPOTLINK_ACCOUNTS_URL", "http://accounts.spotify.com"), ("SPOTLINK_API_URL", "http://10.0.0.1/v1")]
    {
        let out = env.command(&["token"]).env(name, value).output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
        assert!(
            stderr(&out).starts_with(&format!("spotlink: {name}: \"{value}\" must be an https:// URL")),
            "{}",
            stderr(&out)
        );
    }
    let config = env.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "api_url = \"http://api.spotify.com/v1\"\n").unwrap();
    let out = env.command(&["token"]).env_remove("SPOTLINK_API_URL").output().unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains("must be an https:// URL"), "{}", stderr(&out));
    assert_eq!(proxy.seen().len(), asked);
}

/// Drill: the keychain collection is locked (the Secret Service's `Lock`, as a screen
/// lock or the user does). `spotlink token` asks the Secret Service to unlock it, which
/// makes gnome-keyring show its system prompt (gcr-prompter, on the drill's own bus and
/// the test display); the user dismisses it (the window's close button). SpotLink then
/// says the keychain refused access and exits 5; with the prompt left unanswered, it
/// gives up after the keychain's 15 s, also with exit 5. The link is intact: once the
/// keyring is unlocked again, the token works.
#[tokio::test(flavor = "multi_thread")]
async fn drill_locked_keychain_and_a_dismissed_unlock_prompt() {
    assert!(std::env::var_os("DISPLAY").is_some(), "the unlock prompt needs a display: run with scripts/in-session");
    let mut env = Env::start(EmulatorConfig::default()).await;
    let bus = PrivateBus::start(env.dir.path());
    let home = env.dir.path().join("keyring-home");
    let keyring = PrivateKeyring::start(&bus, &home);
    env.bus = Some(bus.address.clone());
    assert!(env.link(&[]).await.status.success());
    let _prompter = Prompter::start(&bus, &home);

    let lock = Command::new("dbus-send")
        .args([&format!("--bus={}", bus.address), "--print-reply", "--dest=org.freedesktop.secrets"])
        .args(["/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock"])
        .arg("array:objpath:/org/freedesktop/secrets/collection/login")
        .output()
        .unwrap();
    assert!(lock.status.success(), "{}", String::from_utf8_lossy(&lock.stderr));

    let prompt_shown = || {
        let asked = Instant::now();
        while test_support::x11::windows_of("gcr-prompter").is_empty() {
            assert!(asked.elapsed() < Duration::from_secs(10), "gnome-keyring showed no unlock prompt");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let child = env.command(&["token"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    prompt_shown();
    assert!(test_support::x11::close_windows("gcr-prompter") > 0);
    let out = child.wait_with_output().unwrap();
    let text = stderr(&out);
    eprintln!("drill locked keychain, prompt dismissed: exit {:?}: {text}", out.status.code());
    assert_eq!(out.status.code(), Some(5), "{text}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        text,
        "spotlink: The system keychain refused access (its unlock prompt was dismissed); unlock it and try again.\n"
    );

    // Nobody answers the prompt: the keychain's 15 s run out, and that too is exit 5.
    let started = Instant::now();
    let child = env.command(&["token"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    prompt_shown();
    let out = child.wait_with_output().unwrap();
    let text = stderr(&out);
    eprintln!(
        "drill locked keychain, prompt left open: exit {:?} after {:?}: {text}",
        out.status.code(),
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(5), "{text}");
    assert!(text.contains("did not answer within 15 s") && text.contains("unlock it"), "{text}");
    test_support::x11::close_windows("gcr-prompter");

    // Unlocked again (a restarted daemon unlocks the keyring with its password): the link is there.
    keyring.kill(&bus);
    let _keyring = PrivateKeyring::start(&bus, &home);
    let token = env.run(&["token"]);
    assert!(token.status.success(), "{}", stderr(&token));
    assert_eq!(env.me_status(stdout(&token).trim_end()).await, 200);
}

/// gnome-keyring's prompter (gcr-prompter) on a private bus, which has no service
/// activation to start it. Stopped on drop.
struct Prompter(std::process::Child);

impl Prompter {
    fn start(bus: &PrivateBus, home: &std::path::Path) -> Self {
        let child = Command::new("/usr/libexec/gcr-prompter")
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gcr-prompter (package gcr, with gnome-keyring)");
        wait_for(|| bus.name_has_owner("org.gnome.keyring.SystemPrompter"), "gcr-prompter on the bus");
        Self(child)
    }
}

impl Drop for Prompter {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
