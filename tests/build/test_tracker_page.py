"""The My applications page as built: in the navigation, readable without JavaScript (it says
what the tracker needs and that the guide works without it), private by its own words, its
notes sourced, its scripts loaded on every page and kept for offline use."""

from __future__ import annotations

import json
import re
from html import unescape

from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite

CONTENT = load_content(PROJECT)
TRACKER = CONTENT.tracker


def test_the_page_is_in_the_navigation_and_works_offline(built_site: BuiltSite):
    home = built_site.page("index.html")
    assert re.search(r'href="my-applications/"[^>]*>\s*(<span[^>]*>\s*)?My applications', home)
    worker = (built_site.path / "sw.js").read_text(encoding="utf-8")
    for name in ("my-applications/", "ig-tracker-core.js", "ig-tracker.js"):
        assert name in worker


def test_without_javascript_the_page_explains_and_keeps_its_notes(built_site: BuiltSite):
    html = built_site.page("my-applications/index.html")
    section = re.search(r'<section class="ig-tracker" data-ig-tracker=\'[^\']*\'[^>]*>(.*?)</section>', html, re.S)
    assert section, "the tracker's root is on the page"
    assert unescape(re.sub(r"<[^>]+>", "", section.group(1))).strip() == TRACKER.labels["noscript"]
    assert "works without JavaScript" in TRACKER.labels["noscript"]
    privacy = html[html.index('class="ig-tracker__privacy"'):html.index("data-ig-tracker=")]
    assert "Nothing" in privacy and "sent anywhere" in privacy
    note = html[html.index('id="rank-note"'):]
    assert "true order of preference" in note[:600]
    assert 'href="#source-nrmp-rol-recommendations"' in note[:2000]
    assert "https://www.nrmp.org/help/item/recommendations-for-constructing-a-rank-order-list/" in html


def test_the_embedded_data_is_valid_json_with_signals_and_costs(built_site: BuiltSite):
    html = built_site.page("my-applications/index.html")
    payload = json.loads(unescape(re.search(r"data-ig-tracker='([^']*)'", html).group(1)))
    assert payload["v"] == 1
    assert payload["settings"]["defaultSeason"] == TRACKER.settings.default_season
    assert [s["id"] for s in payload["specialties"]] == [s.id for s in CONTENT.signals.specialties]
    assert payload["costs"]["v"] and payload["costs"]["items"]
    assert payload["costsUrl"] == "../costs/"


def test_no_table_of_contents_beside_the_programs_table(built_site: BuiltSite):
    html = built_site.page("my-applications/index.html")
    sidebar = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*data-md-type="toc"[^>]*>', html)
    assert sidebar and sidebar.group(0).endswith(" hidden>")
