//! The engine's error: every failure the user can meet, each with a sentence and a kind
//! that the CLI maps to an exit code and the app to a message and an action.

use serde::Serialize;

use crate::api::ApiError;
use crate::callback::CallbackError;
use crate::config::ConfigError;
use crate::lock::LockError;
use crate::loopback::LoopbackError;
use crate::profile::ProfileError;
use crate::scopes::UnknownScope;
use crate::store::StoreError;
use crate::token::TokenError;

/// Any failure of the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no Spotify account is linked; run `spotlink link` or use the SpotLink app")]
    NotLinked,
    /// `--account` (or `SPOTLINK_ACCOUNT`, or a switch) named no linked account.
    #[error("{}", unknown_account(asked, linked))]
    UnknownAccount { asked: String, linked: Vec<String> },
    /// A display name that several linked accounts share.
    #[error("several linked accounts are called {asked}; name one by its id: {}", ids.join(", "))]
    AmbiguousAccount { asked: String, ids: Vec<String> },
    #[error("the link to {account} must be renewed: {reason}. Link again to continue")]
    RelinkNeeded { account: String, reason: String },
    #[error(
        "the stored link belongs to client ID {stored}, but SpotLink is now configured with {configured}; link again"
    )]
    ClientChanged { stored: String, configured: String },
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Token(#[from] TokenError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Callback(#[from] CallbackError),
    #[error(transparent)]
    Loopback(#[from] LoopbackError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Scope(#[from] UnknownScope),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("Spotify's answer has no refresh token, so the link could not be kept")]
    NoRefreshToken,
    /// The sign-in ended without Spotify's answer (`spotlink link --remote`: the input
    /// ended first); the reason says what came instead.
    #[error("no sign-in answer came ({0}); nothing was linked")]
    NoAnswer(String),
    /// The code exchange got `invalid_grant` (code expired, already used, wrong verifier).
    /// The stored link is untouched: this sign-in failed, the link did not die.
    #[error("Spotify rejected this sign-in ({description}); nothing was changed. Start the sign-in again")]
    CodeRejected { description: String },
    /// A script asked for scopes the link was not granted (`--require-scope`).
    #[error("the link lacks the {} {}; add {} with `spotlink link --add-scopes {}` (or Relink / change permissions in the app)",
        if missing.len() == 1 { "scope" } else { "scopes" },
        missing.join(", "),
        if missing.len() == 1 { "it" } else { "them" },
        missing.join(","))]
    MissingScopes { missing: Vec<String> },
}

fn unknown_account(asked: &str, linked: &[String]) -> String {
    if linked.is_empty() {
        format!("no Spotify account is linked, so none is called {asked}; run `spotlink link`")
    } else {
        format!("no linked Spotify account is called {asked}; the linked accounts are {}", linked.join(", "))
    }
}

/// What kind of failure, for exit codes and the app's error banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotLinked,
    RelinkNeeded,
    KeychainUnavailable,
    Network,
    RateLimited,
    Timeout,
    Denied,
    StateMismatch,
    InvalidClient,
    NotAllowListed,
    Config,
    /// The link was not granted a scope the caller requires.
    MissingScope,
    Other,
}

impl Error {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        use ErrorKind as K;
        match self {
            Error::NotLinked | Error::UnknownAccount { .. } | Error::AmbiguousAccount { .. } => K::NotLinked,
            Error::RelinkNeeded { .. } | Error::ClientChanged { .. } => K::RelinkNeeded,
            Error::Config(_) | Error::Scope(_) => K::Config,
            // The keychain (usually its unlock prompt) did not answer: a keychain problem
            // (`spotlink` exit 5), not a network one.
            Error::Store(StoreError::Timeout { .. }) => K::KeychainUnavailable,
            Error::Store(StoreError::StateFile { .. }) => K::Config,
            // The entry is there but unusable: a new sign-in replaces it.
            Error::Store(StoreError::Corrupt { .. }) => K::RelinkNeeded,
            Error::Store(_) => K::KeychainUnavailable,
            Error::Token(e) => match e {
                TokenError::InvalidGrant { .. } => K::RelinkNeeded,
                TokenError::InvalidClient { .. } => K::InvalidClient,
                TokenError::RateLimited { .. } => K::RateLimited,
                TokenError::Timeout => K::Timeout,
                TokenError::Refused { .. } => K::Other,
                TokenError::Server { .. }
                | TokenError::Unreachable(_)
                | TokenError::Connection(_)
                | TokenError::Malformed(_) => K::Network,
            },
            Error::Profile(e) => match e {
                ProfileError::Forbidden(_) => K::NotAllowListed,
                ProfileError::RateLimited { .. } => K::RateLimited,
                ProfileError::Timeout => K::Timeout,
                ProfileError::Unauthorized(_) => K::RelinkNeeded,
                _ => K::Network,
            },
            Error::Callback(e) => match e {
                CallbackError::Denied => K::Denied,
                CallbackError::StateMismatch | CallbackError::Replayed | CallbackError::NoPendingFlow => {
                    K::StateMismatch
                }
                CallbackError::Malformed(_) => K::StateMismatch,
                CallbackError::Expired => K::Timeout,
                CallbackError::Refused { error, .. } if error == "invalid_client" => K::InvalidClient,
                CallbackError::Refused { .. } => K::Other,
            },
            Error::Loopback(LoopbackError::TimedOut { .. }) => K::Timeout,
            Error::Loopback(_) => K::Other,
            Error::Lock(LockError::Timeout { .. }) => K::Timeout,
            Error::Lock(_) => K::Other,
            Error::NoRefreshToken => K::Network,
            Error::CodeRejected { .. } | Error::NoAnswer(_) => K::StateMismatch,
            Error::MissingScopes { .. } => K::MissingScope,
            Error::Api(e) => match e {
                ApiError::Foreign { .. } | ApiError::BadTarget(_) => K::Other,
                ApiError::Unauthorized { .. } => K::RelinkNeeded,
                ApiError::InsufficientScope { .. } => K::MissingScope,
                ApiError::NotAllowListed { .. } => K::NotAllowListed,
                ApiError::RateLimited { .. } => K::RateLimited,
                ApiError::Timeout => K::Timeout,
                ApiError::Server { .. } | ApiError::Unreachable(_) | ApiError::Broken(_) | ApiError::Malformed(_) => {
                    K::Network
                }
                ApiError::Status { .. } => K::Other,
            },
        }
    }

    /// The `Retry-After` of a rate-limited request, in seconds.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Error::Token(TokenError::RateLimited { retry_after })
            | Error::Profile(ProfileError::RateLimited { retry_after })
            | Error::Api(ApiError::RateLimited { retry_after }) => retry_after.map(|d| d.as_secs()),
            _ => None,
        }
    }
}

impl Serialize for Error {
    /// The webview gets `{kind, message}`, never a panic or a Rust debug string.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 3)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("message", &crate::sentence(&self.to_string()))?;
        s.serialize_field("retry_after_secs", &self.retry_after_secs())?;
        s.end()
    }
}
