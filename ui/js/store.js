// The UI's only mutable state. It mirrors the latest AppView the shell sent
// and adds the little the window itself knows: which commands are in flight,
// an error a command threw, and why booting failed. Views read it through
// subscribe() and never change it directly.

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
  if (current && current.screen !== view.screen) state.previousScreen = current.screen;
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
