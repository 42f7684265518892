//! `spotify-emulator`: runs the emulator on 127.0.0.1 until Ctrl-C. Glue only;
//! every behaviour lives in the library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use spotify_emulator::{Consent, Emulator, EmulatorConfig, Rotation};

/// A strict local emulator of Spotify's accounts service and GET /v1/me.
#[derive(Debug, Parser)]
#[command(name = "spotify-emulator", version)]
struct Args {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 4380)]
    port: u16,
    /// Registered client ID (repeatable). Default: spotlink-test-client.
    #[arg(long = "client-id", value_name = "ID")]
    client_ids: Vec<String>,
    /// Registered redirect URI (repeatable). Default: spotlink://callback and
    /// http://127.0.0.1/callback (any port).
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
    /// How the emulated user answers the consent screen.
    #[arg(long, value_enum, default_value_t = ConsentArg::Interactive)]
    consent: ConsentArg,
    /// Refresh-token rotation (off = Spotify since 2026).
    #[arg(long, value_enum, default_value_t = RotationArg::Off)]
    rotation: RotationArg,
    /// Access token lifetime in seconds.
    #[arg(long, value_name = "SECS")]
    access_ttl: Option<u64>,
    /// Refresh token lifetime in seconds, from the original authorization.
    #[arg(long, value_name = "SECS")]
    refresh_lifetime: Option<u64>,
    /// Grant only these of the requested scopes (comma separated).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    grant_scopes: Option<Vec<String>>,
    /// Act as a user missing from the app's allow-list: /v1/me answers 403.
    #[arg(long)]
    not_allow_listed: bool,
    /// Write the bound port to this file once listening (for scripts).
    #[arg(long, value_name = "PATH")]
    port_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ConsentArg {
    AutoApprove,
    AutoDeny,
    Interactive,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RotationArg {
    On,
    Off,
}

impl Args {
    fn into_config(self) -> EmulatorConfig {
        let defaults = EmulatorConfig::default();
        EmulatorConfig {
            port: self.port,
            client_ids: if self.client_ids.is_empty() { defaults.client_ids } else { self.client_ids },
            redirect_uris: if self.redirect_uris.is_empty() { defaults.redirect_uris } else { self.redirect_uris },
            consent: match self.consent {
                ConsentArg::AutoApprove => Consent::AutoApprove,
                ConsentArg::AutoDeny => Consent::AutoDeny,
                ConsentArg::Interactive => Consent::Interactive,
            },
            rotation: match self.rotation {
                RotationArg::On => Rotation::On,
                RotationArg::Off => Rotation::Off,
            },
            access_ttl: self.access_ttl.map_or(defaults.access_ttl, Duration::from_secs),
            refresh_lifetime: self.refresh_lifetime.map_or(defaults.refresh_lifetime, Duration::from_secs),
            grantable_scopes: self
                .grant_scopes
                .map(|list| list.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()),
            allow_listed: !self.not_allow_listed,
            ..defaults
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let args = Args::parse();
    let port_file = args.port_file.clone();
    let emulator = match Emulator::start(args.into_config()).await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("spotify-emulator: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = port_file {
        if let Err(error) = std::fs::write(&path, format!("{}\n", emulator.port())) {
            eprintln!("spotify-emulator: cannot write port file {}: {error}", path.display());
            emulator.shutdown().await;
            return ExitCode::FAILURE;
        }
    }

    let mut stdout = std::io::stdout().lock();
    // Scripts wait for exactly this line.
    let announced =
        writeln!(stdout, "spotify-emulator listening on {}", emulator.base_url()).and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(error) = announced {
        eprintln!("spotify-emulator: cannot write to stdout: {error}");
    }

    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("spotify-emulator: cannot wait for Ctrl-C: {error}");
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
