//! `spotlink`: the command-line face of SpotLink, modelled on `gh auth`.
//!
//! Every verb lives in its own module under `cmd/` with its options and its `run`;
//! this file only parses arguments, builds the engine and maps errors to exit codes.
//! It is a library so that the man pages and shell completions the packages ship
//! ([`command`]) come from the same definitions the binary parses.

mod cmd;
mod exit;
mod jq;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Link a Spotify account to this computer and use it from scripts.
#[derive(Debug, Parser)]
#[command(name = "spotlink", version, propagate_version = true, after_long_help = AFTER_LONG_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Link a Spotify account, or add another (opens your browser; the answer comes back
    /// to 127.0.0.1; --remote for a machine without a browser).
    Link(cmd::link::Options),
    /// Show who is linked, the scopes, and when the token and the link expire (offline).
    Status(cmd::status::Options),
    /// Print a valid access token (refreshing it first if needed) and nothing else.
    Token(cmd::token::Options),
    /// Call Spotify's Web API with the link's token (like `gh api`).
    Api(cmd::api::Options),
    /// Refresh the access token now.
    Refresh(cmd::refresh::Options),
    /// List the granted scopes, or every Spotify scope with --all.
    Scopes(cmd::scopes::Options),
    /// Make another linked account the active one.
    Switch(cmd::switch::Options),
    /// Show what happened to the links and which programs took a token (--summary per
    /// program, --json for scripts, --clear to empty the record).
    Activity(cmd::activity::Options),
    /// Forget a link on this computer (keychain and settings); --all for every account.
    Unlink(cmd::unlink::Options),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::Options),
}

pub use cmd::completions::script as completion_script;

/// `spotlink --help`'s and the man page's closing text: what scripts rely on.
const AFTER_LONG_HELP: &str = "\
Exit status:
  0  success            4  the link must be renewed (spotlink link)
  1  other failure      5  the system keychain is unavailable or refused access
  2  usage error        6  network or server problem (also rate limiting)
  3  no account linked  7  configuration problem     8  the sign-in did not complete
  9  (status --check) the link ends within 14 days; renew it with spotlink link
 10  (--require-scope, api) the link lacks a scope; spotlink link --add-scopes adds it

Environment:
  SPOTLINK_CLIENT_ID, SPOTLINK_ACCOUNTS_URL, SPOTLINK_API_URL, SPOTLINK_KEYRING_SERVICE
      override the settings file ($XDG_CONFIG_HOME/spotlink/config.toml)
  SPOTLINK_ACCOUNT  the linked account to use instead of the active one (as --account)
  SPOTLINK_LOG  diagnostics on stderr, e.g. debug (never tokens)

See also: spotlink-app(1); `spotlink VERB --help` for each verb.";

/// The whole command-line interface, for generated documentation (man pages, completions).
pub fn command() -> clap::Command {
    Cli::command()
}

/// Runs `spotlink` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Offline and instant: no logging, no runtime, no engine.
    if let Command::Completions(options) = cli.command {
        return cmd::completions::run(options);
    }
    // `token` prints no times: skip reading the time zone on the hot path.
    if !matches!(cli.command, Command::Token(_)) {
        output::capture_local_offset();
    }
    // These make requests: build their HTTP client while the process has one thread,
    // the way that spares OpenSSL the whole CA bundle (spotlink_core::http::build_ahead).
    if matches!(cli.command, Command::Api(_) | Command::Refresh(_) | Command::Link(_)) {
        spotlink_core::http::build_ahead(spotlink_core::EngineOptions::default().http_timeout);
    }
    init_logging();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return exit::fail(spotlink_core::msg!("cli-cannot-start", detail = e.to_string()), exit::FAILURE),
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Link(o) => cmd::link::run(o).await,
            Command::Status(o) => cmd::status::run(o).await,
            Command::Token(o) => cmd::token::run(o).await,
            Command::Api(o) => cmd::api::run(o).await,
            Command::Refresh(o) => cmd::refresh::run(o).await,
            Command::Scopes(o) => cmd::scopes::run(o).await,
            Command::Switch(o) => cmd::switch::run(o).await,
            Command::Activity(o) => cmd::activity::run(o).await,
            Command::Unlink(o) => cmd::unlink::run(o).await,
            Command::Completions(_) => unreachable!("answered before the runtime starts"),
        }
    });
    // Every call the command waited for has finished or timed out; a keychain call that
    // timed out may still be blocked in its thread, and must not keep the process alive.
    runtime.shutdown_background();
    match result {
        Ok(code) => code,
        Err(e) => exit::fail_with(&e),
    }
}

/// Diagnostics go to stderr, off by default; `SPOTLINK_LOG=debug` turns them on.
/// No code path logs a token, at any level.
fn init_logging() {
    let Ok(filter) = std::env::var("SPOTLINK_LOG") else { return };
    let filter = tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| "warn".into());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        // clap's own checks: unique flags, valid defaults, no conflicting names.
        super::command().debug_assert();
    }

    #[test]
    fn the_long_help_lists_every_exit_code() {
        use crate::exit::*;
        for code in [
            FAILURE,
            USAGE,
            NOT_LINKED,
            RELINK_NEEDED,
            KEYCHAIN,
            NETWORK,
            CONFIG,
            NOT_COMPLETED,
            RENEW_SOON,
            MISSING_SCOPE,
        ] {
            assert!(super::AFTER_LONG_HELP.contains(&format!("{code:>3}  ")), "exit code {code} is not in the help");
        }
    }
}
