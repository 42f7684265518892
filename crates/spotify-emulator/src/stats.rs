//! Counters a test can assert on, from this process or over HTTP.

use serde::{Deserialize, Serialize};

/// What the emulator has seen since it started. Returned by
/// [`crate::EmulatorHandle::stats`] and `GET /_emulator/stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Approved authorizations, i.e. authorization codes issued.
    pub authorizations: u64,
    /// Codes successfully exchanged for tokens.
    pub codes_exchanged: u64,
    /// Successful refresh-token grants.
    pub refreshes: u64,
    /// Replays caught: a used authorization code, or (with rotation on) a used
    /// refresh token, presented again.
    pub replays_detected: u64,
    /// Grants revoked, by replay detection or by revoke-all.
    pub grants_revoked: u64,
    /// Every request to `POST /api/token`, faulted or not.
    pub token_requests: u64,
    /// Every request to `GET /v1/me`.
    pub me_requests: u64,
    /// Every request to the Web API (`/v1/...`), `/v1/me` included, faulted or not.
    pub api_requests: u64,
}
