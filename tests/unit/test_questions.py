"""Validation of the question bank (questions/*.yml): every bad question is reported with
its file, line and field, together with every other problem."""

from __future__ import annotations

import pytest

from ..conftest import ContentCopy

GOOD = """\
- id: sample-question
  step: usmle-exams
  topics: [fees]
  difficulty: 2
  kind: application
  stem: >-
    A sample stem that asks one thing.
  options:
    - id: first
      text: First option.
      rationale: Why the first is wrong.
    - id: second
      text: Second option.
      correct: true
      rationale: Why the second is right.
    - id: third
      text: Third option.
      rationale: Why the third is wrong.
    - id: fourth
      text: Fourth option.
      rationale: Why the fourth is wrong.
  objective: One learning point.
  sources: [usmle-step-1-faq]
  last_reviewed: 2026-11-26
"""
FILE = "questions/sample.yml"


@pytest.fixture
def bank(content: ContentCopy) -> ContentCopy:
    """The fixture content, with only one small question file in questions/."""
    (content.root / "questions").mkdir(exist_ok=True)
    content.write(FILE, GOOD)
    return content


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_valid_question_loads(bank: ContentCopy):
    assert bank.errors() == []


def test_no_correct_option(bank: ContentCopy):
    bank.write(FILE, GOOD.replace("      correct: true\n", ""))
    (error,) = bank.errors()
    assert (error.file, error.line, error.field) == (FILE, line_of(GOOD, "options:"), "[0].options")
    assert "exactly one option must have 'correct: true', found 0" in str(error)


def test_two_correct_options(bank: ContentCopy):
    bank.write(FILE, GOOD.replace("      text: First option.\n", "      text: First option.\n      correct: true\n"))
    (error,) = bank.errors()
    assert error.field == "[0].options"
    assert "found 2" in error.message


def test_duplicate_option_id(bank: ContentCopy):
    text = GOOD.replace("    - id: third\n", "    - id: first\n")
    bank.write(FILE, text)
    (error,) = bank.errors()
    assert (error.line, error.field) == (line_of(text, "- id: first\n      text: Third") , "[0].options[2].id")
    assert "duplicate option id 'first'" in error.message


def test_empty_rationale(bank: ContentCopy):
    text = GOOD.replace("rationale: Why the third is wrong.", 'rationale: ""')
    bank.write(FILE, text)
    (error,) = bank.errors()
    assert (error.line, error.field) == (line_of(text, 'rationale: ""'), "[0].options[2].rationale")
    assert error.expected == "text"


def test_missing_rationale(bank: ContentCopy):
    bank.write(FILE, GOOD.replace("      rationale: Why the fourth is wrong.\n", ""))
    (error,) = bank.errors()
    assert error.field == "[0].options[3].rationale"
    assert "missing required field" in str(error)


def test_too_few_and_too_many_options(bank: ContentCopy):
    start = GOOD.index("    - id: third")
    end = GOOD.index("  objective:")
    bank.write(FILE, GOOD[:start] + GOOD[end:])
    (error,) = bank.errors()
    assert (error.field, error.expected, error.got) == ("[0].options", "at least 4 items", "2")
    options = GOOD[GOOD.index("    - id: first"):end]
    many = GOOD[:end] + options.replace("id: first", "id: fifth").replace("id: second", "id: sixth").replace(
        "      correct: true\n", "") + GOOD[end:]
    bank.write(FILE, many)
    (error,) = bank.errors()
    assert (error.field, error.expected, error.got) == ("[0].options", "at most 5 items", "8")


def test_duplicate_question_id_across_files(bank: ContentCopy):
    bank.write("questions/zz-other.yml", GOOD.replace("A sample stem", "Another stem"))
    (error,) = bank.errors()
    assert (error.file, error.line, error.field) == ("questions/zz-other.yml", 1, "[0].id")
    assert f"duplicate question id 'sample-question' (already used at {FILE}:1)" in str(error)


def test_same_stem_twice(bank: ContentCopy):
    bank.write("questions/zz-other.yml", GOOD.replace("id: sample-question", "id: other-question"))
    (error,) = bank.errors()
    assert error.file == "questions/zz-other.yml"
    assert "the same stem as question 'sample-question'" in error.message


def test_step_that_does_not_exist(bank: ContentCopy):
    text = GOOD.replace("step: usmle-exams", "step: usmle-exam")
    bank.write(FILE, text)
    (error,) = bank.errors()
    assert (error.line, error.field, error.got) == (2, "[0].step", "'usmle-exam'")
    assert error.message == "did you mean 'usmle-exams'?"


def test_difficulty_out_of_range_and_unknown_kind(bank: ContentCopy):
    bank.write(FILE, GOOD.replace("difficulty: 2", "difficulty: 4").replace("kind: application", "kind: trivia"))
    errors = bank.errors()
    assert [(e.line, e.field, e.expected) for e in errors] == [
        (4, "[0].difficulty", "a whole number from 1 to 3"),
        (5, "[0].kind", "one of 'recall', 'application', 'timeline'"),
    ]


def test_question_without_sources_must_say_it_tests_the_guides_advice(bank: ContentCopy):
    text = GOOD.replace("  sources: [usmle-step-1-faq]\n", "")
    bank.write(FILE, text)
    (error,) = bank.errors()
    assert (error.line, error.field) == (1, "[0].sources")
    assert "set 'advice: true'" in error.message
    bank.write(FILE, text.replace("  last_reviewed:", "  advice: true\n  last_reviewed:"))
    assert bank.errors() == []


def test_correct_must_be_true_or_false(bank: ContentCopy):
    bank.write(FILE, GOOD.replace("correct: true", "correct: yes"))
    (error,) = bank.errors()
    assert (error.line, error.field, error.expected) == (
        line_of(GOOD, "correct: true"), "[0].options[1].correct", "true or false")


def test_every_problem_in_the_bank_is_reported_at_once(bank: ContentCopy):
    bad = GOOD.replace("      correct: true\n", "").replace("step: usmle-exams", "step: nowhere")
    bank.write(FILE, bad)
    bank.write("questions/broken.yml", "- id: [unclosed\n")
    files_and_fields = [(e.file, e.field) for e in bank.errors()]
    assert files_and_fields == [("questions/broken.yml", ""), (FILE, "[0].step"), (FILE, "[0].options")]
