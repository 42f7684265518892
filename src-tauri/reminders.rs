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
    let title = reminder.title().text();
    let body = reminder.body(account).text();
    let urgent = !matches!(reminder.threshold, spotlink_core::reminders::Threshold::RenewSoon);
    #[cfg(target_os = "linux")]
    {
        let (app, account_id) = (app.clone(), account_id.to_owned());
        linux::show(&title, &body, urgent, move |action| act(app, action, &account_id)).await
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (app, urgent, account_id);
        tauri::async_runtime::spawn_blocking(move || {
            notify_rust::Notification::new().appname("SpotLink").summary(&title).body(&body).show().map(|_| ())
        })
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
    }
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

#[cfg(target_os = "linux")]
mod linux {
    //! `org.freedesktop.Notifications` (Desktop Notifications Specification 1.2).

    use std::collections::HashMap;

    use futures_util::StreamExt;
    use zbus::zvariant::Value;

    use super::Action;

    #[zbus::proxy(
        interface = "org.freedesktop.Notifications",
        default_service = "org.freedesktop.Notifications",
        default_path = "/org/freedesktop/Notifications"
    )]
    trait Notifications {
        #[allow(clippy::too_many_arguments)]
        fn notify(
            &self,
            app_name: &str,
            replaces_id: u32,
            app_icon: &str,
            summary: &str,
            body: &str,
            actions: &[&str],
            hints: HashMap<&str, Value<'_>>,
            expire_timeout: i32,
        ) -> zbus::Result<u32>;

        fn get_capabilities(&self) -> zbus::Result<Vec<String>>;

        #[zbus(signal)]
        fn action_invoked(&self, id: u32, action_key: String) -> zbus::Result<()>;

        #[zbus(signal)]
        fn notification_closed(&self, id: u32, reason: u32) -> zbus::Result<()>;
    }

    /// Sends the notification; when the server has actions, waits in the background
    /// for one (or for the notification to close) and hands it to `on_action`.
    pub async fn show(
        summary: &str,
        body: &str,
        urgent: bool,
        on_action: impl FnOnce(Action) + Send + 'static,
    ) -> Result<(), String> {
        let connection = zbus::Connection::session().await.map_err(|e| format!("no session bus: {e}"))?;
        let proxy = NotificationsProxy::new(&connection).await.map_err(|e| e.to_string())?;
        let capabilities = proxy.get_capabilities().await.map_err(|e| e.to_string())?;
        let actions_supported = capabilities.iter().any(|c| c == "actions");
        // A server that reads markup would read a `<` or `&` in a display name as markup.
        let body = if capabilities.iter().any(|c| c == "body-markup") {
            body.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
        } else {
            body.to_owned()
        };
        // Subscribe before sending, so an immediate answer is not missed.
        let (mut invoked, mut closed) = if actions_supported {
            let invoked = proxy.receive_action_invoked().await.map_err(|e| e.to_string())?;
            let closed = proxy.receive_notification_closed().await.map_err(|e| e.to_string())?;
            (Some(invoked), Some(closed))
        } else {
            (None, None)
        };
        let open = spotlink_core::msg!("app-notification-open").text();
        let relink = spotlink_core::msg!("app-notification-relink").text();
        let actions: &[&str] =
            if actions_supported { &["default", open.as_str(), "relink", relink.as_str()] } else { &[] };
        let mut hints = HashMap::new();
        // The package's desktop entry: servers show its name and icon.
        hints.insert("desktop-entry", Value::from("spotlink"));
        hints.insert("urgency", Value::U8(if urgent { 2 } else { 1 }));
        let id = proxy
            .notify("SpotLink", 0, "spotlink-app", summary, &body, actions, hints, -1)
            .await
            .map_err(|e| e.to_string())?;
        if let (Some(invoked), Some(closed)) = (invoked.take(), closed.take()) {
            tauri::async_runtime::spawn(async move {
                let _keep = connection;
                let mut invoked = invoked.filter(|s| std::future::ready(s.args().is_ok_and(|a| a.id == id)));
                let mut closed = closed.filter(|s| std::future::ready(s.args().is_ok_and(|a| a.id == id)));
                tokio::select! {
                    Some(signal) = invoked.next() => {
                        let key = signal.args().map(|a| a.action_key).unwrap_or_default();
                        tracing::info!(action = %key, "notification action");
                        on_action(if key == "relink" { Action::Relink } else { Action::Open });
                    }
                    _ = closed.next() => {}
                }
            });
        }
        Ok(())
    }
}
