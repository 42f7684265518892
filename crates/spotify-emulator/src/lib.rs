//! A strict local emulator of Spotify's accounts service (`/authorize`,
//! `/api/token`) and a slice of the Web API (`/v1/me` and a small library), for SpotLink's tests, E2E runs and
//! benchmarks, and for trying SpotLink without a Spotify developer account.
//! Never shipped.
//!
//! It is as strict as Spotify on purpose: PKCE S256 only, exact redirect URI
//! matching (loopback port excepted, RFC 8252 §7.3), single-use expiring
//! codes, form-encoded token requests only, refresh tokens that expire a fixed
//! time after the original authorization, and optional rotation with replay
//! detection. A client bug should fail a test here rather than in production.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use spotify_emulator::{Emulator, EmulatorConfig};
//! let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! println!("authorize at {}/authorize", emulator.accounts_url());
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! See `docs/emulator.md` for the binary, its flags and the control API.

mod authorize;
mod config;
mod control;
mod faults;
mod library;
mod log;
mod me;
mod pages;
mod params;
mod pkce;
mod redirect;
mod scopes;
mod secret;
mod server;
mod state;
mod stats;
mod token;
mod web_api;

pub use config::{Consent, EmulatorConfig, ExplicitContent, Image, Rotation, User};
pub use faults::{Fault, FaultTarget};
pub use log::LogEntry;
pub use server::{Emulator, EmulatorHandle};
pub use stats::Stats;

/// Every Spotify scope the emulator accepts, with what the user grants.
pub const SCOPES: &[(&str, &str)] = scopes::ALL;
