//! The engine: the one place that reads the stored link, serves access tokens,
//! refreshes them safely across processes, completes a sign-in and unlinks.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use time::OffsetDateTime;

use crate::activity::{Entry, Event, Program, Record};
use crate::api::{self, ApiError, ApiEvent, ApiRequest, ApiResponse, Next, Page, Pages, Sent};
use crate::authorize::{AuthorizeRequest, PendingAuthorization, RedirectUri};
use crate::callback::Completed;
use crate::config::{ClientId, Config, ConfigError, Paths};
use crate::error::Error;
use crate::i18n::Message;
use crate::lock::RefreshLock;
use crate::profile::{self, Profile};
use crate::reminders::{self, Reminder, Threshold};
use crate::scopes::ScopeSet;
use crate::secret::AccessToken;
use crate::status::LinkStatus;
use crate::store::{Account, CachedToken, KeyringStore, LinkRecord, LinkStore, SecretStore, StoreError, StoredLink};
use crate::token::{RetryPolicy, TokenClient, TokenError};
use crate::{http, msg, PROACTIVE_REFRESH_MARGIN};

mod accounts;
mod activity;

pub use accounts::{LinkedAccount, Unlinked};
pub use activity::Taker;

/// A token another process just fetched is used if it has at least this long left,
/// even when the caller asked for more: refreshing again would only churn.
const SHARED_TOKEN_MIN_TTL: Duration = Duration::from_secs(10);

/// Timeouts and margins.
#[derive(Debug, Clone)]
pub struct EngineOptions {
    /// A token is served on demand only if it has at least this long left; otherwise it is refreshed.
    pub refresh_margin: Duration,
    pub http_timeout: Duration,
    pub keychain_timeout: Duration,
    pub lock_timeout: Duration,
    pub retry: RetryPolicy,
    /// How long saving a refreshed link keeps trying while the keychain is away (its
    /// daemon died and is being restarted): with a rotating server the old refresh token
    /// is already spent, so giving up sooner loses the link.
    pub save_retry_window: Duration,
}

impl Default for EngineOptions {
    fn default() -> Self {
        Self {
            refresh_margin: Duration::from_secs(120),
            http_timeout: Duration::from_secs(15),
            keychain_timeout: Duration::from_secs(15),
            lock_timeout: Duration::from_secs(45),
            retry: RetryPolicy::default(),
            save_retry_window: Duration::from_secs(8),
        }
    }
}

/// An access token handed to a caller, with its expiry.
#[derive(Debug, Clone)]
pub struct ServedToken {
    pub token: AccessToken,
    pub expires_at: OffsetDateTime,
    /// Whether this call refreshed it (false: from the keychain, possibly fetched by another process).
    pub refreshed: bool,
}

/// SpotLink's engine over one configuration, keychain and state directory. Every
/// operation on a link is about one account: the one [`Engine::select`] named, else the
/// active one.
pub struct Engine {
    config: Config,
    paths: Paths,
    store: LinkStore,
    options: EngineOptions,
    http: OnceLock<reqwest::Client>,
    selected: Option<String>,
    activity: Record,
    /// The program that started this process (`spotlink`'s caller), for the record.
    caller: Option<Program>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("config", &self.config).field("paths", &self.paths).finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine over explicit parts (tests, the app).
    pub fn new(config: Config, paths: Paths, secrets: Arc<dyn SecretStore>, options: EngineOptions) -> Self {
        let store = LinkStore::new(secrets, paths.clone(), options.keychain_timeout);
        let activity = Record::new(&paths.data_dir, config.activity);
        Self { config, paths, store, options, http: OnceLock::new(), selected: None, activity, caller: None }
    }

    /// This engine about the linked account `account` (an id, or a display name no other
    /// linked account has; `--account`, `SPOTLINK_ACCOUNT`) instead of the active one.
    /// `None`: the active one.
    pub fn select(mut self, account: Option<String>) -> Self {
        self.selected = account.filter(|a| !a.is_empty());
        self
    }

    /// This engine serving `caller`, the program that started this process: the
    /// activity record names it beside each token handed out ([`Taker::Caller`]).
    pub fn called_by(mut self, caller: Option<Program>) -> Self {
        self.caller = caller;
        self
    }

    /// The engine for this user: platform directories, config file + environment, OS keychain.
    pub fn from_environment() -> Result<Self, Error> {
        let paths = Paths::from_platform()?;
        let config = Config::load(&paths)?;
        let secrets = Arc::new(KeyringStore::new(config.keyring_service.clone()));
        Ok(Self::new(config, paths, secrets, EngineOptions::default()))
    }

    /// The effective configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The directories in use.
    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    /// The shared HTTP client, built on first use so a cached-token read never pays for it.
    pub fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(|| http::client(self.options.http_timeout))
    }

    /// The account's stored link, if any (keychain only; no network).
    pub async fn load(&self) -> Result<Option<StoredLink>, Error> {
        match self.account().await? {
            Some(account) => Ok(self.store.load(&account).await?),
            None => Ok(None),
        }
    }

    /// The reminder about `link`'s end that is due at `now` and not given yet, and when
    /// the next one falls due ([`crate::reminders`]; reads the state file only).
    pub fn reminders(
        &self,
        link: &StoredLink,
        now: OffsetDateTime,
    ) -> Result<(Option<Reminder>, Option<OffsetDateTime>), Error> {
        let notified = self.store.notified(&link.record.account.id)?;
        let (authorized_at, rejected) = (link.record.authorized_at, link.record.needs_relink());
        Ok((
            reminders::due(authorized_at, rejected, &notified, now),
            reminders::next_due_at(authorized_at, rejected, &notified, now),
        ))
    }

    /// Remembers that the reminder `threshold` was given for `link`.
    pub async fn reminder_given(&self, link: &StoredLink, threshold: Threshold) -> Result<(), Error> {
        let account = &link.record.account.id;
        let notified = self.store.notified(account)?.record(link.record.authorized_at, threshold);
        let name = serde_json::to_value(threshold).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        self.note(Entry::now(Event::Reminder, Some(account)).detail(name));
        Ok(self.store.set_notified(account, &notified).await?)
    }

    /// The link's status, offline.
    pub async fn status(&self) -> Result<LinkStatus, Error> {
        let client_id = self.config.client_id.as_ref().map(|c| c.to_string());
        Ok(match self.load().await? {
            Some(link) => LinkStatus::of(&link, now()),
            None => LinkStatus::unlinked(client_id),
        })
    }

    /// An access token with at least `min_ttl` left (at least the refresh margin if
    /// `None`), refreshing first if needed.
    pub async fn access_token(&self, min_ttl: Option<Duration>) -> Result<ServedToken, Error> {
        self.access_token_with(min_ttl, &ScopeSet::default()).await
    }

    /// [`Engine::access_token`] for a caller that needs the link to hold `required`
    /// (`spotlink token --require-scope`): without them, [`Error::MissingScopes`] names
    /// the ones missing, before any network request, instead of a token Spotify would
    /// answer with 403 later.
    pub async fn access_token_with(
        &self,
        min_ttl: Option<Duration>,
        required: &ScopeSet,
    ) -> Result<ServedToken, Error> {
        let link = self.load().await?.ok_or(Error::NotLinked)?;
        self.token_for(&link.record, min_ttl, required).await
    }

    /// [`Engine::access_token_with`] for the link just read as `record`.
    async fn token_for(
        &self,
        record: &LinkRecord,
        min_ttl: Option<Duration>,
        required: &ScopeSet,
    ) -> Result<ServedToken, Error> {
        let min_ttl = min_ttl.unwrap_or(self.options.refresh_margin);
        let missing = required.missing_from(&record.granted);
        if !missing.is_empty() {
            return Err(Error::MissingScopes { missing });
        }
        if let Some(token) = usable(record, min_ttl) {
            return Ok(token);
        }
        self.refresh_under_lock(&record.account.id, Some(record), min_ttl).await
    }

    /// A new token for `account` after Spotify rejected `rejected`: the one another
    /// process stored meanwhile if there is one, else a refresh, under the account's lock.
    async fn renew_rejected(&self, account: &str, rejected: &AccessToken) -> Result<ServedToken, Error> {
        let _lock = self.lock(account).await?;
        let record = self.store.load_record(account).await?.ok_or(Error::NotLinked)?;
        let replaced = record.access_token.as_ref().is_some_and(|cached| cached.token != *rejected);
        if let Some(token) = usable(&record, SHARED_TOKEN_MIN_TTL).filter(|_| replaced) {
            tracing::debug!("using the token another process refreshed");
            return Ok(token);
        }
        self.refresh_locked(record).await
    }

    /// `account`'s refresh lock: refreshes of one account wait for each other, never for
    /// another account's.
    async fn lock(&self, account: &str) -> Result<RefreshLock, Error> {
        Ok(RefreshLock::acquire(&self.paths.refresh_lock(account), self.options.lock_timeout).await?)
    }

    /// Sends `request` to the Web API with the link's token, by the rules of
    /// [`crate::api`]: the link must hold `required`; a rejected token is renewed once;
    /// throttling and outages are retried where sending again is safe, and `events`
    /// hears of each wait. A status of 400 or more is an [`ApiError`].
    pub async fn call_api(
        &self,
        request: &ApiRequest,
        required: &ScopeSet,
        events: &mut dyn FnMut(ApiEvent),
    ) -> Result<ApiResponse, Error> {
        // The keychain is read on a blocking thread; build the HTTP client meanwhile
        // (loading the system's CA certificates is most of a one-shot call's time).
        let (link, ()) = tokio::join!(self.load(), async {
            self.http();
        });
        let link = link?.ok_or(Error::NotLinked)?;
        let mut served = self.token_for(&link.record, None, required).await?;
        let call = format!("{} {}", request.method, request.url.path());
        self.note(Entry::now(Event::Api, Some(&link.record.account.id)).by(self.caller.clone()).detail(call));
        let (mut renewed, mut tries, mut throttled) = (false, 1, 0);
        loop {
            let sent = api::send(self.http(), request, served.token.secret()).await;
            match api::next_step(request, &sent, renewed, tries, throttled, &self.options.retry) {
                Next::Done => {
                    let response = match sent {
                        Sent::Answer(response) => response,
                        Sent::Failed(failure) => return Err(ApiError::from(failure).into()),
                    };
                    return match response.error(request, &self.config.api_url, &link.record.granted) {
                        Some(error) => Err(error.into()),
                        None => Ok(response),
                    };
                }
                Next::RenewToken => {
                    tracing::debug!("Spotify rejected the access token; renewing it");
                    renewed = true;
                    served = self.renew_rejected(&link.record.account.id, &served.token).await?;
                }
                Next::Retry(wait) => {
                    if matches!(&sent, Sent::Answer(response) if response.status.as_u16() == 429) {
                        throttled += 1;
                        events(ApiEvent::Waiting(wait));
                    } else {
                        tries += 1;
                    }
                    tracing::debug!(?wait, "Web API request failed; sending it again");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Follows a paged answer: sends `first` (a GET), then each page's `next` link
    /// while it stays on the API, and gathers the items. `Err(response)` inside: the
    /// first answer was not a paging object, and is returned as it came.
    pub async fn call_api_paged(
        &self,
        first: ApiRequest,
        required: &ScopeSet,
        events: &mut dyn FnMut(ApiEvent),
    ) -> Result<Result<Pages, ApiResponse>, Error> {
        let mut request = first;
        let mut gathered = Pages::default();
        let mut seen = std::collections::HashSet::new();
        loop {
            let response = self.call_api(&request, required, events).await?;
            let page = match Page::parse(&response.body) {
                Ok(page) => page,
                Err(_) if gathered.pages == 0 => return Ok(Err(response)),
                Err(error) => return Err(error.into()),
            };
            gathered.pages += 1;
            gathered.items.extend(page.items);
            events(ApiEvent::Page { pages: gathered.pages, items: gathered.items.len(), total: page.total });
            let Some(next) = page.next else { return Ok(Ok(gathered)) };
            let next = url::Url::parse(&next)
                .map_err(|_| ApiError::Malformed(msg!("error-api-detail-next-not-a-url", next = &next)))?;
            api::on_api(&self.config.api_url, &next)?;
            if !seen.insert(next.clone()) || gathered.pages >= api::MAX_PAGES {
                return Err(ApiError::Malformed(msg!("error-api-detail-next-circle")).into());
            }
            request.url = next;
        }
    }

    /// Refreshes now, whatever the current token's expiry ("Refresh now", `spotlink refresh`).
    pub async fn refresh(&self) -> Result<ServedToken, Error> {
        let account = self.account().await?.ok_or(Error::NotLinked)?;
        self.refresh_under_lock(&account.id, None, Duration::ZERO).await
    }

    /// When the app should refresh ahead of expiry: [`PROACTIVE_REFRESH_MARGIN`] before it,
    /// but never earlier than half-way through what is left, so a token that lives shorter
    /// than the margin is not refreshed again at once. `None`: nothing to refresh.
    pub fn next_refresh_at(link: &StoredLink, now: OffsetDateTime) -> Option<OffsetDateTime> {
        let token = link.record.access_token.as_ref()?;
        link.record.refresh_token.as_ref()?;
        // The clock was set back since the token came: its expiry means nothing now.
        let Some(expires_at) = token.expiry_at(now) else { return Some(now) };
        let left = expires_at - now;
        if left <= time::Duration::ZERO {
            return Some(now);
        }
        Some((expires_at - PROACTIVE_REFRESH_MARGIN).max(now + left / 2))
    }

    /// Takes `account`'s cross-process lock, re-reads the keychain (another process may
    /// have refreshed while this one waited) and refreshes only if still needed.
    async fn refresh_under_lock(
        &self,
        account: &str,
        seen: Option<&LinkRecord>,
        min_ttl: Duration,
    ) -> Result<ServedToken, Error> {
        // A forced refresh will need the HTTP client: build it (loading the system's TLS
        // roots takes ~0.1 s) before taking the lock others may be waiting for. A caller
        // that only needs a fresh token usually finds one another process just fetched,
        // and never needs a client at all.
        if seen.is_none() {
            self.http();
        }
        let _lock = self.lock(account).await?;
        let record = self.store.load_record(account).await?.ok_or(Error::NotLinked)?;
        if let Some(seen) = seen {
            let changed = record.access_token != seen.access_token;
            let enough = if changed { min_ttl.min(SHARED_TOKEN_MIN_TTL) } else { min_ttl };
            if let Some(token) = usable(&record, enough) {
                tracing::debug!("using the token another process refreshed");
                return Ok(token);
            }
        }
        self.refresh_locked(record).await
    }

    /// Sends the refresh; the caller holds the lock. A rotated refresh token is stored
    /// before the new access token is handed out; `invalid_grant` ends the link.
    async fn refresh_locked(&self, record: LinkRecord) -> Result<ServedToken, Error> {
        let Some(refresh_token) = record.refresh_token.clone() else {
            return Err(relink_needed(&record, msg!("error-engine-detail-refresh-token-gone")));
        };
        let client = self.token_client(&record.client_id)?;
        let account = record.account.id.clone();
        let response = match client.refresh(&refresh_token).await {
            Ok(response) => response,
            Err(TokenError::InvalidGrant { description }) => {
                self.note(Entry::now(Event::RefreshRefused, Some(&account)).detail(description.clone()));
                // Stop for good: never send this refresh token again.
                let mut dead = record.clone();
                dead.refresh_token = None;
                dead.access_token = None;
                if let Err(e) = self.store.save_record(&dead).await {
                    tracing::warn!(error = %e, "could not mark the link as needing relink");
                }
                return Err(relink_needed(&record, Message::verbatim(description)));
            }
            Err(e) => {
                let error = Error::from(e);
                self.note(Entry::now(Event::RefreshFailed, Some(&account)).detail(kind_name(&error)));
                return Err(error);
            }
        };
        let rotated = response.refresh_token.is_some();
        let obtained_at = now();
        let expires_at = obtained_at + response.expires_in;
        let mut updated = record;
        if let Some(rotated) = response.refresh_token {
            updated.refresh_token = Some(rotated);
        }
        if let Some(granted) = response.scope {
            updated.granted = granted;
        }
        updated.access_token =
            Some(CachedToken { token: response.access_token.clone(), expires_at, obtained_at: Some(obtained_at) });
        if let Err(e) = self.save_rotated(&updated).await {
            self.note(Entry::now(Event::RefreshFailed, Some(&account)).detail(kind_name(&e)));
            return Err(e);
        }
        self.note(Entry::now(Event::Refresh, Some(&account)).detail(if rotated { "rotated" } else { "renewed" }));
        Ok(ServedToken { token: response.access_token, expires_at, refreshed: true })
    }

    /// Saves after a refresh, retrying a failed write for up to
    /// [`EngineOptions::save_retry_window`] (200 ms doubling to 1 s between attempts): with
    /// a rotating server the old refresh token is already spent, so losing the new one
    /// would lose the link, and a keyring daemon that died is usually back within seconds.
    /// A write that timed out is not retried: the keychain already had its 15 s.
    async fn save_rotated(&self, record: &LinkRecord) -> Result<(), Error> {
        let started = std::time::Instant::now();
        let mut delay = Duration::from_millis(200);
        let mut attempt = 0u32;
        loop {
            match self.store.save_record(record).await {
                Ok(()) => return Ok(()),
                Err(e @ StoreError::Timeout { .. }) => return Err(e.into()),
                Err(e) if started.elapsed() + delay <= self.options.save_retry_window => {
                    attempt += 1;
                    tracing::warn!(error = %e, attempt, "saving the refreshed link failed; retrying");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(1));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// A client ID kept with a link, checked as a configured one would be.
    fn stored_client_id(&self, client_id: &str) -> Result<ClientId, ConfigError> {
        ClientId::parse(client_id, &self.config.accounts_url).map_err(ConfigError::InvalidStoredClientId)
    }

    fn token_client(&self, client_id: &str) -> Result<TokenClient, Error> {
        let client_id = self.stored_client_id(client_id)?;
        Ok(TokenClient::new(self.http().clone(), self.config.token_endpoint(), client_id, self.options.retry.clone()))
    }

    /// Starts a sign-in with the configured client ID, or else `linked_client`: the one
    /// the current link was made with, so a link whose client ID is no longer configured
    /// (the setting was removed, or came from an environment that is gone) can still be
    /// renewed.
    pub fn begin_link(
        &self,
        scopes: ScopeSet,
        redirect_uri: RedirectUri,
        relink: bool,
        linked_client: Option<&str>,
    ) -> Result<PendingAuthorization, Error> {
        let client_id = match (self.config.require_client_id(), linked_client) {
            (Ok(configured), _) => configured.clone(),
            (Err(_), Some(linked)) => self.stored_client_id(linked)?,
            (Err(missing), None) => return Err(missing.into()),
        };
        let request = AuthorizeRequest { client_id, redirect_uri, scopes, show_dialog: relink };
        Ok(PendingAuthorization::begin(request, &self.config.authorize_endpoint(), now()))
    }

    /// Remembers `pending` in the keychain until it completes, so an answer that arrives
    /// after the app was closed (and cold-starts it) can still complete the sign-in.
    pub async fn remember_pending(&self, pending: &PendingAuthorization) -> Result<(), Error> {
        Ok(self.store.save_pending(pending.to_keychain_json()).await?)
    }

    /// The sign-in remembered by [`Self::remember_pending`], removed from the keychain.
    /// An expired or unreadable one is dropped.
    pub async fn take_remembered_pending(&self) -> Result<Option<PendingAuthorization>, Error> {
        let Some(json) = self.store.take_pending().await? else { return Ok(None) };
        let pending = PendingAuthorization::from_keychain_json(&json, &self.config.accounts_url);
        Ok(pending.filter(|p| p.expires_at() >= OffsetDateTime::now_utc()))
    }

    /// Forgets a remembered sign-in (cancelled, completed or expired).
    pub async fn forget_pending(&self) -> Result<(), Error> {
        Ok(self.store.clear_pending().await?)
    }

    /// Finishes a sign-in: exchanges the code, reads who signed in, and stores the link.
    /// Nothing is stored unless every step succeeded, so a failure keeps the previous link.
    pub async fn finish_link(&self, completed: Completed) -> Result<StoredLink, Error> {
        let Completed { pending, code } = completed;
        let client = self.token_client(pending.client_id.as_str())?;
        let response = match client.exchange_code(&code, &pending.verifier, &pending.redirect_uri).await {
            Err(TokenError::InvalidGrant { description }) => return Err(Error::CodeRejected { description }),
            other => other?,
        };
        let refresh_token = response.refresh_token.ok_or(Error::NoRefreshToken)?;
        let authorized_at = now();
        let me = self.config.me_endpoint();
        let profile =
            profile::fetch_profile_retrying(self.http(), &me, &response.access_token, &self.options.retry).await?;
        let record = LinkRecord {
            client_id: pending.client_id.to_string(),
            account: account_of(profile),
            refresh_token: Some(refresh_token),
            access_token: Some(CachedToken {
                token: response.access_token,
                expires_at: authorized_at + response.expires_in,
                obtained_at: Some(authorized_at),
            }),
            granted: response.scope.unwrap_or_else(|| pending.scopes.clone()),
            authorized_at,
        };
        // Hold the account's lock so no process is refreshing its old link while it is
        // replaced. Another account's link is not touched.
        let _lock = self.lock(&record.account.id).await?;
        let known = self.store.state().is_ok_and(|state| state.get(&record.account.id).is_some());
        self.store.save_new(&record, &pending.scopes).await?;
        self.note(
            Entry::now(if known { Event::Relink } else { Event::Link }, Some(&record.account.id))
                .detail(record.granted.to_string()),
        );
        Ok(StoredLink { record, requested: pending.scopes })
    }

    /// Re-reads the profile from Spotify and updates the stored account details.
    pub async fn refresh_profile(&self) -> Result<StoredLink, Error> {
        let account = self.account().await?.ok_or(Error::NotLinked)?;
        let link = self.store.load(&account).await?.ok_or(Error::NotLinked)?;
        let token = self.token_for(&link.record, None, &ScopeSet::default()).await?;
        let me = self.config.me_endpoint();
        let profile = profile::fetch_profile_retrying(self.http(), &me, &token.token, &self.options.retry).await?;
        let _lock = self.lock(&account.id).await?;
        let mut link = self.store.load(&account).await?.ok_or(Error::NotLinked)?;
        if link.record.account.id != profile.id {
            return Err(relink_needed(&link.record, msg!("error-engine-detail-another-account")));
        }
        let account = account_of(profile);
        // Unchanged details need no keychain write (this runs at every app start).
        if link.record.account != account {
            link.record.account = account;
            self.store.save_record(&link.record).await?;
        }
        let name = [(link.record.account.id.clone(), link.record.account.display_name.clone())];
        if let Err(e) = self.store.set_display_names(&name).await {
            tracing::warn!(error = %e, "cannot note the account's name in the state file");
        }
        Ok(link)
    }
}

/// Now, in whole seconds: the keychain record stores Unix seconds, so what a caller
/// holds compares equal to what a later read returns.
fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

fn usable(record: &LinkRecord, min_ttl: Duration) -> Option<ServedToken> {
    record.refresh_token.as_ref()?;
    let cached = record.access_token.as_ref()?;
    let now = now();
    let expires_at = cached.expiry_at(now)?;
    (expires_at - now >= min_ttl).then(|| ServedToken { token: cached.token.clone(), expires_at, refreshed: false })
}

/// What kind of failure `error` is, as the activity record says it (`network`,
/// `timeout`, `rate_limited`, `keychain_unavailable`, …): words the CLI and the window
/// put in the user's language; the error's whole text goes to the log.
fn kind_name(error: &Error) -> String {
    tracing::debug!(error = %error, "recorded as a failed refresh");
    serde_json::to_value(error.kind()).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn relink_needed(record: &LinkRecord, reason: Message) -> Error {
    let account = record.account.display_name.clone().unwrap_or_else(|| record.account.id.clone());
    Error::RelinkNeeded { account, reason }
}

fn account_of(profile: Profile) -> Account {
    Account {
        id: profile.id,
        display_name: profile.display_name,
        email: profile.email,
        product: profile.product,
        country: profile.country,
        image_url: profile.image_url,
        profile_url: profile.profile_url,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::secret::RefreshToken;

    fn link(expires_at: OffsetDateTime, refreshable: bool) -> StoredLink {
        StoredLink {
            record: LinkRecord {
                client_id: "client".into(),
                account: Account { id: "ada".into(), ..Account::default() },
                refresh_token: refreshable.then(|| RefreshToken::new("refresh".into())),
                access_token: Some(CachedToken {
                    token: AccessToken::new("access".into()),
                    expires_at,
                    obtained_at: Some(expires_at - time::Duration::hours(1)),
                }),
                granted: ScopeSet::default(),
                authorized_at: expires_at - time::Duration::days(1),
            },
            requested: ScopeSet::default(),
        }
    }

    #[test]
    fn refreshes_ahead_of_expiry_and_never_in_a_loop() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let minutes = time::Duration::minutes;
        let at = |expires_at| Engine::next_refresh_at(&link(expires_at, true), now);
        assert_eq!(at(now + minutes(60)), Some(now + minutes(55)), "an hour-long token: the margin");
        assert_eq!(at(now + minutes(8)), Some(now + minutes(4)), "half-way when the margin would be too soon");
        assert_eq!(
            at(now + time::Duration::seconds(60)),
            Some(now + time::Duration::seconds(30)),
            "shorter than the margin"
        );
        assert_eq!(at(now - minutes(1)), Some(now), "expired: now");
        assert_eq!(Engine::next_refresh_at(&link(now + minutes(60), false), now), None, "needs relink: nothing to do");
        // Obtained two hours from now by the clock: it was set back since, so the expiry
        // (an hour from now by that clock) may be long past: refresh now.
        let set_back = link(now + minutes(180), true);
        assert_eq!(Engine::next_refresh_at(&set_back, now), Some(now), "the clock was set back");
    }
}
