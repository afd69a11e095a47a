"""The guide as a reader uses it in Chromium: every page loads on its own with nothing from
other hosts and no console errors, passes axe-core in both palettes when reached by a link
(instant navigation, as readers move through the site), fits a 360 px phone, and works
with the keyboard, search and instant navigation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .conftest import NO_TRANSITIONS, Guard, address, axe_in_both_palettes, run_axe, screenshot, settle, use_palette

CONTENT = load_content(PROJECT)
# Every page of the site (the reader guard also fails a test on any request to another
# host and on any console error).
NOT_FOUND = "404.html"
PAGES = [
    "", "checklist/", "planner/", "practice/", "sources/", NOT_FOUND,
    *[f"{a.id}/" for a in CONTENT.articles],
    *[f"steps/{s.id}/" for s in CONTENT.steps],
    *[f"question-bank/{s.id}/" for s in CONTENT.steps if CONTENT.questions_for(s.id)],
]


@pytest.fixture(scope="module")
def wanderer(browser: Browser, browser_context_args: dict, site: BuiltSite):
    """One reader who goes from page to page by following links, as readers do: after the
    first page, Material's instant navigation swaps each page in (what the sweep below
    measures) without loading the scripts, the search index and axe again. Its guard is
    checked after every page."""
    context = browser.new_context(**browser_context_args)
    guard = Guard.on(context, site.base_url)
    page = context.new_page()
    page.emulate_media(color_scheme="light")  # a reader whose system is light
    page.goto(site.base_url)
    page.evaluate("() => { window.igWanderer = true; }")  # gone if a page is loaded anew
    yield page, guard
    context.close()


def follow_link_to(page: Page, url: str) -> None:
    """Click a link to `url` (same site: instant navigation) and wait for the new page."""
    page.evaluate("() => { document.querySelector('.md-content').dataset.igLeft = '1'; }")
    page.evaluate(
        "(url) => { const link = document.createElement('a'); link.href = url;"
        " document.querySelector('.md-content').appendChild(link); link.click(); }",
        url,
    )
    expect(page).to_have_url(address(url))
    page.wait_for_function("() => !document.querySelector('.md-content[data-ig-left]')")
    assert page.evaluate("() => window.igWanderer === true"), "the page was loaded again, not swapped in"


@pytest.mark.parametrize("path", [path for path in PAGES if path != NOT_FOUND])
def test_page_is_accessible_in_light_and_dark_palettes(wanderer, site: BuiltSite, path: str):
    page, guard = wanderer
    follow_link_to(page, site.base_url + path)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    settle(page)  # widgets built, bank fetched
    assert axe_in_both_palettes(page) == {"light": [], "dark": []}
    assert guard.foreign_requests == [], "requests to other hosts"
    assert guard.console_errors == [], "console errors"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_on_its_own_without_errors(reader: Page, site: BuiltSite, path: str):
    """Opened directly (a bookmark, a search result), every page starts with nothing from
    other hosts and no console error (the reader's guard checks both)."""
    reader.goto(site.base_url + path)
    expect(reader.locator("h1")).to_have_count(1)
    settle(reader)


def test_the_not_found_page_is_accessible_in_light_and_dark_palettes(reader: Page, site: BuiltSite, guard: Guard):
    """A mistyped address never reaches instant navigation (no link leads there)."""
    missing = site.base_url + "no-such-page/"
    reader.emulate_media(color_scheme="light")
    reader.goto(missing)
    expect(reader.locator("h1")).to_have_text(CONTENT.labels.not_found_title)
    guard.forgive_errors_from(lambda source: source == missing)  # the browser logs the 404 status
    assert axe_in_both_palettes(reader) == {"light": [], "dark": []}


@pytest.mark.parametrize("path", ["", "steps/ecfmg-certification/", "checklist/", "timeline-trap/"])
def test_pages_fit_a_360px_phone_without_sideways_scrolling(reader: Page, site: BuiltSite, path: str):
    reader.set_viewport_size({"width": 360, "height": 740})
    reader.goto(site.base_url + path)
    overflow = reader.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(reader, "phone-" + (path.strip("/").replace("/", "-") or "home"))


def test_palette_toggle_switches_a_step_between_light_and_dark(reader: Page, site: BuiltSite):
    reader.emulate_media(color_scheme="light")
    reader.goto(site.base_url + "steps/visa-and-start/")
    reader.add_style_tag(content=NO_TRANSITIONS)
    body = reader.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    # The toggle cycles system preference -> light -> dark, like Material's docs.
    for _ in range(3):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        reader.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert run_axe(reader) == []
    screenshot(reader, "dark-step-visa")


def test_home_pipeline_leads_through_all_steps_with_the_keyboard(reader: Page, site: BuiltSite):
    reader.goto(site.base_url)
    reader.evaluate("() => { window.__igSamePage = true; }")
    first_card = reader.locator(".ig-pipeline__title a").first
    for _ in range(200):
        reader.keyboard.press("Tab")
        if reader.evaluate("() => document.activeElement && document.activeElement.matches('.ig-pipeline__title a')"):
            break
    else:
        pytest.fail("the first step card was never reached with Tab")
    expect(first_card).to_be_focused()
    reader.keyboard.press("Enter")
    expect(reader).to_have_url(address(site.base_url + f"steps/{CONTENT.steps[0].id}/"))
    # Material's instant navigation swapped the page without a reload.
    assert reader.evaluate("() => window.__igSamePage === true")
    for step in CONTENT.steps[1:]:
        reader.locator(".ig-pager__link--next").focus()
        reader.keyboard.press("Enter")
        expect(reader).to_have_url(address(site.base_url + f"steps/{step.id}/"))
        expect(reader.locator("h1")).to_contain_text(step.title)
    expect(reader.locator(".ig-pager__link--next")).to_have_count(0)


def test_citation_jumps_to_the_source_entry(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "steps/eras-application/")
    citation = reader.locator("sup.ig-cite a").first
    target = "#" + citation.get_attribute("href").split("#")[1]
    citation.click()
    expect(reader.locator(target)).to_be_in_viewport()
    expect(reader.locator(target).locator("a[href^='https://']")).to_have_count(1)


def test_search_finds_step_content_in_light_and_dark_palettes(reader: Page, site: BuiltSite):
    reader.goto(site.base_url)
    for scheme in ("light", "dark"):
        use_palette(reader, scheme)
        reader.keyboard.press("/")
        reader.keyboard.type("Statement of Need")
        expect(reader.locator(".md-search-result__item a").first).to_be_visible()
        expect(reader.locator(".md-search-result__item a[href*='steps/visa-and-start/']").first).to_be_attached()
        assert run_axe(reader) == [], scheme


def test_unverified_claims_are_marked_in_words(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "timeline-trap/")
    badge = reader.locator(".ig-badge--unverified").first
    expect(badge).to_have_text(CONTENT.labels.unverified)


LAYOUT_SHIFT = (
    "window.__shift = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) {"
    " if (!entry.hadRecentInput) window.__shift += entry.value; } })"
    ".observe({type: 'layout-shift', buffered: true});"
)


@pytest.mark.parametrize("path", ["costs/", "my-applications/", "planner/", "practice/"])
def test_a_tool_page_keeps_still_while_its_script_loads_and_starts(reader: Page, site: BuiltSite, path: str):
    """The tools' scripts load after the page (data-ig-scripts); their place is kept from the
    first paint, so the widget starting moves nothing (layout shift well under 0.1)."""
    reader.set_viewport_size({"width": 1280, "height": 900})
    reader.add_init_script(LAYOUT_SHIFT)
    reader.goto(site.base_url + path)
    expect(reader.locator("[data-ig-scripts]")).to_have_attribute("data-ig-ready", "1")
    # Layout-shift entries reach the observer after the next frames are drawn: wait for them.
    reader.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert reader.evaluate("() => window.__shift") < 0.05
