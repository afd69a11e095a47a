"""The site as deployed: under a GitHub Pages subpath, offline after a first visit (with a
notice when a newer version is ready), and printed on paper."""

from __future__ import annotations

import io
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from imgguide.offline import write_service_worker
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite, free_port, mkdocs_serve, run_build
from ..textnorm import norm
from .conftest import Guard, address, serve

CONTENT = load_content(PROJECT)
PRACTICE = CONTENT.practice.labels
PLANNER = CONTENT.planner.labels
FIRST_STEP = CONTENT.steps[0]


def wait_until_offline_ready(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait until the worker controls the page and has stored every file of the site.

    A worker becomes active only after its install step has stored every file (and the
    manifest), and it then claims the open pages: so the page waits for those two events."""
    ready = page.evaluate(
        """async (timeoutMs) => {
            const sw = navigator.serviceWorker;
            const controlled = sw.ready.then(() => sw.controller || new Promise((resolve) =>
                sw.addEventListener("controllerchange", resolve, { once: true })));
            const late = new Promise((resolve) => setTimeout(() => resolve("late"), timeoutMs));
            if (await Promise.race([controlled, late]) === "late") return false;
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                if (await cache.match(new URL("__ig_manifest__", sw.controller.scriptURL))) return true;
            }
            return false;
        }""",
        timeout_ms,
    )
    assert ready, "the offline worker never became ready"


# ------------------------------------------------------------------ offline -----------


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory) -> tuple[Path, int]:
    """One build for the offline tests, for a port of their own (instant navigation needs
    the origin the site was built for)."""
    port = free_port()
    site_dir = tmp_path_factory.mktemp("offline") / "site"
    result = run_build(PROJECT, site_dir, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    return site_dir, port


@pytest.fixture
def own_site(offline_build: tuple[Path, int], tmp_path: Path):
    """A copy of that build with a server of its own, which a test can switch off or change."""
    built, port = offline_build
    site_dir = tmp_path / "site"
    shutil.copytree(built, site_dir)
    stack = ExitStack()
    base = stack.enter_context(serve(site_dir, port))
    yield site_dir, base, stack.close
    stack.close()


def test_after_a_first_visit_the_guide_practice_and_planner_work_offline(browser: Browser, own_site):
    site_dir, base, stop_server = own_site
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base)
    wait_until_offline_ready(page)
    stop_server()  # no network from here on: only what the browser kept

    page.evaluate("() => { window.__igSamePage = true; }")
    page.locator(".ig-pipeline__title a").first.click()  # instant navigation, from the cache
    expect(page.locator("h1")).to_contain_text(FIRST_STEP.title)
    assert page.evaluate("() => window.__igSamePage === true")
    page.reload()  # a full page load, from the cache
    expect(page.locator("h1")).to_contain_text(FIRST_STEP.title)

    page.goto(base + f"practice/?steps={FIRST_STEP.id}")
    expect(page.locator(".ig-builder")).to_be_visible()  # the bank came from the cache
    page.locator("#ig-count").fill("1")
    page.get_by_role("button", name=PRACTICE["start"]).click()
    page.locator(".ig-runner .ig-option label").first.click()
    page.get_by_role("button", name=PRACTICE["check"]).click()
    expect(page.locator(".ig-runner .ig-question__feedback")).not_to_have_text("")

    page.goto(base + "planner/?match=2028&today=2026-11-26")
    expect(page.locator(".ig-plan__status")).to_contain_text(PLANNER["status_on_track"])

    page.goto(base + "no-such-page/")
    expect(page.locator("h1")).to_have_text(CONTENT.labels.not_found_title)
    assert errors == []
    context.close()


def test_a_new_version_is_offered_and_loaded_when_the_reader_chooses(browser: Browser, own_site):
    site_dir, base, _ = own_site
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(base)
    wait_until_offline_ready(page)
    page.reload()
    expect(page.locator(".ig-update")).to_have_count(0)

    # A new deploy: one page changes, and the build writes a new worker.
    index = site_dir / "index.html"
    index.write_text(index.read_text().replace("</h1>", " (updated)</h1>", 1))
    write_service_worker(site_dir)

    page.reload()  # the browser checks for a newer worker on each page load
    notice = page.locator(".ig-update")
    expect(notice).to_contain_text(CONTENT.labels.update_available, timeout=20_000)
    expect(page.locator("h1")).not_to_contain_text("(updated)")  # still the cached version
    notice.get_by_role("button", name=CONTENT.labels.update_reload).click()
    expect(page.locator("h1")).to_contain_text("(updated)", timeout=20_000)
    context.close()


def test_under_mkdocs_serve_pages_ask_for_no_service_worker(browser: Browser, site: BuiltSite):
    # The build writes sw.js and tells its pages so; `mkdocs serve` writes none and says nothing.
    assert (site.path / "sw.js").exists() and "data-ig-offline" in site.page("index.html")
    with mkdocs_serve(PROJECT) as base:
        context = browser.new_context(service_workers="allow")
        page = context.new_page()
        requested: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(base, wait_until="load")
        expect(page.locator(".ig-pipeline")).to_be_visible()
        expect(page.locator("[data-ig-offline]")).to_have_count(0)
        page.goto(base + f"steps/{FIRST_STEP.id}/", wait_until="load")
        assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
        context.close()
    assert [url for url in requested if url.endswith("sw.js")] == []
    assert errors == []


# ------------------------------------------------------------------ GitHub Pages subpath


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The site built for https://user.github.io/repo/ and served under /imgguide/."""
    port = free_port()
    prefix = "/imgguide/"
    site_dir = tmp_path_factory.mktemp("subpath") / "site"
    result = run_build(PROJECT, site_dir, site_url=f"http://127.0.0.1:{port}{prefix}")
    assert result.returncode == 0, result.output
    with serve(site_dir, port, prefix) as base:
        yield base


def test_under_a_subpath_every_journey_works(browser: Browser, subpath_site: str):
    context = browser.new_context(service_workers="block")
    guard = Guard(subpath_site)
    guard.watch_requests(context)
    page = context.new_page()
    guard.watch(page)
    page.goto(subpath_site)
    page.evaluate("() => { window.__igSamePage = true; }")
    page.locator(".ig-pipeline__title a").nth(4).click()
    expect(page).to_have_url(address(subpath_site + f"steps/{CONTENT.steps[4].id}/"))
    assert page.evaluate("() => window.__igSamePage === true"), "instant navigation under the subpath"

    page.keyboard.press("/")
    page.keyboard.type("Statement of Need")
    result = page.locator(".md-search-result__item a[href*='steps/visa-and-start/']").first
    expect(result).to_be_attached()
    assert result.get_attribute("href").startswith(subpath_site)
    page.keyboard.press("Escape")

    page.goto(subpath_site + "practice/")
    page.get_by_role("button", name=PRACTICE["start"]).click()  # the bank loaded from the subpath
    expect(page.locator(".ig-runner")).to_be_visible()
    page.goto(subpath_site + "planner/?match=2028&today=2026-11-26")
    expect(page.locator(".ig-plan__status")).to_be_visible()
    page.goto(subpath_site + "sitemap.xml")
    assert f"{subpath_site}steps/{FIRST_STEP.id}/" in page.content()
    errors_before_404 = list(guard.console_errors)
    response = page.goto(subpath_site + "missing/page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(CONTENT.labels.not_found_title)
    page.get_by_role("link", name=CONTENT.labels.home).last.click()
    expect(page).to_have_url(address(subpath_site))
    assert guard.foreign_requests == [] and errors_before_404 == []
    context.close()


# ------------------------------------------------------------------ print --------------


def pdf_text(page: Page) -> str:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return "\n".join(sheet.extract_text() or "" for sheet in reader.pages)


def test_a_step_page_prints_its_content_sources_and_disclaimer(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + f"steps/{FIRST_STEP.id}/")
    text = norm(pdf_text(reader))
    assert norm(f"Step 1: {FIRST_STEP.title}") in text
    assert norm(CONTENT.labels.sources) in text and norm(CONTENT.labels.last_reviewed) in text
    assert "https://ecfmg.org/certification/requirements-for-certification.html" in text.replace(" ", "")
    assert norm(CONTENT.labels.disclaimer.split(":")[0]) in text
    assert CONTENT.labels.next_step + ":" not in text  # the pager is screen-only
    assert norm(CONTENT.steps[7].title) not in text  # no navigation sidebar on paper


def test_the_planner_prints_the_plan_not_the_form(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "planner/?match=2028&today=2026-11-26")
    expect(reader.locator(".ig-plan__status")).to_be_visible()
    text = norm(pdf_text(reader))
    assert f"{PLANNER['plan_heading']} 2028 {PLANNER['match']}" in text
    assert "Wed 28 July 2027" in text
    assert norm(PLANNER["form_heading"]) not in text
    assert norm(PLANNER["ics"]) not in text


def test_the_guard_blocks_and_reports_a_request_to_another_host(browser: Browser, site: BuiltSite):
    """Every browser test trusts this: a page that asks another host for anything is caught."""
    context = browser.new_context()
    guard = Guard(site.base_url)
    guard.watch_requests(context)
    page = context.new_page()
    page.goto(site.base_url)
    page.evaluate("() => fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => 0)")
    page.evaluate(
        "() => new Promise((done) => { const image = new Image(); image.onerror = done;"
        " image.src = 'http://example.com/x.png'; })"
    )
    context.close()
    assert guard.foreign_requests == ["https://fonts.googleapis.com/css?family=Roboto", "http://example.com/x.png"]
