//! `start_link`, `open_authorize_url`, `copy_authorize_url`, `cancel_link`, `paste_answer`:
//! the sign-in.

use tauri::AppHandle;

use super::Reply;
use crate::clipboard;
use crate::error::ErrorView;
use crate::signin::{self, Browser, Purpose};
use crate::state::shell;
use crate::view::Notice;
use spotlink_core::msg;

/// Starts linking (or relinking, which forces Spotify's consent screen) with `scopes`;
/// `elsewhere`: the browser runs on another device (the user pastes its answer back).
#[tauri::command]
pub async fn start_link(app: AppHandle, scopes: Vec<String>, relink: bool, elsewhere: Option<bool>) -> Reply {
    let purpose = if relink { Purpose::Relink } else { Purpose::Link };
    signin::start_in(&app, scopes, purpose, browser(elsewhere)).await?;
    Ok(shell(&app).view())
}

/// Where the browser runs, as the window asked.
pub fn browser(elsewhere: Option<bool>) -> Browser {
    if elsewhere == Some(true) {
        Browser::Elsewhere
    } else {
        Browser::Here
    }
}

/// Completes the sign-in in progress with the address a browser on another device ended
/// on. An address that is not the expected one is refused as input; nothing changes.
#[tauri::command]
pub async fn paste_answer(app: AppHandle, address: String) -> Reply {
    signin::on_pasted(&app, &address).await?;
    Ok(shell(&app).view())
}

/// Opens Spotify's page for the pending sign-in again.
#[tauri::command]
pub fn open_authorize_url(app: AppHandle) -> Reply {
    let url = pending_url(&app)?;
    signin::open_in_browser(&app, &url);
    Ok(shell(&app).view())
}

/// Copies the pending sign-in's link, for a browser SpotLink did not open.
#[tauri::command]
pub async fn copy_authorize_url(app: AppHandle) -> Reply {
    let url = pending_url(&app)?;
    let copied = clipboard::copy_text(&app, url).await;
    let shell = shell(&app);
    shell.update(|inner| match copied {
        Ok(()) => inner.model.notice = Some(Notice::success(msg!("app-notice-authorize-copied").text())),
        Err(e) => inner.model.error = Some(e),
    });
    Ok(shell.view())
}

/// Abandons the pending sign-in.
#[tauri::command]
pub fn cancel_link(app: AppHandle) -> Reply {
    signin::cancel(&app);
    Ok(shell(&app).view())
}

fn pending_url(app: &AppHandle) -> Result<String, ErrorView> {
    shell(app).read(|inner| inner.model.pending.as_ref().map(|p| p.authorize_url.clone())).ok_or_else(|| {
        ErrorView::invalid_input(msg!("app-error-no-sign-in-title"), msg!("app-error-no-sign-in").text())
    })
}
