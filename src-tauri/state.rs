//! The shell's one piece of managed state: the engine, the pending sign-in, the view
//! model and the handles of the background tasks. Nothing else in the shell keeps
//! mutable state.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use spotlink_core::callback::PendingFlow;
use spotlink_core::store::StoredLink;
use spotlink_core::{Engine, LinkedAccount};
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
    /// The links as the tray and the reminders follow them ([`Shell::links`]).
    links: watch::Sender<Links>,
}

/// What the tray and the reminders follow, each in a task of its own that subscribes
/// ([`Shell::links`]): every account's link and whether reminders are wanted. The shell
/// publishes it after every change; a change that leaves it as it was wakes no one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The active account's link.
    pub active: Option<StoredLink>,
    /// The other linked accounts.
    pub others: Vec<LinkedAccount>,
    /// Reminders before a link ends are wanted.
    pub reminders: bool,
    /// Increased when the followers must look at the clock again (after a wake-up).
    pub recheck: u64,
}

impl Links {
    /// Every readable link, the active one first.
    pub fn all(&self) -> impl Iterator<Item = &StoredLink> {
        self.active.iter().chain(self.others.iter().filter_map(|o| o.link.as_ref()))
    }

    /// Takes over the model's links; whether anything changed.
    fn follow(&mut self, model: &Model, reminders: bool) -> bool {
        if self.active == model.link && self.others == model.others && self.reminders == reminders {
            return false;
        }
        self.active = model.link.clone();
        self.others = model.others.clone();
        self.reminders = reminders;
        true
    }
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
                in_tray: false,
                copied_token: None,
                rev: 0,
                last_sent: None,
            }),
            loaded: watch::channel(false).0,
            painted: watch::channel(false).0,
            links: watch::channel(Links::default()).0,
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
    /// The tray and the reminders follow the links published from here ([`Shell::links`]),
    /// whichever change touched them.
    ///
    /// A change that leaves the view as the window has it sends nothing: a flood of stray
    /// `spotlink://` links would otherwise send a view each, and the web view's memory
    /// grew with every one (about 24 MiB per 1,000; issue 13's flood drill).
    pub fn update<T>(&self, change: impl FnOnce(&mut Inner) -> T) -> T {
        let mut inner = self.lock();
        let out = change(&mut inner);
        let reminders = self.engine().config().notifications;
        self.links.send_if_modified(|links| links.follow(&inner.model, reminders));
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

    /// The links, for a follower: it sees the current value at once and wakes at each change.
    pub fn links(&self) -> watch::Receiver<Links> {
        self.links.subscribe()
    }

    /// Makes the followers look at the clock again (the system slept, or its clock was set).
    pub fn recheck_followers(&self) {
        self.links.send_modify(|links| links.recheck += 1);
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
