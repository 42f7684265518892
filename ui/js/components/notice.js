// The notice line under the header (copied, refreshed, unlinked...). It lives
// inside #notices, a polite live region, so screen readers read each new
// notice once. Rebuilt only when the notice itself changes.

import { button, h, icon } from "../dom.js";
import { t } from "../i18n.js";

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
                text: t("window-notice-apps-hint"),
              })
            : null,
        ),
        h(
          "div",
          { class: "notice__actions" },
          offerAccountApps
            ? button([icon("external"), t("window-notice-open-apps")], handlers.openAccountApps, {
                class: "btn btn--small",
                id: "notice-account-apps",
              })
            : null,
          button(icon("close"), handlers.dismiss, {
            class: "btn btn--icon btn--small",
            "aria-label": t("window-notice-dismiss"),
            title: t("window-dismiss"),
          }),
        ),
      ),
    );
  }

  return { update };
}
