"""Opening the HTML view in a real headless Chromium: for tests, benchmarks and the docs.

Uses the system's Chromium (Debian package ``chromium``) through Playwright with
``executable_path``, so no browser is downloaded. The flags keep Chromium from reaching
for the network at start (this machine's network is closed, and the view needs none).
Playwright is a test dependency; it is imported only by the functions here.
"""

from __future__ import annotations

import shutil
import time
from typing import Any

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "launch", "wait_until_drawn"]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Any) -> Any:
    """A headless Chromium browser from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_until_drawn(page: Any, timeout: float = 60.0) -> float:
    """Wait for the view's first drawing; return its time in seconds since navigation.

    Polls with ``evaluate``: the page's Content-Security-Policy forbids the ``eval`` that
    Playwright's ``wait_for_function`` relies on.
    """
    deadline = time.monotonic() + timeout
    while page.evaluate("() => window.coopgraphDrawnAt === undefined"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the graph was not drawn within {timeout:.0f} s")
        time.sleep(0.05)
    return page.evaluate("() => window.coopgraphDrawnAt") / 1000
