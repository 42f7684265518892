//! `spotlink unlink`: forget a link here; Spotify's side is removed on the account page.

use std::process::ExitCode;

use spotlink_core::config::ACCOUNT_APPS_URL;
use spotlink_core::{i18n, msg, Error};

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Unlink every linked account (keychain entries and settings).
    #[arg(long, conflicts_with = "account")]
    all: bool,
    #[command(flatten)]
    account: super::AccountOption,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = options.account.engine()?;
    if options.all {
        let unlinked = engine.unlink_all().await?;
        match unlinked.as_slice() {
            [] => output::say(msg!("cli-unlink-none")),
            [one] => output::say(msg!("cli-unlink-one", name = one)),
            many => output::say(msg!("cli-unlink-many", count = many.len(), names = i18n::list(many))),
        }
    } else {
        match engine.unlink().await? {
            Some(unlinked) => {
                output::say(msg!("cli-unlink-one", name = unlinked.account.name()));
                if let Some(active) = &unlinked.now_active {
                    let now_active = msg!("cli-unlink-now-active", name = active.name(), id = &active.id);
                    eprintln!("spotlink: {}", now_active.text());
                }
            }
            None => output::say(msg!("cli-unlink-none")),
        }
    }
    output::say(msg!("cli-unlink-revoke"));
    println!("{ACCOUNT_APPS_URL}");
    Ok(ExitCode::SUCCESS)
}
