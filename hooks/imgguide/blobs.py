"""Large generated texts, kept in files of the build cache rather than in pickles and strings.

A bank of 10,000 questions generates about 70 MB of text: the markup of the question-bank
pages (one per step) and the bank's JSON. Held as strings inside the whole-site cache
entry, all of it was loaded on every warm build, written again after every edit, joined
into the pages by the theme, encoded, written to the site, and read back to hash it for
the service worker. A `Blob` is one such text, stored once under `.cache/imgguide/blobs/`
and named by its SHA-256; cache entries hold the small reference, so:

- a warm build loads references, not text;
- MkDocs copies a bank asset's file (in the kernel) instead of writing a string;
- a question-bank page is written by MkDocs with a marker where its question list goes,
  and the list is spliced in afterwards (`splice`), never passing through the theme;
- the service worker takes each of these files' hash from what is known (the blob's
  name; the bytes the splice wrote) instead of reading the file back.

Without the disk cache (IMGGUIDE_CACHE=off: cold builds, CI) a Blob holds its text in
memory and goes through the same code, so both give the same bytes (tests/build/test_quality.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Blob:
    """A text in a file of the build cache (`path`) or, without one, in memory (`text`).

    `digest` is the SHA-256 of its UTF-8 bytes when known (always for a stored blob: it
    is the file's name)."""

    digest: str | None
    path: Path | None = None
    text: str | None = field(default=None, repr=False)

    @classmethod
    def in_memory(cls, text: str, digest: str | None = None) -> Blob:
        return cls(digest=digest, text=text)

    def read(self) -> str:
        if self.text is not None:
            return self.text
        assert self.path is not None
        return self.path.read_text(encoding="utf-8")

    def data(self) -> bytes:
        if self.text is not None:
            return self.text.encode("utf-8")
        assert self.path is not None
        return self.path.read_bytes()

    def present(self) -> bool:
        """Whether the text can still be read. A stored blob's file is touched, so a
        concurrent build's clean-up (`BuildCache.collect_blobs`) sees it as in use."""
        if self.path is None:
            return True
        try:
            os.utime(self.path)
        except OSError:
            return False
        return True

    def write_to(self, destination: Path) -> None:
        destination.parent.mkdir(parents=True, exist_ok=True)
        if self.path is not None:
            shutil.copyfile(self.path, destination)  # os.sendfile on Linux: no copy in Python
        else:
            destination.write_bytes(self.data())


def store(folder: Path, text: str, digest: str | None = None) -> Blob:
    """Keep `text` in `folder` under its digest (written only if not there yet)."""
    data = text.encode("utf-8")
    digest = digest or hashlib.sha256(data).hexdigest()
    path = folder / f"{digest}.txt"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    return Blob(digest=digest, path=path)


class SpliceError(RuntimeError):
    """A page written by the engine does not hold, exactly once, the marker a blob replaces."""


def splice(page_file: Path, slots: list[tuple[tuple[str, ...], Blob]]) -> str:
    """Replace markers in the written `page_file` by blobs' texts; return the SHA-256 of the
    file as it is then (what offline.precache_list would compute from it).

    Each slot is (its markers, most specific first, e.g. wrapped in <p> and bare; the
    blob): the first marker found is replaced, once, as `GeneratedPage.fill_slots` does."""
    pieces: list[bytes | Blob] = [page_file.read_bytes()]
    for markers, blob in slots:
        if not _replace_first(pieces, [marker.encode("utf-8") for marker in markers], blob):
            raise SpliceError(f"{page_file}: the engine's output lost the marker {markers[-1]!r}")
    digest = hashlib.sha256()
    with open(page_file, "wb") as handle:
        for piece in pieces:
            data = piece if isinstance(piece, bytes) else piece.data()
            digest.update(data)
            handle.write(data)
    return digest.hexdigest()


def _replace_first(pieces: list[bytes | Blob], needles: list[bytes], blob: Blob) -> bool:
    for needle in needles:
        for index, piece in enumerate(pieces):
            if isinstance(piece, bytes) and needle in piece:
                before, after = piece.split(needle, 1)
                pieces[index : index + 1] = [before, blob, after]
                return True
    return False
