//! The CLI test harness: the `spotlink` binary as a process, against a real emulator on
//! loopback and the real Secret Service of the session, with its own directories and
//! keychain service. Shared by `cli.rs`, `drills.rs` and `using_the_token.rs`; and by
//! `windows.rs`, where the program is the Windows build (`spotlink.exe`) run by Wine, its
//! keychain Wine's Credential Manager and its directories a Windows user's own.
// Each test binary that includes this module uses a different part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use spotlink_core::store::{KeyringStore, SecretStore};
use test_support::wine::{KeepWineUp, Wine, WineUser};

pub struct Env {
    pub emulator: EmulatorHandle,
    pub dir: tempfile::TempDir,
    pub service: String,
    /// The D-Bus session bus the `spotlink` processes use, when not the session's own
    /// (a drill's private bus with a keyring daemon it can kill).
    pub bus: Option<String>,
    /// `Some`: the program is `spotlink.exe`, run by Wine as this Windows user.
    pub windows: Option<WineUser>,
    /// Keeps Wine's own processes up while a Windows test runs.
    _wine_up: Option<KeepWineUp>,
    /// The `LANG` the `spotlink` processes get (no `LC_*`, no `LANGUAGE`).
    lang: std::sync::Mutex<String>,
}

impl Env {
    pub async fn start(config: EmulatorConfig) -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "these tests use the real Secret Service on a private D-Bus session: run them with ./scripts/test"
        );
        Self::with(config, None).await
    }

    /// The same for the Windows build of `spotlink` (`scripts/cross windows`), run by Wine
    /// against the emulator, which runs natively.
    pub async fn start_windows(config: EmulatorConfig) -> Self {
        let (up, user) = tokio::task::spawn_blocking(|| {
            let wine = Wine::shared();
            (KeepWineUp::start(), wine.new_user())
        })
        .await
        .unwrap();
        let mut env = Self::with(config, Some(user)).await;
        env._wine_up = Some(up);
        env
    }

    async fn with(config: EmulatorConfig, windows: Option<WineUser>) -> Self {
        let emulator = Emulator::start(config).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let service = format!("spotlink-cli-test-{}-{}", std::process::id(), emulator.port());
        let lang = std::sync::Mutex::new("C.UTF-8".to_owned());
        Self { emulator, dir, service, bus: None, windows, _wine_up: None, lang }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = match &self.windows {
            None => Command::new(env!("CARGO_BIN_EXE_spotlink")),
            Some(user) => user.command(&test_support::wine::exe("spotlink")),
        };
        cmd.args(args);
        self.environment(&mut cmd);
        cmd
    }

    /// Where `spotlink` reads its config file.
    pub fn config_file(&self) -> std::path::PathBuf {
        match &self.windows {
            None => self.dir.path().join("config/spotlink/config.toml"),
            Some(user) => user.spotlink_config_dir().join("config.toml"),
        }
    }

    /// The directory `spotlink` keeps its state in.
    pub fn data_dir(&self) -> std::path::PathBuf {
        match &self.windows {
            None => self.dir.path().join("data/spotlink"),
            Some(user) => user.spotlink_data_dir(),
        }
    }

    /// Points `cmd` (`spotlink`, or a program that runs it) at this test's emulator,
    /// directories and keychain service.
    pub fn environment(&self, cmd: &mut Command) {
        // English, whatever the machine's locale, unless the test chose a language.
        cmd.env_remove("SPOTLINK_LOG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env("LANG", &*self.lang.lock().unwrap())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("SPOTLINK_CLIENT_ID", "spotlink-test-client")
            .env("SPOTLINK_ACCOUNTS_URL", self.emulator.accounts_url())
            .env("SPOTLINK_API_URL", self.emulator.api_url())
            .env("SPOTLINK_KEYRING_SERVICE", &self.service)
            .stdin(Stdio::null());
        if let Some(bus) = &self.bus {
            cmd.env("DBUS_SESSION_BUS_ADDRESS", bus);
        }
    }

    /// From now on, the `spotlink` processes run with `LANG=lang` (`ru_RU.UTF-8`).
    pub fn set_lang(&self, lang: &str) {
        *self.lang.lock().unwrap() = lang.to_owned();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `spotlink ARGS` reading `input` on stdin, then the end of input.
    pub fn run_with_input(&self, args: &[&str], input: &[u8]) -> Output {
        let mut child =
            self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), input).unwrap();
        child.wait_with_output().unwrap()
    }

    /// `spotlink link --no-browser`, with this test playing the browser.
    pub async fn link(&self, extra: &[&str]) -> Output {
        let (output, page) = self.link_answering(extra).await;
        assert!(page.contains("You can close this tab"), "{page}");
        output
    }

    /// The same, whatever the answer: the output and the page the loopback listener showed.
    pub async fn link_answering(&self, extra: &[&str]) -> (Output, String) {
        let mut args = vec!["link", "--no-browser", "--timeout", "30"];
        args.extend_from_slice(extra);
        let mut child = self.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut url = String::new();
        let mut seen = String::new();
        while url.is_empty() {
            let mut line = String::new();
            assert!(stderr.read_line(&mut line).unwrap() > 0, "link exited before printing the URL: {seen}");
            seen.push_str(&line);
            if line.starts_with(&self.emulator.accounts_url()) {
                url = line.trim().to_owned();
            }
        }
        let page = reqwest::get(&url).await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
        let mut output = child.wait_with_output().unwrap();
        output.stderr = format!("{seen}{rest}").into_bytes();
        (output, page)
    }

    pub fn keychain(&self) -> Option<String> {
        self.keychain_of("emu-user")
    }

    /// The keychain entry of `account`.
    pub fn keychain_of(&self, account: &str) -> Option<String> {
        if let Some(user) = &self.windows {
            return user.keychain_get(&self.service, account);
        }
        let store = KeyringStore::new(self.service.clone());
        let account = account.to_owned();
        std::thread::spawn(move || store.get(&account).unwrap().map(|s| s.to_string())).join().unwrap()
    }

    /// The Spotify user id `/v1/me` answers for `token`.
    pub async fn me_id(&self, token: &str) -> String {
        let url = format!("{}/me", self.emulator.api_url());
        let me: serde_json::Value =
            reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().json().await.unwrap();
        me["id"].as_str().unwrap_or_default().to_owned()
    }

    pub async fn me_status(&self, token: &str) -> u16 {
        let url = format!("{}/me", self.emulator.api_url());
        reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().status().as_u16()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some(user) = &self.windows {
            return user.keychain_delete(&self.service, "emu-user");
        }
        // Every account a test linked (the Secret Service lists them).
        let store = KeyringStore::new(self.service.clone());
        let _ = std::thread::spawn(move || {
            for account in store.accounts().unwrap_or_default().into_iter().chain(["emu-user".to_owned()]) {
                let _ = store.delete(&account);
            }
        })
        .join();
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
