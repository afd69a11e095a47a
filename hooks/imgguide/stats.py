"""Numbers a maintainer checks before a release: questions per step, difficulty and
topic, what is overdue for review, which sites the guide relies on, and which dated
statements belong to a Match season that has passed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from .errors import display_path
from .models import Content, season_passed
from .yamlload import DataPath, load


class Seasoned(Protocol):
    """Anything that says where it is written and which Match season it is about."""

    file: str
    line: int
    season: int


@dataclass(frozen=True, order=True)
class SeasonItem:
    """A YAML mapping with a `season:` field (a claim, a question...) and its position."""

    file: str
    line: int
    season: int


def passed_seasons(items: Iterable[Seasoned], today: date) -> list[SeasonItem]:
    """The items whose season has passed on `today` (see `models.season_passed`), sorted by
    file and line. Takes anything with `file`, `line` and `season`."""
    return sorted(
        SeasonItem(item.file, item.line, item.season) for item in items if season_passed(item.season, today)
    )


def season_items(root: Path, folders: tuple[str, ...] = ("content", "questions")) -> list[SeasonItem]:
    """Every mapping that has a whole-number `season:` in the YAML files under `folders`,
    with the line where the mapping starts. Files that do not parse are skipped (the
    validator reports them)."""
    found: list[SeasonItem] = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.yml")):
            document, problems = load(path, display_path(path, root))
            if problems:
                continue
            for where, season in _with_season(document.data, ()):
                found.append(SeasonItem(document.file, document.mark(where).line, season))
    return sorted(found)


def _with_season(node: Any, path: DataPath) -> Iterable[tuple[DataPath, int]]:
    if isinstance(node, dict):
        value = node.get("season")
        if isinstance(value, str) and value.strip().isdigit():
            yield path, int(value)
        for key, child in node.items():
            yield from _with_season(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _with_season(child, (*path, index))


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (clamped to the end of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


@dataclass(frozen=True)
class Stats:
    questions_per_step: dict[str, int]
    questions_per_difficulty: dict[int, int]
    questions_per_kind: dict[str, int]
    questions_per_topic: dict[str, int]
    steps_short_of_questions: dict[str, int]
    stale_steps: dict[str, str]
    stale_questions: dict[str, str]
    sources_per_domain: dict[str, int]
    reviewed_before: str
    passed_seasons: list[SeasonItem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "questions_per_step": self.questions_per_step,
            "questions_per_difficulty": {str(k): v for k, v in self.questions_per_difficulty.items()},
            "questions_per_kind": self.questions_per_kind,
            "questions_per_topic": self.questions_per_topic,
            "steps_short_of_questions": self.steps_short_of_questions,
            "stale_steps": self.stale_steps,
            "stale_questions": self.stale_questions,
            "sources_per_domain": self.sources_per_domain,
            "reviewed_before": self.reviewed_before,
            "passed_seasons": [
                {"file": item.file, "line": item.line, "season": item.season} for item in self.passed_seasons
            ],
        }


def compute(content: Content, today: date, older_than_months: int = 12, min_questions: int = 20,
            seasoned: Iterable[Seasoned] = ()) -> Stats:
    """`seasoned`: the items with a season (see `season_items`); those whose season has
    passed on `today` are listed."""
    threshold = months_before(today, older_than_months)
    per_step = {step.id: len(content.questions_for(step.id)) for step in content.steps}
    domains = Counter(urlsplit(source.url).hostname for source in content.sources.values())
    return Stats(
        questions_per_step=per_step,
        questions_per_difficulty=dict(sorted(Counter(q.difficulty for q in content.questions).items())),
        questions_per_kind=dict(sorted(Counter(q.kind for q in content.questions).items())),
        questions_per_topic=dict(Counter(t for q in content.questions for t in q.topics).most_common()),
        steps_short_of_questions={step: count for step, count in per_step.items() if count < min_questions},
        stale_steps={s.id: s.last_reviewed.isoformat() for s in content.steps if s.last_reviewed < threshold},
        stale_questions={
            q.id: q.last_reviewed.isoformat() for q in content.questions if q.last_reviewed < threshold
        },
        sources_per_domain=dict(sorted(domains.items(), key=lambda item: (-item[1], item[0]))),
        reviewed_before=threshold.isoformat(),
        passed_seasons=passed_seasons(seasoned, today),
    )


def as_table(stats: Stats) -> str:
    """The stats as plain-text tables for a terminal."""
    lines: list[str] = []

    def table(title: str, rows: dict, empty: str = "none") -> None:
        lines.append(title)
        if not rows:
            lines.append(f"  {empty}")
        width = max((len(str(key)) for key in rows), default=0)
        for key, value in rows.items():
            lines.append(f"  {str(key):<{width}}  {value}")
        lines.append("")

    table("Questions per step", stats.questions_per_step)
    table("Questions per difficulty", stats.questions_per_difficulty)
    table("Questions per kind", stats.questions_per_kind)
    table("Questions per topic", stats.questions_per_topic)
    table("Steps with fewer questions than required", stats.steps_short_of_questions)
    table(f"Steps last reviewed before {stats.reviewed_before}", stats.stale_steps)
    table(f"Questions last reviewed before {stats.reviewed_before}", stats.stale_questions)
    table("Sources per domain", stats.sources_per_domain)
    table(
        "Claims and questions whose season has passed (update them, or keep them as history on purpose)",
        {f"{item.file}:{item.line}": f"season {item.season}" for item in stats.passed_seasons},
    )
    return "\n".join(lines).rstrip() + "\n"
