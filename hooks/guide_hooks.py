"""MkDocs hooks: load and validate the content, then hand MkDocs the generated pages.

Kept thin on purpose: all work is in the `imgguide` package. Everything that can fail runs
in `on_pre_build`, because MkDocs empties `site_dir` right after that event: an error
raised here leaves a previously built site exactly as it was.

Order. MkDocs runs every plugin's handler for an event by priority (higher first; hooks
count as plugins listed after `plugins:`). Two events depend on the order, and their
priorities say so rather than the place of `hooks:` in mkdocs.yml:
- `on_page_context` runs after the search plugin has indexed the page (`AFTER_SEARCH`), so
  question text never enters the search index (tests/build/test_practice_pages.py);
- `on_post_build` runs last (`LAST`): it splices each question-bank page's question list
  into the written page (blobs.py; no other plugin sees those megabytes), then sw.js lists,
  with its hash, every file the other plugins wrote, including search/search_index.json
  (tests/build/test_quality.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from imgguide import blobs, cache, generate, offline
from imgguide.errors import ContentError

_built: dict[str, object] = {"command": "build"}
# The search plugin (MkDocs' and Material's) reads a page in its `on_page_context` at the
# default priority 0; ours runs later ("late" in MkDocs' scale).
AFTER_SEARCH = -50
LAST = -100


def writes_service_worker() -> bool:
    """`mkdocs serve` gets no service worker: a cached copy would hide the edits it reloads."""
    return _built["command"] != "serve"


def on_startup(command: str, dirty: bool) -> None:
    _built["command"] = command


def on_pre_build(config: MkDocsConfig) -> None:
    # The same generator as `imgguide generate` (generate.py): the hooks only hand its
    # pages, assets, navigation and template data to MkDocs.
    root = Path(config.config_file_path).parent
    try:
        site = generate.build_site(root, config.use_directory_urls, cache.for_project(root))
    except ContentError as error:
        raise PluginError(str(error)) from None
    _built["site"] = site
    _built["by_uri"] = site.by_uri()
    config.nav = site.nav
    # The templates read these from config.extra, where the generated tree's config has them.
    config.extra.pop("ig_offline", None)
    config.extra.update(generate.template_data(site.labels, offline=writes_service_worker()))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _built["site"]
    for page in site.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for path, blob in site.assets.items():
        # A stored blob is copied from the build cache, not handed over as a string (blobs.py).
        if blob.path is not None:
            files.append(File.generated(config, path, abs_src_path=str(blob.path)))
        else:
            files.append(File.generated(config, path, content=blob.read()))
    _built["spliced"] = {}
    return files


@event_priority(AFTER_SEARCH)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    # The search plugin has already read this page's content: the question blocks filled in
    # here never reach the search index, and the search plugin does not spend time scanning
    # the (possibly large) question markup.
    generated = _built["by_uri"].get(page.file.src_uri)
    if generated:
        page.content = generated.fill_slots(page.content)
        if generated.deferred_slots():
            _built["spliced"][page.file.abs_dest_path] = generated
    return context


@event_priority(LAST)
def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    # Hashes of files written from what the build knows, so sw.js need not read them back.
    known = {path: blob.digest for path, blob in _built["site"].assets.items() if blob.digest}
    for written, generated in _built["spliced"].items():
        try:
            digest = blobs.splice(Path(written), generated.deferred_slots())
        except blobs.SpliceError as error:
            raise PluginError(str(error)) from None
        known[Path(written).relative_to(site_dir).as_posix()] = digest
    if writes_service_worker():
        offline.write_service_worker(site_dir, config.use_directory_urls, known)
