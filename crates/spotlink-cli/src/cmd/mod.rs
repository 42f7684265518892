//! One module per verb, each with its `Options` and `run`.

pub mod activity;
pub mod api;
pub mod completions;
pub mod link;
pub mod refresh;
pub mod scopes;
pub mod status;
pub mod switch;
pub mod token;
pub mod unlink;

use spotlink_core::{Engine, Error};

/// `--account`: which linked account a verb is about, when not the active one.
#[derive(Debug, Clone, clap::Args)]
pub struct AccountOption {
    /// Use this linked account instead of the active one: its Spotify user id, or a
    /// display name no other linked account has. An account that is not linked: exit 3.
    #[arg(long, value_name = "ACCOUNT", env = "SPOTLINK_ACCOUNT")]
    pub account: Option<String>,
}

impl AccountOption {
    /// The engine for this user, about the chosen account.
    pub fn engine(&self) -> Result<Engine, Error> {
        Ok(engine()?.select(self.account.clone()))
    }
}

/// The engine for this user, serving the program that started `spotlink` (named in the
/// activity record beside each token it takes).
pub fn engine() -> Result<Engine, Error> {
    Ok(Engine::from_environment()?.called_by(spotlink_core::activity::program::parent()))
}
