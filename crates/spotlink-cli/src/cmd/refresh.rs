//! `spotlink refresh`: refresh the access token now.

use std::process::ExitCode;

use spotlink_core::{msg, Error};
use time::OffsetDateTime;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    #[command(flatten)]
    account: super::AccountOption,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = options.account.engine()?;
    let served = engine.refresh().await?;
    output::say(msg!("cli-refresh-done", when = output::when(served.expires_at, OffsetDateTime::now_utc())));
    Ok(ExitCode::SUCCESS)
}
