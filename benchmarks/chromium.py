"""Which Chromium the browser benchmarks launch: the one the tests use (IG_BROWSER, then
Debian's headless shell or full Chromium), else Playwright's own download."""

from __future__ import annotations

import os
from pathlib import Path

DEBIAN_CHROMIUMS = ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium")


def launch_options() -> dict:
    """Keyword arguments for playwright.chromium.launch()."""
    executable = os.environ.get("IG_BROWSER") or next((p for p in DEBIAN_CHROMIUMS if Path(p).exists()), None)
    return {"executable_path": executable} if executable else {}
