//! `GET /authorize` and `POST /authorize/decision`: the user-facing half of
//! the Authorization Code flow with PKCE (RFC 6749 §4.1, RFC 7636), with the
//! checks and error channels of Spotify's accounts service.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::config::{Consent, EmulatorConfig};
use crate::log::LogNote;
use crate::pages::{self, ConsentView};
use crate::params::Params;
use crate::state::Shared;
use crate::{pkce, redirect, scopes};

/// A validated authorization request.
#[derive(Debug, Clone)]
pub(crate) struct AuthRequest {
    pub client_id: String,
    /// Exactly as sent; the code exchange must repeat it byte for byte.
    pub redirect_uri: String,
    pub challenge: String,
    pub requested: Vec<String>,
    pub state: Option<String>,
}

/// Why an authorization request was refused, and through which channel.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// Client or redirect URI cannot be trusted: error page, nothing sent back.
    Page { message: &'static str },
    /// Redirect URI is valid: the error goes back to the client.
    Redirect {
        redirect_uri: String,
        error: &'static str,
        /// For the log only; Spotify sends no `error_description` here.
        reason: String,
        state: Option<String>,
    },
}

/// Checks an authorize query in Spotify's order: client, redirect URI, then
/// (reported on the redirect) response type, PKCE and scopes.
pub(crate) fn validate(params: &Params, config: &EmulatorConfig) -> Result<AuthRequest, Rejection> {
    let client_id = match params.get("client_id") {
        Some(id) if !params.is_duplicated("client_id") && config.client_ids.iter().any(|c| c == id) => id,
        _ => return Err(Rejection::Page { message: "INVALID_CLIENT: Invalid client" }),
    };
    let redirect_uri = match params.get("redirect_uri") {
        Some(uri) if !params.is_duplicated("redirect_uri") && redirect::is_allowed(uri, &config.redirect_uris) => uri,
        _ => return Err(Rejection::Page { message: "INVALID_CLIENT: Invalid redirect URI" }),
    };
    let state = params.get("state").map(str::to_owned);
    let refuse = |error: &'static str, reason: String| Rejection::Redirect {
        redirect_uri: redirect_uri.to_owned(),
        error,
        reason,
        state: state.clone(),
    };

    if let Some(name) = params.first_duplicate() {
        return Err(refuse("invalid_request", format!("parameter {name} sent more than once")));
    }
    match params.get("response_type") {
        Some("code") => {}
        Some(other) => {
            return Err(refuse("unsupported_response_type", format!("response_type {other:?} is not supported")))
        }
        None => return Err(refuse("invalid_request", "response_type is required".into())),
    }
    match params.get("code_challenge_method") {
        Some("S256") => {}
        Some(other) => {
            return Err(refuse(
                "invalid_request",
                format!("code_challenge_method {other:?} is not supported, use S256"),
            ))
        }
        None => return Err(refuse("invalid_request", "code_challenge_method is required (S256)".into())),
    }
    let challenge = match params.get("code_challenge") {
        Some(c) if pkce::is_valid_challenge(c) => c,
        Some(_) => return Err(refuse("invalid_request", "code_challenge must be 43 base64url characters".into())),
        None => return Err(refuse("invalid_request", "code_challenge is required".into())),
    };
    let requested = scopes::parse(params.get("scope").unwrap_or(""))
        .map_err(|unknown| refuse("invalid_scope", format!("unknown scope {unknown:?}")))?;

    Ok(AuthRequest {
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        challenge: challenge.to_owned(),
        requested,
        state,
    })
}

/// `GET /authorize`.
pub(crate) async fn authorize(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let params = Params::parse(query.unwrap_or_default().as_bytes());
    let show_dialog = params.get("show_dialog").map(|v| v == "true");
    let note = LogNote { show_dialog, scope: params.get("scope").map(str::to_owned), ..LogNote::default() };

    let mut state = shared.lock();
    let request = match validate(&params, &state.config) {
        Ok(request) => request,
        Err(rejection) => {
            drop(state);
            return reject(rejection, note);
        }
    };
    let granted = scopes::grant(&request.requested, state.config.grantable_scopes.as_deref());
    match state.config.consent {
        Consent::AutoApprove => {
            let user = state.config.user.id.clone();
            let code = state.issue_code(&request, granted, &user);
            drop(state);
            redirect_to(&request.redirect_uri, &[("code", code.expose())], request.state.as_deref(), note)
        }
        Consent::AutoDeny => {
            drop(state);
            let note = LogNote { error: Some("access_denied".into()), ..note };
            redirect_to(&request.redirect_uri, &[("error", "access_denied")], request.state.as_deref(), note)
        }
        // Interactive always shows the page, so `show_dialog` needs no
        // special case here; a person decides every time.
        Consent::Interactive => {
            let users: Vec<_> = state.users().cloned().collect();
            let id = state.add_consent(request.clone(), granted.clone());
            drop(state);
            let page = pages::consent_page(&ConsentView {
                consent_id: id.expose(),
                client_id: &request.client_id,
                redirect_uri: &request.redirect_uri,
                users: &users,
                requested: &request.requested,
                granted: &granted,
            });
            note.attach(page)
        }
    }
}

/// `POST /authorize/decision`: the consent page's Approve or Deny.
pub(crate) async fn decide(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let params = Params::parse(&body);
    let decision = params.get("decision");
    if !matches!(decision, Some("approve" | "deny")) {
        let page = pages::error_page(StatusCode::BAD_REQUEST, "Choose Approve or Deny.");
        return LogNote::error("invalid_request: decision must be approve or deny").attach(page);
    }
    let mut state = shared.lock();
    let Some(pending) = params.get("consent_id").and_then(|id| state.take_consent(id)) else {
        drop(state);
        let page = pages::error_page(
            StatusCode::BAD_REQUEST,
            "This consent request is unknown, already answered or expired. Start linking again from the app.",
        );
        return LogNote::error("invalid_request: unknown or expired consent").attach(page);
    };
    let request = pending.request;
    let note = LogNote { scope: Some(request.requested.join(" ")), ..LogNote::default() };
    // The account chosen on the page ("Not you?"), else the one signed in.
    let user = match params.get("user") {
        None => state.config.user.id.clone(),
        Some(id) if state.user(id).is_some() => id.to_owned(),
        Some(_) => {
            drop(state);
            let page = pages::error_page(StatusCode::BAD_REQUEST, "There is no such account. Start linking again.");
            return LogNote::error("invalid_request: unknown user").attach(page);
        }
    };
    if decision == Some("approve") {
        let code = state.issue_code(&request, pending.granted, &user);
        drop(state);
        redirect_to(&request.redirect_uri, &[("code", code.expose())], request.state.as_deref(), note)
    } else {
        drop(state);
        let note = LogNote { error: Some("access_denied".into()), ..note };
        redirect_to(&request.redirect_uri, &[("error", "access_denied")], request.state.as_deref(), note)
    }
}

/// Answers a refused request through the right channel.
fn reject(rejection: Rejection, note: LogNote) -> Response {
    match rejection {
        Rejection::Page { message } => {
            let note = LogNote { error: Some(message.to_owned()), ..note };
            note.attach(pages::error_page(StatusCode::BAD_REQUEST, message))
        }
        Rejection::Redirect { redirect_uri, error, reason, state } => {
            let note = LogNote { error: Some(format!("{error}: {reason}")), ..note };
            redirect_to(&redirect_uri, &[("error", error)], state.as_deref(), note)
        }
    }
}

/// 302 to the client's redirect URI with `params` and, when sent, `state`.
fn redirect_to(redirect_uri: &str, params: &[(&str, &str)], state: Option<&str>, note: LogNote) -> Response {
    let mut all = params.to_vec();
    if let Some(state) = state {
        all.push(("state", state));
    }
    let Some(location) = redirect::with_params(redirect_uri, &all) else {
        // Unreachable: the URI was parsed when it was validated.
        let page = pages::error_page(StatusCode::INTERNAL_SERVER_ERROR, "Could not build the redirect.");
        return note.attach(page);
    };
    let response = (StatusCode::FOUND, [(header::LOCATION, location.as_str()), (header::CACHE_CONTROL, "no-store")])
        .into_response();
    note.attach(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn query(extra: &str) -> Params {
        let base = format!(
            "client_id=spotlink-test-client&response_type=code&redirect_uri=spotlink%3A%2F%2Fcallback\
             &code_challenge_method=S256&code_challenge={CHALLENGE}&state=s1"
        );
        Params::parse(format!("{base}{extra}").as_bytes())
    }

    fn error_of(result: Result<AuthRequest, Rejection>) -> &'static str {
        match result {
            Err(Rejection::Redirect { error, .. }) => error,
            Err(Rejection::Page { message }) => message,
            Ok(_) => "ok",
        }
    }

    #[test]
    fn valid_request_passes() {
        let config = EmulatorConfig::default();
        let request = validate(&query("&scope=user-read-email"), &config);
        let request = request.expect("valid");
        assert_eq!(request.redirect_uri, "spotlink://callback");
        assert_eq!(request.requested, vec!["user-read-email".to_string()]);
        assert_eq!(request.state.as_deref(), Some("s1"));
    }

    #[test]
    fn duplicated_client_id_is_an_invalid_client() {
        let config = EmulatorConfig::default();
        let result = validate(&query("&client_id=spotlink-test-client"), &config);
        assert_eq!(error_of(result), "INVALID_CLIENT: Invalid client");
    }

    #[test]
    fn duplicated_other_parameter_is_invalid_request() {
        let config = EmulatorConfig::default();
        assert_eq!(error_of(validate(&query("&state=s2"), &config)), "invalid_request");
    }

    #[test]
    fn scope_errors_come_after_pkce_errors() {
        let config = EmulatorConfig::default();
        let params = Params::parse(
            b"client_id=spotlink-test-client&response_type=code&redirect_uri=spotlink%3A%2F%2Fcallback&scope=nope",
        );
        assert_eq!(error_of(validate(&params, &config)), "invalid_request");
        assert_eq!(error_of(validate(&query("&scope=nope"), &config)), "invalid_scope");
    }
}
