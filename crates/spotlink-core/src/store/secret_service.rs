//! The Linux keychain: the freedesktop Secret Service (GNOME Keyring, KWallet,
//! KeePassXC) over one D-Bus connection and one encrypted session per store, opened on
//! first use and reused by every call after it. Reads before that connection is needed
//! take a quicker way first ([`quick`]).
//!
//! Items look exactly as the `keyring` crate (v3) made them, so a link saved by an
//! earlier SpotLink is found, and an earlier SpotLink finds what this one saves; see
//! `keyring-3.6.3/src/secret_service.rs`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use secret_service::blocking::{Item, SecretService};
use secret_service::{EncryptionType, Error};
use zeroize::Zeroizing;

use super::{SecretStore, StoreError};
use crate::i18n::Message;
use crate::msg;

mod quick;

/// The `target` attribute keyring 3 gives every entry made by `Entry::new`.
const TARGET: &str = "default";
/// The `application` attribute keyring 3 writes; not searched on.
const APPLICATION: &str = "rust-keyring";
/// The version in the labels keyring 3 wrote; kept so Seahorse shows one kind of item.
const KEYRING_VERSION: &str = "3.6.3";
/// The content type keyring 3 gives every secret.
const CONTENT_TYPE: &str = "text/plain";

/// The OS keychain: the Secret Service on the session D-Bus.
///
/// Clones share the connection.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
    connection: Arc<Connection>,
}

/// The connection to the Secret Service, opened lazily and reopened when it breaks.
#[derive(Default)]
struct Connection {
    open: Mutex<Option<Arc<SecretService<'static>>>>,
    opened: AtomicUsize,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("opened", &self.opened.load(Ordering::Relaxed)).finish()
    }
}

/// Why a Secret Service operation failed, before it becomes a [`StoreError`].
enum Failure {
    Service(Error),
    /// Several items match one account: keyring 3 refused to guess, and so do we.
    Ambiguous(usize),
    NotUtf8,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Service(e)
    }
}

impl KeyringStore {
    /// A store under `service`. Nothing is opened until the first call.
    pub fn new(service: impl Into<String>) -> Self {
        Self { service: service.into(), connection: Arc::default() }
    }

    /// How many connections (with their encrypted sessions) this store has opened: one
    /// for a process, unless the Secret Service went away and came back.
    #[doc(hidden)]
    pub fn connections_opened(&self) -> usize {
        self.connection.opened.load(Ordering::SeqCst)
    }

    /// Runs `op` on the open connection. A call that fails on the connection itself (the
    /// keyring daemon restarted, its session is gone, the bus closed) is retried once on
    /// a new connection; every operation here is safe to repeat.
    fn run<T>(&self, op: impl Fn(&SecretService<'_>) -> Result<T, Failure>) -> Result<T, StoreError> {
        let service = self.connection.get()?;
        match op(&service) {
            Err(Failure::Service(e)) if is_connection_failure(&e) => {
                tracing::debug!(error = %e, "the Secret Service connection failed; reconnecting once");
                self.connection.forget(&service);
                let service = self.connection.get()?;
                op(&service).map_err(|e| self.map_failure(e))
            }
            result => result.map_err(|e| self.map_failure(e)),
        }
    }

    /// Every item for `account`, unlocked, searched as keyring 3 searches: by `target`,
    /// `service` and `username` in every collection, then (for entries keyring 1 made,
    /// without `target`) by `service` and `username` in the default collection.
    fn items<'s>(&self, ss: &'s SecretService<'s>, account: &str) -> Result<Vec<Item<'s>>, Error> {
        let found = ss.search_items(self.attributes(account, false))?;
        let mut items = found.unlocked;
        for item in found.locked {
            item.unlock()?;
            items.push(item);
        }
        if !items.is_empty() {
            return Ok(items);
        }
        let collection = match ss.get_default_collection() {
            Ok(collection) => collection,
            // No default collection: no entry of keyring 1's either.
            Err(Error::NoResult) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut items = Vec::new();
        for item in collection.search_items(self.attributes(account, true))? {
            if item.is_locked()? {
                item.unlock()?;
            }
            // `collection` is dropped here: reach the item again through the service.
            items.push(ss.get_item_by_path(item.item_path.clone())?);
        }
        Ok(items)
    }

    /// The attributes keyring 3 searches on; with `legacy`, those of keyring 1 (no `target`).
    fn attributes<'a>(&'a self, account: &'a str, legacy: bool) -> HashMap<&'a str, &'a str> {
        let mut attributes = HashMap::from([("service", self.service.as_str()), ("username", account)]);
        if !legacy {
            attributes.insert("target", TARGET);
        }
        attributes
    }

    fn map_failure(&self, failure: Failure) -> StoreError {
        match failure {
            Failure::Service(e) => map_error(e),
            Failure::Ambiguous(n) => {
                StoreError::Other(msg!("error-store-detail-ambiguous", count = n, service = &self.service))
            }
            Failure::NotUtf8 => StoreError::Other(msg!("error-store-detail-not-utf8")),
        }
    }
}

impl Connection {
    /// The open connection, opening it first if needed. A failed open is not kept:
    /// the next call tries again.
    fn get(&self) -> Result<Arc<SecretService<'static>>, StoreError> {
        // Held while connecting, so concurrent first calls share one connection.
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(service) = open.as_ref() {
            return Ok(Arc::clone(service));
        }
        let service = Arc::new(SecretService::connect(EncryptionType::Dh).map_err(map_connect_error)?);
        self.opened.fetch_add(1, Ordering::SeqCst);
        *open = Some(Arc::clone(&service));
        Ok(service)
    }

    fn is_open(&self) -> bool {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).is_some()
    }

    /// Drops `broken`, unless another call already replaced it.
    fn forget(&self, broken: &Arc<SecretService<'static>>) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.as_ref().is_some_and(|service| Arc::ptr_eq(service, broken)) {
            *open = None;
        }
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        // Until this store needs its connection, a read goes the quick way (one process,
        // one read: `spotlink token`); what that cannot answer takes the full path.
        if !self.connection.is_open() {
            if let quick::Quick::Found(secret) = quick::read(&self.attributes(account, false)) {
                return Ok(Some(secret));
            }
        }
        self.run(|ss| match self.items(ss, account)?.as_slice() {
            [] => Ok(None),
            [item] => match String::from_utf8(item.get_secret()?) {
                Ok(secret) => Ok(Some(Zeroizing::new(secret))),
                Err(e) => {
                    drop(Zeroizing::new(e.into_bytes()));
                    Err(Failure::NotUtf8)
                }
            },
            many => Err(Failure::Ambiguous(many.len())),
        })
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), StoreError> {
        self.run(|ss| match self.items(ss, account)?.as_slice() {
            // keyring 3 updates the item it finds (wherever it is) rather than adding one.
            [item] => Ok(item.set_secret(secret.as_bytes(), CONTENT_TYPE)?),
            [] => {
                let collection = ss.get_default_collection()?;
                if collection.is_locked()? {
                    collection.unlock()?;
                }
                let mut attributes = self.attributes(account, false);
                attributes.insert("application", APPLICATION);
                let label = format!("{account}@{}:{TARGET} (keyring v{KEYRING_VERSION})", self.service);
                collection.create_item(&label, attributes, secret.as_bytes(), true, CONTENT_TYPE)?;
                Ok(())
            }
            many => Err(Failure::Ambiguous(many.len())),
        })
    }

    /// The `username` of every item under this service (as keyring 3 writes them: with
    /// `target`), locked ones included: their attributes can be read without unlocking.
    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        self.run(|ss| {
            let found = ss.search_items(HashMap::from([("service", self.service.as_str()), ("target", TARGET)]))?;
            let mut accounts = Vec::new();
            for item in found.unlocked.iter().chain(&found.locked) {
                if let Some(user) = item.get_attributes()?.remove("username") {
                    accounts.push(user);
                }
            }
            Ok(accounts)
        })
    }

    /// Deletes every item for `account`. (keyring 3 refused when there were several; here
    /// unlinking clears them, which is the way out the ambiguity error points to.)
    fn delete(&self, account: &str) -> Result<bool, StoreError> {
        self.run(|ss| {
            let items = self.items(ss, account)?;
            for item in &items {
                item.delete()?;
            }
            Ok(!items.is_empty())
        })
    }
}

/// True when `e` says the connection or its session is unusable, not the request.
fn is_connection_failure(e: &Error) -> bool {
    matches!(e, Error::Zbus(_) | Error::ZbusFdo(_))
}

/// Opening failed: no bus, no Secret Service on it, or no session with it.
fn map_connect_error(e: Error) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

fn map_error(e: Error) -> StoreError {
    use zbus::fdo;
    match e {
        // Worded for the sentence "the system keychain refused access (…)".
        Error::Locked => StoreError::Denied(msg!("error-store-detail-locked")),
        Error::Prompt => StoreError::Denied(msg!("error-store-detail-prompt-dismissed")),
        Error::PromptDisconnected => StoreError::Denied(msg!("error-store-detail-prompt-unanswered")),
        Error::NoResult => StoreError::Denied(msg!("error-store-detail-no-default-collection")),
        Error::Unavailable | Error::ZbusFdo(fdo::Error::ServiceUnknown(_) | fdo::Error::NameHasNoOwner(_)) => {
            StoreError::Unavailable(e.to_string())
        }
        Error::Zbus(zbus::Error::MethodError(ref name, _, _)) if service_gone(name.as_str()) => {
            StoreError::Unavailable(e.to_string())
        }
        e => StoreError::Other(Message::verbatim(e.to_string())),
    }
}

/// D-Bus errors that mean nothing owns the Secret Service's name.
fn service_gone(error_name: &str) -> bool {
    matches!(error_name, "org.freedesktop.DBus.Error.ServiceUnknown" | "org.freedesktop.DBus.Error.NameHasNoOwner")
}
