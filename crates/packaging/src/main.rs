//! `spotlink-packaging --out DIR --cli PATH [--depends LIST]`: writes what SpotLink's
//! Linux packages carry besides the binaries, and the settings that put each file in
//! place, for `tauri bundle --config DIR/tauri.packages.json` (see scripts/package):
//!
//! - man pages for `spotlink` and each verb, from the CLI's own clap definitions;
//! - bash, zsh and fish completions, the same scripts `spotlink completions` prints;
//! - the Debian changelog and the AppStream metainfo's releases, from CHANGELOG.md;
//! - the bundler settings: the package name, the computed dependencies, every file.
//!
//! The version everywhere is the workspace's; this refuses to run when CHANGELOG.md's
//! newest release is another one.

mod changelog;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use changelog::{xml, Changelog};
use clap_complete::Shell;
use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};

/// The Debian and RPM package name (`apt install spotlink`).
const PACKAGE: &str = "spotlink";
/// The app's identifier (tauri.conf.json): the metainfo's id and file name.
const APP_ID: &str = "dev.spotlink.SpotLink";
/// The workspace version, shared by the app, the CLI and the packages.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// Packages the app needs at run time that no linked library names: xdg-open, and the
/// tray icon's library, which is loaded at run time (without it the app cannot start).
const RUNTIME_DEPENDS: &[&str] = &["xdg-utils", "libayatana-appindicator3-1 | libappindicator3-1"];
/// Every hicolor size the package installs, from icons/ (see icons/generate.sh).
const ICON_SIZES: &[u32] = &[16, 24, 32, 48, 64, 128, 256, 512];

struct Args {
    out: PathBuf,
    cli: PathBuf,
    depends: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut cli = None;
    let mut depends = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--cli" => cli = Some(PathBuf::from(value()?)),
            // dpkg-shlibdeps' `shlibs:Depends` value: "libc6 (>= 2.34), libgtk-3-0 (>= 3.24), ...".
            "--depends" => {
                depends = value()?.split(',').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).collect()
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        out: out.ok_or("--out DIR is required")?,
        cli: cli.ok_or("--cli PATH (the release spotlink binary) is required")?,
        depends,
    })
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| generate(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spotlink-packaging: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root (this crate is `crates/packaging`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate(args: &Args) -> Result<(), String> {
    let root = fs::canonicalize(root()).map_err(|e| format!("repository root: {e}"))?;
    let cli = fs::canonicalize(&args.cli).map_err(|e| format!("{}: {e}", args.cli.display()))?;
    let changelog = Changelog::parse(&read(&root.join("CHANGELOG.md"))?).map_err(|e| format!("CHANGELOG.md: {e}"))?;
    if changelog.latest().version != VERSION {
        return Err(format!(
            "CHANGELOG.md's newest release is {}, the workspace's version is {VERSION}: add a section for it",
            changelog.latest().version
        ));
    }
    let _ = fs::remove_dir_all(&args.out);
    let out = args.out.clone();
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let out = fs::canonicalize(out).map_err(|e| e.to_string())?;

    // Destination in the package → file here.
    let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
    files.insert("/usr/bin/spotlink".into(), cli);

    for (name, page) in man_pages()? {
        let path = write(&out.join("man").join(format!("{name}.1.gz")), &gzip(&page)?)?;
        files.insert(format!("/usr/share/man/man1/{name}.1.gz"), path);
    }
    // The app's own page is written by hand: it has two options and no subcommands.
    let app_page = read(&root.join("packaging/linux/spotlink-app.1"))?.replace("@VERSION@", VERSION);
    let path = write(&out.join("man/spotlink-app.1.gz"), &gzip(app_page.as_bytes())?)?;
    files.insert("/usr/share/man/man1/spotlink-app.1.gz".into(), path);

    for (shell, dest) in [
        (Shell::Bash, "/usr/share/bash-completion/completions/spotlink"),
        (Shell::Zsh, "/usr/share/zsh/vendor-completions/_spotlink"),
        (Shell::Fish, "/usr/share/fish/vendor_completions.d/spotlink.fish"),
    ] {
        let name = Path::new(dest).file_name().expect("a file name");
        let path = write(&out.join("completions").join(name), &spotlink_cli::completion_script(shell))?;
        files.insert(dest.into(), path);
    }

    let template = read(&root.join("packaging/linux").join(format!("{APP_ID}.metainfo.xml")))?;
    let metainfo = metainfo(&template, &changelog)?;
    let path = write(&out.join(format!("{APP_ID}.metainfo.xml")), metainfo.as_bytes())?;
    files.insert(format!("/usr/share/metainfo/{APP_ID}.metainfo.xml"), path);
    files.insert("/usr/share/icons/hicolor/scalable/apps/spotlink-app.svg".into(), root.join("icons/spotlink.svg"));

    let mut deb_files = files.clone();
    deb_files.insert(format!("/usr/share/doc/{PACKAGE}/copyright"), root.join("packaging/linux/copyright"));
    let mut rpm_files = files;
    rpm_files.insert(format!("/usr/share/licenses/{PACKAGE}/LICENSE"), root.join("LICENSE"));

    let maintainer = env!("CARGO_PKG_AUTHORS");
    let debian_changelog = write(&out.join("changelog"), changelog.debian(PACKAGE, maintainer).as_bytes())?;

    let mut depends = args.depends.clone();
    depends.extend(RUNTIME_DEPENDS.iter().map(|d| d.to_string()));
    let icons: Vec<String> =
        ICON_SIZES.iter().map(|s| root.join(format!("icons/{s}x{s}.png")).display().to_string()).collect();
    let paths = |files: BTreeMap<String, PathBuf>| -> serde_json::Map<String, serde_json::Value> {
        files.into_iter().map(|(dest, src)| (dest, src.display().to_string().into())).collect()
    };
    let settings = serde_json::json!({
        // Only the packages are called this (kebab-case of the product name); the app,
        // its window and its menu entry stay "SpotLink".
        "productName": PACKAGE,
        "bundle": {
            "icon": icons,
            "linux": {
                "deb": { "depends": depends, "changelog": debian_changelog, "files": paths(deb_files) },
                "rpm": { "files": paths(rpm_files) },
            },
        },
    });
    let text = serde_json::to_string_pretty(&settings).expect("JSON serialises");
    write(&out.join("tauri.packages.json"), text.as_bytes())?;
    println!("{}", out.join("tauri.packages.json").display());
    Ok(())
}

/// `spotlink(1)` and one `spotlink-VERB(1)` per verb, as roff.
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, String> {
    let command = spotlink_cli::command().version(VERSION).display_name("spotlink");
    let mut pages = Vec::new();
    let render = |name: &str, cmd: clap::Command| -> Result<(String, Vec<u8>), String> {
        let mut page = Vec::new();
        clap_mangen::Man::new(cmd)
            .title(name.to_uppercase())
            .section("1")
            .source(format!("SpotLink {VERSION}"))
            .manual("SpotLink Manual")
            .render(&mut page)
            .map_err(|e| e.to_string())?;
        Ok((name.to_owned(), page))
    };
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("spotlink-{}", sub.get_name());
        // NAME says `spotlink-token` (as `git-commit`), SYNOPSIS says how to type it.
        let sub =
            sub.clone().display_name(name.clone()).bin_name(format!("spotlink {}", sub.get_name())).version(VERSION);
        pages.push(render(&name, sub)?);
    }
    pages.insert(0, render("spotlink", command)?);
    Ok(pages)
}

/// The metainfo template with its version placeholder and `<releases/>` filled in.
fn metainfo(template: &str, changelog: &Changelog) -> Result<String, String> {
    if template.matches("<releases/>").count() != 1 {
        return Err("the metainfo template must have one <releases/> to fill (a comment may not name it)".into());
    }
    Ok(template.replace("<releases/>", &changelog.appstream()).replace("@VERSION@", &xml(VERSION)))
}

/// gzip without a file name or time stamp, so the same page gives the same bytes.
fn gzip(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder: GzEncoder<Vec<u8>> = GzBuilder::new().mtime(0).write(Vec::new(), Compression::best());
    encoder.write_all(data).and_then(|()| encoder.finish()).map_err(|e| e.to_string())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<PathBuf, String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_man_page_for_the_command_and_each_verb() {
        let pages = man_pages().unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        let verbs = spotlink_cli::command().get_subcommands().count();
        assert_eq!(names.len(), verbs + 1, "{names:?}");
        assert_eq!(names[0], "spotlink");
        assert!(names.contains(&"spotlink-token") && names.contains(&"spotlink-completions"), "{names:?}");
        let token = String::from_utf8(pages.iter().find(|(n, _)| n == "spotlink-token").unwrap().1.clone()).unwrap();
        assert!(token.starts_with(".ie"), "roff");
        assert!(token.contains("min\\-ttl"), "options are documented: {token}");
        assert!(token.contains("spotlink\\-token \\-"), "NAME names the page: {token}");
        assert!(token.contains("\\fBspotlink token\\fR"), "SYNOPSIS shows what to type: {token}");
        assert!(token.contains(&format!("SpotLink {VERSION}")), "the version is in the footer");
    }

    #[test]
    fn the_repository_changelog_and_metainfo_agree_with_the_version() {
        let changelog = Changelog::parse(&read(&root().join("CHANGELOG.md")).unwrap()).unwrap();
        assert_eq!(changelog.latest().version, VERSION, "CHANGELOG.md's newest release is the workspace version");
        let template = read(&root().join("packaging/linux").join(format!("{APP_ID}.metainfo.xml"))).unwrap();
        let filled = metainfo(&template, &changelog).unwrap();
        assert!(filled.contains(&format!("<release version=\"{VERSION}\"")), "{filled}");
        assert!(!filled.contains("@VERSION@") && !filled.contains("<releases/>"));
        assert!(filled.contains(&format!("<id>{APP_ID}</id>")));
    }

    #[test]
    fn gzip_is_reproducible() {
        assert_eq!(gzip(b"page").unwrap(), gzip(b"page").unwrap());
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip(b"page").unwrap()[..]), &mut decoded)
            .unwrap();
        assert_eq!(decoded, "page");
    }
}
