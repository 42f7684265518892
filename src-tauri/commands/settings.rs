//! `save_client_id`, `edit_client_id`, `set_redirect_mode`, `set_clipboard_clear`,
//! `set_notifications`, `set_alerts`, `set_keep_in_tray`, `answer_close`, `set_autostart`,
//! `set_language`, `copy_redirect_uri`: the settings, kept in the config file (the login item is its
//! own record). An engine's config is fixed, so each change rebuilds the engine from
//! the file and the environment.

use spotlink_core::authorize::RedirectUri;
use spotlink_core::config::{read_file_config, write_file_config, ClientId, FileConfig, RedirectMode};
use spotlink_core::i18n::Language;
use spotlink_core::{msg, Engine, Error};
use tauri::AppHandle;

use super::Reply;
use crate::clipboard;
use crate::error::ErrorView;
use crate::state::{shell, Shell};
use crate::view::{Busy, Notice};

/// Accepted auto-clear delays, in seconds.
const CLEAR_RANGE: std::ops::RangeInclusive<u32> = 5..=3600;

/// Validates and saves the client ID, and leaves the setup screen.
#[tauri::command]
pub fn save_client_id(app: AppHandle, client_id: String) -> Reply {
    let shell = shell(&app);
    let engine = shell.engine();
    let id = ClientId::parse(&client_id, &engine.config().accounts_url)
        .map_err(|message| ErrorView::invalid_input(msg!("app-error-client-id-title"), message.text()))?;
    if engine.config().client_id.as_ref() == Some(&id) {
        // "Keep the current ID": nothing to write.
        shell.update(|inner| inner.model.editing_client_id = false);
        return Ok(shell.view());
    }
    let saved = save(&app, |file| file.client_id = Some(id.to_string()));
    shell.update(|inner| match saved {
        Ok(effective) => {
            inner.model.editing_client_id = false;
            inner.model.error = None;
            inner.model.notice = Some(match effective {
                Some(other) if other != id => {
                    Notice::warning(msg!("app-notice-client-id-overridden", other = other.to_string()).text())
                }
                _ => Notice::success(msg!("app-notice-client-id-saved").text()),
            });
        }
        Err(e) => inner.model.error = Some(e),
    });
    Ok(shell.view())
}

/// Shows the setup screen to change the client ID (saving, even the same ID, leaves it).
#[tauri::command]
pub fn edit_client_id(app: AppHandle) -> Reply {
    let shell = shell(&app);
    shell.update(|inner| {
        inner.model.editing_client_id = true;
        inner.model.error = None;
        inner.model.notice = None;
    });
    Ok(shell.view())
}

/// How the browser hands the sign-in back: deep link or loopback.
#[tauri::command]
pub fn set_redirect_mode(app: AppHandle, mode: RedirectMode) -> Reply {
    let saved = save(&app, |file| file.redirect = Some(mode));
    report(&app, saved)
}

/// Clears a copied token from the clipboard after `secs` (null or 0: never).
#[tauri::command]
pub fn set_clipboard_clear(app: AppHandle, secs: Option<u32>) -> Reply {
    let secs = secs.filter(|s| *s != 0);
    if let Some(s) = secs {
        if !CLEAR_RANGE.contains(&s) {
            let range = msg!("app-error-delay", min = *CLEAR_RANGE.start(), max = CLEAR_RANGE.end() / 60);
            return Err(ErrorView::invalid_input(msg!("app-error-delay-title"), range.text()));
        }
    }
    let saved = save(&app, |file| file.clipboard_clear_secs = secs);
    report(&app, saved)
}

/// Turns the reminders before the link ends (desktop notifications) on or off.
#[tauri::command]
pub fn set_notifications(app: AppHandle, enabled: bool) -> Reply {
    let saved = save(&app, |file| file.notifications = Some(enabled));
    report(&app, saved)
}

/// Turns the notifications about unusual activity (a new program taking a token, many
/// tokens in a minute, refreshes failing for an hour) on or off.
#[tauri::command]
pub fn set_alerts(app: AppHandle, enabled: bool) -> Reply {
    let saved = save(&app, |file| file.alerts = Some(enabled));
    report(&app, saved)
}

/// Whether closing the window keeps SpotLink running in the tray.
#[tauri::command]
pub fn set_keep_in_tray(app: AppHandle, enabled: bool) -> Reply {
    let saved = save(&app, |file| file.keep_in_tray = Some(enabled));
    report(&app, saved)
}

/// The answer to "keep SpotLink in the tray?", asked at the first close with a tray
/// shown: `Some(choice)` is remembered and carried out (close to the tray, or quit);
/// `None` keeps the window open and asks again next time.
#[tauri::command]
pub fn answer_close(app: AppHandle, keep_in_tray: Option<bool>) -> Reply {
    let shell = shell(&app);
    let Some(keep) = keep_in_tray else {
        shell.update(|inner| inner.model.close_prompt = false);
        return Ok(shell.view());
    };
    let saved = save(&app, |file| file.keep_in_tray = Some(keep));
    if let Err(e) = saved {
        // Not remembered: stay open and say why, rather than vanish with the error.
        shell.update(|inner| {
            inner.model.close_prompt = false;
            inner.model.error = Some(e);
        });
        return Ok(shell.view());
    }
    if keep {
        crate::window::close_to_tray(&app);
    } else {
        crate::window::quit(&app);
    }
    Ok(shell.view())
}

/// The app's language: a catalogue's tag (`ru`), or null to follow the desktop's. The
/// app speaks it at once; the window sees `language.current` change in the view and
/// loads its catalogue again.
#[tauri::command]
pub fn set_language(app: AppHandle, language: Option<String>) -> Reply {
    let chosen = match language.as_deref() {
        None => None,
        Some(tag) => Some(Language::from_tag(tag).ok_or_else(|| {
            ErrorView::invalid_input(msg!("app-error-language-title"), msg!("app-error-language", tag = tag).text())
        })?),
    };
    let saved = save(&app, |file| file.language = chosen.as_ref().map(|l| l.tag().to_owned()));
    // The engine is rebuilt from the file, so the language follows what was saved; the
    // tray and the reminders word themselves again.
    let shell = shell(&app);
    crate::language::apply(shell.engine().config());
    shell.recheck_followers();
    report(&app, saved)
}

/// Starts SpotLink at login, in the tray (or stops doing so).
#[tauri::command]
pub fn set_autostart(app: AppHandle, enabled: bool) -> Reply {
    let result = crate::autostart::set(&app, enabled);
    let now = crate::autostart::enabled(&app);
    let shell = shell(&app);
    shell.update(|inner| {
        inner.model.autostart = now;
        match result {
            Ok(()) => inner.model.error = None,
            Err(e) => inner.model.error = Some(e),
        }
    });
    Ok(shell.view())
}

/// Copies a redirect URI, as it must be registered in the developer dashboard.
#[tauri::command]
pub async fn copy_redirect_uri(app: AppHandle, which: RedirectMode) -> Reply {
    let uri = match which {
        RedirectMode::DeepLink => RedirectUri::DEEP_LINK,
        RedirectMode::Loopback => RedirectUri::LOOPBACK_REGISTERED,
    };
    let copied = clipboard::copy_text(&app, uri.to_owned()).await;
    let shell = shell(&app);
    shell.update(|inner| match copied {
        Ok(()) => inner.model.notice = Some(Notice::success(msg!("app-notice-redirect-copied", uri = uri).text())),
        Err(e) => inner.model.error = Some(e),
    });
    Ok(shell.view())
}

/// Changes the config file and switches to an engine built from it. Returns the
/// client ID now in effect (the environment overrides the file).
fn save(app: &AppHandle, change: impl FnOnce(&mut FileConfig)) -> Result<Option<ClientId>, ErrorView> {
    let shell = shell(app);
    shell.update(|inner| inner.model.busy = Some(Busy::Saving));
    let saved = write_and_reload(&shell, change);
    shell.update(|inner| {
        if inner.model.busy == Some(Busy::Saving) {
            inner.model.busy = None;
        }
    });
    saved
}

fn write_and_reload(shell: &Shell, change: impl FnOnce(&mut FileConfig)) -> Result<Option<ClientId>, ErrorView> {
    let path = shell.engine().config().file.clone();
    let mut file = read_file_config(&path).map_err(|e| ErrorView::from(Error::from(e)))?;
    change(&mut file);
    write_file_config(&path, &file).map_err(|e| ErrorView::from(Error::from(e)))?;
    let engine = Engine::from_environment().map_err(ErrorView::from)?;
    tracing::info!(file = %path.display(), "settings saved");
    let effective = engine.config().client_id.clone();
    shell.set_engine(engine);
    Ok(effective)
}

fn report(app: &AppHandle, saved: Result<Option<ClientId>, ErrorView>) -> Reply {
    let shell = shell(app);
    shell.update(|inner| match saved {
        Ok(_) => inner.model.error = None,
        Err(e) => inner.model.error = Some(e),
    });
    Ok(shell.view())
}
