"""The site as deployed: under a GitHub Pages subpath, offline after a first visit (with a
notice when a newer version is ready), and printed on paper."""

from __future__ import annotations

import io
import re
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from imgguide.offline import write_service_worker
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite, free_port, run_build
from .conftest import Guard, serve

CONTENT = load_content(PROJECT)
PRACTICE = CONTENT.practice.labels
PLANNER = CONTENT.planner.labels
FIRST_STEP = CONTENT.steps[0]


def wait_until_offline_ready(page: Page, timeout: float = 30) -> None:
    """Wait until the worker controls the page and has stored every file of the site.

    (Polled with evaluate, which awaits the promise: wait_for_function would take an
    async predicate's promise itself as a truthy answer.)"""
    check = """async () => {
        const worker = navigator.serviceWorker.controller;
        if (!worker) return false;
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            if (await cache.match(new URL('__ig_manifest__', worker.scriptURL))) return true;
        }
        return false;
    }"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(check):
        assert time.monotonic() < deadline, "the offline worker never became ready"
        page.wait_for_timeout(250)


# ------------------------------------------------------------------ offline -----------


@pytest.fixture
def own_site(tmp_path: Path):
    """A build of the site with a server of its own, which a test can switch off."""
    port = free_port()
    site_dir = tmp_path / "site"
    result = run_build(PROJECT, site_dir, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
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
    context.route("**/*", guard.route)
    page = context.new_page()
    page.on("console", lambda msg: guard.console_errors.append(msg.text) if msg.type == "error" else None)
    page.goto(subpath_site)
    page.evaluate("() => { window.__igSamePage = true; }")
    page.locator(".ig-pipeline__title a").nth(4).click()
    # navigation.tracking may leave the home page's section anchor (#pipeline) on the URL
    # when the click scrolls past that heading first (Material's own race; the page is right).
    step_url = subpath_site + f"steps/{CONTENT.steps[4].id}/"
    expect(page).to_have_url(re.compile("^" + re.escape(step_url) + "(#pipeline)?$"))
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
    expect(page).to_have_url(subpath_site)
    assert guard.foreign_requests == [] and errors_before_404 == []
    context.close()


# ------------------------------------------------------------------ print --------------


def pdf_text(page: Page) -> str:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return "\n".join(sheet.extract_text() or "" for sheet in reader.pages)


def test_a_step_page_prints_its_content_sources_and_disclaimer(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + f"steps/{FIRST_STEP.id}/")
    text = " ".join(pdf_text(reader).split())
    assert f"Step 1: {FIRST_STEP.title}" in text
    assert CONTENT.labels.sources in text and CONTENT.labels.last_reviewed in text
    assert "https://ecfmg.org/certification/requirements-for-certification.html" in text.replace(" ", "")
    assert CONTENT.labels.disclaimer.split(":")[0] in text
    assert CONTENT.labels.next_step + ":" not in text  # the pager is screen-only
    assert CONTENT.steps[7].title not in text  # no navigation sidebar on paper


def test_the_planner_prints_the_plan_not_the_form(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "planner/?match=2028&today=2026-11-26")
    expect(reader.locator(".ig-plan__status")).to_be_visible()
    text = " ".join(pdf_text(reader).split())
    assert f"{PLANNER['plan_heading']} 2028 {PLANNER['match']}" in text
    assert "Wed 28 July 2027" in text
    assert PLANNER["form_heading"] not in text
    assert PLANNER["ics"] not in text
