// Modal dialogs built on <dialog>: the browser provides the focus trap, the
// inert page behind it, Escape to cancel and the backdrop. Used for the unlink
// confirmation and the relink permission picker.

import { h, icon } from "../dom.js";
import { t } from "../i18n.js";

let counter = 0;
const open = new Set();

/**
 * Shows a modal dialog and resolves true when confirmed, false when
 * cancelled (button, Escape) or closed by closeDialogs().
 *
 * - `title`, `body` (nodes), `confirmLabel`, `confirmId` (stable id for tests)
 * - `tone`: "primary" or "danger" (danger dialogs focus Cancel first)
 * - `extra`: buttons placed at the start of the action row; they do not close
 *   the dialog
 * - `wide`: a larger dialog whose body scrolls (the scope picker)
 */
export function openDialog({ title, body, confirmLabel, confirmId, tone = "primary", extra = [], wide = false }) {
  const id = `dialog-${++counter}`;
  const opener = document.activeElement;

  const cancel = h("button", { type: "submit", value: "cancel", class: "btn" }, t("window-dialog-cancel"));
  const confirm = h(
    "button",
    { type: "submit", value: "confirm", class: `btn btn--${tone}`, id: confirmId },
    confirmLabel,
  );
  const dialog = h(
    "dialog",
    {
      class: `dialog${wide ? " dialog--wide" : ""}`,
      "aria-labelledby": `${id}-title`,
      // A long body (the scope list) would be read in full as a description.
      "aria-describedby": wide ? null : `${id}-body`,
    },
    h(
      "form",
      { method: "dialog", class: "dialog__form" },
      h(
        "header",
        { class: "dialog__header" },
        tone === "danger" ? icon("warning", "dialog__icon") : null,
        h("h2", { id: `${id}-title`, class: "dialog__title", text: title }),
      ),
      h("div", { id: `${id}-body`, class: "dialog__body" }, body),
      h(
        "footer",
        { class: "dialog__actions" },
        extra.length ? h("div", { class: "dialog__extra" }, extra) : null,
        cancel,
        confirm,
      ),
    ),
  );

  document.body.append(dialog);
  open.add(dialog);

  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      open.delete(dialog);
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === "confirm");
    });
    dialog.showModal();
    // Never land on the destructive choice by default.
    (tone === "danger" ? cancel : confirm).focus();
  });
}

/** Closes every open dialog as cancelled (e.g. when the screen changes under it). */
export function closeDialogs() {
  open.forEach((dialog) => dialog.close("cancel"));
}
