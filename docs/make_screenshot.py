"""Make docs/coop-view.png, the README's picture, with the project's own command.

    python docs/make_screenshot.py

Runs ``coopgraph export --format html --include-events`` on the bundled data, opens the
page in Debian's headless Chromium (Playwright, ``executable_path``), clicks the KIAT-NIST
letter of intent so the details panel shows its quoted source, and takes a screenshot.
Korean labels need a CJK font in the system (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    from playwright.sync_api import sync_playwright

    from coopgraph.viz.browser import launch, wait_until_drawn

    page_file = Path(tempfile.mkdtemp()) / "coop.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "coopgraph",
            "export",
            "--format",
            "html",
            "--include-events",
            "-o",
            str(page_file),
        ],
        check=True,
    )
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 820})
        page.goto(page_file.as_uri())
        wait_until_drawn(page)
        page.evaluate("() => coopgraph.showEdge('KIAT|NIST|kiat-nist-loi-2022')")
        page.evaluate("() => coopgraph.network.selectEdges(['KIAT|NIST|kiat-nist-loi-2022'])")
        page.screenshot(path=str(HERE / "coop-view.png"))
        browser.close()


if __name__ == "__main__":
    main()
