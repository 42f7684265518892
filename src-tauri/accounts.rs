//! The linked accounts as the shell shows them: the active account's link in
//! `Model.link`, the others in `Model.others`, read again after anything that can
//! change which accounts are linked or which one is active.

use spotlink_core::{Engine, Error};
use tauri::AppHandle;

use crate::state::{shell, Inner};
use crate::view::Model;

/// Every linked account, read from the keychain (no network).
pub struct Accounts(Vec<spotlink_core::LinkedAccount>);

impl Accounts {
    /// Reads them; entries the state file does not list are taken up on the way.
    pub async fn read(engine: &Engine) -> Result<Self, Error> {
        Ok(Self(engine.linked().await?))
    }

    /// Puts them in the model: the active one's link, and the others. An active account
    /// whose entry cannot be read leaves `Model.link` empty (the others are still listed).
    pub fn show(self, model: &mut Model) {
        let (active, others): (Vec<_>, Vec<_>) = self.0.into_iter().partition(|a| a.active);
        model.link = active.into_iter().next().and_then(|a| a.link);
        model.others = others;
        // Pictures of accounts no longer linked are dropped.
        let wanted: Vec<&str> = model
            .link
            .iter()
            .chain(model.others.iter().filter_map(|o| o.link.as_ref()))
            .filter_map(|l| l.record.account.image_url.as_deref())
            .collect();
        model.avatars.retain(|a| wanted.contains(&a.url.as_str()));
    }
}

/// Reads the accounts again and shows them with `then` (in the same view change);
/// a keychain that cannot be read keeps what is shown and says why.
pub async fn reload(app: &AppHandle, then: impl FnOnce(&mut Inner)) {
    let shell = shell(app);
    let read = Accounts::read(&shell.engine()).await;
    shell.update(|inner| {
        match read {
            Ok(accounts) => accounts.show(&mut inner.model),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the linked accounts");
                inner.model.error = Some(crate::error::ErrorView::from(e));
            }
        }
        then(inner);
    });
}
