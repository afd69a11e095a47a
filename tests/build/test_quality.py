"""Whole-site gates on the built site: every internal link and anchor resolves, the HTML
is valid, every page describes itself for search and link previews, the build is
deterministic, the offline worker covers the site, and a step page stays within its
weight budget."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite, run_build

CONTENT = load_content(PROJECT)
HTML_VALIDATE = PROJECT / "node_modules" / ".bin" / "html-validate"
STEP_PAGE_BUDGET = 60 * 1024  # gzip bytes of the project's own (and vendored) JS, CSS and data on a step page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            value = attrs.get(name)
            if value and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(value)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, href: str) -> Path | None:
    """The file an internal link points to, or None for links to other hosts."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page
    base = site if parts.path.startswith("/") else page.parent
    candidate = (base / unquote(parts.path.lstrip("/"))).resolve()
    return candidate / "index.html" if candidate.is_dir() or parts.path.endswith("/") else candidate


def test_no_broken_internal_link_or_anchor(built_site: BuiltSite):
    site = built_site.path.resolve()
    parsed = {path.resolve(): parse(path) for path in built_site.html_pages()}
    broken = []
    for page, info in parsed.items():
        for href in info.links:
            target = target_file(site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
                continue
            fragment = urlsplit(href).fragment
            if fragment and target.suffix == ".html" and unquote(fragment) not in parsed[target].ids:
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert broken == []


@pytest.mark.skipif(not HTML_VALIDATE.exists(), reason="run npm ci (python3 dev.py test does)")
def test_every_page_is_valid_html(built_site: BuiltSite, tmp_path: Path):
    report_file = tmp_path / "html-validate.json"  # a pipe can truncate large reports
    subprocess.run(
        [str(HTML_VALIDATE), "--config", str(PROJECT / "tests/config/htmlvalidate.json"),
         "--formatter", f"json={report_file}", *map(str, built_site.html_pages())],
        capture_output=True, text=True,
    )
    assert report_file.exists(), "html-validate did not run"
    reports = json.loads(report_file.read_text() or "[]")
    problems = [
        f"{Path(report['filePath']).relative_to(built_site.path)}:{message['line']}: {message['message']}"
        for report in reports
        for message in report["messages"]
        # mkdocs-material writes tabindex="" on navigation section labels (not ours to fix).
        if not (message["ruleId"] == "attribute-allowed-values" and "__nav_" in (message.get("selector") or ""))
    ]
    assert problems == []


def test_every_page_describes_itself(built_site: BuiltSite):
    for path in built_site.html_pages():
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(built_site.path).as_posix()
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), name
        assert '<meta property="og:title" content="' in html, name
        assert '<meta property="og:description" content="' in html, name
        assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg">', html), name
        if name != "404.html":
            assert f'<link rel="canonical" href="{built_site.base_url}' in html, name
            assert f'<meta property="og:url" content="{built_site.base_url}' in html, name
    sitemap = (built_site.path / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == len(built_site.html_pages()) - 1  # every page but the 404


def test_the_404_page_leads_home(built_site: BuiltSite):
    html = built_site.page("404.html")
    assert f">{CONTENT.labels.not_found_title}</h1>" in html
    assert 'href="/"' in html


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_building_again_gives_identical_files_with_or_without_the_build_cache(tmp_path: Path):
    # The only thing MkDocs stamps is the build date (sitemap <lastmod> and the .gz header);
    # SOURCE_DATE_EPOCH pins it, as a reproducible-build setup would.
    pinned = {"SOURCE_DATE_EPOCH": "1795651200"}  # 2026-11-26
    builds = {
        "cold": {**pinned, "IMGGUIDE_CACHE": "off"},
        "fills-cache": {**pinned, "IMGGUIDE_CACHE": "on"},
        "warm": {**pinned, "IMGGUIDE_CACHE": "on"},
    }
    for name, env in builds.items():
        result = run_build(PROJECT, tmp_path / name, site_url="https://example.org/guide/", extra_env=env)
        assert result.returncode == 0, result.output
    cold = snapshot(tmp_path / "cold")
    assert snapshot(tmp_path / "fills-cache") == cold
    assert snapshot(tmp_path / "warm") == cold


def test_the_offline_worker_lists_every_page_and_the_bank(built_site: BuiltSite):
    worker = built_site.page("sw.js")
    files = json.loads(re.search(r"var FILES = (\{.*?\});", worker, re.S).group(1))
    pages = {
        ("./" if path.name == "index.html" and path.parent == built_site.path else
         path.relative_to(built_site.path).as_posix().removesuffix("index.html"))
        for path in built_site.html_pages()
    }
    assert pages <= set(files)
    assert any(name.startswith("assets/data/question-bank.") for name in files)  # the bank's index
    site = built_site.path
    parts = {path.relative_to(site).as_posix() for path in site.glob("assets/data/question-bank/*")}
    assert parts and parts <= set(files)  # and every part: a block works offline
    assert "search/search_index.json" in files and "sitemap.xml" in files
    assert not any(name.endswith(".map") for name in files)
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', worker).group(1)
    assert version


def own_assets_gzip(site: Path, html: str) -> int:
    """Gzip bytes of the project's own CSS and of the scripts this page loads beyond the
    theme's bundle: those in its <script> tags (the vendored scheduler included) and those its
    widgets ask ig-ui.js for (data-ig-scripts)."""
    names = set(re.findall(r'<script src="[^"]*?assets/javascripts/((?:vendor/)?[\w.-]+\.js)"', html))
    names = {name for name in names if not name.startswith("bundle.")}
    for listed in re.findall(r'data-ig-scripts="([^"]*)"', html):
        names.update(listed.split())
    own = [site / "assets/javascripts" / name for name in sorted(names)] + [site / "assets/stylesheets/ig.css"]
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in own)


def test_a_step_page_stays_within_its_weight_budget(built_site: BuiltSite):
    html = built_site.page(f"steps/{CONTENT.steps[0].id}/index.html")
    assets = own_assets_gzip(built_site.path, html)
    block = re.search(r'<section class="ig-practice-block".*?</section>', html, re.S).group(0)
    data = len(gzip.compress(block.encode(), 9))
    print(f"project JS+CSS {assets} B gzip + practice block {data} B gzip, budget {STEP_PAGE_BUDGET} B")
    assert assets + data < STEP_PAGE_BUDGET


def test_widget_scripts_load_only_where_a_widget_needs_them(built_site: BuiltSite):
    """A step page names no widget script; the Planner, Costs and Practice pages name theirs."""
    step = built_site.page(f"steps/{CONTENT.steps[0].id}/index.html")
    assert "data-ig-scripts" not in step
    for page, script in (("planner/index.html", "ig-timeline.js"), ("costs/index.html", "ig-costs.js"),
                         ("practice/index.html", "ig-practice.js")):
        listed = re.search(r'data-ig-scripts="([^"]*)"', built_site.page(page)).group(1).split()
        assert script in listed and all((built_site.path / "assets/javascripts" / name).is_file() for name in listed)
