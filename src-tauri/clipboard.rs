//! The system clipboard, used from Rust only: the webview has no clipboard permission,
//! and the access token never passes through it.

use std::time::Duration;

use spotlink_core::activity::{Entry, Event};
use spotlink_core::secret::AccessToken;
use tauri::async_runtime::{spawn, spawn_blocking};
use tauri::{AppHandle, Manager};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::ErrorView;
use crate::state::{shell, Inner};
use crate::view::Notice;

/// Copies plain text (a redirect URI, an authorize URL).
pub async fn copy_text(app: &AppHandle, text: String) -> Result<(), ErrorView> {
    let app = app.clone();
    blocking(move || app.clipboard().write_text(text)).await
}

/// Copies the token, marked so clipboard managers keep it out of their history.
pub async fn copy_token(app: &AppHandle, token: AccessToken) -> Result<(), ErrorView> {
    let app = app.clone();
    blocking(move || app.clipboard().write_secret(token.secret())).await
}

/// Clears the clipboard after `after`, but only if it still holds `token`: whatever
/// the user copied since is left alone. A newer copy replaces this task. Quitting
/// before then clears it at once ([`clear_on_quit`]).
pub fn clear_later(app: &AppHandle, inner: &mut Inner, token: AccessToken, after: Duration) {
    let app = app.clone();
    inner.copied_token = Some(token);
    inner.tasks.clipboard_clear.set(spawn(async move {
        tokio::time::sleep(after).await;
        let Some(token) = shell(&app).update_quietly(|inner| inner.copied_token.take()) else { return };
        let reader = app.clone();
        let cleared = blocking(move || clear_if_holding(&reader, &token)).await;
        match cleared {
            Ok(true) => {
                tracing::info!("cleared the token from the clipboard");
                shell(&app).engine().note(Entry::now(Event::ClipboardCleared, None));
                shell(&app).update(|inner| {
                    inner.model.notice = Some(Notice::info(spotlink_core::msg!("app-notice-clipboard-cleared").text()));
                });
            }
            Ok(false) => tracing::debug!("the clipboard changed since the copy; left alone"),
            Err(e) => tracing::warn!(error = %e.message, "could not clear the clipboard"),
        }
    }));
}

/// Clears the clipboard if it still holds `token`; `Ok(false)` when it holds something else.
fn clear_if_holding(app: &AppHandle, token: &AccessToken) -> Result<bool, tauri_plugin_clipboard_manager::Error> {
    let clipboard = app.clipboard();
    match clipboard.read_text() {
        Ok(current) if current == token.secret() => clipboard.clear().map(|()| true),
        Ok(_) => Ok(false),
        // Nothing readable as text (empty, or an image): not our token.
        Err(_) => Ok(false),
    }
}

/// At quit, clears a copied token whose auto-clear has not run yet, if the clipboard
/// still holds it, so that no clipboard manager takes it over from the quitting app.
/// Waits at most [`QUIT_CLEAR_LIMIT`]: a clipboard that does not answer must not keep
/// the app from quitting.
pub fn clear_on_quit(app: &AppHandle) {
    let Some(state) = app.try_state::<crate::state::Shell>() else { return };
    let Some(token) = state.update_quietly(|inner| inner.copied_token.take()) else { return };
    let (done, result) = std::sync::mpsc::channel();
    let app = app.clone();
    // Off the main thread: reading the clipboard there can deadlock on Linux.
    std::thread::spawn(move || {
        let _ = done.send(clear_if_holding(&app, &token));
    });
    match result.recv_timeout(QUIT_CLEAR_LIMIT) {
        Ok(Ok(true)) => {
            tracing::info!("cleared the token from the clipboard before quitting");
            state.engine().note(Entry::now(Event::ClipboardCleared, None).detail("quit"));
        }
        Ok(Ok(false)) => tracing::debug!("the clipboard changed since the copy; left alone"),
        Ok(Err(e)) => tracing::warn!(error = %e, "could not clear the clipboard before quitting"),
        Err(_) => tracing::warn!("the clipboard did not answer in time; quitting without clearing it"),
    }
}

const QUIT_CLEAR_LIMIT: Duration = Duration::from_secs(2);

/// Runs a clipboard call off the async workers (arboard blocks, and reading on the
/// main thread can deadlock on Linux).
async fn blocking<T: Send + 'static>(
    call: impl FnOnce() -> Result<T, tauri_plugin_clipboard_manager::Error> + Send + 'static,
) -> Result<T, ErrorView> {
    match spawn_blocking(call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(ErrorView::clipboard(e)),
        Err(e) => Err(ErrorView::clipboard(e)),
    }
}
