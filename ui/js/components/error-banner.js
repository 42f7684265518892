// The error banner: title and message from the shell, a line of help where
// the kind needs more than the message, and the one action that fits the
// kind. The banner is rebuilt only when the error changes, so it is announced
// (role="alert") once and a rate-limit countdown is not reset by unrelated
// view updates.

import { button, h, icon, setInert, setText } from "../dom.js";
import { countdown, formatClockSeconds } from "../time.js";

/**
 * Per kind: extra help (or none) and the intent of its action button.
 * Intents are resolved by main.js against the current screen:
 * retry_link, retry, relink, open_dashboard, edit_client_id.
 */
const KINDS = {
  denied: { action: ["Try again", "retry_link"] },
  state_mismatch: {
    help:
      "The answer that came back from Spotify did not belong to the sign-in SpotLink started, " +
      "so SpotLink ignored it. Nothing changed. If you did not start a sign-in just now, you can ignore this.",
    action: ["Try again", "retry_link"],
  },
  network: { action: ["Retry", "retry"] },
  timeout: { action: ["Retry", "retry"] },
  rate_limited: { action: ["Retry", "retry"] },
  relink_needed: { action: ["Relink", "relink"] },
  keychain_unavailable: {
    help:
      "SpotLink keeps your tokens only in the system keychain and will not store them in a plain file. " +
      "On Linux that is the Secret Service: start and unlock GNOME Keyring or KWallet, then try again.",
  },
  // The engine's message already explains the allow-list; the banner adds the way there.
  not_allow_listed: {
    action: ["Open developer dashboard", "open_dashboard"],
  },
  invalid_client: { action: ["Check client ID", "edit_client_id"] },
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
      ? button(spec.action[0], run, { class: "btn btn--small", id: "error-action" })
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
        h("span", { class: "visually-hidden", text: `You can try again at ${formatClockSeconds(until)}.` }),
        visible,
      );
      stopCountdown = countdown(until, (left) => {
        setText(visible, left.expired ? "You can try again now." : `You can try again in ${left.text}.`);
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
          h("h2", { class: "banner__title", text: error.title || "Something went wrong" }),
          error.message ? h("p", { class: "banner__message", text: error.message }) : null,
          spec.help ? h("p", { class: "banner__help", text: spec.help }) : null,
          wait,
          actionButton ? h("div", { class: "banner__actions" }, actionButton) : null,
        ),
        button(icon("close"), handlers.dismiss, {
          class: "btn btn--icon btn--small banner__dismiss",
          "aria-label": "Dismiss error",
          title: "Dismiss",
        }),
      ),
    );
  }

  return { update };
}
