//! The redirect back from the browser: parsing it and matching it to the one pending flow.
//!
//! Callbacks arrive from untrusted places (a deep link any web page can trigger, a
//! request to the loopback port any local process can send). A callback that does
//! not complete the pending flow changes nothing: the flow stays pending and the
//! stored link is untouched.

use std::collections::VecDeque;

use time::OffsetDateTime;
use url::Url;

use crate::authorize::{PendingAuthorization, RedirectUri};
use crate::i18n::Message;
use crate::msg;
use crate::secret::{AuthorizationCode, CsrfState};

/// Longest callback URL accepted; real ones are well under 1 KiB.
const MAX_CALLBACK_LEN: usize = 8 * 1024;
/// How many finished flows' states are remembered to recognise a replayed callback.
const REMEMBERED_STATES: usize = 16;

/// The parameters of a redirect back from the authorize endpoint (RFC 6749 §4.1.2).
#[derive(Debug)]
pub enum CallbackParams {
    /// The user approved: a code to exchange.
    Code { code: AuthorizationCode, state: String },
    /// The server reports an error, e.g. `access_denied`.
    Error { error: String, description: Option<String>, state: Option<String> },
}

impl CallbackParams {
    fn state(&self) -> Option<&str> {
        match self {
            CallbackParams::Code { state, .. } => Some(state),
            CallbackParams::Error { state, .. } => state.as_deref(),
        }
    }
}

/// Why a callback did not complete a sign-in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// What is wrong with the link, in SpotLink's words.
    Malformed(Message),
    /// No sign-in is waiting for an answer.
    NoPendingFlow,
    /// The `state` is not the pending sign-in's: another page's or a forged link.
    StateMismatch,
    /// The `state` of a sign-in that already ended.
    Replayed,
    /// The sign-in waited longer than [`crate::authorize::PENDING_TTL`].
    Expired,
    /// The user declined on Spotify's page (`access_denied`).
    Denied,
    /// Spotify's other errors, with its code and description as they are.
    Refused { error: String, description: Option<String> },
}

impl CallbackError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            CallbackError::Malformed(detail) => msg!("error-callback-malformed", detail = detail.clone()),
            CallbackError::NoPendingFlow => msg!("error-callback-no-pending-flow"),
            CallbackError::StateMismatch => msg!("error-callback-state-mismatch"),
            CallbackError::Replayed => msg!("error-callback-replayed"),
            CallbackError::Expired => msg!("error-callback-expired"),
            CallbackError::Denied => msg!("error-callback-denied"),
            CallbackError::Refused { error, description: None } => msg!("error-callback-refused", error = error),
            CallbackError::Refused { error, description: Some(description) } => {
                msg!("error-callback-refused-described", error = error, description = description)
            }
        }
    }
}

crate::display_in_english!(CallbackError);

/// Parses `spotlink://callback?code=...&state=...` from the OS.
pub fn parse_deep_link(raw: &str) -> Result<CallbackParams, CallbackError> {
    let raw = raw.trim();
    if raw.len() > MAX_CALLBACK_LEN {
        return Err(CallbackError::Malformed(msg!("error-callback-detail-too-long")));
    }
    let url = Url::parse(raw).map_err(|_| CallbackError::Malformed(msg!("error-callback-detail-not-a-url")))?;
    if url.scheme() != "spotlink" || url.host_str() != Some("callback") || !matches!(url.path(), "" | "/") {
        return Err(CallbackError::Malformed(msg!("error-callback-detail-not-spotlink")));
    }
    if url.username() != "" || url.password().is_some() || url.port().is_some() || url.fragment().is_some() {
        return Err(CallbackError::Malformed(msg!("error-callback-detail-unexpected-parts")));
    }
    parse_query(url.query().unwrap_or(""))
}

/// Parses the address a browser ended on after a sign-in made on another device
/// (`spotlink link --remote`): `redirect_uri` (which nothing answers on that device, so
/// the page failed to load) with Spotify's answer in its query, as copied from the
/// address bar. Anything else is refused with what was expected.
pub fn parse_pasted(raw: &str, redirect_uri: &RedirectUri) -> Result<CallbackParams, CallbackError> {
    let raw = raw.trim();
    if raw.len() > MAX_CALLBACK_LEN {
        return Err(CallbackError::Malformed(msg!("error-callback-detail-too-long")));
    }
    let expected = redirect_uri.as_str();
    let wrong = || CallbackError::Malformed(msg!("error-callback-detail-not-the-redirect", redirect = expected));
    let url = Url::parse(raw).map_err(|_| wrong())?;
    let redirect = Url::parse(expected).map_err(|_| wrong())?;
    let same_place = url.scheme() == redirect.scheme()
        && url.host() == redirect.host()
        && url.port_or_known_default() == redirect.port_or_known_default()
        && url.path() == redirect.path();
    if !same_place || url.username() != "" || url.password().is_some() || url.fragment().is_some() {
        return Err(wrong());
    }
    parse_query(url.query().unwrap_or(""))
}

/// Parses the query of a callback (deep link or loopback request). Each parameter
/// may appear once: a repeated one is a sign of tampering.
pub fn parse_query(query: &str) -> Result<CallbackParams, CallbackError> {
    if query.len() > MAX_CALLBACK_LEN {
        return Err(CallbackError::Malformed(msg!("error-callback-detail-too-long")));
    }
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match key.as_ref() {
            "code" => &mut code,
            "state" => &mut state,
            "error" => &mut error,
            "error_description" => &mut description,
            _ => continue, // Servers may add parameters (e.g. `iss`); ignore them.
        };
        if slot.replace(value.into_owned()).is_some() {
            return Err(CallbackError::Malformed(msg!("error-callback-detail-repeated", parameter = key.as_ref())));
        }
    }
    let printable = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic());
    match (code, error) {
        (Some(_), Some(_)) => Err(CallbackError::Malformed(msg!("error-callback-detail-code-and-error"))),
        (Some(code), None) => {
            let state = state.ok_or_else(|| CallbackError::Malformed(msg!("error-callback-detail-no-state")))?;
            if !printable(&code) || !printable(&state) {
                return Err(CallbackError::Malformed(msg!("error-callback-detail-invalid-characters")));
            }
            Ok(CallbackParams::Code { code: AuthorizationCode::new(code), state })
        }
        (None, Some(error)) => {
            if !printable(&error) {
                return Err(CallbackError::Malformed(msg!("error-callback-detail-invalid-error")));
            }
            let description = description.map(|d| d.chars().filter(|c| !c.is_control()).take(300).collect());
            Ok(CallbackParams::Error { error, description, state })
        }
        (None, None) => Err(CallbackError::Malformed(msg!("error-callback-detail-no-code-or-error"))),
    }
}

/// A callback that matched the pending flow: the code and what is needed to exchange it.
#[derive(Debug)]
pub struct Completed {
    pub pending: PendingAuthorization,
    pub code: AuthorizationCode,
}

/// At most one sign-in in progress, plus the states of recently finished ones.
#[derive(Debug, Default)]
pub struct PendingFlow {
    current: Option<PendingAuthorization>,
    finished: VecDeque<CsrfState>,
}

impl PendingFlow {
    /// An empty slot.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `pending` the one flow in progress; a previous one is abandoned.
    pub fn begin(&mut self, pending: PendingAuthorization) -> &PendingAuthorization {
        if let Some(previous) = self.current.take() {
            self.remember(previous.state);
        }
        self.current.insert(pending)
    }

    /// The flow in progress, if any.
    pub fn current(&self) -> Option<&PendingAuthorization> {
        self.current.as_ref()
    }

    /// Abandons the flow in progress. Returns whether there was one.
    pub fn cancel(&mut self) -> bool {
        match self.current.take() {
            Some(previous) => {
                self.remember(previous.state);
                true
            }
            None => false,
        }
    }

    /// Drops the pending flow if it expired before `now`. Returns whether it did.
    pub fn expire(&mut self, now: OffsetDateTime) -> bool {
        if self.current.as_ref().is_some_and(|p| now > p.expires_at()) {
            self.cancel()
        } else {
            false
        }
    }

    /// Matches a callback to the flow in progress. Only a callback carrying the pending
    /// flow's `state` ends it; anything else leaves it pending and returns an error.
    pub fn complete(&mut self, params: CallbackParams, now: OffsetDateTime) -> Result<Completed, CallbackError> {
        let state = params.state();
        let matches_current = match (&self.current, state) {
            (Some(pending), Some(state)) => pending.state.matches(state),
            _ => false,
        };
        if !matches_current {
            let replayed = state.is_some_and(|s| self.finished.iter().any(|old| old.matches(s)));
            return Err(if replayed {
                CallbackError::Replayed
            } else if self.current.is_none() {
                CallbackError::NoPendingFlow
            } else {
                CallbackError::StateMismatch
            });
        }
        let pending = self.current.take().expect("matched a current flow");
        let expired = now > pending.expires_at();
        self.remember(CsrfState::new(pending.state.secret().to_owned()));
        if expired {
            return Err(CallbackError::Expired);
        }
        match params {
            CallbackParams::Code { code, .. } => Ok(Completed { pending, code }),
            CallbackParams::Error { error, .. } if error == "access_denied" => Err(CallbackError::Denied),
            CallbackParams::Error { error, description, .. } => Err(CallbackError::Refused { error, description }),
        }
    }

    fn remember(&mut self, state: CsrfState) {
        if self.finished.len() == REMEMBERED_STATES {
            self.finished.pop_front();
        }
        self.finished.push_back(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authorize::{AuthorizeRequest, PENDING_TTL};
    use crate::config::ClientId;
    use crate::scopes::ScopeSet;

    fn begin(flow: &mut PendingFlow, now: OffsetDateTime) -> String {
        let endpoint = Url::parse("http://127.0.0.1:1/authorize").unwrap();
        let request = AuthorizeRequest {
            client_id: ClientId::parse("client", &endpoint).unwrap(),
            redirect_uri: RedirectUri::deep_link(),
            scopes: ScopeSet::default(),
            show_dialog: false,
        };
        let pending = flow.begin(PendingAuthorization::begin(request, &endpoint, now));
        pending.state.secret().to_owned()
    }

    fn link(query: &str) -> CallbackParams {
        parse_deep_link(&format!("spotlink://callback?{query}")).unwrap()
    }

    #[test]
    fn parses_deep_links() {
        match link("code=abc&state=xyz&iss=whatever") {
            CallbackParams::Code { code, state } => {
                assert_eq!(code.secret(), "abc");
                assert_eq!(state, "xyz");
            }
            other => panic!("{other:?}"),
        }
        match link("error=access_denied&state=s") {
            CallbackParams::Error { error, state, .. } => {
                assert_eq!(error, "access_denied");
                assert_eq!(state.as_deref(), Some("s"));
            }
            other => panic!("{other:?}"),
        }
        assert!(parse_deep_link("spotlink://callback/?code=a&state=b").is_ok());
    }

    #[test]
    fn rejects_hostile_or_malformed_links() {
        for bad in [
            "",
            "not a url",
            "https://callback?code=a&state=b",
            "spotlink://evil?code=a&state=b",
            "spotlink://callback/other?code=a&state=b",
            "spotlink://user@callback?code=a&state=b",
            "spotlink://callback:99?code=a&state=b",
            "spotlink://callback?code=a&state=b#frag",
            "spotlink://callback?code=a&code=b&state=c",
            "spotlink://callback?code=a&state=b&state=c",
            "spotlink://callback?code=a",
            "spotlink://callback?state=b",
            "spotlink://callback?code=a&error=x&state=b",
            "spotlink://callback?code=a%20b&state=c",
            "spotlink://callback?code=&state=c",
        ] {
            assert!(matches!(parse_deep_link(bad), Err(CallbackError::Malformed(_))), "{bad:?}");
        }
        let long = format!("spotlink://callback?code={}&state=s", "a".repeat(MAX_CALLBACK_LEN));
        assert!(matches!(parse_deep_link(&long), Err(CallbackError::Malformed(_))));
    }

    #[test]
    fn only_the_right_state_completes_the_flow() {
        let now = OffsetDateTime::now_utc();
        let mut flow = PendingFlow::new();
        assert_eq!(flow.complete(link("code=c&state=s"), now).unwrap_err(), CallbackError::NoPendingFlow);

        let state = begin(&mut flow, now);
        let wrong = link("code=c&state=not-the-state");
        assert_eq!(flow.complete(wrong, now).unwrap_err(), CallbackError::StateMismatch);
        let prefix = link(&format!("code=c&state={}", &state[..10]));
        assert_eq!(flow.complete(prefix, now).unwrap_err(), CallbackError::StateMismatch);
        assert!(flow.current().is_some(), "a wrong callback leaves the flow pending");

        let done = flow.complete(link(&format!("code=the-code&state={state}")), now).unwrap();
        assert_eq!(done.code.secret(), "the-code");
        assert!(flow.current().is_none());

        let replay = link(&format!("code=the-code&state={state}"));
        assert_eq!(flow.complete(replay, now).unwrap_err(), CallbackError::Replayed);
    }

    #[test]
    fn expiry_denial_and_refusal() {
        let now = OffsetDateTime::now_utc();
        let mut flow = PendingFlow::new();
        let state = begin(&mut flow, now);
        let late = now + PENDING_TTL + time::Duration::seconds(1);
        assert_eq!(flow.complete(link(&format!("code=c&state={state}")), late).unwrap_err(), CallbackError::Expired);

        let state = begin(&mut flow, now);
        let denied = link(&format!("error=access_denied&state={state}"));
        assert_eq!(flow.complete(denied, now).unwrap_err(), CallbackError::Denied);

        let state = begin(&mut flow, now);
        let refused = link(&format!("error=invalid_scope&error_description=bad%20scope&state={state}"));
        let err = flow.complete(refused, now).unwrap_err();
        assert_eq!(err.to_string(), "Spotify refused the sign-in (invalid_scope: bad scope); nothing was linked");

        // An error without state cannot end the pending flow either.
        let state = begin(&mut flow, now);
        assert_eq!(flow.complete(link("error=access_denied"), now).unwrap_err(), CallbackError::StateMismatch);
        assert!(flow.complete(link(&format!("code=c&state={state}")), now).is_ok());
    }

    #[test]
    fn a_new_flow_retires_the_old_state() {
        let now = OffsetDateTime::now_utc();
        let mut flow = PendingFlow::new();
        let old = begin(&mut flow, now);
        let _new = begin(&mut flow, now);
        assert_eq!(flow.complete(link(&format!("code=c&state={old}")), now).unwrap_err(), CallbackError::Replayed);
        assert!(flow.cancel());
        assert!(!flow.cancel());
        assert!(!flow.expire(now));
    }

    #[test]
    fn a_pasted_address_must_be_the_redirect_with_the_answer() {
        let redirect = RedirectUri::loopback(43111);
        let good = "  http://127.0.0.1:43111/callback?code=abc&state=xyz\n";
        assert!(matches!(parse_pasted(good, &redirect), Ok(CallbackParams::Code { state, .. }) if state == "xyz"));
        let denied = "http://127.0.0.1:43111/callback?error=access_denied&state=xyz";
        assert!(matches!(parse_pasted(denied, &redirect), Ok(CallbackParams::Error { .. })));
        for bad in [
            "",
            "garbage",
            "code=abc&state=xyz",
            "http://127.0.0.1:43112/callback?code=abc&state=xyz",
            "http://localhost:43111/callback?code=abc&state=xyz",
            "https://127.0.0.1:43111/callback?code=abc&state=xyz",
            "http://127.0.0.1:43111/other?code=abc&state=xyz",
            "http://user@127.0.0.1:43111/callback?code=abc&state=xyz",
            "http://127.0.0.1:43111/callback?code=abc&state=xyz#frag",
        ] {
            let err = parse_pasted(bad, &redirect).unwrap_err();
            assert!(err.to_string().contains("http://127.0.0.1:43111/callback?"), "{bad:?}: {err}");
        }
        let repeated = "http://127.0.0.1:43111/callback?code=a&code=b&state=xyz";
        assert!(parse_pasted(repeated, &redirect).unwrap_err().to_string().contains("appears twice"));
    }
}
