//! Registers SpotLink as the user's handler of `spotlink://` links on Linux, unless a
//! package already does.
//!
//! An installed package ships a desktop entry in the system's applications directory
//! (`/usr/share/applications/spotlink.desktop`) that hands the links to `/usr/bin/spotlink-app`.
//! A copy run from a build tree (or any binary no system entry names) registers a
//! per-user entry at start-up instead, which wins over the system's; so an installed
//! SpotLink writes no entry of its own and takes back the default from a per-user
//! entry a build-tree run left behind ([`rely_on_package`]).
//!
//! The deep-link plugin's `register_all()` writes an `Exec` line with the binary's
//! path in double quotes. `gio open` reads that, but xdg-utils 1.1.3's `xdg-open` in
//! generic mode (no desktop environment detected: bare window managers, and how
//! browsers hand custom schemes over) takes the first word of `Exec` literally,
//! quotes included, and fails. So the entry is written here, quoting the path only
//! when the Desktop Entry spec requires it.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The comment of the entries this module writes: how a per-user entry is known as
/// SpotLink's own, and so safe to remove.
const OWN_ENTRY_COMMENT: &str = "Comment=Receives Spotify sign-in links for ";

/// Characters that force an `Exec` argument to be quoted (Desktop Entry spec, "The Exec key").
const RESERVED: &[char] =
    &[' ', '\t', '\n', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')', '`'];

/// What registration did, for the log.
#[derive(Debug, PartialEq, Eq)]
pub struct Registered {
    pub file: PathBuf,
    pub rewrote_entry: bool,
    pub set_default: bool,
}

/// One `Exec` argument: as is when it holds no reserved character, otherwise in double
/// quotes with `"`, `` ` ``, `$` and `\` escaped; then `%` doubled (field codes) and
/// backslashes escaped again (the general string escape, applied before quoting).
pub fn exec_argument(arg: &str) -> String {
    let quoted = if arg.contains(RESERVED) {
        let mut out = String::with_capacity(arg.len() + 2);
        out.push('"');
        for c in arg.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    } else {
        arg.to_owned()
    };
    quoted.replace('%', "%%").replace('\\', "\\\\")
}

/// The desktop entry that hands `<scheme>://` URLs to `exec`.
pub fn desktop_entry(name: &str, exec: &str, scheme: &str) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name={name}\n\
         {OWN_ENTRY_COMMENT}{name}\n\
         Exec={} %u\n\
         Terminal=false\n\
         NoDisplay=true\n\
         MimeType=x-scheme-handler/{scheme};\n",
        exec_argument(exec)
    )
}

/// Writes `<applications_dir>/<file_name>` if it differs, refreshes the MIME cache,
/// and makes it the default for `x-scheme-handler/<scheme>` in the user's
/// `mimeapps.list` unless it already is there.
pub fn register(
    applications_dir: &Path,
    file_name: &str,
    entry: &str,
    scheme: &str,
    mimeapps: &Path,
) -> io::Result<Registered> {
    let rewrote_entry = write_entry(applications_dir, file_name, entry)?;
    if rewrote_entry {
        // Optional (desktop-file-utils): without it, lookups still scan the directory.
        if let Err(e) = run("update-desktop-database", &[&applications_dir.to_string_lossy()]) {
            tracing::debug!(error = %e, "update-desktop-database did not run");
        }
    }
    let mime = format!("x-scheme-handler/{scheme}");
    // `xdg-mime query default` would also answer from the MIME cache when nothing is
    // set, so the user's list itself is checked.
    let listed = fs::read_to_string(mimeapps).unwrap_or_default();
    let set_default = default_in(&listed, &mime) != Some(file_name);
    if set_default {
        run("xdg-mime", &["default", file_name, &mime])?;
    }
    Ok(Registered { file: applications_dir.join(file_name), rewrote_entry, set_default })
}

/// The default application for `mime` in a `mimeapps.list` (`[Default Applications]`).
pub fn default_in<'a>(mimeapps: &'a str, mime: &str) -> Option<&'a str> {
    let (_, value) = group_entries(mimeapps, "[Default Applications]").find(|(key, _)| *key == mime)?;
    value.split(';').map(str::trim).find(|v| !v.is_empty())
}

/// The `key=value` lines (trimmed) of every `header` group of an INI-style file, as
/// desktop entries and `mimeapps.list` are; lines of other groups are skipped.
pub(crate) fn group_entries<'a>(text: &'a str, header: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    let mut inside = false;
    text.lines().map(str::trim).filter_map(move |line| {
        if line.starts_with('[') {
            inside = line == header;
            return None;
        }
        let (key, value) = line.split_once('=').filter(|_| inside)?;
        Some((key.trim(), value.trim()))
    })
}

/// What an installed SpotLink did about the per-user handler, for the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// SpotLink's own per-user entry (left by a build-tree run), now removed.
    pub removed: Option<PathBuf>,
    /// The user's default pointed at that entry and now names the package's.
    pub reset_default: bool,
    /// The user's default names an entry that is not SpotLink's: links go there.
    pub foreign_default: Option<String>,
}

/// The system-wide desktop entry that hands `<scheme>://` links to the program at
/// `exe`: a `*.desktop` file in `<data dir>/applications` (XDG_DATA_DIRS, in order)
/// whose `MimeType` lists `x-scheme-handler/<scheme>` and whose `Exec` runs `exe`,
/// by absolute path or by a name found in `path_env`. `None` for a build tree.
pub fn package_entry(data_dirs: &[PathBuf], scheme: &str, exe: &Path, path_env: Option<&OsStr>) -> Option<PathBuf> {
    let exe = fs::canonicalize(exe).ok()?;
    let mime = format!("x-scheme-handler/{scheme}");
    for dir in data_dirs {
        let Ok(entries) = fs::read_dir(dir.join("applications")) else { continue };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension() == Some(OsStr::new("desktop")))
            .collect();
        files.sort();
        for file in files {
            let Ok(text) = fs::read_to_string(&file) else { continue };
            let Some(entry) = DesktopEntry::parse(&text) else { continue };
            let handles = entry.mime_types.iter().any(|m| *m == mime);
            let runs_exe = entry.program().and_then(|p| resolve_program(p, path_env)).as_deref() == Some(exe.as_path());
            if handles && runs_exe {
                return Some(file);
            }
        }
    }
    None
}

/// XDG_DATA_DIRS, or the specification's default when it is unset or empty.
pub fn data_dirs(value: Option<&OsStr>) -> Vec<PathBuf> {
    let dirs: Vec<PathBuf> =
        value.map(|v| std::env::split_paths(v).filter(|p| p.is_absolute()).collect()).unwrap_or_default();
    if dirs.is_empty() {
        vec![PathBuf::from("/usr/local/share"), PathBuf::from("/usr/share")]
    } else {
        dirs
    }
}

/// For an installed SpotLink (whose handler is the package entry `package_id`):
/// removes SpotLink's own per-user entry `own_file_name` if one is there, and if the
/// user's `mimeapps.list` names that entry as the default, names the package's
/// instead. A default that names another program is reported, not changed: the user
/// (or that program) chose it.
pub fn rely_on_package(
    applications_dir: &Path,
    own_file_name: &str,
    package_id: &str,
    scheme: &str,
    mimeapps: &Path,
) -> io::Result<Repaired> {
    let mut repaired = Repaired::default();
    let own = applications_dir.join(own_file_name);
    if fs::read_to_string(&own).is_ok_and(|text| text.lines().any(|l| l.starts_with(OWN_ENTRY_COMMENT))) {
        fs::remove_file(&own)?;
        if let Err(e) = run("update-desktop-database", &[&applications_dir.to_string_lossy()]) {
            tracing::debug!(error = %e, "update-desktop-database did not run");
        }
        repaired.removed = Some(own);
    }
    let listed = fs::read_to_string(mimeapps).unwrap_or_default();
    match user_default(&listed, scheme, own_file_name, package_id) {
        UserDefault::OwnEntry => {
            run("xdg-mime", &["default", package_id, &format!("x-scheme-handler/{scheme}")])?;
            repaired.reset_default = true;
        }
        UserDefault::Foreign(id) => repaired.foreign_default = Some(id),
        UserDefault::NoneOrPackage => {}
    }
    Ok(repaired)
}

/// What the user's `mimeapps.list` says of `<scheme>://` links, seen by an installed SpotLink.
#[derive(Debug, PartialEq, Eq)]
pub enum UserDefault {
    /// Nothing, or the package's entry: the system's default applies.
    NoneOrPackage,
    /// SpotLink's own per-user entry, which a build-tree run set.
    OwnEntry,
    /// Another program's entry.
    Foreign(String),
}

/// Reads the user's default for `<scheme>://` links out of a `mimeapps.list`.
pub fn user_default(mimeapps: &str, scheme: &str, own_file_name: &str, package_id: &str) -> UserDefault {
    match default_in(mimeapps, &format!("x-scheme-handler/{scheme}")) {
        Some(id) if id == own_file_name => UserDefault::OwnEntry,
        Some(id) if id != package_id => UserDefault::Foreign(id.to_owned()),
        _ => UserDefault::NoneOrPackage,
    }
}

/// The keys of a desktop entry's main group that matter here.
#[derive(Debug, Default, PartialEq, Eq)]
struct DesktopEntry<'a> {
    exec: Option<&'a str>,
    mime_types: Vec<&'a str>,
}

impl<'a> DesktopEntry<'a> {
    /// Reads the `[Desktop Entry]` group; `None` when there is none.
    fn parse(text: &'a str) -> Option<Self> {
        const HEADER: &str = "[Desktop Entry]";
        if !text.lines().any(|line| line.trim() == HEADER) {
            return None;
        }
        let mut entry = DesktopEntry::default();
        for (key, value) in group_entries(text, HEADER) {
            match key {
                "Exec" => entry.exec = Some(value),
                "MimeType" => entry.mime_types = value.split(';').map(str::trim).filter(|m| !m.is_empty()).collect(),
                _ => {}
            }
        }
        Some(entry)
    }

    /// The program `Exec` runs: its first word, unquoted (Desktop Entry spec, "The Exec key":
    /// the string escapes first, then the quoting rules).
    fn program(&self) -> Option<String> {
        let exec = unescape_string(self.exec?);
        let exec = exec.trim_start();
        if let Some(rest) = exec.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = rest.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.push(chars.next()?),
                    '"' => return Some(out),
                    c => out.push(c),
                }
            }
            None
        } else {
            exec.split_whitespace().next().map(str::to_owned)
        }
    }
}

/// A desktop entry string value with its escapes (`\\s`, `\\n`, `\\t`, `\\r`, `\\\\`) resolved.
fn unescape_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other)
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The file a program name runs: itself when absolute, else the first match in `path_env`.
fn resolve_program(program: String, path_env: Option<&OsStr>) -> Option<PathBuf> {
    let program = PathBuf::from(program);
    if program.is_absolute() {
        return fs::canonicalize(program).ok();
    }
    if program.components().count() != 1 {
        return None;
    }
    std::env::split_paths(path_env?)
        .map(|dir| dir.join(&program))
        .find(|p| p.is_file())
        .and_then(|p| fs::canonicalize(p).ok())
}

/// Replaces the entry atomically when its content differs; returns whether it did.
fn write_entry(applications_dir: &Path, file_name: &str, entry: &str) -> io::Result<bool> {
    let file = applications_dir.join(file_name);
    if fs::read_to_string(&file).ok().as_deref() == Some(entry) {
        return Ok(false);
    }
    fs::create_dir_all(applications_dir)?;
    let tmp = applications_dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    fs::write(&tmp, entry)?;
    fs::rename(&tmp, &file)?;
    Ok(true)
}

/// Runs a helper and returns its standard output; a non-zero exit is an error.
fn run(program: &str, args: &[&str]) -> io::Result<String> {
    let output = Command::new(program).args(args).stdin(Stdio::null()).stderr(Stdio::piped()).output()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(io::Error::other(format!("{program} failed ({}): {}", output.status, stderr.trim())));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_stay_unquoted() {
        assert_eq!(exec_argument("/work/target/debug/spotlink-app"), "/work/target/debug/spotlink-app");
        assert_eq!(exec_argument("/opt/SpotLink_1.0-x86.AppImage"), "/opt/SpotLink_1.0-x86.AppImage");
    }

    #[test]
    fn special_paths_are_quoted_and_escaped() {
        assert_eq!(exec_argument("/home/ada/My Apps/spotlink"), "\"/home/ada/My Apps/spotlink\"");
        // `$` and `"` get one backslash (quoting rule), which the string rule then doubles.
        assert_eq!(exec_argument("/a$b"), "\"/a\\\\$b\"");
        assert_eq!(exec_argument("/a\"b"), "\"/a\\\\\"b\"");
        // A backslash: escaped for quoting (\\) and again as a string (\\\\).
        assert_eq!(exec_argument("/a\\b"), "\"/a\\\\\\\\b\"");
        assert_eq!(exec_argument("/100%/x"), "/100%%/x");
    }

    #[test]
    fn entry_is_what_xdg_open_and_gio_expect() {
        let entry = desktop_entry("SpotLink", "/usr/bin/spotlink-app", "spotlink");
        assert!(entry.starts_with("[Desktop Entry]\n"));
        assert!(entry.contains("\nExec=/usr/bin/spotlink-app %u\n"), "{entry}");
        assert!(entry.contains("\nMimeType=x-scheme-handler/spotlink;\n"), "{entry}");
        assert!(entry.contains("\nNoDisplay=true\n"));
    }

    #[test]
    fn reads_the_default_from_mimeapps_list() {
        let list = "[Added Associations]\nx-scheme-handler/spotlink=other.desktop;\n\n\
                    [Default Applications]\ntext/html=firefox.desktop\n\
                    x-scheme-handler/spotlink=spotlink-app-handler.desktop;old.desktop;\n";
        assert_eq!(default_in(list, "x-scheme-handler/spotlink"), Some("spotlink-app-handler.desktop"));
        assert_eq!(default_in(list, "x-scheme-handler/other"), None);
        assert_eq!(
            default_in("[Added Associations]\nx-scheme-handler/spotlink=a.desktop;\n", "x-scheme-handler/spotlink"),
            None
        );
        assert_eq!(default_in("", "x-scheme-handler/spotlink"), None);
    }

    #[test]
    fn exec_program_round_trips_what_we_write() {
        for path in ["/usr/bin/spotlink-app", "/home/ada/My Apps/spotlink", "/a$b", "/a\"b", "/a\\b", "/100%/x"] {
            let entry = desktop_entry("SpotLink", path, "spotlink");
            let parsed = DesktopEntry::parse(&entry).expect("a main group");
            // `%%` is the field-code escape, resolved by launchers after unquoting.
            assert_eq!(parsed.program().map(|p| p.replace("%%", "%")).as_deref(), Some(path), "{entry}");
        }
        let plain =
            DesktopEntry::parse("[Desktop Entry]\nExec=spotlink-app %u\nMimeType=a/b;x-scheme-handler/spotlink;\n")
                .unwrap();
        assert_eq!(plain.program().as_deref(), Some("spotlink-app"));
        assert_eq!(plain.mime_types, ["a/b", "x-scheme-handler/spotlink"]);
        // Keys of other groups (actions) do not count.
        let action = DesktopEntry::parse("[Desktop Entry]\nName=x\n[Desktop Action new]\nExec=/evil %u\n").unwrap();
        assert_eq!(action.exec, None);
        assert_eq!(DesktopEntry::parse("[Other]\nExec=x\n"), None);
    }

    /// A temporary tree with a fake `bin/` and a system `share/applications/`.
    fn tree(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("spotlink-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("bin")).unwrap();
        fs::create_dir_all(dir.join("share/applications")).unwrap();
        fs::create_dir_all(dir.join("build")).unwrap();
        fs::write(dir.join("bin/spotlink-app"), "").unwrap();
        fs::write(dir.join("build/spotlink-app"), "").unwrap();
        dir
    }

    #[test]
    fn finds_the_package_entry_that_runs_this_binary() {
        let dir = tree("package-entry");
        let data_dirs = [dir.join("none"), dir.join("share")];
        let path_env = std::env::join_paths([dir.join("empty"), dir.join("bin")]).unwrap();
        let installed = dir.join("bin/spotlink-app");
        let built = dir.join("build/spotlink-app");
        let find = |exe: &Path| package_entry(&data_dirs, "spotlink", exe, Some(&path_env));

        assert_eq!(find(&installed), None, "no entry yet");
        let entry = dir.join("share/applications/spotlink.desktop");
        fs::write(&entry, "[Desktop Entry]\nType=Application\nName=SpotLink\nExec=spotlink-app %u\nMimeType=x-scheme-handler/spotlink;\n").unwrap();
        assert_eq!(find(&installed), Some(entry.clone()), "by name on PATH");
        assert_eq!(find(&built), None, "a build tree is not the package's binary");

        fs::write(
            &entry,
            format!("[Desktop Entry]\nExec={} %u\nMimeType=x-scheme-handler/spotlink;\n", installed.display()),
        )
        .unwrap();
        assert_eq!(find(&installed), Some(entry.clone()), "by absolute path");
        fs::write(&entry, "[Desktop Entry]\nExec=spotlink-app %u\nMimeType=x-scheme-handler/other;\n").unwrap();
        assert_eq!(find(&installed), None, "an entry for another scheme");
        assert_eq!(package_entry(&data_dirs, "spotlink", &installed, None), None, "no PATH, no name lookup");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn xdg_data_dirs_default_to_the_specification() {
        let defaults = [PathBuf::from("/usr/local/share"), PathBuf::from("/usr/share")];
        assert_eq!(data_dirs(None), defaults);
        assert_eq!(data_dirs(Some(OsStr::new(""))), defaults);
        assert_eq!(
            data_dirs(Some(OsStr::new("/opt/share:relative:/usr/share"))),
            [PathBuf::from("/opt/share"), PathBuf::from("/usr/share")]
        );
    }

    #[test]
    fn reads_what_the_user_default_means_for_an_installed_app() {
        let own = "spotlink-app-handler.desktop";
        let list = |id: &str| format!("[Default Applications]\nx-scheme-handler/spotlink={id};\n");
        assert_eq!(user_default("", "spotlink", own, "spotlink.desktop"), UserDefault::NoneOrPackage);
        assert_eq!(
            user_default(&list("spotlink.desktop"), "spotlink", own, "spotlink.desktop"),
            UserDefault::NoneOrPackage
        );
        assert_eq!(user_default(&list(own), "spotlink", own, "spotlink.desktop"), UserDefault::OwnEntry);
        assert_eq!(
            user_default(&list("evil.desktop"), "spotlink", own, "spotlink.desktop"),
            UserDefault::Foreign("evil.desktop".into())
        );
    }

    #[test]
    fn an_installed_app_removes_only_its_own_per_user_entry() {
        let dir = tree("rely-on-package");
        let apps = dir.join("apps");
        fs::create_dir_all(&apps).unwrap();
        let mimeapps = dir.join("mimeapps.list");
        let own = "spotlink-app-handler.desktop";
        // Someone else's file under SpotLink's name stays; so does an empty mimeapps.list.
        fs::write(apps.join(own), "[Desktop Entry]\nExec=/other %u\n").unwrap();
        let done = rely_on_package(&apps, own, "spotlink.desktop", "spotlink", &mimeapps).unwrap();
        assert_eq!(done, Repaired::default());
        assert!(apps.join(own).exists());
        // SpotLink's own entry from a build tree goes.
        fs::write(apps.join(own), desktop_entry("SpotLink", "/src/target/debug/spotlink-app", "spotlink")).unwrap();
        fs::write(&mimeapps, "[Default Applications]\nx-scheme-handler/spotlink=evil.desktop;\n").unwrap();
        let done = rely_on_package(&apps, own, "spotlink.desktop", "spotlink", &mimeapps).unwrap();
        assert_eq!(done.removed, Some(apps.join(own)));
        assert!(!apps.join(own).exists());
        assert_eq!(done.foreign_default.as_deref(), Some("evil.desktop"), "reported, not changed");
        assert!(!done.reset_default);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn rewrites_only_when_changed() {
        let dir = std::env::temp_dir().join(format!("spotlink-handler-test-{}", std::process::id()));
        let entry = desktop_entry("SpotLink", "/usr/bin/spotlink-app", "spotlink");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("x-handler.desktop"), "[Desktop Entry]\nExec=\"/old\" %u\n").unwrap();
        assert!(write_entry(&dir, "x-handler.desktop", &entry).unwrap());
        assert_eq!(fs::read_to_string(dir.join("x-handler.desktop")).unwrap(), entry);
        assert!(!write_entry(&dir, "x-handler.desktop", &entry).unwrap(), "idempotent");
        fs::remove_dir_all(&dir).unwrap();
    }
}
