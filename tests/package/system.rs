//! The system around the package: where the built packages are, running programs,
//! root for apt-get.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace version: the package's, the app's and the CLI's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The installed app and command.
pub const APP: &str = "/usr/bin/spotlink-app";
pub const CLI: &str = "/usr/bin/spotlink";
/// The package's desktop entry (the Debian package is called `spotlink`).
pub const DESKTOP_ENTRY: &str = "/usr/share/applications/spotlink.desktop";
pub const DESKTOP_ID: &str = "spotlink.desktop";
pub const METAINFO: &str = "/usr/share/metainfo/dev.spotlink.SpotLink.metainfo.xml";

/// Cargo's target directory (`scripts/package` builds the packages under it).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp has a parent").to_owned()
}

fn arch(deb: bool) -> String {
    let (program, args): (&str, &[&str]) = if deb { ("dpkg", &["--print-architecture"]) } else { ("uname", &["-m"]) };
    stdout(&run(program, args)).trim().to_owned()
}

/// The .deb `scripts/package` built.
pub fn deb() -> PathBuf {
    let path = target_dir().join(format!("release/bundle/deb/spotlink_{VERSION}_{}.deb", arch(true)));
    assert!(path.is_file(), "{} is missing: run scripts/package (scripts/test does)", path.display());
    path
}

/// The .rpm `scripts/package` built.
pub fn rpm() -> PathBuf {
    let path = target_dir().join(format!("release/bundle/rpm/spotlink-{VERSION}-1.{}.rpm", arch(false)));
    assert!(path.is_file(), "{} is missing: run scripts/package (scripts/test does)", path.display());
    path
}

/// Runs a program to completion; a program that cannot start fails the test.
pub fn run(program: &str, args: &[&str]) -> Output {
    command(program, args).output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
}

pub fn command(program: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).stdin(std::process::Stdio::null());
    cmd
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Both streams, for failure messages.
pub fn both(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Runs a package manager command as root (through `sudo -n` when not root).
pub fn as_root(args: &[&str]) -> Output {
    let is_root = stdout(&run("id", &["-u"])).trim() == "0";
    let mut cmd = if is_root {
        command(args[0], &args[1..])
    } else {
        let with_sudo: Vec<&str> = ["-n"].iter().chain(args).copied().collect();
        command("sudo", &with_sudo)
    };
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    cmd.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", args.join(" ")))
}

/// Whether the `spotlink` package is installed.
pub fn installed() -> bool {
    let out = run("dpkg-query", &["-W", "-f=${Status}", "spotlink"]);
    out.status.success() && stdout(&out).contains("install ok installed")
}

/// The installed package's files (not directories), from dpkg's list.
pub fn package_files() -> Vec<PathBuf> {
    let out = run("dpkg", &["-L", "spotlink"]);
    assert!(out.status.success(), "dpkg -L spotlink: {}", both(&out));
    stdout(&out).lines().map(PathBuf::from).filter(|p| p.is_file()).collect()
}

/// The value of `key` in the main group of a desktop entry.
pub fn desktop_key<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    entry
        .lines()
        .skip_while(|l| l.trim() != "[Desktop Entry]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| l.split_once('=').filter(|(k, _)| k.trim() == key).map(|(_, v)| v.trim()))
}
