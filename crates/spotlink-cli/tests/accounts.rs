//! Several Spotify accounts on one computer, and `spotlink link --remote`: the `spotlink`
//! binary as processes, the real Secret Service, the emulator with several users.

mod common;

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Output, Stdio};
use std::time::Duration;

use common::{stderr, stdout, Env};
use spotify_emulator::{EmulatorConfig, Rotation, User};

fn two_users() -> EmulatorConfig {
    EmulatorConfig { other_users: vec![User::named("emu-friend", "Emu Friend")], ..EmulatorConfig::default() }
}

/// Links emu-user, then emu-friend (the emulator's browser signed in as each in turn).
async fn link_both(env: &Env) {
    let first = env.link(&["--scopes", "user-read-email"]).await;
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(env.emulator.sign_in_as("emu-friend"));
    let second = env.link(&["--scopes", "user-read-email,user-top-read"]).await;
    assert!(second.status.success(), "{}", stderr(&second));
    let said = stdout(&second);
    assert!(said.contains("Linked Spotify account Emu Friend (emu-friend)"), "{said}");
    assert!(said.contains("added beside Emu Listener") && said.contains("active account now"), "{said}");
}

fn status_json(env: &Env, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", "--json"];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

async fn token_of(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["token"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert!(out.status.success(), "token {args:?}: {}", stderr(&out));
    env.me_id(stdout(&out).trim_end()).await
}

#[tokio::test(flavor = "multi_thread")]
async fn two_accounts_are_linked_side_by_side_and_chosen_per_command() {
    let env = Env::start(two_users()).await;
    link_both(&env).await;
    let user_entry = env.keychain_of("emu-user").expect("the first account's entry is kept");

    // The account just linked is active; status lists both.
    let json = status_json(&env, &[]);
    assert_eq!(json["account"]["id"], "emu-friend", "top-level fields: the active account");
    let accounts = json["accounts"].as_array().unwrap();
    let listed: Vec<(&str, bool)> =
        accounts.iter().map(|a| (a["id"].as_str().unwrap(), a["active"].as_bool().unwrap())).collect();
    assert_eq!(listed, [("emu-user", false), ("emu-friend", true)]);
    for account in accounts {
        assert_eq!(account["link_health"], "ok", "{account}");
        assert!(account["link_expires_at"].as_str().is_some() && account["display_name"].as_str().is_some());
    }
    let human = stdout(&env.run(&["status"]));
    assert!(human.contains("Linked to Spotify as Emu Friend (emu-friend)"), "{human}");
    assert!(human.contains("  Emu Listener (emu-user)") && human.contains("* Emu Friend (emu-friend)"), "{human}");

    // Each command picks an account without switching: --account, by id or by a unique
    // display name, and SPOTLINK_ACCOUNT.
    assert_eq!(token_of(&env, &[]).await, "emu-friend");
    assert_eq!(token_of(&env, &["--account", "emu-user"]).await, "emu-user");
    assert_eq!(token_of(&env, &["--account", "emu listener"]).await, "emu-user");
    let by_env = env.command(&["token"]).env("SPOTLINK_ACCOUNT", "emu-user").output().unwrap();
    assert_eq!(env.me_id(stdout(&by_env).trim_end()).await, "emu-user");
    assert_eq!(status_json(&env, &["--account", "emu-user"])["account"]["id"], "emu-user");
    let api = env.run(&["api", "me", "--account", "emu-user", "-q", ".id"]);
    assert_eq!(stdout(&api).trim(), "emu-user", "{}", stderr(&api));
    let scopes = env.run(&["scopes", "--json", "--account", "emu-friend"]);
    assert!(stdout(&scopes).contains("user-top-read"), "{}", stdout(&scopes));
    assert_eq!(status_json(&env, &[])["account"]["id"], "emu-friend", "nothing switched");

    // An account that is not linked: exit 3, the sentence names the linked ones.
    for out in [
        env.run(&["token", "--account", "nobody"]),
        env.command(&["status"]).env("SPOTLINK_ACCOUNT", "nobody").output().unwrap(),
        env.run(&["switch", "nobody"]),
        env.run(&["unlink", "--account", "nobody"]),
    ] {
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert_eq!(
            stderr(&out),
            "spotlink: No linked Spotify account is called nobody; the linked accounts are \
             Emu Listener (emu-user), Emu Friend (emu-friend).\n"
        );
    }
    assert_eq!(status_json(&env, &[])["account"]["id"], "emu-friend", "an unknown account changes nothing");

    // Refreshing one account never touches the other's entry.
    let friend_entry = env.keychain_of("emu-friend").unwrap();
    let refreshes = env.emulator.stats().refreshes;
    let out = env.run(&["refresh", "--account", "emu-user"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.emulator.stats().refreshes, refreshes + 1);
    assert_ne!(env.keychain_of("emu-user").unwrap(), user_entry, "the refreshed account's entry changed");
    assert_eq!(env.keychain_of("emu-friend").unwrap(), friend_entry, "the other account's entry did not");

    // switch: by name, and with two accounts and no name, the other one.
    let out = env.run(&["switch", "emu-user"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Switched to Emu Listener (emu-user)"), "{}", stdout(&out));
    assert_eq!(token_of(&env, &[]).await, "emu-user");
    assert!(env.run(&["switch"]).status.success());
    assert_eq!(status_json(&env, &[])["account"]["id"], "emu-friend");

    // Relinking one account replaces only its link.
    let user_entry = env.keychain_of("emu-user").unwrap();
    let out = env.link(&["--scopes", "user-read-email,streaming"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("renewed beside Emu Listener"), "{}", stdout(&out));
    assert_eq!(env.keychain_of("emu-user").unwrap(), user_entry, "the other account is untouched");
    assert_eq!(status_json(&env, &[])["accounts"].as_array().unwrap().len(), 2, "still two accounts");

    // Unlinking one keeps the other, which becomes active; --all unlinks every one.
    let out = env.run(&["unlink"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Emu Friend is unlinked"), "{}", stdout(&out));
    assert!(stderr(&out).contains("Emu Listener (emu-user) is the active account now"), "{}", stderr(&out));
    assert!(env.keychain_of("emu-friend").is_none());
    assert_eq!(token_of(&env, &[]).await, "emu-user");
    assert!(env.emulator.sign_in_as("emu-friend"));
    assert!(env.link(&[]).await.status.success());
    let out = env.run(&["unlink", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("2 accounts are unlinked"), "{}", stdout(&out));
    assert!(env.keychain_of("emu-user").is_none() && env.keychain_of("emu-friend").is_none());
    assert!(!env.data_dir().join("state.json").exists());
    assert_eq!(env.run(&["token"]).status.code(), Some(3));
}

/// A link made by single-account SpotLink (its state file names one account) is found
/// and kept as the active account, with no new sign-in.
#[tokio::test(flavor = "multi_thread")]
async fn a_single_account_link_of_the_previous_version_is_kept_as_the_active_account() {
    let env = Env::start(two_users()).await;
    assert!(env.link(&["--scopes", "user-read-email,user-read-private"]).await.status.success());
    // The state file exactly as single-account SpotLink wrote it (serde_json's pretty
    // printing of {account_id, requested, notified}).
    let old = "{\n  \"account_id\": \"emu-user\",\n  \"requested\": [\n    \"user-read-email\",\n    \
               \"user-read-private\"\n  ],\n  \"notified\": {\n    \"authorized_at\": 1,\n    \"given\": []\n  }\n}";
    std::fs::write(env.data_dir().join("state.json"), old).unwrap();
    let authorizations = env.emulator.stats().authorizations;

    assert_eq!(token_of(&env, &[]).await, "emu-user");
    let json = status_json(&env, &[]);
    assert_eq!(json["account"]["id"], "emu-user");
    assert_eq!(json["requested_scopes"], serde_json::json!(["user-read-email", "user-read-private"]));
    assert_eq!(json["accounts"][0]["active"], true);

    // Adding a second account keeps it, and the file is written in the new form.
    assert!(env.emulator.sign_in_as("emu-friend"));
    assert!(env.link(&[]).await.status.success());
    assert_eq!(token_of(&env, &["--account", "emu-user"]).await, "emu-user");
    assert_eq!(env.emulator.stats().authorizations, authorizations + 1, "only the new account signed in");
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.data_dir().join("state.json")).unwrap()).unwrap();
    assert_eq!(state["account_id"], "emu-friend");
    assert_eq!(state["accounts"][0]["id"], "emu-user");
    assert_eq!(state["accounts"][0]["requested"], serde_json::json!(["user-read-email", "user-read-private"]));
}

/// The state file lost or damaged: the keychain entries are kept; a damaged file says how
/// to recover, and once it is gone the links are found again.
#[tokio::test(flavor = "multi_thread")]
async fn links_survive_a_damaged_or_lost_state_file() {
    let env = Env::start(two_users()).await;
    link_both(&env).await;
    let state = env.data_dir().join("state.json");
    std::fs::write(&state, "{\"account_id\": ").unwrap();
    let out = env.run(&["status"]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("state.json") && stderr(&out).contains("spotlink switch ACCOUNT"),
        "{}",
        stderr(&out)
    );
    assert!(env.keychain_of("emu-user").is_some() && env.keychain_of("emu-friend").is_some(), "entries kept");

    std::fs::remove_file(&state).unwrap();
    let out = env.run(&["switch", "emu-friend"]);
    assert!(out.status.success(), "an entry the state file does not list is taken up: {}", stderr(&out));
    let json = status_json(&env, &[]);
    let ids: Vec<&str> = json["accounts"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["emu-friend", "emu-user"], "the other entry is found and offered too");
    assert_eq!(json["account"]["id"], "emu-friend");

    std::fs::remove_file(&state).unwrap();
    assert_eq!(token_of(&env, &[]).await, "emu-friend", "with no state file, `token` finds a link too");
}

/// Two accounts, six processes each asking for a token at once after both tokens
/// expired, on a server that rotates refresh tokens and revokes on reuse: one refresh
/// per account, no replay, each process gets its account's token.
#[tokio::test(flavor = "multi_thread")]
async fn concurrent_refreshes_of_two_accounts_on_a_rotating_server() {
    let env =
        Env::start(EmulatorConfig { rotation: Rotation::On, access_ttl: Duration::from_secs(2), ..two_users() }).await;
    link_both(&env).await;
    tokio::time::sleep(Duration::from_millis(2200)).await;
    env.emulator.set_access_ttl(Duration::from_secs(3600));
    let refreshes = env.emulator.stats().refreshes;

    let children: Vec<_> = (0..12)
        .map(|i| {
            let account = if i % 2 == 0 { "emu-user" } else { "emu-friend" };
            let mut command = env.command(&["token", "--account", account]);
            (account, command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        })
        .collect();
    let mut tokens = std::collections::BTreeMap::<&str, Vec<String>>::new();
    for (account, child) in children {
        let out: Output = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{account}: {}", stderr(&out));
        tokens.entry(account).or_default().push(stdout(&out).trim_end().to_owned());
    }
    for (account, list) in &tokens {
        assert!(list.windows(2).all(|w| w[0] == w[1]), "{account}: one token for all six");
        assert_eq!(env.me_id(&list[0]).await, *account, "each process got its account's token");
    }
    let stats = env.emulator.stats();
    assert_eq!(stats.replays_detected, 0, "no refresh token replayed");
    assert_eq!(stats.grants_revoked, 0);
    assert_eq!(stats.refreshes, refreshes + 2, "one refresh per account");
}

/// `spotlink link --remote` as its process: prints the address, reads the pasted answer.
struct Remote {
    child: std::process::Child,
    url: String,
    seen: String,
}

impl Remote {
    fn start(env: &Env) -> Self {
        let mut child = env
            .command(&["link", "--remote"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let (mut url, mut seen) = (String::new(), String::new());
        while !seen.contains("paste it here") {
            let mut line = String::new();
            assert!(stderr.read_line(&mut line).unwrap() > 0, "link --remote exited early: {seen}");
            if line.starts_with(&env.emulator.accounts_url()) {
                url = line.trim().to_owned();
            }
            seen.push_str(&line);
        }
        // The rest of stderr is read when the process ends.
        child.stderr = Some(stderr.into_inner());
        Self { child, url, seen }
    }

    /// What the other device's browser ends on: the redirect Spotify sends it to.
    async fn answer(&self) -> String {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let response = client.get(&self.url).send().await.unwrap();
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    fn paste_and_finish(mut self, lines: &[&str]) -> Output {
        let mut stdin = self.child.stdin.take().unwrap();
        for line in lines {
            writeln!(stdin, "{line}").unwrap();
        }
        drop(stdin);
        let mut out = self.child.wait_with_output().unwrap();
        out.stderr = format!("{}{}", self.seen, stderr(&out)).into_bytes();
        out
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn link_remote_takes_the_pasted_address_and_refuses_anything_else() {
    let env = Env::start(EmulatorConfig {
        client_ids: vec!["spotlink-test-client".into(), "another-client".into()],
        ..EmulatorConfig::default()
    })
    .await;

    // Garbage, then a forged state, then the real answer: the first two are refused with
    // a sentence each, the third links.
    let remote = Remote::start(&env);
    assert!(remote.seen.contains("cannot load the page: this is expected"), "{}", remote.seen);
    assert!(remote.seen.contains("ssh -L"), "the port-forward alternative is named: {}", remote.seen);
    let answer = remote.answer().await;
    assert!(answer.starts_with("http://127.0.0.1:") && answer.contains("/callback?code="), "{answer}");
    let state = answer.split("state=").nth(1).unwrap().to_owned();
    let forged = answer.replace(&state, "forged-state");
    let out = remote.paste_and_finish(&["not an address", &forged, &answer]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("is not an address starting with http://127.0.0.1:"), "{said}");
    assert!(said.contains("(state mismatch)"), "{said}");
    assert!(stdout(&out).contains("Linked Spotify account Emu Listener (emu-user)"), "{}", stdout(&out));
    let linked = env.keychain().unwrap();

    // A forged answer and then the end of input: nothing linked, exit 8, the link kept.
    let remote = Remote::start(&env);
    let forged = remote.answer().await.replace("state=", "state=x");
    let out = remote.paste_and_finish(&[&forged]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(stderr(&out).trim_end().ends_with("nothing was linked."), "{}", stderr(&out));
    assert_eq!(env.keychain().unwrap(), linked, "the stored link is untouched");

    // Plain garbage: the same.
    let out = Remote::start(&env).paste_and_finish(&["garbage"]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert_eq!(env.keychain().unwrap(), linked);

    // Another client's code with this sign-in's state: Spotify refuses the exchange.
    let remote = Remote::start(&env);
    let url = url::Url::parse(&remote.url).unwrap();
    let mut other = url.clone();
    other.query_pairs_mut().clear().extend_pairs(url.query_pairs().map(|(k, v)| {
        let v = if k == "client_id" { "another-client".into() } else { v };
        (k, v)
    }));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let theirs = client.get(other).send().await.unwrap().headers()["location"].to_str().unwrap().to_owned();
    let out = remote.paste_and_finish(&[&theirs]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(stderr(&out).contains("Spotify rejected this sign-in"), "{}", stderr(&out));
    assert_eq!(env.keychain().unwrap(), linked);
}
