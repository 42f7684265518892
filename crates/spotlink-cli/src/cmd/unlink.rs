//! `spotlink unlink`: forget the link here; Spotify's side is removed on the account page.

use std::process::ExitCode;

use spotlink_core::config::ACCOUNT_APPS_URL;
use spotlink_core::{Engine, Error};

#[derive(Debug, clap::Args)]
pub struct Options {}

pub async fn run(_options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let who = match engine.load().await {
        Ok(Some(link)) => link.record.account.display_name.clone().unwrap_or(link.record.account.id.clone()),
        _ => String::new(),
    };
    if engine.unlink().await? {
        let who = if who.is_empty() { "The Spotify account".to_owned() } else { who };
        println!("{who} is unlinked from this computer: the keychain entry and settings are gone.");
    } else {
        println!("No Spotify account was linked on this computer.");
    }
    println!(
        "Spotify has no way for apps to revoke their own access. To remove SpotLink's access on Spotify's side, open:"
    );
    println!("{ACCOUNT_APPS_URL}");
    Ok(ExitCode::SUCCESS)
}
