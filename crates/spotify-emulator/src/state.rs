//! The emulator's memory: configuration, outstanding codes and consents,
//! grants and the tokens issued for them, queued faults, counters and log.
//! One mutex guards it all; no lock is held across an `.await`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::authorize::AuthRequest;
use crate::config::{EmulatorConfig, User};
use crate::faults::{Fault, FaultTarget};
use crate::library::Library;
use crate::log::LogEntry;
use crate::secret::{Fingerprint, Secret};
use crate::stats::Stats;

/// How long an interactive consent page can be answered.
const CONSENT_TTL: Duration = Duration::from_secs(15 * 60);

/// State shared by the server task and every [`crate::EmulatorHandle`].
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
    /// Port the server is bound to on 127.0.0.1.
    pub port: u16,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
}

impl Shared {
    /// State for a freshly bound server.
    pub(crate) fn new(config: EmulatorConfig, port: u16) -> Self {
        Self { state: Mutex::new(State::new(config)), port, base_url: format!("http://127.0.0.1:{port}") }
    }

    /// Locks the state. A panic while holding the lock cannot leave it
    /// half-updated in a way that matters to a test double, so poisoning is
    /// ignored rather than turned into a second panic.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Index of a grant in [`State::grants`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GrantId(usize);

/// One user authorization of one client: what refresh and access tokens hang
/// off, and what replay detection or revoke-all revokes as a whole.
#[derive(Debug)]
pub(crate) struct Grant {
    pub client_id: String,
    /// The id of the user who authorized.
    pub user: String,
    /// Granted scopes, in request order.
    pub scopes: Vec<String>,
    /// The user's original authorization; refreshing never moves it.
    pub authorized_at: Instant,
    pub revoked: bool,
}

/// An issued authorization code, bound to everything the exchange must repeat.
#[derive(Debug)]
pub(crate) struct Code {
    pub client_id: String,
    /// The id of the user who approved.
    pub user: String,
    /// The exact `redirect_uri` string of the authorize request, port included.
    pub redirect_uri: String,
    pub challenge: String,
    pub scopes: Vec<String>,
    pub expires_at: Instant,
    /// Set on the first presentation; a code is single use.
    pub used: bool,
    /// The grant created by exchanging it, revoked if the code is replayed.
    pub grant: Option<GrantId>,
}

/// An interactive consent page waiting for Approve or Deny.
#[derive(Debug)]
pub(crate) struct PendingConsent {
    pub request: AuthRequest,
    pub granted: Vec<String>,
    pub expires_at: Instant,
}

/// A refresh token of a grant.
#[derive(Debug)]
pub(crate) struct RefreshToken {
    pub grant: GrantId,
    /// With rotation on, set once it has been exchanged for a successor.
    pub used: bool,
}

/// An access token of a grant.
#[derive(Debug)]
pub(crate) struct AccessToken {
    pub grant: GrantId,
    pub expires_at: Instant,
}

/// Tokens minted for a grant, handed out once in a token response.
#[derive(Debug)]
pub(crate) struct Issued {
    pub access: Secret,
    pub refresh: Option<Secret>,
}

/// Everything the emulator remembers. Codes and tokens are keyed by their
/// fingerprints; the secrets themselves are never stored.
#[derive(Debug)]
pub(crate) struct State {
    pub config: EmulatorConfig,
    pub codes: HashMap<Fingerprint, Code>,
    pub consents: HashMap<Fingerprint, PendingConsent>,
    pub grants: Vec<Grant>,
    pub refresh_tokens: HashMap<Fingerprint, RefreshToken>,
    pub access_tokens: HashMap<Fingerprint, AccessToken>,
    /// Injected token-endpoint faults still to happen, each with its remaining count.
    pub token_faults: VecDeque<(Fault, u32)>,
    /// The same for the Web API.
    pub api_faults: VecDeque<(Fault, u32)>,
    pub stats: Stats,
    pub log: VecDeque<LogEntry>,
    /// What the Web API's library endpoints serve and change.
    pub library: Library,
}

impl State {
    fn new(config: EmulatorConfig) -> Self {
        Self {
            library: Library::of(&config.user),
            config,
            codes: HashMap::new(),
            consents: HashMap::new(),
            grants: Vec::new(),
            refresh_tokens: HashMap::new(),
            access_tokens: HashMap::new(),
            token_faults: VecDeque::new(),
            api_faults: VecDeque::new(),
            stats: Stats::default(),
            log: VecDeque::new(),
        }
    }

    /// Issues an authorization code for a request `user` approved.
    pub(crate) fn issue_code(&mut self, request: &AuthRequest, granted: Vec<String>, user: &str) -> Secret {
        let code = Secret::generate();
        self.codes.insert(
            code.fingerprint(),
            Code {
                client_id: request.client_id.clone(),
                user: user.to_owned(),
                redirect_uri: request.redirect_uri.clone(),
                challenge: request.challenge.clone(),
                scopes: granted,
                expires_at: after(Instant::now(), self.config.code_ttl),
                used: false,
                grant: None,
            },
        );
        self.stats.authorizations += 1;
        code
    }

    /// Remembers a request waiting on the consent page; returns its opaque ID.
    pub(crate) fn add_consent(&mut self, request: AuthRequest, granted: Vec<String>) -> Secret {
        let now = Instant::now();
        self.consents.retain(|_, pending| pending.expires_at > now);
        let id = Secret::generate();
        self.consents
            .insert(id.fingerprint(), PendingConsent { request, granted, expires_at: after(now, CONSENT_TTL) });
        id
    }

    /// Removes and returns the pending consent with this ID, if still valid.
    pub(crate) fn take_consent(&mut self, id: &str) -> Option<PendingConsent> {
        let pending = self.consents.remove(&Fingerprint::of(id))?;
        (pending.expires_at > Instant::now()).then_some(pending)
    }

    /// Every account that can sign in: the signed-in one first.
    pub(crate) fn users(&self) -> impl Iterator<Item = &User> {
        std::iter::once(&self.config.user).chain(&self.config.other_users)
    }

    /// The account with this id.
    pub(crate) fn user(&self, id: &str) -> Option<&User> {
        self.users().find(|u| u.id == id)
    }

    /// Adds an account that can sign in (replacing one with its id that is not signed in).
    pub(crate) fn add_user(&mut self, user: User) {
        if self.config.user.id != user.id {
            self.config.other_users.retain(|u| u.id != user.id);
            self.config.other_users.push(user);
        }
    }

    /// Signs in the account `id`; false (nothing changes) when there is none.
    pub(crate) fn sign_in_as(&mut self, id: &str) -> bool {
        let config = &mut self.config;
        if config.user.id == id {
            return true;
        }
        let Some(at) = config.other_users.iter().position(|u| u.id == id) else { return false };
        std::mem::swap(&mut config.user, &mut config.other_users[at]);
        true
    }

    /// Starts a grant: `user` has just authorized `client_id` for `scopes`.
    pub(crate) fn new_grant(&mut self, client_id: &str, scopes: Vec<String>, user: &str) -> GrantId {
        self.grants.push(Grant {
            client_id: client_id.to_owned(),
            user: user.to_owned(),
            scopes,
            authorized_at: Instant::now(),
            revoked: false,
        });
        GrantId(self.grants.len() - 1)
    }

    /// The grant with this ID. IDs are only made by [`State::new_grant`] and
    /// grants are never removed, so the lookup cannot fail.
    pub(crate) fn grant(&self, id: GrantId) -> &Grant {
        &self.grants[id.0]
    }

    /// Mints an access token, and a refresh token if `with_refresh`, for a grant.
    pub(crate) fn issue_tokens(&mut self, grant: GrantId, with_refresh: bool) -> Issued {
        let access = Secret::generate();
        self.access_tokens.insert(
            access.fingerprint(),
            AccessToken { grant, expires_at: after(Instant::now(), self.config.access_ttl) },
        );
        let refresh = with_refresh.then(|| {
            let refresh = Secret::generate();
            self.refresh_tokens.insert(refresh.fingerprint(), RefreshToken { grant, used: false });
            refresh
        });
        Issued { access, refresh }
    }

    fn faults(&mut self, target: FaultTarget) -> &mut VecDeque<(Fault, u32)> {
        match target {
            FaultTarget::Token => &mut self.token_faults,
            FaultTarget::Api => &mut self.api_faults,
        }
    }

    /// Queues `count` failures of `target` after those already queued.
    pub(crate) fn queue_fault(&mut self, target: FaultTarget, fault: Fault, count: u32) {
        if count > 0 {
            self.faults(target).push_back((fault, count));
        }
    }

    /// The fault the next request to `target` suffers, if any, consuming it.
    pub(crate) fn take_fault(&mut self, target: FaultTarget) -> Option<Fault> {
        let queue = self.faults(target);
        let (fault, remaining) = queue.front_mut()?;
        let fault = fault.clone();
        *remaining -= 1;
        if *remaining == 0 {
            queue.pop_front();
        }
        Some(fault)
    }

    /// How many faulty answers are still queued, for both targets.
    pub(crate) fn queued_faults(&self) -> u64 {
        self.token_faults.iter().chain(&self.api_faults).map(|(_, n)| u64::from(*n)).sum()
    }

    /// Revokes a grant with all its refresh and access tokens. Counts it once.
    pub(crate) fn revoke_grant(&mut self, id: GrantId) {
        let grant = &mut self.grants[id.0];
        if !grant.revoked {
            grant.revoked = true;
            self.stats.grants_revoked += 1;
        }
    }

    /// Revokes every grant, as if the user removed all apps' access.
    pub(crate) fn revoke_all(&mut self) {
        for index in 0..self.grants.len() {
            self.revoke_grant(GrantId(index));
        }
    }

    /// Ends every access token now, as when Spotify invalidates tokens early: the
    /// next Web API call with one gets 401 "The access token expired".
    pub(crate) fn expire_access_tokens(&mut self) {
        let now = Instant::now();
        for token in self.access_tokens.values_mut() {
            token.expires_at = token.expires_at.min(now);
        }
    }

    /// Whether the grant's refresh tokens have outlived the refresh lifetime,
    /// counted from the original authorization with the current setting.
    pub(crate) fn refresh_expired(&self, id: GrantId) -> bool {
        let grant = self.grant(id);
        Instant::now() >= after(grant.authorized_at, self.config.refresh_lifetime)
    }
}

/// `start + span`, saturating at a far-future instant: lifetimes come from
/// configuration and the control API, and a huge one must mean "never", not a
/// panic on overflow.
fn after(start: Instant, span: Duration) -> Instant {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);
    start.checked_add(span).or_else(|| start.checked_add(CENTURY)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revoke_all_counts_each_grant_once() {
        let mut state = State::new(EmulatorConfig::default());
        let a = state.new_grant("c", vec![], "emu-user");
        let _b = state.new_grant("c", vec![], "emu-user");
        state.revoke_grant(a);
        state.revoke_all();
        assert_eq!(state.stats.grants_revoked, 2);
        assert!(state.grants.iter().all(|g| g.revoked));
    }

    #[test]
    fn faults_are_consumed_in_order_per_target() {
        let (token, api) = (FaultTarget::Token, FaultTarget::Api);
        let mut state = State::new(EmulatorConfig::default());
        state.queue_fault(token, Fault::ServerError, 2);
        state.queue_fault(token, Fault::Garbage, 0);
        state.queue_fault(api, Fault::Garbage, 1);
        state.queue_fault(token, Fault::Unavailable, 1);
        assert_eq!(state.queued_faults(), 4);
        assert_eq!(state.take_fault(token), Some(Fault::ServerError));
        assert_eq!(state.take_fault(token), Some(Fault::ServerError));
        assert_eq!(state.take_fault(token), Some(Fault::Unavailable));
        assert_eq!(state.take_fault(token), None);
        assert_eq!(state.take_fault(api), Some(Fault::Garbage));
        assert_eq!(state.take_fault(api), None);
    }

    #[test]
    fn refresh_lifetime_counts_from_authorization() {
        let mut state = State::new(EmulatorConfig::default());
        let id = state.new_grant("c", vec![], "emu-user");
        assert!(!state.refresh_expired(id));
        state.config.refresh_lifetime = Duration::ZERO;
        assert!(state.refresh_expired(id));
        state.config.refresh_lifetime = Duration::MAX;
        assert!(!state.refresh_expired(id));
    }
}
