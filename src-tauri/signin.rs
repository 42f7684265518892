//! The sign-in in progress: starting it, the redirect coming back (deep link or
//! loopback), its expiry and cancellation. The checks themselves (state, expiry,
//! replay, PKCE) are the engine's; this module routes callbacks to it and turns the
//! outcome into view changes.

use std::time::Duration;

use spotlink_core::authorize::{PendingAuthorization, RedirectUri, PENDING_TTL};
use spotlink_core::callback::{self, CallbackError, Completed, PendingFlow};
use spotlink_core::config::RedirectMode;
use spotlink_core::loopback::{LoopbackError, LoopbackServer};
use spotlink_core::scopes::ScopeSet;
use spotlink_core::{Engine, Error};
use tauri::async_runtime::spawn;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;
use time::OffsetDateTime;

use crate::error::ErrorView;
use crate::state::{shell, Inner};
use crate::view::{account_name, Busy, Notice, PendingSummary};
use crate::{profile, scheduler};
use spotlink_core::msg;

/// Shown for any callback that does not belong to the sign-in in progress.
fn ignored_link() -> String {
    msg!("app-notice-ignored-link").text()
}

/// Shown for a callback of a sign-in that already finished.
fn replayed_link() -> String {
    msg!("app-notice-replayed-link").text()
}

/// The loopback listener outlives the pending flow a little, so the expiry timer
/// (which reports the timeout) always fires first.
const LOOPBACK_SLACK: Duration = Duration::from_secs(5);

/// What a sign-in is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The first link.
    Link,
    /// A new link for an account (other scopes, or its six months over), with Spotify's
    /// consent page, where the user may also choose another account.
    Relink,
    /// Another account beside the linked ones, with Spotify's consent page.
    AddAccount,
}

/// Where the browser runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// On this computer: SpotLink opens it, and the answer comes back by itself.
    Here,
    /// On another device: the user opens the address there and pastes back the address
    /// the browser ended on (a loopback address, which that device cannot load).
    Elsewhere,
}

/// Starts a sign-in: a new pending flow, the browser opened on Spotify's page.
/// A sign-in already in progress is abandoned.
/// Only an unknown scope is refused as input; other failures are shown in the view.
pub async fn start(app: &AppHandle, requested: Vec<String>, purpose: Purpose) -> Result<(), ErrorView> {
    start_in(app, requested, purpose, Browser::Here).await
}

/// [`start`], with the browser `where`.
pub async fn start_in(
    app: &AppHandle,
    requested: Vec<String>,
    purpose: Purpose,
    browser: Browser,
) -> Result<(), ErrorView> {
    let scopes = ScopeSet::try_from_names(&requested)
        .map_err(|e| ErrorView::invalid_input(msg!("app-error-unknown-permission"), e.message().text()))?;
    if let Err(e) = begin_and_open(app, scopes, purpose, browser).await {
        tracing::warn!(error = %e.message, "could not start the sign-in");
        shell(app).update(|inner| {
            inner.model.error = Some(e);
            inner.model.notice = None;
        });
    }
    Ok(())
}

/// Relinks from outside the window (a notification, the tray): the window comes
/// forward and the sign-in starts with the requested scopes of `account`'s link (the
/// active one: `None`; the default ones without a link) and Spotify's consent page.
pub fn relink_from_outside(app: &AppHandle, account: Option<&str>) {
    crate::window::open(app);
    let app = app.clone();
    let scopes = shell(&app).read(|inner| {
        let model = &inner.model;
        let others = model.others.iter().filter_map(|o| o.link.as_ref());
        let link = match account {
            Some(id) => model.link.iter().chain(others).find(|l| l.record.account.id == id),
            None => model.link.as_ref(),
        };
        link.map(|l| l.requested.to_vec()).filter(|s| !s.is_empty()).unwrap_or_default()
    });
    tauri::async_runtime::spawn(async move {
        if let Err(e) = start(&app, scopes, Purpose::Relink).await {
            tracing::warn!(error = %e.message, "could not start the relink");
        }
    });
}

async fn begin_and_open(
    app: &AppHandle,
    scopes: ScopeSet,
    purpose: Purpose,
    browser: Browser,
) -> Result<(), ErrorView> {
    let shell = shell(app);
    let engine = shell.engine();
    let link_client = shell.read(|inner| inner.model.link.as_ref().map(|l| l.record.client_id.clone()));
    let relink = purpose != Purpose::Link;

    // The loopback listener comes first: its port is part of the redirect URI. A browser
    // elsewhere ends on a loopback address too, which the user can copy from its address
    // bar (a `spotlink://` redirect leaves that device's browser on Spotify's page); the
    // listener still answers if the user opens the page here after all.
    let loopback = browser == Browser::Elsewhere || engine.config().redirect == RedirectMode::Loopback;
    let listener = match loopback {
        false => None,
        true => match LoopbackServer::bind(engine.config().loopback_port).await {
            Ok(listener) => Some(listener),
            Err(e) => return Err(ErrorView::from(Error::from(e))),
        },
    };
    let redirect = listener.as_ref().map_or_else(RedirectUri::deep_link, |l| l.redirect_uri().clone());
    let pending =
        engine.begin_link(scopes.clone(), redirect, relink, link_client.as_deref()).map_err(ErrorView::from)?;
    let url = pending.authorize_url().to_string();
    tracing::info!(relink, scopes = %scopes, loopback = listener.is_some(), "sign-in started");
    match listener {
        // Kept in the keychain so an answer that cold-starts the app can still complete
        // it; a loopback listener cannot outlive this process, so that flow is not kept.
        None => remember(&engine, &pending).await,
        Some(_) => forget_remembered(app),
    }
    shell.update(|inner| {
        install(app, inner, pending, listener, purpose, browser);
        let model = &mut inner.model;
        model.last_requested = Some(scopes);
        model.editing_client_id = false;
        model.error = None;
        model.notice = None;
    });
    if browser == Browser::Here {
        open_in_browser(app, &url);
    }
    Ok(())
}

/// Continues a deep-link sign-in that an earlier run of the app started (the engine
/// kept it in the keychain), so its answer can complete it here.
pub async fn resume(app: &AppHandle, pending: PendingAuthorization) {
    if !pending.redirect_uri.is_deep_link() {
        return;
    }
    tracing::info!("continuing the sign-in started before SpotLink was closed");
    // Taking it removed it from the keychain; keep it there until it ends.
    remember(&shell(app).engine(), &pending).await;
    shell(app).update(|inner| {
        inner.model.last_requested = Some(pending.scopes.clone());
        let purpose = if pending.show_dialog { Purpose::Relink } else { Purpose::Link };
        install(app, inner, pending, None, purpose, Browser::Here);
    });
}

/// Makes `pending` the sign-in in progress (abandoning any other), with its expiry
/// timer and, for a loopback redirect, its listener.
fn install(
    app: &AppHandle,
    inner: &mut Inner,
    pending: PendingAuthorization,
    listener: Option<LoopbackServer>,
    purpose: Purpose,
    browser: Browser,
) {
    abandon(inner);
    inner.flow_id += 1;
    let flow_id = inner.flow_id;
    let summary = PendingSummary {
        authorize_url: pending.authorize_url().to_string(),
        started_at: pending.started_at,
        expires_at: pending.expires_at(),
        scopes: pending.scopes.clone(),
        relink: pending.show_dialog,
        add_account: purpose == Purpose::AddAccount,
        remote: browser == Browser::Elsewhere,
        redirect: pending.redirect_uri.clone(),
    };
    match listener {
        None => {
            inner.flow.begin(pending);
        }
        Some(listener) => inner.tasks.loopback.set(spawn(listen(app.clone(), listener, pending, flow_id))),
    }
    let wait = Duration::try_from(summary.expires_at - OffsetDateTime::now_utc()).unwrap_or_default();
    let timer_app = app.clone();
    inner.tasks.pending_expiry.set(spawn(async move {
        tokio::time::sleep(wait).await;
        expire(&timer_app, flow_id);
    }));
    inner.model.pending = Some(summary);
}

async fn remember(engine: &Engine, pending: &PendingAuthorization) {
    if let Err(e) = engine.remember_pending(pending).await {
        // The sign-in still works while SpotLink stays open.
        tracing::warn!(error = %e, "could not keep the sign-in in the keychain");
    }
}

/// Drops the kept sign-in (it was completed, cancelled, declined or expired).
fn forget_remembered(app: &AppHandle) {
    let engine = shell(app).engine();
    spawn(async move {
        if let Err(e) = engine.forget_pending().await {
            tracing::warn!(error = %e, "could not remove the finished sign-in from the keychain");
        }
    });
}

/// Opens `url` in the system browser; if that fails the user can copy the link instead.
pub fn open_in_browser(app: &AppHandle, url: &str) {
    if let Err(e) = app.opener().open_url(url, None::<&str>) {
        tracing::warn!(error = %e, "could not start the browser");
        shell(app).update(|inner| {
            inner.model.notice = Some(Notice::warning(msg!("app-notice-no-browser", detail = e.to_string()).text()));
        });
    }
}

/// Stops the sign-in in progress, whichever way its redirect was to come back.
fn abandon(inner: &mut Inner) {
    inner.flow.cancel();
    inner.tasks.loopback.stop();
    inner.tasks.pending_expiry.stop();
    inner.model.pending = None;
}

/// "Cancel": forgets the pending sign-in; its callback will be refused if it still comes.
pub fn cancel(app: &AppHandle) {
    let cancelled = shell(app).update(|inner| {
        if inner.model.pending.is_none() {
            return false;
        }
        abandon(inner);
        inner.flow_id += 1;
        inner.model.notice = Some(Notice::info(msg!("app-notice-sign-in-cancelled").text()));
        true
    });
    if cancelled {
        forget_remembered(app);
    }
}

/// The pending sign-in ran out of time.
fn expire(app: &AppHandle, flow_id: u64) {
    let expired = shell(app).update(|inner| {
        // Not if another sign-in replaced it, or its answer arrived and is being exchanged.
        if inner.flow_id != flow_id || inner.model.pending.is_none() || inner.model.busy == Some(Busy::Linking) {
            return false;
        }
        tracing::info!("sign-in expired");
        abandon(inner);
        inner.model.error = Some(ErrorView::from(Error::Callback(CallbackError::Expired)));
        true
    });
    if expired {
        forget_remembered(app);
    }
}

/// A `spotlink://` URL from the OS (running instance, second instance or cold start).
pub fn on_deep_link(app: &AppHandle, raw: &str) {
    // The URL carries the authorization code: never log it.
    on_answer(app, callback::parse_deep_link(raw));
}

/// The address a browser on another device ended on, pasted by the user. It must be the
/// pending sign-in's redirect with Spotify's answer; anything else is refused with a
/// sentence and changes nothing. The answer then goes where the browser's would have:
/// to the loopback listener (by a request to it, so it is checked like any other), or
/// for a deep-link sign-in, to the flow.
pub async fn on_pasted(app: &AppHandle, raw: &str) -> Result<(), ErrorView> {
    let Some(redirect) = shell(app).read(|inner| inner.model.pending.as_ref().map(|p| p.redirect.clone())) else {
        return Err(ErrorView::invalid_input(msg!("app-error-no-sign-in-title"), msg!("app-error-no-sign-in").text()));
    };
    let params = callback::parse_pasted(raw, &redirect).map_err(|e| {
        tracing::info!(outcome = %e, "pasted answer not accepted");
        ErrorView::invalid_input(msg!("app-error-not-the-address-title"), pasted_error(&e, &redirect))
    })?;
    if redirect.is_deep_link() {
        on_answer(app, Ok(params));
        return Ok(());
    }
    // Only the query goes on (the address was checked to be the listener's own).
    let query = raw.trim().split_once('?').map_or("", |(_, q)| q);
    match spotlink_core::loopback::deliver(&redirect, query).await {
        Ok(_) => Ok(()),
        Err(e) => {
            tracing::warn!(error = %e, "could not hand the pasted answer to the listener");
            Err(ErrorView::invalid_input(msg!("app-error-not-waiting-title"), msg!("app-error-not-waiting").text()))
        }
    }
}

/// What was wrong with a pasted address, as a sentence.
fn pasted_error(error: &CallbackError, redirect: &RedirectUri) -> String {
    match error {
        CallbackError::Malformed(_) => msg!("app-error-not-the-address", redirect = redirect.as_str()).text(),
        other => other.message().text(),
    }
}

/// Spotify's answer to the sign-in, however it arrived.
fn on_answer(app: &AppHandle, outcome: Result<callback::CallbackParams, CallbackError>) {
    let shell = shell(app);
    let (completed, ended) = shell.update(|inner| {
        let outcome = outcome.and_then(|params| inner.flow.complete(params, OffsetDateTime::now_utc()));
        match outcome {
            Ok(completed) => {
                inner.model.busy = Some(Busy::Linking);
                inner.model.error = None;
                (Some((completed, inner.flow_id)), true)
            }
            Err(e) => (None, refused(inner, e)),
        }
    });
    if ended {
        forget_remembered(app);
    }
    if let Some((completed, flow_id)) = completed {
        tracing::info!("sign-in redirect received");
        spawn(finish(app.clone(), completed, flow_id));
    }
}

/// A callback that did not complete the flow: a stray or hostile one changes nothing
/// and is only mentioned; one that ended the flow (declined, expired) is an error.
/// Returns whether the sign-in in progress ended.
fn refused(inner: &mut Inner, error: CallbackError) -> bool {
    // The sentences carry no parameter values, so they are safe to log.
    tracing::info!(outcome = %error, "sign-in link not accepted");
    match error {
        CallbackError::Malformed(_) | CallbackError::NoPendingFlow | CallbackError::StateMismatch => {
            inner.model.notice = Some(Notice::warning(ignored_link()));
            false
        }
        CallbackError::Replayed => {
            inner.model.notice = Some(Notice::warning(replayed_link()));
            false
        }
        ended @ (CallbackError::Denied | CallbackError::Expired | CallbackError::Refused { .. }) => {
            abandon(inner);
            inner.model.error = Some(ErrorView::from(Error::Callback(ended)));
            true
        }
    }
}

/// Waits on 127.0.0.1 for the browser's redirect. The flow lives here because the
/// listener holds it for the whole wait; the result is handed to a fresh task.
async fn listen(app: AppHandle, listener: LoopbackServer, pending: PendingAuthorization, flow_id: u64) {
    let mut flow = PendingFlow::new();
    flow.begin(pending);
    let warn_app = app.clone();
    let outcome = listener
        .wait(&mut flow, PENDING_TTL.unsigned_abs() + LOOPBACK_SLACK, |e| {
            tracing::info!(outcome = %e, "loopback request not accepted");
            let notice = if *e == CallbackError::Replayed { replayed_link() } else { ignored_link() };
            shell(&warn_app).update(|inner| inner.model.notice = Some(Notice::warning(notice)));
        })
        .await;
    spawn(loopback_outcome(app, outcome, flow_id));
}

async fn loopback_outcome(
    app: AppHandle,
    outcome: Result<Result<Completed, CallbackError>, LoopbackError>,
    flow_id: u64,
) {
    let shell = shell(&app);
    let current = shell.read(|inner| inner.flow_id == flow_id);
    if !current {
        return;
    }
    match outcome {
        Ok(Ok(completed)) => {
            tracing::info!("sign-in redirect received on the loopback listener");
            shell.update(|inner| {
                inner.model.busy = Some(Busy::Linking);
                inner.model.error = None;
            });
            finish(app.clone(), completed, flow_id).await;
        }
        Ok(Err(e)) => {
            shell.update(|inner| refused(inner, e));
        }
        Err(e) => shell.update(|inner| {
            abandon(inner);
            inner.model.error = Some(ErrorView::from(Error::Loopback(e)));
        }),
    }
}

/// Exchanges the code and stores the link (the engine stores nothing unless every
/// step succeeded, so a failure keeps the previous link).
async fn finish(app: AppHandle, completed: Completed, flow_id: u64) {
    let shell = shell(&app);
    let result = shell.engine().finish_link(completed).await;
    // The account linked is the active one now, beside the others.
    let read = match &result {
        Ok(_) => Some(crate::accounts::Accounts::read(&shell.engine()).await),
        Err(_) => None,
    };
    let linked = shell.update(|inner| {
        if inner.flow_id == flow_id {
            inner.tasks.pending_expiry.stop();
            inner.model.pending = None;
        }
        inner.model.busy = None;
        match result {
            Ok(link) => {
                tracing::info!("linked");
                let not_granted = link.requested.missing_from(&link.record.granted);
                let name = account_name(&link).to_owned();
                inner.model.notice = Some(if not_granted.is_empty() {
                    Notice::success(msg!("app-notice-linked", name = name).text())
                } else {
                    let scopes = spotlink_core::i18n::list(&not_granted);
                    Notice::warning(msg!("app-notice-linked-not-granted", name = name, scopes = scopes).text())
                });
                inner.model.link = Some(link);
                match read {
                    Some(Ok(accounts)) => accounts.show(&mut inner.model),
                    Some(Err(e)) => tracing::warn!(error = %e, "could not read the other linked accounts"),
                    None => {}
                }
                inner.model.error = None;
                inner.refresh_failures = 0;
                scheduler::arm(&app, inner, false);
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "the sign-in could not be completed");
                inner.model.error = Some(ErrorView::from(&e));
                inner.model.notice = None;
                false
            }
        }
    });
    if linked {
        profile::fetch_avatars(&app).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_links_change_nothing_but_a_notice() {
        let mut flow = PendingFlow::new();
        let params = callback::parse_deep_link("spotlink://callback?code=x&state=y").unwrap();
        let error = flow.complete(params, OffsetDateTime::now_utc()).unwrap_err();
        assert_eq!(error, CallbackError::NoPendingFlow);
        let mut inner = crate::state::Inner::for_tests();
        assert!(!refused(&mut inner, error), "a stray link ends nothing");
        assert_eq!(inner.model.notice.as_ref().map(|n| n.message.as_str()), Some(ignored_link().as_str()));
        assert!(inner.model.error.is_none() && inner.model.pending.is_none());
    }
}
