"""The built site loads nothing from any other host: every script, style, font, image,
frame and preconnect is its own. (Links a reader clicks, such as the sources, are fine.)"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..conftest import BuiltSite

# Attributes and CSS constructs that make a browser fetch something by itself.
LOADING_ATTRIBUTES = re.compile(
    r"<(script|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*\s(?:src|srcset|data|poster)=[\"']([^\"']+)",
    re.I,
)
LINK_TAGS = re.compile(r"<link\b[^>]*>", re.I)
CSS_URLS = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)", re.I)
JS_ABSOLUTE = re.compile(r"""["'`](https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'`\s]*""", re.I)


def foreign(url: str, own_host: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) and parts.hostname != own_host


def test_no_page_or_stylesheet_references_another_host(built_site: BuiltSite):
    own = "127.0.0.1"
    found = []
    for path in built_site.path.rglob("*"):
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            for _, url in LOADING_ATTRIBUTES.findall(html):
                found += [(path, url)] if foreign(url, own) else []
            for tag in LINK_TAGS.findall(html):
                href = re.search(r"href=[\"']([^\"']+)", tag)
                rel = re.search(r"rel=[\"']([^\"']+)", tag)
                if href and rel and rel.group(1) != "canonical" and foreign(href.group(1), own):
                    found.append((path, tag))
            for style in re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S | re.I):
                found += [(path, m) for m in CSS_URLS.findall(style) if foreign(m[0] or m[1], own)]
        elif path.suffix == ".css":
            css = path.read_text(encoding="utf-8")
            found += [(path, m) for m in CSS_URLS.findall(css) if foreign(m[0] or m[1], own)]
    assert found == []


def test_the_project_javascript_names_no_other_host(built_site: BuiltSite):
    own_scripts = [p for p in built_site.path.rglob("ig-*.js")]
    assert own_scripts, "the project's scripts should be in the site"
    for script in own_scripts:
        assert JS_ABSOLUTE.findall(script.read_text(encoding="utf-8")) == [], script
