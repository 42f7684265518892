//! The request log: one entry per request outside `/_emulator/`, without any
//! code, token, verifier or query string, also emitted through `tracing`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::state::Shared;

/// How many entries the log keeps; older ones are dropped first.
const MAX_ENTRIES: usize = 10_000;

/// One handled request. Returned by [`crate::EmulatorHandle::request_log`] and
/// `GET /_emulator/log`. Holds no secrets: only the path (never the query),
/// the outcome and the non-secret parameters below.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When the request was answered (RFC 3339 in JSON).
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// HTTP method.
    pub method: String,
    /// Path without query.
    pub path: String,
    /// `grant_type` of a token request, if it parsed.
    pub grant_type: Option<String>,
    /// HTTP status of the answer.
    pub status: u16,
    /// OAuth error, Web API error or injected fault, with a short reason.
    pub error: Option<String>,
    /// `show_dialog` of an authorize request, when sent.
    pub show_dialog: Option<bool>,
    /// Requested scopes of an authorize request, or granted scopes of a
    /// successful token response.
    pub scope: Option<String>,
}

/// What a handler tells the log about its request, attached to the response
/// as an extension and read by [`record`].
#[derive(Debug, Clone, Default)]
pub(crate) struct LogNote {
    pub grant_type: Option<String>,
    pub error: Option<String>,
    pub show_dialog: Option<bool>,
    pub scope: Option<String>,
}

impl LogNote {
    /// A note carrying only an error.
    pub(crate) fn error(error: impl Into<String>) -> Self {
        Self { error: Some(error.into()), ..Self::default() }
    }

    /// Attaches this note to `response`.
    pub(crate) fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: logs every answered request through `tracing` and keeps it in
/// the request log unless it is a control request under `/_emulator/`.
pub(crate) async fn record(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let note = response.extensions().get::<LogNote>().cloned().unwrap_or_default();
    let status = response.status().as_u16();
    tracing::info!(
        %method,
        %path,
        status,
        grant_type = note.grant_type.as_deref(),
        error = note.error.as_deref(),
        show_dialog = note.show_dialog,
        scope = note.scope.as_deref(),
        "request"
    );
    if !path.starts_with("/_emulator/") {
        let entry = LogEntry {
            at: OffsetDateTime::now_utc(),
            method,
            path,
            grant_type: note.grant_type,
            status,
            error: note.error,
            show_dialog: note.show_dialog,
            scope: note.scope,
        };
        let mut state = shared.lock();
        if state.log.len() == MAX_ENTRIES {
            state.log.pop_front();
        }
        state.log.push_back(entry);
    }
    response
}
