//! Failure drills (issue 13) for what the engine writes to disk: the settings file on a
//! disk that is full or read-only for real (a small tmpfs; root only, skipped with a
//! message where mounting is not permitted). The state file and the refresh lock are
//! drilled end to end through the CLI (`crates/spotlink-cli/tests/drills.rs`).
#![cfg(target_os = "linux")]

use spotlink_core::config::{read_file_config, write_file_config, FileConfig};
use test_support::Tmpfs;

/// Drill: saving the settings (the app's setup screen and switches) on a full, then a
/// read-only disk fails with a sentence naming the file and the cause, and leaves the
/// previous file whole and no temporary file behind.
#[test]
fn drill_settings_on_a_full_or_read_only_disk_keep_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let config_home = dir.path().join("config");
    let tmpfs = match Tmpfs::mount(&config_home, "64k") {
        Ok(tmpfs) => tmpfs,
        Err(why) => {
            eprintln!(
                "SKIPPED drill_settings_on_a_full_or_read_only_disk_keep_the_old_file: cannot mount a tmpfs ({why})"
            );
            return;
        }
    };
    let path = config_home.join("spotlink/config.toml");
    let old = FileConfig { client_id: Some("0123456789abcdef0123456789abcdef".into()), ..FileConfig::default() };
    write_file_config(&path, &old).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let new = FileConfig { notifications: Some(false), keep_in_tray: Some(true), ..old.clone() };
    let names = || -> Vec<String> {
        std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into())
            .collect()
    };

    tmpfs.fill();
    for (what, cause) in [("full", "No space left on device"), ("read-only", "Read-only file system")] {
        if what == "read-only" {
            tmpfs.empty();
            tmpfs.set_read_only(true);
        }
        let err = write_file_config(&path, &new).unwrap_err().to_string();
        assert!(err.starts_with(&format!("cannot write {}: ", path.display())) && err.contains(cause), "{what}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{what}: the old file is whole");
        assert_eq!(read_file_config(&path).unwrap(), old);
        assert_eq!(names(), ["config.toml"], "{what}: no temporary file is left");
    }
    tmpfs.set_read_only(false);
    write_file_config(&path, &new).unwrap();
    assert_eq!(read_file_config(&path).unwrap(), new);
}
