"""The Costs page as built: without JavaScript it shows the default scenario, computed at
build time by the same function and from the same data as the browser's estimate."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape

from imgguide import costs
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .test_quality import STEP_PAGE_BUDGET

CONTENT = load_content(PROJECT)
DATA = costs.data(CONTENT.costs)
DEFAULT = costs.estimate(DATA, DATA["defaults"])


def costs_html(built_site: BuiltSite) -> str:
    return built_site.page("costs/index.html")


def widget(html: str) -> str:
    return re.search(r'<section class="ig-costs".*?</section>', html, re.S).group(0)


def test_without_javascript_the_default_scenario_is_in_the_table(built_site: BuiltSite):
    html = costs_html(built_site)
    rows = re.findall(r'<tr class="ig-costs__line[^"]*" data-ig-cost="([a-z0-9-]+)"', html)
    assert rows == [line["item"] for line in DEFAULT["lines"]]
    assert '<tr class="ig-costs__line ig-costs__line--flagged" data-ig-cost="eras-programs">' in html
    eras = re.search(r'data-ig-cost="eras-programs">(.*?)</tr>', html, re.S).group(1)
    assert "Programs: 100 (30 \u00d7 $11 + 70 \u00d7 $30)" in eras and "$2,430" in eras
    assert "low $6,015 \u00b7 typical $6,033 \u00b7 high $6,050" in html
    assert re.findall(r'<tbody data-ig-phase="([a-z0-9-]+)">', html) == [phase["id"] for phase in DEFAULT["phases"]]
    # every line names its season, its confidence and links to its numbered sources
    for row in re.findall(r'<tr class="ig-costs__line.*?</tr>', html, re.S):
        assert re.search(r'<td class="ig-costs__season" data-label="Season">20\d\d</td>', row)
        assert re.search(r'class="ig-badge ig-badge--(verified|confirm|unverified)"', row)
        for source in re.findall(r'href="#source-([a-z0-9-]+)"', row):
            assert f'id="source-{source}"' in html
    # the form, the actions and the H-1B note wait for JavaScript (the default is J-1)
    assert re.search(r'<form class="ig-costs__form" hidden', html)
    assert re.search(r'<div class="admonition warning ig-costs__h1b" hidden>', html)
    assert "<svg width=\"100%\"" in html and "<figcaption>" in html


def test_the_embedded_data_is_the_data_the_estimate_used(built_site: BuiltSite):
    html = costs_html(built_site)
    value = re.search(r"data-ig-costs='(.*?)'", html, re.S).group(1)
    payload = json.loads(unescape(value))
    assert {key: payload[key] for key in DATA} == json.loads(json.dumps(DATA))
    assert payload["steps"]["eras-application"] == "../steps/eras-application/"
    assert set(payload["cite"]) == set(re.findall(r'id="source-([a-z0-9-]+)"', html))


def test_costs_is_next_to_the_planner_in_the_navigation(built_site: BuiltSite):
    html = built_site.page("index.html")
    order = re.findall(r'href="(planner|costs|practice)/"\s+class="md-nav__link"', html)
    assert order[:3] == ["planner", "costs", "practice"]


def test_the_steps_the_planner_and_the_budget_page_link_to_it(built_site: BuiltSite):
    for page in ("steps/eras-application", "steps/rank-and-match", "steps/visa-and-start"):
        article = re.search(r"<article.*?</article>", built_site.page(f"{page}/index.html"), re.S).group(0)
        assert 'href="../../costs/">cost estimator</a>' in article, page
    for page in ("planner", "what-it-costs"):
        article = re.search(r"<article.*?</article>", built_site.page(f"{page}/index.html"), re.S).group(0)
        assert 'href="../costs/">cost estimator</a>' in article, page


def test_the_costs_page_stays_within_the_step_page_budget(built_site: BuiltSite):
    site = built_site.path
    own = sorted(site.glob("assets/javascripts/ig-*.js")) + [site / "assets/stylesheets/ig.css"]
    assets = sum(len(gzip.compress(path.read_bytes(), 9)) for path in own)
    data = len(gzip.compress(widget(costs_html(built_site)).encode(), 9))
    print(f"project JS+CSS {assets} B gzip + cost estimator {data} B gzip, budget {STEP_PAGE_BUDGET} B")
    assert assets + data < STEP_PAGE_BUDGET
