//! Starting and stopping the emulator, and the handle tests drive it with.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Json, Router};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{Consent, EmulatorConfig, Rotation};
use crate::faults::{Fault, FaultTarget};
use crate::log::LogEntry;
use crate::state::Shared;
use crate::stats::Stats;
use crate::{authorize, control, library, log, me, pages, token};

/// How long [`EmulatorHandle::shutdown`] lets open connections finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Entry point: `Emulator::start(EmulatorConfig::default()).await?`.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// Validates `config`, binds `127.0.0.1:config.port` (0 = any free port)
    /// and serves on a tokio task of the current runtime until the last
    /// handle is dropped or [`EmulatorHandle::shutdown`] is called.
    ///
    /// Fails with `InvalidInput` for a configuration Spotify would refuse
    /// (e.g. a `localhost` redirect URI), or with the bind error.
    pub async fn start(config: EmulatorConfig) -> io::Result<EmulatorHandle> {
        config.validate().map_err(|why| io::Error::new(io::ErrorKind::InvalidInput, why))?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config, addr.port()));
        let app = router(Arc::clone(&shared));

        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let stopped = async {
                // Either a shutdown request or every handle gone.
                let _ = stop_rx.await;
            };
            if let Err(error) = axum::serve(listener, app).with_graceful_shutdown(stopped).await {
                tracing::error!(%error, "spotify-emulator server stopped with an error");
            }
        });
        Ok(EmulatorHandle {
            shared,
            addr,
            server: Arc::new(ServerTask { stop: Mutex::new(Some(stop_tx)), task: Mutex::new(Some(task)) }),
        })
    }
}

/// All routes, with request logging around them.
fn router(shared: Arc<Shared>) -> Router {
    let web_api = [
        ("/v1/me", get(me::me)),
        ("/v1/me/playlists", get(library::my_playlists)),
        ("/v1/me/top/tracks", get(library::top_tracks)),
        ("/v1/playlists/{id}", get(library::get_playlist).put(library::change_playlist)),
        ("/v1/users/{user_id}/playlists", post(library::create_playlist)),
    ];
    // Spotify answers a Web API path with a trailing slash as without (spotipy asks for `me/`).
    let web_api = web_api.into_iter().fold(Router::new(), |router, (path, methods)| {
        router.route(path, methods.clone()).route(&format!("{path}/"), methods)
    });
    Router::new()
        .merge(web_api)
        .route("/", get(pages::index))
        .route("/authorize", get(authorize::authorize))
        .route("/authorize/decision", post(authorize::decide))
        .route("/api/token", post(token::token))
        .nest("/_emulator", control::router(Arc::clone(&shared)))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), log::record))
        .with_state(shared)
}

/// Web API paths get the Web API's JSON 404; everything else plain text.
async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/v1/") {
        let body = serde_json::json!({ "error": { "status": 404, "message": "Service not found" } });
        (StatusCode::NOT_FOUND, Json(body)).into_response()
    } else {
        (StatusCode::NOT_FOUND, "Not found. See / for what this emulator serves.\n").into_response()
    }
}

/// The running server task; stopping it on drop ends the server when the last
/// [`EmulatorHandle`] clone goes away.
#[derive(Debug)]
struct ServerTask {
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl ServerTask {
    fn signal_stop(&self) {
        if let Some(stop) = self.stop.lock().unwrap_or_else(PoisonError::into_inner).take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for ServerTask {
    fn drop(&mut self) {
        self.signal_stop();
    }
}

/// A running emulator. Cheap to clone; the server stops when the last clone
/// is dropped or when [`EmulatorHandle::shutdown`] is called on any clone.
/// Setters take effect for the next request.
#[derive(Debug, Clone)]
pub struct EmulatorHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: Arc<ServerTask>,
}

impl EmulatorHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Base of the accounts service: `<it>/authorize` and `<it>/api/token`.
    /// Same as [`EmulatorHandle::base_url`].
    pub fn accounts_url(&self) -> String {
        self.base_url()
    }

    /// Base of the Web API: `<base_url>/v1`.
    pub fn api_url(&self) -> String {
        format!("{}/v1", self.shared.base_url)
    }

    /// The bound port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// How the emulated user answers the next consent screens.
    pub fn set_consent(&self, consent: Consent) {
        self.shared.lock().config.consent = consent;
    }

    /// Turns refresh-token rotation on or off for the next refreshes.
    pub fn set_rotation(&self, rotation: Rotation) {
        self.shared.lock().config.rotation = rotation;
    }

    /// Lifetime of access tokens issued from now on (`Duration::ZERO` makes
    /// them expire at once, to test the "expired" path).
    pub fn set_access_ttl(&self, ttl: Duration) {
        self.shared.lock().config.access_ttl = ttl;
    }

    /// Refresh lifetime, applied to every grant (also existing ones) from its
    /// original authorization; `Duration::ZERO` expires all refresh tokens.
    pub fn set_refresh_lifetime(&self, lifetime: Duration) {
        self.shared.lock().config.refresh_lifetime = lifetime;
    }

    /// Lifetime of authorization codes issued from now on.
    pub fn set_code_ttl(&self, ttl: Duration) {
        self.shared.lock().config.code_ttl = ttl;
    }

    /// Restricts (or with `None`, stops restricting) which requested scopes
    /// future authorizations grant.
    pub fn set_grantable_scopes(&self, scopes: Option<Vec<String>>) {
        self.shared.lock().config.grantable_scopes = scopes;
    }

    /// The emulated user's display name from now on (on the consent page and in `/v1/me`).
    pub fn set_display_name(&self, name: impl Into<String>) {
        self.shared.lock().config.user.display_name = name.into();
    }

    /// Adds an account that can sign in (see [`EmulatorConfig::other_users`]).
    pub fn add_user(&self, user: crate::config::User) {
        self.shared.lock().add_user(user);
    }

    /// Signs in the account with this id, as a browser whose user switched accounts at
    /// Spotify: automatic approvals authorize it from now on and the consent page shows
    /// it first. Returns false (and changes nothing) for an id no account has.
    pub fn sign_in_as(&self, id: &str) -> bool {
        self.shared.lock().sign_in_as(id)
    }

    /// `false` makes `/v1/me` answer 403 as for a user missing from a
    /// development-mode app's allow-list.
    pub fn set_allow_listed(&self, allow_listed: bool) {
        self.shared.lock().config.allow_listed = allow_listed;
    }

    /// Makes the next `count` token-endpoint requests fail with `fault`
    /// (queued after faults already injected).
    pub fn inject_faults(&self, fault: Fault, count: u32) {
        self.shared.lock().queue_fault(FaultTarget::Token, fault, count);
    }

    /// Makes the next `count` Web API requests (any `/v1/...`) fail with `fault`
    /// (queued after Web API faults already injected).
    pub fn inject_api_faults(&self, fault: Fault, count: u32) {
        self.shared.lock().queue_fault(FaultTarget::Api, fault, count);
    }

    /// Ends every access token issued so far (refresh tokens keep working), as when
    /// Spotify invalidates tokens before their `expires_in`.
    pub fn expire_access_tokens(&self) {
        self.shared.lock().expire_access_tokens();
    }

    /// Revokes every grant: all refresh and access tokens stop working.
    pub fn revoke_all(&self) {
        self.shared.lock().revoke_all();
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> Stats {
        self.shared.lock().stats.clone()
    }

    /// A copy of the request log, oldest first (control requests excluded).
    pub fn request_log(&self) -> Vec<LogEntry> {
        self.shared.lock().log.iter().cloned().collect()
    }

    /// Stops accepting connections, lets open ones finish (up to a few
    /// seconds) and waits for the server task, even if clones still exist.
    pub async fn shutdown(self) {
        self.server.signal_stop();
        let task = self.server.task.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(mut task) = task {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await.is_err() {
                task.abort();
            }
        }
    }
}
