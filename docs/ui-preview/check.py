#!/usr/bin/env python3
"""Behaviour checks of ui/ against the preview shim in headless Chromium:
stable ids, the commands each control sends, keyboard paths through the
dialogs, timer scheduling while idle, boot failures. Start serve.py first.

    python3 docs/ui-preview/check.py
"""

import json
import sys

from cdp import Browser

BASE = "http://127.0.0.1:8765/"

# Records every setTimeout/setInterval the page schedules (delay, when).
TIMER_PROBE = """
window.__timers = [];
const realSetTimeout = window.setTimeout;
window.setTimeout = function (fn, ms, ...rest) {
  window.__timers.push({ kind: "timeout", ms: ms ?? 0, at: performance.now() });
  return realSetTimeout.call(this, fn, ms, ...rest);
};
const realSetInterval = window.setInterval;
window.setInterval = function (fn, ms, ...rest) {
  window.__timers.push({ kind: "interval", ms, at: performance.now() });
  return realSetInterval.call(this, fn, ms, ...rest);
};
"""

failures = []


def check(name, condition, detail=""):
    status = "ok  " if condition else "FAIL"
    print(f"{status} {name}{'' if condition else '  ' + str(detail)}")
    if not condition:
        failures.append(name)


def calls(b):
    return b.eval("JSON.stringify(window.__SHIM__.calls)")


def last_call(b, command):
    for name, args in reversed(json.loads(calls(b))):
        if name == command:
            return args
    return None


def active_id(b):
    return b.eval("document.activeElement && (document.activeElement.id || document.activeElement.tagName)")


def open_page(b, query, **kw):
    b.open(BASE + "?" + query, **kw)
    b.pump(0.4)


def main():
    b = Browser()
    try:
        run_checks(b)
    finally:
        b.close()
    print(f"\n{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


def tab_until(b, element_id, limit=40, shift=False):
    for _ in range(limit):
        b.key("Tab", shift=shift)
        if active_id(b) == element_id:
            return True
    return False


def run_checks(b):
    # --- linked: ids, countdown, idle timers -----------------------------
    b.add_init_script(TIMER_PROBE)
    open_page(b, "scenario=linked&expires=2520")
    ids = ["screen", "busy", "copy-token", "refresh-now", "unlink", "relink", "account-name", "token-expiry",
           "link-expiry", "granted-scopes", "not-granted-scopes"]
    missing = b.eval(f"{json.dumps(ids)}.filter(id => !document.getElementById(id))")
    check("linked: stable ids present", missing == [], missing)
    check("linked: data-screen", b.eval("document.getElementById('screen').dataset.screen") == "linked")
    check("linked: granted li carry data-scope",
          b.eval("[...document.querySelectorAll('#granted-scopes > li')].every(li => li.dataset.scope)") and
          b.eval("document.querySelectorAll('#granted-scopes > li').length") == 5)
    check("linked: not-granted list present but hidden when empty",
          b.eval("document.getElementById('not-granted-scopes').children.length === 0 && "
                 "!document.getElementById('not-granted-scopes').checkVisibility()"))
    check("linked: token-expiry has data-expires-at",
          bool(b.eval("document.getElementById('token-expiry').dataset.expiresAt")))
    text = b.eval("document.getElementById('token-expiry').textContent")
    check("linked: countdown text in minutes", text.startswith("Expires in 41 min") or text.startswith("Expires in 42 min"), text)
    check("linked: no token in DOM beyond the mask", "BQD3…w9Zk" in b.eval("document.body.textContent"))
    b.pump(1.5)
    timers = json.loads(b.eval("JSON.stringify(window.__timers)"))
    intervals = [t for t in timers if t["kind"] == "interval"]
    check("idle: no setInterval", not intervals, intervals)
    # Boot's two 10 s guards (cleared once answered) and the shim's fake
    # latency (60 ms) are not the countdown.
    countdown = [t for t in timers if t["ms"] not in (10_000, 60)]
    long_ones = [t for t in countdown if t["ms"] > 1000]
    short_ones = [t for t in countdown if t["ms"] <= 1000]
    check("idle: one minute-aligned countdown timer, nothing shorter after settling",
          len(long_ones) == 1 and 0 < long_ones[0]["ms"] <= 60_001 and not short_ones, timers)
    check("idle: no running animations", b.eval("document.getAnimations().length") == 0)

    # Visibility: hidden stops the timer, visible resyncs.
    b.eval("""(() => {
      window.__vis = 'hidden';
      Object.defineProperty(document, 'visibilityState', { get: () => window.__vis, configurable: true });
      window.__timers.length = 0;
      document.dispatchEvent(new Event('visibilitychange'));
    })()""")
    check("hidden: no new timers", b.eval("window.__timers.length") == 0)
    b.eval("window.__vis = 'visible'; document.dispatchEvent(new Event('visibilitychange'))")
    check("visible: countdown rescheduled once", b.eval("window.__timers.length") == 1, b.eval("JSON.stringify(window.__timers)"))

    # Seconds under two minutes.
    open_page(b, "scenario=linked&expires=95")
    b.eval("window.__timers.length = 0")
    b.pump(2.2)
    text = b.eval("document.getElementById('token-expiry').textContent")
    n = b.eval("window.__timers.filter(t => t.kind === 'timeout' && t.ms <= 1000).length")
    check("seconds: text shows seconds", "s ·" in text, text)
    check("seconds: about one timer per second", 1 <= n <= 4, n)

    open_page(b, "scenario=linked&expires=1")
    b.pump(1.5)
    b.eval("window.__timers.length = 0")
    b.pump(1.2)
    check("expired: countdown stopped", b.eval("window.__timers.length") == 0)
    check("expired: says expired", b.eval("document.getElementById('token-expiry').textContent").startswith("Expired at"))

    # --- linked: keyboard through the unlink dialog ------------------------
    open_page(b, "scenario=linked")
    check("keyboard: unlink reachable by Tab", tab_until(b, "unlink"))
    b.key("Enter", text="\r")
    b.pump(0.3)
    check("dialog: opens, focus on Cancel (not the destructive button)",
          b.eval("!!document.querySelector('dialog[open]')") and b.eval("document.activeElement.value") == "cancel")
    check("dialog: honest wording mentions keychain and Apps page",
          all(w in b.eval("document.querySelector('dialog').textContent") for w in ("keychain", "Apps page")))
    check("dialog: Apps page button present", b.eval("!!document.getElementById('confirm-account-apps')"))
    b.key("Escape")
    b.pump(0.3)
    check("dialog: Escape closes, focus back on #unlink",
          not b.eval("!!document.querySelector('dialog')") and active_id(b) == "unlink")
    check("dialog: Escape did not unlink", last_call(b, "unlink") is None)
    b.key("Enter", text="\r")
    b.pump(0.3)
    b.eval("document.getElementById('unlink-confirm').focus()")
    b.key("Enter", text="\r")
    b.pump(0.6)
    check("unlink: command sent", any(c[0] == "unlink" for c in json.loads(calls(b))))
    check("unlink: unlinked screen", b.eval("document.getElementById('screen').dataset.screen") == "unlinked")
    check("unlink: notice with Apps page button",
          b.eval("!!document.getElementById('notice') && !!document.getElementById('notice-account-apps')"))
    check("unlink: focus moved to the new heading", b.eval("document.activeElement.tagName") == "H1")

    # --- relink dialog ------------------------------------------------------
    open_page(b, "scenario=linked-renew-soon")
    check("renew soon: banner + relink button", b.eval("!!document.getElementById('health-relink')"))
    check("renew soon: not-granted listed",
          b.eval("[...document.querySelectorAll('#not-granted-scopes > li')].map(li => li.dataset.scope).join()") == "user-read-email")
    b.eval("document.getElementById('relink').click()")
    b.pump(0.3)
    prefilled = b.eval("[...document.querySelectorAll('dialog input[type=checkbox]:checked')].map(x => x.value)")
    check("relink: picker prefilled with requested scopes", sorted(prefilled) == sorted(
        ["user-read-private", "user-read-email", "user-read-playback-state", "user-read-currently-playing"]), prefilled)
    b.eval("document.getElementById('relink-scope-user-top-read').click()")
    b.eval("document.getElementById('relink-start').click()")
    b.pump(0.5)
    args = last_call(b, "start_link")
    check("relink: start_link relink=true with edited scopes",
          args and args["relink"] is True and "user-top-read" in args["scopes"], args)
    check("relink: waiting screen", b.eval("document.getElementById('screen').dataset.screen") == "waiting")
    check("waiting: cancel-link present", b.eval("!!document.getElementById('cancel-link')"))
    b.eval("document.getElementById('cancel-link').click()")
    b.pump(0.4)
    check("waiting: cancel goes back", b.eval("document.getElementById('screen').dataset.screen") == "linked")

    # --- unlinked: presets and link ----------------------------------------
    open_page(b, "scenario=unlinked")
    check("unlinked: permissions collapsed", b.eval("!document.getElementById('permissions').open"))
    b.eval("document.getElementById('permissions').open = true")
    b.eval("document.getElementById('scope-preset-basic').click()")
    check("presets: basic ticks its scopes",
          b.eval("[...document.querySelectorAll('#permissions input[type=checkbox]:checked')].map(x => x.value).join()")
          == "user-read-email,user-read-private")
    b.eval("document.getElementById('scope-user-top-read').click()")
    check("presets: manual change selects Custom", b.eval("document.getElementById('scope-preset-custom').checked"))
    check("presets: count follows", "3 selected" in b.eval("document.querySelector('.disclosure__count').textContent"))
    b.eval("document.getElementById('link-button').click()")
    b.pump(0.4)
    args = last_call(b, "start_link")
    check("link: start_link with picked scopes, relink=false",
          args == {"scopes": ["user-top-read", "user-read-email", "user-read-private"], "relink": False}, args)
    check("waiting: pending expiry countdown", "min" in b.eval("document.getElementById('pending-expiry').textContent"))

    # --- setup: validation ----------------------------------------------------
    open_page(b, "scenario=setup")
    b.eval("document.getElementById('client-id-input').focus()")
    b.type("not-a-client-id")
    b.key("Enter", text="\r")
    b.pump(0.2)
    check("setup: invalid id shows inline error",
          b.eval("document.getElementById('client-id-input').getAttribute('aria-invalid')") == "true"
          and b.eval("document.getElementById('client-id-error').textContent") != "")
    check("setup: invalid id not sent", last_call(b, "save_client_id") is None)
    b.eval("document.getElementById('client-id-input').value = ''")
    b.type("  0123456789abcdef0123456789ABCDEF ")
    b.key("Enter", text="\r")
    b.pump(0.3)
    check("setup: valid id saved trimmed",
          last_call(b, "save_client_id") == {"clientId": "0123456789abcdef0123456789ABCDEF"}, last_call(b, "save_client_id"))
    open_page(b, "scenario=setup")
    b.eval("document.getElementById('client-id-input').value = 'spotlink-test-client'")
    b.eval("document.getElementById('save-client-id').click()")
    b.pump(0.2)
    check("setup: emulator id refused without the emulator", last_call(b, "save_client_id") is None)
    open_page(b, "scenario=setup-edit")
    b.eval("document.getElementById('save-client-id').click()")
    b.pump(0.3)
    check("setup: emulator id accepted with the emulator", last_call(b, "save_client_id") == {"clientId": "spotlink-test-client"})
    open_page(b, "scenario=setup")
    b.eval("document.getElementById('redirect-mode-loopback').click()")
    b.pump(0.2)
    check("setup: redirect mode change sent", last_call(b, "set_redirect_mode") == {"mode": "loopback"})
    b.eval("document.getElementById('copy-redirect-loopback').click()")
    b.pump(0.2)
    check("setup: copy redirect uri", last_call(b, "copy_redirect_uri") == {"which": "loopback"})

    # --- errors -------------------------------------------------------------
    expectations = {
        "denied": ("Try again", "start_link"),
        "state_mismatch": ("Try again", "start_link"),
        "network": ("Retry", "start_link"),
        "timeout": ("Retry", "start_link"),
        "relink_needed": ("Relink", "start_link"),
        "not_allow_listed": ("Open developer dashboard", "open_dashboard"),
        "invalid_client": ("Check client ID", "edit_client_id"),
        "keychain_unavailable": (None, None),
        "config": (None, None),
    }
    for kind, (label, command) in expectations.items():
        open_page(b, f"scenario=unlinked&error={kind}")
        banner = b.eval("(() => { const e = document.getElementById('error-banner'); return e && [e.dataset.kind, e.getAttribute('role')]; })()")
        check(f"error {kind}: banner role=alert data-kind", banner == [kind, "alert"], banner)
        action = b.eval("document.getElementById('error-action')?.textContent ?? null")
        check(f"error {kind}: action", action == label, action)
        if command:
            b.eval("document.getElementById('error-action').click()")
            b.pump(0.3)
            check(f"error {kind}: action sends {command}", any(c[0] == command for c in json.loads(calls(b))))
    open_page(b, "scenario=linked&error=network")
    b.eval("document.getElementById('error-action').click()")
    b.pump(0.3)
    check("error network on linked: retry refreshes", any(c[0] == "refresh_now" for c in json.loads(calls(b))))
    open_page(b, "scenario=linked&error=rate_limited")
    check("rate limited: retry inert during countdown",
          b.eval("document.getElementById('error-action').getAttribute('aria-disabled')") == "true")
    check("rate limited: countdown hidden from AT, time given once",
          b.eval("document.querySelector('.banner__countdown').getAttribute('aria-hidden')") == "true")
    b.eval("document.querySelector('.banner__dismiss').click()")
    b.pump(0.3)
    check("error: dismiss sends dismiss_error and removes banner",
          any(c[0] == "dismiss_error" for c in json.loads(calls(b))) and not b.eval("!!document.getElementById('error-banner')"))

    # --- boot failures ---------------------------------------------------------
    open_page(b, "scenario=noipc")
    check("boot: no bridge → message", b.eval("document.getElementById('screen').dataset.screen") == "unavailable")
    open_page(b, "scenario=hang")
    b.pump(10.5)
    check("boot: silent shell → message after timeout",
          b.eval("document.getElementById('screen').dataset.screen") == "unavailable",
          b.eval("document.getElementById('screen').textContent"))

    # --- busy indicator ---------------------------------------------------------
    open_page(b, "scenario=busy-refreshing")
    check("busy: indicator shows refreshing",
          b.eval("document.getElementById('busy').dataset.busy") == "refreshing"
          and b.eval("document.getElementById('refresh-now').getAttribute('aria-disabled')") == "true")
    open_page(b, "scenario=busy-refreshing", reduced_motion=True)
    check("reduced motion: no animation while busy", b.eval("document.getAnimations().length") == 0)

    # --- small window -------------------------------------------------------------
    for query in ("scenario=linked", "scenario=setup", "scenario=waiting", "scenario=unlinked&open=permissions"):
        open_page(b, query, width=480, height=560)
        overflow = b.eval("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        check(f"480px wide: no horizontal scroll ({query})", not overflow)

    problems = b.all_problems()
    check("no console errors or CSP violations", not problems, problems)


if __name__ == "__main__":
    main()
