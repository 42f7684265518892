//! The Windows installer (`scripts/windows-installer`, packaging/windows/spotlink.nsi)
//! under Wine: a silent install into a chosen folder and the silent uninstall Windows'
//! Settings runs (the uninstall key's `QuietUninstallString`), and an install over an
//! earlier one. The Wine prefix has no network and no WebView2 Runtime, so the
//! installer's WebView2 download fails and the rest must stay usable; what only a real
//! Windows machine shows (the download itself, signing, SmartScreen) is listed in
//! docs/packaging.md ("Windows: the NSIS installer").
//!
//! Needs `scripts/cross windows` and `scripts/windows-installer`. Wine keeps one
//! HKEY_CURRENT_USER per prefix, whichever Windows user a test runs as, and both
//! scenarios write the same keys there (the `spotlink` scheme, the uninstall key, the
//! user's Path): they take turns through a lock file, and run with the app's scenarios
//! (which register the scheme too) one at a time.

use std::fs::{self, File};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use test_support::wine::{build_dir, target_dir, KeepWineUp, Wine, WineUser, TRIPLE};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const UNINSTALL_KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\SpotLink";
const SCHEME_KEY: &str = r"HKCU\Software\Classes\spotlink";
const STATE_KEY: &str = r"HKCU\Software\SpotLink";
const ENVIRONMENT_KEY: &str = r"HKCU\Environment";
const RUN_KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run";
/// The Evergreen WebView2 Runtime's per-user registration, which the installer looks for.
const WEBVIEW2_USER_KEY: &str = r"HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}";
/// How long the uninstaller, which returns at once and works from a copy in %TEMP%, may
/// take to remove the install folder.
const UNINSTALL_TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn installs_and_uninstalls_silently_keeping_the_users_settings() {
    let _turn = take_turn();
    let _up = KeepWineUp::start();
    let user = Wine::shared().new_user();
    let install = Install::new(&user, r"AppData\Local\Programs\SpotLink");
    let path_before = user.reg_value(ENVIRONMENT_KEY, "Path");

    let out = install.run_installer();
    assert!(out.status.success(), "the silent install failed ({}): {}", out.status, output_text(&out));

    // The files and the Start menu shortcut.
    for file in ["spotlink-app.exe", "spotlink.exe", "WebView2Loader.dll", "uninstall.exe"] {
        assert!(
            install.linux_dir.join(file).is_file(),
            "the install has no {file}: {:?}",
            files_in(&install.linux_dir)
        );
    }
    let shortcut = user.profile.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/SpotLink.lnk");
    assert!(shortcut.is_file(), "no Start menu shortcut at {}", shortcut.display());

    // spotlink:// as the deep-link plugin's register_all() writes it.
    let app = format!(r"{}\spotlink-app.exe", install.dir);
    assert_eq!(user.reg_value(SCHEME_KEY, ""), Some(format!("URL:{} protocol", identifier())), "the scheme's name");
    assert_eq!(user.reg_value(SCHEME_KEY, "URL Protocol"), Some(String::new()), "the scheme's URL Protocol marker");
    assert_eq!(user.reg_value(&format!(r"{SCHEME_KEY}\DefaultIcon"), ""), Some(format!("{app},0")));
    assert_eq!(
        user.reg_value(&format!(r"{SCHEME_KEY}\shell\open\command"), ""),
        Some(format!(r#""{app}" "%1""#)),
        "the scheme's command"
    );

    // The uninstall key Windows' Settings lists.
    let uninstaller = format!(r"{}\uninstall.exe", install.dir);
    for (name, value) in [
        ("DisplayName", "SpotLink".to_owned()),
        ("DisplayVersion", VERSION.to_owned()),
        ("Publisher", "SpotLink".to_owned()),
        ("DisplayIcon", format!("{app},0")),
        ("InstallLocation", install.dir.clone()),
        ("UninstallString", format!(r#""{uninstaller}""#)),
        ("QuietUninstallString", format!(r#""{uninstaller}" /S"#)),
        ("NoModify", "0x1".to_owned()),
        ("NoRepair", "0x1".to_owned()),
    ] {
        assert_eq!(user.reg_value(UNINSTALL_KEY, name), Some(value), "the uninstall key's {name}");
    }
    let size = user.reg_value(UNINSTALL_KEY, "EstimatedSize").expect("the uninstall key has no EstimatedSize");
    let size_kb = u32::from_str_radix(size.trim_start_matches("0x"), 16).unwrap();
    assert!(size_kb > 1000, "EstimatedSize is {size_kb} KB");

    // The install folder on the user's Path, once; the installed command runs.
    let path = user.reg_value(ENVIRONMENT_KEY, "Path").expect("the installer set no Path for the user");
    assert_eq!(path_entries_naming(&path, &install.dir), 1, "the user's Path names the install folder once: {path}");
    let out = user.command(Path::new(&format!(r"{}\spotlink.exe", install.dir))).arg("--version").output().unwrap();
    assert!(out.status.success(), "the installed spotlink.exe --version failed: {}", output_text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("spotlink {VERSION}"));

    // No network here: the WebView2 download failed, and the installer says so.
    assert_eq!(user.reg_value(STATE_KEY, "WebView2").as_deref(), Some("missing"), "the WebView2 outcome");
    let why = user.reg_value(STATE_KEY, "WebView2Error").unwrap_or_default();
    assert!(why.contains("download"), "the WebView2 error says what failed: {why:?}");

    // The user's settings and state, which the uninstall must leave.
    let config = user.spotlink_config_dir().join("config.toml");
    fs::create_dir_all(user.spotlink_config_dir()).unwrap();
    fs::write(&config, "client_id = \"0123456789abcdef0123456789abcdef\"\n").unwrap();
    let state = user.spotlink_data_dir().join("state.json");
    fs::create_dir_all(user.spotlink_data_dir()).unwrap();
    fs::write(&state, "{}\n").unwrap();

    install.uninstall_as_settings_does();

    assert!(!shortcut.exists(), "the uninstall left the Start menu shortcut");
    for key in [SCHEME_KEY, UNINSTALL_KEY, STATE_KEY] {
        assert!(!user.reg_key_exists(key), "the uninstall left {key}");
    }
    assert_eq!(
        user.reg_value(ENVIRONMENT_KEY, "Path"),
        path_before,
        "the uninstall left the user's Path otherwise than it was"
    );
    assert_eq!(fs::read_to_string(&config).ok().as_deref(), Some("client_id = \"0123456789abcdef0123456789abcdef\"\n"));
    assert!(state.is_file(), "the uninstall removed SpotLink's data");
}

#[test]
fn installs_over_an_earlier_install_and_waits_for_a_running_spotlink() {
    let _turn = take_turn();
    let _up = KeepWineUp::start();
    let user = Wine::shared().new_user();
    // WebView2 registered for the user: the installer must find it and download nothing.
    let _webview2 = FakeWebView2::register(&user);
    let install = Install::new(&user, r"AppData\Local\SpotLink");

    let out = install.run_installer();
    assert!(out.status.success(), "the first install failed ({}): {}", out.status, output_text(&out));
    assert_eq!(user.reg_value(STATE_KEY, "WebView2").as_deref(), Some("present"), "the WebView2 outcome");
    assert_eq!(user.reg_value(STATE_KEY, "WebView2Error"), None);

    // An earlier spotlink.exe (this one with a byte more: it still runs) is running.
    // Windows will not let the installer replace it: a silent install gives up with exit
    // code 2, and leaves the install as it was.
    let cli = install.linux_dir.join("spotlink.exe");
    let shipped = fs::read(&cli).unwrap();
    let earlier = [shipped.as_slice(), b"\0"].concat();
    fs::write(&cli, &earlier).unwrap();
    let mut running = RunningCli::start(&user, &format!(r"{}\spotlink.exe", install.dir));
    let out = install.run_installer();
    assert_eq!(out.status.code(), Some(2), "an install over a running spotlink.exe: {}", output_text(&out));
    assert!(fs::read(&cli).unwrap() == earlier, "the install replaced a running spotlink.exe");
    running.stop();

    let out = install.run_installer();
    assert!(out.status.success(), "the install over the earlier one failed ({}): {}", out.status, output_text(&out));
    assert!(fs::read(&cli).unwrap() == shipped, "the install over the earlier one did not replace spotlink.exe");
    let path = user.reg_value(ENVIRONMENT_KEY, "Path").unwrap_or_default();
    assert_eq!(path_entries_naming(&path, &install.dir), 1, "the user's Path names the install folder once: {path}");
    assert_eq!(user.reg_value(UNINSTALL_KEY, "InstallLocation"), Some(install.dir.clone()));

    // "Start at login" on, as the app's auto-launch writes it: the uninstall takes it off,
    // since it would start a program that is gone.
    let login_item = format!(r"{}\spotlink-app.exe --tray", install.dir);
    let out = user.reg(&["add", RUN_KEY, "/v", "SpotLink", "/d", &login_item, "/f"]);
    assert!(out.status.success(), "reg add {RUN_KEY}: {}", output_text(&out));

    install.uninstall_as_settings_does();
    assert!(!user.reg_key_exists(UNINSTALL_KEY), "the uninstall left {UNINSTALL_KEY}");
    assert_eq!(user.reg_value(RUN_KEY, "SpotLink"), None, "the uninstall left SpotLink's login item");
}

/// One SpotLink install by the test's Windows user, uninstalled (synchronously, in
/// place) when dropped if a failed test left it behind, so no scheme, Path entry or
/// uninstall key outlives the test in the shared prefix.
struct Install<'a> {
    user: &'a WineUser,
    /// The install folder as Windows names it (`C:\users\<name>\...`).
    dir: String,
    linux_dir: PathBuf,
}

impl<'a> Install<'a> {
    /// An install into `relative`, a folder under the user's profile.
    fn new(user: &'a WineUser, relative: &str) -> Self {
        // Not quoted: NSIS takes /D= as the rest of its command line, and Wine quotes an
        // argument holding a space, so the folder has none.
        assert!(!relative.contains(' '));
        let dir = format!(r"C:\users\{}\{relative}", user.name);
        let linux_dir = user.profile.join(relative.replace('\\', "/"));
        Self { user, dir, linux_dir }
    }

    /// `SpotLink_<version>_x64-setup.exe /S /D=<dir>`, with no way to the network: Wine's
    /// HTTP stack is pointed at a closed port, so the WebView2 download fails here even
    /// on a machine that has a network.
    fn run_installer(&self) -> Output {
        let proxy = format!("http://127.0.0.1:{}", closed_port());
        self.user
            .command(&installer())
            .args(["/S".to_owned(), format!("/D={}", self.dir)])
            .env("http_proxy", &proxy)
            .env("https_proxy", &proxy)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs the uninstall key's `QuietUninstallString` as Windows' Settings does. The
    /// uninstaller copies itself to %TEMP% and returns at once; the copy removes the
    /// install folder last, so the test waits for that.
    fn uninstall_as_settings_does(&self) {
        let quiet = self.user.reg_value(UNINSTALL_KEY, "QuietUninstallString").expect("no QuietUninstallString");
        let (program, args) = split_command_line(&quiet);
        let out = self.user.command(Path::new(&program)).args(&args).stdin(Stdio::null()).output().unwrap();
        assert!(out.status.success(), "`{quiet}` failed ({}): {}", out.status, output_text(&out));
        let deadline = Instant::now() + UNINSTALL_TIMEOUT;
        while self.linux_dir.exists() {
            assert!(
                Instant::now() < deadline,
                "the uninstaller left {} after {UNINSTALL_TIMEOUT:?}: {:?}",
                self.dir,
                files_in(&self.linux_dir)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Install<'_> {
    fn drop(&mut self) {
        let uninstaller = self.linux_dir.join("uninstall.exe");
        if uninstaller.exists() {
            // `_?=` runs the uninstaller in place and waits for it.
            let _ = self
                .user
                .command(Path::new(&format!(r"{}\uninstall.exe", self.dir)))
                .args(["/S".to_owned(), format!("_?={}", self.dir)])
                .output();
            let _ = fs::remove_dir_all(&self.linux_dir);
        }
    }
}

/// A WebView2 Runtime registered for the user (its EdgeUpdate `pv` value), removed again
/// when dropped.
struct FakeWebView2<'a>(&'a WineUser);

impl<'a> FakeWebView2<'a> {
    fn register(user: &'a WineUser) -> Self {
        let out = user.reg(&["add", WEBVIEW2_USER_KEY, "/v", "pv", "/d", "120.0.2210.91", "/f"]);
        assert!(out.status.success(), "reg add {WEBVIEW2_USER_KEY}: {}", output_text(&out));
        Self(user)
    }
}

impl Drop for FakeWebView2<'_> {
    fn drop(&mut self) {
        let _ = self.0.reg(&["delete", WEBVIEW2_USER_KEY, "/f"]);
    }
}

/// `spotlink.exe link` from the install folder, waiting for a browser that never comes
/// back; stopped when dropped.
struct RunningCli(Option<Child>);

impl RunningCli {
    fn start(user: &WineUser, program: &str) -> Self {
        let mut child = user
            .command(Path::new(program))
            .args(["link", "--no-browser", "--timeout", "60"])
            .env("SPOTLINK_CLIENT_ID", "0123456789abcdef0123456789abcdef")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let running = Self(Some(child));
        use std::io::BufRead;
        let waiting =
            std::io::BufReader::new(stderr).lines().map_while(Result::ok).any(|line| line.starts_with("Waiting for"));
        assert!(waiting, "{program} link did not start waiting");
        running
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.0.take() {
            // `wine` execs the Windows program: this is its process.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RunningCli {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Holds the installer scenarios to one at a time across test processes (see the module's
/// documentation).
fn take_turn() -> File {
    let dir = target_dir().join(TRIPLE).join("wine");
    fs::create_dir_all(&dir).unwrap();
    let lock = File::create(dir.join("installer.lock")).unwrap();
    lock.lock().unwrap();
    lock
}

/// `<build_dir>/bundle/nsis/SpotLink_<version>_x64-setup.exe`, the build under test's.
fn installer() -> PathBuf {
    let path = build_dir().join("bundle/nsis").join(format!("SpotLink_{VERSION}_x64-setup.exe"));
    assert!(
        path.is_file(),
        "{} is missing: build it with `scripts/windows-installer` (scripts/test does)",
        path.display()
    );
    path
}

/// tauri.conf.json's identifier, which names the scheme in the registry.
fn identifier() -> String {
    let config = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap();
    let start =
        config.find("\"identifier\": \"").expect("tauri.conf.json has no identifier") + "\"identifier\": \"".len();
    config[start..].split('"').next().unwrap().to_owned()
}

/// A port on loopback that nothing listens on (it did a moment ago).
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// How many entries of a Path value name `dir` (as Windows compares: case aside).
fn path_entries_naming(path: &str, dir: &str) -> usize {
    path.split(';').filter(|entry| entry.trim_end_matches('\\').eq_ignore_ascii_case(dir)).count()
}

/// `"C:\...\uninstall.exe" /S` → the program and its arguments.
fn split_command_line(line: &str) -> (String, Vec<String>) {
    let rest = line.strip_prefix('"').unwrap_or_else(|| panic!("not a quoted program: {line}"));
    let (program, args) = rest.split_once('"').unwrap_or_else(|| panic!("no closing quote: {line}"));
    (program.to_owned(), args.split_whitespace().map(str::to_owned).collect())
}

fn files_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default()
}

fn output_text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
