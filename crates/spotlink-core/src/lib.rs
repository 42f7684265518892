//! SpotLink's engine: everything about linking a Spotify account that needs no window.
//!
//! OAuth 2.0 Authorization Code with PKCE ([`pkce`], [`authorize`], [`callback`],
//! [`loopback`], [`token`]), the OS keychain ([`store`]), cross-process refresh
//! ([`lock`], [`engine`]), the link's lifetime ([`lifetime`]), the account's
//! profile ([`profile`]), the scope catalogue ([`scopes`]) and calls to the Web API
//! with the link's token ([`api`]). The desktop shell
//! and the `spotlink` CLI are thin layers over [`engine::Engine`].

pub mod activity;
pub mod api;
pub mod authorize;
pub mod background;
pub mod callback;
pub mod config;
pub mod engine;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod i18n;
pub mod lifetime;
pub mod lock;
pub mod loopback;
pub mod pkce;
pub mod profile;
pub mod reminders;
pub mod scopes;
pub mod secret;
pub mod state;
pub mod status;
pub mod store;
pub mod token;

pub use engine::{Engine, EngineOptions, LinkedAccount, ServedToken, Unlinked};
pub use error::{Error, ErrorKind};

/// The app refreshes this long before the access token expires.
pub const PROACTIVE_REFRESH_MARGIN: time::Duration = time::Duration::minutes(5);

/// An error message as a sentence: capital first letter, final full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.trim().chars();
    let Some(first) = chars.next() else { return String::new() };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}
