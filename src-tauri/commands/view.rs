//! `get_view`, `dismiss_error`, `dismiss_notice`: reading the view and closing messages.

use std::time::Duration;

use tauri::AppHandle;

use super::Reply;
use crate::state::shell;

/// How long the first `get_view` waits for the keychain, so the window starts on the
/// right screen; the window gives up on the shell after 10 s.
const FIRST_LOAD_WAIT: Duration = Duration::from_secs(5);

/// The current view (after the link was first read from the keychain).
#[tauri::command]
pub async fn get_view(app: AppHandle) -> Reply {
    let shell = shell(&app);
    shell.wait_loaded(FIRST_LOAD_WAIT).await;
    Ok(shell.view())
}

#[tauri::command]
pub fn dismiss_error(app: AppHandle) -> Reply {
    let shell = shell(&app);
    shell.update(|inner| inner.model.error = None);
    Ok(shell.view())
}

#[tauri::command]
pub fn dismiss_notice(app: AppHandle) -> Reply {
    let shell = shell(&app);
    shell.update(|inner| inner.model.notice = None);
    Ok(shell.view())
}
