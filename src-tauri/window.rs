//! The window's life. It is created at start-up (unless SpotLink was started for the
//! tray, as at login), and closing it either quits or keeps SpotLink in the tray
//! ([`spotlink_core::background::on_close`]). Kept in the tray, the window is destroyed,
//! not hidden: its web view and the web content process behind it end, so a SpotLink
//! that only waits in the tray holds little memory. Opening it again builds a new one.

use spotlink_core::background::{self, CloseAction};
use tauri::async_runtime::spawn;
use tauri::{AppHandle, Manager, RunEvent, WebviewWindowBuilder, Window, WindowEvent};

use crate::desktop_font;
use crate::state::shell;

/// The window's label in `tauri.conf.json`.
pub const MAIN: &str = "main";

/// Builds the window from its configuration (`create: false` there, so nothing is
/// built before the shell's state exists), with the desktop's interface font.
pub fn create(app: &AppHandle) -> tauri::Result<()> {
    let font_script = desktop_font::desktop_family().and_then(|family| desktop_font::script(&family));
    for config in app.config().app.windows.iter().filter(|w| w.label == MAIN) {
        let mut window = WebviewWindowBuilder::from_config(app, config)?;
        if let Some(script) = &font_script {
            window = window.initialization_script(script);
        }
        window.build()?;
    }
    Ok(())
}

/// Whether this system has no web view runtime for the window: Windows without the
/// WebView2 Runtime. Tauri's release builds then show the user a dialog naming it and
/// where to get it as the window fails; SpotLink keeps running in the tray.
pub fn web_view_runtime_missing() -> bool {
    tauri::webview_version().is_err()
}

/// Brings the window forward, building it if it was closed to the tray. Callable from
/// any thread (a second instance's hand-off arrives on the bus's thread, a
/// notification's action on the runtime's): the window is built on the main thread,
/// where GTK must be used.
pub fn open(app: &AppHandle) {
    shell(app).update(|inner| inner.in_tray = false);
    let handle = app.clone();
    if let Err(e) = app.run_on_main_thread(move || show_or_create(&handle)) {
        tracing::error!(error = %e, "could not open the window");
    }
}

/// Opens the window on its Activity view: a notification's "Show activity", the tray's
/// "Activity…". The view says so (`AppView.show_activity`) until the window asks for the
/// record, so a window built anew shows it from its first view and an open one turns to it.
pub fn show_activity(app: &AppHandle) {
    shell(app).update(|inner| inner.model.show_activity = true);
    open(app);
}

fn show_or_create(app: &AppHandle) {
    match app.get_webview_window(MAIN) {
        Some(window) => {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
        None => match create(app) {
            Ok(()) => tracing::info!("window opened"),
            Err(e) if web_view_runtime_missing() => {
                shell(app).update(|inner| inner.in_tray = true);
                tracing::warn!(error = %e, "no web view runtime: SpotLink stays in the tray");
            }
            Err(e) => tracing::error!(error = %e, "could not open the window"),
        },
    }
}

/// Closes the window and keeps running in the tray.
pub fn close_to_tray(app: &AppHandle) {
    shell(app).update(|inner| {
        inner.in_tray = true;
        inner.model.close_prompt = false;
    });
    if let Some(window) = app.get_webview_window(MAIN) {
        if let Err(e) = window.destroy() {
            tracing::warn!(error = %e, "could not close the window");
        }
    }
    tracing::info!("window closed; running in the tray");
    crate::trim::after_window_closed(app);
}

/// Quits SpotLink.
pub fn quit(app: &AppHandle) {
    tracing::info!("quitting");
    app.exit(0);
}

/// The window's close button (or the window manager's close): quit, keep in the tray,
/// or ask once. Decided off the event loop, as it asks the session bus whether a tray
/// is shown.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if window.label() != MAIN {
        return;
    }
    if let WindowEvent::CloseRequested { api, .. } = event {
        api.prevent_close();
        let app = window.app_handle().clone();
        spawn(async move {
            let tray = crate::tray_host::shown().await;
            let choice = shell(&app).engine().config().keep_in_tray;
            match background::on_close(tray, choice) {
                CloseAction::Quit => quit(&app),
                CloseAction::KeepInTray => close_to_tray(&app),
                CloseAction::Ask => {
                    tracing::info!("asking whether to keep SpotLink in the tray");
                    shell(&app).update(|inner| inner.model.close_prompt = true);
                    // The question is in the window: bring it forward (it may be minimised).
                    open(&app);
                }
            }
        });
    }
}

/// Keeps the app alive when its last window closed to the tray; any other exit proceeds,
/// after clearing a copied token from the clipboard ([`crate::clipboard::clear_on_quit`]).
pub fn on_run_event(app: &AppHandle, event: &RunEvent) {
    if let RunEvent::ExitRequested { code, api, .. } = event {
        let in_tray = app.try_state::<crate::state::Shell>().is_some_and(|s| s.read(|inner| inner.in_tray));
        if code.is_none() && in_tray {
            api.prevent_exit();
            return;
        }
        // Before RunEvent::Exit: the clipboard plugin lets go of the clipboard there.
        crate::clipboard::clear_on_quit(app);
    }
}
