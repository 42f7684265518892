//! The link as shown to users and scripts: no token values, ever.

use serde::Serialize;
use time::OffsetDateTime;

use crate::lifetime::{self, LinkHealth};
use crate::store::{Account, StoredLink};

/// `spotlink status --json` and the app's linked view read this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkStatus {
    pub linked: bool,
    /// Who is linked (the account details cached in the keychain record).
    pub account: Option<Account>,
    /// Granted scopes.
    pub scopes: Vec<String>,
    pub requested_scopes: Vec<String>,
    /// Requested but not granted by Spotify.
    pub not_granted_scopes: Vec<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub access_token_expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub authorized_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub link_expires_at: Option<OffsetDateTime>,
    pub link_health: Option<LinkHealth>,
    pub link_days_left: Option<i64>,
    pub needs_relink: bool,
    pub client_id: Option<String>,
}

impl LinkStatus {
    /// Nothing is linked.
    pub fn unlinked(client_id: Option<String>) -> Self {
        Self {
            linked: false,
            account: None,
            scopes: Vec::new(),
            requested_scopes: Vec::new(),
            not_granted_scopes: Vec::new(),
            access_token_expires_at: None,
            authorized_at: None,
            link_expires_at: None,
            link_health: None,
            link_days_left: None,
            needs_relink: false,
            client_id,
        }
    }

    /// The status of a stored link at `now`.
    pub fn of(link: &StoredLink, now: OffsetDateTime) -> Self {
        let record = &link.record;
        let (health, days) = lifetime::health(record.authorized_at, record.needs_relink(), now);
        Self {
            linked: true,
            account: Some(record.account.clone()),
            scopes: record.granted.to_vec(),
            requested_scopes: link.requested.to_vec(),
            not_granted_scopes: link.requested.missing_from(&record.granted),
            // Unknown (none shown) when the clock was set back since the token came.
            access_token_expires_at: record.access_token.as_ref().and_then(|t| t.expiry_at(now)),
            authorized_at: Some(record.authorized_at),
            link_expires_at: Some(lifetime::link_expires_at(record.authorized_at)),
            link_health: Some(health),
            link_days_left: Some(days),
            needs_relink: matches!(health, LinkHealth::NeedsRelink | LinkHealth::Expired),
            client_id: Some(record.client_id.clone()),
        }
    }
}
