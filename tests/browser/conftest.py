"""Browser fixtures: the built site served on localhost, Chromium that works on this
machine (Debian's, or Playwright's own elsewhere), a guard that fails a test on any request
to another host or any console error, and axe-core for accessibility checks."""

from __future__ import annotations

import functools
import io
import os
import re
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
# Debian's Chromium builds, lightest first (dev.py installs the headless shell on Debian).
DEBIAN_CHROMIUMS = ("/usr/lib/chromium/chromium-headless-shell", "/usr/lib/chromium/chromium")
# What axe checks, and what fails a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
# The rules that judge colours: what differs between the light and the dark palette.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
READER_TIMEZONE = "America/New_York"
# Colour transitions off, so axe measures the final colours, not a blend.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = os.environ.get("IG_BROWSER") or next((p for p in DEBIAN_CHROMIUMS if Path(p).exists()), None)
    if executable:
        return {**browser_type_launch_args, "executable_path": executable}
    return browser_type_launch_args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The offline worker would copy the whole site in the background of every test; the
    # offline tests open their own contexts with service workers allowed.
    # The reader's clock and language are set, not taken from the machine (TZ, LANG): a zone
    # that is not UTC, so a slip between local and UTC dates shows. Tests about other zones
    # open their own contexts with timezone_id.
    return {
        **browser_context_args,
        "service_workers": "block",
        "accept_downloads": True,
        "timezone_id": READER_TIMEZONE,
        "locale": "en-US",
    }


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


@dataclass(frozen=True)
class ConsoleError:
    """An error the page reported, and the script (URL) it came from."""

    text: str
    source: str


def _stack_source(stack: str) -> str:
    """The URL of the innermost frame of a JavaScript stack trace ("" when there is none)."""
    match = re.search(r"\(?((?:https?|blob):[^\s()]+?):\d+:\d+\)?", stack or "")
    return match.group(1) if match else ""


@dataclass
class Guard:
    """What a page did that it must not: requests to other hosts, console errors."""

    base_url: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[ConsoleError] = field(default_factory=list)

    @classmethod
    def on(cls, context: BrowserContext, base_url: str) -> Guard:
        """A guard over every request, console error and uncaught exception of `context`."""
        guard = cls(base_url)
        guard.watch_requests(context)
        guard.watch(context)
        return guard

    def block(self, route) -> None:
        self.foreign_requests.append(route.request.url)
        route.abort()

    def foreign(self) -> re.Pattern:
        """Every URL outside the site (data: and blob: URLs are the page's own). The pattern
        is matched in the browser's driver, so the site's own requests never wait for this
        process and only foreign ones reach `block`."""
        return re.compile("^(?!" + re.escape(self.base_url) + "|data:|blob:)")

    def watch_requests(self, context: BrowserContext) -> None:
        """Block and record every request `context` makes to another host."""
        context.route(self.foreign(), self.block)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(ConsoleError(message.text, message.location.get("url", "")))

    def on_page_error(self, error) -> None:
        self.console_errors.append(ConsoleError(str(error), _stack_source(error.stack)))

    def watch(self, target) -> None:
        """Record the console errors and uncaught exceptions of a page or a whole context."""
        target.on("console", self.on_console)
        if hasattr(target, "new_page"):  # a context: its "weberror" event carries the page's error
            target.on("weberror", lambda web_error: self.on_page_error(web_error.error))
        else:
            target.on("pageerror", self.on_page_error)

    def forgive_errors_from(self, accept) -> None:
        """Drop the errors whose source URL `accept(url)` accepts (never filter by text)."""
        self.console_errors[:] = [error for error in self.console_errors if not accept(error.source)]


@pytest.fixture
def guard(site: BuiltSite, context: BrowserContext) -> Guard:
    watcher = Guard.on(context, site.base_url)
    yield watcher
    assert watcher.foreign_requests == [], "requests to other hosts"
    assert watcher.console_errors == [], "console errors"


@pytest.fixture
def reader(page: Page, guard: Guard, site: BuiltSite) -> Page:
    """A page whose every request and console message is watched."""
    page.set_default_timeout(10_000)
    return page


def address(url: str) -> re.Pattern:
    """`url` exactly, with or without a fragment: for `expect(page).to_have_url(...)`, which
    waits for the navigation. Material's navigation.tracking may carry an anchor of the
    previous page ("#practice") onto the next one, and a test of where a link leads does
    not care about it."""
    return re.compile("^" + re.escape(url) + r"(#[^#]*)?$")


def run_axe(page: Page, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical axe-core violations on the current page: every rule of AXE_TAGS,
    or only `rules` (for example COLOUR_RULES).

    Material scrolls its sidebar so the current page's link is in view; on pages low in the
    navigation that leaves the first link half under the sidebar's top edge, which axe's
    target-size rule reports although a reader reaches it by scrolling the sidebar. The
    sidebars are scrolled to their top first, so that rule judges the links themselves."""
    page.evaluate("() => document.querySelectorAll('.md-sidebar__scrollwrap').forEach(s => { s.scrollTop = 0; })")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    result = page.evaluate(
        "(runOnly) => axe.run(document, {runOnly: runOnly, resultTypes: ['violations']})", run_only
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def axe_in_both_palettes(page: Page) -> dict[str, list[dict]]:
    """axe-core on the current page as a reader with a light system sees it (every rule), then
    with a dark one (the colour rules: the palettes share one DOM and differ only in colour),
    then light again. Passing means {"light": [], "dark": []}."""
    use_palette(page, "light")
    found = {"light": run_axe(page)}
    use_palette(page, "dark")
    found["dark"] = run_axe(page, COLOUR_RULES)
    use_palette(page, "light")
    return found


def check_phone_and_desktop_in_both_palettes(page: Page, name: str, shown: str) -> None:
    """The page as it stands, at 1280 and at 390 px: `shown` (a selector) stays visible, a
    screenshot of each palette ("<name>-<width>-<scheme>.png") and axe in both palettes."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for scheme in ("light", "dark"):
            use_palette(page, scheme)
            expect(page.locator(shown)).to_be_visible()
            screenshot(page, f"{name}-{width}-{scheme}")
        assert axe_in_both_palettes(page) == {"light": [], "dark": []}, width


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def use_palette(page: Page, scheme: str) -> None:
    """Show the page in the "light" or "dark" palette as a reader whose system switches to
    that scheme sees it: Material's automatic palette follows the system's
    prefers-color-scheme at once, with its own primary and accent colours (no reload, so
    the page keeps its state). Colour transitions are turned off, so axe measures the final
    colours, not a blend."""
    page.evaluate(
        "(css) => { if (!document.getElementById('ig-test-no-transitions')) {"
        " const style = document.createElement('style'); style.id = 'ig-test-no-transitions';"
        " style.textContent = css; document.head.appendChild(style); } }",
        NO_TRANSITIONS,
    )
    page.emulate_media(color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{expected}'")


def settle(page: Page) -> None:
    """Wait until every widget on the page has started and the Practice page has its bank
    (what a reader sees once the page has loaded), without waiting for the network to
    fall idle."""
    page.wait_for_function(
        "() => document.readyState === 'complete'"
        " && [...document.querySelectorAll('[data-ig-scripts]')].every((root) => root.dataset.igReady === '1')"
        " && !document.querySelector('.ig-practice__view--loading')"
    )
