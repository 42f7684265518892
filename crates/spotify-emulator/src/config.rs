//! How an emulator instance behaves: registered clients and redirect URIs,
//! consent, refresh-token rotation, lifetimes and the emulated account.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::redirect;

/// Everything an emulator needs to start. `Default` gives the setup SpotLink's
/// tests expect: client `spotlink-test-client`, redirect URIs
/// `spotlink://callback` and `http://127.0.0.1/callback` (any port), automatic
/// approval and Spotify's 2026 non-rotating refresh tokens.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// TCP port on 127.0.0.1; 0 picks any free port. The emulator never binds
    /// anything but the IPv4 loopback address.
    pub port: u16,
    /// Client IDs the emulator knows, like apps registered on Spotify's dashboard.
    pub client_ids: Vec<String>,
    /// Registered redirect URIs, matched exactly except for the loopback port
    /// (see [`crate::redirect`]). Shared by all client IDs.
    pub redirect_uris: Vec<String>,
    /// What the emulated user answers on the consent screen.
    pub consent: Consent,
    /// Whether refreshing hands out a new refresh token each time.
    pub rotation: Rotation,
    /// Lifetime of access tokens, reported as `expires_in`.
    pub access_ttl: Duration,
    /// How long a grant's refresh token works, counted from the user's original
    /// authorization and never extended by refreshing (Spotify's 2026 policy).
    pub refresh_lifetime: Duration,
    /// How long an authorization code can be exchanged.
    pub code_ttl: Duration,
    /// The account signed in at the emulator: the one the consent page shows first and an
    /// automatic approval authorizes.
    pub user: User,
    /// Other accounts that can sign in: the interactive consent page offers every account
    /// ("Not you?"), and [`crate::EmulatorHandle::sign_in_as`] signs one in.
    pub other_users: Vec<User>,
    /// `None` grants every requested scope; `Some(list)` grants only the
    /// requested scopes that are also in `list`, so clients can be tested
    /// against a granted set that differs from the requested one.
    pub grantable_scopes: Option<Vec<String>>,
    /// `false` emulates a user who is not on a development-mode app's
    /// allow-list: linking works but `/v1/me` answers 403.
    pub allow_listed: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            port: 0,
            client_ids: vec!["spotlink-test-client".into()],
            redirect_uris: vec!["spotlink://callback".into(), "http://127.0.0.1/callback".into()],
            consent: Consent::AutoApprove,
            rotation: Rotation::Off,
            access_ttl: Duration::from_secs(3600),
            refresh_lifetime: Duration::from_secs(183 * 24 * 3600),
            code_ttl: Duration::from_secs(600),
            user: User::default(),
            other_users: Vec::new(),
            grantable_scopes: None,
            allow_listed: true,
        }
    }
}

impl EmulatorConfig {
    /// Refuses configurations Spotify's dashboard would refuse, so a test does
    /// not pass against a setup that cannot exist: no client IDs, or a redirect
    /// URI that is not HTTPS, loopback-IP HTTP or a custom scheme.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.client_ids.is_empty() {
            return Err("at least one client ID must be registered".into());
        }
        if let Some(bad) = self.client_ids.iter().find(|id| id.trim().is_empty()) {
            return Err(format!("client ID {bad:?} is empty"));
        }
        for uri in &self.redirect_uris {
            redirect::check_registrable(uri).map_err(|why| format!("redirect URI {uri:?}: {why}"))?;
        }
        if let Some(scopes) = &self.grantable_scopes {
            if let Some(bad) = scopes.iter().find(|s| !crate::scopes::is_known(s)) {
                return Err(format!("grantable scope {bad:?} is not a Spotify scope"));
            }
        }
        Ok(())
    }
}

/// The emulated user's answer on the consent screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consent {
    /// Approve at once and redirect with a code (what tests usually want).
    AutoApprove,
    /// Decline at once and redirect with `error=access_denied`.
    AutoDeny,
    /// Show an HTML consent page where a person clicks Approve or Deny.
    Interactive,
}

/// Refresh-token rotation, the one behaviour Spotify changed in 2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rotation {
    /// Spotify since 2026: a refresh response carries no refresh token and the
    /// old one keeps working until the grant's lifetime ends.
    Off,
    /// Spotify before 2026: each refresh returns a new refresh token and uses
    /// up the presented one; replaying a used one revokes the whole grant.
    On,
}

/// The account behind every grant, as `/v1/me` reports it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// Spotify user ID (also used in `uri` and `external_urls`).
    pub id: String,
    /// Display name shown on the consent page and in `/v1/me`.
    pub display_name: String,
    /// Returned only with scope `user-read-email`.
    pub email: String,
    /// ISO 3166-1 alpha-2 country; returned only with `user-read-private`.
    pub country: String,
    /// Subscription level (`premium`, `free`); only with `user-read-private`.
    pub product: String,
    /// Explicit-content settings; only with `user-read-private`.
    pub explicit_content: ExplicitContent,
    /// Profile images. A URL starting with `/` is served by the emulator and
    /// reported relative to its base URL, so it works offline.
    pub images: Vec<Image>,
    /// Follower count (`followers.total`).
    pub followers: u64,
}

impl Default for User {
    fn default() -> Self {
        Self {
            id: "emu-user".into(),
            display_name: "Emu Listener".into(),
            email: "emu-listener@spotlink.invalid".into(),
            country: "SE".into(),
            product: "premium".into(),
            explicit_content: ExplicitContent::default(),
            images: vec![Image { url: crate::pages::AVATAR_PATH.into(), width: 300, height: 300 }],
            followers: 12,
        }
    }
}

impl User {
    /// Another account, with this id and display name and the default user's other details.
    pub fn named(id: &str, display_name: &str) -> Self {
        Self {
            id: id.into(),
            display_name: display_name.into(),
            email: format!("{id}@spotlink.invalid"),
            ..Self::default()
        }
    }
}

/// Spotify's `explicit_content` object.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct ExplicitContent {
    /// Whether explicit content is filtered for this user.
    pub filter_enabled: bool,
    /// Whether the user may change that setting.
    pub filter_locked: bool,
}

/// One entry of Spotify's `images` array.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Image {
    /// Absolute URL, or a path on the emulator when it starts with `/`.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_is_valid() {
        assert_eq!(EmulatorConfig::default().validate(), Ok(()));
    }

    #[test]
    fn localhost_registration_is_refused() {
        let config = EmulatorConfig {
            redirect_uris: vec!["http://localhost:8080/callback".into()],
            ..EmulatorConfig::default()
        };
        assert!(config.validate().is_err());
    }

    #[test]
    fn unknown_grantable_scope_is_refused() {
        let config =
            EmulatorConfig { grantable_scopes: Some(vec!["user-read-everything".into()]), ..EmulatorConfig::default() };
        assert!(config.validate().is_err());
    }
}
