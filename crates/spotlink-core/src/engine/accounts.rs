//! The engine's accounts: which one an operation is about, the list of linked accounts,
//! switching the active one, and unlinking one or all.

use crate::activity::{Entry, Event};
use crate::error::Error;
use crate::state::{AccountState, LinkState, Unresolved};
use crate::status::AccountSummary;
use crate::store::{StoreError, StoredLink};

use super::Engine;

/// What unlinking one account did.
#[derive(Debug, Clone)]
pub struct Unlinked {
    /// The account unlinked.
    pub account: AccountState,
    /// The account active now, when the one unlinked was active and another is left.
    pub now_active: Option<AccountState>,
}

/// A linked account with its stored link as read from the keychain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedAccount {
    pub account: AccountState,
    pub active: bool,
    /// `None` when its keychain entry is gone or cannot be read (`problem` says why).
    pub link: Option<StoredLink>,
    /// Why the link cannot be read, as a sentence.
    pub problem: Option<String>,
}

impl LinkedAccount {
    /// The name to show: the linked account's display name, else the id.
    pub fn name(&self) -> &str {
        self.link
            .as_ref()
            .and_then(|l| l.record.account.display_name.as_deref())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.account.name())
    }
}

impl Engine {
    /// A second engine over the same configuration, keychain and state, about the linked
    /// account `id` (the app copies another account's token with it).
    pub fn about(&self, id: &str) -> Engine {
        Engine {
            config: self.config.clone(),
            paths: self.paths.clone(),
            store: self.store.clone(),
            options: self.options.clone(),
            http: self.http.clone(),
            selected: Some(id.to_owned()),
            activity: self.activity.clone(),
            caller: self.caller.clone(),
        }
    }

    /// The account this engine is about: the one selected, else the active one (`None`
    /// when nothing is linked). A selected account that the state file does not list but
    /// the keychain holds (an entry a damaged or deleted state file lost) is taken up.
    pub async fn account(&self) -> Result<Option<AccountState>, Error> {
        let state = self.store.state()?;
        match &self.selected {
            Some(name) => self.resolve(&state, name).await.map(Some),
            None if !state.is_empty() => Ok(state.active().cloned()),
            // Nothing listed: entries a lost state file left in the keychain are taken up
            // (where it can list them; a keychain that cannot answer leaves nothing linked).
            None => Ok(self.take_up_unlisted(state).await?.active().cloned()),
        }
    }

    /// The linked account `name` picks in `state`, taking up a keychain entry the state
    /// file does not list.
    async fn resolve(&self, state: &LinkState, name: &str) -> Result<AccountState, Error> {
        match state.resolve(name) {
            Ok(account) => Ok(account.clone()),
            Err(Unresolved::Ambiguous(ids)) => Err(Error::AmbiguousAccount { asked: name.to_owned(), ids }),
            Err(Unresolved::Unknown) => {
                let unknown = || Error::UnknownAccount { asked: name.to_owned(), linked: state.names() };
                let record = match self.store.load_record(name).await {
                    Ok(Some(record)) => record,
                    Ok(None) | Err(StoreError::Corrupt { .. }) => return Err(unknown()),
                    Err(e) => return Err(e.into()),
                };
                let found = AccountState::found(&record);
                tracing::info!("taking up a keychain entry the state file did not list");
                self.store.update_state(|state| state.adopt(found.clone())).await?;
                Ok(found)
            }
        }
    }

    /// Every linked account with its stored link, in the order they were linked. Entries
    /// in the keychain that the state file does not list (where the keychain can list them)
    /// are taken up first. An account whose entry cannot be read is listed with the reason.
    pub async fn linked(&self) -> Result<Vec<LinkedAccount>, Error> {
        let state = self.take_up_unlisted(self.store.state()?).await?;
        let mut linked = Vec::with_capacity(state.accounts.len());
        let mut renamed = Vec::new();
        for account in &state.accounts {
            let active = state.active.as_deref() == Some(account.id.as_str());
            let (link, problem) = match self.store.load(account).await {
                Ok(Some(link)) => {
                    if link.record.account.display_name != account.display_name {
                        renamed.push((account.id.clone(), link.record.account.display_name.clone()));
                    }
                    (Some(link), None)
                }
                Ok(None) => (None, Some(crate::sentence(&Error::NotLinked.message().text()))),
                Err(e) => (None, Some(crate::sentence(&e.message().text()))),
            };
            linked.push(LinkedAccount { account: account.clone(), active, link, problem });
        }
        // The state file keeps the names the keychain records have (a file of the
        // single-account version had none), so accounts can be named without the keychain.
        if let Err(e) = self.store.set_display_names(&renamed).await {
            tracing::warn!(error = %e, "cannot note the accounts' names in the state file");
        }
        Ok(linked)
    }

    /// [`Engine::linked`] as summaries, for lists (`spotlink status`).
    pub async fn accounts(&self) -> Result<Vec<AccountSummary>, Error> {
        let now = super::now();
        Ok(self.linked().await?.iter().map(|linked| AccountSummary::of(linked, now)).collect())
    }

    /// `state` with the keychain entries it does not list taken up (where the keychain can
    /// list them; a keychain that cannot answer leaves `state` as it is, since the
    /// accounts it lists still show, each with the reason its entry cannot be read).
    async fn take_up_unlisted(&self, state: LinkState) -> Result<LinkState, Error> {
        let found = match self.store.keychain_accounts().await {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!(error = %e, "cannot list the keychain's entries");
                return Ok(state);
            }
        };
        let mut unlisted = Vec::new();
        for id in found.iter().filter(|id| state.get(id).is_none()) {
            if let Ok(Some(record)) = self.store.load_record(id).await {
                unlisted.push(AccountState::found(&record));
            }
        }
        if unlisted.is_empty() {
            return Ok(state);
        }
        tracing::info!(count = unlisted.len(), "taking up keychain entries the state file did not list");
        let state = self
            .store
            .update_state(|state| {
                for account in unlisted {
                    state.adopt(account);
                }
                state.clone()
            })
            .await?;
        Ok(state)
    }

    /// Makes the linked account `name` (an id or a unique display name) the active one.
    pub async fn switch(&self, name: &str) -> Result<AccountState, Error> {
        let state = self.store.state()?;
        let account = self.resolve(&state, name).await?;
        let switched = self.store.update_state(|state| state.switch(&account.id)).await?;
        if !switched {
            // Unlinked by another process meanwhile.
            return Err(Error::UnknownAccount { asked: name.to_owned(), linked: self.store.state()?.names() });
        }
        self.note(Entry::now(Event::Switch, Some(&account.id)).by(self.caller.clone()));
        Ok(account)
    }

    /// Forgets the account's link locally (its keychain entry and its place in the state
    /// file); the other accounts' links stay, and when it was the active one, another
    /// becomes active. `None`: nothing was linked. Spotify has no revocation endpoint:
    /// the user removes access at [`crate::config::ACCOUNT_APPS_URL`].
    pub async fn unlink(&self) -> Result<Option<Unlinked>, Error> {
        let Some(account) = self.account().await? else { return Ok(None) };
        let _lock = self.lock(&account.id).await?;
        let now_active = self.store.delete(&account.id).await?.now_active;
        self.note(Entry::now(Event::Unlink, Some(&account.id)).by(self.caller.clone()));
        Ok(Some(Unlinked { account, now_active }))
    }

    /// Forgets every account's link on this computer, the keychain entries the state file
    /// does not list and a damaged state file included. Returns the accounts unlinked.
    pub async fn unlink_all(&self) -> Result<Vec<String>, Error> {
        let accounts = self.store.all_accounts().await?;
        // Each account's lock, in one order (sorted), so no refresh writes a link back.
        let mut locks = Vec::with_capacity(accounts.len());
        for account in &accounts {
            locks.push(self.lock(account).await?);
        }
        let unlinked = self.store.delete_all(&accounts).await?;
        for account in &unlinked {
            self.note(Entry::now(Event::Unlink, Some(account)).by(self.caller.clone()));
        }
        Ok(unlinked)
    }
}
