//! The tray icon: the link's health at a glance, and a menu with the account, when the
//! link ends, "Copy token", "Open SpotLink", "Relink…" when it is due, and "Quit".
//! What it says comes from `spotlink_core::background::tray_state`; it is redrawn when
//! that changes, after any change to the shell's state, and at the moments the text
//! changes by itself (a day less left, the health turning), with one sleeping task.
//!
//! On Linux the icon is a StatusNotifierItem (libayatana-appindicator), its menu is
//! exported over `com.canonical.dbusmenu`, and clicking the icon shows the menu (the
//! protocol has no separate left click there). Elsewhere a left click opens the window.

use std::time::Duration;

use spotlink_core::background::{self, TrayIcon, TrayState};
use tauri::async_runtime::spawn;
use tauri::image::Image;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Wry};
use time::{OffsetDateTime, UtcOffset};

use crate::state::{shell, Inner};

/// The tray icon's id.
const ID: &str = "main";

/// Menu item ids.
const COPY: &str = "copy-token";
const OPEN: &str = "open";
const RELINK: &str = "relink";
const QUIT: &str = "quit";

/// Adds the tray icon; called once at start-up, on the main thread.
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let state = shell(app).read(current);
    TrayIconBuilder::with_id(ID)
        .icon(image(state.icon))
        .menu(&menu(app, &state)?)
        .tooltip(&state.tooltip)
        .show_menu_on_left_click(false)
        .on_menu_event(on_menu_event)
        .on_tray_icon_event(|tray, event| {
            if let tauri::tray::TrayIconEvent::Click {
                button: tauri::tray::MouseButton::Left,
                button_state: tauri::tray::MouseButtonState::Up,
                ..
            } = event
            {
                crate::window::open(tray.app_handle());
            }
        })
        .build(app)?;
    let handle = app.clone();
    shell(app).update(move |inner| {
        inner.tray_shown = Some(state);
        rearm(&handle, inner);
    });
    Ok(())
}

/// Follows the model after a change: redraws the tray when what it shows changed, and
/// sleeps until it next changes by itself. Cheap when nothing changed. Never blocks:
/// the redraw runs on the main thread, after the caller let go of the state.
pub fn follow(app: &AppHandle, inner: &mut Inner) {
    // Not created yet (start-up), or never: nothing to follow.
    let Some(shown) = &inner.tray_shown else { return };
    let state = current(inner);
    if &state == shown {
        return;
    }
    inner.tray_shown = Some(state.clone());
    let handle = app.clone();
    let redraw = app.run_on_main_thread(move || {
        if let Err(e) = redraw(&handle, &state) {
            tracing::warn!(error = %e, "could not update the tray icon");
        }
    });
    if let Err(e) = redraw {
        tracing::warn!(error = %e, "could not update the tray icon");
    }
    rearm(app, inner);
}

/// Sleeps until the tray's text next changes by itself, from the wall clock now (after
/// a wake-up the sleep timer, which counts time awake, would be late).
pub fn rearm(app: &AppHandle, inner: &mut Inner) {
    inner.tasks.tray.stop();
    if inner.tray_shown.is_none() {
        return;
    }
    if let Some(at) = background::tray_next_change(inner.model.link.as_ref(), OffsetDateTime::now_utc()) {
        let app = app.clone();
        inner.tasks.tray.set(spawn(async move {
            let wait = Duration::try_from(at - OffsetDateTime::now_utc()).unwrap_or(Duration::ZERO);
            tokio::time::sleep(wait).await;
            // A fresh task does the update, so replacing this slot cannot abort it.
            spawn(async move { shell(&app).update(|_| {}) });
        }));
    }
}

/// Whether a tray icon is shown to the user. On Linux only when a StatusNotifierItem
/// host (a panel's tray) is registered with the session's StatusNotifierWatcher;
/// libayatana-appindicator also falls back to the old XEmbed tray, but SpotLink does
/// not count on it (most desktops no longer show one). Elsewhere the OS always has one.
pub async fn shown() -> bool {
    #[cfg(target_os = "linux")]
    {
        match tokio::time::timeout(Duration::from_secs(2), linux::host_registered()).await {
            Ok(Ok(registered)) => registered,
            Ok(Err(e)) => {
                tracing::debug!(error = %e, "no StatusNotifierWatcher");
                false
            }
            Err(_) => {
                tracing::warn!("the session bus did not say whether a tray is shown");
                false
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    true
}

/// What the tray should show now.
fn current(inner: &Inner) -> TrayState {
    let now = OffsetDateTime::now_utc();
    background::tray_state(inner.model.link.as_ref(), now, local_offset(now))
}

/// The user's UTC offset at `at` (the time crate cannot read it safely in a threaded program).
fn local_offset(at: OffsetDateTime) -> UtcOffset {
    chrono::DateTime::from_timestamp(at.unix_timestamp(), 0)
        .map(|t| t.with_timezone(&chrono::Local).offset().local_minus_utc())
        .and_then(|secs| UtcOffset::from_whole_seconds(secs).ok())
        .unwrap_or(UtcOffset::UTC)
}

fn image(icon: TrayIcon) -> Image<'static> {
    match icon {
        TrayIcon::Ok => tauri::include_image!("icons/tray/ok.png"),
        TrayIcon::RenewSoon => tauri::include_image!("icons/tray/renew-soon.png"),
        TrayIcon::Relink => tauri::include_image!("icons/tray/relink.png"),
        TrayIcon::Unlinked => tauri::include_image!("icons/tray/unlinked.png"),
    }
}

/// Menu text shown as it is: `&` marks a mnemonic in menu labels (`&&` is a literal
/// one), and a display name may contain it.
fn literal(text: &str) -> String {
    text.replace('&', "&&")
}

fn menu(app: &AppHandle, state: &TrayState) -> tauri::Result<Menu<Wry>> {
    let info = |id: &str, text: &str| MenuItemBuilder::with_id(id, literal(text)).enabled(false).build(app);
    let mut menu = MenuBuilder::new(app);
    if let Some(account) = &state.account {
        menu = menu.item(&info("account", account)?);
    }
    menu = menu
        .item(&info("expiry", &state.expiry)?)
        .separator()
        .item(&MenuItemBuilder::with_id(COPY, "Copy token").enabled(state.can_copy).build(app)?)
        .item(&MenuItemBuilder::with_id(OPEN, "Open SpotLink").build(app)?);
    if state.offer_relink {
        menu = menu.item(&MenuItemBuilder::with_id(RELINK, "Relink…").build(app)?);
    }
    menu.separator().item(&MenuItemBuilder::with_id(QUIT, "Quit SpotLink").build(app)?).build()
}

/// Runs on the main thread.
fn redraw(app: &AppHandle, state: &TrayState) -> tauri::Result<()> {
    let Some(tray) = app.tray_by_id(ID) else { return Ok(()) };
    tray.set_icon(Some(image(state.icon)))?;
    tray.set_menu(Some(menu(app, state)?))?;
    tray.set_tooltip(Some(&state.tooltip))?;
    tracing::debug!(icon = ?state.icon, "tray updated");
    Ok(())
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    match event.id().as_ref() {
        COPY => {
            let app = app.clone();
            spawn(async move {
                // The window's own path: a token with at least a minute left, auto-clear honoured.
                let _ = crate::commands::token::copy_token(app.clone()).await;
                // Without a window the outcome would go unseen: a failure opens it.
                if shell(&app).read(|inner| inner.model.error.is_some()) {
                    crate::window::open(&app);
                }
            });
        }
        OPEN => crate::window::open(app),
        RELINK => crate::signin::relink_from_outside(app),
        QUIT => crate::window::quit(app),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_shown_as_they_are() {
        assert_eq!(super::literal("Tom & Jerry"), "Tom && Jerry");
        assert_eq!(super::literal("Emu_Listener"), "Emu_Listener", "underscores are escaped by the menu library");
    }
}

#[cfg(target_os = "linux")]
mod linux {
    //! The StatusNotifierItem protocol's watcher (`org.kde.StatusNotifierWatcher`),
    //! which knows whether a host (a panel that draws items) is around.

    #[zbus::proxy(
        interface = "org.kde.StatusNotifierWatcher",
        default_service = "org.kde.StatusNotifierWatcher",
        default_path = "/StatusNotifierWatcher"
    )]
    trait StatusNotifierWatcher {
        #[zbus(property)]
        fn is_status_notifier_host_registered(&self) -> zbus::Result<bool>;
    }

    /// Whether a watcher runs and has a host registered (asked without activating one).
    pub async fn host_registered() -> zbus::Result<bool> {
        let connection = zbus::Connection::session().await?;
        let bus = zbus::fdo::DBusProxy::new(&connection).await?;
        let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher")?;
        if !bus.name_has_owner(name).await? {
            return Ok(false);
        }
        let watcher = StatusNotifierWatcherProxy::builder(&connection)
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .await?;
        watcher.is_status_notifier_host_registered().await
    }
}
