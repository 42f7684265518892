//! The app under WebDriver: one `tauri-driver` process (which runs
//! WebKitWebDriver, which runs `spotlink-app`) and the W3C session on it.
//! Dropping a [`DrivenApp`] kills that whole process tree, so a failing test
//! never leaves an app holding the single-instance name for the next one.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// The app binary cargo built for this test run.
pub const APP_BINARY: &str = env!("CARGO_BIN_EXE_spotlink-app");

/// How long the driver gets to listen and the app to open its window.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// Default wait for something to show up in the window.
pub const UI_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

// The e2e and package suites each use a part (tests/package includes this file).
#[allow(unused_imports)]
pub use test_support::processes::{
    alive, command_name, descendants, environment, kill, kill_all_with_env, processes_with_env, wait_until_gone,
};

/// Variables a desktop session sets that would take xdg-open out of the
/// generic mode (no desktop environment) the tests rely on.
const DESKTOP_VARS: &[&str] = &[
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "GNOME_DESKTOP_SESSION_ID",
    "KDE_FULL_SESSION",
    "MATE_DESKTOP_SESSION_ID",
];

/// A running app under a WebDriver session.
pub struct DrivenApp {
    client: Option<Client>,
    driver: Child,
    /// Set once the tree is killed: the driver's pid may be reused after that.
    killed: bool,
}

/// Finds `tauri-driver`: `$TAURI_DRIVER`, then `$PATH`, then cargo's bin dir.
fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    dirs.into_iter().map(|d| d.join("tauri-driver")).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("tauri-driver is not installed: run `scripts/setup --test` or `cargo install tauri-driver --locked --version '^2'`")
    })
}

/// A port nobody listens on right now (the OS picks it).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("bind 127.0.0.1:0").port()
}

impl DrivenApp {
    /// Starts `tauri-driver` with `env` (plus the inherited environment minus
    /// `remove` and desktop-session variables), waits for it to listen, and
    /// opens a session on the app `binary`, started with `args`. Everything the processes print goes to
    /// `log` (the driver's output is also WebKitWebDriver's and the app's).
    pub async fn launch(
        binary: &str,
        env: &[(String, String)],
        remove: &[&str],
        args: &[String],
        log: &Path,
    ) -> Result<Self, String> {
        // Both ports explicitly: tauri-driver's native port defaults to 4445,
        // and two drivers (or a --port of 4445) on one machine then spin
        // forever (docs: DESIGN.md, WebDriver).
        let port = free_port();
        let native_port = loop {
            let p = free_port();
            if p != port {
                break p;
            }
        };
        let out = File::options().create(true).append(true).open(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut cmd = Command::new(tauri_driver());
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        for var in DESKTOP_VARS.iter().chain(remove) {
            cmd.env_remove(var);
        }
        cmd.envs(env.iter().map(|(k, v)| (k, v)));
        let driver = cmd.spawn().map_err(|e| format!("cannot start tauri-driver: {e}"))?;
        let mut app = Self { client: None, driver, killed: false };

        let deadline = Instant::now() + START_TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = app.driver.try_wait() {
                return Err(format!("tauri-driver exited with {status} before listening on port {port}"));
            }
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not listen on port {port} within {START_TIMEOUT:?}"));
            }
            tokio::time::sleep(POLL).await;
        }

        let capabilities = json!({
            "browserName": "wry",
            "tauri:options": { "application": binary, "args": args },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!() };
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{port}");
        // tauri-driver listens before WebKitWebDriver behind it does; until
        // then a new session fails (tauri-driver cannot connect), so retry.
        let client = loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(remaining, builder.connect(&url)).await {
                Ok(Ok(client)) => break client,
                Ok(Err(e)) if Instant::now() + Duration::from_millis(200) < deadline => {
                    eprintln!("e2e: no WebDriver session yet ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(200)).await
                }
                Ok(Err(e)) => return Err(format!("WebDriver session on the app failed: {e}")),
                Err(_) => return Err(format!("no WebDriver session on the app within {START_TIMEOUT:?}")),
            }
        };
        app.client = Some(client);
        Ok(app)
    }

    /// The WebDriver session.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("the session is open")
    }

    /// Ends the session the way a user quits (WebKitWebDriver closes the
    /// app), then makes sure every process of this launch is gone.
    pub async fn quit(mut self) {
        if let Some(client) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        }
        self.kill_tree();
    }

    /// The app's process (the `spotlink-app` WebKitWebDriver started), if it runs.
    pub fn app_pid(&self) -> Option<u32> {
        descendants(self.driver.id()).into_iter().find(|pid| command_name(*pid).as_deref() == Some("spotlink-app"))
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the window.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value, String> {
        self.client().execute(script, args).await.map_err(|e| format!("script failed: {e}"))
    }

    /// Polls `script` until it returns something truthy (not null, false, 0
    /// or ""), and returns that; `Err` says what it returned last.
    pub async fn wait_for(&self, script: &str, args: Vec<Value>, timeout: Duration) -> Result<Value, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let last = self.js(script, args.clone()).await;
            match &last {
                Ok(v) if truthy(v) => return Ok(v.clone()),
                _ if Instant::now() > deadline => {
                    return Err(format!(
                        "waited {timeout:?}; last answer: {}",
                        match last {
                            Ok(v) => v.to_string(),
                            Err(e) => e,
                        }
                    ))
                }
                _ => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// Clicks the element with this CSS selector the way a user does
    /// (WebDriver Element Click: scrolled into view, must not be covered).
    pub async fn click(&self, css: &str) -> Result<(), String> {
        let element = self.client().find(Locator::Css(css)).await.map_err(|e| format!("no element {css}: {e}"))?;
        element.click().await.map_err(|e| format!("cannot click {css}: {e:?}"))
    }

    /// Types `text` into the element with this CSS selector.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        let element = self.client().find(Locator::Css(css)).await.map_err(|e| format!("no element {css}: {e}"))?;
        element.clear().await.map_err(|e| format!("cannot clear {css}: {e}"))?;
        element.send_keys(text).await.map_err(|e| format!("cannot type into {css}: {e}"))
    }

    /// A PNG of the window's content.
    pub async fn screenshot(&self) -> Result<Vec<u8>, String> {
        self.client().screenshot().await.map_err(|e| format!("screenshot failed: {e}"))
    }

    /// Kills the driver and everything it started (WebKitWebDriver, the app
    /// and whatever the app spawned that is still its descendant), then waits
    /// until they are gone so a new instance can claim the single-instance name.
    fn kill_tree(&mut self) {
        if std::mem::replace(&mut self.killed, true) {
            return;
        }
        let root = self.driver.id();
        let doomed = descendants(root);
        let _ = self.driver.kill();
        kill(&doomed);
        let _ = self.driver.wait();
        wait_until_gone(&doomed);
    }
}

impl Drop for DrivenApp {
    fn drop(&mut self) {
        self.kill_tree();
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}
