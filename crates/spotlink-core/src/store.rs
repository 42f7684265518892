//! Where links are kept: the secret part in the OS keychain, one entry per linked
//! account, and a small non-secret state file listing the linked accounts ([`crate::state`]).
//!
//! Keychain entries: service `spotlink` (see [`crate::config::Config::keyring_service`]),
//! user = the Spotify account id, password = a compact JSON [`LinkRecord`].
//! Windows' Credential Manager caps a credential at 2560 bytes (stored as UTF-16),
//! so the record is kept under [`MAX_RECORD_UTF16`] units by dropping the cached
//! profile extras (which are re-read from Spotify) when needed.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::config::{atomic_write, Paths};
use crate::i18n::Message;
use crate::lock::RefreshLock;
use crate::msg;
use crate::reminders::Notified;
use crate::scopes::ScopeSet;
use crate::secret::{AccessToken, RefreshToken};
pub use crate::state::{AccountState, LinkState};

/// The keychain entry that holds a sign-in in progress (its PKCE verifier and state)
/// while the browser is open. `:` cannot appear in a Spotify user id.
pub const PENDING_ENTRY: &str = ":pending-sign-in";

/// Windows: 2560 bytes = 1280 UTF-16 units; leave headroom.
pub const MAX_RECORD_UTF16: usize = 1200;

/// Why the keychain or the state file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain to talk to (the OS's words).
    Unavailable(String),
    /// The OS's words, or SpotLink's where it knows why (locked, prompt dismissed).
    Denied(Message),
    /// `op` is what SpotLink was doing: "read the link", "save the link", ...
    Timeout { op: Message, secs: u64 },
    /// The entry is there but is not a SpotLink record SpotLink can use (damaged, cut
    /// off, written by another program or a newer version). It is left in place: linking
    /// again replaces it.
    Corrupt { account: String, detail: Message },
    /// The record is longer than the keychain takes, in UTF-16 units.
    TooLarge(usize),
    /// The state file cannot be read, written or understood.
    StateFile { path: PathBuf, detail: Message },
    /// Any other keychain failure.
    Other(Message),
}

impl StoreError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            StoreError::Unavailable(detail) => {
                if cfg!(target_os = "linux") {
                    msg!("error-store-unavailable-linux", detail = detail)
                } else if cfg!(target_os = "macos") {
                    msg!("error-store-unavailable-macos", detail = detail)
                } else {
                    msg!("error-store-unavailable-windows", detail = detail)
                }
            }
            StoreError::Denied(detail) => msg!("error-store-denied", detail = detail.clone()),
            StoreError::Timeout { op, secs } => msg!("error-store-timeout", operation = op.clone(), secs = *secs),
            StoreError::Corrupt { account, detail } => {
                msg!("error-store-corrupt", account = account, detail = detail.clone())
            }
            StoreError::TooLarge(units) => msg!("error-store-too-large", units = *units),
            StoreError::StateFile { path, detail } => {
                msg!("error-store-state-file", path = path.display().to_string(), detail = detail.clone())
            }
            StoreError::Other(detail) => msg!("error-store-other", detail = detail.clone()),
        }
    }
}

crate::display_in_english!(StoreError);

/// A keychain: blocking get/set/delete of one secret string per account.
pub trait SecretStore: Send + Sync + 'static {
    /// The secret stored for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError>;
    /// Stores (replaces) the secret for `account`.
    fn set(&self, account: &str, secret: &str) -> Result<(), StoreError>;
    /// Deletes the secret for `account`; returns whether there was one.
    fn delete(&self, account: &str) -> Result<bool, StoreError>;
    /// Every account with a secret under this store's service, where the keychain can
    /// list them (the Secret Service can; through the `keyring` crate, the macOS Keychain
    /// and the Windows Credential Manager are not listed, and this is empty).
    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        Ok(Vec::new())
    }
}

#[cfg(not(target_os = "linux"))]
mod keyring;
#[cfg(target_os = "linux")]
mod secret_service;

#[cfg(not(target_os = "linux"))]
pub use self::keyring::KeyringStore;
#[cfg(target_os = "linux")]
pub use self::secret_service::KeyringStore;

/// An in-memory keychain for unit tests of logic (never the proof that storage works).
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, String>>,
    unavailable: std::sync::atomic::AtomicBool,
}

impl MemoryStore {
    /// Makes every call fail as if no keychain were running.
    pub fn set_unavailable(&self, unavailable: bool) {
        self.unavailable.store(unavailable, std::sync::atomic::Ordering::SeqCst);
    }

    fn check(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, String>>, StoreError> {
        if self.unavailable.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::Unavailable("memory store switched off".into()));
        }
        Ok(self.entries.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        Ok(self.check()?.get(account).cloned().map(Zeroizing::new))
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), StoreError> {
        self.check()?.insert(account.to_owned(), secret.to_owned());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<bool, StoreError> {
        Ok(self.check()?.remove(account).is_some())
    }
    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.check()?.keys().cloned().collect())
    }
}

/// The linked account, as far as the keychain record knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub product: Option<String>,
    pub country: Option<String>,
    pub image_url: Option<String>,
    pub profile_url: Option<String>,
}

/// An access token with its expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedToken {
    pub token: AccessToken,
    /// Counted on this computer's clock when the token came (then + `expires_in`).
    pub expires_at: OffsetDateTime,
    /// When the token came, on this computer's clock (`None` in records written before
    /// SpotLink kept it).
    pub obtained_at: Option<OffsetDateTime>,
}

/// How far the clock may be set back (NTP corrections) before a cached token's expiry is
/// no longer believed.
const CLOCK_SET_BACK_TOLERANCE: time::Duration = time::Duration::minutes(1);

impl CachedToken {
    /// The token's expiry as far as it can be known at `now`: `None` when the clock now
    /// reads earlier than when the token came, so it was set back since and the expiry,
    /// counted on the clock of then, would overstate what is left by as much (issue 13's
    /// clock drill). Such a token is refreshed rather than served.
    pub fn expiry_at(&self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        match self.obtained_at {
            Some(obtained) if now + CLOCK_SET_BACK_TOLERANCE < obtained => None,
            _ => Some(self.expires_at),
        }
    }
}

/// Everything needed to serve a token and show the link. Its secrets never leave the keychain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub client_id: String,
    pub account: Account,
    /// `None` once Spotify rejected it (`invalid_grant`): the link must be renewed.
    pub refresh_token: Option<RefreshToken>,
    pub access_token: Option<CachedToken>,
    pub granted: ScopeSet,
    /// When the user authorized: the 6-month link lifetime counts from here.
    pub authorized_at: OffsetDateTime,
}

impl LinkRecord {
    /// True when the link can no longer be refreshed and the user must link again.
    pub fn needs_relink(&self) -> bool {
        self.refresh_token.is_none()
    }
}

/// The wire form of a record in the keychain: compact, versioned.
#[derive(Serialize, Deserialize)]
struct Wire {
    v: u8,
    client_id: String,
    account: Account,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    access_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    obtained_at: Option<i64>,
    scope: String,
    authorized_at: i64,
}

impl Drop for Wire {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.refresh_token.zeroize();
        self.access_token.zeroize();
    }
}

pub(crate) fn encode(record: &LinkRecord) -> Result<Zeroizing<String>, StoreError> {
    let mut wire = Wire {
        v: 1,
        client_id: record.client_id.clone(),
        account: record.account.clone(),
        refresh_token: record.refresh_token.as_ref().map(|t| t.secret().to_owned()),
        access_token: record.access_token.as_ref().map(|t| t.token.secret().to_owned()),
        expires_at: record.access_token.as_ref().map(|t| t.expires_at.unix_timestamp()),
        obtained_at: record.access_token.as_ref().and_then(|t| t.obtained_at).map(|t| t.unix_timestamp()),
        scope: record.granted.to_string(),
        authorized_at: record.authorized_at.unix_timestamp(),
    };
    let mut json =
        Zeroizing::new(serde_json::to_string(&wire).map_err(|e| StoreError::Other(Message::verbatim(e.to_string())))?);
    if json.encode_utf16().count() > MAX_RECORD_UTF16 {
        // Drop what can be fetched again from Spotify; keep what serves a token.
        let account = &mut wire.account;
        (account.email, account.image_url, account.profile_url, account.country, account.product) =
            (None, None, None, None, None);
        json = Zeroizing::new(
            serde_json::to_string(&wire).map_err(|e| StoreError::Other(Message::verbatim(e.to_string())))?,
        );
    }
    let units = json.encode_utf16().count();
    if units > MAX_RECORD_UTF16 {
        return Err(StoreError::TooLarge(units));
    }
    Ok(json)
}

pub(crate) fn decode(account: &str, json: &str) -> Result<LinkRecord, StoreError> {
    let corrupt = |detail: Message| StoreError::Corrupt { account: account.to_owned(), detail };
    // serde's message can quote the entry's content, which may be a secret: name only
    // where the entry stops making sense ([`json_fault`]).
    let wire: Wire = serde_json::from_str(json).map_err(|e| corrupt(json_fault(&e)))?;
    if wire.v != 1 {
        return Err(corrupt(msg!("error-store-detail-unknown-version", version = wire.v)));
    }
    // A record for another account under this one's entry (copied or foreign): using it
    // would refresh into, and write, another account's entry.
    if wire.account.id != account {
        return Err(corrupt(msg!("error-store-detail-another-account")));
    }
    let time = |t: i64| OffsetDateTime::from_unix_timestamp(t).map_err(|e| corrupt(Message::verbatim(e.to_string())));
    // An empty token can never work: a record holding one was not written by SpotLink.
    if wire.refresh_token.as_deref() == Some("") || wire.access_token.as_deref() == Some("") {
        return Err(corrupt(msg!("error-store-detail-empty-token")));
    }
    let access_token = match (&wire.access_token, wire.expires_at) {
        (Some(token), Some(at)) => Some(CachedToken {
            token: AccessToken::new(token.clone()),
            expires_at: time(at)?,
            obtained_at: wire.obtained_at.map(time).transpose()?,
        }),
        (None, None) => None,
        _ => return Err(corrupt(msg!("error-store-detail-expiry-missing"))),
    };
    Ok(LinkRecord {
        client_id: wire.client_id.clone(),
        account: wire.account.clone(),
        refresh_token: wire.refresh_token.clone().map(RefreshToken::new),
        access_token,
        granted: ScopeSet::from_granted(&wire.scope),
        authorized_at: time(wire.authorized_at)?,
    })
}

/// What is wrong with an entry that is not a record, quoting none of it: serde_json's
/// message repeats a value it could not use (`invalid type: string "…"`), and an entry
/// another tool wrote may be a bare token. Missing and repeated fields are named (the
/// names are the record's own).
fn json_fault(e: &serde_json::Error) -> Message {
    use serde_json::error::Category;
    let message = e.to_string();
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Data if message.starts_with("missing field") || message.starts_with("duplicate field") => {
            Message::verbatim(message)
        }
        Category::Data => msg!("error-store-detail-another-shape", line = line, column = column),
        Category::Syntax => msg!("error-store-detail-not-json", line = line, column = column),
        Category::Eof => msg!("error-store-detail-cut-off", line = line, column = column),
        Category::Io => msg!("error-store-detail-unreadable", line = line, column = column),
    }
}

/// A stored link: the keychain record and the state file together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLink {
    pub record: LinkRecord,
    pub requested: ScopeSet,
}

/// What [`LinkStore::delete`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deleted {
    /// The account had a keychain entry or a place in the state file.
    pub found: bool,
    /// The account active now, when the one deleted was active and another is left
    /// (read in the same change of the state file).
    pub now_active: Option<AccountState>,
}

/// How long a change of the state file waits for another process's change to finish.
const STATE_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads and writes links, with a timeout on every keychain call.
#[derive(Clone)]
pub struct LinkStore {
    secrets: Arc<dyn SecretStore>,
    paths: Paths,
    timeout: Duration,
}

impl std::fmt::Debug for LinkStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkStore").field("paths", &self.paths).field("timeout", &self.timeout).finish()
    }
}

impl LinkStore {
    /// A store over `secrets`, with its state file under `paths`.
    pub fn new(secrets: Arc<dyn SecretStore>, paths: Paths, timeout: Duration) -> Self {
        Self { secrets, paths, timeout }
    }

    /// What the state file says: the linked accounts and the active one (none when there
    /// is no file).
    pub fn state(&self) -> Result<LinkState, StoreError> {
        let path = self.paths.state_file();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(LinkState::default()),
            Err(e) => return Err(StoreError::StateFile { path, detail: Message::verbatim(e.to_string()) }),
        };
        LinkState::parse(&text, &path)
    }

    /// Changes the state file: under the state lock, read, `change`, written atomically
    /// (removed once no account is left), so concurrent changes by other processes are
    /// all kept. Returns what `change` returned.
    pub async fn update_state<T>(&self, change: impl FnOnce(&mut LinkState) -> T) -> Result<T, StoreError> {
        let path = self.paths.state_file();
        let _lock = RefreshLock::acquire(&self.paths.state_lock(), STATE_LOCK_TIMEOUT)
            .await
            .map_err(|e| StoreError::StateFile { path: path.clone(), detail: Message::verbatim(e.to_string()) })?;
        let mut state = self.state()?;
        let before = state.clone();
        let result = change(&mut state);
        if state == before {
            return Ok(result);
        }
        if state.is_empty() {
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::StateFile { path, detail: Message::verbatim(e.to_string()) }),
            }
        } else {
            atomic_write(&path, &state.to_json())
                .map_err(|e| StoreError::StateFile { path, detail: Message::verbatim(e.to_string()) })?;
        }
        Ok(result)
    }

    /// The stored link of the linked `account`, or `None` when its keychain entry is gone.
    pub async fn load(&self, account: &AccountState) -> Result<Option<StoredLink>, StoreError> {
        let Some(record) = self.load_record(&account.id).await? else { return Ok(None) };
        let requested = ScopeSet::from_granted(&account.requested.join(" "));
        Ok(Some(StoredLink { record, requested }))
    }

    /// The keychain record of `account`, whether the state file lists it or not.
    pub async fn load_record(&self, account: &str) -> Result<Option<LinkRecord>, StoreError> {
        let id = account.to_owned();
        let Some(json) = self.call(msg!("error-store-operation-read-link"), move |s| s.get(&id)).await? else {
            return Ok(None);
        };
        decode(account, &json).map(Some)
    }

    /// The accounts that have an entry in the keychain, linked or not (where the keychain
    /// can list its entries: [`SecretStore::accounts`]).
    pub async fn keychain_accounts(&self) -> Result<Vec<String>, StoreError> {
        let mut accounts = self.call(msg!("error-store-operation-list-links"), |s| s.accounts()).await?;
        accounts.retain(|a| a != PENDING_ENTRY);
        accounts.sort();
        accounts.dedup();
        Ok(accounts)
    }

    /// Every account with a link here: those the state file lists (unless it is damaged)
    /// and those with a keychain entry, sorted.
    pub async fn all_accounts(&self) -> Result<Vec<String>, StoreError> {
        let listed: Vec<String> = match self.state() {
            Ok(state) => state.accounts.into_iter().map(|a| a.id).collect(),
            Err(StoreError::StateFile { .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        let mut accounts = self.keychain_accounts().await?;
        accounts.extend(listed);
        accounts.sort();
        accounts.dedup();
        Ok(accounts)
    }

    /// Writes the keychain record (only); used after every refresh.
    pub async fn save_record(&self, record: &LinkRecord) -> Result<(), StoreError> {
        let json = encode(record)?;
        let account = record.account.id.clone();
        self.call(msg!("error-store-operation-save-link"), move |s| s.set(&account, &json)).await
    }

    /// Stores a new link: keychain first, then the state file that lists it, added beside
    /// the other accounts or renewing its own link, and active. Other accounts' links are
    /// untouched.
    pub async fn save_new(&self, record: &LinkRecord, requested: &ScopeSet) -> Result<(), StoreError> {
        self.save_record(record).await?;
        // A new link starts with no reminders given.
        let account = AccountState { requested: requested.to_vec(), ..AccountState::found(record) };
        self.update_state(|state| state.upsert(account)).await
    }

    /// The reminders given for the linked `account` (none when it is not linked).
    pub fn notified(&self, account: &str) -> Result<Notified, StoreError> {
        Ok(self.state()?.get(account).map(|a| a.notified.clone()).unwrap_or_default())
    }

    /// Remembers the reminders given for `account`, in the state file (atomically;
    /// nothing secret). Does nothing when it is not linked.
    pub async fn set_notified(&self, account: &str, notified: &Notified) -> Result<(), StoreError> {
        self.update_state(|state| {
            if let Some(entry) = state.get_mut(account) {
                entry.notified = notified.clone();
            }
        })
        .await
    }

    /// Notes the display names of linked accounts in the state file (written only when one
    /// changed).
    pub async fn set_display_names(&self, names: &[(String, Option<String>)]) -> Result<(), StoreError> {
        if names.is_empty() {
            return Ok(());
        }
        self.update_state(|state| {
            for (id, name) in names {
                if let Some(entry) = state.get_mut(id) {
                    entry.display_name.clone_from(name);
                }
            }
        })
        .await
    }

    /// Forgets `account`'s link: its keychain entry, then its place in the state file.
    /// Returns whether anything was linked for it.
    pub async fn delete(&self, account: &str) -> Result<Deleted, StoreError> {
        let id = account.to_owned();
        let in_keychain = self.call(msg!("error-store-operation-delete-link"), move |s| s.delete(&id)).await?;
        let (in_state, now_active) = self
            .update_state(|state| {
                let was_active = state.active.as_deref() == Some(account);
                let removed = state.remove(account);
                (removed, state.active().filter(|_| was_active).cloned())
            })
            .await?;
        Ok(Deleted { found: in_keychain || in_state, now_active })
    }

    /// Forgets every link: the keychain entries of `accounts` (as [`Self::all_accounts`]
    /// found them), then the state file, even a damaged one. Returns the accounts whose
    /// entries were removed.
    pub async fn delete_all(&self, accounts: &[String]) -> Result<Vec<String>, StoreError> {
        let mut removed = Vec::new();
        for account in accounts.iter().cloned() {
            let id = account.clone();
            if self.call(msg!("error-store-operation-delete-link"), move |s| s.delete(&id)).await? {
                removed.push(account);
            }
        }
        let path = self.paths.state_file();
        let _lock = RefreshLock::acquire(&self.paths.state_lock(), STATE_LOCK_TIMEOUT)
            .await
            .map_err(|e| StoreError::StateFile { path: path.clone(), detail: Message::verbatim(e.to_string()) })?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(removed),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(removed),
            Err(e) => Err(StoreError::StateFile { path, detail: Message::verbatim(e.to_string()) }),
        }
    }

    /// Keeps the secret form of a sign-in in progress (see [`PENDING_ENTRY`]).
    pub async fn save_pending(&self, json: Zeroizing<String>) -> Result<(), StoreError> {
        self.call(msg!("error-store-operation-remember-pending"), move |s| s.set(PENDING_ENTRY, &json)).await
    }

    /// Takes (reads and deletes) the sign-in in progress, if any.
    pub async fn take_pending(&self) -> Result<Option<Zeroizing<String>>, StoreError> {
        self.call(msg!("error-store-operation-read-pending"), |s| {
            let value = s.get(PENDING_ENTRY)?;
            if value.is_some() {
                s.delete(PENDING_ENTRY)?;
            }
            Ok(value)
        })
        .await
    }

    /// Forgets the sign-in in progress.
    pub async fn clear_pending(&self) -> Result<(), StoreError> {
        self.call(msg!("error-store-operation-forget-pending"), |s| s.delete(PENDING_ENTRY).map(|_| ())).await
    }

    /// Runs a blocking keychain call on the blocking pool, bounded by the timeout.
    async fn call<T: Send + 'static>(
        &self,
        op: Message,
        f: impl FnOnce(&dyn SecretStore) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let secrets = Arc::clone(&self.secrets);
        let task = tokio::task::spawn_blocking(move || f(secrets.as_ref()));
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(StoreError::Other(msg!("error-store-detail-call-failed", detail = join.to_string()))),
            Err(_) => Err(StoreError::Timeout { op, secs: self.timeout.as_secs().max(1) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn record() -> LinkRecord {
        LinkRecord {
            client_id: "client".into(),
            account: Account { id: "ada".into(), display_name: Some("Ada".into()), ..Default::default() },
            refresh_token: Some(RefreshToken::new("refresh-secret".into())),
            access_token: Some(CachedToken {
                token: AccessToken::new("access-secret".into()),
                expires_at: OffsetDateTime::from_unix_timestamp(1_900_000_000).unwrap(),
                obtained_at: Some(OffsetDateTime::from_unix_timestamp(1_899_996_400).unwrap()),
            }),
            granted: ScopeSet::from_granted("user-read-email user-read-private"),
            authorized_at: OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(),
        }
    }

    fn store(dir: &std::path::Path) -> (LinkStore, Arc<MemoryStore>) {
        let memory = Arc::new(MemoryStore::default());
        let paths = Paths::new(dir.join("config"), dir.join("data"));
        (LinkStore::new(memory.clone(), paths, Duration::from_secs(5)), memory)
    }

    #[test]
    fn record_round_trip_and_redacted_debug() {
        let r = record();
        let json = encode(&r).unwrap();
        assert_eq!(decode("ada", &json).unwrap(), r);
        let debug = format!("{r:?}");
        assert!(!debug.contains("secret"), "{debug}");
    }

    #[test]
    fn corrupt_records_are_named() {
        assert!(matches!(decode("ada", "{"), Err(StoreError::Corrupt { .. })));
        let half = r#"{"v":1,"client_id":"c","account":{"id":"a"},"access_token":"x","scope":"","authorized_at":0}"#;
        assert!(matches!(decode("ada", half), Err(StoreError::Corrupt { .. })));
        let future = r#"{"v":9,"client_id":"c","account":{"id":"a"},"scope":"","authorized_at":0}"#;
        assert!(decode("ada", future).unwrap_err().to_string().contains("version 9"));
        let other =
            r#"{"v":1,"client_id":"c","account":{"id":"mallory"},"refresh_token":"r","scope":"","authorized_at":0}"#;
        assert!(decode("ada", other).unwrap_err().to_string().contains("names another account"));
        // What the entry holds is never quoted back: it may be a token.
        let wrong_type = r#"{"v":1,"client_id":"c","account":{"id":"ada"},"refresh_token":"r","expires_at":"token-xyz","scope":"","authorized_at":0}"#;
        let message = decode("ada", wrong_type).unwrap_err().to_string();
        assert!(!message.contains("token-xyz") && message.contains("not a SpotLink record"), "{message}");
        assert!(decode("ada", "{\"v\":1,\"client_id\":\"sec").unwrap_err().to_string().contains("cut off"));
    }

    #[test]
    fn corrupt_record_errors_quote_nothing_of_the_entry() {
        // Found by the `record` fuzz target: serde_json's message repeated the value it
        // could not use, so another tool's bare token was shown and logged.
        for entry in [
            r#""NgCXRK-a-bare-token""#,
            r#"["NgCXRK-a-bare-token"]"#,
            r#"{"v":1,"client_id":"c","account":{"id":"a"},"scope":"","authorized_at":"NgCXRK-a-bare-token"}"#,
            r#"{"v":1,"client_id":"c","account":"NgCXRK-a-bare-token","scope":"","authorized_at":0}"#,
        ] {
            let message = decode("a", entry).unwrap_err().to_string();
            assert!(!message.contains("NgCXRK"), "{message}");
            assert!(message.contains("JSON of another shape at line 1 column"), "{message}");
        }
        let missing = decode("a", r#"{"v":1,"client_id":"c","account":{"id":"a"},"authorized_at":0}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field `scope`"), "{missing}");
    }

    #[test]
    fn records_with_an_empty_token_are_corrupt() {
        let empty_refresh =
            r#"{"v":1,"client_id":"c","account":{"id":"a"},"refresh_token":"","scope":"","authorized_at":0}"#;
        assert!(decode("a", empty_refresh).unwrap_err().to_string().contains("an empty token"));
        let empty_access = r#"{"v":1,"client_id":"c","account":{"id":"a"},"refresh_token":"r","access_token":"","expires_at":1,"scope":"","authorized_at":0}"#;
        assert!(matches!(decode("a", empty_access), Err(StoreError::Corrupt { .. })));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            // Any Unicode, including quotes, backslashes and control characters.
            proptest::string::string_regex("(?s).{0,40}").unwrap()
        }

        fn token() -> impl Strategy<Value = String> {
            proptest::string::string_regex("(?s).{1,200}").unwrap()
        }

        fn instant() -> impl Strategy<Value = OffsetDateTime> {
            // Years 1970 to 2200, whole seconds (what the record keeps).
            (0i64..7_258_118_400).prop_map(|t| OffsetDateTime::from_unix_timestamp(t).unwrap())
        }

        prop_compose! {
            fn records()(
                client_id in text(),
                id in text(),
                display_name in proptest::option::of(text()),
                email in proptest::option::of(text()),
                refresh in proptest::option::of(token()),
                access in proptest::option::of((token(), instant(), proptest::option::of(instant()))),
                scopes in proptest::collection::btree_set("[a-z-]{1,20}", 0..8),
                authorized_at in instant(),
            ) -> LinkRecord {
                LinkRecord {
                    client_id,
                    account: Account { id, display_name, email, ..Default::default() },
                    refresh_token: refresh.map(RefreshToken::new),
                    access_token: access.map(|(t, expires_at, obtained_at)| CachedToken { token: AccessToken::new(t), expires_at, obtained_at }),
                    granted: ScopeSet::from_granted(&scopes.into_iter().collect::<Vec<_>>().join(" ")),
                    authorized_at,
                }
            }
        }

        proptest! {
            /// Whatever a record holds, it reads back as written, or is refused as too
            /// large; never changed on the way.
            #[test]
            fn records_round_trip(record in records()) {
                match encode(&record) {
                    Ok(json) => prop_assert_eq!(decode(&record.account.id, &json).unwrap(), record),
                    Err(StoreError::TooLarge(units)) => prop_assert!(units > MAX_RECORD_UTF16),
                    Err(other) => prop_assert!(false, "encode failed: {other}"),
                }
            }

            /// Any text in the keychain entry (another tool's, an older version's, damage)
            /// decodes to a usable record or to a named error: never a panic, and never a
            /// record with an empty token.
            #[test]
            fn foreign_entries_decode_to_a_usable_record_or_an_error(json in "(?s).{0,300}") {
                if let Ok(record) = decode("a", &json) {
                    prop_assert!(record.refresh_token.as_ref().is_none_or(|t| !t.secret().is_empty()));
                    prop_assert!(record.access_token.as_ref().is_none_or(|t| !t.token.secret().is_empty()));
                }
            }

            /// The same for entries that are JSON of roughly the right shape.
            #[test]
            fn near_miss_records_decode_safely(
                v in prop_oneof![3 => Just(1u8), 1 => any::<u8>()],
                refresh in proptest::option::of("(?s).{0,5}"),
                access in proptest::option::of("(?s).{0,5}"),
                expires_at in proptest::option::of(prop_oneof![3 => 0i64..4_000_000_000, 1 => any::<i64>()]),
                authorized_at in prop_oneof![3 => 0i64..4_000_000_000, 1 => any::<i64>()],
            ) {
                let json = serde_json::json!({
                    "v": v, "client_id": "c", "account": {"id": "a"}, "refresh_token": refresh,
                    "access_token": access, "expires_at": expires_at, "scope": "s", "authorized_at": authorized_at,
                });
                if let Ok(record) = decode("a", &json.to_string()) {
                    prop_assert!(record.refresh_token.as_ref().is_none_or(|t| !t.secret().is_empty()));
                    prop_assert!(record.access_token.as_ref().is_none_or(|t| !t.token.secret().is_empty()));
                    prop_assert_eq!(record.authorized_at.unix_timestamp(), authorized_at);
                }
            }
        }
    }

    #[test]
    fn oversized_records_shed_profile_extras() {
        let mut r = record();
        r.account.image_url = Some(format!("https://i.scdn.co/{}", "x".repeat(900)));
        let json = encode(&r).unwrap();
        assert!(json.encode_utf16().count() <= MAX_RECORD_UTF16);
        let back = decode("ada", &json).unwrap();
        assert_eq!(back.refresh_token, r.refresh_token);
        assert!(back.account.image_url.is_none());

        r.access_token.as_mut().unwrap().token = AccessToken::new("y".repeat(1500));
        assert!(matches!(encode(&r), Err(StoreError::TooLarge(_))));
    }

    #[test]
    fn a_state_file_written_back_loads_the_same() {
        // Found by the `state` fuzz target: reminders naming a link but none given yet
        // were left out when written, and came back naming no link.
        let path = Path::new("/x/state.json");
        for text in [
            r#"{"account_id":"ada"}"#,
            r#"{"account_id":"ada","requested":["streaming"],"notified":{"authorized_at":5,"given":[]}}"#,
            r#"{"account_id":"ada","notified":{"authorized_at":5,"given":["three_days"]}}"#,
            r#"{"account_id":"bob","accounts":[{"id":"ada","notified":{"authorized_at":5,"given":[]}},{"id":"bob"}]}"#,
        ] {
            let state = LinkState::parse(text, path).unwrap();
            let back = LinkState::parse(std::str::from_utf8(&state.to_json()).unwrap(), path).unwrap();
            assert_eq!(back, state, "{text}");
        }
    }

    fn ada() -> AccountState {
        AccountState { id: "ada".into(), ..AccountState::default() }
    }

    #[tokio::test]
    async fn reminders_given_are_kept_in_the_state_file_until_a_new_link() {
        use crate::reminders::Threshold;
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store(dir.path());
        store
            .set_notified("ada", &Notified::default().record(record().authorized_at, Threshold::RenewSoon))
            .await
            .unwrap();
        assert!(store.notified("ada").unwrap().is_empty(), "nothing linked: nothing to remember");
        assert!(!dir.path().join("data/state.json").exists());

        let requested = ScopeSet::parse_requested("user-read-email").unwrap();
        store.save_new(&record(), &requested).await.unwrap();
        let given = Notified::default().record(record().authorized_at, Threshold::ThreeDays);
        store.set_notified("ada", &given).await.unwrap();
        assert_eq!(store.notified("ada").unwrap(), given);
        let state = fs::read_to_string(dir.path().join("data/state.json")).unwrap();
        assert!(state.contains("\"three_days\"") && !state.contains("secret"), "{state}");
        let account = store.state().unwrap().get("ada").cloned().unwrap();
        assert_eq!(store.load(&account).await.unwrap().unwrap().requested, requested, "the rest of the state is kept");

        store.save_new(&record(), &requested).await.unwrap();
        assert!(store.notified("ada").unwrap().is_empty(), "a new link starts with no reminders given");
    }

    #[tokio::test]
    async fn accounts_are_added_beside_each_other_and_deleted_one_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let (store, memory) = store(dir.path());
        assert!(store.state().unwrap().is_empty());

        let requested = ScopeSet::parse_requested("user-read-email,streaming").unwrap();
        store.save_new(&record(), &requested).await.unwrap();
        let loaded = store.load(&ada()).await.unwrap().unwrap();
        assert_eq!(loaded.record, record());
        let state = fs::read_to_string(dir.path().join("data/state.json")).unwrap();
        assert!(!state.contains("secret"), "no secret in the state file: {state}");

        let mut other = record();
        other.account.id = "bob".into();
        other.account.display_name = Some("Bob".into());
        store.save_new(&other, &ScopeSet::default()).await.unwrap();
        assert!(memory.get("ada").unwrap().is_some(), "the other account's entry is kept");
        let state = store.state().unwrap();
        assert_eq!(state.active.as_deref(), Some("bob"));
        assert_eq!(state.names(), ["Ada (ada)", "Bob (bob)"]);
        assert_eq!(store.keychain_accounts().await.unwrap(), ["ada", "bob"]);

        let deleted = store.delete("bob").await.unwrap();
        assert!(deleted.found && memory.get("bob").unwrap().is_none());
        assert_eq!(deleted.now_active.map(|a| a.id).as_deref(), Some("ada"), "the remaining account is active");
        assert_eq!(store.state().unwrap().active.as_deref(), Some("ada"));
        assert!(!store.delete("bob").await.unwrap().found);
        let deleted = store.delete("ada").await.unwrap();
        assert!(deleted.found && deleted.now_active.is_none(), "none left to be active: {deleted:?}");
        assert!(!dir.path().join("data/state.json").exists(), "no account left: no state file");
    }

    #[tokio::test]
    async fn deleting_all_takes_every_entry_even_with_a_damaged_state_file() {
        let dir = tempfile::tempdir().unwrap();
        let (store, memory) = store(dir.path());
        store.save_new(&record(), &ScopeSet::default()).await.unwrap();
        memory.set("orphan", "{}").unwrap();
        memory.set(PENDING_ENTRY, "{}").unwrap();
        fs::write(dir.path().join("data/state.json"), "{").unwrap();
        let all = store.all_accounts().await.unwrap();
        assert_eq!(store.delete_all(&all).await.unwrap(), ["ada", "orphan"]);
        assert!(memory.get(PENDING_ENTRY).unwrap().is_some(), "a sign-in in progress is not a link");
        assert!(!dir.path().join("data/state.json").exists());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_changes_of_the_state_file_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store(dir.path());
        let mut tasks = Vec::new();
        for i in 0..16 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let mut r = record();
                r.account.id = format!("user{i}");
                store.save_new(&r, &ScopeSet::default()).await.unwrap();
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(store.state().unwrap().accounts.len(), 16, "no account lost");
    }

    #[tokio::test]
    async fn unavailable_keychain_and_corrupt_state_file() {
        let dir = tempfile::tempdir().unwrap();
        let (store, memory) = store(dir.path());
        store.save_new(&record(), &ScopeSet::default()).await.unwrap();
        memory.set_unavailable(true);
        assert!(matches!(store.load(&ada()).await, Err(StoreError::Unavailable(_))));
        memory.set_unavailable(false);

        let state = dir.path().join("data/state.json");
        fs::write(&state, "{\"account_id\": \n").unwrap();
        let err = store.state().unwrap_err();
        assert!(matches!(err, StoreError::StateFile { .. }));
        assert!(err.to_string().contains("state.json: line 2"), "{err}");
        assert!(err.to_string().contains("spotlink switch ACCOUNT"), "says how to recover: {err}");
        assert!(store.save_new(&record(), &ScopeSet::default()).await.is_err(), "a damaged file is not overwritten");
        assert_eq!(fs::read_to_string(&state).unwrap(), "{\"account_id\": \n");
        assert!(memory.get("ada").unwrap().is_some(), "the keychain entry is kept");
    }

    #[tokio::test]
    async fn hanging_keychain_times_out() {
        struct Hanging;
        impl SecretStore for Hanging {
            fn get(&self, _: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
                std::thread::sleep(Duration::from_millis(600));
                Ok(None)
            }
            fn set(&self, _: &str, _: &str) -> Result<(), StoreError> {
                Ok(())
            }
            fn delete(&self, _: &str) -> Result<bool, StoreError> {
                Ok(false)
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::new(dir.path().join("c"), dir.path().join("d"));
        let store = LinkStore::new(Arc::new(Hanging), paths, Duration::from_millis(100));
        fs::create_dir_all(dir.path().join("d")).unwrap();
        fs::write(dir.path().join("d/state.json"), r#"{"account_id":"ada"}"#).unwrap();
        let err = store.load(&AccountState { id: "ada".into(), ..AccountState::default() }).await.unwrap_err();
        assert_eq!(err, StoreError::Timeout { op: msg!("error-store-operation-read-link"), secs: 1 });
    }
}
