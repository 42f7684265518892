// The one-time question when the window is first closed while the desktop shows a
// tray: keep SpotLink running there, or quit. The shell asks (view.close_prompt) and
// remembers the answer; cancelling keeps the window open and asks again next time.

import { button, h } from "../dom.js";
import { openDialog } from "./confirm.js";

/** `answer(keepInTray)` gets true, false, or null (cancelled). */
export function createClosePrompt({ answer }) {
  let open = false;

  async function ask() {
    open = true;
    let quit = false;
    const confirmed = await openDialog({
      title: "Keep SpotLink in the tray?",
      body: [
        h("p", {
          text:
            "Closed, SpotLink can keep running in the tray: your token stays fresh, you are reminded before " +
            "the link ends, and the tray's menu copies the token. Quit it from that menu.",
        }),
        h("p", {
          class: "muted small",
          text: "This is asked once. Change it later in the linked view, under “This link”.",
        }),
      ],
      confirmLabel: "Keep in tray",
      confirmId: "close-keep",
      extra: [
        button("Quit SpotLink", () => {
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
