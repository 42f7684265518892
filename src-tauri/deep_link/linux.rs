//! Registers SpotLink as the user's handler of `spotlink://` links on Linux.
//!
//! The deep-link plugin's `register_all()` writes an `Exec` line with the binary's
//! path in double quotes. `gio open` reads that, but xdg-utils 1.1.3's `xdg-open` in
//! generic mode (no desktop environment detected: bare window managers, and how
//! browsers hand custom schemes over) takes the first word of `Exec` literally,
//! quotes included, and fails. So the entry is written here, quoting the path only
//! when the Desktop Entry spec requires it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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
         Comment=Receives Spotify sign-in links for {name}\n\
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
    let mut in_defaults = false;
    for line in mimeapps.lines().map(str::trim) {
        if line.starts_with('[') {
            in_defaults = line == "[Default Applications]";
        } else if in_defaults {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            if key.trim() == mime {
                return value.split(';').map(str::trim).find(|v| !v.is_empty());
            }
        }
    }
    None
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
