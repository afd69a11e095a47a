"""What the build makes of the question bank: the bank asset, the Practice page, the
question-bank pages and the blocks on step pages."""

from __future__ import annotations

import hashlib
import json
import re

from imgguide import pages
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from ..textnorm import html_text, norm

CONTENT = load_content(PROJECT)


def attribute_json(html: str, name: str) -> dict:
    match = re.search(rf"{name}='([^']*)'", html)
    assert match, name
    return json.loads(match.group(1))


def bank_files(site) -> tuple:
    """The bank's index and its part files in a built site."""
    (index,) = site.glob("assets/data/question-bank.*.json")
    parts = sorted(site.glob("assets/data/question-bank/*.json"))
    return index, parts


def test_the_bank_is_a_hashed_index_and_small_hashed_parts_holding_every_question_once(built_site: BuiltSite):
    from imgguide.embed import BANK_VERSION, QUESTIONS_PER_PART

    index_path, part_paths = bank_files(built_site.path)
    assert re.fullmatch(r"question-bank\.[0-9a-f]{12}\.json", index_path.name)
    index_text = index_path.read_text(encoding="utf-8")
    assert index_path.name.split(".")[1] == hashlib.sha256(index_text.encode()).hexdigest()[:12]
    index = json.loads(index_text)
    assert index["v"] == BANK_VERSION and set(index) == {"v", "parts", "questions"}
    # The index lists every part (relative to its own folder), each step's in order.
    assert sorted(index["parts"]) == sorted(f"question-bank/{path.name}" for path in part_paths)
    expected_parts = [
        (step.id, number) for step in CONTENT.steps
        for number in range(-(-len(CONTENT.questions_for(step.id)) // QUESTIONS_PER_PART))
    ]
    named = [path.split("/")[1].split(".") for path in index["parts"]]
    assert [(name[0], int(name[1])) for name in named] == expected_parts
    seen: list[str] = []
    for number, relative in enumerate(index["parts"]):
        path = built_site.path / "assets/data" / relative
        assert re.fullmatch(r"[a-z0-9-]+\.[0-9]+\.[0-9a-f]{12}\.json", path.name)
        text = path.read_text(encoding="utf-8")
        assert path.name.split(".")[2] == hashlib.sha256(text.encode()).hexdigest()[:12]
        data = json.loads(text)
        step, within = path.name.split(".")[0], int(path.name.split(".")[1])
        assert data["v"] == BANK_VERSION and data["step"] == step
        in_step = CONTENT.questions_for(step)[within * QUESTIONS_PER_PART : (within + 1) * QUESTIONS_PER_PART]
        assert [q["id"] for q in data["questions"]] == [q.id for q in in_step]
        for question in data["questions"]:
            assert set(question) == {"id", "step", "topics", "difficulty", "kind", "stem", "options", "answer",
                                     "objective", "sources", "advice", "confidence", "reviewed", "reviewedText"}
            assert all(set(option) == {"id", "text", "rationale"} for option in question["options"])
            assert next(e for e in index["questions"] if e["id"] == question["id"])["part"] == number
        # Each part carries the sources its questions cite, and only those.
        assert {source for q in data["questions"] for source in q["sources"]} == set(data["sources"])
        seen += [q["id"] for q in data["questions"]]
    assert sorted(seen) == sorted(q.id for q in CONTENT.questions) and len(seen) == len(set(seen))

    # The index: every question once, in bank order, without its text but with what the
    # builder filters on, what scoring needs (the answer key and the option ids) and its part.
    assert [q["id"] for q in index["questions"]] == [q.id for q in CONTENT.questions]
    for entry, question in zip(index["questions"], CONTENT.questions, strict=True):
        assert {key: value for key, value in entry.items() if key != "part"} == {
            "id": question.id, "step": question.step, "topics": list(question.topics),
            "difficulty": question.difficulty, "kind": question.kind, "answer": question.answer.id,
            "options": [{"id": option.id} for option in question.shown_options],
        }
    assert CONTENT.questions[0].stem not in index_text
    assert len(index_text) < sum(path.stat().st_size for path in part_paths) / 2


def test_practice_page_points_at_the_bank_and_every_step(built_site: BuiltSite):
    html = built_site.page("practice/index.html")
    payload = attribute_json(html, "data-ig-practice")
    index_path, _ = bank_files(built_site.path)
    assert payload["bank"] == f"../assets/data/{index_path.name}"  # the index names the parts
    assert [step["id"] for step in payload["steps"]] == [step.id for step in CONTENT.steps]
    assert [step["count"] for step in payload["steps"]] == [len(CONTENT.questions_for(s.id)) for s in CONTENT.steps]
    assert payload["steps"][0]["url"] == f"../steps/{CONTENT.steps[0].id}/"
    assert set(payload["labels"]) == set(CONTENT.practice.labels)
    settings = CONTENT.practice.settings
    assert payload["settings"]["maxBlockSize"] == settings.max_block_size
    assert payload["settings"]["optionLetters"] == settings.option_letters
    assert payload["settings"]["timeWarningsMinutes"] == list(settings.time_warnings_minutes)
    # One empty question from the same partial as every static question: the Practice page
    # copies it (ig-quiz.js fromTemplate) instead of describing the markup a second time.
    template = re.search(r'<template class="ig-question-template">(.*?)</template>', html, re.S).group(1)
    assert template.startswith('<article class="ig-question"') and template.count("<article") == 1
    assert 'class="ig-option"' in template and 'class="ig-badge ig-badge--confirm"' in template
    for step in CONTENT.steps:
        assert f'href="../question-bank/{step.id}/"' in html


def test_each_step_page_ends_with_a_block_of_its_own_questions(built_site: BuiltSite):
    shown = CONTENT.practice.settings.questions_per_step_page
    for step in CONTENT.steps:
        html = built_site.page(f"steps/{step.id}/index.html")
        block = re.search(r'<section class="ig-practice-block".*?</section>', html, re.S).group(0)
        ids = re.findall(r'data-ig-question="([a-z0-9-]+)"', block)
        assert ids == [q.id for q in CONTENT.questions_for(step.id)[:shown]]
        assert html.index('id="practice"') < html.index('id="sources"')
        assert f'href="../../practice/?steps={step.id}"' in html
        assert f'href="../../question-bank/{step.id}/"' in html


def test_each_question_is_a_fieldset_with_radio_options_and_a_collapsed_answer(built_site: BuiltSite):
    step = CONTENT.steps[2]
    html = built_site.page(f"question-bank/{step.id}/index.html")
    questions = CONTENT.questions_for(step.id)
    articles = re.findall(r'<article class="ig-question".*?</article>', html, re.S)
    assert len(articles) == len(questions)
    for article, question in zip(articles, questions, strict=True):
        assert f'data-ig-answer="{question.answer.id}"' in article
        assert article.count('type="radio"') == len(question.options)
        assert "<fieldset" in article and "<legend" in article
        details = re.search(r'<details class="ig-question__answer">(.*?)</details>', article, re.S).group(1)
        for option in question.options:
            assert norm(option.rationale) in html_text(details)


def test_no_question_text_reaches_the_search_index_but_step_text_does(built_site: BuiltSite):
    # Holds because guide_hooks.on_page_context fills the question blocks in after the
    # search plugin has read the page (its event priority, AFTER_SEARCH).
    index = json.loads((built_site.path / "search/search_index.json").read_text(encoding="utf-8"))
    indexed = html_text(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))
    for step in CONTENT.steps:
        assert norm(step.what_it_is[0].text.split("[")[0])[:50] in indexed, step.id
    # Every stem, option and rationale, except a sentence a page of the guide says itself
    # (an option may be a true statement taken from the step it tests).
    guide_text = norm(" ".join(page.markdown for page in pages.render_site(CONTENT)))
    question_texts = {
        norm(text)
        for question in CONTENT.questions
        for text in (question.stem, *(o.text for o in question.options), *(o.rationale for o in question.options))
        if len(text) >= 20 and norm(text) not in guide_text
    }
    assert len(question_texts) > 3 * len(CONTENT.questions)
    leaked = sorted(text for text in question_texts if text in indexed)
    assert leaked == []
    assert not any(doc["location"].startswith("question-bank/") for doc in index["docs"])


def test_the_bank_files_are_identical_across_builds(built_site: BuiltSite, tmp_path):
    from ..conftest import run_build

    again = run_build(PROJECT, tmp_path / "site")
    assert again.returncode == 0
    first, second = bank_files(built_site.path), bank_files(tmp_path / "site")
    for one, other in zip([first[0], *first[1]], [second[0], *second[1]], strict=True):
        assert one.name == other.name and one.read_bytes() == other.read_bytes()
