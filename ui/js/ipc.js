// The only module that talks to the Rust shell. Everything else calls these
// functions, so a change in Tauri's JS surface touches one file.
//
// Needs `app.withGlobalTauri: true` in tauri.conf.json (window.__TAURI__).

import { t } from "./i18n.js";

/** Why the UI could not reach the shell at all (shown by main.js at boot). */
export class IpcUnavailable extends Error {}

function tauri() {
  const bridge = globalThis.__TAURI__;
  if (!bridge?.core?.invoke || !bridge?.event?.listen) {
    throw new IpcUnavailable(t("window-unavailable-message"));
  }
  return bridge;
}

/** True when the Tauri bridge is present. */
export function available() {
  try {
    tauri();
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns whatever a rejected invoke carries into the contract's error shape,
 * `{kind, title, message}`, so callers can render it without guessing.
 */
export function toError(reason) {
  if (reason && typeof reason === "object" && typeof reason.message === "string") {
    return {
      kind: typeof reason.kind === "string" ? reason.kind : "other",
      title: typeof reason.title === "string" ? reason.title : t("window-something-went-wrong"),
      message: reason.message,
      ...(Number.isFinite(reason.retry_after_secs)
        ? { retry_after_secs: reason.retry_after_secs }
        : {}),
    };
  }
  return {
    kind: "other",
    title: t("window-something-went-wrong"),
    message: typeof reason === "string" && reason ? reason : t("window-could-not"),
  };
}

/**
 * Runs a shell command. Resolves with the new AppView; rejects with
 * `{kind, title, message}` (see toError).
 */
export async function invoke(command, args) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (reason) {
    throw toError(reason);
  }
}

/** Calls `onView(appView)` for every `view` event the shell emits. */
export function onView(onView) {
  return tauri().event.listen("view", (event) => onView(event.payload));
}
