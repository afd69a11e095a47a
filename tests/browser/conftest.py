"""Browser fixtures: the built site served on localhost, Chromium that works on this
machine (Debian's, or Playwright's own elsewhere), a guard that fails a test on any request
to another host or any console error, and axe-core for accessibility checks."""

from __future__ import annotations

import functools
import io
import os
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from ..conftest import PROJECT, BuiltSite

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
# A loaded CI machine can be slow to navigate; assertions wait up to this long.
expect.set_options(timeout=10_000)
SCREENSHOTS = PROJECT / "test-results" / "screenshots"
DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium"
# What axe checks, and what fails a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("IG_BROWSER") or (DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).exists() else None)
    if executable:
        return {**browser_type_launch_args, "executable_path": executable}
    return browser_type_launch_args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The offline worker would copy the whole site in the background of every test; the
    # offline tests open their own contexts with service workers allowed.
    return {**browser_context_args, "service_workers": "block", "accept_downloads": True}


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site under a path prefix, with its 404.html for unknown addresses,
    as GitHub Pages does for https://user.github.io/repo/."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        target = Path(self.translate_path(self.path.split("?", 1)[0]))
        if not (target.exists() or (target / "index.html").exists()):
            page = Path(self.directory) / "404.html"
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that moves on mid-download resets its connection: not a test failure.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, port: int = 0, prefix: str = "/"):
    """Serve `directory` at http://127.0.0.1:port/prefix; yields the base URL."""
    handler = functools.partial(type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(directory))
    server = _QuietServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(built_site: BuiltSite):
    """The built site, served over http at the origin it was built for."""
    with serve(built_site.path, built_site.port):
        yield built_site


@dataclass
class Guard:
    """What a page did that it must not: requests to other hosts, console errors."""

    base_url: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.foreign_requests.append(url)
            route.abort()


@pytest.fixture
def guard(site: BuiltSite, context: BrowserContext) -> Guard:
    watcher = Guard(site.base_url)
    context.route("**/*", watcher.route)
    context.on("console", lambda msg: watcher.console_errors.append(msg.text) if msg.type == "error" else None)
    context.on("weberror", lambda error: watcher.console_errors.append(str(error.error)))
    yield watcher
    assert watcher.foreign_requests == [], "requests to other hosts"
    assert watcher.console_errors == [], "console errors"


@pytest.fixture
def reader(page: Page, guard: Guard, site: BuiltSite) -> Page:
    """A page whose every request and console message is watched."""
    page.set_default_timeout(10_000)
    return page


def run_axe(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def use_palette(page: Page, scheme: str) -> None:
    """Show the page in the "light" or "dark" palette exactly as a reader whose system is
    set that way sees it (Material's automatic palette, with its own primary and accent
    colours), with colour transitions off so axe measures final colours, not a blend."""
    page.emulate_media(color_scheme=scheme)
    page.reload()
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{expected}'")
