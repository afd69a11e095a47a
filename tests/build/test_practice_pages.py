"""What the build makes of the question bank: the bank asset, the Practice page, the
question-bank pages and the blocks on step pages."""

from __future__ import annotations

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


def test_the_bank_is_one_hashed_asset_with_every_question(built_site: BuiltSite):
    (asset,) = built_site.path.glob("assets/data/question-bank.*.json")
    assert re.fullmatch(r"question-bank\.[0-9a-f]{12}\.json", asset.name)
    bank = json.loads(asset.read_text(encoding="utf-8"))
    assert bank["v"] == 1
    assert [q["id"] for q in bank["questions"]] == [q.id for q in CONTENT.questions]
    first = bank["questions"][0]
    assert set(first) == {"id", "step", "topics", "difficulty", "kind", "stem", "options", "answer",
                          "objective", "sources", "advice", "confidence", "reviewed", "reviewedText"}
    assert all(set(option) == {"id", "text", "rationale"} for option in first["options"])
    assert {source for q in bank["questions"] for source in q["sources"]} == set(bank["sources"])


def test_practice_page_points_at_the_bank_and_every_step(built_site: BuiltSite):
    html = built_site.page("practice/index.html")
    payload = attribute_json(html, "data-ig-practice")
    (asset,) = built_site.path.glob("assets/data/question-bank.*.json")
    assert payload["bank"] == f"../assets/data/{asset.name}"
    assert [step["id"] for step in payload["steps"]] == [step.id for step in CONTENT.steps]
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


def test_the_bank_asset_is_identical_across_builds(built_site: BuiltSite, tmp_path):
    from ..conftest import run_build

    again = run_build(PROJECT, tmp_path / "site")
    assert again.returncode == 0
    (first,) = built_site.path.glob("assets/data/question-bank.*.json")
    (second,) = (tmp_path / "site").glob("assets/data/question-bank.*.json")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
