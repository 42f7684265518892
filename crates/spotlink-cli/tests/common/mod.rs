//! The CLI test harness: the `spotlink` binary as a process, against a real emulator on
//! loopback and the real Secret Service of the session, with its own directories and
//! keychain service. Shared by `cli.rs`, `drills.rs` and `using_the_token.rs`.
// Each test binary that includes this module uses a different part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use spotlink_core::store::{KeyringStore, SecretStore};

pub struct Env {
    pub emulator: EmulatorHandle,
    pub dir: tempfile::TempDir,
    pub service: String,
    /// The D-Bus session bus the `spotlink` processes use, when not the session's own
    /// (a drill's private bus with a keyring daemon it can kill).
    pub bus: Option<String>,
}

impl Env {
    pub async fn start(config: EmulatorConfig) -> Self {
        assert!(
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
            "these tests use the real Secret Service on a private D-Bus session: run them with ./scripts/test"
        );
        let emulator = Emulator::start(config).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let service = format!("spotlink-cli-test-{}-{}", std::process::id(), emulator.port());
        Self { emulator, dir, service, bus: None }
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_spotlink"));
        cmd.args(args);
        self.environment(&mut cmd);
        cmd
    }

    /// Points `cmd` (`spotlink`, or a program that runs it) at this test's emulator,
    /// directories and keychain service.
    pub fn environment(&self, cmd: &mut Command) {
        cmd.env_remove("SPOTLINK_LOG")
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

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `spotlink link --no-browser`, with this test playing the browser.
    pub async fn link(&self, extra: &[&str]) -> Output {
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
        assert!(page.text().await.unwrap().contains("You can close this tab"));
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
        let mut output = child.wait_with_output().unwrap();
        output.stderr = format!("{seen}{rest}").into_bytes();
        output
    }

    pub fn keychain(&self) -> Option<String> {
        let store = KeyringStore::new(self.service.clone());
        std::thread::spawn(move || store.get("emu-user").unwrap().map(|s| s.to_string())).join().unwrap()
    }

    pub async fn me_status(&self, token: &str) -> u16 {
        let url = format!("{}/me", self.emulator.api_url());
        reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().status().as_u16()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let store = KeyringStore::new(self.service.clone());
        let _ = std::thread::spawn(move || store.delete("emu-user")).join();
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
