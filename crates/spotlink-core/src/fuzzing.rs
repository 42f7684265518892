//! Entry points for the fuzz targets in `fuzz/` (feature `fuzzing`; not part of the API).
//!
//! Each function calls the real, private parser the engine uses on untrusted input,
//! never a copy of it, and returns what a fuzz target needs to check its invariants.
//! The public parsers (`callback::parse_deep_link`, `ScopeSet`, `LinkState::parse`,
//! `config::parse_file_config`, `Config::resolve`) are called by the targets directly.

use time::OffsetDateTime;
use url::Url;
use zeroize::Zeroizing;

use crate::authorize::PendingAuthorization;
use crate::callback::PendingFlow;
use crate::loopback::Reply;
use crate::profile::{Profile, ProfileError};
use crate::store::{LinkRecord, StoreError};
use crate::token::{TokenError, TokenResponse};

/// The keychain record decoder (`store.rs`), as `LinkStore::load` calls it.
pub fn decode_record(account: &str, json: &str) -> Result<LinkRecord, StoreError> {
    crate::store::decode(account, json)
}

/// The keychain record encoder (`store.rs`), as `LinkStore::save_record` calls it.
pub fn encode_record(record: &LinkRecord) -> Result<Zeroizing<String>, StoreError> {
    crate::store::encode(record)
}

/// The decoder of the sign-in kept in the keychain entry `:pending-sign-in`.
pub fn decode_pending(json: &str, accounts_url: &Url) -> Option<PendingAuthorization> {
    PendingAuthorization::from_keychain_json(json, accounts_url)
}

/// The keychain form of a sign-in in progress.
pub fn encode_pending(pending: &PendingAuthorization) -> Zeroizing<String> {
    pending.to_keychain_json()
}

/// The `state` a pending sign-in expects (a secret: only for comparisons in targets).
pub fn pending_state(pending: &PendingAuthorization) -> &str {
    pending.state.secret()
}

/// The PKCE verifier of a pending sign-in (a secret: only for comparisons in targets).
pub fn pending_verifier(pending: &PendingAuthorization) -> &str {
    pending.verifier.secret()
}

/// A sign-in in progress with a known `state`, started at `started_at`, built through
/// the keychain decoder (a real one has a random `state` a fuzzer cannot reach).
pub fn pending_with_state(state: &str, started_at: OffsetDateTime) -> PendingAuthorization {
    let endpoint = Url::parse("http://127.0.0.1:1/authorize").expect("a fixed URL");
    let json = serde_json::json!({
        "v": 1,
        "client_id": "spotlink-fuzz-client",
        "redirect_uri": "spotlink://callback",
        "scope": "user-read-email",
        "show_dialog": false,
        "started_at": started_at.unix_timestamp(),
        "verifier": "v".repeat(86),
        "state": state,
        "authorize_url": endpoint.as_str(),
    });
    PendingAuthorization::from_keychain_json(&json.to_string(), &endpoint).expect("a well-formed pending sign-in")
}

/// The loopback listener's handling of one request head, as `LoopbackServer::serve`
/// does it after reading the head off the socket.
pub fn loopback_request(head: &str, flow: &mut PendingFlow, now: OffsetDateTime) -> Reply {
    crate::loopback::reply(head, flow, now)
}

/// The text `config::write_file_config` writes for `config`.
pub fn config_file_text(config: &crate::config::FileConfig) -> Result<String, toml::ser::Error> {
    crate::config::file_config_text(config)
}

/// The token endpoint's success body parser (`token.rs`).
pub fn parse_token_success(body: &[u8]) -> Result<TokenResponse, TokenError> {
    crate::token::parse_success(body)
}

/// The token endpoint's error body parser (`token.rs`), for a non-2xx `status`.
pub fn parse_token_error(status: u16, body: &[u8]) -> TokenError {
    crate::token::parse_error(status, body)
}

/// The `GET /v1/me` body parser (`profile.rs`).
pub fn parse_profile(body: &[u8]) -> Result<Profile, ProfileError> {
    crate::profile::parse_me(body)
}

/// The message of a Web API error body (`{"error":{"message":...}}`), as `fetch_profile` reads it.
pub fn profile_error_message(status: u16, body: &[u8]) -> String {
    crate::profile::error_message(status, body)
}
