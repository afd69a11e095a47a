"""The static HTML of practice questions (overrides/partials/ig-questions.html).

Rendered with its own Jinja environment, which escapes everything (MkDocs' theme
environment does not), so question text can never become markup. The same markup serves
readers without JavaScript and is upgraded in place by ig-quiz.js.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import escape

from . import embed
from .cache import BuildCache
from .models import Content, Question, Source
from .pages import long_date, step_heading, step_page

TEMPLATE = "ig-questions.html"


@dataclass(frozen=True)
class _Item:
    question: Question
    answer_index: int
    sources: tuple[Source, ...]
    reviewed: str
    step_title: str
    step_url: str


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
        self.template = environment.get_template(TEMPLATE)
        # Escaped once here rather than for every question of every page.
        self.labels = {name: escape(text) for name, text in content.practice.labels.items()}

    def render(self, questions: tuple[Question, ...], page: str, start: int = 1) -> str:
        """The questions as an ordered list, for the page whose Markdown path is `page`."""
        key = self.cache.key(
            "questions-html", self.content.fingerprint, self.template_source,
            " ".join(question.id for question in questions), page, str(start), str(self.use_directory_urls),
        )
        return self.cache.memo(key, lambda: self._render(questions, page, start))

    def _render(self, questions: tuple[Question, ...], page: str, start: int) -> str:
        steps = {step.id: step for step in self.content.steps}
        items = [
            _Item(
                question=question,
                answer_index=next(i for i, option in enumerate(question.shown_options) if option.correct),
                sources=tuple(self.content.sources[source_id] for source_id in question.sources),
                reviewed=long_date(question.last_reviewed),
                step_title=step_heading(self.content, steps[question.step]),
                step_url=embed.url_from(
                    page,
                    embed.page_url(step_page(question.step), self.use_directory_urls),
                    self.use_directory_urls,
                ),
            )
            for question in questions
        ]
        return self.template.render(items=items, start=start, labels=self.labels)
