//! `spotlink switch`: make another linked account the active one (like `gh auth switch`).

use std::process::ExitCode;

use spotlink_core::{Engine, Error};

use crate::exit;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// The linked account to make active: its Spotify user id, or a display name no other
    /// linked account has. Without it, and with exactly two accounts linked, the other one.
    #[arg(value_name = "ACCOUNT")]
    account: Option<String>,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let name = match options.account {
        Some(name) => name,
        None => {
            let accounts = engine.accounts().await?;
            match accounts.as_slice() {
                [] => return Err(Error::NotLinked),
                [a, b] => if a.active { &b.id } else { &a.id }.clone(),
                _ => {
                    let names: Vec<String> = accounts.iter().map(|a| format!("{} ({})", a.name(), a.id)).collect();
                    let listed =
                        if accounts.len() == 1 { "only one account is linked" } else { "several accounts are linked" };
                    return Ok(exit::fail(
                        &format!("name the account to switch to: {listed} ({})", names.join(", ")),
                        exit::USAGE,
                    ));
                }
            }
        }
    };
    let account = engine.switch(&name).await?;
    println!(
        "Switched to {} ({}): `spotlink token`, `spotlink api` and the app now use this account.",
        account.name(),
        account.id
    );
    Ok(ExitCode::SUCCESS)
}
