// The error banner: title and message from the shell, a line of help where
// the kind needs more than the message, and the one action that fits the
// kind. The banner is rebuilt only when the error changes, so it is announced
// (role="alert") once and a rate-limit countdown is not reset by unrelated
// view updates.

import { button, h, icon, setInert, setText } from "../dom.js";
import { t } from "../i18n.js";
import { countdown, formatClockSeconds } from "../time.js";

/**
 * Per kind: extra help (or none) and the label and intent of its action button
 * (words are made when shown, in the catalogue's language). Intents are resolved
 * by main.js against the current screen:
 * retry_link, retry, relink, open_dashboard, edit_client_id.
 */
const TRY_AGAIN = [() => t("window-error-try-again"), "retry_link"];
const RETRY = [() => t("window-error-retry"), "retry"];
const KINDS = {
  denied: { action: TRY_AGAIN },
  state_mismatch: { help: () => t("window-error-state-mismatch-help"), action: TRY_AGAIN },
  network: { action: RETRY },
  timeout: { action: RETRY },
  rate_limited: { action: RETRY },
  relink_needed: { action: [() => t("window-error-relink"), "relink"] },
  keychain_unavailable: { help: () => t("window-error-keychain-help") },
  // The engine's message already explains the allow-list; the banner adds the way there.
  not_allow_listed: { action: [() => t("window-error-open-dashboard"), "open_dashboard"] },
  invalid_client: { action: [() => t("window-error-check-client-id"), "edit_client_id"] },
  config: {},
  other: {},
};

/**
 * `handlers.dismiss()`; `handlers.resolve(intent)` returns a function that
 * performs the intent here and now, or null when it does not apply (then the
 * button is left out).
 */
export function createErrorArea(container, handlers) {
  let shownKey = null;
  let stopCountdown = () => {};

  /**
   * `context` (the screen name) is part of what is shown: the same error on
   * another screen may call for another action, so it rebuilds the banner.
   */
  function update(error, context = "") {
    const key = error ? JSON.stringify([error, context]) : null;
    if (key === shownKey) return;
    shownKey = key;
    stopCountdown();
    stopCountdown = () => {};
    container.replaceChildren();
    if (!error) return;

    const kind = KINDS[error.kind] ? error.kind : "other";
    const spec = KINDS[kind];
    const run = spec.action ? handlers.resolve(spec.action[1]) : null;
    const actionButton = run
      ? button(spec.action[0](), run, { class: "btn btn--small", id: "error-action" })
      : null;

    // The retry-after countdown is hidden from assistive tech, which gets the
    // absolute time once instead, so the alert is not re-read every second.
    let wait = null;
    const retryAfter = Number(error.retry_after_secs);
    if (kind === "rate_limited" && retryAfter > 0) {
      const until = Date.now() + retryAfter * 1000;
      const visible = h("span", { class: "banner__countdown", "aria-hidden": "true" });
      wait = h(
        "p",
        { class: "banner__wait" },
        h("span", { class: "visually-hidden", text: t("window-error-retry-at", { time: formatClockSeconds(until) }) }),
        visible,
      );
      stopCountdown = countdown(until, (left) => {
        setText(visible, left.expired ? t("window-error-retry-now") : t("window-error-retry-in", { left: left.text }));
        if (actionButton) setInert(actionButton, !left.expired);
      });
    }

    container.append(
      h(
        "div",
        {
          id: "error-banner",
          class: "banner banner--error",
          role: "alert",
          dataset: { kind: error.kind ?? "other" },
        },
        icon("warning", "banner__icon"),
        h(
          "div",
          { class: "banner__body" },
          h("h2", { class: "banner__title", text: error.title || t("window-something-went-wrong") }),
          error.message ? h("p", { class: "banner__message", text: error.message }) : null,
          spec.help ? h("p", { class: "banner__help", text: spec.help() }) : null,
          wait,
          actionButton ? h("div", { class: "banner__actions" }, actionButton) : null,
        ),
        button(icon("close"), handlers.dismiss, {
          class: "btn btn--icon btn--small banner__dismiss",
          "aria-label": t("window-error-dismiss"),
          title: t("window-dismiss"),
        }),
      ),
    );
  }

  return { update };
}
