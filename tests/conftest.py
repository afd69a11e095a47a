"""Fixtures shared by all test layers: a built copy of the site, and an editable copy of
the fixture content (tests/fixtures/guide) for validation tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from imgguide.errors import ContentError, SourceError
from imgguide.validate import load_content

PROJECT = Path(__file__).resolve().parent.parent
# A small, valid, frozen content tree (2 steps, 1 page, 4 questions per step): unit tests run
# on it, so an edit of the real content/ or questions/ never breaks them. Only
# tests/unit/test_validate.py::test_the_real_content_is_valid reads the real content.
FIXTURE = PROJECT / "tests" / "fixtures" / "guide"
# What a build needs from the project (copied when a test must change something).
SITE_SOURCES = ("mkdocs.yml", "content", "questions", "hooks", "overrides", "docs")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def run_build(
    project: Path, site_dir: Path, site_url: str | None = None, extra_env: dict[str, str] | None = None
) -> BuildResult:
    """`mkdocs build --strict` as a user runs it (never with -q: it would hide warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def copy_project(target: Path) -> Path:
    """A copy of everything a build reads, to change without touching the real project."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """`mkdocs serve` of `project` on a free port, as `python3 dev.py serve` runs it; yields
    the base URL once the first build is served."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        output = []
        for line in process.stdout:  # ends when mkdocs exits
            output.append(line)
            if "Serving on" in line:
                break
        assert process.poll() is None, "".join(output)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait()
        process.stdout.close()


@dataclass
class BuiltSite:
    """The real project, built once per test session for a given localhost origin."""

    path: Path
    port: int
    output: str

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def html_pages(self) -> list[Path]:
        return sorted(p for p in self.path.rglob("*.html"))

    def page(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    # Instant navigation only works when the served origin equals site_url, so the port is
    # chosen before building (see TOOLCHAIN.md).
    port = free_port()
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_build(PROJECT, site_dir, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    return BuiltSite(site_dir, port, result.output)


class ContentCopy:
    """A throwaway copy of the fixture's content/ (without questions/ unless asked), that a
    test edits, then validates."""

    def __init__(self, root: Path, questions: bool = False) -> None:
        self.root = root
        shutil.copytree(FIXTURE / "content", root / "content")
        if questions:
            shutil.copytree(FIXTURE / "questions", root / "questions")

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str) -> int:
        """Replace the one occurrence of `old`; return the 1-based line where it started."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        line = text[: text.index(old)].count("\n") + 1
        self.write(relative, text.replace(old, new))
        return line

    def line_of(self, relative: str, fragment: str) -> int:
        text = self.read(relative)
        assert fragment in text, f"{fragment!r} not in {relative}"
        return text[: text.index(fragment)].count("\n") + 1

    def errors(self) -> list[SourceError]:
        try:
            load_content(self.root)
        except ContentError as error:
            return error.errors
        return []


@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    return ContentCopy(tmp_path)
