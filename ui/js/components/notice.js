// The notice line under the header (copied, refreshed, unlinked...). It lives
// inside #notices, a polite live region, so screen readers read each new
// notice once. Rebuilt only when the notice itself changes.

import { button, h, icon } from "../dom.js";

const ICON = { info: "info", success: "check", warning: "warning" };

/**
 * `container`: the live region. `handlers.dismiss()` and
 * `handlers.openAccountApps()` run the matching shell commands.
 */
export function createNoticeArea(container, handlers) {
  let shownKey = null;

  /**
   * `notice`: AppView.notice or null. `offerAccountApps`: add the "Open
   * Spotify Apps page" button (after an unlink, where the server-side half of
   * revoking is the user's to do).
   */
  function update(notice, { offerAccountApps = false } = {}) {
    const key = notice ? JSON.stringify([notice, offerAccountApps]) : null;
    if (key === shownKey) return;
    shownKey = key;
    container.replaceChildren();
    if (!notice) return;

    const kind = ICON[notice.kind] ? notice.kind : "info";
    container.append(
      h(
        "div",
        { id: "notice", class: `notice notice--${kind}`, dataset: { kind } },
        icon(ICON[kind], "notice__icon"),
        h(
          "div",
          { class: "notice__text" },
          h("p", { class: "notice__message", text: notice.message }),
          offerAccountApps
            ? h("p", {
                class: "notice__hint",
                text: "Spotify still lists SpotLink as allowed until you remove it on your account's Apps page.",
              })
            : null,
        ),
        h(
          "div",
          { class: "notice__actions" },
          offerAccountApps
            ? button([icon("external"), "Open Spotify Apps page"], handlers.openAccountApps, {
                class: "btn btn--small",
                id: "notice-account-apps",
              })
            : null,
          button(icon("close"), handlers.dismiss, {
            class: "btn btn--icon btn--small",
            "aria-label": "Dismiss notice",
            title: "Dismiss",
          }),
        ),
      ),
    );
  }

  return { update };
}
