//! `spotlink token`: a valid access token on stdout, for scripts (like `gh auth token`).

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use spotlink_core::{Engine, Error};

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Print {"access_token", "token_type", "expires_at"} instead of the bare token.
    #[arg(long)]
    json: bool,
    /// The token must stay valid at least this many seconds (default 120; at most 3000).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(0..=3000))]
    min_ttl: Option<u64>,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = Engine::from_environment()?;
    let served = engine.access_token(options.min_ttl.map(Duration::from_secs)).await?;
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
