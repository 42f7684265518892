//! The authorize request: redirect URIs, the pending authorization and its URL.

use time::{Duration, OffsetDateTime};
use url::Url;

use crate::config::ClientId;
use crate::pkce::random_urlsafe;
use crate::scopes::ScopeSet;
use crate::secret::{CsrfState, PkceCodeVerifier};

/// How long a started sign-in may take before its callback is refused.
pub const PENDING_TTL: Duration = Duration::minutes(10);

/// Bytes of OS entropy in `state`: 32 bytes, well above the 128 bits the flow needs.
const STATE_BYTES: usize = 32;

/// A redirect URI, kept as the exact string sent, because Spotify compares the one in
/// the code exchange with the one in the authorize request byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectUri(String);

impl RedirectUri {
    /// The custom-scheme redirect the desktop app registers with the OS.
    pub const DEEP_LINK: &'static str = "spotlink://callback";
    /// The loopback redirect as registered at Spotify (any port is accepted at run time).
    pub const LOOPBACK_REGISTERED: &'static str = "http://127.0.0.1/callback";

    /// `spotlink://callback`.
    pub fn deep_link() -> Self {
        Self(Self::DEEP_LINK.to_owned())
    }

    /// `http://127.0.0.1:<port>/callback` (RFC 8252 §7.3: an IP literal, never `localhost`).
    pub fn loopback(port: u16) -> Self {
        Self(format!("http://127.0.0.1:{port}/callback"))
    }

    /// The exact string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the custom-scheme redirect.
    pub fn is_deep_link(&self) -> bool {
        self.0 == Self::DEEP_LINK
    }
}

/// What the user asked for when starting a link.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub client_id: ClientId,
    pub redirect_uri: RedirectUri,
    pub scopes: ScopeSet,
    /// `show_dialog=true`: force Spotify's consent screen (relink: switch account, review permissions).
    pub show_dialog: bool,
}

/// A started sign-in: everything needed to check its callback and exchange its code.
/// It exists only in memory; the verifier never leaves the process.
#[derive(Debug)]
pub struct PendingAuthorization {
    pub client_id: ClientId,
    pub redirect_uri: RedirectUri,
    pub scopes: ScopeSet,
    pub show_dialog: bool,
    pub started_at: OffsetDateTime,
    pub(crate) verifier: PkceCodeVerifier,
    pub(crate) state: CsrfState,
    authorize_url: Url,
}

impl PendingAuthorization {
    /// Starts a flow: fresh verifier and state, and the authorize URL (Spotify's PKCE guide, step 2).
    pub fn begin(request: AuthorizeRequest, authorize_endpoint: &Url, now: OffsetDateTime) -> Self {
        let verifier = PkceCodeVerifier::generate();
        let state = CsrfState::new(random_urlsafe(STATE_BYTES));
        let mut url = authorize_endpoint.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("client_id", request.client_id.as_str())
                .append_pair("response_type", "code")
                .append_pair("redirect_uri", request.redirect_uri.as_str())
                .append_pair("code_challenge_method", "S256")
                .append_pair("code_challenge", &verifier.s256_challenge())
                .append_pair("state", state.secret());
            if !request.scopes.is_empty() {
                query.append_pair("scope", &request.scopes.to_string());
            }
            if request.show_dialog {
                query.append_pair("show_dialog", "true");
            }
        }
        Self {
            client_id: request.client_id,
            redirect_uri: request.redirect_uri,
            scopes: request.scopes,
            show_dialog: request.show_dialog,
            started_at: now,
            verifier,
            state,
            authorize_url: url,
        }
    }

    /// The URL to open in the browser.
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    /// After this instant the callback is refused as expired.
    pub fn expires_at(&self) -> OffsetDateTime {
        self.started_at + PENDING_TTL
    }

    /// The secret form kept in the keychain while the browser is open, so an answer that
    /// cold-starts the app can still complete the sign-in.
    pub(crate) fn to_keychain_json(&self) -> zeroize::Zeroizing<String> {
        let value = serde_json::json!({
            "v": 1,
            "client_id": self.client_id.as_str(),
            "redirect_uri": self.redirect_uri.as_str(),
            "scope": self.scopes.to_string(),
            "show_dialog": self.show_dialog,
            "started_at": self.started_at.unix_timestamp(),
            "verifier": self.verifier.secret(),
            "state": self.state.secret(),
            "authorize_url": self.authorize_url.as_str(),
        });
        zeroize::Zeroizing::new(value.to_string())
    }

    /// Reads [`Self::to_keychain_json`]'s form back; `None` if it is not one.
    pub(crate) fn from_keychain_json(json: &str, accounts_url: &Url) -> Option<Self> {
        #[derive(serde::Deserialize)]
        struct Wire {
            v: u8,
            client_id: String,
            redirect_uri: String,
            scope: String,
            show_dialog: bool,
            started_at: i64,
            verifier: zeroize::Zeroizing<String>,
            state: zeroize::Zeroizing<String>,
            authorize_url: String,
        }
        let wire: Wire = serde_json::from_str(json).ok()?;
        // A state a callback could carry (`callback::parse_callback` takes nothing else).
        if wire.v != 1 || wire.state.is_empty() || !wire.state.bytes().all(|b| b.is_ascii_graphic()) {
            return None;
        }
        let redirect_uri = if wire.redirect_uri == RedirectUri::DEEP_LINK {
            RedirectUri::deep_link()
        } else {
            let port = wire.redirect_uri.strip_prefix("http://127.0.0.1:")?.strip_suffix("/callback")?.parse().ok()?;
            RedirectUri::loopback(port)
        };
        Some(Self {
            client_id: ClientId::parse(&wire.client_id, accounts_url).ok()?,
            redirect_uri,
            scopes: ScopeSet::from_granted(&wire.scope),
            show_dialog: wire.show_dialog,
            started_at: OffsetDateTime::from_unix_timestamp(wire.started_at).ok()?,
            verifier: PkceCodeVerifier::parse(&wire.verifier)?,
            state: CsrfState::new(wire.state.to_string()),
            authorize_url: Url::parse(&wire.authorize_url).ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn request(show_dialog: bool) -> AuthorizeRequest {
        let accounts = Url::parse("https://accounts.spotify.com").unwrap();
        AuthorizeRequest {
            client_id: ClientId::parse("0123456789abcdef0123456789abcdef", &accounts).unwrap(),
            redirect_uri: RedirectUri::loopback(8765),
            scopes: ScopeSet::parse_requested("user-read-email,user-top-read").unwrap(),
            show_dialog,
        }
    }

    #[test]
    fn authorize_url_has_every_parameter() {
        let endpoint = Url::parse("https://accounts.spotify.com/authorize").unwrap();
        let pending = PendingAuthorization::begin(request(false), &endpoint, OffsetDateTime::now_utc());
        let url = pending.authorize_url();
        let q: HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(url.path(), "/authorize");
        assert_eq!(q["client_id"], "0123456789abcdef0123456789abcdef");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:8765/callback");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(q["code_challenge"], pending.verifier.s256_challenge());
        assert_eq!(q["scope"], "user-read-email user-top-read");
        assert!(pending.state.matches(&q["state"]));
        assert!(q["state"].len() >= 43, "state carries at least 256 bits");
        assert!(!q.contains_key("show_dialog"));
        assert!(!url.as_str().contains(pending.verifier.secret()), "verifier never leaves the process");
    }

    #[test]
    fn relink_forces_the_consent_dialog() {
        let endpoint = Url::parse("https://accounts.spotify.com/authorize").unwrap();
        let pending = PendingAuthorization::begin(request(true), &endpoint, OffsetDateTime::now_utc());
        assert!(pending.authorize_url().query().unwrap().contains("show_dialog=true"));
    }

    #[test]
    fn keychain_form_round_trips() {
        let endpoint = Url::parse("https://accounts.spotify.com/authorize").unwrap();
        let pending = PendingAuthorization::begin(request(true), &endpoint, OffsetDateTime::now_utc());
        let json = pending.to_keychain_json();
        let back = PendingAuthorization::from_keychain_json(&json, &endpoint).unwrap();
        assert_eq!(back.verifier.secret(), pending.verifier.secret());
        assert!(back.state.matches(pending.state.secret()));
        assert_eq!(back.redirect_uri, pending.redirect_uri);
        assert_eq!(back.authorize_url(), pending.authorize_url());
        assert_eq!(back.scopes, pending.scopes);
        assert!(back.show_dialog);
        assert_eq!(back.started_at.unix_timestamp(), pending.started_at.unix_timestamp());
        assert!(PendingAuthorization::from_keychain_json("{}", &endpoint).is_none());
    }

    #[test]
    fn a_kept_sign_in_without_a_usable_verifier_or_state_is_not_one() {
        let endpoint = Url::parse("https://accounts.spotify.com/authorize").unwrap();
        let pending = PendingAuthorization::begin(request(false), &endpoint, OffsetDateTime::now_utc());
        let kept: serde_json::Value = serde_json::from_str(&pending.to_keychain_json()).unwrap();
        let with = |key: &str, value: &str| {
            let mut changed = kept.clone();
            changed[key] = value.into();
            PendingAuthorization::from_keychain_json(&changed.to_string(), &endpoint)
        };
        assert!(with("verifier", &"v".repeat(43)).is_some());
        assert!(with("verifier", &"~._-".repeat(32)).is_some());
        for verifier in ["", &"v".repeat(42), &"v".repeat(129), &format!("{}+", "v".repeat(50)), &"é".repeat(30)] {
            assert!(with("verifier", verifier).is_none(), "{verifier:?}");
        }
        assert!(with("state", "s").is_some());
        for state in ["", "a b", "tab\t", "naïve"] {
            assert!(with("state", state).is_none(), "{state:?}");
        }
    }

    #[test]
    fn each_flow_is_fresh() {
        let endpoint = Url::parse("https://accounts.spotify.com/authorize").unwrap();
        let now = OffsetDateTime::now_utc();
        let a = PendingAuthorization::begin(request(false), &endpoint, now);
        let b = PendingAuthorization::begin(request(false), &endpoint, now);
        assert_ne!(a.authorize_url(), b.authorize_url());
        assert_eq!(a.expires_at() - a.started_at, Duration::minutes(10));
    }
}
