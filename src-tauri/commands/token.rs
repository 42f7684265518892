//! `copy_token`, `refresh_now`: the access token, which never enters the webview.

use std::time::Duration;

use tauri::AppHandle;

use super::Reply;
use crate::error::ErrorView;
use crate::state::shell;
use crate::view::{clock_time, Busy, Notice};
use crate::{clipboard, scheduler};
use spotlink_core::engine::Taker;
use spotlink_core::msg;
use spotlink_core::scopes::ScopeSet;

/// A copied token is good for at least this long.
const COPY_MIN_TTL: Duration = Duration::from_secs(60);

/// Copies a token of the active account with at least a minute left (refreshing first
/// if needed) to the clipboard, from Rust; optionally clears it again later.
#[tauri::command]
pub async fn copy_token(app: AppHandle) -> Reply {
    copy_account_token(app, None, Taker::Window).await
}

/// [`copy_token`] for the linked account `account` (`None`: the active one), which stays
/// as it is: copying another account's token does not make it active (the tray's
/// "Copy token of …"; not a command: the window copies the active account's). The
/// activity record notes the copy and whether the window or the tray (`taker`) made it.
pub async fn copy_account_token(app: AppHandle, account: Option<String>, taker: Taker) -> Reply {
    let shell = shell(&app);
    let active = shell.read(|inner| inner.model.link.as_ref().map(|l| l.record.account.id.clone()));
    let other = account.filter(|id| active.as_ref() != Some(id));
    let engine = match &other {
        Some(id) => std::sync::Arc::new(shell.engine().about(id)),
        None => shell.engine(),
    };
    let served = engine.hand_out(taker, Some(COPY_MIN_TTL), &ScopeSet::default()).await;
    let refreshed = served.as_ref().is_ok_and(|t| t.refreshed) || served.is_err();
    if other.is_some() {
        // Another account's refresh changes only its own entry; a failure may have ended
        // its link, or it may have been unlinked meanwhile: read the accounts again.
        if served.is_err() {
            crate::accounts::reload(&app, |_| {}).await;
        }
    }
    // A refresh (or a failure, which may have ended the link) changes what is stored.
    let stored = if refreshed && other.is_none() { Some(engine.load().await) } else { None };
    let served = match served {
        Ok(served) => served,
        Err(e) => {
            tracing::warn!(error = %e, "no token to copy");
            shell.update(|inner| {
                if let Some(Ok(link)) = stored {
                    inner.model.link = link;
                }
                inner.model.error = Some(ErrorView::from(e));
                inner.model.notice = None;
                scheduler::arm(&app, inner, false);
            });
            return Ok(shell.view());
        }
    };
    let name = match &other {
        Some(id) => shell.read(|inner| {
            inner.model.others.iter().find(|o| &o.account.id == id).map_or_else(|| id.clone(), |o| o.name().to_owned())
        }),
        None => String::new(),
    };
    let copied = clipboard::copy_token(&app, served.token.clone()).await;
    let clear_after = engine.config().clipboard_clear_secs.map(|s| Duration::from_secs(u64::from(s)));
    shell.update(|inner| {
        if let Some(Ok(link)) = stored {
            inner.model.link = link;
            scheduler::arm(&app, inner, true);
        }
        match copied {
            Ok(()) => {
                tracing::info!(refreshed = served.refreshed, active = other.is_none(), "token copied to the clipboard");
                let until = clock_time(served.expires_at);
                let mut message = if other.is_some() {
                    msg!("app-notice-token-of-copied", name = &name, until = &until).text()
                } else {
                    msg!("app-notice-token-copied", until = &until).text()
                };
                match clear_after {
                    Some(after) => {
                        message.push(' ');
                        message.push_str(&msg!("app-notice-clipboard-clears", secs = after.as_secs()).text());
                        clipboard::clear_later(&app, inner, served.token, after);
                    }
                    None => inner.tasks.clipboard_clear.stop(),
                }
                inner.model.notice = Some(Notice::success(message));
                inner.model.error = None;
            }
            Err(e) => inner.model.error = Some(e),
        }
    });
    Ok(shell.view())
}

/// Refreshes the access token now, whatever its expiry.
#[tauri::command]
pub async fn refresh_now(app: AppHandle) -> Reply {
    let shell = shell(&app);
    let engine = shell.engine();
    shell.update(|inner| {
        inner.model.busy = Some(Busy::Refreshing);
        inner.model.error = None;
        inner.model.notice = None;
    });
    let result = engine.refresh().await;
    let stored = engine.load().await;
    shell.update(|inner| {
        if inner.model.busy == Some(Busy::Refreshing) {
            inner.model.busy = None;
        }
        if let Ok(link) = stored {
            inner.model.link = link;
        }
        match result {
            Ok(served) => {
                tracing::info!("refreshed on request");
                inner.refresh_failures = 0;
                let until = clock_time(served.expires_at);
                inner.model.notice = Some(Notice::success(msg!("app-notice-refreshed", until = until).text()));
                scheduler::arm(&app, inner, true);
            }
            Err(e) => {
                tracing::warn!(error = %e, "refresh failed");
                inner.model.error = Some(ErrorView::from(e));
                scheduler::arm(&app, inner, false);
            }
        }
    });
    Ok(shell.view())
}
