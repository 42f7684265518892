//! `spotlink token`: a valid access token on stdout, for scripts (like `gh auth token`).

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use spotlink_core::engine::Taker;
use spotlink_core::scopes::ScopeSet;
use spotlink_core::Error;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Print {"access_token", "token_type", "expires_at"} instead of the bare token.
    #[arg(long)]
    json: bool,
    /// The token must stay valid at least this many seconds (default 120; at most 3000).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(0..=3000))]
    min_ttl: Option<u64>,
    /// Fail (exit 10) unless the link was granted these scopes, comma separated; the
    /// message names the missing ones and the command that adds them.
    #[arg(long, value_name = "a,b,...")]
    require_scope: Option<String>,
    #[command(flatten)]
    account: super::AccountOption,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let required = match &options.require_scope {
        Some(list) => ScopeSet::parse_requested(list)?,
        None => ScopeSet::default(),
    };
    let engine = options.account.engine()?;
    let served = engine.hand_out(Taker::Caller, options.min_ttl.map(Duration::from_secs), &required).await?;
    let mut stdout = std::io::stdout().lock();
    let written = if options.json {
        let body = serde_json::json!({
            "access_token": served.token.secret(),
            "token_type": "Bearer",
            "expires_at": output::rfc3339(served.expires_at),
        });
        writeln!(stdout, "{body}")
    } else {
        writeln!(stdout, "{}", served.token.secret())
    };
    // A closed pipe (`spotlink token | head -c0`) is the reader's choice, not our failure.
    let _ = written.and_then(|()| stdout.flush());
    Ok(ExitCode::SUCCESS)
}
