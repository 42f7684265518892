//! `switch_account`, `add_account`: several Spotify accounts on this computer.

use tauri::AppHandle;

use super::Reply;
use crate::error::ErrorView;
use crate::signin::{self, Purpose};
use crate::state::shell;
use crate::view::{Busy, Notice};
use crate::{accounts, profile, scheduler};
use spotlink_core::msg;

/// Makes the linked account `id` the active one: the window, the tray, `spotlink token`
/// and scripts then use it. An account unlinked meanwhile is an error; nothing changes.
#[tauri::command]
pub async fn switch_account(app: AppHandle, id: String) -> Reply {
    let shell = shell(&app);
    let engine = shell.engine();
    shell.update(|inner| {
        inner.model.busy = Some(Busy::Switching);
        inner.model.error = None;
        inner.model.notice = None;
    });
    let switched = engine.switch(&id).await;
    accounts::reload(&app, |inner| {
        if inner.model.busy == Some(Busy::Switching) {
            inner.model.busy = None;
        }
        match switched {
            Ok(account) => {
                tracing::info!("switched the active account");
                inner.model.notice = Some(Notice::success(msg!("app-notice-switched", name = account.name()).text()));
                inner.model.editing_client_id = false;
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not switch accounts");
                inner.model.error = Some(ErrorView::from(e));
            }
        }
        inner.refresh_failures = 0;
        scheduler::arm(&app, inner, false);
    })
    .await;
    profile::fetch_avatars(&app).await;
    Ok(shell.view())
}

/// Signs in another account beside the linked ones, with Spotify's consent page shown
/// (where the user can choose "Not you?"). If the account that signs in is linked
/// already, its link is renewed instead; either way it becomes the active account.
#[tauri::command]
pub async fn add_account(app: AppHandle, scopes: Vec<String>, elsewhere: Option<bool>) -> Reply {
    signin::start_in(&app, scopes, Purpose::AddAccount, super::link::browser(elsewhere)).await?;
    Ok(shell(&app).view())
}
