"""Large generated texts kept as files of the build cache (imgguide/blobs.py): what a warm
build hands MkDocs instead of strings, spliced into written pages, hashed without rereading."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from imgguide import offline
from imgguide.blobs import Blob, SpliceError, splice
from imgguide.cache import BuildCache
from imgguide.pages import PageWriter
from imgguide.validate import load_content

from ..conftest import FIXTURE

CONTENT = load_content(FIXTURE)


def test_a_blob_is_stored_once_under_its_hash_and_read_back_as_it_was(tmp_path: Path):
    cache = BuildCache(tmp_path / "cache")
    text = "Ünïcode question list ✓\n" * 3
    blob = cache.blob(text)
    assert blob.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert blob.path == tmp_path / "cache" / "blobs" / f"{blob.digest}.txt"
    assert blob.read() == text and blob.data() == text.encode("utf-8")
    assert cache.blob(text) == blob  # the same text, the same file
    blob.write_to(tmp_path / "site" / "a.json")
    assert (tmp_path / "site" / "a.json").read_text(encoding="utf-8") == text


def test_without_a_disk_cache_a_blob_keeps_its_text_in_memory(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("IMGGUIDE_CACHE", "off")
    blob = BuildCache(tmp_path / "cache").blob("text", digest="given")
    assert blob.path is None and blob.read() == "text" and blob.digest == "given" and blob.present()
    assert not (tmp_path / "cache").exists()


def test_a_blob_whose_file_was_deleted_is_reported_missing(tmp_path: Path):
    blob = BuildCache(tmp_path / "cache").blob("text")
    assert blob.present()
    blob.path.unlink()
    assert not blob.present()


def test_unused_blobs_are_deleted_only_after_a_grace_period(tmp_path: Path):
    cache = BuildCache(tmp_path / "cache")
    kept, old, young = cache.blob("kept"), cache.blob("old"), cache.blob("young")
    long_ago = time.time() - 3600
    for blob in (kept, old):
        os.utime(blob.path, (long_ago, long_ago))
    cache.collect_blobs({kept.digest}, older_than_seconds=600)
    assert kept.path.exists() and young.path.exists()  # young: another build may be copying it
    assert not old.path.exists()


def bank_page(markup: Blob) -> tuple[PageWriter, object]:
    page = PageWriter(CONTENT, "question-bank/x.md", ())
    page.add("# Questions", "")
    page.html_block("<p>small</p>")
    page.html_block(markup)
    return page.page("Questions")


@pytest.mark.parametrize("wrapped", [True, False], ids=["in-a-paragraph", "bare"])
def test_splicing_a_blob_gives_the_page_filling_it_in_memory_would(tmp_path: Path, wrapped: bool):
    markup = Blob.in_memory("<ol><li>Question ✓</li></ol>")
    generated = bank_page(markup)
    [(blob_markers, blob)] = generated.deferred_slots()
    assert blob is markup and blob_markers[0] == f"<p>{blob_markers[1]}</p>"
    marker = blob_markers[0] if wrapped else blob_markers[1]
    written = f"<html><main><p>small</p>\n{marker}\n</main></html>"
    expected = written.replace(marker, markup.read())
    assert generated.fill_slots(written) == written  # a blob slot keeps its marker in the engine's output
    path = tmp_path / "index.html"
    path.write_text(written, encoding="utf-8")
    digest = splice(path, generated.deferred_slots())
    assert path.read_text(encoding="utf-8") == expected
    assert digest == hashlib.sha256(expected.encode("utf-8")).hexdigest()


def test_a_page_that_lost_its_marker_stops_the_build(tmp_path: Path):
    generated = bank_page(Blob.in_memory("<ol></ol>"))
    path = tmp_path / "index.html"
    path.write_text("<html>a plugin rewrote the page</html>", encoding="utf-8")
    with pytest.raises(SpliceError, match="lost the marker"):
        splice(path, generated.deferred_slots())


def test_the_worker_list_is_the_same_with_known_hashes_as_when_every_file_is_read(tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    (site / "assets/data").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "assets/data/bank.json").write_text("{}", encoding="utf-8")
    every_file_read = offline.precache_list(site)
    read = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path.name) or real_read_bytes(path))
    known = {"assets/data/bank.json": hashlib.sha256(b"{}").hexdigest()}
    assert offline.precache_list(site, known=known) == every_file_read
    assert read == ["index.html"]  # the bank's hash was known: not read again
