//! The non-secret state file (`state.json`): which Spotify accounts are linked, which of
//! them is active, and for each the scopes asked for and the reminders given. The
//! secrets are in the keychain, one entry per account ([`crate::store`]).
//!
//! ```json
//! {"account_id": "ada", "accounts": [{"id": "ada", "display_name": "Ada", "requested": ["streaming"]},
//!                                    {"id": "bob", "requested": []}]}
//! ```
//! `account_id` names the active account, as it named the only one in the file
//! single-account SpotLink wrote (`{"account_id", "requested", "notified"}`), which
//! still reads: as one account, active. Every change is made under [`crate::lock`]'s
//! state lock and written atomically, so two processes linking or switching at once
//! lose nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::msg;
use crate::reminders::Notified;
use crate::store::{LinkRecord, StoreError};

/// What the state file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkState {
    /// The account used when none is named (`--account`, `SPOTLINK_ACCOUNT`); one of
    /// `accounts` whenever there are any.
    pub active: Option<String>,
    /// The linked accounts, in the order they were first linked.
    pub accounts: Vec<AccountState>,
}

/// One linked account's non-secret part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountState {
    /// The Spotify user id: also the keychain entry's account.
    pub id: String,
    /// Kept here so accounts can be listed and named without reading the keychain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default)]
    pub requested: Vec<String>,
    #[serde(default, skip_serializing_if = "Notified::is_unset")]
    pub notified: Notified,
}

impl AccountState {
    /// The account `record` in the keychain is about, with nothing asked for or reminded
    /// of yet.
    pub fn found(record: &LinkRecord) -> Self {
        Self { id: record.account.id.clone(), display_name: record.account.display_name.clone(), ..Self::default() }
    }

    /// The name to show: the display name, else the id.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&self.id)
    }
}

/// The file's form, both versions.
#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
    /// Single-account files only: the one account's requested scopes and reminders.
    #[serde(default, skip_serializing)]
    requested: Option<Vec<String>>,
    #[serde(default, skip_serializing)]
    notified: Option<Notified>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accounts: Option<Vec<AccountState>>,
}

/// Why a name given as `--account` picks no linked account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// Neither an id nor a display name of a linked account.
    Unknown,
    /// A display name several linked accounts share: their ids.
    Ambiguous(Vec<String>),
}

impl LinkState {
    /// Reads the text of the state file at `path` (named in the error).
    pub fn parse(text: &str, path: &Path) -> Result<Self, StoreError> {
        let fault = |detail: Message| StoreError::StateFile { path: path.to_owned(), detail };
        let wire: Wire = serde_json::from_str(text).map_err(|e| {
            fault(msg!("error-state-detail-json", line = e.line(), column = e.column(), detail = e.to_string()))
        })?;
        let accounts = match (wire.accounts, &wire.account_id) {
            (Some(accounts), _) => accounts,
            // Written by single-account SpotLink: its account, active.
            (None, Some(id)) => vec![AccountState {
                id: id.clone(),
                display_name: None,
                requested: wire.requested.unwrap_or_default(),
                notified: wire.notified.unwrap_or_default(),
            }],
            (None, None) => return Err(fault(msg!("error-state-detail-no-account"))),
        };
        for (i, account) in accounts.iter().enumerate() {
            if account.id.is_empty() {
                return Err(fault(msg!("error-state-detail-account-without-id")));
            }
            if accounts[..i].iter().any(|a| a.id == account.id) {
                return Err(fault(msg!("error-state-detail-listed-twice", account = &account.id)));
            }
        }
        let active = match wire.account_id {
            Some(id) if accounts.iter().any(|a| a.id == id) => Some(id),
            Some(id) => return Err(fault(msg!("error-state-detail-active-unknown", account = id))),
            // Hand-edited: the first one.
            None => accounts.first().map(|a| a.id.clone()),
        };
        Ok(Self { active, accounts })
    }

    /// The file's text.
    pub fn to_json(&self) -> Vec<u8> {
        let wire = Wire {
            account_id: self.active.clone(),
            requested: None,
            notified: None,
            accounts: Some(self.accounts.clone()),
        };
        // Strings, lists and numbers only: serialising cannot fail.
        serde_json::to_vec_pretty(&wire).unwrap_or_default()
    }

    /// True when no account is linked.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// The account with this id.
    pub fn get(&self, id: &str) -> Option<&AccountState> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The account with this id, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut AccountState> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// The active account.
    pub fn active(&self) -> Option<&AccountState> {
        self.active.as_deref().and_then(|id| self.get(id))
    }

    /// The account `name` picks: the one with that id, else the one display name that is
    /// `name` (ignoring case).
    pub fn resolve(&self, name: &str) -> Result<&AccountState, Unresolved> {
        if let Some(account) = self.get(name) {
            return Ok(account);
        }
        let named: Vec<&AccountState> = self
            .accounts
            .iter()
            .filter(|a| a.display_name.as_deref().is_some_and(|n| n.to_lowercase() == name.to_lowercase()))
            .collect();
        match named.as_slice() {
            [one] => Ok(one),
            [] => Err(Unresolved::Unknown),
            many => Err(Unresolved::Ambiguous(many.iter().map(|a| a.id.clone()).collect())),
        }
    }

    /// Adds `account`, or replaces the linked account with its id in place; either way
    /// it becomes the active one.
    pub fn upsert(&mut self, account: AccountState) {
        self.active = Some(account.id.clone());
        match self.get_mut(&account.id) {
            Some(existing) => *existing = account,
            None => self.accounts.push(account),
        }
    }

    /// Lists `account` (an entry found in the keychain that the file did not list) without
    /// changing the active account, unless there was none.
    pub fn adopt(&mut self, account: AccountState) {
        if self.get(&account.id).is_none() {
            if self.active.is_none() {
                self.active = Some(account.id.clone());
            }
            self.accounts.push(account);
        }
    }

    /// Makes the linked account `id` active; false if there is none.
    pub fn switch(&mut self, id: &str) -> bool {
        let known = self.get(id).is_some();
        if known {
            self.active = Some(id.to_owned());
        }
        known
    }

    /// Removes the account `id`. When it was the active one, the first remaining account
    /// becomes active. Returns whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.accounts.len();
        self.accounts.retain(|a| a.id != id);
        if self.active.as_deref() == Some(id) || self.active.is_none() {
            self.active = self.accounts.first().map(|a| a.id.clone());
        }
        self.accounts.len() != before
    }

    /// The linked accounts' names for a sentence: `Ada (ada), bob`.
    pub fn names(&self) -> Vec<String> {
        self.accounts.iter().map(|a| labelled(a.name(), &a.id)).collect()
    }
}

/// An account as named in lists and sentences: `Ada (ada)`, or the id alone when it has
/// no other name.
pub fn labelled(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        id.to_owned()
    } else {
        format!("{name} ({id})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::Threshold;

    fn path() -> &'static Path {
        Path::new("/x/state.json")
    }

    fn account(id: &str, name: Option<&str>) -> AccountState {
        AccountState { id: id.into(), display_name: name.map(Into::into), ..AccountState::default() }
    }

    #[test]
    fn a_single_account_file_reads_as_its_account_active() {
        let old =
            r#"{"account_id":"ada","requested":["streaming"],"notified":{"authorized_at":5,"given":["three_days"]}}"#;
        let state = LinkState::parse(old, path()).unwrap();
        assert_eq!(state.active.as_deref(), Some("ada"));
        assert_eq!(state.accounts.len(), 1);
        assert_eq!(state.accounts[0].requested, ["streaming"]);
        let given = Notified { authorized_at: 5, given: [Threshold::ThreeDays].into() };
        assert_eq!(state.accounts[0].notified, given);
        // Written back in the new form, it reads the same, and still names the active
        // account where single-account SpotLink looks for it.
        let written = String::from_utf8(state.to_json()).unwrap();
        assert!(written.contains(r#""account_id": "ada""#), "{written}");
        assert_eq!(LinkState::parse(&written, path()).unwrap(), state);
    }

    #[test]
    fn files_that_cannot_be_right_are_refused_with_the_reason() {
        for (text, reason) in [
            ("{}", "no account id"),
            (r#"{"account_id":"ada","accounts":[{"id":"bob"}]}"#, "the active account ada is not among"),
            (r#"{"accounts":[{"id":"bob"},{"id":"bob"}]}"#, "bob is listed twice"),
            (r#"{"accounts":[{"id":""}]}"#, "an account with no id"),
            ("{\"account_id\": \n", "line 2"),
        ] {
            let err = LinkState::parse(text, path()).unwrap_err();
            assert!(err.to_string().contains(reason), "{text}: {err}");
            assert!(err.to_string().starts_with("/x/state.json: "), "{err}");
        }
        let hand_edited = LinkState::parse(r#"{"accounts":[{"id":"bob"},{"id":"ada"}]}"#, path()).unwrap();
        assert_eq!(hand_edited.active.as_deref(), Some("bob"), "no active account named: the first");
        let empty = LinkState::parse(r#"{"accounts":[]}"#, path()).unwrap();
        assert!(empty.is_empty() && empty.active.is_none());
    }

    #[test]
    fn adding_switching_and_removing_keep_one_active_account() {
        let mut state = LinkState::default();
        state.upsert(account("ada", Some("Ada")));
        state.upsert(account("bob", Some("Bob")));
        assert_eq!(state.active.as_deref(), Some("bob"), "the account just linked is active");
        let renewed = AccountState { requested: vec!["streaming".into()], ..account("ada", Some("Ada L.")) };
        state.upsert(renewed.clone());
        assert_eq!(state.accounts, [renewed, account("bob", Some("Bob"))], "renewed in place, order kept");
        assert_eq!(state.active.as_deref(), Some("ada"));

        assert!(state.switch("bob") && state.active.as_deref() == Some("bob"));
        assert!(!state.switch("carol") && state.active.as_deref() == Some("bob"), "unknown: nothing changes");

        state.adopt(account("carol", None));
        assert_eq!(state.active.as_deref(), Some("bob"), "an entry taken up is not made active");
        assert!(state.remove("carol"));
        assert!(state.remove("ada"));
        assert_eq!(state.active.as_deref(), Some("bob"), "removing another account keeps the active one");
        assert!(state.remove("bob"));
        assert!(state.is_empty() && state.active.is_none());
        assert!(!state.remove("bob"));
        state.adopt(account("carol", None));
        assert_eq!(state.active.as_deref(), Some("carol"), "the only account is the active one");
    }

    #[test]
    fn removing_the_active_account_makes_the_first_remaining_one_active() {
        let mut state = LinkState::default();
        for id in ["ada", "bob", "carol"] {
            state.upsert(account(id, None));
        }
        assert!(state.remove("carol"));
        assert_eq!(state.active.as_deref(), Some("ada"));
    }

    #[test]
    fn an_account_is_named_by_id_or_by_a_display_name_only_it_has() {
        let mut state = LinkState::default();
        state.upsert(account("ada", Some("Ada")));
        state.upsert(account("bob", Some("Sam")));
        state.upsert(account("sam", Some("Sam")));
        state.upsert(account("dan", Some("Twin")));
        state.upsert(account("eve", Some("twin")));
        assert_eq!(state.resolve("ada").unwrap().id, "ada");
        assert_eq!(state.resolve("aDa").unwrap().id, "ada", "display names ignore case");
        assert_eq!(state.resolve("sam").unwrap().id, "sam", "an id wins over a display name");
        assert_eq!(state.resolve("Twin"), Err(Unresolved::Ambiguous(vec!["dan".into(), "eve".into()])));
        assert_eq!(state.resolve("carol"), Err(Unresolved::Unknown));
        assert_eq!(state.names(), ["Ada (ada)", "Sam (bob)", "Sam (sam)", "Twin (dan)", "twin (eve)"]);
    }
}
