#!/usr/bin/env python3
"""Serves ui/ for previewing in a normal browser, with a fake Tauri bridge.

    python3 docs/ui-preview/serve.py [PORT]   # default 8765, 127.0.0.1 only

index.html is served with <script src="/__preview/shim.js"> added to its head
(the file in ui/ is untouched) and every response carries the app's CSP, so a
CSP violation shows up here too. Pick a canned state with ?scenario=...;
see shim.js for the list. locales/ is served under /__locales/ for the shim's
`catalog` command (?lang=ru).
"""

import http.server
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
PREVIEW = ROOT / "docs" / "ui-preview"
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
SHIM_TAG = b'<script src="/__preview/shim.js"></script>\n  '


class Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith("/__preview/"):
            return str(PREVIEW / path[len("/__preview/"):])
        if path.startswith("/__locales/"):
            return str(ROOT / "locales" / path[len("/__locales/"):])
        return str(UI / path.lstrip("/"))

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            html = (UI / "index.html").read_bytes()
            marker = b'<script type="module"'
            html = html.replace(marker, SHIM_TAG + marker, 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
