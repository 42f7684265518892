//! One scenario's Windows SpotLink: the emulator (native), a Windows user of its own in
//! the shared Wine prefix, `spotlink-app.exe` and `spotlink.exe` run by Wine with the
//! emulator's URLs, a keychain service of their own and a log, and the X11 display of
//! the session (Xvfb) for the tray and the dialogs Wine draws.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use test_support::processes::{command_line, kill, processes_with_env, wait_until_gone};
use test_support::wine::{exe, KeepWineUp, Wine, WineUser};

/// How long a step may take under Wine before the scenario fails.
pub const STEP: Duration = Duration::from_secs(30);

pub struct WinApp {
    pub emulator: EmulatorHandle,
    pub user: WineUser,
    pub service: String,
    pub dir: tempfile::TempDir,
    app: Option<Child>,
    /// Dropped last: Wine's own processes stay up while the scenario runs.
    _up: KeepWineUp,
}

impl WinApp {
    pub async fn start_emulator(config: EmulatorConfig) -> Self {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the Windows app scenarios draw on an X display: run them with scripts/in-session (scripts/test does)"
        );
        let (up, user) = tokio::task::spawn_blocking(|| {
            let wine = Wine::shared();
            (KeepWineUp::start(), wine.new_user())
        })
        .await
        .unwrap();
        let emulator = Emulator::start(config).await.unwrap();
        let service = format!("spotlink-win-app-{}-{}", std::process::id(), emulator.port());
        let dir = tempfile::tempdir().unwrap();
        Self { emulator, user, service, dir, app: None, _up: up }
    }

    /// A command for one of SpotLink's Windows programs (`spotlink`, `spotlink-app`).
    pub fn command(&self, program: &str) -> Command {
        self.wine(&exe(program))
    }

    /// `wine PROGRAM` for this scenario's Windows user, pointed at its emulator and
    /// keychain service, on the session's display.
    pub fn wine(&self, program: &Path) -> Command {
        let mut cmd = self.user.command(program);
        cmd.env("DISPLAY", std::env::var_os("DISPLAY").unwrap())
            .env("SPOTLINK_CLIENT_ID", "spotlink-test-client")
            .env("SPOTLINK_ACCOUNTS_URL", self.emulator.accounts_url())
            .env("SPOTLINK_API_URL", self.emulator.api_url())
            .env("SPOTLINK_KEYRING_SERVICE", &self.service)
            .env("SPOTLINK_LOG", "info")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    /// `spotlink.exe ARGS` for this scenario.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command("spotlink").args(args).output().unwrap()
    }

    /// Links the emulator's user with `spotlink.exe link` (loopback), the test loading
    /// the authorize page.
    pub async fn link_with_cli(&self) {
        let mut child = self
            .command("spotlink")
            .args(["link", "--no-browser", "--timeout", "60"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let accounts = self.emulator.accounts_url();
        // The reader stays open to the end: a closed stderr would end the command.
        let (url, mut stderr) = tokio::task::spawn_blocking(move || {
            use std::io::BufRead;
            let mut reader = std::io::BufReader::new(stderr);
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap() > 0 {
                if line.starts_with(&accounts) {
                    return (line.trim().to_owned(), reader);
                }
                line.clear();
            }
            panic!("spotlink.exe link printed no authorize URL");
        })
        .await
        .unwrap();
        assert_eq!(reqwest::get(url).await.unwrap().status(), 200, "windows link: the loopback page");
        let out = tokio::task::spawn_blocking(move || {
            std::io::Read::read_to_string(&mut stderr, &mut String::new()).unwrap();
            child.wait_with_output().unwrap()
        })
        .await
        .unwrap();
        assert!(out.status.success(), "windows link: {}", String::from_utf8_lossy(&out.stdout));
    }

    /// Starts `spotlink-app.exe ARGS`, its output going to the scenario's log.
    pub fn start_app(&mut self, args: &[&str]) {
        let log = File::create(self.log_path()).unwrap();
        let child =
            self.command("spotlink-app").args(args).stdout(log.try_clone().unwrap()).stderr(log).spawn().unwrap();
        self.app = Some(child);
    }

    /// The app's pid while it runs (`None` once it exited).
    pub fn app_running(&mut self) -> bool {
        self.app.as_mut().is_some_and(|child| child.try_wait().unwrap().is_none())
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("app.log")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// Waits until the app's log holds `text`.
    pub async fn wait_log(&self, text: &str, what: &str) {
        self.eventually(what, || self.log().contains(text)).await;
    }

    /// Waits (up to [`STEP`]) for `done`; fails the scenario naming `what` and the log.
    pub async fn eventually(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + STEP;
        while !done() {
            assert!(Instant::now() < deadline, "windows: timed out waiting for {what}; the app's log:\n{}", self.log());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The raw keychain record of the emulator's user in this scenario's service.
    pub fn keychain(&self) -> Option<String> {
        self.user.keychain_get(&self.service, "emu-user")
    }
}

impl Drop for WinApp {
    fn drop(&mut self) {
        // The app, a second instance and Wine's `start` carry this scenario's Windows
        // user. So may Wine's own processes (wineserver, explorer.exe), which the first
        // Wine program of any test starts and every other test shares: they stay.
        let mine = format!("USER={}", self.user.name);
        for _ in 0..10 {
            let ours: Vec<u32> = processes_with_env(&mine)
                .into_iter()
                .filter(|&pid| {
                    command_line(pid).is_some_and(|line| line.contains("spotlink") || line.contains("start.exe"))
                })
                .collect();
            if ours.is_empty() {
                break;
            }
            kill(&ours);
            wait_until_gone(&ours);
        }
        self.user.keychain_delete(&self.service, "emu-user");
    }
}
