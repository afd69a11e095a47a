"""The static HTML of practice questions (overrides/partials/ig-questions.html).

Rendered with its own Jinja environment, which escapes everything (MkDocs' theme
environment does not), so question text can never become markup. The same markup serves
readers without JavaScript and is upgraded in place by ig-quiz.js.

It is also the Practice page's only description of a question: `template()` renders one
empty question with every optional part present (a source, the guide's advice, the
"confirm" badge), and ig-quiz.js (`IG.quiz.fromTemplate`) fills copies of it from the bank
with text only. tests/browser/test_practice.py renders every question both ways and
compares the two.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from . import embed
from .blobs import Blob
from .cache import BuildCache
from .models import Content, Question
from .pages import long_date, step_heading, step_page

TEMPLATE = "ig-questions.html"


@dataclass(frozen=True)
class _Option:
    id: str
    key: str
    text: str
    rationale: str
    correct: bool


@dataclass(frozen=True)
class _Source:
    url: str
    publisher: str
    title: str


@dataclass(frozen=True)
class _Item:
    """What the partial shows of one question: plain values, nothing to compute."""

    id: str
    number: int
    answer: str
    step: str
    stem: str
    options: tuple[_Option, ...]
    answer_key: str
    answer_text: str
    objective: str
    sources: tuple[_Source, ...]
    advice: bool
    step_title: str
    step_url: str
    confirm: bool
    reviewed_iso: str
    reviewed: str


# The empty question of the Practice page's <template>: one option (the correct one, so its
# tag is present), one source, the advice link and the badge; JavaScript removes or repeats them.
_SKELETON = _Item(
    id="", number=1, answer="", step="", stem="",
    options=(_Option(id="", key="", text="", rationale="", correct=True),),
    answer_key="", answer_text="", objective="", sources=(_Source(url="", publisher="", title=""),),
    advice=True, step_title="", step_url="", confirm=True, reviewed_iso="", reviewed="",
)


# Marks a value's place while a shape is compiled; an item whose text contains it (YAML
# can write it as "\0") is rendered by Jinja.
_SENTINEL = "\x00"
_SLOT = re.compile("\x00([0-9]+)\x00")


_long_date = functools.lru_cache(maxsize=4096)(long_date)


def _shape_of(item: _Item) -> tuple:
    return (tuple(option.correct for option in item.options), len(item.sources), item.advice, item.confirm)


def _fields(item: _Item) -> list[tuple]:
    """Where each value of an item is: a path of attribute names and indexes."""
    paths: list[tuple] = [(name,) for name in ("id", "number", "answer", "step", "stem", "answer_key",
                                               "answer_text", "objective", "step_title", "step_url",
                                               "reviewed_iso", "reviewed")]
    for index in range(len(item.options)):
        paths += [("options", index, name) for name in ("id", "key", "text", "rationale")]
    for index in range(len(item.sources)):
        paths += [("sources", index, name) for name in ("url", "publisher", "title")]
    return paths


def _getter(path: tuple) -> Callable[[_Item], object]:
    """The value at `path` (from `_fields`) of an item, as one function made once per path:
    it runs for every value of every question."""
    if len(path) == 1:
        return operator.attrgetter(path[0])
    group, index, name = path
    return lambda item: getattr(getattr(item, group)[index], name)


def escape_like_jinja(value: str) -> str:
    """What Jinja's autoescape (markupsafe.escape) makes of a plain string, without building
    a Markup object for each of the bank's hundreds of thousands of values."""
    if not _SPECIAL.search(value):
        return value
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


_SPECIAL = re.compile("[&<>'\"]")


@dataclass
class _Shape:
    """The markup of every item of one shape, as text between value slots."""

    paths: list[tuple]
    parts: list[str] | None = None  # text, slot, text, slot, ..., text
    slots: list[int] | None = None  # the index in `paths` of each slot

    def __post_init__(self) -> None:
        self.getters = [_getter(path) for path in self.paths]

    @classmethod
    def of(cls, item: _Item) -> _Shape:
        return cls(_fields(item))

    def values(self, item: _Item) -> list[str]:
        return [str(get(item)) for get in self.getters]

    def marked_item(self, item: _Item) -> _Item:
        """`item` with a numbered marker in place of each value."""
        marker = {path: f"{_SENTINEL}{index}{_SENTINEL}" for index, path in enumerate(self.paths)}
        options = tuple(
            dataclasses.replace(option, **{name: marker[("options", index, name)]
                                          for name in ("id", "key", "text", "rationale")})
            for index, option in enumerate(item.options)
        )
        sources = tuple(
            _Source(**{name: marker[("sources", index, name)] for name in ("url", "publisher", "title")})
            for index in range(len(item.sources))
        )
        singles = {path[0]: value for path, value in marker.items() if len(path) == 1}
        return dataclasses.replace(item, options=options, sources=sources, **singles)

    def compile(self, marked: str) -> _Shape | None:
        pieces = _SLOT.split(marked)
        if _SENTINEL in "".join(pieces[0::2]):
            return None
        return _Shape(self.paths, pieces[0::2], [int(slot) for slot in pieces[1::2]])

    def fill(self, values: list[str]) -> str:
        """The markup of the item whose `values()` these are."""
        escaped = [escape_like_jinja(value) for value in values]
        out = [self.parts[0]]
        for slot, text in zip(self.slots, self.parts[1:], strict=True):
            out.append(escaped[slot])
            out.append(text)
        return "".join(out)


class QuestionMarkup:
    """Renders lists of questions for one built site."""

    def __init__(self, content: Content, partials_dir: Path, use_directory_urls: bool,
                 cache: BuildCache | None = None) -> None:
        self.content = content
        self.use_directory_urls = use_directory_urls
        self.cache = cache or BuildCache(None)
        self.template_source = (partials_dir / TEMPLATE).read_text(encoding="utf-8")
        environment = Environment(
            loader=FileSystemLoader(str(partials_dir)),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=False,
        )
        self.jinja_template = environment.get_template(TEMPLATE)
        # Escaped once here rather than for every question of every page.
        self.labels = {name: escape(text) for name, text in content.practice.labels.items()}
        self.letters = content.practice.settings.option_letters
        self._context: str | None = None
        self._digests: dict[str, str] = {}
        self._shapes: dict[tuple, _Shape | None] = {}
        self._links: dict[tuple[str, str], tuple[str, str]] = {}

    def render(self, questions: tuple[Question, ...], page: str, start: int = 1) -> str:
        """The questions as an ordered list, for the page whose Markdown path is `page`.

        The list is cut from the template's own output, never written here: rendering no
        question gives the list's start and end, one question its item (see `_item_html`)."""
        head, tail = self._frame(start)
        return head + "".join(self._item_html(self.item(question, number, page))
                              for number, question in enumerate(questions, start=start)) + tail

    def render_blob(self, questions: tuple[Question, ...], page: str, before: str = "", after: str = "") -> Blob:
        """`before` + the questions' list (`render`) + `after`, as a Blob (see blobs.py).

        The blob is remembered per page with a hash of everything it was made from, so a
        build that changed nothing on this page takes it as it is. Otherwise each item
        whose question (and number) did not change is cut from the page's last blob, where
        it was recorded (start and end of each item): only changed questions are rendered."""
        context = self.cache.key("questions-list", self._context_digest(), page, str(self.use_directory_urls),
                                 before, after)
        item_keys = [f"{self.digest(question)}:{number}" for number, question in enumerate(questions, start=1)]
        inputs = self.cache.key("questions-list-items", context, "".join(item_keys))
        page_key = self.cache.key("questions-blob", page, str(self.use_directory_urls))
        known = self.cache.get(page_key)
        if known is not None and known[0] == inputs and known[1].present():
            return known[1]
        old_text, old_items = "", {}
        if known is not None and known[3] == context and known[1].present():
            old_text, old_items = known[1].read(), known[2]
        head, tail = self._frame(1)
        pieces, items, offset = [before, head], {}, len(before) + len(head)
        for number, (question, item_key) in enumerate(zip(questions, item_keys, strict=True), start=1):
            where = old_items.get(item_key)
            markup = old_text[where[0] : where[1]] if where else self._item_html(self.item(question, number, page))
            items[item_key] = (offset, offset + len(markup))
            offset += len(markup)
            pieces.append(markup)
        blob = self.cache.blob("".join([*pieces, tail, after]))
        self.cache.put(page_key, (inputs, blob, items, context))
        return blob

    def digest(self, question: Question) -> str:
        """A hash of everything in the question (the same question, the same hash)."""
        known = self.content.question_digests.get(question.id)  # made when its file was read
        if known is not None:
            return known
        if question.id not in self._digests:
            self._digests[question.id] = hashlib.sha256(pickle.dumps(question, protocol=5)).hexdigest()
        return self._digests[question.id]

    def _context_digest(self) -> str:
        """What a question's markup shows besides the question: steps, sources, words."""
        if self._context is None:
            content = self.content
            shown = (
                [(step.id, step.number, step.title) for step in content.steps],
                sorted((s.id, s.url, s.publisher, s.title) for s in content.sources.values()),
                content.labels.step, self.labels, self.letters, self.template_source,
            )
            self._context = hashlib.sha256(pickle.dumps(shown, protocol=5)).hexdigest()
        return self._context

    def _list(self, items: list[_Item], start: int) -> str:
        return self.jinja_template.render(items=items, start=start, labels=self.labels, template_only=False)

    def _frame(self, start: int) -> tuple[str, str]:
        """The list without items, cut where the items go (where `_item_html` cuts)."""
        empty = self._list([], start)
        cut = len(empty) - self._tail_length
        return empty[:cut], empty[cut:]

    @functools.cached_property
    def _cut(self) -> tuple[int, int]:
        """Where items start in a list numbered from 1, and the length of what follows them."""
        empty, one = self._list([], 1), self._list([_SKELETON], 1)
        common = len(os.path.commonprefix([empty, one]))
        return common, len(empty) - common

    @property
    def _tail_length(self) -> int:
        return self._cut[1]

    def _item_html(self, item: _Item) -> str:
        """One item's markup, from the item's compiled shape (`_shape`) when it has one."""
        key = _shape_of(item)
        if key not in self._shapes:
            self._shapes[key] = self._compile(item)
        shape = self._shapes[key]
        if shape is not None:
            values = shape.values(item)
            if not any(_SENTINEL in value for value in values):
                return shape.fill(values)
        return self._jinja_item_html(item)

    def _jinja_item_html(self, item: _Item) -> str:
        """One item's markup: the one-question list minus the empty list's start and end."""
        one = self._list([item], 1)
        start, tail = self._cut
        return one[start : len(one) - tail]

    def _compile(self, item: _Item) -> _Shape | None:
        """The template's markup for items of `item`'s shape, with a slot for each value.

        Rendered once per shape (the number of options and sources, which option is
        correct, the advice link and the badge: all the template branches on) with a marker
        in place of every value, then filled by escaping values as Jinja would. Used only if
        it gives, for `item`, exactly what the template gives; otherwise every item of this
        shape is rendered by Jinja."""
        shape = _Shape.of(item)
        marked = self._jinja_item_html(shape.marked_item(item))
        compiled = shape.compile(marked)
        if compiled is None or compiled.fill(compiled.values(item)) != self._jinja_item_html(item):
            return None
        return compiled

    def template(self) -> str:
        """One empty question in a <template class="ig-question-template">, for ig-quiz.js."""
        return self.jinja_template.render(items=[_SKELETON], start=1, labels=self.labels, template_only=True)

    def _step_link(self, step_id: str, page: str) -> tuple[str, str]:
        """The title of a step and its URL from `page`."""
        if (step_id, page) not in self._links:
            step = next(step for step in self.content.steps if step.id == step_id)
            target = embed.page_url(step_page(step_id), self.use_directory_urls)
            self._links[step_id, page] = (
                step_heading(self.content, step), embed.url_from(page, target, self.use_directory_urls)
            )
        return self._links[step_id, page]

    def item(self, question: Question, number: int, page: str) -> _Item:
        step_title, step_url = self._step_link(question.step, page)
        options = tuple(
            _Option(id=option.id, key=self.letters[index], text=option.text, rationale=option.rationale,
                    correct=option.correct)
            for index, option in enumerate(question.shown_options)
        )
        answer = next(option for option in options if option.correct)
        return _Item(
            id=question.id,
            number=number,
            answer=answer.id,
            step=question.step,
            stem=question.stem,
            options=options,
            answer_key=answer.key,
            answer_text=answer.text,
            objective=question.objective,
            sources=tuple(
                _Source(url=source.url, publisher=source.publisher, title=source.title)
                for source in (self.content.sources[source_id] for source_id in question.sources)
            ),
            advice=question.advice,
            step_title=step_title,
            step_url=step_url,
            confirm=question.confidence == "confirm",
            reviewed_iso=question.last_reviewed.isoformat(),
            reviewed=_long_date(question.last_reviewed),
        )

    def _render(self, questions: tuple[Question, ...], page: str, start: int) -> str:
        items = [self.item(question, start + index, page) for index, question in enumerate(questions)]
        return self.jinja_template.render(items=items, start=start, labels=self.labels, template_only=False)
