//! `spotlink status`: who is linked and until when. Offline: reads the keychain only.

use std::process::ExitCode;

use spotlink_core::lifetime::LinkHealth;
use spotlink_core::{Engine, Error};
use time::OffsetDateTime;

use crate::{exit, output};

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Print the status as JSON (never includes token values). Exit code 0 whenever the status could be read.
    #[arg(long)]
    json: bool,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let status = engine.status().await?;
    if options.json {
        let json = serde_json::to_string_pretty(&status).map_err(|e| std::io::Error::other(e.to_string()));
        println!("{}", json.unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(account) = &status.account else {
        return Ok(exit::fail("no Spotify account is linked; run `spotlink link`", exit::NOT_LINKED));
    };
    let now = OffsetDateTime::now_utc();
    let name = account.display_name.as_deref().unwrap_or(&account.id);
    println!("Linked to Spotify as {name} ({})", account.id);
    let details: Vec<String> = [
        account.product.as_ref().map(|p| format!("plan: {p}")),
        account.email.as_ref().map(|e| format!("email: {e}")),
        account.country.as_ref().map(|c| format!("country: {c}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        println!("  {}", details.join(" · "));
    }
    println!("  Scopes: {}", if status.scopes.is_empty() { "none".into() } else { status.scopes.join(", ") });
    if !status.not_granted_scopes.is_empty() {
        println!("  Requested but not granted: {}", status.not_granted_scopes.join(", "));
    }
    match status.access_token_expires_at {
        Some(at) if at > now => println!("  Access token: valid until {}", output::when(at, now)),
        Some(at) => println!("  Access token: expired {}; `spotlink token` refreshes it", output::relative(at - now)),
        None => println!("  Access token: none"),
    }
    if let (Some(at), Some(days)) = (status.link_expires_at, status.link_days_left) {
        println!("  Link: valid until {} — {days} days left (Spotify links last 6 months)", output::when(at, now));
    }
    if let Some(client) = &status.client_id {
        println!("  Client ID: {client}");
    }
    match status.link_health {
        Some(LinkHealth::NeedsRelink) | Some(LinkHealth::Expired) => Ok(exit::fail(
            "Spotify no longer accepts this link; run `spotlink link` to link again",
            exit::RELINK_NEEDED,
        )),
        Some(LinkHealth::RenewSoon) => {
            eprintln!("spotlink: the link expires soon; run `spotlink link` to renew it for another 6 months.");
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
