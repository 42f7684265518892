//! `spotlink unlink`: forget a link here; Spotify's side is removed on the account page.

use std::process::ExitCode;

use spotlink_core::config::ACCOUNT_APPS_URL;
use spotlink_core::Error;

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
            [] => println!("No Spotify account was linked on this computer."),
            [one] => println!("{one} is unlinked from this computer: the keychain entry and settings are gone."),
            many => println!(
                "{} accounts are unlinked from this computer ({}): their keychain entries and settings are gone.",
                many.len(),
                many.join(", ")
            ),
        }
    } else {
        match engine.unlink().await? {
            Some(unlinked) => {
                println!(
                    "{} is unlinked from this computer: the keychain entry and settings are gone.",
                    unlinked.account.name()
                );
                if let Some(active) = &unlinked.now_active {
                    eprintln!("spotlink: {} ({}) is the active account now.", active.name(), active.id);
                }
            }
            None => println!("No Spotify account was linked on this computer."),
        }
    }
    println!(
        "Spotify has no way for apps to revoke their own access. To remove SpotLink's access on Spotify's side, open:"
    );
    println!("{ACCOUNT_APPS_URL}");
    Ok(ExitCode::SUCCESS)
}
