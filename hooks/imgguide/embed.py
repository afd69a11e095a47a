"""The data the practice widgets read: versioned JSON shapes built from the models.

- `bank_assets(content)`: the question bank as static assets whose file names carry a hash
  of their content (browsers and the service worker keep each until it changes): a small
  index of every question without its text (what the Practice page's builder filters and
  counts), and the questions in full in small files ("parts": up to QUESTIONS_PER_PART
  questions of one step each), fetched only when a block, review or the error log needs
  one of their questions. A block of up to `max_block_size` questions drawn from the whole
  bank then needs at most that many small files, whatever the bank's size.
- `quiz_payload` / `practice_payload`: small objects put into a data-ig-* attribute of a
  widget's root element (see STYLE.md: attributes survive instant navigation).

Nothing here knows about MkDocs or the DOM.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from posixpath import relpath

from . import timeline as calendar
from .models import Content, Question

# 3: the questions in parts of a few questions each (2: one file per step; 1: one file).
# Readers' progress is keyed by question and option ids only, so it carries over unchanged.
BANK_VERSION = 3
BANK_DIR = "assets/data"
# Questions per part file. With questions of the usual length a part is about 240 KB: a
# block starts once its first question's part is in (a few milliseconds), and a bank of
# 10,000 questions makes about 100 files. Each file costs every build a copy (about a
# quarter of a millisecond on the 2-core development machine, whatever its size) and the
# service worker an entry: with 10 questions per part, 1,000 files made a warm build 20 %
# dearer. (At 10,000 questions a step's file was 2.4 MB and the whole bank 19 MB.)
QUESTIONS_PER_PART = 100


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown page, relative to the site root."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def url_from(page_src_uri: str, target_url: str, use_directory_urls: bool) -> str:
    """`target_url` (relative to the site root) as seen from the page `page_src_uri`."""
    here = page_url(page_src_uri, use_directory_urls)
    folder = here if here.endswith("/") else here.rpartition("/")[0]
    relative = relpath(target_url or ".", folder or ".")
    if target_url.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def long_date(day: date) -> str:
    """"3 March 2026": how pages and questions show a date."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def question_data(question: Question) -> dict:
    return {
        "id": question.id,
        "step": question.step,
        "topics": list(question.topics),
        "difficulty": question.difficulty,
        "kind": question.kind,
        "stem": question.stem,
        "options": [{"id": o.id, "text": o.text, "rationale": o.rationale} for o in question.shown_options],
        "answer": question.answer.id,
        "objective": question.objective,
        "sources": list(question.sources),
        "advice": question.advice,
        "confidence": question.confidence,
        "reviewed": question.last_reviewed.isoformat(),
        "reviewedText": long_date(question.last_reviewed),
    }


def question_json(question: Question) -> str:
    """One question as JSON, exactly as it appears inside its step's asset."""
    return json.dumps(question_data(question), ensure_ascii=False, separators=(",", ":"))


# What the index keeps of a question: what the builder filters on and counts by, and what
# scoring needs (the answer key and which option ids exist). A full question from a step
# asset has the same fields, so the Practice page's logic reads either.
INDEX_FIELDS = ("id", "step", "topics", "difficulty", "kind", "answer")


def _index_entry(data: dict) -> dict:
    """The index's part of a question's data (question_data)."""
    entry = {name: data[name] for name in INDEX_FIELDS}
    entry["options"] = [{"id": option["id"]} for option in data["options"]]
    return entry


def index_data(question: Question) -> dict:
    return _index_entry(question_data(question))


def index_json(question: Question) -> str:
    """One question's entry in the bank's index, exactly as it appears inside it."""
    return json.dumps(index_data(question), ensure_ascii=False, separators=(",", ":"))


def question_texts(question: Question) -> tuple[str, str]:
    """question_json and index_json of one question, its data worked out once for both."""
    data = question_data(question)
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        json.dumps(_index_entry(data), ensure_ascii=False, separators=(",", ":")),
    )


def _dump(head: dict, questions: list[str]) -> str:
    return dump_with_spans(head, questions)[0]


def dump_with_spans(head: dict, questions: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """`head` with a "questions" list of these JSON texts, and where each one starts and
    ends in the result (so a later build can cut it out again)."""
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    prefix = f'{text[:-1]},"questions":['
    spans, offset = [], len(prefix)
    for question in questions:
        spans.append((offset, offset + len(question)))
        offset += len(question) + 1
    return prefix + ",".join(questions) + "]}", spans


def asset_path(stem: str, digest: str) -> str:
    """A bank file's path: its stem and the start of the SHA-256 of its text."""
    return f"{stem}.{digest[:12]}.json"


def index_path(digest: str) -> str:
    return asset_path(f"{BANK_DIR}/question-bank", digest)


def part_path(step_id: str, number: int, digest: str) -> str:
    return asset_path(f"{BANK_DIR}/question-bank/{step_id}.{number}", digest)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parts(content: Content) -> list[tuple[str, int, list[Question]]]:
    """The bank's part files, in order: (step id, number within the step, its questions):
    each step's questions in bank order, QUESTIONS_PER_PART at a time."""
    by_step = questions_by_step(content)
    found = []
    for step in content.steps:
        questions = by_step.get(step.id, [])
        for number, start in enumerate(range(0, len(questions), QUESTIONS_PER_PART)):
            found.append((step.id, number, questions[start : start + QUESTIONS_PER_PART]))
    return found


def part_head(content: Content, step_id: str, questions: list[Question]) -> dict:
    """What a part holds besides its questions: its step and the sources they cite."""
    used_sources = sorted({source_id for q in questions for source_id in q.sources})
    return {
        "v": BANK_VERSION,
        "step": step_id,
        "sources": {
            source_id: {
                "publisher": content.sources[source_id].publisher,
                "title": content.sources[source_id].title,
                "url": content.sources[source_id].url,
                "official": content.sources[source_id].official,
            }
            for source_id in used_sources
        },
    }


def part_text(head: dict, question_texts: list[str]) -> str:
    """A part from its head (part_head) and its questions' JSON (question_json)."""
    return _dump(head, question_texts)


def with_part(entry_text: str, part: int) -> str:
    """An index entry (index_json) with the number of the part holding its question."""
    return f'{entry_text[:-1]},"part":{part}}}'


def index_text(part_paths: list[str], entry_texts: list[str]) -> str:
    """The index: the parts' paths (relative to the index's folder, in part order) and every
    question's entry (with_part), in bank order."""
    folder = f"{BANK_DIR}/"
    return _dump({"v": BANK_VERSION, "parts": [path.removeprefix(folder) for path in part_paths]}, entry_texts)


@dataclass(frozen=True)
class BankAssets:
    """The bank's files: path under the site root -> text, and which path is the index."""

    index_path: str
    files: dict[str, str]


def questions_by_step(content: Content) -> dict[str, list[Question]]:
    by_step: dict[str, list[Question]] = {}
    for question in content.questions:
        by_step.setdefault(question.step, []).append(question)
    return by_step


def bank_assets(
    content: Content,
    question_text: Callable[[Question], str] = question_json,
    entry_text: Callable[[Question], str] = index_json,
) -> BankAssets:
    """The index and the parts as compact, deterministic JSON (same content, same bytes).

    Index: {v, parts: [path...], questions: [index entry + its part's number...]} in bank
    order. Part: {v, step, sources (those its questions cite), questions: [question...]}.
    The lists are joined from each question's own JSON (`question_text`, `entry_text`): the
    same bytes as dumping them whole. (The build assembles the same files part by part from
    its cache: generate._bank.)"""
    files: dict[str, str] = {}
    part_of: dict[str, int] = {}
    for number, (step_id, within, questions) in enumerate(parts(content)):
        text = part_text(part_head(content, step_id, questions), [question_text(q) for q in questions])
        files[part_path(step_id, within, sha256_text(text))] = text
        part_of.update((question.id, number) for question in questions)
    index = index_text(list(files), [with_part(entry_text(q), part_of[q.id]) for q in content.questions])
    path = index_path(sha256_text(index))
    return BankAssets(index_path=path, files={path: index, **files})


def quiz_payload(content: Content) -> dict:
    """What the inline question widget needs besides the markup itself."""
    settings = content.practice.settings
    return {
        "v": BANK_VERSION,
        "labels": content.practice.labels,
        "attemptsKept": settings.attempts_kept_per_question,
        "review": review_settings(content),
    }


def review_settings(content: Content) -> dict:
    """The spaced-review settings every widget that records answers passes to IG.progress."""
    settings = content.practice.settings
    return {
        "desiredRetention": settings.review_desired_retention,
        "maximumIntervalDays": settings.review_maximum_interval_days,
        "learningSteps": settings.review_learning_steps,
    }


def due_payload(content: Content, practice_url: str) -> dict:
    """The home page's line "questions due for review today" (filled from the reader's store)."""
    labels = content.practice.labels
    return {
        "v": BANK_VERSION,
        "url": practice_url,
        "labels": {"due": labels["home_due"], "link": labels["home_link"]},
        "review": review_settings(content),
    }


def practice_payload(
    content: Content, bank_url: str, step_urls: dict[str, str], bank_page_urls: dict[str, str],
    step_headings: dict[str, str],
) -> dict:
    """What the Practice page needs before the bank arrives: steps, words, settings, and the
    address of the bank's index (`bank`; the index lists the parts holding the questions)."""
    settings = content.practice.settings
    counts: dict[str, int] = {}
    used_topics: set[str] = set()
    for question in content.questions:
        counts[question.step] = counts.get(question.step, 0) + 1
        used_topics.update(question.topics)
    return {
        "v": BANK_VERSION,
        "bank": bank_url,
        "steps": [
            {
                "id": step.id,
                "number": step.number,
                "title": step.title,
                "heading": step_headings[step.id],
                "url": step_urls[step.id],
                "bankUrl": bank_page_urls[step.id],
                "count": counts.get(step.id, 0),
            }
            for step in content.steps
        ],
        "labels": content.practice.labels,
        "settings": {
            "defaultBlockSize": settings.default_block_size,
            "maxBlockSize": settings.max_block_size,
            "secondsPerQuestion": settings.seconds_per_question,
            "minSecondsPerQuestion": settings.min_seconds_per_question,
            "maxSecondsPerQuestion": settings.max_seconds_per_question,
            "historyKept": settings.history_kept,
            "attemptsKept": settings.attempts_kept_per_question,
            "secondsStep": settings.seconds_step,
            "timeWarningsMinutes": list(settings.time_warnings_minutes),
            "trendBlocks": settings.trend_blocks,
            "optionLetters": settings.option_letters,
            "newPerDay": settings.review_new_per_day,
        },
        "review": review_settings(content),
        # Labels of the topics the bank uses, in label order (the builder's topic list).
        "topics": [
            {"id": topic_id, "label": label}
            for topic_id, label in sorted(content.practice.topics.items(), key=lambda pair: pair[1].lower())
            if topic_id in used_topics
        ],
    }


def _anchor(anchor) -> dict | None:
    if anchor is None:
        return None
    return {"event": anchor.event, "milestone": anchor.milestone, "days": anchor.days}


def timeline_data(content: Content) -> dict:
    """The calendar rules, published dates and milestones, as ig-dates.js reads them."""
    timeline = content.timeline
    planning = timeline.planning
    return {
        "planning": {
            "startEvent": planning.start_event,
            "horizonYears": planning.horizon_years,
            "nextDays": planning.next_days,
            "reminderDays": planning.reminder_days,
            "ticks": list(planning.ticks),
        },
        "vtimezones": {zone: calendar.vtimezone(zone) for zone in sorted({e.timezone for e in timeline.events} - {""})},
        "events": {
            event.id: {
                "title": event.title,
                "expected": event.expected,
                "time": event.time,
                "timezone": event.timezone,
                "rule": {
                    "weekday": event.rule.weekday, "nth": event.rule.nth, "month": event.rule.month,
                    "day": event.rule.day, "year": event.rule.year, "roll": event.rule.roll,
                    "after": event.rule.after, "days": event.rule.days,
                },
                "sources": list(event.sources),
            }
            for event in timeline.events
        },
        "eventOrder": [event.id for event in timeline.ordered_events()],
        "cycles": {
            str(cycle.match): {
                entry.event: {
                    "date": entry.date.isoformat(),
                    "sources": list(entry.sources),
                    "confidence": entry.confidence,
                    "verifiedOn": entry.verified_on.isoformat(),
                }
                for entry in cycle.published
            }
            for cycle in timeline.cycles
        },
        "milestones": {
            milestone.id: {
                "title": milestone.title,
                "step": milestone.step,
                "checklist": milestone.checklist,
                "exam": milestone.exam,
                "after": list(milestone.after),
                "starts": milestone.starts,
                "leadDays": milestone.lead_days,
                "finishBy": _anchor(milestone.finish_by),
                "tightBy": _anchor(milestone.tight_by),
                "hardBy": _anchor(milestone.hard_by),
                "hardWhy": milestone.hard_why,
                "studyWeeks": milestone.study_weeks,
                "why": milestone.why,
                "sources": list(milestone.sources),
                "typical": milestone.typical,
                "confidence": milestone.confidence,
            }
            for milestone in timeline.milestones
        },
        "milestoneOrder": [milestone.id for milestone in timeline.ordered_milestones()],
        "planOrder": [milestone.id for milestone in timeline.ordered_by_after()],
        "milestoneList": [milestone.id for milestone in timeline.milestones],
    }


def attribute_json(payload: dict) -> str:
    """JSON safe inside a single-quoted HTML attribute (as Jinja's `tojson` makes it)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("'", "\\u0027")
    )


# The scripts a widget needs beyond those every page loads (mkdocs.yml extra_javascript),
# in the order they must run. The widget's root names them in data-ig-scripts and ig-ui.js
# loads them on the pages that have it, so a step page carries none of them.
WIDGET_SCRIPTS = {
    "planner": ("ig-dates.js", "ig-checklist.js", "ig-timeline.js"),
    "checklist": ("ig-dates.js", "ig-checklist.js"),
    "costs": ("ig-costs.js",),
    "practice": ("ig-tracker.js", "ig-practice.js"),  # the progress file carries the tracker's data
    "tracker": ("ig-dates.js", "ig-costs.js", "ig-tracker.js", "pages/ig-tracker-core.js", "pages/ig-tracker-page.js"),
}


def scripts_attribute(widget: str) -> str:
    """` data-ig-scripts="..."` for the root element of `widget` (see WIDGET_SCRIPTS)."""
    return f' data-ig-scripts="{" ".join(WIDGET_SCRIPTS[widget])}"'
