//! SpotLink's Windows build under Wine, for the Windows suites (`crates/spotlink-cli/tests/
//! windows.rs`, `tests/windows/`): the `.exe` files `scripts/cross windows` built, one Wine
//! prefix shared by every test, and a Windows user of its own for each test.
//!
//! The prefix (`target/x86_64-pc-windows-gnu/wine/prefix`) is made on first use, under a
//! lock, by `wineboot`, with the stand-in `bcryptprimitives.dll` that Wine 8 lacks copied
//! into its `system32` (docs/platforms.md). Tests run in parallel in it: each has its own
//! Windows user (Wine names the profile after `$USER`), so `%APPDATA%`, where SpotLink
//! keeps its settings and state, is the test's own; the Credential Manager is the
//! prefix's, and each test uses a keychain service of its own there.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The Rust target `scripts/cross windows` builds for.
pub const TRIPLE: &str = "x86_64-pc-windows-gnu";

/// The Cargo target directory (`CARGO_TARGET_DIR`, else the workspace's `target/`).
pub fn target_dir() -> PathBuf {
    let dir = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    };
    // Without `..`: Windows programs see (and register) the path they were started with.
    fs::canonicalize(&dir).unwrap_or(dir)
}

/// Where the cross build under test is: `target/x86_64-pc-windows-gnu/<profile>`, the
/// profile being `$CROSS_PROFILE` as for `scripts/cross` (scripts/test sets `cross-test`),
/// else `release`.
pub fn build_dir() -> PathBuf {
    let profile = std::env::var("CROSS_PROFILE").unwrap_or_else(|_| "release".into());
    target_dir().join(TRIPLE).join(profile)
}

/// A Windows program of the cross build: `<build_dir>/<name>.exe`. Panics with what to
/// run when it is missing: a suite that cannot find its build fails.
pub fn exe(name: &str) -> PathBuf {
    let path = build_dir().join(format!("{name}.exe"));
    assert!(path.is_file(), "{} is missing: build it with `scripts/cross windows` (scripts/test does)", path.display());
    path
}

/// The shared Wine prefix, made ready on first use.
#[derive(Debug, Clone)]
pub struct Wine {
    pub prefix: PathBuf,
}

impl Wine {
    /// The prefix every Windows test shares; the first caller boots it (about 10 s).
    pub fn shared() -> Self {
        let dir = target_dir().join(TRIPLE).join("wine");
        let prefix = dir.join("prefix");
        let ready = prefix.join(".spotlink-ready");
        if ready.exists() {
            return Self { prefix };
        }
        fs::create_dir_all(&dir).unwrap();
        let lock = File::create(dir.join("prefix.lock")).unwrap();
        lock.lock().unwrap();
        if !ready.exists() {
            let dll = dir.join("bcryptprimitives.dll");
            assert!(dll.is_file(), "{} is missing: build it with `scripts/cross windows`", dll.display());
            let _ = fs::remove_dir_all(&prefix);
            let wine = Self { prefix: prefix.clone() };
            // Wine's own processes, which wineboot starts, keep the stdio they were given:
            // none of the test's, or its output would stay open until they exit.
            let quiet = |program: &str| {
                let mut cmd = wine.base_command(program);
                cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
                cmd
            };
            let status = quiet("wine").args(["wineboot", "--init"]).status().unwrap();
            assert!(status.success(), "wineboot --init failed ({status}) in {}", prefix.display());
            let status = quiet("wineserver").arg("--wait").status().unwrap();
            assert!(status.success(), "wineserver --wait failed ({status})");
            fs::copy(&dll, prefix.join("drive_c/windows/system32/bcryptprimitives.dll")).unwrap();
            File::create(&ready).unwrap();
        }
        Self { prefix }
    }

    /// A command for one of Wine's programs (`wine`, `wineserver`) on this prefix, quiet,
    /// and without the .NET and HTML engines Wine would offer to download. It keeps the
    /// session's X display (Xvfb in the tests): Wine's tray and dialogs are drawn there.
    pub fn base_command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("WAYLAND_DISPLAY");
        cmd
    }

    /// A Windows user of its own for one test: its profile (`C:\users\<name>`) is made
    /// now, so `%APPDATA%` exists for it.
    pub fn new_user(&self) -> WineUser {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("t{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let profile = self.prefix.join("drive_c/users").join(&name);
        for dir in ["AppData/Roaming", "AppData/Local"] {
            fs::create_dir_all(profile.join(dir)).unwrap();
        }
        WineUser { wine: self.clone(), name, profile }
    }
}

/// One test's Windows user in the shared prefix; its profile goes when it is dropped.
#[derive(Debug)]
pub struct WineUser {
    pub wine: Wine,
    pub name: String,
    /// `C:\users\<name>` on the Linux side.
    pub profile: PathBuf,
}

impl WineUser {
    /// `wine <program> <args>` as this user.
    pub fn command(&self, program: &Path) -> Command {
        let mut cmd = self.wine.base_command("wine");
        cmd.arg(program).env("USER", &self.name).env("USERNAME", &self.name);
        cmd
    }

    /// SpotLink's directories for this user (`directories`' `ProjectDirs` on Windows).
    pub fn spotlink_config_dir(&self) -> PathBuf {
        self.profile.join("AppData/Roaming/SpotLink/SpotLink/config")
    }
    pub fn spotlink_data_dir(&self) -> PathBuf {
        self.profile.join("AppData/Roaming/SpotLink/SpotLink/data")
    }

    /// `wine reg ARGS` as this user (Wine keeps one HKEY_CURRENT_USER per prefix,
    /// whichever user runs).
    pub fn reg(&self, args: &[&str]) -> Output {
        self.command(Path::new("reg")).args(args).stdin(Stdio::null()).output().unwrap()
    }

    /// The data of value `name` of `key` (`""`: the default value) as `reg query` prints
    /// it (DWORDs as `0x…`), if the value exists.
    pub fn reg_value(&self, key: &str, name: &str) -> Option<String> {
        let out =
            if name.is_empty() { self.reg(&["query", key, "/ve"]) } else { self.reg(&["query", key, "/v", name]) };
        if !out.status.success() {
            return None;
        }
        let shown = if name.is_empty() { "(Default)" } else { name };
        // "    <name>    <type>    <data>", the data possibly empty.
        String::from_utf8_lossy(&out.stdout).lines().find_map(|line| {
            let mut fields = line.trim_end_matches('\r').strip_prefix("    ")?.splitn(3, "    ");
            (fields.next()? == shown && fields.next()?.starts_with("REG_"))
                .then(|| fields.next().unwrap_or("").to_owned())
        })
    }

    /// Whether registry key `key` exists.
    pub fn reg_key_exists(&self, key: &str) -> bool {
        self.reg(&["query", key]).status.success()
    }

    /// The raw keychain entry `service`/`account`, read by `keychain-probe.exe` in Wine.
    pub fn keychain_get(&self, service: &str, account: &str) -> Option<String> {
        let out = self.command(&exe("keychain-probe")).args(["get", service, account]).output().unwrap();
        match out.status.code() {
            Some(0) => Some(String::from_utf8(out.stdout).unwrap()),
            Some(3) => None,
            _ => panic!("keychain-probe get failed: {}", String::from_utf8_lossy(&out.stderr)),
        }
    }

    /// Writes the raw keychain entry `service`/`account`; the probe's error if it failed.
    pub fn keychain_set(&self, service: &str, account: &str, secret: &str) -> Result<(), String> {
        use std::io::Write;
        let mut child = self
            .command(&exe("keychain-probe"))
            .args(["set", service, account])
            .stdin(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(secret.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }

    /// Deletes the keychain entry `service`/`account`, if there is one.
    pub fn keychain_delete(&self, service: &str, account: &str) {
        let _ = self.command(&exe("keychain-probe")).args(["delete", service, account]).output();
    }
}

impl Drop for WineUser {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.profile);
    }
}

/// A Windows program that waits (`find.exe` reading a pipe the test holds) for as long
/// as the scenario runs, so Wine's own processes (wineserver, services.exe, ...) stay up
/// between its commands. Otherwise each command starts them anew, they inherit its
/// stderr, and `Command::output` waits the seconds they take to exit again. The keeper
/// starts them if need be, with no pipe of the test's; the scenario's commands come after.
pub struct KeepWineUp(Child);

impl KeepWineUp {
    pub fn start() -> Self {
        use std::io::{BufRead, Write};
        let mut child = Wine::shared()
            .base_command("wine")
            .args(["find.exe", "up"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // find.exe echoes the line once it runs, and with it Wine's own processes.
        child.stdin.as_mut().unwrap().write_all(b"up\n").unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "up", "find.exe in Wine did not start");
        Self(child)
    }
}

impl Drop for KeepWineUp {
    fn drop(&mut self) {
        // End of input: find.exe exits.
        drop(self.0.stdin.take());
        let _ = self.0.wait();
    }
}
