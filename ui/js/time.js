// Time formatting and the one countdown mechanism the UI uses. A countdown
// wakes up only when its displayed text changes (once a minute, once a
// second in the last two minutes), stops at zero and sleeps while the window
// is hidden, so an idle window costs no CPU.

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
    if (s >= 120) text = "2 min";
    else if (s >= 60) text = `1 min ${String(s - 60).padStart(2, "0")} s`;
    else text = `${s} s`;
    return { expired: false, text, changesIn: left - (s - 1) * SECOND };
  }

  if (left < 2 * DAY) {
    const minutes = Math.floor(left / MINUTE);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    let text = `${m} min`;
    if (h > 0) text = m > 0 ? `${h} h ${m} min` : `${h} h`;
    // Just below two minutes the seconds branch still says "2 min"; the
    // text first changes at 1:59 left.
    const changesIn = minutes === 2 ? left - (2 * MINUTE - SECOND) : left - minutes * MINUTE + 1;
    return { expired: false, text, changesIn };
  }

  const days = Math.floor(left / DAY);
  return { expired: false, text: `${days} days`, changesIn: left - days * DAY + 1 };
}

const clock = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const clockSeconds = new Intl.DateTimeFormat(undefined, {
  hour: "numeric",
  minute: "2-digit",
  second: "2-digit",
});
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function sameDay(a, b) {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** "15:04" today, "23 Nov 2025, 15:04" on another day (in the user's locale). */
export function formatWhen(ms, nowMs = Date.now()) {
  return sameDay(ms, nowMs) ? clock.format(ms) : dateTime.format(ms);
}

/** "15:04:32": for moments seconds away (rate limits). */
export function formatClockSeconds(ms) {
  return clockSeconds.format(ms);
}

/** "23 May 2026". */
export function formatDate(ms) {
  return date.format(ms);
}

/** "23 Nov 2025, 15:04". */
export function formatDateTime(ms) {
  return dateTime.format(ms);
}

/** "1 day" / "181 days". */
export function days(n) {
  return n === 1 ? "1 day" : `${n} days`;
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
