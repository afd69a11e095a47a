"""Topic labels (content/practice.yml `topics:`): every topic a question uses has a readable
label, and a missing one is reported where the question uses it, with file:line."""

from __future__ import annotations

import shutil

from imgguide.embed import practice_payload
from imgguide.validate import load_content

from ..conftest import PROJECT, ContentCopy

QUESTIONS = "questions/ecfmg-certification.yml"


def with_questions(content: ContentCopy) -> None:
    (content.root / "questions").mkdir()
    shutil.copy(PROJECT / QUESTIONS, content.path(QUESTIONS))


def test_every_topic_of_the_real_bank_has_a_label():
    real = load_content(PROJECT)
    used = {topic for question in real.questions for topic in question.topics}
    assert used <= set(real.practice.topics)
    assert all(label.strip() for label in real.practice.topics.values())


def test_a_topic_without_a_label_is_reported_at_the_question_with_file_and_line(content: ContentCopy):
    with_questions(content)
    text = content.read(QUESTIONS)
    line = text[: text.index("topics: [")].count("\n") + 1
    content.write(QUESTIONS, text.replace("topics: [", "topics: [made-up-topic, ", 1))
    errors = [error for error in content.errors() if "made-up-topic" in str(error)]
    assert len(errors) == 1
    assert errors[0].file.endswith(QUESTIONS)
    assert errors[0].line == line
    assert "topics:" in str(errors[0]) and "content/practice.yml" in str(errors[0])


def test_labels_must_be_keyed_by_ids(content: ContentCopy):
    line = content.replace("content/practice.yml", "  visa: Visas\n", "  Visa Types: Visas\n  visa: Visas\n")
    errors = content.errors()
    assert [(error.file.endswith("practice.yml"), error.line) for error in errors] == [(True, line)]


def test_the_practice_page_gets_the_labels_of_the_topics_in_use_sorted_by_label():
    real = load_content(PROJECT)
    steps = {step.id: "" for step in real.steps}
    payload = practice_payload(real, "bank.json", steps, steps, steps)
    labels = [topic["label"] for topic in payload["topics"]]
    assert labels == sorted(labels, key=str.lower)
    assert {topic["id"] for topic in payload["topics"]} == {t for q in real.questions for t in q.topics}
    assert payload["review"] == {"desiredRetention": 0.9, "maximumIntervalDays": 36500, "learningSteps": False}
