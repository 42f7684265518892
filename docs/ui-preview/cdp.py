#!/usr/bin/env python3
"""A tiny Chrome DevTools Protocol client over --remote-debugging-pipe.

Drives headless Chromium for UI previews without any Python packages:
open a page, emulate light/dark and reduced motion, run JS, press keys, take
screenshots, collect console errors (CSP violations included).
"""

import base64
import json
import os
import subprocess
import tempfile
import time


class Browser:
    def __init__(self, chromium="chromium"):
        self.profile = tempfile.mkdtemp(prefix="spotlink-cdp-")
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events = []
        self.earlier_problems = []
        self.session = None

    # -- protocol ---------------------------------------------------------
    def _read_message(self):
        while b"\0" not in self._buf:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=True):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def pump(self, seconds):
        """Keeps reading events for `seconds` (page timers run meanwhile)."""
        end = time.time() + seconds
        while time.time() < end:
            self.send("Runtime.evaluate", {"expression": "1"})
            time.sleep(0.05)

    # -- page helpers -----------------------------------------------------
    def open(self, url, width=720, height=760, dark=False, reduced_motion=False):
        if self.session is None:
            target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
            self.session = self.send(
                "Target.attachToTarget", {"targetId": target, "flatten": True}, session=False
            )["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send(
            "Emulation.setEmulatedMedia",
            {
                "features": [
                    {"name": "prefers-color-scheme", "value": "dark" if dark else "light"},
                    {"name": "prefers-reduced-motion", "value": "reduce" if reduced_motion else "no-preference"},
                ]
            },
        )
        self.earlier_problems.extend(self.problems())
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.pump(0.8)

    def add_init_script(self, source):
        """Runs `source` before the page's own scripts on every later open()."""
        if self.session is None:
            self.open("about:blank")
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": source})

    def eval(self, expression):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def key(self, key, code=None, text=None, shift=False):
        modifiers = 8 if shift else 0
        base = {"key": key, "code": code or key, "modifiers": modifiers}
        codes = {"Tab": 9, "Enter": 13, "Escape": 27, " ": 32, "ArrowDown": 40, "ArrowUp": 38}
        if key in codes:
            base["windowsVirtualKeyCode"] = codes[key]
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **base, **({"text": text} if text else {})})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def type(self, text):
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        if full:
            height = self.eval("Math.ceil(document.documentElement.scrollHeight)")
            width = self.eval("document.documentElement.clientWidth")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def problems(self):
        """Console errors/warnings, exceptions and CSP reports seen so far."""
        found = []
        for event in self.events:
            method = event.get("method")
            params = event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(params["exceptionDetails"])[:400])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                if params["entry"].get("url", "").endswith("/favicon.ico"):
                    continue  # browsers ask for it; the Tauri window does not
                found.append("log: " + params["entry"]["text"])
        return found

    def all_problems(self):
        """problems() of every page opened so far."""
        return self.earlier_problems + self.problems()

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
