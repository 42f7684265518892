//! The Linux keychain store when the keyring daemon goes away and comes back: the
//! store's connection (and encrypted session) goes stale and must be replaced, and a
//! failed connect must not be remembered.
//!
//! The test runs its own D-Bus bus and gnome-keyring, so it can stop the daemon without
//! disturbing other tests, and points this process's session bus at them. That is why
//! it is alone in its test binary: no other test shares the changed environment.
#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use spotlink_core::store::{KeyringStore, SecretStore, StoreError};
use test_support::{wait_for, PrivateBus};

const SECRETS: &str = "org.freedesktop.secrets";

/// gnome-keyring's Secret Service on `bus`, keeping its keyrings under `home` (so a
/// restarted daemon finds what the previous one stored) and unlocking them.
struct Keyring {
    daemon: Child,
}

impl Keyring {
    fn start(bus: &PrivateBus, home: &Path) -> Self {
        let runtime = home.join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        daemon.stdin.take().unwrap().write_all(b"spotlink-test").unwrap();
        wait_for(|| bus.name_has_owner(SECRETS), "gnome-keyring to own the Secret Service name");
        Self { daemon }
    }

    /// Stops the daemon the way a session ends it (SIGTERM) and waits for it to go.
    fn stop(mut self, bus: &PrivateBus) {
        let status = Command::new("kill").arg(self.daemon.id().to_string()).status().unwrap();
        assert!(status.success());
        self.daemon.wait().unwrap();
        wait_for(|| !bus.name_has_owner(SECRETS), "the Secret Service name to be released");
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

#[test]
fn a_restarted_keyring_daemon_is_reconnected_to() {
    common::require_secret_service();
    let dir = tempfile::tempdir().unwrap();
    let home: PathBuf = dir.path().join("home");
    let bus = PrivateBus::start(dir.path());
    // Safe: this binary's only test, and no thread of it has started using the bus yet.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);

    let keyring = Keyring::start(&bus, &home);
    let store = KeyringStore::new("spotlink-restart-test");
    store.set("ada", "kept").unwrap();
    assert_eq!(store.connections_opened(), 1);

    // The daemon restarts under the store: its session is gone, the bus connection is not.
    keyring.stop(&bus);
    let keyring = Keyring::start(&bus, &home);
    assert_eq!(store.get("ada").unwrap().as_deref().map(String::as_str), Some("kept"));
    assert_eq!(store.connections_opened(), 2, "the stale connection was replaced once");
    assert_eq!(store.get("ada").unwrap().as_deref().map(String::as_str), Some("kept"));
    assert_eq!(store.connections_opened(), 2, "and the new one is kept");

    // No daemon at all: unavailable, and that failure is not remembered.
    keyring.stop(&bus);
    for _ in 0..2 {
        let err = store.get("ada").unwrap_err();
        assert!(matches!(err, StoreError::Unavailable(_)), "{err:?}");
    }
    let _keyring = Keyring::start(&bus, &home);
    assert_eq!(store.get("ada").unwrap().as_deref().map(String::as_str), Some("kept"));
    assert_eq!(store.connections_opened(), 2, "without a connection, a read goes the quick way");
    assert!(store.delete("ada").unwrap());
    assert_eq!(store.connections_opened(), 3);
}
