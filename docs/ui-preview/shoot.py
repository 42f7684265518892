#!/usr/bin/env python3
"""Screenshots every preview scenario in light and dark, and lists console
errors and CSP violations. Start serve.py first.

    python3 docs/ui-preview/shoot.py OUTDIR [QUERY ...]

Each QUERY is a URL query such as "scenario=linked&error=network"; without
any, a standard set is shot. Files: OUTDIR/<query>-<light|dark>.png (and
-full.png for the whole page).
"""

import pathlib
import re
import sys

from cdp import Browser

STANDARD = [
    "scenario=setup",
    "scenario=setup-edit",
    "scenario=unlinked",
    "scenario=unlinked&open=permissions",
    "scenario=unlinked-after-unlink",
    "scenario=waiting",
    "scenario=linked",
    "scenario=linked-renew-soon",
    "scenario=linked-expired",
    "scenario=linked-minimal",
    "scenario=linked&open=unlink",
    "scenario=linked&open=relink",
    "scenario=linked&error=rate_limited",
    "scenario=activity",
    "scenario=activity-empty",
    "scenario=unlinked&error=keychain_unavailable",
    "scenario=noipc",
]


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    queries = sys.argv[2:] or STANDARD
    browser = Browser()
    failures = 0
    try:
        for query in queries:
            for theme in ("light", "dark"):
                name = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-") + f"-{theme}"
                browser.open(f"http://127.0.0.1:8765/?{query}", dark=theme == "dark")
                browser.pump(0.6)
                browser.screenshot(out / f"{name}.png")
                browser.screenshot(out / f"{name}-full.png", full=True)
                for problem in browser.problems():
                    failures += 1
                    print(f"{query} [{theme}]: {problem}")
    finally:
        browser.close()
    print(f"{len(queries) * 2} screenshots in {out}, {failures} problems")


if __name__ == "__main__":
    main()
