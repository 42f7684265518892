// The UI's only mutable state. It mirrors the latest AppView the shell sent
// and adds the little the window itself knows: which commands are in flight,
// an error a command threw, why booting failed, and the Activity view (shown or
// not, its filters, the latest ActivityView). Views read it through subscribe()
// and never change it directly.

/** The Activity view's filters when nothing is chosen: everything the record keeps. */
export const ACTIVITY_FILTER = Object.freeze({ since: "all", account: "", program: "", event: "" });
/** How many entries the Activity view asks for at first, and more each time. */
export const ACTIVITY_PAGE = 200;

const state = {
  /** Latest AppView from Rust (frozen), or null before the first one. */
  view: null,
  /** Screen of the AppView before the latest screen change. */
  previousScreen: null,
  /** Command names awaiting a reply; their buttons stay inert meanwhile. */
  inFlight: new Set(),
  /** `{kind, title, message}` thrown by a command, while view.error is empty. */
  commandError: null,
  /** Error that kept the window from getting any AppView at all. */
  bootError: null,
  /**
   * The Activity view (views/activity.js), shown instead of the screen while `open`:
   * its filters, how many entries to ask for, the latest ActivityView (frozen) and
   * whether it must be asked for again (`stale`).
   */
  activity: { open: false, filter: ACTIVITY_FILTER, limit: ACTIVITY_PAGE, view: null, stale: false },
};

const listeners = new Set();

function freeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(freeze);
  }
  return value;
}

function notify() {
  const snapshot = getState();
  listeners.forEach((listener) => listener(snapshot));
}

/** A read-only snapshot of the state. */
export function getState() {
  return {
    view: state.view,
    previousScreen: state.previousScreen,
    inFlight: new Set(state.inFlight),
    commandError: state.commandError,
    bootError: state.bootError,
    activity: { ...state.activity },
  };
}

/** Calls `listener(snapshot)` after every change; returns an unsubscribe function. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Stores an AppView from an event or a command reply. If the shell numbers
 * its views (optional `rev`), an older one arriving late is ignored.
 */
export function setView(view) {
  if (!view || typeof view !== "object" || typeof view.screen !== "string") return;
  const current = state.view;
  if (Number.isFinite(current?.rev) && Number.isFinite(view.rev) && view.rev < current.rev) return;
  if (current && current.screen !== view.screen) {
    state.previousScreen = current.screen;
    // A new screen (a sign-in started from the tray, an unlink) is shown, not kept behind.
    state.activity.open = false;
  }
  if (view.show_activity && !current?.show_activity) {
    // Asked for from outside (the tray, a notification): the whole record, afresh.
    openActivity({ reset: true, quiet: true });
  } else if (state.activity.open && current && changesActivity(current, view)) {
    // Something the window did or saw (a copy, a refresh, a clear of the clipboard)
    // may have added an entry.
    state.activity.stale = true;
  }
  state.view = freeze(view);
  state.bootError = null;
  if (view.error) state.commandError = null;
  notify();
}

export function setBootError(error) {
  state.bootError = error;
  notify();
}

export function setCommandError(error) {
  state.commandError = error;
  notify();
}

export function clearCommandError() {
  if (state.commandError === null) return;
  state.commandError = null;
  notify();
}

export function startCommand(name) {
  state.inFlight.add(name);
  notify();
}

export function endCommand(name) {
  state.inFlight.delete(name);
  notify();
}

/** Whether the change from `before` to `after` can mean new entries in the record. */
function changesActivity(before, after) {
  const key = (v) => JSON.stringify([v.notice, v.error, v.link, v.accounts, v.busy]);
  return key(before) !== key(after);
}

/** Shows the Activity view and asks for the record again; `reset` clears the filters. */
export function openActivity({ reset = false, quiet = false } = {}) {
  const activity = state.activity;
  activity.open = true;
  activity.stale = true;
  if (reset) {
    activity.filter = ACTIVITY_FILTER;
    activity.limit = ACTIVITY_PAGE;
  }
  if (!quiet) notify();
}

/** Goes back from the Activity view to the screen. */
export function closeActivity() {
  state.activity.open = false;
  notify();
}

/** New filters (`{since, account, program, event}`), from the first page again. */
export function setActivityFilter(filter) {
  state.activity.filter = Object.freeze({ ...ACTIVITY_FILTER, ...filter });
  state.activity.limit = ACTIVITY_PAGE;
  state.activity.stale = true;
  notify();
}

/** Asks for another page of entries. */
export function showMoreActivity() {
  state.activity.limit += ACTIVITY_PAGE;
  state.activity.stale = true;
  notify();
}

/** Asks for the record again (a reload, the window coming back to the front). */
export function markActivityStale() {
  if (!state.activity.open) return;
  state.activity.stale = true;
  notify();
}

/** The filters and page to ask for now; the view is no longer stale. */
export function takeActivityRequest() {
  state.activity.stale = false;
  return { filter: state.activity.filter, limit: state.activity.limit };
}

/** Stores an ActivityView the shell sent; after a clear, the filters are none again. */
export function setActivityView(view, { cleared = false } = {}) {
  if (cleared) {
    state.activity.filter = ACTIVITY_FILTER;
    state.activity.limit = ACTIVITY_PAGE;
  }
  state.activity.view = freeze(view);
  notify();
}
