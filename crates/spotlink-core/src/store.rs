//! Where a link is kept: the secret part in the OS keychain, one entry per linked
//! account, and a small non-secret state file naming the linked account.
//!
//! Keychain entries: service `spotlink` (see [`crate::config::Config::keyring_service`]),
//! user = the Spotify account id, password = a compact JSON [`LinkRecord`].
//! Windows' Credential Manager caps a credential at 2560 bytes (stored as UTF-16),
//! so the record is kept under [`MAX_RECORD_UTF16`] units by dropping the cached
//! profile extras (which are re-read from Spotify) when needed.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::config::{atomic_write, Paths};
use crate::reminders::Notified;
use crate::scopes::ScopeSet;
use crate::secret::{AccessToken, RefreshToken};

/// The keychain entry that holds a sign-in in progress (its PKCE verifier and state)
/// while the browser is open. `:` cannot appear in a Spotify user id.
pub const PENDING_ENTRY: &str = ":pending-sign-in";

/// Windows: 2560 bytes = 1280 UTF-16 units; leave headroom.
pub const MAX_RECORD_UTF16: usize = 1200;

/// Why the keychain or the state file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("{}", unavailable_sentence(.0))]
    Unavailable(String),
    #[error("the system keychain refused access ({0}); unlock it and try again")]
    Denied(String),
    #[error("the system keychain did not answer within {} s while trying to {op}; it may be waiting for you to unlock it", .secs)]
    Timeout { op: &'static str, secs: u64 },
    /// The entry is there but is not a SpotLink record SpotLink can use (damaged, cut
    /// off, written by another program or a newer version). It is left in place: linking
    /// again replaces it.
    #[error("the keychain entry for {account} is unreadable ({detail}); link again to replace it")]
    Corrupt { account: String, detail: String },
    #[error("the link is too large for the system keychain ({0} units)")]
    TooLarge(usize),
    #[error("{path}: {detail}. Fix or delete the file, then link again")]
    StateFile { path: PathBuf, detail: String },
    #[error("the system keychain failed: {0}")]
    Other(String),
}

fn unavailable_sentence(detail: &str) -> String {
    let what = if cfg!(target_os = "linux") {
        "no Secret Service (such as GNOME Keyring, KWallet or KeePassXC) is running on the session D-Bus"
    } else if cfg!(target_os = "macos") {
        "the macOS Keychain is not available"
    } else {
        "the Windows Credential Manager is not available"
    };
    format!(
        "SpotLink keeps your link only in the system keychain, but {what} ({detail}). Start one and try again; SpotLink never stores tokens in a plain file"
    )
}

/// A keychain: blocking get/set/delete of one secret string per account.
pub trait SecretStore: Send + Sync + 'static {
    /// The secret stored for `account`, if any.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError>;
    /// Stores (replaces) the secret for `account`.
    fn set(&self, account: &str, secret: &str) -> Result<(), StoreError>;
    /// Deletes the secret for `account`; returns whether there was one.
    fn delete(&self, account: &str) -> Result<bool, StoreError>;
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
    let mut json = Zeroizing::new(serde_json::to_string(&wire).map_err(|e| StoreError::Other(e.to_string()))?);
    if json.encode_utf16().count() > MAX_RECORD_UTF16 {
        // Drop what can be fetched again from Spotify; keep what serves a token.
        let account = &mut wire.account;
        (account.email, account.image_url, account.profile_url, account.country, account.product) =
            (None, None, None, None, None);
        json = Zeroizing::new(serde_json::to_string(&wire).map_err(|e| StoreError::Other(e.to_string()))?);
    }
    let units = json.encode_utf16().count();
    if units > MAX_RECORD_UTF16 {
        return Err(StoreError::TooLarge(units));
    }
    Ok(json)
}

pub(crate) fn decode(account: &str, json: &str) -> Result<LinkRecord, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { account: account.to_owned(), detail };
    // serde's message can quote the entry's content, which may be a secret: name only
    // where the entry stops making sense ([`json_fault`]).
    let wire: Wire = serde_json::from_str(json).map_err(|e| corrupt(json_fault(&e)))?;
    if wire.v != 1 {
        return Err(corrupt(format!("unknown record version {}", wire.v)));
    }
    // A record for another account under this one's entry (copied or foreign): using it
    // would refresh into, and write, another account's entry.
    if wire.account.id != account {
        return Err(corrupt("it names another account".into()));
    }
    let time = |t: i64| OffsetDateTime::from_unix_timestamp(t).map_err(|e| corrupt(e.to_string()));
    // An empty token can never work: a record holding one was not written by SpotLink.
    if wire.refresh_token.as_deref() == Some("") || wire.access_token.as_deref() == Some("") {
        return Err(corrupt("an empty token".into()));
    }
    let access_token = match (&wire.access_token, wire.expires_at) {
        (Some(token), Some(at)) => Some(CachedToken {
            token: AccessToken::new(token.clone()),
            expires_at: time(at)?,
            obtained_at: wire.obtained_at.map(time).transpose()?,
        }),
        (None, None) => None,
        _ => return Err(corrupt("an access token without an expiry".into())),
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
fn json_fault(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let message = e.to_string();
    let what = match e.classify() {
        Category::Data if message.starts_with("missing field") || message.starts_with("duplicate field") => {
            return message;
        }
        Category::Data => "not a SpotLink record: JSON of another shape",
        Category::Syntax => "not JSON",
        Category::Eof => "cut off",
        Category::Io => "unreadable",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

/// The non-secret state file: which account is linked, which scopes were asked for,
/// and which reminders about the link's end were given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkState {
    pub account_id: String,
    #[serde(default)]
    pub requested: Vec<String>,
    #[serde(default, skip_serializing_if = "Notified::is_unset")]
    pub notified: Notified,
}

impl LinkState {
    /// Reads the text of the state file at `path` (named in the error).
    pub fn parse(text: &str, path: &Path) -> Result<Self, StoreError> {
        let state: LinkState = serde_json::from_str(text).map_err(|e| StoreError::StateFile {
            path: path.to_owned(),
            detail: format!("line {}, column {}: {e}", e.line(), e.column()),
        })?;
        if state.account_id.is_empty() {
            return Err(StoreError::StateFile { path: path.to_owned(), detail: "no account id".into() });
        }
        Ok(state)
    }
}

/// A stored link: the keychain record and the state file together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLink {
    pub record: LinkRecord,
    pub requested: ScopeSet,
}

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

    /// The linked account's id from the state file, if any.
    pub fn linked_account(&self) -> Result<Option<LinkState>, StoreError> {
        let path = self.paths.state_file();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::StateFile { path, detail: e.to_string() }),
        };
        LinkState::parse(&text, &path).map(Some)
    }

    /// The stored link, or `None` when nothing is linked.
    pub async fn load(&self) -> Result<Option<StoredLink>, StoreError> {
        let Some(state) = self.linked_account()? else { return Ok(None) };
        let account = state.account_id.clone();
        let Some(json) = self.call("read the link", move |s| s.get(&account)).await? else {
            return Ok(None);
        };
        let record = decode(&state.account_id, &json)?;
        let requested = ScopeSet::from_granted(&state.requested.join(" "));
        Ok(Some(StoredLink { record, requested }))
    }

    /// Writes the keychain record (only); used after every refresh.
    pub async fn save_record(&self, record: &LinkRecord) -> Result<(), StoreError> {
        let json = encode(record)?;
        let account = record.account.id.clone();
        self.call("save the link", move |s| s.set(&account, &json)).await
    }

    /// Stores a new link: keychain first, then the state file that points at it. A
    /// previously linked, different account's entry is removed.
    pub async fn save_new(&self, record: &LinkRecord, requested: &ScopeSet) -> Result<(), StoreError> {
        let previous = self.linked_account().ok().flatten();
        self.save_record(record).await?;
        // A new link starts with no reminders given.
        let state =
            LinkState { account_id: record.account.id.clone(), requested: requested.to_vec(), ..LinkState::default() };
        self.write_state(&state)?;
        if let Some(previous) = previous.filter(|p| p.account_id != record.account.id) {
            let account = previous.account_id;
            if let Err(e) = self.call("remove the previous link", move |s| s.delete(&account)).await {
                tracing::warn!(error = %e, "could not remove the previously linked account's keychain entry");
            }
        }
        Ok(())
    }

    /// The reminders given for the linked account (none when nothing is linked).
    pub fn notified(&self) -> Result<Notified, StoreError> {
        Ok(self.linked_account()?.map(|s| s.notified).unwrap_or_default())
    }

    /// Remembers the reminders given, in the state file (atomically; nothing secret).
    /// Does nothing when no account is linked.
    pub fn set_notified(&self, notified: &Notified) -> Result<(), StoreError> {
        let Some(mut state) = self.linked_account()? else { return Ok(()) };
        state.notified = notified.clone();
        self.write_state(&state)
    }

    fn write_state(&self, state: &LinkState) -> Result<(), StoreError> {
        let path = self.paths.state_file();
        let json = serde_json::to_vec_pretty(state).map_err(|e| StoreError::Other(e.to_string()))?;
        atomic_write(&path, &json).map_err(|e| StoreError::StateFile { path, detail: e.to_string() })
    }

    /// Forgets the link: the keychain entry, then the state file. Returns whether anything was linked.
    /// A corrupt state file is removed too, so unlink always leaves a clean slate.
    pub async fn delete(&self) -> Result<bool, StoreError> {
        let path = self.paths.state_file();
        let state = match self.linked_account() {
            Ok(state) => state,
            Err(StoreError::StateFile { .. }) => None,
            Err(e) => return Err(e),
        };
        let mut existed = false;
        if let Some(state) = &state {
            let account = state.account_id.clone();
            existed = self.call("delete the link", move |s| s.delete(&account)).await?;
        }
        match fs::remove_file(&path) {
            Ok(()) => existed = true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::StateFile { path, detail: e.to_string() }),
        }
        Ok(existed)
    }

    /// Keeps the secret form of a sign-in in progress (see [`PENDING_ENTRY`]).
    pub async fn save_pending(&self, json: Zeroizing<String>) -> Result<(), StoreError> {
        self.call("remember the sign-in in progress", move |s| s.set(PENDING_ENTRY, &json)).await
    }

    /// Takes (reads and deletes) the sign-in in progress, if any.
    pub async fn take_pending(&self) -> Result<Option<Zeroizing<String>>, StoreError> {
        self.call("read the sign-in in progress", |s| {
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
        self.call("forget the sign-in in progress", |s| s.delete(PENDING_ENTRY).map(|_| ())).await
    }

    /// Runs a blocking keychain call on the blocking pool, bounded by the timeout.
    async fn call<T: Send + 'static>(
        &self,
        op: &'static str,
        f: impl FnOnce(&dyn SecretStore) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let secrets = Arc::clone(&self.secrets);
        let task = tokio::task::spawn_blocking(move || f(secrets.as_ref()));
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(StoreError::Other(format!("keychain call failed: {join}"))),
            Err(_) => Err(StoreError::Timeout { op, secs: self.timeout.as_secs().max(1) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            let state = LinkState::parse(text, path).unwrap();
            let written = serde_json::to_vec_pretty(&state).unwrap();
            let back = LinkState::parse(std::str::from_utf8(&written).unwrap(), path).unwrap();
            assert_eq!(back, state, "{text}");
        }
    }

    #[tokio::test]
    async fn reminders_given_are_kept_in_the_state_file_until_a_new_link() {
        use crate::reminders::Threshold;
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = store(dir.path());
        store.set_notified(&Notified::default().record(record().authorized_at, Threshold::RenewSoon)).unwrap();
        assert!(store.notified().unwrap().is_empty(), "nothing linked: nothing to remember");

        let requested = ScopeSet::parse_requested("user-read-email").unwrap();
        store.save_new(&record(), &requested).await.unwrap();
        let given = Notified::default().record(record().authorized_at, Threshold::ThreeDays);
        store.set_notified(&given).unwrap();
        assert_eq!(store.notified().unwrap(), given);
        let state = fs::read_to_string(dir.path().join("data/state.json")).unwrap();
        assert!(state.contains("\"three_days\"") && !state.contains("secret"), "{state}");
        assert_eq!(store.load().await.unwrap().unwrap().requested, requested, "the rest of the state is kept");

        store.save_new(&record(), &requested).await.unwrap();
        assert!(store.notified().unwrap().is_empty(), "a new link starts with no reminders given");
    }

    #[tokio::test]
    async fn save_load_switch_account_and_delete() {
        let dir = tempfile::tempdir().unwrap();
        let (store, memory) = store(dir.path());
        assert!(store.load().await.unwrap().is_none());

        let requested = ScopeSet::parse_requested("user-read-email,streaming").unwrap();
        store.save_new(&record(), &requested).await.unwrap();
        let loaded = store.load().await.unwrap().unwrap();
        assert_eq!(loaded.record, record());
        assert_eq!(loaded.requested, requested);
        let state = fs::read_to_string(dir.path().join("data/state.json")).unwrap();
        assert!(!state.contains("secret"), "no secret in the state file: {state}");

        let mut other = record();
        other.account.id = "bob".into();
        store.save_new(&other, &requested).await.unwrap();
        assert!(memory.get("ada").unwrap().is_none(), "the previous account's entry is removed");

        assert!(store.delete().await.unwrap());
        assert!(store.load().await.unwrap().is_none());
        assert!(memory.get("bob").unwrap().is_none());
        assert!(!store.delete().await.unwrap());
    }

    #[tokio::test]
    async fn unavailable_keychain_and_corrupt_state_file() {
        let dir = tempfile::tempdir().unwrap();
        let (store, memory) = store(dir.path());
        store.save_new(&record(), &ScopeSet::default()).await.unwrap();
        memory.set_unavailable(true);
        assert!(matches!(store.load().await, Err(StoreError::Unavailable(_))));
        memory.set_unavailable(false);

        let state = dir.path().join("data/state.json");
        fs::write(&state, "{\"account_id\": \n").unwrap();
        let err = store.load().await.unwrap_err();
        assert!(matches!(err, StoreError::StateFile { .. }));
        assert!(err.to_string().contains("state.json: line 2"), "{err}");
        assert!(store.delete().await.unwrap(), "unlink clears a corrupt state file");
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
        let err = store.load().await.unwrap_err();
        assert_eq!(err, StoreError::Timeout { op: "read the link", secs: 1 });
    }
}
