// Time formatting and the one countdown mechanism the UI uses. A countdown
// wakes up only when its displayed text changes (once a minute, once a
// second in the last two minutes), stops at zero and sleeps while the window
// is hidden, so an idle window costs no CPU.
//
// Durations are words of the catalogue (common.ftl's duration-*, with the
// language's plurals); dates and clock times come from Intl in the user's locale.

import { locale, t } from "./i18n.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds since the epoch for an RFC 3339 string, or null if unparsable. */
export function parseTime(rfc3339) {
  const ms = typeof rfc3339 === "string" ? Date.parse(rfc3339) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/**
 * How long until `targetMs`, as short text ("42 min", "1 min 05 s", "9 s"),
 * and how many ms until that text changes. `expired` once the time is reached.
 * Minutes round down ("at least"), seconds round up (a countdown reaches 1 s,
 * then expires), so the switch at two minutes reads 2 min → 1 min 59 s.
 */
export function remaining(targetMs, nowMs = Date.now()) {
  const left = targetMs - nowMs;
  if (left <= 0) return { expired: true, text: "", changesIn: null };

  if (left < 2 * MINUTE) {
    const s = Math.ceil(left / SECOND);
    let text;
    if (s >= 120) text = t("duration-minutes", { n: 2 });
    else if (s >= 60) text = `${t("duration-minutes", { n: 1 })} ${t("duration-seconds", { n: String(s - 60).padStart(2, "0") })}`;
    else text = t("duration-seconds", { n: s });
    return { expired: false, text, changesIn: left - (s - 1) * SECOND };
  }

  if (left < 2 * DAY) {
    const minutes = Math.floor(left / MINUTE);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    let text = t("duration-minutes", { n: m });
    if (h > 0) text = m > 0 ? `${t("duration-hours", { n: h })} ${text}` : t("duration-hours", { n: h });
    // Just below two minutes the seconds branch still says "2 min"; the
    // text first changes at 1:59 left.
    const changesIn = minutes === 2 ? left - (2 * MINUTE - SECOND) : left - minutes * MINUTE + 1;
    return { expired: false, text, changesIn };
  }

  const days = Math.floor(left / DAY);
  return { expired: false, text: t("duration-days", { n: days }), changesIn: left - days * DAY + 1 };
}

/**
 * The four formatters, built once per locale: the first one built pays for ICU's
 * locale data (~15 ms). English keeps Intl's medium dates ("23 Nov 2025"); other
 * languages get the month in full, as they write it in a sentence ("23 ноября
 * 2025 г.", like common.ftl's `date`), where a cut month reads clipped.
 */
let formatters = null;
function formats() {
  const want = locale();
  if (formatters && formatters.locale === want) return formatters;
  const english = (want ?? "en").split("-")[0] === "en";
  const dateStyle = english ? "medium" : "long";
  formatters = {
    locale: want,
    clock: new Intl.DateTimeFormat(want, { hour: "numeric", minute: "2-digit" }),
    clockSeconds: new Intl.DateTimeFormat(want, { hour: "numeric", minute: "2-digit", second: "2-digit" }),
    date: new Intl.DateTimeFormat(want, { dateStyle }),
    dateTime: new Intl.DateTimeFormat(want, { dateStyle, timeStyle: "short" }),
  };
  return formatters;
}

function sameDay(a, b) {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** "15:04" today, "23 Nov 2025, 15:04" on another day (in the user's locale). */
export function formatWhen(ms, nowMs = Date.now()) {
  return sameDay(ms, nowMs) ? formats().clock.format(ms) : formats().dateTime.format(ms);
}

/** "15:04:32": for moments seconds away (rate limits). */
export function formatClockSeconds(ms) {
  return formats().clockSeconds.format(ms);
}

/** "23 May 2026". */
export function formatDate(ms) {
  return formats().date.format(ms);
}

/** "23 Nov 2025, 15:04". */
export function formatDateTime(ms) {
  return formats().dateTime.format(ms);
}

/** "1 day" / "181 days" / "3 дня". */
export function days(n) {
  return t("duration-days", { n });
}

/** "in 3 days" / "через 3 дня". */
export function inDays(n) {
  return t("time-in", { duration: days(n) });
}

/**
 * Calls `render(remaining(targetMs))` now and again each time its text
 * changes, until it reports expired. While the document is hidden no timer
 * runs; becoming visible renders and reschedules at once. Returns `stop()`.
 */
export function countdown(targetMs, render) {
  let timer = null;
  let stopped = false;

  const tick = () => {
    timer = null;
    if (stopped) return;
    const now = remaining(targetMs);
    render(now);
    if (!now.expired && document.visibilityState !== "hidden") {
      timer = setTimeout(tick, Math.max(now.changesIn, 1));
    }
  };

  const onVisibility = () => {
    if (document.visibilityState === "hidden") {
      clearTimeout(timer);
      timer = null;
    } else if (timer === null) {
      tick();
    }
  };

  document.addEventListener("visibilitychange", onVisibility);
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
