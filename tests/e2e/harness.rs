//! One scenario's world: a Spotify emulator in this process, private XDG
//! directories, a keychain service of its own, the fake browser, and the app
//! under WebDriver. Quitting the app, and dropping the scenario, also kill
//! whatever the scenario started that still runs (a browser or an opener
//! midway through a sign-in, an app the OS started for a link), so nothing
//! holds the single-instance name for the next scenario. Dropping it removes
//! the keychain entry;
//! after a failure it prints what the fake browser, the app and the emulator
//! did, and keeps the directory for a look.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::{json, Value};
use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle, LogEntry};
use spotlink_core::store::{KeyringStore, SecretStore, PENDING_ENTRY};
use tempfile::TempDir;
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::driver::{command_name, environment, kill, kill_all_with_env, processes_with_env, DrivenApp, UI_TIMEOUT};

/// The client ID the emulator registers by default.
pub const CLIENT_ID: &str = "spotlink-test-client";
/// The emulated user's Spotify ID: the keychain account of the link.
pub const ACCOUNT_ID: &str = "emu-user";
/// The emulated user's display name.
pub const DISPLAY_NAME: &str = "Emu Listener";

/// How the fake browser hands the `spotlink://` redirect back to the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    XdgOpen,
    Gio,
}

impl Opener {
    fn env_value(self) -> &'static str {
        match self {
            Opener::XdgOpen => "xdg-open",
            Opener::Gio => "gio",
        }
    }

    fn command(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Opener::XdgOpen => ("xdg-open", &[]),
            Opener::Gio => ("gio", &["open"]),
        }
    }
}

/// What a scenario needs from its world.
pub struct Options {
    pub emulator: EmulatorConfig,
    pub opener: Opener,
    /// `None` starts the app with no client ID (the setup screen).
    pub client_id: Option<&'static str>,
    /// Hold every sign-in "in the browser" until [`E2e::release_browser`].
    pub hold_browser: bool,
    /// `false`: the fake browser records Spotify's answer but does not hand it
    /// over; the test does (see [`E2e::redirects`]).
    pub deliver: bool,
    /// `SPOTLINK_LOG` for the app.
    pub log_level: &'static str,
    /// More environment for the app.
    pub env: Vec<(&'static str, &'static str)>,
    /// Variables the app must not inherit from the test's environment (`LC_ALL`, to test `LANG`).
    pub unset: Vec<&'static str>,
    /// The app to run: the one cargo built, or an installed one (`/usr/bin/spotlink-app`).
    pub binary: &'static str,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            emulator: EmulatorConfig::default(),
            opener: Opener::XdgOpen,
            client_id: Some(CLIENT_ID),
            hold_browser: false,
            deliver: true,
            log_level: "debug",
            env: Vec::new(),
            unset: Vec::new(),
            binary: crate::driver::APP_BINARY,
        }
    }
}

/// One app instance per D-Bus session at a time (single-instance plugin), also
/// when the tests run as threads of one process under plain `cargo test`.
fn serial() -> Arc<Mutex<()>> {
    static LOCK: OnceLock<Arc<Mutex<()>>> = OnceLock::new();
    Arc::clone(LOCK.get_or_init(|| Arc::new(Mutex::new(()))))
}

pub struct E2e {
    emulator: Option<EmulatorHandle>,
    accounts_url: String,
    api_url: String,
    dir: Option<TempDir>,
    root: PathBuf,
    service: String,
    opts: Options,
    app: Option<DrivenApp>,
    launches: u32,
    _serial: OwnedMutexGuard<()>,
}

impl E2e {
    /// Starts the emulator and prepares the directories; the app is not running yet.
    pub async fn start(opts: Options) -> Self {
        for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS"] {
            assert!(
                std::env::var_os(var).is_some(),
                "{var} is not set: the end-to-end tests need a display, a D-Bus session and a Secret Service; run them with scripts/in-session (scripts/test does)"
            );
        }
        let serial = serial().lock_owned().await;
        refuse_an_app_left_running();
        let emulator = Emulator::start(opts.emulator.clone()).await.expect("the emulator starts");
        let dir = tempfile::Builder::new().prefix("spotlink-e2e-").tempdir().expect("a temp dir");
        let root = dir.path().to_owned();
        for sub in ["config", "data/applications", "cache"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        register_fake_browser(&root);
        let service = format!("spotlink-e2e-{}-{}", std::process::id(), emulator.port());
        Self {
            accounts_url: emulator.accounts_url(),
            api_url: emulator.api_url(),
            emulator: Some(emulator),
            dir: Some(dir),
            root,
            service,
            opts,
            app: None,
            launches: 0,
            _serial: serial,
        }
    }

    /// The running emulator.
    pub fn emulator(&self) -> &EmulatorHandle {
        self.emulator.as_ref().expect("the emulator is running")
    }

    /// Stops the emulator: from now on Spotify is unreachable for the app.
    pub async fn stop_emulator(&mut self) {
        if let Some(emulator) = self.emulator.take() {
            emulator.shutdown().await;
        }
    }

    /// The environment the app, the fake browser and the deep-link openers share.
    fn session_env(&self) -> Vec<(String, String)> {
        let browser = fake_browser();
        let mut env = vec![
            ("XDG_CONFIG_HOME", self.root.join("config").display().to_string()),
            ("XDG_DATA_HOME", self.root.join("data").display().to_string()),
            ("XDG_CACHE_HOME", self.root.join("cache").display().to_string()),
            ("SPOTLINK_ACCOUNTS_URL", self.accounts_url.clone()),
            ("SPOTLINK_API_URL", self.api_url.clone()),
            ("SPOTLINK_KEYRING_SERVICE", self.service.clone()),
            ("SPOTLINK_LOG", self.opts.log_level.into()),
            ("BROWSER", browser.display().to_string()),
            ("SPOTLINK_E2E_OPENER", self.opts.opener.env_value().into()),
            ("SPOTLINK_E2E_BROWSER_LOG", self.browser_log_path().display().to_string()),
            ("SPOTLINK_E2E_BROWSER_REDIRECTS", self.root.join("redirects.txt").display().to_string()),
        ];
        if let Some(id) = self.opts.client_id {
            env.push(("SPOTLINK_CLIENT_ID", id.into()));
        }
        env.extend(self.opts.env.iter().map(|&(k, v)| (k, v.to_owned())));
        if !self.opts.deliver {
            env.push(("SPOTLINK_E2E_BROWSER_DELIVER", "0".into()));
        }
        if self.opts.hold_browser {
            env.push(("SPOTLINK_E2E_BROWSER_GATE", self.gate_path().display().to_string()));
        }
        env.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    fn removed_env(&self) -> Vec<&'static str> {
        let mut removed = vec!["SPOTLINK_CONFIG", "SPOTLINK_E2E_BROWSER_GATE", "SPOTLINK_E2E_BROWSER_DELIVER"];
        if self.opts.client_id.is_none() {
            removed.push("SPOTLINK_CLIENT_ID");
        }
        removed.extend(&self.opts.unset);
        removed
    }

    /// Starts the app and waits until its window shows a screen.
    pub async fn launch(&mut self) {
        self.launch_with_args(&[]).await;
    }

    /// Starts the app with command-line arguments (as the OS does for a
    /// deep link when no instance runs) and waits until it shows a screen.
    pub async fn launch_with_args(&mut self, args: &[&str]) {
        assert!(self.app.is_none(), "the app is already running");
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        self.launches += 1;
        let log = self.root.join(format!("app-{}.log", self.launches));
        let env = self.session_env();
        match DrivenApp::launch(self.opts.binary, &env, &self.removed_env(), &args, &log).await {
            Ok(app) => self.app = Some(app),
            Err(e) => self.fail(&format!("cannot start the app: {e}")).await,
        }
        self.wait_for(
            "the window to show a screen",
            "const s = document.getElementById('screen'); return s && s.dataset.screen && s.dataset.screen !== 'loading' ? s.dataset.screen : null;",
            vec![],
        )
        .await;
    }

    /// Quits the app (ends the WebDriver session) and waits until it is gone.
    pub async fn quit(&mut self) {
        if let Some(app) = self.app.take() {
            app.quit().await;
        }
        self.kill_leftovers();
    }

    /// The environment entry every process of this scenario inherits: the
    /// driver, the app, the browser, the openers and whatever they start.
    pub fn marker(&self) -> String {
        format!("XDG_DATA_HOME={}", self.root.join("data").display())
    }

    /// Kills whatever of this scenario still runs once the driven app is gone.
    fn kill_leftovers(&self) {
        let killed = kill_all_with_env(&self.marker());
        if !killed.is_empty() {
            eprintln!("e2e: killed what the scenario still ran after the app: {}", killed.join(", "));
        }
    }

    /// Quits the app; call at the end of a scenario that passed.
    pub async fn finish(mut self) {
        self.quit().await;
    }

    pub fn app(&self) -> &DrivenApp {
        self.app.as_ref().expect("the app is running: call launch() first")
    }

    // --- The window --------------------------------------------------------

    /// Fails the test with `what`, the window's state and every log.
    pub async fn fail<T>(&self, what: &str) -> T {
        let window = match &self.app {
            Some(app) => window_state(app).await,
            None => "(the app is not running)".into(),
        };
        panic!("{what}\n\n--- window ---\n{window}\n{}", self.logs());
    }

    /// Waits until `script` returns something truthy, or fails the test.
    pub async fn wait_for(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        match self.app().wait_for(script, args, UI_TIMEOUT).await {
            Ok(v) => v,
            Err(e) => self.fail(&format!("timed out waiting for {what}: {e}")).await,
        }
    }

    /// The screen shown now (`data-screen`).
    pub async fn screen(&self) -> String {
        let v = self.js("return document.getElementById('screen')?.dataset.screen ?? null;", vec![]).await;
        v.as_str().unwrap_or("").to_owned()
    }

    /// Waits until the window shows `screen`; fails at once on one of the
    /// UI's problem screens (no bridge to the app, a broken view).
    pub async fn expect_screen(&self, screen: &str) {
        let shown = self
            .wait_for(
                &format!("the {screen:?} screen"),
                "const s = document.getElementById('screen')?.dataset.screen;
                 return s === arguments[0] || ['unavailable', 'broken', 'unknown'].includes(s) ? s : null;",
                vec![json!(screen)],
            )
            .await;
        if shown != json!(screen) {
            self.fail::<()>(&format!("waiting for the {screen:?} screen, the window shows the problem screen {shown}"))
                .await;
        }
    }

    /// Waits until an element matching `css` exists and is displayed.
    pub async fn expect_visible(&self, css: &str) {
        self.wait_for(
            &format!("{css} to be visible"),
            "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';",
            vec![json!(css)],
        )
        .await;
    }

    /// Runs `script` in the window or fails the test.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        match self.app().js(script, args).await {
            Ok(v) => v,
            Err(e) => self.fail(&e).await,
        }
    }

    /// Brings the element matching `css` to the middle of the window, as a user scrolls
    /// to what they are about to use. WebKitWebDriver scrolls only an element that is
    /// wholly out of view; one cut by the window's edge with its centre outside is then
    /// "not interactable" (the pseudo-language's longer texts put buttons there).
    async fn scroll_to(&self, css: &str) {
        self.js("document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });", vec![json!(css)]).await;
    }

    /// Clicks the element matching `css` (waiting until it is visible first).
    pub async fn click(&self, css: &str) {
        self.expect_visible(css).await;
        self.scroll_to(css).await;
        if let Err(e) = self.app().click(css).await {
            self.fail::<()>(&e).await;
        }
    }

    /// Types `text` into the field matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.expect_visible(css).await;
        self.scroll_to(css).await;
        if let Err(e) = self.app().type_into(css, text).await {
            self.fail::<()>(&e).await;
        }
    }

    /// `textContent` of the element matching `css`, trimmed (`None`: no such element).
    pub async fn text(&self, css: &str) -> Option<String> {
        let v = self.js("return document.querySelector(arguments[0])?.textContent ?? null;", vec![json!(css)]).await;
        v.as_str().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// An attribute of the element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let v = self
            .js(
                "return document.querySelector(arguments[0])?.getAttribute(arguments[1]) ?? null;",
                vec![json!(css), json!(name)],
            )
            .await;
        v.as_str().map(str::to_owned)
    }

    /// `data-scope` of every item of the list with this id.
    pub async fn scope_list(&self, id: &str) -> Vec<String> {
        let v = self
            .js(
                "const l = document.getElementById(arguments[0]); return l ? [...l.querySelectorAll('li[data-scope]')].map(li => li.dataset.scope) : null;",
                vec![json!(id)],
            )
            .await;
        match v {
            Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect(),
            _ => self.fail(&format!("no #{id} list in the window")).await,
        }
    }

    /// Saves a screenshot as `<name>.png` into `$SPOTLINK_E2E_SCREENSHOTS`
    /// (relative to the repository), and only when that is set. `name` may name a
    /// folder too (`ru/linked`).
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("SPOTLINK_E2E_SCREENSHOTS") else {
            return;
        };
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(format!("{name}.png"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        // WebKitWebDriver's first snapshot in a session can show an earlier
        // paint (the "Loading…" page): shoot until two in a row agree.
        let mut last: Option<Vec<u8>> = None;
        for _ in 0..6 {
            tokio::time::sleep(Duration::from_millis(150)).await;
            // WebKitWebDriver takes the snapshot after the page's next paint; without GPU
            // compositing an idle page does not paint again, so schedule a repaint that
            // lands once the request is waiting (opacity 0.9999 rounds to the same pixels).
            let nudge = "for (const ms of [100, 400, 1500]) setTimeout(() => { \
                const s = document.body.style; s.opacity = s.opacity ? '' : '0.9999'; }, ms);";
            if let Err(e) = self.app().js(nudge, vec![]).await {
                return self.fail(&e).await;
            }
            let png = match tokio::time::timeout(Duration::from_secs(10), self.app().screenshot()).await {
                Ok(Ok(png)) => png,
                Ok(Err(e)) => return self.fail(&e).await,
                Err(_) => return self.fail("WebKitWebDriver took no screenshot within 10 s").await,
            };
            if last.as_ref() == Some(&png) {
                break;
            }
            last = Some(png);
        }
        std::fs::write(file, last.unwrap()).unwrap();
    }

    // --- The fake browser and deep links -----------------------------------

    fn browser_log_path(&self) -> PathBuf {
        self.root.join("browser.log")
    }

    fn gate_path(&self) -> PathBuf {
        self.root.join("browser-gate")
    }

    /// What the fake browser did so far.
    pub fn browser_log(&self) -> String {
        std::fs::read_to_string(self.browser_log_path()).unwrap_or_default()
    }

    /// Waits until the fake browser's log contains `needle`.
    pub async fn wait_browser_log(&self, needle: &str) {
        let deadline = std::time::Instant::now() + UI_TIMEOUT;
        while !self.browser_log().contains(needle) {
            if std::time::Instant::now() > deadline {
                return self.fail(&format!("the fake browser's log never said {needle:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every redirect the fake browser handed to the desktop, in full.
    pub fn redirects(&self) -> Vec<String> {
        std::fs::read_to_string(self.root.join("redirects.txt"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Everything the driver, WebKitWebDriver and the app printed, all launches.
    pub fn app_output(&self) -> String {
        (1..=self.launches)
            .map(|n| std::fs::read_to_string(self.root.join(format!("app-{n}.log"))).unwrap_or_default())
            .collect()
    }

    /// What the driver and the app printed since the last launch.
    #[allow(dead_code)] // for the reminder scenarios (tests/e2e/reminders.rs)
    pub fn last_launch_output(&self) -> String {
        std::fs::read_to_string(self.root.join(format!("app-{}.log", self.launches))).unwrap_or_default()
    }

    /// Lets sign-ins held "in the browser" (see [`Options::hold_browser`]) go on.
    pub fn release_browser(&self) {
        std::fs::write(self.gate_path(), b"go").unwrap();
    }

    /// Hands `url` to the desktop through `opener`, in the app's session
    /// environment, as a browser hands over a custom-scheme link. Returns the
    /// opener's exit status and output.
    pub async fn open_url(&self, opener: Opener, url: &str) -> (bool, String) {
        let (program, args) = opener.command();
        let mut cmd = tokio::process::Command::new(program);
        cmd.args(args).arg(url);
        self.run_in_session(cmd, &[], &format!("{program} {url}")).await
    }

    /// Runs a second `spotlink-app` with `args` in the app's session environment,
    /// without the variables in `without`, as the OS does for a link while the app
    /// runs. Returns its exit status and output.
    pub async fn run_second_instance(&self, args: &[&str], without: &[&str]) -> (bool, String) {
        let mut cmd = tokio::process::Command::new(self.opts.binary);
        cmd.args(args);
        self.run_in_session(cmd, without, "a second spotlink-app").await
    }

    /// Runs `cmd` to completion (20 s at most) in the app's session environment,
    /// without the variables in `without`; returns its exit status and output.
    async fn run_in_session(&self, mut cmd: tokio::process::Command, without: &[&str], what: &str) -> (bool, String) {
        self.put_in_session(&mut cmd, without);
        cmd.kill_on_drop(true);
        match tokio::time::timeout(Duration::from_secs(20), cmd.output()).await {
            Ok(Ok(out)) => {
                let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
                (out.status.success(), text)
            }
            Ok(Err(e)) => self.fail(&format!("cannot run {what}: {e}")).await,
            Err(_) => self.fail(&format!("{what} did not return within 20 s")).await,
        }
    }

    /// Gives `cmd` the app's session environment (less the variables in `without`) and no stdin.
    pub fn put_in_session(&self, cmd: &mut tokio::process::Command, without: &[&str]) {
        cmd.stdin(std::process::Stdio::null());
        cmd.envs(self.session_env());
        for var in self.removed_env().iter().chain(without) {
            cmd.env_remove(var);
        }
    }

    /// This scenario's private directory (its XDG directories are under it).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The keychain service this scenario's links are stored under.
    #[allow(dead_code)] // for the installed-package suite (tests/package)
    pub fn service(&self) -> &str {
        &self.service
    }

    // --- What the app stored -----------------------------------------------

    /// The keychain entry of the emulated account as stored (not parsed), or `None`.
    pub fn raw_keychain(&self) -> Option<String> {
        self.raw_keychain_of(ACCOUNT_ID)
    }

    /// The keychain entry of the account `id` as stored (not parsed), or `None`.
    pub fn raw_keychain_of(&self, id: &str) -> Option<String> {
        let (store, id) = (KeyringStore::new(self.service.clone()), id.to_owned());
        // The Secret Service client blocks; keep it off the async runtime.
        std::thread::spawn(move || store.get(&id).map(|s| s.map(|s| s.to_string())))
            .join()
            .unwrap()
            .expect("the keychain answers")
    }

    /// Replaces the keychain entry of the emulated account with `value`, as written.
    pub fn write_raw_keychain(&self, value: &str) {
        self.write_raw_keychain_of(ACCOUNT_ID, value)
    }

    /// Replaces the keychain entry of the account `id` with `value`, as written.
    pub fn write_raw_keychain_of(&self, id: &str, value: &str) {
        let (store, id, value) = (KeyringStore::new(self.service.clone()), id.to_owned(), value.to_owned());
        std::thread::spawn(move || store.set(&id, &value)).join().unwrap().expect("the keychain takes the entry");
    }

    /// The keychain record of the emulated account, parsed, or `None`.
    pub fn keychain(&self) -> Option<Value> {
        self.raw_keychain().map(|raw| serde_json::from_str(&raw).expect("the keychain record is JSON"))
    }

    /// Rewrites the stored link as if the user had approved it at `at` (the link's
    /// six months count from then). Only while the app is not running.
    #[allow(dead_code)] // for the reminder scenarios (tests/e2e/reminders.rs)
    pub fn set_authorized_at(&self, at: time::OffsetDateTime) {
        self.set_authorized_at_of(ACCOUNT_ID, at)
    }

    /// [`E2e::set_authorized_at`] for the account `id`.
    pub fn set_authorized_at_of(&self, id: &str, at: time::OffsetDateTime) {
        assert!(self.app.is_none(), "change the keychain while the app is not running");
        let raw = self.raw_keychain_of(id).expect("a link to change");
        let mut record: Value = serde_json::from_str(&raw).expect("the keychain record is JSON");
        record["authorized_at"] = at.unix_timestamp().into();
        self.write_raw_keychain_of(id, &record.to_string());
    }

    /// Marks the cached access token in the keychain as expired a minute ago, as a
    /// machine that slept through its expiry finds it (works while the app runs).
    #[allow(dead_code)] // for the wake-up scenarios (tests/e2e/wake.rs)
    pub fn expire_cached_token(&self) {
        let mut record = self.keychain().expect("a link to change");
        record["expires_at"] = (time::OffsetDateTime::now_utc().unix_timestamp() - 60).into();
        self.write_raw_keychain(&record.to_string());
    }

    /// `$XDG_DATA_HOME/spotlink/state.json`.
    pub fn state_file(&self) -> PathBuf {
        self.root.join("data/spotlink/state.json")
    }

    /// `$XDG_CONFIG_HOME/spotlink/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.root.join("config/spotlink/config.toml")
    }

    /// Writes the config file, as a user editing it before a launch.
    pub fn write_config(&self, text: &str) {
        let file = self.config_file();
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// `$XDG_CONFIG_HOME`, where GTK also reads `gtk-3.0/settings.ini`.
    pub fn config_home(&self) -> PathBuf {
        self.root.join("config")
    }

    /// Every file under the test's directories (config, data, cache).
    pub fn files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.root, &mut out);
        out
    }

    // --- The emulator's view -------------------------------------------------

    pub fn requests(&self) -> Vec<LogEntry> {
        self.emulator.as_ref().map(EmulatorHandle::request_log).unwrap_or_default()
    }

    /// Scopes the emulator granted in its latest successful code exchange.
    pub fn last_granted_scopes(&self) -> Option<Vec<String>> {
        self.requests()
            .iter()
            .rev()
            .find(|e| {
                e.path == "/api/token" && e.status == 200 && e.grant_type.as_deref() == Some("authorization_code")
            })
            .map(|e| e.scope.clone().unwrap_or_default().split_whitespace().map(str::to_owned).collect())
    }

    /// `GET /v1/me` with `token`: the HTTP status.
    pub async fn me_status(&self, token: &str) -> u16 {
        let url = format!("{}/me", self.api_url);
        reqwest::Client::new().get(url).bearer_auth(token).send().await.expect("the emulator answers").status().as_u16()
    }

    // --- Diagnostics -----------------------------------------------------------

    /// The fake browser's log, the app's output and the emulator's request log.
    fn logs(&self) -> String {
        let mut out = format!("--- fake browser ({}) ---\n{}", self.browser_log_path().display(), self.browser_log());
        for n in 1..=self.launches {
            let path = self.root.join(format!("app-{n}.log"));
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let tail = lines[lines.len().saturating_sub(80)..].join("\n");
            out += &format!(
                "\n--- tauri-driver, WebKitWebDriver and app, launch {n} ({}, last 80 lines) ---\n{tail}",
                path.display()
            );
        }
        out += "\n--- emulator requests ---\n";
        for e in self.requests() {
            out += &format!(
                "{} {} -> {} grant_type={:?} show_dialog={:?} scope={:?} error={:?}\n",
                e.method, e.path, e.status, e.grant_type, e.show_dialog, e.scope, e.error
            );
        }
        out
    }
}

/// The fake browser's path.
fn fake_browser() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/e2e-browser")
}

/// Fails the scenario about to start if a `spotlink-app` already runs on this
/// session bus (a scenario killed before its cleanup could leave one): every
/// app the scenario started would hand its link to that one and exit, and
/// the driver would wait in vain for a window. The app is killed so the
/// scenarios after this one can run.
fn refuse_an_app_left_running() {
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
    let left: Vec<u32> = processes_with_env(&format!("DBUS_SESSION_BUS_ADDRESS={bus}"))
        .into_iter()
        .filter(|&pid| command_name(pid).as_deref() == Some("spotlink-app"))
        .collect();
    if left.is_empty() {
        return;
    }
    let mut described = Vec::new();
    for pid in left {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        let data_home = environment(pid).into_iter().find(|var| var.starts_with("XDG_DATA_HOME=")).unwrap_or_default();
        described.push(format!("pid {pid}: {} ({data_home})", cmdline.trim_end()));
        // Its whole scenario: the app, and any opener or browser still running with it.
        if data_home.is_empty() {
            kill(&[pid]);
        } else {
            kill_all_with_env(&data_home);
        }
    }
    panic!(
        "a spotlink-app from before this scenario still runs on its D-Bus session (killed now, with its scenario's other processes):\n{}",
        described.join("\n")
    );
}

/// Makes the fake browser the test user's web browser. `$BROWSER` alone is
/// not enough: xdg-open in generic mode first asks for the default
/// `x-scheme-handler/http` application, and a browser installed on the
/// machine (its entry in /usr/share/applications) would get the URL.
fn register_fake_browser(root: &Path) {
    let entry = format!(
        "[Desktop Entry]\nType=Application\nName=SpotLink E2E browser\nExec={} %u\nTerminal=false\nNoDisplay=true\n\
         MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
        fake_browser().display()
    );
    std::fs::write(root.join("data/applications/spotlink-e2e-browser.desktop"), entry).unwrap();
    std::fs::write(
        root.join("config/mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=spotlink-e2e-browser.desktop\nx-scheme-handler/https=spotlink-e2e-browser.desktop\n",
    )
    .unwrap();
}

/// The screen, banners and visible text of the window, for failure messages.
async fn window_state(app: &DrivenApp) -> String {
    let script = r#"
        const q = (s) => document.querySelector(s);
        const text = (e) => e ? e.innerText.replace(/\s+/g, ' ').trim().slice(0, 600) : null;
        return JSON.stringify({
            screen: q('#screen')?.dataset.screen ?? null,
            busy: q('#busy')?.dataset.busy ?? null,
            error_kind: q('#error-banner')?.dataset.kind ?? null,
            error: text(q('#error-banner')),
            notice: text(q('#notice')),
            dialog: text(q('dialog[open]')),
            text: text(q('#screen')),
        }, null, 1);
    "#;
    match app.js(script, vec![]).await {
        Ok(Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(e) => format!("(cannot read the window: {e})"),
    }
}

impl Drop for E2e {
    fn drop(&mut self) {
        // Kill the app first: it must not write the keychain after the cleanup.
        drop(self.app.take());
        self.kill_leftovers();
        let store = KeyringStore::new(self.service.clone());
        let _ = std::thread::spawn(move || {
            let _ = store.delete(PENDING_ENTRY);
            store.delete(ACCOUNT_ID)
        })
        .join();
        if std::thread::panicking() {
            eprintln!("{}", self.logs());
            if let Some(dir) = self.dir.take() {
                eprintln!("--- kept the scenario's directory: {} ---", dir.keep().display());
            }
        }
    }
}
