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
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import cache as build_cache_module
from . import embed, pages, portable
from .blobs import Blob
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
    assets: dict[str, Blob]  # path under the site root -> its text
    nav: list

    def by_uri(self) -> dict[str, pages.GeneratedPage]:
        return {page.src_uri: page for page in self.pages}

    def blobs(self) -> list[Blob]:
        return [*self.assets.values(), *(blob for page in self.pages for blob in page.blobs())]


def input_files(root: Path) -> dict[Path, str]:
    """Every file under content/ and questions/ -> the SHA-256 of its bytes (read once per
    build: the loader takes each unchanged file's cache key from here)."""
    found: dict[Path, str] = {}
    for folder in (CONTENT_DIR, QUESTIONS_DIR):
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            if path.is_file():
                found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def inputs_digest(root: Path, files: dict[Path, str] | None = None) -> str:
    """A hash of every input file's name and bytes: equal digests, equal content, so the
    generated site can be reused whole."""
    files = input_files(root) if files is None else files
    listing = "\n".join(f"{path.relative_to(root).as_posix()}\t{digest}" for path, digest in files.items())
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def build_site(root: Path, use_directory_urls: bool = True, cache: BuildCache | None = None) -> SiteBuild:
    """Load and validate `root`'s content and generate every page and asset.

    Raises ContentError (listing every problem) before anything is generated. When no
    input file changed since a build that succeeded, the whole result comes from the build
    cache; otherwise each unchanged file's parse and validation, and each unchanged
    question's markup, still do (see cache.py)."""
    cache = cache or build_cache_module.for_project(root)
    files = input_files(root)
    key = cache.key("site", inputs_digest(root, files), str(use_directory_urls))
    with build_cache_module.collection_paused(freeze_after=True):
        site = cache.get(key)
        if site is None or not all(blob.present() for blob in site.blobs()):
            site = _generate(root, use_directory_urls, cache, files)
            cache.put(key, site)
            cache.keep_only(key)  # keep the newest only
            cache.collect_blobs({blob.digest for blob in site.blobs()})
    return site


def _generate(root: Path, use_directory_urls: bool, cache: BuildCache, files: dict[Path, str]) -> SiteBuild:
    content = load_content(root, cache, files)
    markup = QuestionMarkup(content, root / PARTIALS, use_directory_urls, cache)
    bank = _bank(content, cache, markup.digest)
    site = pages.SiteOptions(
        use_directory_urls=use_directory_urls, question_markup=markup, bank_asset=bank.index_path,
    )
    return SiteBuild(
        labels=content.labels,
        pages=tuple(pages.render_site(content, site)),
        assets=bank.files,
        nav=pages.navigation(content),
    )


@dataclass(frozen=True)
class _Bank:
    index_path: str
    files: dict[str, Blob]


def _bank(content: Content, cache: BuildCache, digest: Callable[[Question], str]) -> _Bank:
    """The bank's files (the same bytes as embed.bank_assets), assembled part by part.

    A part whose questions (their hashes, in order) and cited sources are as in the last
    build takes its file as it was, without looking at a question. Otherwise each of its
    questions that is somewhere in the last build's parts is cut from that part's file
    (where it starts and ends is recorded), and only the others are converted again. The
    index is joined anew each time from the parts' entries: it is small (about a tenth of
    the bank)."""
    files: dict[str, Blob] = {}
    entries: dict[str, str] = {}  # question id -> its index entry, with its part's number
    # (step id, part number within it) -> (inputs, path, blob, its questions' index entries,
    # (question hash, start, end) of each question's JSON in the blob's text): one entry for
    # all parts, so an edit reads and writes one file, not one per part.
    table_key = cache.key("bank-parts", str(embed.BANK_VERSION))
    known_parts: dict[tuple[str, int], tuple] = cache.get(table_key) or {}
    parts: dict[tuple[str, int], tuple] = {}
    earlier = _EarlierQuestions(known_parts)
    for number, (step_id, within, questions) in enumerate(embed.parts(content)):
        head = embed.part_head(content, step_id, questions)
        digests = [digest(question) for question in questions]
        inputs = cache.key(
            "bank-part-inputs", str(embed.BANK_VERSION), json.dumps(head, sort_keys=True), "".join(digests)
        )
        known = known_parts.get((step_id, within))
        if known is None or known[0] != inputs or not known[2].present():
            texts = [earlier.texts(step_id, key) or embed.question_texts(question)
                     for key, question in zip(digests, questions, strict=True)]
            text, spans = embed.dump_with_spans(head, [question_json for question_json, _ in texts])
            text_digest = embed.sha256_text(text)
            known = (inputs, embed.part_path(step_id, within, text_digest), cache.blob(text, text_digest),
                     tuple(entry for _, entry in texts),
                     tuple((key, *span) for key, span in zip(digests, spans, strict=True)))
        parts[step_id, within] = known
        _, path, blob, part_entries, _ = known
        files[path] = blob
        entries.update(
            (question.id, embed.with_part(entry, number))
            for question, entry in zip(questions, part_entries, strict=True)
        )
    if parts != known_parts:
        cache.put(table_key, parts)
    index = embed.index_text(list(files), [entries[question.id] for question in content.questions])
    index_digest = embed.sha256_text(index)
    index_path = embed.index_path(index_digest)
    return _Bank(index_path=index_path, files={index_path: cache.blob(index, index_digest), **files})


class _EarlierQuestions:
    """The two texts (embed.question_texts) of questions in the last build's parts of a
    step, by the question's hash: cut from those parts' files, each read only if one of
    its questions is asked for."""

    def __init__(self, known_parts: dict[tuple[str, int], tuple]) -> None:
        self.known_parts = known_parts
        self.where: dict[str, dict[str, tuple[Blob, int, int, str]]] = {}  # step id -> hash -> where
        self.read: dict[Blob, str] = {}

    def texts(self, step_id: str, key: str) -> tuple[str, str] | None:
        if step_id not in self.where:
            where = self.where[step_id] = {}
            for (step, _), (_, _, blob, part_entries, spans) in self.known_parts.items():
                if step == step_id:
                    for (question_key, start, end), entry in zip(spans, part_entries, strict=True):
                        where.setdefault(question_key, (blob, start, end, entry))
        found = self.where[step_id].get(key)
        if found is None or not found[0].present():
            return None
        blob, start, end, entry = found
        if blob not in self.read:
            self.read[blob] = blob.read()
        return self.read[blob][start:end], entry


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
    for relative, blob in build.assets.items():
        blob.write_to(docs / relative)
        written.append(docs / relative)
    config = generated_config(root, out, build, offline, directory_urls)
    header = "# Written by `imgguide generate`: do not edit (regenerate it instead).\n"
    (out / CONFIG_FILE).write_text(
        header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return written
