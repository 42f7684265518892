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
    let config = env.config_file();
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
    let out = env.run(&["token"]);
    assert!(out.status.success(), "the link is still there once the keychain is back");
    // state.json may name the account and the activity record says a token was taken;
    // no token is in any file.
    let keychain: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    let tokens = [stdout(&out).trim().to_owned(), keychain["refresh_token"].as_str().unwrap().to_owned()];
    for file in files_under(env.dir.path()) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for token in &tokens {
            assert!(!text.contains(token.as_str()), "{file:?}: {text}");
        }
        assert!(!text.contains("access_token") && !text.contains("refresh_token"), "{file:?}: {text}");
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
    let api = env.command(&["api", "me"]).env("SPOTLINK_LOG", "trace").output().unwrap();
    assert!(api.status.success(), "{}", stderr(&api));
    let access = stdout(&token).trim_end().to_owned();
    let raw: serde_json::Value = serde_json::from_str(&env.keychain().unwrap()).unwrap();
    let refresh_token = raw["refresh_token"].as_str().unwrap();
    let logs = format!("{}{}{}", stderr(&refresh), stderr(&token), stderr(&api));
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

/// `spotlink api`: paging, filtering, fields and a change, with no token in any output.
#[tokio::test(flavor = "multi_thread")]
async fn api_pages_filters_and_changes_a_playlist() {
    let env = Env::start(EmulatorConfig::default()).await;
    let scopes = "playlist-read-private,playlist-modify-public,user-top-read";
    assert!(env.link(&["--scopes", scopes]).await.status.success());
    let mut outputs = Vec::new();
    let mut api = |args: &[&str]| {
        let mut all = vec!["api"];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert!(out.status.success(), "spotlink {all:?}: {}", stderr(&out));
        outputs.push(format!("{}{}", stdout(&out), stderr(&out)));
        stdout(&out)
    };

    // Not a terminal: the body exactly as Spotify sent it.
    let me: serde_json::Value = serde_json::from_str(&api(&["me"])).unwrap();
    assert_eq!(me["id"], "emu-user");
    let before = env.emulator.stats().api_requests;
    let all: Vec<serde_json::Value> = serde_json::from_str(&api(&["/v1/me/playlists", "--paginate"])).unwrap();
    assert_eq!(all.len(), 57, "every page's items in one array");
    assert_eq!(env.emulator.stats().api_requests - before, 3, "three pages of 20");
    let names = api(&["me/playlists", "--paginate", "--jsonl", "-q", ".name", "-f", "limit=7"]);
    assert_eq!(names.lines().count(), 57);
    assert_eq!(names.lines().next(), Some("Emu playlist 1"), "strings print raw");
    let top = api(&["me/top/tracks", "-f", "limit=5", "-f", "time_range=short_term", "-q", ".items | length"]);
    assert_eq!(top, "5\n");

    let playlist = "playlists/5pL0000000000000000000";
    let changed = api(&["-X", "PUT", playlist, "-f", "name=Renamed by spotlink", "-F", "public=false"]);
    assert_eq!(changed, "", "200 with no body prints nothing");
    assert_eq!(api(&[playlist, "--jq", ".name, .public"]), "Renamed by spotlink\nfalse\n");
    let name_file = env.dir.path().join("name.txt");
    std::fs::write(&name_file, "Named from a file").unwrap();
    let from_file = format!("name=@{}", name_file.display());
    let created = api(&["-X", "post", "users/emu-user/playlists", "-F", &from_file, "-q", ".name"]);
    assert_eq!(created, "Named from a file\n", "a JSON body for POST; @FILE reads the value");
    let included = api(&["-i", "me"]);
    assert!(included.starts_with("HTTP/1.1 200 OK\r\n"), "{included}");
    assert!(included.to_ascii_lowercase().contains("content-type: application/json\r\n"));

    // A terminal (script(1) provides one) gets it indented, and coloured unless NO_COLOR is set.
    let on_a_terminal = |no_color: &str| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &format!("{} api me", env!("CARGO_BIN_EXE_spotlink")), "/dev/null"]);
        env.environment(&mut cmd);
        let out = cmd.env("NO_COLOR", no_color).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let plain = on_a_terminal("1");
    assert!(plain.contains("\n  \"id\": \"emu-user\"") && !plain.contains('\x1b'), "{plain:?}");
    assert!(on_a_terminal("").contains("\x1b["), "colours on a terminal");
    let token = stdout(&env.run(&["token"])).trim().to_owned();
    assert!(outputs.iter().all(|o| !o.contains(&token)), "the token reached api's output");
}

/// `spotlink api`: a rejected token is renewed, short throttling waited out, outages
/// retried only where resending is safe, and the token sent nowhere but the API.
#[tokio::test(flavor = "multi_thread")]
async fn api_recovers_where_it_safely_can_and_says_why_where_it_cannot() {
    use spotify_emulator::Fault;
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&["--scopes", "playlist-modify-public,user-read-email"]).await.status.success());
    let requests = || env.emulator.stats().api_requests;

    // 401: renewed once, sent again.
    env.emulator.expire_access_tokens();
    let refreshes = env.emulator.stats().refreshes;
    let out = env.run(&["api", "me", "-q", ".id"]);
    assert_eq!((stdout(&out).as_str(), out.status.code()), ("emu-user\n", Some(0)), "{}", stderr(&out));
    assert_eq!(env.emulator.stats().refreshes, refreshes + 1);

    // 429 with a short Retry-After: waited out, with a message.
    env.emulator.inject_api_faults(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let out = env.run(&["api", "me", "-q", ".id"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("rate limiting; sending again in 1 s"), "{}", stderr(&out));
    // A long one: exit 6 with the wait, nothing on stdout.
    env.emulator.inject_api_faults(Fault::RateLimited { retry_after_secs: 120 }, 1);
    let out = env.run(&["api", "me"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("for 120 s") && out.stdout.is_empty(), "{}", stderr(&out));

    // 5xx: a GET is sent again; a POST is not, since Spotify may have acted on it.
    env.emulator.inject_api_faults(Fault::ServerError, 2);
    let before = requests();
    assert!(env.run(&["api", "me"]).status.success());
    assert_eq!(requests() - before, 3);
    env.emulator.inject_api_faults(Fault::ServerError, 1);
    let before = requests();
    let out = env.run(&["api", "-X", "POST", "users/emu-user/playlists", "-f", "name=Once"]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("HTTP 500"), "{}", stderr(&out));
    assert_eq!(requests() - before, 1, "a POST is never resent");

    // A scope the link lacks: named, with the command that adds it, before or after asking.
    let before = requests();
    let out = env.run(&["api", "me/top/tracks", "--require-scope", "user-top-read"]);
    assert_eq!(out.status.code(), Some(10));
    assert_eq!(requests(), before, "--require-scope decides without asking Spotify");
    let out = env.run(&["api", "me/top/tracks"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("`spotlink link --add-scopes user-top-read`"), "{}", stderr(&out));
    let out = env.run(&["api", "playlists/nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "spotlink: Spotify's Web API answered HTTP 404: Resource not found.\n");

    // Other hosts, other paths on the API's host, and our own Authorization header: refused.
    let before = requests();
    let evil = format!("{}/_emulator/revoke-all", env.emulator.base_url());
    for args in [
        vec!["api", "https://evil.example/v1/me"],
        vec!["api", evil.as_str()],
        vec!["api", "/v1/../_emulator/stats"],
        vec!["api", "me", "-H", "Authorization: Bearer x"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(requests(), before);
    assert_eq!(env.emulator.stats().grants_revoked, 0);
    assert!(stderr(&env.run(&["api", "https://evil.example/v1/me"]))
        .contains("Refusing to send the token to https://evil.example/v1/me"));
}

/// A local HTTPS Web API whose certificate comes from a test CA: `spotlink api` trusts
/// it through the CA's hashed directory (`SSL_CERT_DIR`, as update-ca-certificates keeps
/// /etc/ssl/certs) without reading any CA bundle, and refuses it where that CA is absent.
#[tokio::test(flavor = "multi_thread")]
async fn api_over_tls_finds_the_ca_in_a_hashed_directory_and_reads_no_bundle() {
    let env = Env::start(EmulatorConfig::default()).await;
    assert!(env.link(&[]).await.status.success());
    let dir = env.dir.path();
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(dir).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", stderr(&out));
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=SpotLink test CA",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext",
    ]);
    std::fs::create_dir(dir.join("cas")).unwrap();
    std::fs::copy(dir.join("ca.pem"), dir.join("cas/test-ca.pem")).unwrap();
    openssl(&["rehash", "cas"]);

    // Any GET answers a profile; the token is not checked (this is about TLS).
    let server = r#"
import http.server, json, ssl, sys
class Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"id": "emu-user", "display_name": "Over TLS"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
httpd = http.server.HTTPServer(("127.0.0.1", 0), Api)
tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
tls.load_cert_chain("server.pem", "server.key")
httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
"#;
    let mut python = std::process::Command::new("python3")
        .args(["-c", server])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut port = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(python.stdout.take().unwrap()), &mut port).unwrap();
    let api_url = format!("https://127.0.0.1:{}/v1", port.trim());

    let traced = dir.join("openat.trace");
    let mut cmd = std::process::Command::new("strace");
    cmd.args(["-f", "-e", "trace=openat", "-o"]).arg(&traced).args([
        env!("CARGO_BIN_EXE_spotlink"),
        "api",
        "me",
        "-q",
        ".display_name",
    ]);
    env.environment(&mut cmd);
    // As on a desktop, where no SSL_CERT_FILE is set (a user's own setting is left alone).
    cmd.env_remove("SSL_CERT_FILE");
    let out = cmd.env("SPOTLINK_API_URL", &api_url).env("SSL_CERT_DIR", dir.join("cas")).output().unwrap();
    assert_eq!(stdout(&out), "Over TLS\n", "{}", stderr(&out));
    let opened = std::fs::read_to_string(&traced).unwrap();
    assert!(
        opened.lines().any(|l| l.contains("/cas/") && !l.contains("ENOENT")),
        "the CA came from the hashed directory"
    );
    for bundle in ["ca-certificates.crt", "cert.pem", "ca-bundle.crt"] {
        let reads: Vec<&str> = opened.lines().filter(|l| l.contains(bundle)).collect();
        assert!(reads.is_empty(), "a CA bundle was read: {reads:#?}");
    }

    // Verification is on: with the system's CAs only, the test CA's certificate is refused.
    let mut refused = env.command(&["api", "me"]);
    refused.env_remove("SSL_CERT_FILE").env_remove("SSL_CERT_DIR");
    let out = refused.env("SPOTLINK_API_URL", &api_url).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let _ = python.kill();
    let _ = python.wait();
}
