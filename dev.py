#!/usr/bin/env python3
"""The README's two commands, for a fresh machine with Python 3.11 or newer.

    python3 dev.py serve [mkdocs serve options]   install the site into .venv and serve it
    python3 dev.py test  [pytest options]         install everything the tests need, run them all

Only the standard library is used here, because this runs before anything is installed.
Each install step is skipped when nothing it depends on has changed since the last run.

The browser tests need Chromium. In order of preference: $IG_BROWSER; a Chromium or Chrome
already on the machine (Debian's /usr/lib/chromium/chromium, or one on the PATH); on
Debian/Ubuntu as root, the `chromium` package installed with apt-get; elsewhere,
Playwright's own download.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# Each test process runs its own Chromium and builds its own copy of the site.
MAX_TEST_PROCESSES = 4
# Debian's package chromium-headless-shell (same version as its chromium).
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
SYSTEM_CHROMIUM = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*command: str | Path, env: dict[str, str] | None = None) -> None:
    say(" ".join(str(part) for part in command))
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True, env=env)


def fingerprint(*paths: Path, extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in paths:
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def up_to_date(stamp: Path, value: str) -> bool:
    return stamp.exists() and stamp.read_text() == value


def ensure_python_packages(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 starts it
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / ".ig-installed"
    value = fingerprint(ROOT / "pyproject.toml", extra=extras)
    if up_to_date(stamp, value):
        return
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
    stamp.write_text(value)


def can_use_apt() -> bool:
    return shutil.which("apt-get") is not None and hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(*packages: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def ensure_node_packages() -> None:
    if shutil.which("npm") is None or shutil.which("node") is None:
        if not can_use_apt():
            sys.exit("Node.js 18+ with npm is needed for the accessibility checks; please install it.")
        apt_install("nodejs", "npm")
    stamp = ROOT / "node_modules" / ".ig-installed"
    value = fingerprint(ROOT / "package.json", ROOT / "package-lock.json")
    if up_to_date(stamp, value):
        return
    run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(value)


def find_browser() -> str | None:
    """A Chromium executable for Playwright, or None to use Playwright's own download.

    Headless tests run best in Chromium's headless shell (what Playwright itself uses for
    headless runs): the full browser also starts its window furniture (the omnibox popup's
    web UI, one renderer per window), which took a third of the suite's CPU time on two
    cores. Order: IG_BROWSER; Debian's headless shell (installed when we may use apt);
    Playwright's own download; any Chromium or Chrome already installed; Debian's
    chromium (installed when we may use apt)."""
    if os.environ.get("IG_BROWSER"):
        return os.environ["IG_BROWSER"]
    if not Path(HEADLESS_SHELL).exists() and can_use_apt():
        try_apt_install("chromium-headless-shell")
    if Path(HEADLESS_SHELL).exists():
        return HEADLESS_SHELL
    if subprocess.call([str(PYTHON), "-m", "playwright", "install", "chromium"], cwd=ROOT) == 0:
        return None
    installed = installed_chromium()
    if installed is None and can_use_apt() and try_apt_install("chromium"):
        installed = installed_chromium()
    if installed is None:
        sys.exit("No Chromium for the browser tests: install one, or set IG_BROWSER=/path/to/chromium.")
    return installed


def installed_chromium() -> str | None:
    for candidate in SYSTEM_CHROMIUM:
        if Path(candidate).exists():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if shutil.which(name):  # e.g. the Chrome that GitHub's Ubuntu runners ship
            return shutil.which(name)
    return None


def try_apt_install(package: str) -> bool:
    try:
        apt_install(package)
    except subprocess.CalledProcessError:
        say(f"apt-get could not install {package}")
        return False
    return True


def serve(args: list[str]) -> int:
    ensure_python_packages("")
    return subprocess.call([str(BIN / "mkdocs"), "serve", *args], cwd=ROOT)


def ensure_test_packages() -> None:
    """The test extra, and Zensical (the second build engine) where it installs: its tests
    skip, saying why, on a machine whose package index lacks it. A failed attempt is not
    repeated on every run, only after pyproject.toml changes."""
    if up_to_date(VENV / ".ig-installed", fingerprint(ROOT / "pyproject.toml", extra="test")):
        return  # this pyproject.toml was installed without Zensical, which did not install
    try:
        ensure_python_packages("test,zensical")
    except subprocess.CalledProcessError:
        say("Zensical did not install here: its build tests will be skipped")
        ensure_python_packages("test")


def test(args: list[str]) -> int:
    ensure_test_packages()
    ensure_node_packages()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    browser = find_browser()
    if browser:
        env["IG_BROWSER"] = browser
        say(f"browser tests use {browser}")
    js_tests = ROOT / "tests" / "js"
    if js_tests.is_dir():
        # The JavaScript tests read the real calendar, exported from content/ first.
        with (js_tests / "timeline.json").open("w", encoding="utf-8") as out:
            if subprocess.call([str(PYTHON), "-m", "imgguide", "timeline-json"], cwd=ROOT, stdout=out) != 0:
                return 1
        say("node --test tests/js")
        if subprocess.call(["node", "--test", str(js_tests)], cwd=ROOT, env=env) != 0:
            return 1
    # The whole suite runs in parallel processes (pytest-xdist); an idle process takes
    # tests queued for a busy one (worksteal), which balanced two cores best here. A run of
    # chosen tests stays in one process (pass -n 2 to have it in parallel).
    options = args or ["--numprocesses", "auto", "--maxprocesses", str(MAX_TEST_PROCESSES), "--dist", "worksteal"]
    say("pytest " + " ".join(options))
    return subprocess.call([str(PYTHON), "-m", "pytest", *options], cwd=ROOT, env=env)


def main() -> int:
    commands = {"serve": serve, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    raise SystemExit(main())
