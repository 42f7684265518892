// The one-time question when the window is first closed while the desktop shows a
// tray: keep SpotLink running there, or quit. The shell asks (view.close_prompt) and
// remembers the answer; cancelling keeps the window open and asks again next time.

import { button, h } from "../dom.js";
import { t } from "../i18n.js";
import { openDialog } from "./confirm.js";

/** `answer(keepInTray)` gets true, false, or null (cancelled). */
export function createClosePrompt({ answer }) {
  let open = false;

  async function ask() {
    open = true;
    let quit = false;
    const confirmed = await openDialog({
      title: t("window-close-title"),
      body: [
        h("p", { text: t("window-close-body") }),
        h("p", { class: "muted small", text: t("window-close-asked-once", { section: t("window-link-title") }) }),
      ],
      confirmLabel: t("window-close-keep"),
      confirmId: "close-keep",
      extra: [
        button(t("window-close-quit"), () => {
          quit = true;
          answer(false);
        }, { class: "btn btn--quiet", id: "close-quit" }),
      ],
    });
    open = false;
    if (!quit) answer(confirmed ? true : null);
  }

  return {
    update(view) {
      if (view?.close_prompt && !open) ask();
    },
  };
}
