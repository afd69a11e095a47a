"""The decision pages (issue 11): each one is a real page of guidance with its own sources,
and a reader can reach it from the home page and from the step it belongs to."""

from __future__ import annotations

import re

import pytest

from ..conftest import BuiltSite
from .test_site import CONTENT, article_words

# Each decision page and the step whose page must link to it.
DECISION_PAGES = {
    "will-programs-consider-me": "eras-application",
    "what-it-costs": "ecfmg-certification",
    "how-many-programs": "eras-application",
    "program-signals": "eras-application",
    "soap-and-unmatched": "rank-and-match",
    "step-3-and-licensure": "usmle-exams",
    "advanced-and-preliminary": "rank-and-match",
    "match-outcomes": "rank-and-match",
}


def sources_section(html: str) -> str:
    found = re.search(r'<h2 id="sources">.*?</ol>', html, re.S)
    assert found, "Sources section missing"
    return found.group(0)


def test_every_decision_page_is_listed_in_the_guide():
    listed = {article.id for article in CONTENT.articles}
    assert set(DECISION_PAGES) <= listed
    assert set(DECISION_PAGES.values()) <= {step.id for step in CONTENT.steps}


@pytest.mark.parametrize("page_id", DECISION_PAGES)
def test_decision_page_has_at_least_250_words_and_two_distinct_sources(built_site: BuiltSite, page_id):
    html = built_site.page(f"{page_id}/index.html")
    assert article_words(html) >= 250
    links = re.findall(
        r'<li id="source-[a-z0-9-]+"><strong>[^<]+</strong>: <a href="(https://[^"]+)">', sources_section(html)
    )
    assert len(set(links)) >= 2, links


@pytest.mark.parametrize("page_id", DECISION_PAGES)
def test_decision_page_is_linked_from_the_home_page(built_site: BuiltSite, page_id):
    html = built_site.page("index.html")
    guides = re.search(r'<h2 id="guides">(.*?)(?=<h2 )', html, re.S)
    assert guides, "the home page has no list of guide pages"
    assert f'href="{page_id}/"' in guides.group(1)


@pytest.mark.parametrize(("page_id", "step_id"), DECISION_PAGES.items())
def test_decision_page_is_linked_from_its_step(built_site: BuiltSite, page_id, step_id):
    html = built_site.page(f"steps/{step_id}/index.html")
    article = re.search(r"<article\b[^>]*>(.*?)</article>", html, re.S).group(1)
    assert f'href="../../{page_id}/"' in article


def test_the_cost_table_names_a_season_and_a_source_on_every_line(built_site: BuiltSite):
    html = built_site.page("what-it-costs/index.html")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]
    body_rows = [row for row in rows if "<td" in row]
    assert len(body_rows) >= 10
    for row in body_rows:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        assert len(cells) == 4, row
        assert re.sub(r"<[^>]+>", "", cells[2]).strip(), f"no season: {row}"
        assert 'href="#source-' in cells[3], f"no source: {row}"


PAGE_WITH_SECTIONS = """id: {id}
title: A test page
description: A page made up for a test.
lead:
  - text: An opening paragraph.
sections:
  - id: costs-only
    heading: Only a cost table
    costs:
      - item: A fee
        amount: "$10"
        applies_to: The 2027 Match
        season: 2027
        sources: [nrmp-fees]
  - id: empty
    heading: Nothing at all
last_reviewed: 2026-12-02
"""


def test_a_page_section_may_hold_only_costs_but_not_nothing(content):
    content.write("content/pages/made-up.yml", PAGE_WITH_SECTIONS.format(id="made-up"))
    content.replace("content/guide.yml", "  - timeline-trap\n", "  - timeline-trap\n  - made-up\n")
    errors = content.errors()
    assert [(e.file, e.line, e.message) for e in errors] == [
        ("content/pages/made-up.yml", 15, "a section needs at least one paragraph, bullet or cost")
    ], [str(e) for e in errors]
