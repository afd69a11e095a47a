"""The question bank in other formats: an Anki deck file and a spreadsheet (CSV)."""

from __future__ import annotations

import csv
import io
from html import escape

from .models import MAX_OPTIONS, Content, Question

# Options are exported in the order readers see them on the site (Question.shown_options),
# lettered with the site's letters (content/practice.yml settings.option_letters).


def _answer_letter(content: Content, question: Question) -> str:
    letters = content.practice.settings.option_letters
    return letters[next(index for index, option in enumerate(question.shown_options) if option.correct)]


def _front(question: Question) -> str:
    options = "".join(f"<li>{escape(option.text)}</li>" for option in question.shown_options)
    return f"<p>{escape(question.stem)}</p><ol type=\"A\">{options}</ol>"


def _back(content: Content, question: Question) -> str:
    answer = question.answer
    parts = [f"<p><b>{_answer_letter(content, question)}. {escape(answer.text)}</b></p><ul>"]
    for letter, option in zip(content.practice.settings.option_letters, question.shown_options, strict=False):
        verdict = "✓" if option.correct else "✗"
        parts.append(f"<li>{verdict} <b>{letter}.</b> {escape(option.rationale)}</li>")
    parts.append(f"</ul><p><i>{escape(question.objective)}</i></p>")
    links = [
        f'<a href="{escape(content.sources[s].url)}">{escape(content.sources[s].publisher)}: '
        f"{escape(content.sources[s].title)}</a>"
        for s in question.sources
    ]
    if links:
        parts.append("<p>" + "<br>".join(links) + "</p>")
    return "".join(parts)


def anki(content: Content) -> str:
    """A tab-separated file Anki imports as Basic notes (File > Import). The question id
    is the note's GUID, so importing a newer export updates notes instead of adding copies;
    tags are the step and the topics."""
    out = io.StringIO()
    out.write("#separator:tab\n#html:true\n#notetype:Basic\n#guid column:1\n#tags column:4\n")
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for question in content.questions:
        tags = " ".join(["imgguide", question.step, *question.topics])
        writer.writerow([f"imgguide-{question.id}", _front(question), _back(content, question), tags])
    return out.getvalue()


def csv_columns(letters: str) -> list[str]:
    return (
        ["id", "step", "topics", "difficulty", "kind", "stem"]
        + [f"option_{letter.lower()}" for letter in letters[:MAX_OPTIONS]]
        + ["answer"]
        + [f"rationale_{letter.lower()}" for letter in letters[:MAX_OPTIONS]]
        + ["objective", "sources", "advice", "confidence", "last_reviewed"]
    )


def spreadsheet(content: Content) -> str:
    """Every question as one CSV row (RFC 4180, UTF-8), options and rationales in columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns(content.practice.settings.option_letters))
    for question in content.questions:
        shown = question.shown_options
        padding = [""] * (MAX_OPTIONS - len(shown))
        options = [option.text for option in shown] + padding
        rationales = [option.rationale for option in shown] + padding
        writer.writerow(
            [question.id, question.step, " ".join(question.topics), question.difficulty, question.kind, question.stem]
            + options
            + [_answer_letter(content, question)]
            + rationales
            + [question.objective, " ".join(question.sources), str(question.advice).lower(), question.confidence,
               question.last_reviewed.isoformat()]
        )
    return out.getvalue()
