//! `spotlink refresh`: refresh the access token now.

use std::process::ExitCode;

use spotlink_core::{Engine, Error};
use time::OffsetDateTime;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {}

pub async fn run(_options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let served = engine.refresh().await?;
    println!(
        "Refreshed. The access token is valid until {}.",
        output::when(served.expires_at, OffsetDateTime::now_utc())
    );
    Ok(ExitCode::SUCCESS)
}
