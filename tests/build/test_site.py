"""A real `mkdocs build --strict` of the project, then the pages a reader gets."""

from __future__ import annotations

import re
from html import unescape

import pytest

from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite

CONTENT = load_content(PROJECT)


def article_words(html: str) -> int:
    """Words a reader sees in the article, before its Sources list (citations excluded)."""
    article = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S).group(1)
    article = article.split('<h2 id="sources">')[0]
    article = re.sub(r'<sup class="ig-cite">.*?</sup>|<a class="headerlink".*?</a>', " ", article, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", article))
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))


def test_build_is_strict_and_prints_no_warnings(built_site: BuiltSite):
    assert "WARNING" not in built_site.output, built_site.output


@pytest.mark.parametrize("step", CONTENT.steps, ids=lambda step: step.id)
def test_each_step_has_its_page_with_sources_and_review_date(built_site: BuiltSite, step):
    html = built_site.page(f"steps/{step.id}/index.html")
    assert re.search(rf'<h1 id="[^"]+">Step {step.number}: {re.escape(step.title)}<a class="headerlink"', html)
    sources = re.search(r'<h2 id="sources">.*?</ol>', html, re.S)
    assert sources, "Sources section missing"
    entry = r'<li id="source-[a-z0-9-]+"><strong>[^<]+</strong>: <a href="(https://[^"]+)">'
    links = re.findall(entry, sources.group(0))
    assert len(set(links)) >= 2
    first = CONTENT.sources[re.findall(r'<li id="source-([a-z0-9-]+)">', sources.group(0))[0]]
    assert first.official, "official sources come first"
    assert f'<time datetime="{step.last_reviewed.isoformat()}">' in html
    for heading in ("what-it-is", "why-it-matters", "what-to-do", "requirements", "timing", "costs", "pitfalls"):
        assert f'<h2 id="{heading}">' in html


@pytest.mark.parametrize("step", CONTENT.steps, ids=lambda step: step.id)
def test_each_step_page_has_at_least_300_words_of_guidance(built_site: BuiltSite, step):
    assert article_words(built_site.page(f"steps/{step.id}/index.html")) >= 300


def test_every_citation_jumps_to_an_entry_on_the_same_page(built_site: BuiltSite):
    for path in built_site.html_pages():
        html = path.read_text(encoding="utf-8")
        targets = set(re.findall(r'class="ig-cite"><a [^>]*href="#(source-[a-z0-9-]+)"', html))
        targets |= set(re.findall(r'<a [^>]*href="#(source-[a-z0-9-]+)"', html))
        for target in targets:
            assert f'id="{target}"' in html, f"{path}: #{target}"


def test_steps_link_to_their_previous_and_next_step(built_site: BuiltSite):
    steps = CONTENT.steps
    for index, step in enumerate(steps):
        html = built_site.page(f"steps/{step.id}/index.html")
        pager = re.search(r'<nav aria-label="[^"]+" class="ig-pager">(.*?)</nav>', html, re.S).group(1)
        hrefs = re.findall(r'href="\.\./([a-z0-9-]+)/"', pager)
        expected = [s.id for s in steps[max(index - 1, 0):index] + steps[index + 1:index + 2]]
        assert hrefs == expected, step.id


def test_home_page_shows_the_pipeline_of_steps_in_order(built_site: BuiltSite):
    html = built_site.page("index.html")
    pipeline = re.search(r'<div class="ig-pipeline">(.*?)</div>', html, re.S).group(1)
    hrefs = re.findall(r'<p class="ig-pipeline__title"><a href="steps/([a-z0-9-]+)/"', pipeline)
    assert hrefs == [step.id for step in CONTENT.steps]
    for step in CONTENT.steps:
        assert step.timing.summary.replace("&", "&amp;") in pipeline
    assert CONTENT.home.bottom_line.heading in html
    assert CONTENT.home.duration.heading in html


def test_checklist_lists_every_item_with_a_link_to_its_step(built_site: BuiltSite):
    html = built_site.page("checklist/index.html")
    for item in CONTENT.checklist.items:
        match = re.search(rf'<li id="item-{item.id}">(.*?)</li>', html, re.S)
        assert match, item.id
        assert f'href="../steps/{item.step}/"' in match.group(1)


def test_timeline_trap_page_has_its_sections(built_site: BuiltSite):
    article = CONTENT.articles[0]
    html = built_site.page(f"{article.id}/index.html")
    for section in article.sections:
        assert f'<h2 id="{section.id}">' in html


def test_every_page_shows_the_disclaimer(built_site: BuiltSite):
    for path in built_site.html_pages():
        disclaimer = f'<p class="ig-disclaimer" role="note">{CONTENT.labels.disclaimer}'
        assert disclaimer in path.read_text(encoding="utf-8"), path


def test_navigation_lists_the_steps_in_pathway_order(built_site: BuiltSite):
    html = built_site.page("index.html")
    nav = re.findall(r'href="steps/([a-z0-9-]+)/"\s+class="md-nav__link"', html)
    assert nav[: len(CONTENT.steps)] == [step.id for step in CONTENT.steps]


def test_templates_hold_no_years_or_other_content():
    offenders = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in (PROJECT / "overrides").rglob("*")
        # vendor/: third-party files checked byte for byte against npm (tests/unit/test_vendor.py)
        if path.is_file() and path.suffix in (".html", ".js", ".css") and "vendor" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\b(19|20)\d\d\b", line)
    ]
    assert offenders == []
