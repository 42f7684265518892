//! Reminders about the link's end as desktop notifications: 14, 3 and 1 day before
//! Spotify's six months are over, when they are, and when Spotify rejected the link.
//! The engine decides which is due and remembers which were given
//! (`spotlink_core::reminders`); this sends it, then sleeps until the next one is due.
//! No polling: one sleeping task per linked account, re-armed when its link or the
//! setting changes. Every reminder names the account it is about.
//!
//! On Linux the notification goes to `org.freedesktop.Notifications` on the session
//! bus, with "Relink" and "Open SpotLink" actions where the server supports actions;
//! elsewhere through the OS's notification centre (notify-rust), without actions.

use std::collections::HashMap;
use std::time::Duration;

use spotlink_core::reminders::Reminder;
use spotlink_core::store::StoredLink;
use tauri::async_runtime::{spawn, JoinHandle};
use tauri::AppHandle;
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::state::{shell, Links};

/// What an account's reminder task was armed for: another value means re-arm.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Armed {
    account: String,
    authorized_at: OffsetDateTime,
    rejected: bool,
}

impl Armed {
    fn of(link: &StoredLink) -> Self {
        Self {
            account: link.record.account.id.clone(),
            authorized_at: link.record.authorized_at,
            rejected: link.record.needs_relink(),
        }
    }
}

/// Follows the links for as long as the app runs: one sleeping task per linked account,
/// (re)armed when that account's link (its authorization or its rejection) changes,
/// stopped when it is unlinked or reminders are turned off, and all re-armed when the
/// clock must be looked at again. A change to one account leaves the others' tasks be.
pub async fn follow(app: AppHandle, mut links: watch::Receiver<Links>) {
    let mut armed: HashMap<String, (Armed, JoinHandle<()>)> = HashMap::new();
    let mut recheck = links.borrow().recheck;
    loop {
        let (wanted, looked_again) = {
            let links = links.borrow_and_update();
            let wanted: Vec<(Armed, StoredLink)> = if links.reminders {
                links.all().map(|link| (Armed::of(link), link.clone())).collect()
            } else {
                Vec::new()
            };
            let looked_again = links.recheck != recheck;
            recheck = links.recheck;
            (wanted, looked_again)
        };
        armed.retain(|_, (was, task)| {
            let keep = !looked_again && wanted.iter().any(|(now, _)| now == was);
            if !keep {
                task.abort();
            }
            keep
        });
        for (now, link) in wanted {
            if !armed.contains_key(&now.account) {
                armed.insert(now.account.clone(), (now, spawn(watch(app.clone(), link))));
            }
        }
        if links.changed().await.is_err() {
            break;
        }
    }
    for (_, task) in armed.into_values() {
        task.abort();
    }
}

/// Gives the reminder due now for `link`'s account, if any, then sleeps until the next
/// one, until none is left.
async fn watch(app: AppHandle, link: StoredLink) {
    let account_id = link.record.account.id.clone();
    loop {
        let engine = shell(&app).engine();
        let (due, next) = match engine.reminders(&link, OffsetDateTime::now_utc()) {
            Ok(found) => found,
            Err(e) => return tracing::warn!(error = %e, "cannot read which reminders were given"),
        };
        if let Some(reminder) = due {
            let account = link.record.account.display_name.clone().unwrap_or_else(|| link.record.account.id.clone());
            match notify(&app, &reminder, &account, &account_id).await {
                Ok(()) => {
                    tracing::info!(threshold = ?reminder.threshold, "reminder shown");
                    if let Err(e) = engine.reminder_given(&link, reminder.threshold).await {
                        tracing::warn!(error = %e, "could not remember the reminder; it may be shown again");
                    }
                }
                Err(e) => tracing::warn!(error = %e, threshold = ?reminder.threshold, "could not show the reminder"),
            }
        }
        let Some(at) = next else { return };
        let wait = Duration::try_from(at - OffsetDateTime::now_utc()).unwrap_or(Duration::ZERO);
        tracing::debug!(in_secs = wait.as_secs(), "next reminder");
        tokio::time::sleep(wait).await;
    }
}

/// What the user chose in a notification.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
enum Action {
    Relink,
    Open,
}

/// Shows `reminder` about `account` (named as shown, `account_id` for its actions); on
/// Linux, reacts to its actions in the background.
async fn notify(app: &AppHandle, reminder: &Reminder, account: &str, account_id: &str) -> Result<(), String> {
    let urgent = !matches!(reminder.threshold, spotlink_core::reminders::Threshold::RenewSoon);
    let actions = [
        ("default", spotlink_core::msg!("app-notification-open").text()),
        ("relink", spotlink_core::msg!("app-notification-relink").text()),
    ];
    let (app, account_id) = (app.clone(), account_id.to_owned());
    let on_action = move |key: String| {
        act(app, if key == "relink" { Action::Relink } else { Action::Open }, &account_id);
    };
    crate::notify::show(&reminder.title().text(), &reminder.body(account).text(), urgent, &actions, on_action).await
}

/// Carries out a notification's action: the window comes forward, and "Relink" starts
/// the sign-in with the scopes of `account`'s link and Spotify's consent page.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn act(app: AppHandle, action: Action, account: &str) {
    match action {
        Action::Relink => crate::signin::relink_from_outside(&app, Some(account)),
        Action::Open => crate::window::open(&app),
    }
}
