//! `spotlink switch`: make another linked account the active one (like `gh auth switch`).

use std::process::ExitCode;

use spotlink_core::{i18n, msg, Error};

use crate::{exit, output};

#[derive(Debug, clap::Args)]
pub struct Options {
    /// The linked account to make active: its Spotify user id, or a display name no other
    /// linked account has. Without it, and with exactly two accounts linked, the other one.
    #[arg(value_name = "ACCOUNT")]
    account: Option<String>,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = super::engine()?;
    let name = match options.account {
        Some(name) => name,
        None => {
            let accounts = engine.accounts().await?;
            match accounts.as_slice() {
                [] => return Err(Error::NotLinked),
                [a, b] => if a.active { &b.id } else { &a.id }.clone(),
                _ => {
                    let names: Vec<String> = accounts.iter().map(|a| format!("{} ({})", a.name(), a.id)).collect();
                    return Ok(exit::fail(
                        msg!("cli-switch-name-one", count = accounts.len(), accounts = i18n::list(&names)),
                        exit::USAGE,
                    ));
                }
            }
        }
    };
    let account = engine.switch(&name).await?;
    output::say(msg!("cli-switch-done", name = account.name(), id = &account.id));
    Ok(ExitCode::SUCCESS)
}
