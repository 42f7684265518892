//! The macOS Keychain and the Windows Credential Manager, through the `keyring` crate.

use zeroize::Zeroizing;

use super::{SecretStore, StoreError};
use crate::i18n::Message;

/// The OS keychain through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// A store under `service`.
    pub fn new(service: impl Into<String>) -> Self {
        Self { service: service.into() }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, StoreError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring)
    }
}

fn map_keyring(e: keyring::Error) -> StoreError {
    match e {
        keyring::Error::PlatformFailure(inner) => StoreError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => StoreError::Denied(Message::verbatim(inner.to_string())),
        keyring::Error::TooLong(_, limit) => StoreError::TooLarge(limit as usize),
        other => StoreError::Other(Message::verbatim(other.to_string())),
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>, StoreError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<(), StoreError> {
        self.entry(account)?.set_password(secret).map_err(map_keyring)
    }

    fn delete(&self, account: &str) -> Result<bool, StoreError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(map_keyring(e)),
        }
    }
}
