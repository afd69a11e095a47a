"""An edited question file reuses the items whose text did not change (validate.py,
`ContentLoader._reuse_items`): the result must be exactly that of parsing the whole file,
errors (with their lines) included, and anything unusual falls back to a whole parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imgguide import validate
from imgguide.cache import BuildCache
from imgguide.errors import ContentError
from imgguide.validate import load_content
from imgguide.yamlload import top_level_items

from ..conftest import FIXTURE, PROJECT

QUESTIONS = "questions/ecfmg-certification.yml"


class Parses:
    """Counts whole-file parses of question files (item parses go through `parse`)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        real = validate.load

        def load(path: Path, name: str | None = None):
            if "questions/" in (name or ""):
                self.files.append(name)
            return real(path, name)

        monkeypatch.setattr(validate, "load", load)


def outcome(root: Path, cache: BuildCache | None = None):
    """The loaded content, or the error messages, as a comparable value."""
    try:
        content = load_content(root, cache)
    except ContentError as error:
        return "errors", str(error).splitlines()
    return "content", content


def copy_tree(source: Path, target: Path) -> Path:
    for name in ("content", "questions"):
        shutil.copytree(source / name, target / name)
    return target


def edited_build(root: Path, edit, monkeypatch: pytest.MonkeyPatch):
    """Load `root` once to fill a cache, apply `edit` to QUESTIONS, load again with that
    cache and without any: both outcomes, and the whole-file parses of the cached load."""
    cache = BuildCache(None)
    assert outcome(root, cache)[0] == "content"
    path = root / QUESTIONS
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    parses = Parses(monkeypatch)
    reused = outcome(root, cache)
    whole_file_parses = list(parses.files)
    fresh = outcome(root)
    return reused, fresh, whole_file_parses


def test_cuts_a_plain_list_at_its_items():
    text = "# header\n\n- id: a\n  x: 1\n# between\n\n- id: b\n  y: >-\n    text\n"
    assert top_level_items(text) == [(2, "- id: a\n  x: 1\n# between\n\n"), (6, "- id: b\n  y: >-\n    text\n")]


@pytest.mark.parametrize("text", [
    "key: value\n",                     # not a list
    "---\n- a\n",                       # a document marker
    "%YAML 1.1\n---\n- a\n",            # a directive
    "- a\n...\n",                       # a document end
    "  - a\n- b\n",                     # content before the first item
    "- &x a\n- *x\n",                   # an anchor
    "- a: |+\n    kept\n\n- b\n",       # keeps trailing blank lines
    "- a\r\n- b\r\n",                   # other line breaks
    "\ufeff- a\n",                      # a byte-order mark
    "[a, b]\n",                         # flow style
    "- a\n\t- b\n",                     # a tab
    "",
])
def test_refuses_anything_else(text):
    assert top_level_items(text) is None


def test_the_real_bank_reuses_unchanged_questions_and_equals_a_whole_parse(tmp_path, monkeypatch):
    root = copy_tree(PROJECT, tmp_path)
    stem = top_level_items((root / QUESTIONS).read_text(encoding="utf-8"))[3][1]

    def edit(text: str) -> str:  # reword the 4th question, drop the 2nd, move the 1st to the end
        items = top_level_items(text)
        head = text[: text.index(items[0][1])]
        reworded = stem.replace("  stem: >-\n    ", "  stem: >-\n    Reworded: ", 1)
        assert reworded != stem
        parts = [items[2][1], reworded] + [part for _, part in items[4:]] + [items[0][1]]
        return head + "".join(parts)

    reused, fresh, whole_file_parses = edited_build(root, edit, monkeypatch)
    assert whole_file_parses == []
    assert reused == fresh
    assert reused[0] == "content"
    # the hashes that key each question's cached markup and JSON (not compared by ==)
    assert reused[1].question_digests == fresh[1].question_digests


SYNTHETIC = "".join(
    f"""- id: synthetic-{number}
  step: ecfmg-certification
  topics: [ecfmg]
  difficulty: 2
  kind: recall
  stem: >-
    Synthetic question {number}: which option is the right one here?
  options:
    - id: right
      text: The right option, number {number}.
      correct: true
      rationale: >-
        It is right for a reason that is written out.
    - id: wrong
      text: The wrong option, number {number}.
      rationale: It is wrong.
    - id: other
      text: Another wrong option, number {number}.
      rationale: It is wrong too.
    - id: last
      text: The last wrong option, number {number}.
      rationale: It is not right either.
  objective: Know which option is right.
  sources: [ecfmg-requirements]
  last_reviewed: 2026-11-26
"""
    for number in range(6)
)


@pytest.mark.parametrize(("edit", "reuses"), [
    (lambda text: text.replace("Synthetic question 3:", "Synthetic question three:"), True),
    (lambda text: text.replace("- id: synthetic-4\n", "# a comment\n\n- id: synthetic-4\n"), True),
    # errors inside one item, reported with the line of the whole file
    (lambda text: text.replace("difficulty: 2\n  kind: recall\n  stem: >-\n    Synthetic question 3",
                               "difficulty: 9\n  kind: recall\n  stem: >-\n    Synthetic question 3"), False),
    (lambda text: text.replace("sources: [ecfmg-requirements]\n  last_reviewed: 2026-11-26\n- id: synthetic-3",
                               "sources: [no-such-source]\n  last_reviewed: 2026-11-26\n- id: synthetic-3"), True),
    (lambda text: text.replace("- id: synthetic-4\n", "- id: synthetic-1\n"), True),  # a duplicate id
    # a quote left open runs into the next item in the whole file
    (lambda text: text.replace("text: The wrong option, number 2.", 'text: "The wrong option, number 2.'), False),
    (lambda text: text.replace("- id: synthetic-5\n", "- id: synthetic-5\n  id: again\n"), False),
    (lambda text: text.replace("- id: synthetic-2\n", "- &anchor\n  id: synthetic-2\n"), False),
    (lambda text: text.replace("    Synthetic question 2:", "\tSynthetic question 2:"), False),
    (lambda text: text + "extra: key\n", False),
])
def test_an_edit_in_the_middle_of_a_file_gives_what_a_whole_parse_gives(tmp_path, monkeypatch, edit, reuses):
    root = copy_tree(FIXTURE, tmp_path)
    path = root / QUESTIONS
    path.write_text(path.read_text(encoding="utf-8") + SYNTHETIC, encoding="utf-8")
    reused, fresh, whole_file_parses = edited_build(root, edit, monkeypatch)
    assert reused == fresh
    if reused[0] == "content":
        assert reused[1].question_digests == fresh[1].question_digests
    if reused[0] == "errors":  # the edited file's errors keep their place in the whole file
        assert any(line.lstrip().startswith(f"{QUESTIONS}:") for line in reused[1])
    assert (whole_file_parses == []) == reuses


def test_a_source_removed_under_cached_questions_is_reported_where_they_cite_it(tmp_path):
    # Questions taken from the cache keep their references as plain tuples (no Reference per
    # citation); a broken one is still reported at the citing line, as without the cache.
    root = copy_tree(FIXTURE, tmp_path / "guide")
    cache = BuildCache(tmp_path / "cache")
    cited = load_content(root, cache).questions[0].sources[0]
    sources = root / "content" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(f"id: {cited}\n", f"id: {cited}-moved\n", 1),
                       encoding="utf-8")
    cached, fresh = outcome(root, BuildCache(tmp_path / "cache")), outcome(root, BuildCache(None))
    assert cached == fresh and cached[0] == "errors"
    assert any(line.strip().startswith(f"{QUESTIONS}:") and f"'{cited}'" in line for line in cached[1])
