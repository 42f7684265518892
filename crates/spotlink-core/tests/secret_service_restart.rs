//! The Linux keychain store when the keyring daemon goes away and comes back: the
//! store's connection (and encrypted session) goes stale and must be replaced, and a
//! failed connect must not be remembered.
//!
//! The test runs its own D-Bus bus and gnome-keyring, so it can stop the daemon without
//! disturbing other tests, and points this process's session bus at them. That is why
//! it is alone in its test binary: no other test shares the changed environment.
#![cfg(target_os = "linux")]

mod common;

use std::path::PathBuf;

use spotlink_core::store::{KeyringStore, SecretStore, StoreError};
use test_support::{PrivateBus, PrivateKeyring as Keyring};

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
