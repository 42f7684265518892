//! `spotlink link`: Authorization Code + PKCE with a loopback redirect on 127.0.0.1.

use std::process::ExitCode;
use std::time::Duration;

use spotlink_core::callback::PendingFlow;
use spotlink_core::loopback::LoopbackServer;
use spotlink_core::scopes::{self, ScopeSet};
use spotlink_core::{lifetime, Engine, Error};
use time::OffsetDateTime;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Scopes to request, comma separated (default: the previous link's, or profile only).
    #[arg(long, value_name = "a,b,...", conflicts_with = "add_scopes")]
    scopes: Option<String>,
    /// Keep what the link has and ask for these scopes too, comma separated (like `gh auth
    /// refresh -s`); Spotify's consent page lists them all.
    #[arg(long, value_name = "a,b,...")]
    add_scopes: Option<String>,
    /// Listen on this port (default: any free port). Register http://127.0.0.1/callback at Spotify.
    #[arg(long)]
    port: Option<u16>,
    /// Do not open the browser; only print the URL.
    #[arg(long)]
    no_browser: bool,
    /// Give up after this many seconds without an answer (at most 600).
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u64).range(10..=600))]
    timeout: u64,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let previous = engine.load().await.ok().flatten();
    let kept = previous.as_ref().map(|p| p.requested.union(&p.record.granted)).filter(|s| !s.is_empty());
    let scopes = match (&options.scopes, &options.add_scopes) {
        (Some(list), _) => ScopeSet::parse_requested(list)?,
        // What was asked for and granted before, plus the new ones.
        (None, Some(added)) => kept.unwrap_or_else(scopes::default_scopes).union(&ScopeSet::parse_requested(added)?),
        (None, None) => kept.unwrap_or_else(scopes::default_scopes),
    };
    let server = LoopbackServer::bind(options.port).await?;
    // Linking again: show Spotify's consent page so the user can switch account or review permissions.
    let relink = previous.is_some();
    let mut flow = PendingFlow::new();
    let linked_client = previous.as_ref().map(|p| p.record.client_id.as_str());
    let pending = flow.begin(engine.begin_link(scopes, server.redirect_uri().clone(), relink, linked_client)?);
    let url = pending.authorize_url().to_string();

    eprintln!("Open this URL in your browser to link your Spotify account:");
    eprintln!("{url}");
    if !options.no_browser {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("(Could not open a browser: {e}. Open the URL above yourself.)");
        }
    }
    eprintln!("Waiting for Spotify's answer on {} ... (Ctrl-C to cancel)", server.redirect_uri().as_str());

    let outcome = server
        .wait(&mut flow, Duration::from_secs(options.timeout), |ignored| {
            eprintln!("spotlink: ignored a request that is not this sign-in's answer: {ignored}");
        })
        .await?;
    let link = engine.finish_link(outcome?).await?;

    let record = &link.record;
    let name = record.account.display_name.as_deref().unwrap_or(&record.account.id);
    let now = OffsetDateTime::now_utc();
    println!("Linked Spotify account {name} ({}).", record.account.id);
    println!(
        "  Scopes: {}",
        if record.granted.is_empty() { "none".to_owned() } else { record.granted.to_vec().join(", ") }
    );
    let missing = link.requested.missing_from(&record.granted);
    if !missing.is_empty() {
        println!("  Requested but not granted: {}", missing.join(", "));
    }
    println!("  Link valid until {}.", output::when(lifetime::link_expires_at(record.authorized_at), now));
    Ok(ExitCode::SUCCESS)
}
