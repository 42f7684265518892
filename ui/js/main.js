// Boot and wiring: connects the shell's AppView stream to the store, renders
// the store into the page (busy indicator, error banner, notice, screen or the
// Activity view) and turns user intents into shell commands. No view logic lives here.

import * as ipc from "./ipc.js";
import * as store from "./store.js";
import * as i18n from "./i18n.js";
import { t } from "./i18n.js";
import { button, h, setText } from "./dom.js";
import { createErrorArea } from "./components/error-banner.js";
import { createNoticeArea } from "./components/notice.js";
import { closeDialogs } from "./components/confirm.js";
import { createClosePrompt } from "./components/close-prompt.js";
import * as setup from "./views/setup.js";
import * as unlinked from "./views/unlinked.js";
import * as waiting from "./views/waiting.js";
import * as linked from "./views/linked.js";
import * as activity from "./views/activity.js";

const VIEWS = { setup, unlinked, waiting, linked };

const BUSY_TEXT = {
  linking: () => t("window-busy-linking"),
  refreshing: () => t("window-busy-refreshing"),
  unlinking: () => t("window-busy-unlinking"),
  saving: () => t("window-busy-saving"),
};
/** Busy states short enough to deserve a spinner; "linking" can last minutes. */
const SPINNING = new Set(["refreshing", "unlinking", "saving"]);

const BOOT_TIMEOUT_MS = 10_000;

const screenEl = document.getElementById("screen");
const busyEl = document.getElementById("busy");
const versionEl = document.getElementById("app-version");

/**
 * Runs a shell command and stores the AppView it returns (or hands the answer to
 * `take`). A thrown error is shown in the error banner. Resolves true on success.
 */
async function run(command, args, take = (view) => store.setView(view)) {
  store.startCommand(command);
  try {
    take(await ipc.invoke(command, args));
    store.clearCommandError();
    return true;
  } catch (error) {
    store.setCommandError(ipc.toError(error));
    return false;
  } finally {
    store.endCommand(command);
  }
}

// --- The Activity view ------------------------------------------------------

let activityAsked = 0;
let activityQueued = false;

/**
 * Asks the shell for the record through the filters chosen (`activity`), or clears it
 * first (`clear_activity`); a reply to an earlier question that arrives late is dropped.
 * Resolves true on success.
 */
async function askActivity(command = "activity") {
  const asked = ++activityAsked;
  const { filter, limit } = store.takeActivityRequest();
  const args = command === "activity" ? { filter: activity.filterArgs(filter), limit } : undefined;
  return run(command, args, (view) => {
    if (asked === activityAsked) store.setActivityView(view, { cleared: command === "clear_activity" });
  });
}

/** Asks again whenever the open Activity view is stale and no question is under way. */
function followActivity(snapshot) {
  const { open, stale } = snapshot.activity;
  const asking = snapshot.inFlight.has("activity") || snapshot.inFlight.has("clear_activity");
  if (!open || !stale || asking || activityQueued) return;
  activityQueued = true;
  // Not from inside the store's notification: after it.
  queueMicrotask(() => {
    activityQueued = false;
    if (store.getState().activity.stale) askActivity();
  });
}

const activityIntents = {
  open: () => store.openActivity(),
  close: () => store.closeActivity(),
  reload: () => store.markActivityStale(),
  setFilter: (filter) => store.setActivityFilter(filter),
  showMore: () => store.showMoreActivity(),
  clear: () => askActivity("clear_activity"),
};

// The record changes while the window is elsewhere (a script ran `spotlink token`):
// coming back to the window reads it again. No polling.
window.addEventListener("focus", () => store.markActivityStale());

/** What each error action means on the screen it is shown on (null: no button). */
function resolveIntent(intent) {
  const screen = store.getState().view?.screen;
  const now = () => store.getState().view;
  switch (intent) {
    case "retry_link":
      if (screen === "setup") return null;
      return () => run("start_link", { scopes: now().default_scopes, relink: Boolean(now().link) });
    case "retry":
      if (screen === "linked") return () => run("refresh_now");
      if (screen === "waiting") return () => run("open_authorize_url");
      if (screen === "unlinked") return () => run("start_link", { scopes: now().default_scopes, relink: false });
      return null;
    case "relink":
      if (screen === "setup") return null;
      return () =>
        run("start_link", {
          scopes: now().link?.scopes?.requested ?? now().default_scopes,
          relink: true,
        });
    case "open_dashboard":
      return () => run("open_dashboard");
    case "edit_client_id":
      return screen === "setup" ? null : () => run("edit_client_id");
    default:
      return null;
  }
}

const errors = createErrorArea(document.getElementById("errors"), {
  resolve: resolveIntent,
  dismiss() {
    const { view, commandError } = store.getState();
    if (commandError) store.clearCommandError();
    if (view?.error) run("dismiss_error");
  },
});

const notices = createNoticeArea(document.getElementById("notices"), {
  dismiss: () => run("dismiss_notice"),
  openAccountApps: () => run("open_account_apps"),
});

const closePrompt = createClosePrompt({
  answer: (keepInTray) => run("answer_close", { keepInTray }),
});

/** `screen`: the AppView screen mounted, or "activity" for the Activity view over `over`. */
let mounted = { screen: null, instance: null };
/** Where the screen was scrolled when the Activity view opened over it. */
let scrolledBeforeActivity = 0;

function unmount() {
  mounted.instance?.destroy();
  mounted = { screen: null, instance: null };
  closeDialogs();
  delete screenEl.dataset.view;
  screenEl.replaceChildren();
}

/** A full-window message for when there is no AppView to show. */
function showProblem(screen, title, message, actionLabel, action) {
  if (mounted.screen === screen && screenEl.dataset.message === message) return;
  unmount();
  mounted.screen = screen;
  screenEl.dataset.screen = screen;
  screenEl.dataset.message = message;
  screenEl.append(
    h(
      "section",
      { class: "card problem", "aria-labelledby": "problem-title" },
      h("h1", { id: "problem-title", class: "screen__title", tabindex: "-1", text: title }),
      h("p", { class: "lead", text: message }),
      h("p", { class: "muted" }, t("window-problem-hint")),
      h("div", { class: "actions" }, button(actionLabel, action, { class: "btn btn--primary", id: "problem-retry" })),
    ),
  );
  screenEl.querySelector("h1").focus();
}

function renderBusy(busy) {
  const text = BUSY_TEXT[busy]?.() ?? "";
  busyEl.dataset.busy = busy ?? "";
  busyEl.classList.toggle("busy--spin", SPINNING.has(busy));
  setText(busyEl, text);
}

function renderScreen(snapshot) {
  const { view } = snapshot;
  const showing = snapshot.activity.open ? "activity" : view.screen;
  const module = showing === "activity" ? activity : VIEWS[view.screen];
  if (!module) {
    showProblem(
      "unknown",
      t("window-unknown-screen-title"),
      t("window-unknown-screen-message", { screen: view.screen }),
      t("window-problem-reload"),
      () => location.reload(),
    );
    return;
  }
  if (mounted.screen !== showing) {
    const firstScreen = mounted.screen === null || screenEl.dataset.screen === "loading";
    // Back from the Activity view to the screen it was opened over (not to a new one).
    const backFromActivity = mounted.screen === "activity" && mounted.over === view.screen;
    if (showing === "activity" && !firstScreen) scrolledBeforeActivity = window.scrollY;
    unmount();
    delete screenEl.dataset.message;
    screenEl.dataset.screen = view.screen;
    if (showing === "activity") screenEl.dataset.view = "activity";
    const intents = { run, activity: activityIntents };
    mounted = { screen: showing, over: view.screen, instance: module.mount(screenEl, intents, snapshot) };
    mounted.instance.update(snapshot);
    if (backFromActivity) {
      // Back where the user was, on the button that opened the view.
      window.scrollTo(0, scrolledBeforeActivity);
      const opener = document.getElementById("open-activity");
      if (opener) opener.focus({ preventScroll: true });
      else screenEl.querySelector("h1")?.focus();
      return;
    }
    window.scrollTo(0, 0);
    // Announce the new screen by moving focus to its heading (not at start-up,
    // where the window's own focus is enough).
    if (!firstScreen) screenEl.querySelector("h1")?.focus();
    return;
  }
  screenEl.dataset.screen = view.screen;
  mounted.instance.update(snapshot);
}

function render(snapshot) {
  const { view, bootError, commandError } = snapshot;
  // A view that arrives before the catalogue waits for it (boot sets the view again).
  if (view && !i18n.ready()) return;
  if (!view) {
    renderBusy(null);
    if (bootError) {
      showProblem("unavailable", bootError.title, bootError.message, t("window-problem-try-again"), boot);
    }
    return;
  }
  renderBusy(view.busy);
  if (languageChanged(view)) return;
  setText(versionEl, view.version ? t("window-version", { version: view.version }) : "");
  errors.update(view.error ?? commandError, view.screen);
  const offerAccountApps =
    view.notice?.action === "open_account_apps" ||
    (view.screen === "unlinked" && snapshot.previousScreen === "linked");
  notices.update(view.notice, { offerAccountApps });
  renderScreen(snapshot);
  closePrompt.update(view);
}

// A bug in a view must not leave a frozen window: show what happened instead.
function safeRender(snapshot) {
  try {
    render(snapshot);
  } catch (error) {
    console.error(error);
    showProblem(
      "broken",
      t("window-broken-title"),
      t("window-broken-message", { problem: String(error?.message ?? error) }),
      t("window-problem-reload"),
      () => location.reload(),
    );
  }
}

/** `what()` names what was waited for, in words made when the wait fails. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () =>
        reject({
          kind: "timeout",
          title: t("window-timeout-title"),
          message: t("window-timeout-message", { what: what(), seconds: ms / 1000 }),
        }),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The page's own words, outside any screen (index.html holds them in English). */
function translatePage() {
  document.title = t("window-title");
  setText(document.querySelector(".skip-link"), t("window-skip-link"));
  setText(document.querySelector(".app-header__name"), t("window-app-name"));
  const loading = document.querySelector(".screen__loading");
  if (loading) setText(loading, t("window-loading"));
}

const fetchCatalogue = () =>
  withTimeout(ipc.invoke("catalog"), BOOT_TIMEOUT_MS, () => t("window-boot-step-catalogue"));

let reloading = null;

/**
 * The app speaks another language than the catalogue's (the user chose one): load
 * the new catalogue, then draw everything again in it. True while that is under
 * way; the window keeps showing the old words until the new ones are there.
 */
function languageChanged(view) {
  const wanted = view.language?.current;
  if (!wanted || !i18n.ready() || wanted === i18n.language()) return false;
  if (reloading) return true;
  reloading = i18n
    .load(fetchCatalogue)
    .then(() => {
      const focused = document.activeElement?.id;
      translatePage();
      unmount();
      errors.update(null);
      notices.update(null);
      reloading = null;
      safeRender(store.getState());
      // The language setting keeps the focus it had (it was just used).
      if (focused) document.getElementById(focused)?.focus();
    })
    .catch((error) => {
      reloading = null;
      console.error("could not load the new catalogue", error);
    });
  return true;
}

let listening = false;

async function boot() {
  if (!ipc.available()) {
    store.setBootError({ title: t("window-unavailable-title"), message: t("window-unavailable-message") });
    return;
  }
  try {
    // The catalogue, the view subscription and the first view are asked for at once;
    // nothing is drawn before the catalogue is there (render waits for it).
    const catalogue = i18n.ready() ? null : i18n.load(fetchCatalogue).then(translatePage);
    catalogue?.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    // Listen first so no change between the two calls is missed.
    if (!listening) {
      await withTimeout(ipc.onView(store.setView), BOOT_TIMEOUT_MS, () => t("window-boot-step-subscription"));
      listening = true;
    }
    const view = withTimeout(ipc.invoke("get_view"), BOOT_TIMEOUT_MS, () => "get_view");
    await catalogue;
    store.setView(await view);
  } catch (error) {
    const problem = ipc.toError(error);
    store.setBootError({
      title: t("window-boot-failed-title"),
      message: t("window-boot-failed-message", { title: problem.title, message: problem.message }),
    });
  }
}

// Tell the shell once when the first real screen has been painted (start-up timing).
let reportedFirstPaint = false;
function reportFirstPaint(snapshot) {
  const screen = snapshot.view?.screen;
  if (reportedFirstPaint || !screen || !i18n.ready()) return;
  reportedFirstPaint = true;
  requestAnimationFrame(() => requestAnimationFrame(() => ipc.invoke("rendered", { screen }).catch(() => {})));
}

store.subscribe(safeRender);
store.subscribe(reportFirstPaint);
store.subscribe(followActivity);
boot();
