//! The view model: what the window is told (`AppView`, emitted as the `view` event and
//! returned by every command), built by pure functions from the shell's [`Model`].
//!
//! No token value ever enters an `AppView`: the access token appears only masked.

use serde::Serialize;
use spotlink_core::authorize::RedirectUri;
use spotlink_core::config::{Config, RedirectMode, ACCOUNT_APPS_URL, DASHBOARD_URL};
use spotlink_core::lifetime::{self, LinkHealth};
use spotlink_core::scopes::{self, Category, ScopeSet, CATALOGUE, PRESETS};
use spotlink_core::store::{Account, StoredLink};
use spotlink_core::LinkedAccount;
use time::{OffsetDateTime, UtcOffset};

use crate::error::ErrorView;
use crate::language::LanguageView;

/// What the shell knows beyond the configuration: the inputs of the view.
#[derive(Debug, Default)]
pub struct Model {
    /// The active account's stored link as last read from the keychain.
    pub link: Option<StoredLink>,
    /// The other linked accounts, in the order they were linked.
    pub others: Vec<LinkedAccount>,
    /// The accounts' pictures, already downloaded.
    pub avatars: Vec<Avatar>,
    /// The sign-in in progress, as shown (its secrets stay in the flow).
    pub pending: Option<PendingSummary>,
    pub busy: Option<Busy>,
    pub error: Option<ErrorView>,
    pub notice: Option<Notice>,
    /// The user asked to change the client ID ("Change client ID").
    pub editing_client_id: bool,
    /// The scopes asked for last in this session (the picker starts from them).
    pub last_requested: Option<ScopeSet>,
    /// The window was closed for the first time with a tray shown: ask what closing does.
    pub close_prompt: bool,
    /// SpotLink starts at login (its login item exists).
    pub autostart: bool,
    /// The window should show its Activity view (`window::show_activity`) until
    /// it asks for the record (`activity`).
    pub show_activity: bool,
}

/// A downloaded account picture, remembered with the URL it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avatar {
    pub url: String,
    /// `data:<media>;base64,...`: the webview loads no remote content.
    pub data_url: String,
}

/// The public facts of a pending sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingSummary {
    pub authorize_url: String,
    pub started_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub scopes: ScopeSet,
    /// Spotify's consent page is shown (a relink, or another account added).
    pub relink: bool,
    /// Started by "Add another account".
    pub add_account: bool,
    /// The browser runs on another device: the user pastes the address it ended on.
    pub remote: bool,
    /// Where Spotify sends its answer.
    pub redirect: RedirectUri,
}

/// The whole window state.
#[derive(Debug, Clone, Serialize)]
pub struct AppView {
    /// Increases with every change, so the window can drop a view that arrives late.
    pub rev: u64,
    pub screen: Screen,
    pub busy: Option<Busy>,
    pub config: ConfigView,
    pub catalogue: Vec<ScopeView>,
    pub presets: Vec<PresetView>,
    pub default_scopes: Vec<String>,
    pub pending: Option<PendingView>,
    pub link: Option<LinkView>,
    /// Every linked account, the active one first (one entry with a single account).
    pub accounts: Vec<AccountEntry>,
    pub error: Option<ErrorView>,
    pub notice: Option<Notice>,
    pub clipboard_clear_secs: Option<u32>,
    /// Reminders before the link ends, as desktop notifications.
    pub notifications: bool,
    /// Notifications about unusual activity.
    pub alerts: bool,
    /// Closing the window keeps SpotLink in the tray (`None`: not chosen yet).
    pub keep_in_tray: Option<bool>,
    /// Ask what closing the window does (the first close with a tray shown).
    pub close_prompt: bool,
    /// SpotLink starts at login, in the tray.
    pub autostart: bool,
    /// Show the Activity view (a notification's "Show activity", the tray's "Activity…").
    pub show_activity: bool,
    /// SpotLink's version, for the footer.
    pub version: &'static str,
    /// The language the app speaks and the user's choice of it.
    pub language: LanguageView,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    Setup,
    Unlinked,
    Waiting,
    Linked,
}

/// A long operation in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Busy {
    Linking,
    Refreshing,
    Unlinking,
    Saving,
    Switching,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigView {
    pub client_id: Option<String>,
    pub redirect_mode: RedirectMode,
    pub redirect_uris: RedirectUris,
    pub dashboard_url: &'static str,
    pub account_apps_url: &'static str,
    /// The accounts service is not Spotify's (an emulator or another server).
    pub using_emulator: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedirectUris {
    pub deep_link: &'static str,
    pub loopback: &'static str,
}

/// A scope of the catalogue, in the words of the current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeView {
    pub name: &'static str,
    pub category: Category,
    pub category_label: String,
    pub description: String,
}

/// A preset of the permissions picker, in the words of the current language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresetView {
    pub id: &'static str,
    pub label: String,
    pub description: String,
    pub scopes: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingView {
    pub authorize_url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub scopes: Vec<String>,
    pub relink: bool,
    pub add_account: bool,
    pub remote: bool,
    /// Where Spotify sends its answer (a remote sign-in's pasted address starts with it).
    pub redirect_uri: String,
}

/// One linked account in the switcher: who, and the health of its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountEntry {
    pub id: String,
    pub name: String,
    pub active: bool,
    /// `None`: its keychain entry cannot be read (`problem` says why).
    pub health: Option<LinkHealth>,
    pub days_left: Option<i64>,
    /// A `data:` URL, or null.
    pub image: Option<String>,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    pub account: AccountView,
    pub access_token: Option<TokenView>,
    #[serde(with = "time::serde::rfc3339")]
    pub authorized_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub link_expires_at: OffsetDateTime,
    pub health: LinkHealth,
    pub days_left: i64,
    pub scopes: ScopesView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub product: Option<String>,
    pub country: Option<String>,
    /// A `data:` URL, or null.
    pub image: Option<String>,
    pub profile_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenView {
    pub masked: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopesView {
    pub granted: Vec<String>,
    pub requested: Vec<String>,
    pub not_granted: Vec<String>,
}

/// A passing message (not an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
    /// A button the notice offers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<NoticeAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeAction {
    /// Spotify's page where the user removes SpotLink's access (after unlinking).
    OpenAccountApps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
}

impl Notice {
    pub fn info(message: impl Into<String>) -> Self {
        Self { kind: NoticeKind::Info, message: message.into(), action: None }
    }
    pub fn success(message: impl Into<String>) -> Self {
        Self { kind: NoticeKind::Success, message: message.into(), action: None }
    }
    pub fn warning(message: impl Into<String>) -> Self {
        Self { kind: NoticeKind::Warning, message: message.into(), action: None }
    }
    pub fn with_action(self, action: NoticeAction) -> Self {
        Self { action: Some(action), ..self }
    }
}

/// The screen rules: a pending sign-in waits; an explicit "change client ID" or a
/// missing client ID (with no link whose client ID could serve) asks for setup; a
/// link (even one that needs renewing) is shown; otherwise offer to link.
pub fn screen(model: &Model, configured_client: bool) -> Screen {
    if model.pending.is_some() {
        Screen::Waiting
    } else if model.editing_client_id {
        Screen::Setup
    } else if model.link.is_some() {
        Screen::Linked
    } else if !configured_client {
        Screen::Setup
    } else {
        Screen::Unlinked
    }
}

/// Builds the view of `model` under `config` at `now`.
pub fn build(model: &Model, config: &Config, now: OffsetDateTime) -> AppView {
    let link_client = model.link.as_ref().map(|l| l.record.client_id.clone());
    let client_id = config.client_id.as_ref().map(|c| c.to_string()).or(link_client);
    AppView {
        rev: 0,
        screen: screen(model, config.client_id.is_some()),
        busy: model.busy,
        config: ConfigView {
            client_id,
            redirect_mode: config.redirect,
            redirect_uris: RedirectUris {
                deep_link: RedirectUri::DEEP_LINK,
                loopback: RedirectUri::LOOPBACK_REGISTERED,
            },
            dashboard_url: DASHBOARD_URL,
            account_apps_url: ACCOUNT_APPS_URL,
            using_emulator: !config.is_spotify(),
        },
        catalogue: catalogue(),
        presets: presets(),
        default_scopes: default_scopes(model).to_vec(),
        pending: model.pending.as_ref().map(pending_view),
        link: model.link.as_ref().map(|link| link_view(link, &model.avatars, now)),
        accounts: accounts(model, now),
        error: model.error.clone(),
        notice: model.notice.clone(),
        clipboard_clear_secs: config.clipboard_clear_secs,
        notifications: config.notifications,
        alerts: config.alerts,
        keep_in_tray: config.keep_in_tray,
        close_prompt: model.close_prompt,
        autostart: model.autostart,
        show_activity: model.show_activity,
        version: crate::args::VERSION,
        language: crate::language::view(config),
    }
}

/// The scopes the picker starts from: the pending or stored request, else what was
/// asked last in this session, else the default preset.
fn default_scopes(model: &Model) -> ScopeSet {
    model
        .pending
        .as_ref()
        .map(|p| p.scopes.clone())
        .or_else(|| model.link.as_ref().map(|l| l.requested.clone()).filter(|s| !s.is_empty()))
        .or_else(|| model.last_requested.clone())
        .unwrap_or_else(scopes::default_scopes)
}

fn catalogue() -> Vec<ScopeView> {
    CATALOGUE
        .iter()
        .map(|s| ScopeView {
            name: s.name,
            category: s.category,
            category_label: s.category.label().text(),
            description: s.description().text(),
        })
        .collect()
}

fn presets() -> Vec<PresetView> {
    PRESETS
        .iter()
        .map(|p| PresetView {
            id: p.id,
            label: p.label().text(),
            description: p.description().text(),
            scopes: p.scopes,
        })
        .collect()
}

fn pending_view(p: &PendingSummary) -> PendingView {
    PendingView {
        authorize_url: p.authorize_url.clone(),
        started_at: p.started_at,
        expires_at: p.expires_at,
        scopes: p.scopes.to_vec(),
        relink: p.relink,
        add_account: p.add_account,
        remote: p.remote,
        redirect_uri: p.redirect.as_str().to_owned(),
    }
}

/// The switcher's list: the active account first, then the others as linked.
fn accounts(model: &Model, now: OffsetDateTime) -> Vec<AccountEntry> {
    let Some(active) = &model.link else { return Vec::new() };
    let entry = |link: &StoredLink, active: bool| {
        let (health, days_left) = lifetime::health(link.record.authorized_at, link.record.needs_relink(), now);
        AccountEntry {
            id: link.record.account.id.clone(),
            name: account_name(link).to_owned(),
            active,
            health: Some(health),
            days_left: Some(days_left),
            image: avatar_of(&link.record.account, &model.avatars),
            problem: None,
        }
    };
    std::iter::once(entry(active, true))
        .chain(model.others.iter().map(|other| match &other.link {
            Some(link) => entry(link, false),
            None => AccountEntry {
                id: other.account.id.clone(),
                name: other.name().to_owned(),
                active: false,
                health: None,
                days_left: None,
                image: None,
                problem: other.problem.clone(),
            },
        }))
        .collect()
}

/// The downloaded picture of `account`, if it is the current one.
fn avatar_of(account: &Account, avatars: &[Avatar]) -> Option<String> {
    let url = account.image_url.as_deref()?;
    avatars.iter().find(|a| a.url == url).map(|a| a.data_url.clone())
}

/// The linked account as shown: no token value, only its masked form and expiry.
pub fn link_view(link: &StoredLink, avatars: &[Avatar], now: OffsetDateTime) -> LinkView {
    let record = &link.record;
    let account = &record.account;
    let (health, days_left) = lifetime::health(record.authorized_at, record.needs_relink(), now);
    let image = avatar_of(account, avatars);
    LinkView {
        account: AccountView {
            id: account.id.clone(),
            display_name: account.display_name.clone(),
            email: account.email.clone(),
            product: account.product.clone(),
            country: account.country.clone(),
            image,
            profile_url: account.profile_url.clone(),
        },
        access_token: record
            .access_token
            .as_ref()
            .filter(|_| !record.needs_relink())
            .map(|t| TokenView { masked: t.token.masked(), expires_at: t.expires_at }),
        authorized_at: record.authorized_at,
        link_expires_at: lifetime::link_expires_at(record.authorized_at),
        health,
        days_left,
        scopes: ScopesView {
            granted: record.granted.to_vec(),
            requested: link.requested.to_vec(),
            not_granted: link.requested.missing_from(&record.granted),
        },
    }
}

/// The name to greet an account by.
pub fn account_name(link: &StoredLink) -> &str {
    let account = &link.record.account;
    account.display_name.as_deref().unwrap_or(&account.id)
}

/// The user's UTC offset at `at` (the time crate cannot read it safely in a threaded
/// program).
pub fn local_offset(at: OffsetDateTime) -> UtcOffset {
    chrono::DateTime::from_timestamp(at.unix_timestamp(), 0)
        .map(|t| t.with_timezone(&chrono::Local).offset().local_minus_utc())
        .and_then(|secs| UtcOffset::from_whole_seconds(secs).ok())
        .unwrap_or(UtcOffset::UTC)
}

/// `HH:MM` in the user's time zone, for notices.
pub fn clock_time(at: OffsetDateTime) -> String {
    let local = at.to_offset(local_offset(at));
    format!("{:02}:{:02}", local.hour(), local.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotlink_core::config::FileConfig;
    use spotlink_core::secret::{AccessToken, RefreshToken};
    use spotlink_core::state::AccountState;
    use spotlink_core::store::{CachedToken, LinkRecord};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-23 12:00 UTC);
    const TOKEN: &str = "BQD-the-secret-access-token";

    #[test]
    fn clock_times_are_the_users_hours_and_minutes() {
        let at = datetime!(2026-12-07 05:07:59 UTC);
        let local = chrono::DateTime::from_timestamp(at.unix_timestamp(), 0).unwrap().with_timezone(&chrono::Local);
        assert_eq!(clock_time(at), local.format("%H:%M").to_string());
    }

    fn config(env: &'static [(&'static str, &'static str)]) -> Config {
        Config::resolve(FileConfig::default(), "config.toml".into(), |name| {
            env.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
        })
        .unwrap()
    }

    fn emulator() -> Config {
        config(&[("SPOTLINK_CLIENT_ID", "spotlink-test-client"), ("SPOTLINK_ACCOUNTS_URL", "http://127.0.0.1:4380")])
    }

    fn stored(refresh: bool) -> StoredLink {
        StoredLink {
            record: LinkRecord {
                client_id: "linked-client".into(),
                account: Account {
                    id: "ada".into(),
                    display_name: Some("Ada".into()),
                    image_url: Some("http://127.0.0.1:4380/ada.png".into()),
                    ..Default::default()
                },
                refresh_token: refresh.then(|| RefreshToken::new("AQB-refresh".into())),
                access_token: Some(CachedToken {
                    token: AccessToken::new(TOKEN.into()),
                    expires_at: NOW + time::Duration::minutes(40),
                    obtained_at: Some(NOW - time::Duration::minutes(20)),
                }),
                granted: ScopeSet::from_granted("user-read-email"),
                authorized_at: datetime!(2026-11-01 12:00 UTC),
            },
            requested: ScopeSet::parse_requested("user-read-email user-read-private").unwrap(),
        }
    }

    fn pending() -> PendingSummary {
        PendingSummary {
            authorize_url: "http://127.0.0.1:4380/authorize?client_id=x".into(),
            started_at: NOW,
            expires_at: NOW + time::Duration::minutes(10),
            scopes: ScopeSet::parse_requested("streaming").unwrap(),
            relink: false,
            add_account: false,
            remote: false,
            redirect: RedirectUri::deep_link(),
        }
    }

    #[test]
    fn screen_rules() {
        let mut model = Model::default();
        assert_eq!(screen(&model, false), Screen::Setup);
        assert_eq!(screen(&model, true), Screen::Unlinked);
        model.link = Some(stored(true));
        assert_eq!(screen(&model, false), Screen::Linked, "the link's client ID is enough");
        model.link = Some(stored(false));
        assert_eq!(screen(&model, true), Screen::Linked, "a link that needs renewing is still shown");
        model.editing_client_id = true;
        assert_eq!(screen(&model, true), Screen::Setup);
        model.pending = Some(pending());
        assert_eq!(screen(&model, true), Screen::Waiting);
    }

    #[test]
    fn linked_view_shows_the_link_but_no_token() {
        let model = Model {
            link: Some(stored(true)),
            avatars: vec![Avatar {
                url: "http://127.0.0.1:4380/ada.png".into(),
                data_url: "data:image/png;base64,AA==".into(),
            }],
            ..Default::default()
        };
        let view = build(&model, &emulator(), NOW);
        assert_eq!(view.screen, Screen::Linked);
        assert!(view.config.using_emulator);
        let link = view.link.as_ref().unwrap();
        assert_eq!(link.account.image.as_deref(), Some("data:image/png;base64,AA=="));
        assert_eq!(link.health, LinkHealth::Ok);
        assert_eq!(link.scopes.not_granted, vec!["user-read-private"]);
        assert_eq!(link.access_token.as_ref().unwrap().expires_at, NOW + time::Duration::minutes(40));
        assert_eq!(view.default_scopes, vec!["user-read-email", "user-read-private"]);

        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains(TOKEN) && !json.contains("AQB-refresh"), "no secret in the view: {json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["link"]["authorized_at"], "2026-11-01T12:00:00Z");
        assert_eq!(value["link"]["link_expires_at"], "2027-05-01T12:00:00Z");
        assert_eq!(value["link"]["health"], "ok");
        assert_eq!(value["config"]["redirect_uris"]["deep_link"], "spotlink://callback");
        assert_eq!(value["config"]["redirect_uris"]["loopback"], "http://127.0.0.1/callback");
        assert_eq!(value["config"]["redirect_mode"], "deep_link");
        assert_eq!(value["catalogue"][0]["category_label"], "Images");
        assert_eq!(value["presets"][0]["id"], "basic");
        assert_eq!(value["presets"][0]["label"], "Profile only", "words, not message ids");
        assert!(value["error"].is_null() && value["notice"].is_null() && value["pending"].is_null());
    }

    #[test]
    fn a_stale_avatar_is_not_shown() {
        let model = Model {
            link: Some(stored(true)),
            avatars: vec![Avatar { url: "http://127.0.0.1:4380/old.png".into(), data_url: "data:x".into() }],
            ..Default::default()
        };
        assert!(build(&model, &emulator(), NOW).link.unwrap().account.image.is_none());
    }

    #[test]
    fn a_dead_link_offers_no_token() {
        let model = Model { link: Some(stored(false)), ..Default::default() };
        let link = build(&model, &emulator(), NOW).link.unwrap();
        assert_eq!(link.health, LinkHealth::NeedsRelink);
        assert!(link.access_token.is_none());
    }

    #[test]
    fn client_id_falls_back_to_the_link() {
        let model = Model { link: Some(stored(true)), ..Default::default() };
        let view = build(&model, &config(&[]), NOW);
        assert_eq!(view.config.client_id.as_deref(), Some("linked-client"));
        assert!(!view.config.using_emulator);
        assert_eq!(build(&Model::default(), &config(&[]), NOW).screen, Screen::Setup);
    }

    #[test]
    fn waiting_view_and_default_scopes() {
        let model = Model { pending: Some(pending()), ..Default::default() };
        let value = serde_json::to_value(build(&model, &emulator(), NOW)).unwrap();
        assert_eq!(value["screen"], "waiting");
        assert_eq!(value["pending"]["expires_at"], "2026-11-23T12:10:00Z");
        assert_eq!(value["pending"]["scopes"], serde_json::json!(["streaming"]));
        assert_eq!(value["default_scopes"], serde_json::json!(["streaming"]));

        let fresh = build(&Model::default(), &emulator(), NOW);
        assert_eq!(fresh.default_scopes, scopes::default_scopes().to_vec());
        let remembered =
            Model { last_requested: Some(ScopeSet::parse_requested("user-top-read").unwrap()), ..Default::default() };
        assert_eq!(build(&remembered, &emulator(), NOW).default_scopes, vec!["user-top-read"]);
    }

    #[test]
    fn the_switcher_lists_the_active_account_first_and_says_what_it_cannot_read() {
        let mut bob = stored(true);
        bob.record.account = Account {
            id: "bob".into(),
            display_name: Some("Bob".into()),
            image_url: Some("http://127.0.0.1:4380/bob.png".into()),
            ..Default::default()
        };
        bob.record.authorized_at = datetime!(2026-05-30 12:00 UTC);
        let gone = AccountState { id: "cy".into(), display_name: Some("Cy".into()), ..Default::default() };
        let model = Model {
            link: Some(stored(true)),
            others: vec![
                LinkedAccount {
                    account: AccountState::found(&bob.record),
                    active: false,
                    link: Some(bob),
                    problem: None,
                },
                LinkedAccount { account: gone, active: false, link: None, problem: Some("Not linked.".into()) },
            ],
            avatars: vec![Avatar { url: "http://127.0.0.1:4380/bob.png".into(), data_url: "data:bob".into() }],
            ..Default::default()
        };
        let accounts = build(&model, &emulator(), NOW).accounts;
        let shown: Vec<_> =
            accounts.iter().map(|a| (a.id.as_str(), a.name.as_str(), a.active, a.health, a.image.as_deref())).collect();
        assert_eq!(
            shown,
            vec![
                ("ada", "Ada", true, Some(LinkHealth::Ok), None),
                ("bob", "Bob", false, Some(LinkHealth::RenewSoon), Some("data:bob")),
                ("cy", "Cy", false, None, None),
            ]
        );
        assert_eq!(accounts[2].problem.as_deref(), Some("Not linked."));
        let json = serde_json::to_string(&accounts).unwrap();
        assert!(!json.contains(TOKEN) && !json.contains("AQB-refresh"), "no secret in the switcher: {json}");
        assert!(build(&Model::default(), &emulator(), NOW).accounts.is_empty());
    }
}
