"""A cache of build work, keyed by content hashes, so unchanged input is not redone.

Parsing and validating a large question bank is most of a build's cost (PyYAML composes
about 5 MB a second). Results are kept in memory (for `mkdocs serve` rebuilds) and in
`.cache/imgguide/` under the project (for the next `mkdocs build`). A key covers every
input of the result plus a fingerprint of this package's code and templates, so a
changed file, template or program never reuses an old result. Set IMGGUIDE_CACHE=off to
disable the disk cache (the benchmark does, to measure cold builds).

What is cached, from coarse to fine:
- `site-*`: the whole generated site (generate.build_site), keyed by the hashes of every
  file under content/ and questions/: a build with no edit does no content work at all.
  Its large texts are blobs (below), so the entry itself is small;
- `questions-blob-*` (one per question-bank page) and `bank-parts-*` (one for all the
  bank's part files): the page's question list and each part, with a hash of what they
  were made from (their questions' hashes, in order): a page or part whose questions did
  not change is reused without looking at them. The entries also record where each
  question's markup (or JSON) starts and ends in its blob: after an edit, the questions
  that did not change are cut from the last blobs and only the others are rendered (or
  converted) again;
- `file-*`: each file's parse and validation result (validate.ContentLoader.read), keyed
  by its bytes, with a hash of each question for the entries below and, for a question
  file, a hash of each question's text;
- `items-*`: for each question file, the `file-*` key of its last good version. An edited
  file is cut at its top-level items (yamlload.top_level_items) and only the items whose
  text changed are parsed and converted; the others come from that version
  (ContentLoader._reuse_items). Anything unusual (a file that is not plainly a list of
  items, an item with any problem) parses the whole file, for the exact messages;
- `blobs/<sha256>.txt`: large generated texts (blobs.py), named by their hash; those no
  site uses any more are deleted after a grace period (`collect_blobs`).

Loading and generating run with Python's cycle collector paused, and what the cache holds
afterwards is frozen out of its sight (`collection_paused`): with a large bank, the
collector walking millions of live objects again and again cost more than parsing.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from . import blobs

_PACKAGE = Path(__file__).resolve().parent
BLOBS = "blobs"  # folder of stored blobs in the cache folder
# A stored blob no site uses any more is deleted once unused for this long (see collect_blobs).
BLOB_GRACE_SECONDS = 600


@contextlib.contextmanager
def collection_paused(freeze_after: bool = False) -> Iterator[None]:
    """Pause Python's cycle collector for a phase that creates many long-lived objects.

    Loading a large bank creates millions of objects that all stay alive (nodes, data,
    models, cached entries); each automatic collection walks all of them again, which
    took more than half of a cold 10,000-question build. Nothing made there is cyclic
    garbage worth collecting early; the collector runs again as usual afterwards.

    With `freeze_after`, what exists at the end (the build cache's entries, kept for the
    rest of the process) is moved out of the collector's sight (`gc.freeze`), so MkDocs'
    own collections later in the build do not walk it again. Objects are still freed when
    nothing refers to them; only cycles among them wait for the next call, which unfreezes
    and collects them first (a `mkdocs serve` rebuild)."""
    was_enabled = gc.isenabled()
    if freeze_after and gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _fingerprint(extra_files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}".encode())
    for path in sorted(_PACKAGE.glob("*.py")) + sorted(extra_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


class BuildCache:
    """get/put by key; never raises (a broken cache only costs time)."""

    def __init__(self, folder: Path | None, extra_files: tuple[Path, ...] = ()) -> None:
        enabled = os.environ.get("IMGGUIDE_CACHE", "on").lower() not in ("off", "0", "no", "false")
        self.folder = folder if enabled else None
        self.salt = _fingerprint(extra_files)
        self.memory: dict[str, Any] = {}

    def key(self, namespace: str, *parts: bytes | str) -> str:
        digest = hashlib.sha256(self.salt.encode())
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return f"{namespace}-{digest.hexdigest()[:32]}"

    def get(self, key: str) -> Any | None:
        if key in self.memory:
            return self.memory[key]
        if self.folder is None:
            return None
        try:
            with open(self.folder / f"{key}.pickle", "rb") as handle:
                value = pickle.load(handle)
        except Exception:  # missing, truncated or from another version: recompute
            return None
        self.memory[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.memory[key] = value
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False, suffix=".tmp") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.folder / f"{key}.pickle")
        except OSError:
            pass

    def discard(self, key: str) -> None:
        """Forget one entry (in memory and on disk)."""
        self.memory.pop(key, None)
        if self.folder is not None:
            try:
                (self.folder / f"{key}.pickle").unlink(missing_ok=True)
            except OSError:
                pass

    def keep_only(self, key: str) -> None:
        """Delete the other entries of `key`'s namespace from disk (for large entries of
        which only the newest is worth keeping, such as a whole generated site)."""
        if self.folder is None:
            return
        namespace = key.rsplit("-", 1)[0]
        for path in self.folder.glob(f"{namespace}-*.pickle"):
            if path.stem != key and path.stem.rsplit("-", 1)[0] == namespace:
                try:
                    path.unlink()
                except OSError:
                    pass

    def blob(self, text: str, digest: str | None = None) -> blobs.Blob:
        """`text` as a Blob: stored under blobs/ (see blobs.py), or in memory without a disk cache.
        `digest`, when the caller has it, is the SHA-256 of the text's UTF-8 bytes."""
        if self.folder is None:
            return blobs.Blob.in_memory(text, digest)
        try:
            return blobs.store(self.folder / BLOBS, text, digest)
        except OSError:
            return blobs.Blob.in_memory(text, digest)

    def collect_blobs(self, keep: set[str], older_than_seconds: float = BLOB_GRACE_SECONDS) -> None:
        """Delete stored blobs not in `keep` (digests) and not used for `older_than_seconds`:
        another build running at the same time may still be copying a newer one."""
        if self.folder is None:
            return
        now = time.time()
        for path in (self.folder / BLOBS).glob("*.txt"):
            try:
                if path.stem not in keep and now - path.stat().st_mtime > older_than_seconds:
                    path.unlink()
            except OSError:
                pass

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value


_caches: dict[Path, BuildCache] = {}


def for_project(root: Path) -> BuildCache:
    """The cache of the project at `root` (one per process, so serve rebuilds share it)."""
    root = root.resolve()
    if root not in _caches:
        templates = tuple((root / "overrides" / "partials").glob("ig-*.html"))
        _caches[root] = BuildCache(root / ".cache" / "imgguide", templates)
    return _caches[root]
