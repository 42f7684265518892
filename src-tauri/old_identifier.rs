//! Before 0.1.0 was packaged, SpotLink ran as `dev.spotlink.app` (an identifier ending
//! in `.app` clashes with macOS bundle names). Two things were keyed by it: the
//! single-instance D-Bus name, which lives only as long as the process, and WebKit's
//! data directory, `$XDG_DATA_HOME/dev.spotlink.app`. The window keeps nothing there
//! (no web storage, no cookies: `tests/ui_storage.rs`; everything it shows comes from
//! Rust), so nothing is lost by the move; this removes the old caches once.

use std::fs;
use std::io;
use std::path::Path;

/// The identifier development builds used.
pub const OLD_IDENTIFIER: &str = "dev.spotlink.app";

/// What WebKitGTK creates in a data directory; anything else there is not ours to delete.
const WEBKIT_ENTRIES: &[&str] = &[
    "CacheStorage",
    "WebKitCache",
    "databases",
    "deviceidhashsalts",
    "hsts-storage.sqlite",
    "indexeddb",
    "localstorage",
    "mediakeys",
    "serviceworkers",
    "storage",
];

/// Removes `<data_dir>/dev.spotlink.app` when it holds nothing but WebKit's own entries.
/// Returns whether it did.
pub fn remove_old_webview_data(data_dir: &Path) -> io::Result<bool> {
    let dir = data_dir.join(OLD_IDENTIFIER);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let name = entry?.file_name();
        if !WEBKIT_ENTRIES.iter().any(|known| name == *known) {
            tracing::debug!(entry = ?name, "the old webview directory holds something else; leaving it");
            return Ok(false);
        }
    }
    fs::remove_dir_all(&dir)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_a_directory_of_webkit_data() {
        let data = std::env::temp_dir().join(format!("spotlink-old-id-{}", std::process::id()));
        let old = data.join(OLD_IDENTIFIER);
        fs::create_dir_all(old.join("WebKitCache/Version 16")).unwrap();
        fs::write(old.join("hsts-storage.sqlite"), b"").unwrap();
        fs::create_dir_all(old.join("storage")).unwrap();
        fs::write(old.join("notes.txt"), b"the user's").unwrap();
        assert!(!remove_old_webview_data(&data).unwrap(), "an unknown file keeps the directory");
        assert!(old.join("notes.txt").exists());

        fs::remove_file(old.join("notes.txt")).unwrap();
        assert!(remove_old_webview_data(&data).unwrap());
        assert!(!old.exists());
        assert!(!remove_old_webview_data(&data).unwrap(), "nothing left to remove");
        fs::remove_dir_all(&data).unwrap();
    }
}
