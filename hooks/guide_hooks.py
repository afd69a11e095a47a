"""MkDocs hooks: load and validate the content, then hand MkDocs the generated pages.

Kept thin on purpose: all work is in the `imgguide` package. Everything that can fail runs
in `on_pre_build`, because MkDocs empties `site_dir` right after that event: an error
raised here leaves a previously built site exactly as it was.

Order. MkDocs runs every plugin's handler for an event by priority (higher first; hooks
count as plugins listed after `plugins:`). Two events depend on the order, and their
priorities say so rather than the place of `hooks:` in mkdocs.yml:
- `on_page_context` runs after the search plugin has indexed the page (`AFTER_SEARCH`), so
  question text never enters the search index (tests/build/test_practice_pages.py);
- `on_post_build` runs last (`LAST`): sw.js lists, with its hash, every file the other
  plugins wrote, including search/search_index.json (tests/build/test_quality.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from imgguide import cache, embed, offline, pages
from imgguide.errors import ContentError
from imgguide.quizhtml import QuestionMarkup
from imgguide.validate import load_content

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
    root = Path(config.config_file_path).parent
    build_cache = cache.for_project(root)
    try:
        content = load_content(root, build_cache)
    except ContentError as error:
        raise PluginError(str(error)) from None
    bank = build_cache.memo(build_cache.key("bank", content.fingerprint), lambda: embed.bank_json(content))
    site = pages.SiteOptions(
        use_directory_urls=config.use_directory_urls,
        question_markup=QuestionMarkup(
            content, root / "overrides" / "partials", config.use_directory_urls, build_cache
        ),
        bank_asset=embed.bank_path(bank),
    )
    _built["content"] = content
    _built["pages"] = pages.render_site(content, site)
    _built["by_uri"] = {page.src_uri: page for page in _built["pages"]}
    _built["assets"] = {site.bank_asset: bank}
    config.nav = pages.navigation(content)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _built["pages"]:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for path, text in _built["assets"].items():
        files.append(File.generated(config, path, content=text))
    return files


@event_priority(AFTER_SEARCH)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    # The search plugin has already read this page's content: the question blocks filled in
    # here never reach the search index, and the search plugin does not spend time scanning
    # the (possibly large) question markup.
    generated = _built["by_uri"].get(page.file.src_uri)
    if generated:
        page.content = generated.fill_slots(page.content)
    return context


def on_env(env, config: MkDocsConfig, files: Files):
    labels = _built["content"].labels
    env.globals["ig_labels"] = labels
    # Pages ask for sw.js only when this build writes one (ig-offline.js reads this).
    if writes_service_worker():
        env.globals["ig_offline"] = {"update": labels.update_available, "reload": labels.update_reload}
    else:
        env.globals.pop("ig_offline", None)
    return env


@event_priority(LAST)
def on_post_build(config: MkDocsConfig) -> None:
    if writes_service_worker():
        offline.write_service_worker(Path(config.site_dir), config.use_directory_urls)
