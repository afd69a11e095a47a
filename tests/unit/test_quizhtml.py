"""The question markup (quizhtml.py) fills a compiled copy of the template per shape of
question; it must give exactly what rendering the template gives."""

from __future__ import annotations

import dataclasses

import pytest

from imgguide.quizhtml import QuestionMarkup
from imgguide.validate import load_content

from ..conftest import PROJECT

PARTIALS = PROJECT / "overrides" / "partials"


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT)


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_every_real_question_is_the_template_s_markup(content, use_directory_urls):
    markup = QuestionMarkup(content, PARTIALS, use_directory_urls)
    for number, question in enumerate(content.questions, start=1):
        item = markup.item(question, number, f"question-bank/{question.step}.md")
        assert markup._item_html(item) == markup._jinja_item_html(item), question.id
    assert markup._shapes and all(shape is not None for shape in markup._shapes.values())


@pytest.mark.parametrize("text", ["<b>bold</b> & 'quoted' \"text\"", "a \x00 null", "3 \x001\x00 marker"])
def test_text_that_needs_escaping_or_looks_like_a_slot(content, text):
    markup = QuestionMarkup(content, PARTIALS, True)
    question = content.questions[0]
    item = markup.item(question, 7, "practice.md")
    markup._item_html(item)  # compiles the shape from an ordinary question
    assert list(markup._shapes.values()) != [None]
    odd = dataclasses.replace(
        item, stem=text, objective=text,
        options=tuple(dataclasses.replace(option, rationale=text) for option in item.options),
    )
    assert markup._item_html(odd) == markup._jinja_item_html(odd)


@pytest.mark.parametrize("text", ["plain", "<b>&amp;</b>", "it's \"quoted\"", "a > b < c & d", "", "ünï ✓ &#39;"])
def test_values_are_escaped_exactly_as_jinja_escapes_them(text):
    from markupsafe import escape

    from imgguide.quizhtml import escape_like_jinja

    assert escape_like_jinja(text) == str(escape(text))
