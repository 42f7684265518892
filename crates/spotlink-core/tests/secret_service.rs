//! The Linux keychain store against the real Secret Service: items stay compatible
//! with those the `keyring` crate (v3) wrote, as libsecret's `secret-tool` and GLib's `gdbus` see them,
//! and one store keeps one connection however many calls it serves.
#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use spotlink_core::store::{KeyringStore, SecretStore, StoreError};

fn unique_service(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("spotlink-ss-{what}-{}-{nanos}", std::process::id())
}

fn secret_tool(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new("secret-tool")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("secret-tool (libsecret-tools) is installed");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// Stores an item as keyring 3 did (`attributes` besides `service` and `username`).
fn store_with_secret_tool(label: &str, service: &str, account: &str, attributes: &[&str], secret: &str) {
    let label = format!("--label={label}");
    let mut args = vec!["store", label.as_str(), "service", service, "username", account];
    args.extend_from_slice(attributes);
    let out = secret_tool(&args, Some(secret));
    assert!(out.status.success(), "secret-tool store: {}", String::from_utf8_lossy(&out.stderr));
}

/// What `secret-tool lookup` finds for these attributes, if anything.
fn lookup(attributes: &[&str]) -> Option<String> {
    let mut args = vec!["lookup"];
    args.extend_from_slice(attributes);
    let out = secret_tool(&args, None);
    out.status.success().then(|| String::from_utf8(out.stdout).unwrap())
}

/// Calls the Secret Service with `gdbus` (GLib's D-Bus tool); returns its printed reply.
fn gdbus(object: &str, method: &str, args: &[&str]) -> String {
    let out = Command::new("gdbus")
        .args(["call", "--session", "--dest", "org.freedesktop.secrets", "--object-path", object, "--method", method])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "gdbus {method}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The object paths of every item whose attributes include `attributes` (pairs).
fn items(attributes: &[(&str, &str)]) -> Vec<String> {
    let dict: Vec<String> = attributes.iter().map(|(k, v)| format!("'{k}': '{v}'")).collect();
    let reply = gdbus(
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.SearchItems",
        &[&format!("{{{}}}", dict.join(", "))],
    );
    reply.split('\'').filter(|part| part.starts_with("/org/freedesktop/secrets/")).map(str::to_owned).collect()
}

/// An item's property (`Label`, `Attributes`) as gdbus prints it.
fn item_property(item: &str, name: &str) -> String {
    gdbus(item, "org.freedesktop.DBus.Properties.Get", &["org.freedesktop.Secret.Item", name])
}

/// The object path of the collection behind the `default` alias.
fn default_collection() -> String {
    let reply = gdbus("/org/freedesktop/secrets", "org.freedesktop.Secret.Service.ReadAlias", &["default"]);
    reply.split('\'').nth(1).unwrap().to_owned()
}

fn in_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(f).join().unwrap()
}

#[test]
fn finds_what_keyring_3_wrote_and_keyring_3_finds_what_it_writes() {
    common::require_secret_service();
    let service = unique_service("compat");
    let keyring3 = ["application", "rust-keyring", "target", "default"];
    store_with_secret_tool(&format!("ada@{service}:default (keyring v3.6.3)"), &service, "ada", &keyring3, "old");
    let store = KeyringStore::new(service.clone());
    assert_eq!(store.get("ada").unwrap().as_deref().map(String::as_str), Some("old"));

    // Replacing updates that item in place; no second item appears.
    store.set("ada", "new").unwrap();
    assert_eq!(lookup(&["service", &service, "username", "ada"]).as_deref(), Some("new"));
    assert_eq!(items(&[("service", &service)]).len(), 1);

    // A new item carries keyring 3's attributes and label, in the default collection.
    store.set("bob", "b-secret").unwrap();
    let all = ["service", &service, "username", "bob", "application", "rust-keyring", "target", "default"];
    assert_eq!(lookup(&all).as_deref(), Some("b-secret"));
    let bob = items(&[("service", &service), ("username", "bob")]);
    assert_eq!(bob.len(), 1);
    let label = item_property(&bob[0], "Label");
    assert!(label.contains(&format!("'bob@{service}:default (keyring v3.6.3)'")), "{label}");
    let attributes = item_property(&bob[0], "Attributes");
    for pair in ["'application': 'rust-keyring'", "'target': 'default'", "'username': 'bob'"] {
        assert!(attributes.contains(pair), "{pair} in {attributes}");
    }
    assert!(bob[0].starts_with(&format!("{}/", default_collection())), "{bob:?}");

    // keyring 1 wrote no `target`; keyring 3 still found such items, and so does this store.
    store_with_secret_tool("carol, from keyring 1", &service, "carol", &[], "c-secret");
    assert_eq!(store.get("carol").unwrap().as_deref().map(String::as_str), Some("c-secret"));

    assert!(store.delete("ada").unwrap());
    assert_eq!(lookup(&["service", &service, "username", "ada"]), None);
    assert!(!store.delete("ada").unwrap());
    assert_eq!(store.get("ada").unwrap(), None);
    assert!(store.delete("bob").unwrap() && store.delete("carol").unwrap());
    assert!(items(&[("service", &service)]).is_empty());
}

/// A store's reads before it opens its connection take the quick way (its own session
/// with a fast key exchange): same answers, no connection of the full path.
#[test]
fn a_first_read_takes_the_quick_way_and_finds_what_the_full_way_finds() {
    common::require_secret_service();
    let service = unique_service("quick");
    let keyring3 = ["application", "rust-keyring", "target", "default"];
    let record = r#"{"refresh_token":"r-é-ü","access_token":"a"}"#;
    store_with_secret_tool(&format!("ada@{service}:default (keyring v3.6.3)"), &service, "ada", &keyring3, record);
    let reader = KeyringStore::new(service.clone());
    assert_eq!(reader.get("ada").unwrap().as_deref().map(String::as_str), Some(record));
    assert_eq!(reader.connections_opened(), 0, "the quick read answered");
    // What it cannot answer (here: nothing there) goes the full way, which opens the connection.
    assert_eq!(reader.get("nobody").unwrap(), None);
    assert_eq!(reader.connections_opened(), 1);
    // From then on every call uses that connection.
    assert_eq!(reader.get("ada").unwrap().as_deref().map(String::as_str), Some(record));
    assert_eq!(reader.connections_opened(), 1);
    assert!(reader.delete("ada").unwrap());
}

#[test]
fn several_items_for_one_account_are_refused_on_read_and_removed_by_delete() {
    common::require_secret_service();
    let service = unique_service("ambiguous");
    let store = KeyringStore::new(service.clone());
    // Two items keyring 3 would both match (secret-tool replaces only exact attribute matches).
    for copy in ["1", "2"] {
        let attributes = ["application", "rust-keyring", "target", "default", "copy", copy];
        store_with_secret_tool("ada", &service, "ada", &attributes, &format!("secret-{copy}"));
    }
    let err = store.get("ada").unwrap_err();
    assert!(matches!(&err, StoreError::Other(detail) if detail.english().contains("2 entries")), "{err:?}");
    assert!(matches!(store.set("ada", "x"), Err(StoreError::Other(_))));
    assert_eq!(items(&[("service", &service)]).len(), 2);
    assert!(store.delete("ada").unwrap());
    assert!(items(&[("service", &service)]).is_empty());
    assert_eq!(store.get("ada").unwrap(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn one_connection_serves_every_call_from_any_thread() {
    common::require_secret_service();
    let store = Arc::new(KeyringStore::new(unique_service("reuse")));
    assert_eq!(store.connections_opened(), 0, "nothing is opened before the first call");

    // From a plain thread, from tokio's blocking pool (as the engine calls it), from a clone.
    let s = Arc::clone(&store);
    in_thread(move || {
        for i in 0..10 {
            s.set("ada", &format!("secret-{i}")).unwrap();
            assert_eq!(s.get("ada").unwrap().as_deref(), Some(&format!("secret-{i}")));
        }
    });
    let s = Arc::clone(&store);
    tokio::task::spawn_blocking(move || s.get("ada").unwrap()).await.unwrap();
    let clone = (*store).clone();
    let mut concurrent = Vec::new();
    for _ in 0..4 {
        let clone = clone.clone();
        concurrent.push(tokio::task::spawn_blocking(move || clone.get("ada").unwrap().is_some()));
    }
    for call in concurrent {
        assert!(call.await.unwrap());
    }
    // Straight from an async task: blocks this worker, but must not deadlock.
    assert!(store.delete("ada").unwrap());

    assert_eq!(store.connections_opened(), 1, "26 calls, one connection");
    assert_eq!(KeyringStore::new("another").connections_opened(), 0, "separate stores count separately");
}
