"""Everything a build generates, as plain data, and a writer that puts it on disk.

`build_site(root)` is the one code path from content to the generated site: the MkDocs
hooks (guide_hooks.py) hand its pages, assets and navigation to MkDocs in memory, and
`imgguide generate DIR` (`write_tree`) writes the same things as a hook-free docs tree:

    DIR/mkdocs.yml   INHERIT: the project's mkdocs.yml; docs_dir, nav, no hooks, and the
                     template data under `extra:` (labels, offline texts)
    DIR/docs/        every generated page (Markdown), the bank's JSON assets, the static docs/ files

Any engine that reads mkdocs.yml without running hooks can build DIR: plain
`mkdocs build --strict -f DIR/mkdocs.yml`, or Zensical (`zensical build -f DIR/mkdocs.yml`).
The templates in overrides/ read their data only from `config.extra`, which the hooks fill
in the default build and the generated config carries here. Nothing here imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import cache as build_cache_module
from . import embed, pages, portable
from .cache import BuildCache
from .models import Content, Labels, Question
from .quizhtml import QuestionMarkup
from .validate import CONTENT_DIR, QUESTIONS_DIR, load_content

CONFIG_FILE = "mkdocs.yml"
STATIC_DOCS = "docs"
PARTIALS = Path("overrides") / "partials"


@dataclass(frozen=True)
class SiteBuild:
    """Everything generated for one site from valid content (picklable: a warm build
    takes it whole from the build cache)."""

    labels: Labels
    pages: tuple[pages.GeneratedPage, ...]
    assets: dict[str, str]  # path under the site root -> text
    nav: list

    def by_uri(self) -> dict[str, pages.GeneratedPage]:
        return {page.src_uri: page for page in self.pages}


def inputs_digest(root: Path) -> str:
    """A hash of every file under content/ and questions/ (names and bytes): equal digests,
    equal content, so the generated site can be reused whole."""
    digest = hashlib.sha256()
    for folder in (CONTENT_DIR, QUESTIONS_DIR):
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            if path.is_file():
                name = path.relative_to(root).as_posix().encode("utf-8")
                data = path.read_bytes()
                digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big"))
                digest.update(data)
    return digest.hexdigest()


def build_site(root: Path, use_directory_urls: bool = True, cache: BuildCache | None = None) -> SiteBuild:
    """Load and validate `root`'s content and generate every page and asset.

    Raises ContentError (listing every problem) before anything is generated. When no
    input file changed since a build that succeeded, the whole result comes from the build
    cache; otherwise each unchanged file's parse and validation, and each unchanged
    question's markup, still do (see cache.py)."""
    cache = cache or build_cache_module.for_project(root)
    key = cache.key("site", inputs_digest(root), str(use_directory_urls))
    with build_cache_module.collection_paused(freeze_after=True):
        site = cache.get(key)
        if site is None:
            site = _generate(root, use_directory_urls, cache)
            cache.put(key, site)
            cache.keep_only(key)  # a large bank's site is tens of MB: keep the newest only
    return site


def _generate(root: Path, use_directory_urls: bool, cache: BuildCache) -> SiteBuild:
    content = load_content(root, cache)
    markup = QuestionMarkup(content, root / PARTIALS, use_directory_urls, cache)
    bank = _bank(content, cache, markup.digest)
    site = pages.SiteOptions(
        use_directory_urls=use_directory_urls, question_markup=markup, bank_asset=bank.index_path,
        step_assets=bank.step_paths,
    )
    return SiteBuild(
        labels=content.labels,
        pages=tuple(pages.render_site(content, site)),
        assets=dict(bank.files),
        nav=pages.navigation(content),
    )


def _bank(content: Content, cache: BuildCache, digest: Callable[[Question], str]) -> embed.BankAssets:
    """The bank's index and step assets, each question's parts (its full JSON and its index
    entry) taken from the cache unless the question changed."""
    key = cache.key("bank-questions", str(embed.BANK_VERSION))
    known: dict[str, tuple[str, str]] = cache.get(key) or {}
    fresh: dict[str, tuple[str, str]] = {}

    def texts(question: Question) -> tuple[str, str]:
        question_key = digest(question)
        pair = fresh.get(question_key) or known.get(question_key)
        if pair is None:
            pair = embed.question_texts(question)
        fresh[question_key] = pair
        return pair

    bank = embed.bank_assets(content, lambda q: texts(q)[0], lambda q: texts(q)[1])
    if fresh.keys() != known.keys():
        cache.put(key, fresh)
    return bank


def template_data(labels: Labels, offline: bool) -> dict[str, object]:
    """What the templates in overrides/ read from `config.extra`: the labels, and the
    update notice's words when the build writes a service worker (ig-offline.js asks for
    sw.js only when they are there)."""
    data: dict[str, object] = {"ig_labels": dataclasses.asdict(labels)}
    if offline:
        data["ig_offline"] = {"update": labels.update_available, "reload": labels.update_reload}
    return data


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's own settings; `!ENV` values are left to the engine."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def uses_directory_urls(root: Path) -> bool:
    with open(root / CONFIG_FILE, encoding="utf-8") as handle:
        settings = yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 (a SafeLoader)
    return bool(settings.get("use_directory_urls", True))


def tree_pages(build: SiteBuild, directory_urls: bool) -> dict[str, str]:
    """Path under docs/ -> Markdown of every generated page as the tree holds it: with
    directory URLs each page in the folder of its URL (portable.py says why)."""
    if not directory_urls:
        return {page.src_uri: page.standalone_markdown() for page in build.pages}
    moved = portable.folder_pages(page.src_uri for page in build.pages)
    return {
        moved[page.src_uri]: portable.move_links(page.standalone_markdown(), page.src_uri, moved[page.src_uri], moved)
        for page in build.pages
    }


def generated_config(root: Path, out: Path, build: SiteBuild, offline: bool, directory_urls: bool = True) -> dict:
    """The config of the generated tree: the project's mkdocs.yml with the hooks' work done."""
    to_project = Path(os.path.relpath(root.resolve(), out.resolve()))
    nav = build.nav
    if directory_urls:
        nav = portable.moved_nav(nav, portable.folder_pages(page.src_uri for page in build.pages))
    return {
        "INHERIT": (to_project / CONFIG_FILE).as_posix(),
        "docs_dir": STATIC_DOCS,
        "hooks": [],
        "watch": [],
        # Zensical's own look is "modern"; "classic" is mkdocs-material's (MkDocs ignores it).
        "theme": {"custom_dir": (to_project / "overrides").as_posix(), "variant": "classic"},
        "nav": nav,
        "extra": template_data(build.labels, offline),
    }


def write_tree(root: Path, out: Path, build: SiteBuild | None = None, offline: bool = False) -> list[Path]:
    """Write the hook-free tree of `root` into `out` (replacing `out/docs`); return the
    files written. `offline=True` makes pages ask for sw.js, which `imgguide
    service-worker SITE_DIR` then writes into the built site."""
    directory_urls = uses_directory_urls(root)
    build = build or build_site(root, directory_urls)
    docs = out / STATIC_DOCS
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / STATIC_DOCS, docs)
    written = [out / CONFIG_FILE]
    for src_uri, markdown in tree_pages(build, directory_urls).items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
        written.append(path)
    for relative, text in build.assets.items():
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    config = generated_config(root, out, build, offline, directory_urls)
    header = "# Written by `imgguide generate`: do not edit (regenerate it instead).\n"
    (out / CONFIG_FILE).write_text(
        header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return written
