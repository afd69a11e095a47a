"""A docs tree whose relative links mean the same to every engine (`imgguide generate`).

MkDocs resolves a relative link in Markdown against the page's source file and leaves
links in raw HTML as they are, so the generated pages write their HTML links relative to
the page's URL (`costs.md` is served at `costs/`, so a step is `../steps/x/`). Zensical
resolves HTML links against the source file too, and `../steps/x/` from `costs.md` then
points one folder too high. Both readings agree when a page's source file sits in the
folder of its URL: `costs/index.md` is served at `costs/`. So, with directory URLs, the
generated tree writes every page as `<name>/index.md` and moves the Markdown links (which
are relative to the source file) to match; HTML links and the data attributes, relative to
the page's URL, stay exactly as they are.
"""

from __future__ import annotations

import re
from posixpath import dirname, join, normpath, relpath

# An inline Markdown link or image target: ](target) or ](target "title").
_LINK = re.compile(r'\]\((?P<target>[^()\s]+)(?P<title>\s+"[^"]*")?\)')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")
_QUERY_OR_FRAGMENT = re.compile(r"[?#]")


def folder_page(src_uri: str) -> str:
    """`costs.md` -> `costs/index.md`; index pages stay where they are."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri
    return src_uri[: -len(".md")] + "/index.md"


def folder_pages(src_uris) -> dict[str, str]:
    """Old path -> new path of every page (the `moved` map move_links and moved_nav take)."""
    return {src_uri: folder_page(src_uri) for src_uri in src_uris}


def move_links(markdown: str, old_src: str, new_src: str, moved: dict[str, str]) -> str:
    """Rewrite the relative Markdown link targets of a page moved from `old_src` to
    `new_src`, so each still reaches the same file (`moved`: old path -> new path of every
    moved page; other targets, such as static files, keep their path)."""

    def rewrite(match: re.Match) -> str:
        target = match.group("target")
        if _ABSOLUTE.match(target):
            return match.group(0)
        cut = _QUERY_OR_FRAGMENT.search(target)
        path, suffix = (target[: cut.start()], target[cut.start():]) if cut else (target, "")
        if not path:
            return match.group(0)
        resolved = normpath(join(dirname(old_src), path))
        destination = moved.get(resolved, resolved)
        new_target = relpath(destination, dirname(new_src) or ".") + suffix
        return f"]({new_target}{match.group('title') or ''})"

    return _LINK.sub(rewrite, markdown)


def moved_nav(nav: list, moved: dict[str, str]) -> list:
    """The navigation with each page's path replaced by its new one."""
    result: list = []
    for entry in nav:
        if isinstance(entry, dict):
            result.append({title: _moved_entry(value, moved) for title, value in entry.items()})
        else:
            result.append(_moved_entry(entry, moved))
    return result


def _moved_entry(value, moved: dict[str, str]):
    if isinstance(value, list):
        return moved_nav(value, moved)
    if isinstance(value, str):
        return moved.get(value, value)
    return value
