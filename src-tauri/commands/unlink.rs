//! `unlink`: forget the link on this computer.

use tauri::AppHandle;

use super::Reply;
use crate::error::ErrorView;
use crate::scheduler;
use crate::state::shell;
use crate::view::{Busy, Notice, NoticeAction};
use spotlink_core::msg;

/// Unlinks the active account: deletes its keychain entry and its place in the state
/// file; the other accounts stay linked and one of them becomes active. Spotify has no
/// revocation endpoint, so the notice points to the account's Apps page for the server
/// side, honestly.
#[tauri::command]
pub async fn unlink(app: AppHandle) -> Reply {
    let shell = shell(&app);
    let engine = shell.engine();
    shell.update(|inner| {
        inner.model.busy = Some(Busy::Unlinking);
        inner.model.error = None;
        inner.model.notice = None;
        inner.tasks.refresh.stop();
    });
    let result = engine.unlink().await;
    crate::accounts::reload(&app, |inner| {
        if inner.model.busy == Some(Busy::Unlinking) {
            inner.model.busy = None;
        }
        match result {
            Ok(unlinked) => {
                tracing::info!("unlinked");
                // Another linked account, if any, is the active one now (read above).
                inner.model.editing_client_id = false;
                inner.refresh_failures = 0;
                let text = match unlinked.and_then(|u| u.now_active.map(|a| (u.account, a))) {
                    Some((gone, active)) => {
                        msg!("app-notice-unlinked-other-active", name = gone.name(), active = active.name()).text()
                    }
                    None => msg!("app-notice-unlinked").text(),
                };
                // The window adds the Apps-page button and its explanation for this action.
                inner.model.notice = Some(Notice::info(text).with_action(NoticeAction::OpenAccountApps));
            }
            Err(e) => {
                tracing::warn!(error = %e, "unlink failed");
                inner.model.error = Some(ErrorView::from(e));
            }
        }
        scheduler::arm(&app, inner, false);
    })
    .await;
    Ok(shell.view())
}
