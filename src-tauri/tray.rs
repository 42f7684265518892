//! The tray icon: the active link's health at a glance, and a menu with the account,
//! when the link ends, "Copy token", "Open SpotLink", "Activity…", "Relink…" when it is due, with
//! several accounts each of them (choosing one makes it active) and "Copy token of …"
//! for the others, and "Quit". What it says comes from
//! `spotlink_core::background::tray_state`; one task follows the shell's links
//! ([`crate::state::Shell::links`]) and redraws it when that changes, and at the moments
//! the text changes by itself (a day less left, the health turning).
//!
//! On Linux the icon is a StatusNotifierItem (libayatana-appindicator), its menu is
//! exported over `com.canonical.dbusmenu`, and clicking the icon shows the menu (the
//! protocol has no separate left click there). Elsewhere a left click opens the window.

use spotlink_core::engine::Taker;
use std::time::Duration;

use spotlink_core::background::{self, TrayIcon, TrayState};
use tauri::async_runtime::spawn;
use tauri::image::Image;
use tauri::menu::{CheckMenuItemBuilder, Menu, MenuBuilder, MenuEvent, MenuItemBuilder};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Wry};
use time::OffsetDateTime;

use tokio::sync::watch;

use crate::state::{shell, Links};
use crate::view;
use spotlink_core::msg;

/// The tray icon's id.
const ID: &str = "main";

/// Menu item ids.
const COPY: &str = "copy-token";
const OPEN: &str = "open";
const ACTIVITY: &str = "activity";
const RELINK: &str = "relink";
const QUIT: &str = "quit";
/// Prefixes of the per-account items: switch to, copy the token of (then the account id).
const SWITCH: &str = "account:";
const COPY_OF: &str = "copy-token:";

/// Adds the tray icon and its follower; called once at start-up, on the main thread.
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let links = shell(app).links();
    let state = current(&links.borrow());
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
    spawn(follow(app.clone(), links, state));
    Ok(())
}

/// Follows the links for as long as the app runs: redraws the tray when what it shows
/// changed, and sleeps until its text next changes by itself (a day less left, a health
/// turning), from the wall clock at each wake (after a suspend the sleep timer, which
/// counts time awake, would be late; a wake-up also publishes a recheck). The redraw
/// runs on the main thread.
async fn follow(app: AppHandle, mut links: watch::Receiver<Links>, mut shown: TrayState) {
    loop {
        let next = {
            let links = links.borrow_and_update();
            let state = current(&links);
            if state != shown {
                shown = state.clone();
                redraw_on_main_thread(&app, state);
            }
            background::tray_next_change(links.all(), OffsetDateTime::now_utc())
        };
        let wait = next.map(|at| Duration::try_from(at - OffsetDateTime::now_utc()).unwrap_or(Duration::ZERO));
        tokio::select! {
            changed = links.changed() => if changed.is_err() { return },
            () = tokio::time::sleep(wait.unwrap_or(Duration::MAX)), if wait.is_some() => {}
        }
    }
}

/// What the tray should show now.
fn current(links: &Links) -> TrayState {
    let now = OffsetDateTime::now_utc();
    background::tray_state(links.active.as_ref(), &links.others, now, view::local_offset(now))
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
        .item(&MenuItemBuilder::with_id(COPY, msg!("app-tray-copy-token").text()).enabled(state.can_copy).build(app)?)
        .item(&MenuItemBuilder::with_id(OPEN, msg!("app-tray-open").text()).build(app)?)
        .item(&MenuItemBuilder::with_id(ACTIVITY, msg!("app-tray-activity").text()).build(app)?);
    if state.offer_relink {
        menu = menu.item(&MenuItemBuilder::with_id(RELINK, msg!("app-tray-relink").text()).build(app)?);
    }
    if !state.accounts.is_empty() {
        // Several accounts: each one, the active one checked (choosing another makes it
        // active), then "Copy token of …" for each other account.
        menu = menu.separator().item(&info("accounts", &msg!("app-tray-accounts").text())?);
        for account in &state.accounts {
            let item = CheckMenuItemBuilder::with_id(format!("{SWITCH}{}", account.id), literal(&account.label))
                .checked(account.active)
                .build(app)?;
            menu = menu.item(&item);
        }
        for account in state.accounts.iter().filter(|a| !a.active) {
            let text = literal(&msg!("app-tray-copy-token-of", name = &account.name).text());
            menu = menu.item(
                &MenuItemBuilder::with_id(format!("{COPY_OF}{}", account.id), text)
                    .enabled(account.can_copy)
                    .build(app)?,
            );
        }
    }
    menu.separator().item(&MenuItemBuilder::with_id(QUIT, msg!("app-tray-quit").text()).build(app)?).build()
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
    let id = event.id().as_ref();
    match id {
        COPY => copy(app, None),
        OPEN => crate::window::open(app),
        ACTIVITY => crate::window::show_activity(app),
        RELINK => crate::signin::relink_from_outside(app, None),
        QUIT => crate::window::quit(app),
        _ => {
            if let Some(account) = id.strip_prefix(COPY_OF) {
                copy(app, Some(account.to_owned()));
            } else if let Some(account) = id.strip_prefix(SWITCH) {
                let active = shell(app).links().borrow().active.as_ref().map(|l| l.record.account.id.clone());
                if active.as_deref() == Some(account) {
                    // Already active: only the check mark the click took away comes back.
                    return redraw_now(app);
                }
                let (app, account) = (app.clone(), account.to_owned());
                spawn(async move {
                    let _ = crate::commands::accounts::switch_account(app.clone(), account).await;
                    // A check item checks itself when clicked: redraw from the state.
                    redraw_now(&app);
                    open_on_error(&app);
                });
            }
        }
    }
}

/// Copies the token of `account` (the active one: `None`) by the window's own path: a
/// token with at least a minute left, auto-clear honoured.
fn copy(app: &AppHandle, account: Option<String>) {
    let app = app.clone();
    spawn(async move {
        let _ = crate::commands::token::copy_account_token(app.clone(), account, Taker::Tray).await;
        open_on_error(&app);
    });
}

/// Without a window the outcome would go unseen: a failure opens it.
fn open_on_error(app: &AppHandle) {
    if shell(app).read(|inner| inner.model.error.is_some()) {
        crate::window::open(app);
    }
}

/// Redraws the menu from the current links (after a click the panel may show a state
/// the app did not choose, such as a check mark on an item that did nothing).
fn redraw_now(app: &AppHandle) {
    let state = current(&shell(app).links().borrow());
    redraw_on_main_thread(app, state);
}

/// Redraws the tray as `state` says, on the main thread (where the menu lives).
fn redraw_on_main_thread(app: &AppHandle, state: TrayState) {
    let handle = app.clone();
    let redrawn = app.run_on_main_thread(move || {
        if let Err(e) = redraw(&handle, &state) {
            tracing::warn!(error = %e, "could not update the tray icon");
        }
    });
    if let Err(e) = redrawn {
        tracing::warn!(error = %e, "could not update the tray icon");
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
