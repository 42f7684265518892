//! The engine's side of the activity record ([`crate::activity`]): tokens handed out
//! with who took them, entries the app adds, reading, clearing, and unusual activity.

use std::collections::BTreeMap;
use std::time::Duration;

use time::OffsetDateTime;

use crate::activity::unusual::{self, Alert, Given};
use crate::activity::{Entry, Event, Read, Record, RecordError};
use crate::config::atomic_write;
use crate::error::Error;
use crate::scopes::ScopeSet;

use super::{Engine, ServedToken};

/// Who a token is handed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taker {
    /// The program that started this process ([`Engine::called_by`]): `spotlink token`.
    Caller,
    /// The clipboard, from the window's Copy token.
    Window,
    /// The clipboard, from the tray's Copy token.
    Tray,
}

impl Engine {
    /// [`Engine::access_token_with`] for `taker`, noted in the activity record.
    pub async fn hand_out(
        &self,
        taker: Taker,
        min_ttl: Option<Duration>,
        required: &ScopeSet,
    ) -> Result<ServedToken, Error> {
        let link = self.load().await?.ok_or(Error::NotLinked)?;
        let served = self.token_for(&link.record, min_ttl, required).await?;
        let account = Some(link.record.account.id.as_str());
        self.note(match taker {
            Taker::Caller => Entry::now(Event::Token, account).by(self.caller.clone()),
            Taker::Window => Entry::now(Event::Copy, account).detail("window"),
            Taker::Tray => Entry::now(Event::Copy, account).detail("tray"),
        });
        Ok(served)
    }

    /// Adds `entry` to the activity record. A record that cannot be written (a full or
    /// read-only disk) is logged and costs the caller nothing: the token is still served.
    pub fn note(&self, entry: Entry) {
        if let Err(e) = self.activity.append(&entry) {
            tracing::warn!(error = %e, event = entry.event.name(), "cannot add to the activity record");
        }
    }

    /// The activity record.
    pub fn activity(&self) -> &Record {
        &self.activity
    }

    /// The record's entries within the days kept, oldest first.
    pub fn read_activity(&self) -> Result<Read, RecordError> {
        self.activity.read()
    }

    /// The linked accounts' names to show (the display name, else the id) by id, from
    /// the state file (the keychain is not asked): the record keeps ids, people know their
    /// accounts by name. Empty when the state file cannot be read.
    pub fn account_names(&self) -> BTreeMap<String, String> {
        let Ok(state) = self.store.state() else { return BTreeMap::new() };
        state.accounts.iter().map(|a| (a.id.clone(), a.name().to_owned())).collect()
    }

    /// The id the record knows the account `asked` by: a linked account's id or unique
    /// display name resolves to its id; anything else is taken as an id as it is (the
    /// record outlives an unlink, and an unlinked account's name is no longer known).
    pub fn recorded_account(&self, asked: &str) -> String {
        let resolved = self.store.state().ok().and_then(|state| state.resolve(asked).ok().map(|a| a.id.clone()));
        resolved.unwrap_or_else(|| asked.to_owned())
    }

    /// Empties the record; it then holds one entry saying it was cleared.
    pub fn clear_activity(&self) -> Result<(), RecordError> {
        self.activity.clear(&Entry::now(Event::Cleared, None).by(self.caller.clone()))
    }

    /// Unusual activity since the last look that was not notified today yet, remembered
    /// as notified (`alerts.json` in the data directory). The first look ever only
    /// remembers when it was: what happened before SpotLink watched raises nothing.
    pub fn unusual_activity(&self, now: OffsetDateTime) -> Result<Vec<Alert>, RecordError> {
        let path = self.paths.data_dir.join("alerts.json");
        let io = |source| RecordError::Io { path: path.clone(), source };
        let mut given: Given = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "the alerts file is damaged; starting it again");
                Given::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Given::default(),
            Err(e) => return Err(io(e)),
        };
        let looked_at = given.looked_at;
        let alerts = match looked_at {
            Some(since) => {
                let read = self.activity.read()?;
                unusual::alerts(&read.entries, since, now, self.config.alert_rules)
            }
            None => Vec::new(),
        };
        let fresh = given.take_new(alerts, now);
        // Every append wakes the app: the file is written when there is news, or when the
        // last look it notes is a minute old. Looking again from an older time finds
        // nothing new either, as the causes told today are kept.
        if !fresh.is_empty() || looked_at.is_none_or(|at| now - at > time::Duration::MINUTE) {
            let bytes = serde_json::to_vec_pretty(&given).map_err(|e| io(e.into()))?;
            atomic_write(&path, &bytes).map_err(io)?;
        }
        Ok(fresh)
    }
}
