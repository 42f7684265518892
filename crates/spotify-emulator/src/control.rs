//! The control API under `/_emulator/`, for tests and scripts in other
//! processes: change settings, inject faults, revoke everything, read the
//! counters and the request log. Loopback only, and only with a loopback
//! `Host` header so a web page cannot reach it through DNS rebinding.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Deserializer, Serialize};

use crate::config::{Consent, Rotation};
use crate::faults::FaultRequest;
use crate::state::{Shared, State as EmulatorState};
use crate::{pages, scopes};

/// Routes mounted at `/_emulator`.
pub(crate) fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/config", get(get_config).post(set_config))
        .route("/faults", post(inject_faults))
        .route("/revoke-all", post(revoke_all))
        .route("/expire-access-tokens", post(expire_access_tokens))
        .route("/sign-in", post(sign_in))
        .route("/stats", get(stats))
        .route("/log", get(log))
        .route("/avatar.jpg", get(pages::avatar))
        .route_layer(middleware::from_fn_with_state(shared, require_loopback_host))
}

/// Refuses requests whose `Host` is not this server's loopback address.
async fn require_loopback_host(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let port = shared.port;
    let host_ok = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| h == format!("127.0.0.1:{port}") || h == format!("localhost:{port}"));
    if host_ok {
        next.run(request).await
    } else {
        control_error(StatusCode::FORBIDDEN, "the control API only answers requests addressed to 127.0.0.1")
    }
}

/// Settings that can change while the emulator runs; the body of
/// `POST /_emulator/config` (every field optional) and of its answer.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigPatch {
    consent: Option<Consent>,
    rotation: Option<Rotation>,
    access_ttl_secs: Option<u64>,
    refresh_lifetime_secs: Option<u64>,
    code_ttl_secs: Option<u64>,
    /// Absent: unchanged; `null`: grant everything requested; list: restrict.
    #[serde(default, deserialize_with = "present")]
    grantable_scopes: Option<Option<Vec<String>>>,
    allow_listed: Option<bool>,
}

/// Distinguishes `"field": null` (`Some(None)`) from an absent field (`None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The current runtime settings, as `GET`/`POST /_emulator/config` report them.
#[derive(Debug, Serialize)]
struct Settings {
    consent: Consent,
    rotation: Rotation,
    access_ttl_secs: u64,
    refresh_lifetime_secs: u64,
    code_ttl_secs: u64,
    grantable_scopes: Option<Vec<String>>,
    allow_listed: bool,
    client_ids: Vec<String>,
    redirect_uris: Vec<String>,
}

impl Settings {
    fn of(state: &EmulatorState) -> Self {
        let c = &state.config;
        Self {
            consent: c.consent,
            rotation: c.rotation,
            access_ttl_secs: c.access_ttl.as_secs(),
            refresh_lifetime_secs: c.refresh_lifetime.as_secs(),
            code_ttl_secs: c.code_ttl.as_secs(),
            grantable_scopes: c.grantable_scopes.clone(),
            allow_listed: c.allow_listed,
            client_ids: c.client_ids.clone(),
            redirect_uris: c.redirect_uris.clone(),
        }
    }
}

async fn get_config(State(shared): State<Arc<Shared>>) -> Response {
    Json(Settings::of(&shared.lock())).into_response()
}

async fn set_config(State(shared): State<Arc<Shared>>, body: Result<Json<ConfigPatch>, JsonRejection>) -> Response {
    let patch = match body {
        Ok(Json(patch)) => patch,
        Err(rejection) => return control_error(StatusCode::BAD_REQUEST, &rejection.body_text()),
    };
    if let Some(Some(list)) = &patch.grantable_scopes {
        if let Some(bad) = list.iter().find(|s| !scopes::is_known(s)) {
            return control_error(StatusCode::BAD_REQUEST, &format!("{bad:?} is not a Spotify scope"));
        }
    }
    let mut state = shared.lock();
    let config = &mut state.config;
    if let Some(consent) = patch.consent {
        config.consent = consent;
    }
    if let Some(rotation) = patch.rotation {
        config.rotation = rotation;
    }
    if let Some(secs) = patch.access_ttl_secs {
        config.access_ttl = Duration::from_secs(secs);
    }
    if let Some(secs) = patch.refresh_lifetime_secs {
        config.refresh_lifetime = Duration::from_secs(secs);
    }
    if let Some(secs) = patch.code_ttl_secs {
        config.code_ttl = Duration::from_secs(secs);
    }
    if let Some(grantable) = patch.grantable_scopes {
        config.grantable_scopes = grantable;
    }
    if let Some(allow_listed) = patch.allow_listed {
        config.allow_listed = allow_listed;
    }
    Json(Settings::of(&state)).into_response()
}

async fn inject_faults(State(shared): State<Arc<Shared>>, body: Result<Json<FaultRequest>, JsonRejection>) -> Response {
    let request = match body {
        Ok(Json(request)) => request,
        Err(rejection) => return control_error(StatusCode::BAD_REQUEST, &rejection.body_text()),
    };
    let fault = match request.to_fault() {
        Ok(fault) => fault,
        Err(why) => return control_error(StatusCode::BAD_REQUEST, &why),
    };
    let mut state = shared.lock();
    state.queue_fault(request.endpoint, fault, request.count);
    Json(serde_json::json!({ "queued": state.queued_faults() })).into_response()
}

async fn revoke_all(State(shared): State<Arc<Shared>>) -> Response {
    let mut state = shared.lock();
    state.revoke_all();
    Json(serde_json::json!({ "grants_revoked": state.stats.grants_revoked })).into_response()
}

async fn expire_access_tokens(State(shared): State<Arc<Shared>>) -> Response {
    shared.lock().expire_access_tokens();
    Json(serde_json::json!({ "expired": true })).into_response()
}

/// The body of `POST /_emulator/sign-in`: the account to sign in, made with this display
/// name when it does not exist yet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignIn {
    id: String,
    display_name: Option<String>,
}

/// `POST /_emulator/sign-in`: as [`crate::EmulatorHandle::sign_in_as`], for other processes.
async fn sign_in(State(shared): State<Arc<Shared>>, body: Result<Json<SignIn>, JsonRejection>) -> Response {
    let request = match body {
        Ok(Json(request)) if !request.id.is_empty() => request,
        Ok(_) => return control_error(StatusCode::BAD_REQUEST, "an account needs an id"),
        Err(rejection) => return control_error(StatusCode::BAD_REQUEST, &rejection.body_text()),
    };
    let mut state = shared.lock();
    if state.user(&request.id).is_none() {
        let name = request.display_name.as_deref().unwrap_or(&request.id);
        state.add_user(crate::config::User::named(&request.id, name));
    }
    state.sign_in_as(&request.id);
    Json(serde_json::json!({ "signed_in": request.id })).into_response()
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.lock().stats.clone()).into_response()
}

async fn log(State(shared): State<Arc<Shared>>) -> Response {
    let entries: Vec<_> = shared.lock().log.iter().cloned().collect();
    Json(entries).into_response()
}

fn control_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_distinguishes_null_from_absent() {
        let absent: ConfigPatch = serde_json::from_str("{}").expect("parses");
        assert_eq!(absent.grantable_scopes, None);
        let null: ConfigPatch = serde_json::from_str(r#"{"grantable_scopes":null}"#).expect("parses");
        assert_eq!(null.grantable_scopes, Some(None));
        let list: ConfigPatch =
            serde_json::from_str(r#"{"grantable_scopes":["user-read-email"],"consent":"auto-deny"}"#).expect("parses");
        assert_eq!(list.grantable_scopes, Some(Some(vec!["user-read-email".to_string()])));
        assert_eq!(list.consent, Some(Consent::AutoDeny));
    }

    #[test]
    fn patch_refuses_unknown_fields() {
        assert!(serde_json::from_str::<ConfigPatch>(r#"{"rotate":"on"}"#).is_err());
    }
}
