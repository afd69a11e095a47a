"""`imgguide new`: start a step, a question or a milestone from a skeleton that already
passes validation, with a fresh id and today's review date. Existing entries are never
overwritten. The skeleton's text says what to write in its place."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .models import Content
from .schemas import modeline


class ScaffoldError(Exception):
    """The entry cannot be created (it exists already, or its step does not)."""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _step_sources(content: Content, step_id: str) -> list[str]:
    step = content.step(step_id)
    cited = step.source_ids()
    official = [s for s in cited if content.sources[s].official]
    return (official + [s for s in cited if s not in official])[:2]


def _require_step(content: Content, step_id: str) -> None:
    if step_id not in {step.id for step in content.steps}:
        known = ", ".join(step.id for step in content.steps)
        raise ScaffoldError(f"no step '{step_id}' (known steps: {known})")


def _insert_into_list(path: Path, key: str, block: str) -> None:
    """Add `block` (YAML list items) at the end of the top-level list `key:` in `path`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"{key}:"), None)
    if start is None:
        raise ScaffoldError(f"{path} has no top-level '{key}:' list")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#", "-"))),
        len(lines),
    )
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines[end:end] = block.rstrip("\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def new_step(root: Path, content: Content, step_id: str, title: str, today: date) -> Path:
    if step_id in {step.id for step in content.steps}:
        raise ScaffoldError(f"step '{step_id}' already exists")
    path = root / "content" / "steps" / f"{step_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    sources = ", ".join(_step_sources(content, content.steps[0].id))

    def claims(*texts: str, indent: str = "  ") -> str:
        return "".join(f"{indent}- text: >-\n{indent}    {text}\n{indent}  sources: [{sources}]\n" for text in texts)

    path.write_text(
        f"{modeline(root, path, 'step')}\n"
        f"id: {step_id}\n"
        f"title: {title}\n"
        "summary: >-\n"
        "  One or two sentences for the overview card: what this step is and why it comes here.\n"
        "timing:\n"
        "  summary: When it happens, in a few words\n"
        "  details:\n"
        + claims("When this step happens in the Match cycle, with the cycle named next to any date.", indent="    ")
        + "what_it_is:\n" + claims("What the step is, in your own words.")
        + "why_it_matters:\n" + claims("Why it matters for an IMG.")
        + "actions:\n" + claims("The first thing to do.")
        + "requirements:\n" + claims("What is required, according to the official source.")
        + "pitfalls:\n" + claims("A common mistake, and how to avoid it.")
        + f"last_reviewed: {today.isoformat()}\n",
        encoding="utf-8",
    )
    _insert_into_list(root / "content" / "guide.yml", "steps", f"  - {step_id}\n")
    return path


def _fresh_id(taken: set[str], base: str) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def new_question(root: Path, content: Content, step_id: str, question_id: str | None, today: date) -> tuple[Path, str]:
    _require_step(content, step_id)
    taken = {question.id for question in content.questions}
    if question_id:
        if question_id in taken:
            raise ScaffoldError(f"question '{question_id}' already exists")
    else:
        question_id = _fresh_id(taken, f"{step_id}-{today.strftime('%Y%m%d')}")
    path = root / "questions" / f"{step_id}.yml"
    sources = ", ".join(_step_sources(content, step_id))
    block = f"""- id: {question_id}
  step: {step_id}
  topics: [{step_id}]
  difficulty: 2
  kind: application
  stem: >-
    Question {question_id}: a short scenario about an IMG, or a direct question, asking one thing.
  options:
    - id: right-answer
      text: The single best answer.
      correct: true
      rationale: >-
        Why this answer is right, as the official source says.
    - id: first-distractor
      text: A plausible but wrong answer.
      rationale: >-
        Exactly why this answer is wrong.
    - id: second-distractor
      text: Another plausible but wrong answer.
      rationale: >-
        Exactly why this answer is wrong.
    - id: third-distractor
      text: A third plausible but wrong answer.
      rationale: >-
        Exactly why this answer is wrong.
  objective: The one thing a reader should learn from this question.
  sources: [{sources}]
  last_reviewed: {today.isoformat()}
"""
    if path.exists():
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\n{block}", encoding="utf-8")
    else:
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{modeline(root, path, 'questions')}\n{block}", encoding="utf-8")
    return path, question_id


def new_milestone(root: Path, content: Content, milestone_id: str, step_id: str, title: str) -> Path:
    _require_step(content, step_id)
    if content.timeline and milestone_id in {m.id for m in content.timeline.milestones}:
        raise ScaffoldError(f"milestone '{milestone_id}' already exists")
    path = root / "content" / "timeline.yml"
    sources = ", ".join(_step_sources(content, step_id))
    block = f"""  - id: {milestone_id}
    title: {title}
    step: {step_id}
    finish_by: {{event: program-review, days: 0}}
    hard_by: {{event: rol-deadline, days: 0}}
    hard_why: >-
      Why nothing done after the hard limit can count for this Match.
    why: >-
      Why it must be done by then, with the typical time it takes and its source.
    sources: [{sources}]
"""
    _insert_into_list(path, "milestones", block)
    return path
