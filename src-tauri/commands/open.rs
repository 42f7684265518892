//! `open_account_apps`, `open_dashboard`: Spotify pages in the system browser.

use spotlink_core::config::{ACCOUNT_APPS_URL, DASHBOARD_URL};
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use super::Reply;
use crate::error::ErrorView;
use crate::state::shell;

/// Spotify's page where the user removes SpotLink's access (there is no revocation API).
#[tauri::command]
pub fn open_account_apps(app: AppHandle) -> Reply {
    open(&app, ACCOUNT_APPS_URL)
}

/// The developer dashboard, where the user creates an app and finds its client ID.
#[tauri::command]
pub fn open_dashboard(app: AppHandle) -> Reply {
    open(&app, DASHBOARD_URL)
}

fn open(app: &AppHandle, url: &str) -> Reply {
    let shell = shell(app);
    if let Err(e) = app.opener().open_url(url, None::<&str>) {
        tracing::warn!(error = %e, "could not start the browser");
        shell.update(|inner| inner.model.error = Some(ErrorView::browser(e, url)));
    }
    Ok(shell.view())
}
