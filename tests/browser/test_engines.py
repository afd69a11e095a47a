"""The site Zensical builds from the generated tree (`imgguide generate`), in Chromium: a
reader on a step page finds the same page as in the default build (MkDocs with the hooks),
answers its questions, and meets no request to another host, no console error and no axe
violation. The static checks of both outputs are in tests/build/test_generate.py."""

from __future__ import annotations

import shutil

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from ..build.test_generate import build_generated, generate_tree
from ..conftest import PROJECT, BuiltSite, free_port
from .conftest import Guard, axe_in_both_palettes, screenshot, serve
from .test_practice import FIRST_STEP, LABELS, stored

pytest.importorskip("zensical", reason="Zensical is optional: pip install -e .[zensical]")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory):
    tree = tmp_path_factory.mktemp("zensical-tree")
    assert generate_tree(tree).returncode == 0
    # The tree names the project by a relative path: keep it valid from the temporary folder.
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    config["INHERIT"] = str(PROJECT / "mkdocs.yml")
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    (tree / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    site = build_generated("zensical-generated", tree, free_port())
    with serve(site.path, site.port):
        yield site
    shutil.rmtree(tree, ignore_errors=True)


def texts(page: Page, selector: str) -> list[str]:
    """The text of every element `selector` matches, whitespace collapsed."""
    collapse = "(nodes) => nodes.map((node) => node.textContent.replace(/\\s+/g, ' ').trim())"
    return page.locator(selector).evaluate_all(collapse)


def read_step_page(browser: Browser, site: BuiltSite, engine: str) -> dict:
    """Open the first step page as a reader, answer its first question right, check it with
    axe in both palettes; return what a reader sees of the page's structure."""
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    guard = Guard.on(context, site.base_url)
    page: Page = context.new_page()
    page.goto(site.base_url + f"steps/{FIRST_STEP}/")
    screenshot(page, f"engine-{engine}-step")
    article = page.locator(".ig-practice-block article.ig-question").first
    answer = article.get_attribute("data-ig-answer")
    article.locator(f".ig-option[data-ig-option='{answer}'] label").click()
    article.get_by_role("button", name=LABELS["check"]).click()
    expect(article.locator(".ig-question__feedback")).to_contain_text(LABELS["correct"])
    assert stored(page, "quiz:" + article.get_attribute("data-ig-question"))["a"][-1][1] == answer
    assert axe_in_both_palettes(page) == {"light": [], "dark": []}, engine
    seen = {
        "title": page.locator("h1").inner_text(),
        "headings": texts(page, ".md-content h2"),
        "questions": page.locator(".ig-practice-block article.ig-question").count(),
        "citations": page.locator(".md-content sup.ig-cite a").count(),
        "navigation": texts(page, ".md-nav--primary .md-nav__link"),
    }
    context.close()
    assert guard.foreign_requests == [], engine
    assert guard.console_errors == [], engine
    return seen


def test_a_step_page_built_by_zensical_reads_and_works_as_the_mkdocs_one(
    browser: Browser, site: BuiltSite, zensical_site: BuiltSite
):
    from_mkdocs = read_step_page(browser, site, "mkdocs")
    from_zensical = read_step_page(browser, zensical_site, "zensical")
    assert from_mkdocs["questions"] > 0 and from_mkdocs["citations"] > 0
    assert from_zensical == from_mkdocs
