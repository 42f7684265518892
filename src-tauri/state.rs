//! The shell's one piece of managed state: the engine, the pending sign-in, the view
//! model and the handles of the background tasks. Nothing else in the shell keeps
//! mutable state.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use spotlink_core::callback::PendingFlow;
use spotlink_core::Engine;
use tauri::async_runtime::JoinHandle;
use tauri::{AppHandle, Emitter, Manager};
use time::OffsetDateTime;
use tokio::sync::watch;

use crate::view::{self, AppView, Model};

/// The event carrying the full [`AppView`] after every change.
pub const VIEW_EVENT: &str = "view";

/// Everything the shell remembers while it runs.
pub struct Shell {
    app: AppHandle,
    /// Rebuilt when settings change (an engine's config is fixed); callers clone the `Arc`.
    engine: RwLock<Arc<Engine>>,
    inner: Mutex<Inner>,
    /// Becomes true once the link was first read from the keychain.
    loaded: watch::Sender<bool>,
    /// Becomes true once the window reported its first painted screen.
    painted: watch::Sender<bool>,
}

/// The mutable part, behind one lock that is never held across an `.await`.
pub struct Inner {
    pub model: Model,
    /// The deep-link sign-in in progress (a loopback sign-in's flow lives in its listener task).
    pub flow: PendingFlow,
    /// Counts sign-ins started, so the timer or listener of an abandoned one does nothing.
    pub flow_id: u64,
    pub tasks: Tasks,
    /// Proactive refreshes that failed in a row (for the backoff).
    pub refresh_failures: u32,
    /// What the reminder task is armed for ([`crate::reminders::follow`]).
    pub reminders_armed: Option<crate::reminders::Armed>,
    /// What the tray shows; `None` until it exists ([`crate::tray::follow`]).
    pub tray_shown: Option<spotlink_core::background::TrayState>,
    /// The window was closed to the tray (or never opened): the app stays when no window is left.
    pub in_tray: bool,
    /// A token copied with auto-clear on, until its clear ran: quitting clears it too.
    pub copied_token: Option<spotlink_core::secret::AccessToken>,
    /// The view's revision, increased by every [`Shell::update`] that changes the view.
    rev: u64,
    /// The last view sent to the window, as JSON without its revision.
    last_sent: Option<String>,
}

#[cfg(test)]
impl Inner {
    /// An empty state, for tests of the functions that change it.
    pub fn for_tests() -> Self {
        Self {
            model: Model::default(),
            flow: PendingFlow::new(),
            flow_id: 0,
            tasks: Tasks::default(),
            refresh_failures: 0,
            reminders_armed: None,
            tray_shown: None,
            in_tray: false,
            copied_token: None,
            rev: 0,
            last_sent: None,
        }
    }
}

/// Background tasks that a later change may cancel.
#[derive(Default)]
pub struct Tasks {
    /// Sleeps until the next proactive refresh.
    pub refresh: Slot,
    /// Sleeps until the pending sign-in expires.
    pub pending_expiry: Slot,
    /// Listens on 127.0.0.1 for a loopback redirect.
    pub loopback: Slot,
    /// Clears a copied token from the clipboard.
    pub clipboard_clear: Slot,
    /// Sleeps until the next reminder about the link's end.
    pub reminders: Slot,
    /// Sleeps until the tray's text changes by itself.
    pub tray: Slot,
}

/// One cancellable task. Tasks that reach a slot's owner again (a timer firing) hand
/// their work to a fresh task, so replacing a slot never aborts work in flight.
#[derive(Default)]
pub struct Slot(Option<JoinHandle<()>>);

impl Slot {
    /// Runs `handle` in this slot, cancelling the previous task.
    pub fn set(&mut self, handle: JoinHandle<()>) {
        if let Some(previous) = self.0.replace(handle) {
            previous.abort();
        }
    }

    /// Cancels the task, if any.
    pub fn stop(&mut self) {
        if let Some(previous) = self.0.take() {
            previous.abort();
        }
    }
}

impl Shell {
    pub fn new(app: AppHandle, engine: Engine, model: Model) -> Self {
        Self {
            app,
            engine: RwLock::new(Arc::new(engine)),
            inner: Mutex::new(Inner {
                model,
                flow: PendingFlow::new(),
                flow_id: 0,
                tasks: Tasks::default(),
                refresh_failures: 0,
                reminders_armed: None,
                tray_shown: None,
                in_tray: false,
                copied_token: None,
                rev: 0,
                last_sent: None,
            }),
            loaded: watch::channel(false).0,
            painted: watch::channel(false).0,
        }
    }

    /// The engine for the current settings.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Switches to an engine built from new settings and tells the window.
    pub fn set_engine(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(engine);
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Changes the state and emits the new view (under the lock, so views arrive in order).
    /// The reminders follow the link from here, whichever change touched it.
    ///
    /// A change that leaves the view as the window has it sends nothing: a flood of stray
    /// `spotlink://` links would otherwise send a view each, and the web view's memory
    /// grew with every one (about 24 MiB per 1,000; issue 13's flood drill).
    pub fn update<T>(&self, change: impl FnOnce(&mut Inner) -> T) -> T {
        let mut inner = self.lock();
        let out = change(&mut inner);
        crate::reminders::follow(&self.app, &mut inner, self.engine().config().notifications);
        crate::tray::follow(&self.app, &mut inner);
        let mut view = self.build(&inner);
        view.rev = 0;
        let json = serde_json::to_string(&view).ok();
        if json.is_some() && json == inner.last_sent {
            return out;
        }
        inner.rev += 1;
        inner.last_sent = json;
        view.rev = inner.rev;
        if let Err(e) = self.app.emit(VIEW_EVENT, &view) {
            tracing::warn!(error = %e, "could not send the view to the window");
        }
        out
    }

    /// Changes what the window does not show (no view is sent, nothing follows).
    pub fn update_quietly<T>(&self, change: impl FnOnce(&mut Inner) -> T) -> T {
        change(&mut self.lock())
    }

    /// Reads the state without changing it.
    pub fn read<T>(&self, look: impl FnOnce(&Inner) -> T) -> T {
        look(&self.lock())
    }

    /// The current view.
    pub fn view(&self) -> AppView {
        self.build(&self.lock())
    }

    fn build(&self, inner: &Inner) -> AppView {
        let mut view = view::build(&inner.model, self.engine().config(), OffsetDateTime::now_utc());
        view.rev = inner.rev;
        view
    }

    /// Marks the first keychain read as done.
    pub fn mark_loaded(&self) {
        self.loaded.send_replace(true);
    }

    /// Waits (at most `limit`) for the first keychain read, so the window's first view
    /// shows the right screen instead of flashing "unlinked".
    pub async fn wait_loaded(&self, limit: Duration) {
        let mut loaded = self.loaded.subscribe();
        let _ = tokio::time::timeout(limit, loaded.wait_for(|done| *done)).await;
    }

    /// Marks the window's first screen as painted; false if it was already marked.
    pub fn mark_painted(&self) -> bool {
        !self.painted.send_replace(true)
    }

    /// Waits (at most `limit`) until the window has painted its first screen, so
    /// start-up work that can wait (the profile check) does not compete with it for
    /// the CPU and the keychain.
    pub async fn wait_painted(&self, limit: Duration) {
        let mut painted = self.painted.subscribe();
        let _ = tokio::time::timeout(limit, painted.wait_for(|done| *done)).await;
    }
}

/// The shell's state, from anywhere that has the app handle.
pub fn shell(app: &AppHandle) -> tauri::State<'_, Shell> {
    app.state::<Shell>()
}
