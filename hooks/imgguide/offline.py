"""The service worker that keeps the site readable offline (see service-worker.js).

After MkDocs has written the site, `write_service_worker(site_dir)` lists every file a
reader may need, with a hash of its content, and writes sw.js at the site root. The list
and the version come only from the files, so building the same sources twice gives the
same sw.js, and any change to any file gives a new version (and an update notice).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("service-worker.js")
WORKER = "sw.js"
# Not needed in a browser: source maps, search language packs other sites need, the
# compressed sitemap (the plain one is kept: instant navigation reads it).
SKIPPED_SUFFIXES = (".map", ".gz")
SKIPPED_FOLDERS = ("assets/javascripts/lunr/",)


def precache_list(
    site_dir: Path, use_directory_urls: bool = True, known: dict[str, str] | None = None
) -> dict[str, str]:
    """URL (relative to the site root) -> short content hash, for every file to keep.

    `known` gives the SHA-256 of files the build wrote itself (path under the site root ->
    hex digest), which are then not read back: with a large bank they are most of the site."""
    known = known or {}
    files: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if (
            not path.is_file()
            or relative == WORKER
            or relative.endswith(SKIPPED_SUFFIXES)
            or relative.startswith(SKIPPED_FOLDERS)
        ):
            continue
        digest = (known.get(relative) or hashlib.sha256(path.read_bytes()).hexdigest())[:16]
        # With directory URLs a page is requested as "steps/x/", not ".../index.html".
        if use_directory_urls and (relative == "index.html" or relative.endswith("/index.html")):
            relative = relative[: -len("index.html")] or "./"
        files[relative] = digest
    return files


def write_service_worker(site_dir: Path, use_directory_urls: bool = True, known: dict[str, str] | None = None) -> str:
    """Write sw.js for the built site (`known`: see precache_list); returns its version."""
    files = precache_list(site_dir, use_directory_urls, known)
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    code = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__IG_VERSION__", version)
        .replace("__IG_FILES__", json.dumps(files, indent=1, sort_keys=True))
    )
    (site_dir / WORKER).write_text(code, encoding="utf-8")
    return version
