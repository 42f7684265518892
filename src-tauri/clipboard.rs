//! The system clipboard, used from Rust only: the webview has no clipboard permission,
//! and the access token never passes through it.

use std::time::Duration;

use spotlink_core::secret::AccessToken;
use tauri::async_runtime::{spawn, spawn_blocking};
use tauri::AppHandle;
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
/// the user copied since is left alone. A newer copy replaces this task.
pub fn clear_later(app: &AppHandle, inner: &mut Inner, token: AccessToken, after: Duration) {
    let app = app.clone();
    inner.tasks.clipboard_clear.set(spawn(async move {
        tokio::time::sleep(after).await;
        let reader = app.clone();
        let cleared = blocking(move || {
            let clipboard = reader.clipboard();
            match clipboard.read_text() {
                Ok(current) if current == token.secret() => clipboard.clear().map(|()| true),
                Ok(_) => Ok(false),
                // Nothing readable as text (empty, or an image): not our token.
                Err(_) => Ok(false),
            }
        })
        .await;
        match cleared {
            Ok(true) => {
                tracing::info!("cleared the token from the clipboard");
                shell(&app).update(|inner| {
                    inner.model.notice = Some(Notice::info("Cleared the token from the clipboard."));
                });
            }
            Ok(false) => tracing::debug!("the clipboard changed since the copy; left alone"),
            Err(e) => tracing::warn!(error = %e.message, "could not clear the clipboard"),
        }
    }));
}

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
