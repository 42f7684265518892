//! The link as shown to users and scripts: no token values, ever.

use serde::Serialize;
use time::OffsetDateTime;

use crate::engine::LinkedAccount;
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

/// One linked account in a list (`spotlink status`'s `accounts`, the app's switcher):
/// who, whether active, and the link's health and expiry. No token values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountSummary {
    pub id: String,
    pub display_name: Option<String>,
    pub active: bool,
    pub link_health: Option<LinkHealth>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub link_expires_at: Option<OffsetDateTime>,
    pub link_days_left: Option<i64>,
    pub needs_relink: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub access_token_expires_at: Option<OffsetDateTime>,
    /// Why the link cannot be read (its keychain entry is gone or unreadable).
    pub problem: Option<String>,
}

impl AccountSummary {
    /// `linked` as listed at `now`: its link's health and expiry, or the problem reading it.
    pub fn of(linked: &LinkedAccount, now: OffsetDateTime) -> Self {
        let status = linked.link.as_ref().map(|link| LinkStatus::of(link, now));
        Self {
            id: linked.account.id.clone(),
            display_name: status
                .as_ref()
                .and_then(|s| s.account.as_ref())
                .and_then(|a| a.display_name.clone())
                .or_else(|| linked.account.display_name.clone()),
            active: linked.active,
            link_health: status.as_ref().and_then(|s| s.link_health),
            link_expires_at: status.as_ref().and_then(|s| s.link_expires_at),
            link_days_left: status.as_ref().and_then(|s| s.link_days_left),
            needs_relink: status.as_ref().is_none_or(|s| s.needs_relink),
            access_token_expires_at: status.as_ref().and_then(|s| s.access_token_expires_at),
            problem: linked.problem.clone(),
        }
    }

    /// The name to show: the display name, else the id.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().filter(|n| !n.is_empty()).unwrap_or(&self.id)
    }
}
