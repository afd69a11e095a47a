"""MkDocs hooks: load and validate the content, then hand MkDocs the generated pages.

Kept thin on purpose: all work is in the `imgguide` package. Everything that can fail runs
in `on_pre_build`, because MkDocs empties `site_dir` right after that event: an error
raised here leaves a previously built site exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from imgguide import pages
from imgguide.errors import ContentError
from imgguide.validate import load_content

_built: dict[str, object] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    try:
        content = load_content(root)
    except ContentError as error:
        raise PluginError(str(error)) from None
    _built["content"] = content
    _built["pages"] = pages.render_site(content)
    config.nav = pages.navigation(content)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for page in _built["pages"]:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    env.globals["ig_labels"] = _built["content"].labels
    return env
