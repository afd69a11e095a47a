"""The guide's content as immutable models, with each field's type and help text.

A field declared with `spec(...)` is read from YAML (see `fields.Record`); its `doc`
becomes the description editors show from the generated JSON Schema. Fields without
`spec` are filled in by the loader (the step number, for example).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .fields import (
    Boolean,
    Choice,
    Date,
    Fraction,
    HttpsUrl,
    Id,
    Integer,
    LabelMap,
    ListOf,
    Ratio,
    Record,
    Ref,
    Text,
    TextMap,
    spec,
)
from .option_order import display_order

CONFIDENCE = Choice("verified", "confirm", "unverified")
CONFIDENCE_DOC = (
    "How sure we are, from FACTS.md: 'verified' (read on the official page), 'confirm' "
    "(well established but not read on an official page this cycle: readers are told to "
    "confirm), 'unverified' (not confirmed for the current cycle: shown with a warning)."
)


# A fee, a percentage, a year or a day of a month: facts that must name their source.
_NEEDS_SOURCE = re.compile(
    r"[$%]|\b(19|20)\d\d\b|\b\d{1,2}\s+(January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|\b(January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2}\b"
)


# Words that tie a statement to one Match season: "2027 Match", "ERAS 2026", "2026 season",
# "2026 Pathways", "for 2023", or a fee followed by a year in brackets, "$370 (2023)". A
# claim whose text names a season must say which one in its `season` field, so a
# maintainer can list what went out of date (`imgguide stats`).
_SEASON_NAMED = re.compile(
    r"\b(?P<a>(?:19|20)\d\d)\s+(?:Main\s+Residency\s+)?Match(?:es)?\b"
    r"|\bERAS\s+(?P<b>(?:19|20)\d\d)\b"
    r"|\b(?P<c>(?:19|20)\d\d)\s+(?:ERAS\s+)?(?:season|cycle|Pathways?)\b"
    r"|\bfor\s+(?P<d>(?:19|20)\d\d)\b(?![-\u2013/])"
    r"|\$\d[\d,]*(?:\.\d\d)?\s*\((?P<e>(?:19|20)\d\d)\)",
    re.IGNORECASE,
)
SEASON_DOC = (
    "The Match year this statement is about (2027 for the ERAS 2027 season and the 2027 Match). "
    "Required when the text names a season; `imgguide stats` lists claims whose season has passed."
)
SEASON = Integer(minimum=2000, maximum=2100)


def named_seasons(text: str) -> tuple[int, ...]:
    """The Match years a text names as seasons, in order, without repeats."""
    found: dict[int, None] = {}
    for match in _SEASON_NAMED.finditer(text):
        year = next(value for value in match.groupdict().values() if value)
        found[int(year)] = None
    return tuple(found)


def season_problems(text: str, season: int | None) -> Iterator[tuple[str, str]]:
    """A text that names a season needs a `season` field naming one of them."""
    named = named_seasons(text)
    if not named:
        return
    listed = ", ".join(str(year) for year in named)
    if season is None:
        yield "text", (
            f"the text names the season{'s' if len(named) > 1 else ''} {listed}: add 'season: <Match year>' "
            f"(e.g. season: {named[-1]}) "
            "so out-of-date claims can be listed"
        )
    elif season not in named:
        yield "season", f"season {season} is not one the text names ({listed})"


def season_passed(season: int, today: date) -> bool:
    """Season N (the N Match, ERAS N) is over once residency starts, on 1 July of year N."""
    return today >= date(season, 7, 1)


def sourcing_problems(text: str, sources: tuple[str, ...], confidence: str) -> Iterator[tuple[str, str]]:
    """Rules every sourced statement follows (claims, checklist items)."""
    if sources:
        return
    if _NEEDS_SOURCE.search(text):
        yield "sources", "the text has a fee, percentage, year or date: cite at least one source"
    elif confidence != "verified":
        yield "sources", f"a '{confidence}' claim must cite the source readers should check"


# How many options a question has; content/practice.yml names a key letter for each position.
MIN_OPTIONS = 4
MAX_OPTIONS = 5

@dataclass(frozen=True, kw_only=True)
class Source:
    """A page a claim rests on. Official sources (ECFMG/Intealth, USMLE, NRMP, AAMC, the
    State Department, USCIS) are listed first wherever sources are shown."""

    id: str = spec(Id(), "Stable id used by claims, e.g. 'ecfmg-requirements'.")
    publisher: str = spec(Text(single_line=True), "Organisation that publishes the page, e.g. 'ECFMG'.")
    title: str = spec(Text(single_line=True), "The page's own title.")
    url: str = spec(HttpsUrl(), "Address of the page (https only).")
    official: bool = spec(Boolean(), "true if the publisher is the body that sets the rule.")
    checked: date = spec(Date(), "When someone last read the page to check what the guide cites it for.")
    note: str = spec(Text(single_line=True), "Optional caveat shown next to the source.", default="")


@dataclass(frozen=True, kw_only=True)
class Claim:
    """One statement shown to readers: Markdown text in our own words, and its sources."""

    text: str = spec(Text(), "Markdown (no HTML). Name the cycle next to any date or fee.")
    sources: tuple[str, ...] = spec(
        ListOf(Ref("source"), unique=True),
        "Ids from content/sources.yml. Required when the text has a fee, percentage or year.",
        default=(),
    )
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")
    season: int | None = spec(SEASON, SEASON_DOC, default=None)

    def problems(self) -> Iterator[tuple[str, str]]:
        yield from sourcing_problems(self.text, self.sources, self.confidence)
        yield from season_problems(self.text, self.season)


@dataclass(frozen=True, kw_only=True)
class Cost:
    """A fee or cost, always with the cycle or season it applies to."""

    item: str = spec(Text(single_line=True), "What is paid for.")
    amount: str = spec(Text(single_line=True), "The amount as printed, e.g. '$11 per program (programs 1-30)'.")
    applies_to: str = spec(Text(single_line=True), "The cycle or season the amount is for, e.g. 'ERAS 2026 season'.")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), min_items=1, unique=True), "Ids from content/sources.yml.")
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")
    season: int | None = spec(SEASON, SEASON_DOC + " Read from `applies_to`.", default=None)

    def problems(self) -> Iterator[tuple[str, str]]:
        for where, message in season_problems(self.applies_to, self.season):
            yield ("applies_to" if where == "text" else where), message.replace("the text", "applies_to")


@dataclass(frozen=True, kw_only=True)
class Timing:
    """When a step happens relative to the Match cycle."""

    summary: str = spec(Text(max_length=90, single_line=True), "A few words for the overview card.")
    details: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "The timing, explained.")


@dataclass(frozen=True, kw_only=True)
class Section:
    """A headed part of a page: paragraphs, then an optional bullet list."""

    id: str = spec(Id(), "Stable anchor for links, e.g. 'why-late-starts-cost-a-year'.")
    heading: str = spec(Text(single_line=True, max_length=90), "The section heading.")
    paragraphs: tuple[Claim, ...] = spec(ListOf(Record(Claim)), "Paragraphs.", default=())
    bullets: tuple[Claim, ...] = spec(ListOf(Record(Claim)), "Bullet points after the paragraphs.", default=())
    costs: tuple[Cost, ...] = spec(
        ListOf(Record(Cost)), "A table of costs after the bullets, each with its season.", default=()
    )

    def claims(self) -> tuple[Claim, ...]:
        return (*self.paragraphs, *self.bullets)

    def source_ids(self) -> tuple[str, ...]:
        """Sources cited in the section, in order of first citation (costs last)."""
        ordered: dict[str, None] = {}
        for item in (*self.claims(), *self.costs):
            ordered.update(dict.fromkeys(item.sources))
        return tuple(ordered)

    def problems(self) -> Iterator[tuple[str, str]]:
        if not self.claims() and not self.costs:
            yield "", "a section needs at least one paragraph, bullet or cost"


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of the pathway: content/steps/<id>.yml; the file name must equal the id."""

    id: str = spec(Id(), "Stable id; also the page address steps/<id>/. Never reuse or rename casually.")
    title: str = spec(Text(single_line=True, max_length=60), "Page title, e.g. 'ECFMG certification'.")
    summary: str = spec(
        Text(single_line=True, max_length=220), "One or two sentences: the overview card and page description."
    )
    timing: Timing = spec(Record(Timing), "When this step happens.")
    what_it_is: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What the step is.")
    why_it_matters: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Why it matters.")
    actions: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What to do, in order.")
    requirements: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What is required.")
    sections: tuple[Section, ...] = spec(
        ListOf(Record(Section)), "Extra headed sections, shown after the requirements.", default=()
    )
    costs: tuple[Cost, ...] = spec(ListOf(Record(Cost)), "Known costs, each with its cycle.", default=())
    pitfalls: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Common mistakes.")
    last_reviewed: date = spec(Date(), "When someone last checked every claim against its sources.")
    number: int = 0  # position in the pathway, from content/guide.yml (not written in YAML)

    def problems(self) -> Iterator[tuple[str, str]]:
        for name, text in (("summary", self.summary), ("timing.summary", self.timing.summary)):
            if _NEEDS_SOURCE.search(text):
                yield name, (
                    "keep fees, percentages and dates out of summaries (they have no sources); put them in a claim"
                )

    def claims(self) -> tuple[Claim, ...]:
        """Every claim on the page, in reading order."""
        return (
            *self.what_it_is, *self.why_it_matters, *self.actions, *self.requirements,
            *(claim for section in self.sections for claim in section.claims()),
            *self.timing.details, *self.pitfalls,
        )

    def source_ids(self) -> tuple[str, ...]:
        """Sources cited on the page, in order of first citation (costs last)."""
        ordered: dict[str, None] = {}
        for claim in self.claims():
            ordered.update(dict.fromkeys(claim.sources))
        for cost in self.costs:
            ordered.update(dict.fromkeys(cost.sources))
        return tuple(ordered)


@dataclass(frozen=True, kw_only=True)
class Article:
    """A page of prose: content/pages/<id>.yml becomes <id>/ on the site."""

    id: str = spec(Id(), "Stable id; also the page address. Must equal the file name.")
    title: str = spec(Text(single_line=True, max_length=60), "Page title.")
    description: str = spec(
        Text(single_line=True, max_length=220), "One or two sentences for search results and link previews."
    )
    lead: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Opening paragraphs.")
    sections: tuple[Section, ...] = spec(ListOf(Record(Section), min_items=1), "The page's sections.")
    last_reviewed: date = spec(Date(), "When someone last checked every claim.")

    def claims(self) -> tuple[Claim, ...]:
        return (*self.lead, *(claim for section in self.sections for claim in section.claims()))

    def source_ids(self) -> tuple[str, ...]:
        """Sources cited on the page, in order of first citation."""
        ordered = dict.fromkeys(source for claim in self.lead for source in claim.sources)
        for section in self.sections:
            ordered.update(dict.fromkeys(section.source_ids()))
        return tuple(ordered)


@dataclass(frozen=True, kw_only=True)
class PipelineIntro:
    """The heading and introduction above the overview of the steps on the home page."""

    heading: str = spec(Text(single_line=True, max_length=90), "Heading above the steps.")
    intro: str = spec(Text(), "A sentence or two introducing the steps.")


@dataclass(frozen=True, kw_only=True)
class Home:
    """The home page: content/home.yml."""

    title: str = spec(Text(single_line=True, max_length=80), "The home page heading.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    lead: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Opening paragraphs.")
    changes: Section | None = spec(
        Record(Section), "A dated note on what changed recently, shown after the opening paragraphs.", default=None
    )
    bottom_line: Section = spec(Record(Section), "The bottom line, shown first.")
    duration: Section = spec(Record(Section), "How long the pathway takes.")
    pipeline: PipelineIntro = spec(Record(PipelineIntro), "Introduces the overview of the steps.")
    guides: PipelineIntro | None = spec(
        Record(PipelineIntro),
        "Heading and introduction above the list of guide pages (content/guide.yml `pages:`); "
        "without it the home page lists none.",
        default=None,
    )
    last_reviewed: date = spec(Date(), "When someone last checked every claim.")

    def claims(self) -> tuple[Claim, ...]:
        changes = self.changes.claims() if self.changes else ()
        return (*self.lead, *changes, *self.bottom_line.claims(), *self.duration.claims())

    def source_ids(self) -> tuple[str, ...]:
        """Sources cited on the page, in order of first citation."""
        ordered = dict.fromkeys(source for claim in self.lead for source in claim.sources)
        for section in (self.changes, self.bottom_line, self.duration):
            if section is None:
                continue
            ordered.update(dict.fromkeys(section.source_ids()))
        return tuple(ordered)


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    """One thing to have done before the Match, linked to the step that covers it."""

    id: str = spec(Id(), "Stable id: saved reader progress is keyed by it, so never reuse one.")
    text: str = spec(Text(), "What should be done, as a short statement (Markdown).")
    step: str = spec(Ref("step"), "The id of the step that explains it.")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), unique=True), "Ids from content/sources.yml.", default=())
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")

    def problems(self) -> Iterator[tuple[str, str]]:
        return sourcing_problems(self.text, self.sources, self.confidence)


@dataclass(frozen=True, kw_only=True)
class Checklist:
    """The readiness checklist: content/checklist.yml."""

    title: str = spec(Text(single_line=True, max_length=60), "Page title.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    intro: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Paragraphs above the list.")
    items: tuple[ChecklistItem, ...] = spec(ListOf(Record(ChecklistItem), min_items=1), "The items, in order.")
    last_reviewed: date = spec(Date(), "When someone last checked every item.")


@dataclass(frozen=True, kw_only=True)
class Option:
    """One answer option of a question, with why it is right or wrong."""

    id: str = spec(Id(), "Stable id within the question (readers' answers are saved by it), e.g. 'sponsor-note'.")
    text: str = spec(Text(), "The option as shown (plain text).")
    correct: bool = spec(Boolean(), "true for the single best answer; leave out for the others.", default=False)
    rationale: str = spec(Text(), "Why this option is right or wrong (plain text).")


@dataclass(frozen=True, kw_only=True)
class Question:
    """A single-best-answer question in questions/<file>.yml (a YAML list of these)."""

    id: str = spec(Id(), "Stable id, unique in the whole bank; saved progress is keyed by it.")
    step: str = spec(Ref("step"), "The id of the step the question belongs to.")
    topics: tuple[str, ...] = spec(
        ListOf(Ref("topic"), min_items=1, unique=True),
        "Topic tags, e.g. [eras, fees]; each needs a label under topics: in content/practice.yml.",
    )
    difficulty: int = spec(Integer(1, 3), "1 = recall of a key fact, 2 = applying it, 3 = combining several.")
    kind: str = spec(Choice("recall", "application", "timeline"), "What the question asks the reader to do.")
    stem: str = spec(Text(), "The vignette or direct question (plain text).")
    options: tuple[Option, ...] = spec(
        ListOf(Record(Option), min_items=MIN_OPTIONS, max_items=MAX_OPTIONS), "4 or 5 options, exactly one correct."
    )
    objective: str = spec(Text(single_line=True, max_length=200), "One line: what the reader should learn.")
    sources: tuple[str, ...] = spec(
        ListOf(Ref("source"), unique=True),
        "Ids from content/sources.yml that back the answer. Required unless advice is true.",
        default=(),
    )
    advice: bool = spec(
        Boolean(),
        "true when the answer rests on this guide's advice on the step page rather than on a "
        "published fact (for example how to prepare for an interview). Cite sources only if they "
        "really say it.",
        default=False,
    )
    confidence: str = spec(
        Choice("verified", "confirm"), "'confirm' when the tested fact is rated K in FACTS.md.", default="verified"
    )
    season: int | None = spec(
        Integer(2000, 2100),
        "The Match year whose rules, dates or fees the answer depends on (e.g. 2027 for the ERAS 2027 "
        "season and the 2027 Match). The stem must name it. Leave out for rules that do not change by season.",
        default=None,
    )
    last_reviewed: date = spec(Date(), "When someone last checked the question against its sources.")

    @property
    def answer(self) -> Option:
        return next(option for option in self.options if option.correct)

    @functools.cached_property
    def shown_options(self) -> tuple[Option, ...]:
        """The options in the order every page shows them (see option_order). Worked out once
        per question (the markup and the bank's JSON both need it)."""
        return tuple(display_order(self.id, self.options))

    def problems(self) -> Iterator[tuple[str | tuple, str]]:
        if not self.sources and not self.advice:
            yield "sources", (
                "cite at least one source, or set 'advice: true' if the question tests this "
                "guide's advice rather than a published fact"
            )
        if self.season is not None and str(self.season) not in self.stem:
            yield "stem", f"'season: {self.season}' is set, so the stem must name the {self.season} season"
        correct = [option.id for option in self.options if option.correct]
        if len(correct) != 1:
            yield "options", f"exactly one option must have 'correct: true', found {len(correct)}"
        seen: set[str] = set()
        for index, option in enumerate(self.options):
            if option.id in seen:
                yield ("options", index, "id"), f"duplicate option id '{option.id}' in this question"
            seen.add(option.id)


WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, kw_only=True)
class EventRule:
    """How to find an event's date in any Match year. Exactly one form:
    {weekday, nth, month, year}, {month, day, year[, roll]} or {after, days}."""

    weekday: str = spec(Choice(*WEEKDAY_NAMES), "With nth and month: e.g. the 3rd Friday of March.", default="")
    nth: int = spec(Integer(1, 5), "Which weekday of the month (1 = first).", default=0)
    month: int = spec(Integer(1, 12), "Month number.", default=0)
    day: int = spec(Integer(1, 31), "Day of the month, for a fixed date.", default=0)
    year: int = spec(Integer(-1, 0), "0 = the Match year, -1 = the calendar year before it.", default=0)
    roll: str = spec(Choice("next-weekday"), "Move a fixed date off a weekend.", default="")
    after: str = spec(Ref("event"), "Another event this one is counted from.", default="")
    days: int = spec(Integer(-400, 400), "Days after (or, negative, before) the 'after' event.", default=0)

    def problems(self) -> Iterator[tuple[str, str]]:
        forms = [bool(self.weekday), bool(self.day), bool(self.after)]
        if sum(forms) != 1:
            yield "", "give exactly one of: weekday+nth+month, month+day, or after+days"
        elif self.weekday and not (self.nth and self.month):
            yield "", "a weekday rule needs nth and month"
        elif self.day and not self.month:
            yield "month", "a fixed date needs a month"
        elif self.day:
            try:
                date(2000, self.month, self.day)  # a leap year: 29 February is allowed
            except ValueError:
                yield "day", f"month {self.month} has no day {self.day}"


@dataclass(frozen=True, kw_only=True)
class TimelineEvent:
    """A key date of every Match cycle (content/timeline.yml, events)."""

    id: str = spec(Id(), "Stable id, e.g. 'match-day'.")
    title: str = spec(Text(single_line=True, max_length=90), "As shown in the calendar and the .ics file.")
    rule: EventRule = spec(Record(EventRule), "How to compute the date when no official one is published.")
    text: str = spec(Text(), "One sentence explaining the rule (Markdown).")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), min_items=1, unique=True), "Where the rule comes from.")
    expected: str = spec(
        Text(single_line=True, max_length=40),
        "Shown instead of the computed day while no date is published, when the rule only "
        "gives an approximate time (e.g. 'early June'); the page adds '(expected)'.",
        default="",
    )
    time: str = spec(Text(single_line=True, max_length=5), "Time of day (HH:MM, 24 h) for a timed event.", default="")
    timezone: str = spec(Choice("America/New_York"), "The time zone of `time` (IANA name).", default="")

    def problems(self) -> Iterator[tuple[str, str]]:
        if bool(self.time) != bool(self.timezone):
            yield "", "give both 'time' and 'timezone', or neither"
        elif self.time and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", self.time):
            yield "time", f"expected HH:MM (24 h), got '{self.time}'"


@dataclass(frozen=True, kw_only=True)
class PublishedDate:
    """A date an official body (or a report) has given for one cycle."""

    event: str = spec(Ref("event"), "The event's id.")
    date: date = spec(Date(), "The published date.")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), min_items=1, unique=True), "Where it was published.")
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")
    verified_on: date = spec(Date(), "When someone last checked the date at its source.")


@dataclass(frozen=True, kw_only=True)
class Cycle:
    """One Main Residency Match cycle, named by its Match year."""

    match: int = spec(Integer(2000, 2100), "The Match year (residency starts 1 July of that year).")
    published: tuple[PublishedDate, ...] = spec(ListOf(Record(PublishedDate)), "Published dates.", default=())


@dataclass(frozen=True, kw_only=True)
class Anchor:
    """A date counted from an event of the cycle or from another milestone's finish_by."""

    event: str = spec(Ref("event"), "An event id.", default="")
    milestone: str = spec(Ref("milestone"), "A milestone id (its finish_by date).", default="")
    days: int = spec(Integer(-730, 730), "Days after (negative: before).")

    def problems(self) -> Iterator[tuple[str, str]]:
        if bool(self.event) == bool(self.milestone):
            yield "", "give exactly one of 'event' and 'milestone'"


@dataclass(frozen=True, kw_only=True)
class Milestone:
    """Something to have done by a date of the cycle (content/timeline.yml, milestones)."""

    id: str = spec(Id(), "Stable id; plans shared as links use it.")
    title: str = spec(Text(single_line=True, max_length=90), "What to do, as an instruction.")
    step: str = spec(Ref("step"), "The step page that explains it.")
    checklist: str = spec(Ref("checklist item"), "A checklist item that, when done, marks this done.", default="")
    exam: bool = spec(Boolean(), "true for an exam: the reader can give a booked date and study time.", default=False)
    after: tuple[str, ...] = spec(ListOf(Ref("milestone"), unique=True), "Milestones that come first.", default=())
    starts: str = spec(Ref("event"), "The event before which it cannot be done.", default="")
    lead_days: int = spec(Integer(0, 730), "Typical days it takes, for 'start by'.", default=0)
    study_weeks: int = spec(
        Integer(1, 104), "Exams: the typical study time the plan assumes when the reader leaves it blank.", default=0
    )
    finish_by: Anchor = spec(Record(Anchor), "On track if done by this date.")
    tight_by: Anchor | None = spec(Record(Anchor), "Still possible (tight) until this date.", default=None)
    hard_by: Anchor = spec(Record(Anchor), "After this date it cannot count for this cycle (every milestone has one).")
    hard_why: str = spec(Text(), "Why nothing done after hard_by can count for this cycle (Markdown).")
    why: str = spec(Text(), "Why the dates are what they are (Markdown).")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), min_items=1, unique=True), "Ids from content/sources.yml.")
    typical: bool = spec(Boolean(), "true when the durations are typical values, not rules.", default=False)
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")

    def problems(self) -> Iterator[tuple[str, str]]:
        if self.exam and not self.study_weeks:
            yield "study_weeks", "an exam needs the typical study time the plan assumes when the reader leaves it blank"
        if self.study_weeks and not self.exam:
            yield "study_weeks", "only an exam ('exam: true') has a study time"

    def anchors(self) -> tuple[Anchor, ...]:
        return tuple(a for a in (self.finish_by, self.tight_by, self.hard_by) if a is not None)

    def counted_from(self) -> tuple[str, ...]:
        """Milestones whose finish_by this one's dates are counted from."""
        return tuple(a.milestone for a in self.anchors() if a.milestone)


@dataclass(frozen=True, kw_only=True)
class Planning:
    """The planner's own numbers (content/timeline.yml, planning): none of them is in JS."""

    start_event: str = spec(Ref("event"), "The event when residency starts: a Match year is open until then.")
    horizon_years: int = spec(Integer(1, 10), "How many Match years the planner offers and searches.")
    next_days: int = spec(Integer(7, 365), "The 'next days' panel lists actions due within this many days.")
    reminder_days: int = spec(Integer(1, 60), "Calendar reminders ring this many days before each date.")
    ticks: tuple[str, ...] = spec(
        ListOf(Ref("event"), min_items=1, unique=True), "Events drawn as labelled ticks on the timeline picture."
    )


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """content/timeline.yml: the Match calendar and the plan's milestones."""

    planning: Planning = spec(Record(Planning), "The planner's horizon, reminder and panel settings.")
    events: tuple[TimelineEvent, ...] = spec(ListOf(Record(TimelineEvent), min_items=1), "Key dates of every cycle.")
    cycles: tuple[Cycle, ...] = spec(ListOf(Record(Cycle), min_items=1), "The cycles the guide covers.")
    milestones: tuple[Milestone, ...] = spec(ListOf(Record(Milestone), min_items=1), "The plan, in reading order.")

    def ordered_events(self) -> list[TimelineEvent]:
        """Events so that each comes after the one its rule counts from (no cycles: validated)."""
        return _topological(self.events, lambda event: (event.rule.after,) if event.rule.after else ())

    def ordered_milestones(self) -> list[Milestone]:
        """Milestones so that each comes after those its dates are counted from."""
        return _topological(self.milestones, lambda milestone: milestone.counted_from())

    def ordered_by_after(self) -> list[Milestone]:
        """Milestones so that each comes after those listed in its `after`."""
        return _topological(self.milestones, lambda milestone: milestone.after)


def _topological(items, depends_on) -> list:
    by_id = {item.id: item for item in items}
    ordered: list = []
    placed: set[str] = set()

    def place(item, trail: tuple[str, ...]) -> None:
        if item.id in placed or item.id in trail:
            return
        for other in depends_on(item):
            if other in by_id:
                place(by_id[other], (*trail, item.id))
        placed.add(item.id)
        ordered.append(item)

    for item in items:
        place(item, ())
    return ordered


def find_cycle(items, depends_on) -> list[str]:
    """One dependency loop among `items` as ids, first id repeated at the end (a, b, a),
    or [] if there is none."""
    by_id = {item.id: item for item in items}
    state: dict[str, str] = {}

    def visit(item_id: str, path: list[str]) -> list[str]:
        state[item_id] = "open"
        path.append(item_id)
        for other in depends_on(by_id[item_id]):
            if other not in by_id:
                continue
            if state.get(other) == "open":
                return path[path.index(other):] + [other]
            if other not in state:
                found = visit(other, path)
                if found:
                    return found
        path.pop()
        state[item_id] = "done"
        return []

    for item in items:
        if item.id not in state:
            found = visit(item.id, [])
            if found:
                return found
    return []


PRACTICE_LABELS = (
    "practice_heading", "practice_intro", "more_on_step", "all_on_step", "question", "of", "check",
    "next", "previous", "finish", "choose_first", "correct", "incorrect", "your_answer",
    "correct_answer", "answer_is", "show_answer", "explanation", "objective", "sources", "advice", "confirm",
    "reviewed", "answered_before", "keyboard_hint", "noscript", "loading", "load_failed",
    "build_heading", "steps_legend", "select_all", "select_none", "filter_legend", "filter_all",
    "filter_unused", "filter_incorrect", "filter_flagged", "count_legend", "mode_legend",
    "mode_tutor", "mode_tutor_hint", "mode_timed", "mode_timed_hint", "seconds_label", "matching",
    "none_matching", "start", "discard", "discard_confirm", "time_left",
    "time_used", "pause", "continue", "paused", "time_up", "minutes_left", "one_minute_left", "flag",
    "flagged", "note", "note_hint", "navigator", "answered", "unanswered", "finish_unanswered",
    "results_heading", "score", "by_step", "step", "review_heading", "review_all",
    "review_incorrect", "review_flagged", "not_answered", "retry_incorrect", "new_block",
    "history_heading", "history_empty", "history_date", "history_mode", "history_questions",
    "history_score", "performance_heading", "performance_answered", "performance_correct",
    "performance_trend", "data_heading", "data_intro", "export", "import", "import_done",
    "import_questions", "import_blocks", "import_bad_file", "import_bad_version", "reset",
    "reset_confirm", "reset_yes", "cancel", "reset_done", "storage_unavailable", "storage_corrupt",
    "storage_full", "storage_newer", "removed_question", "shuffle_options", "import_rejected",
    "import_reason_id", "import_reason_record", "import_reason_newer", "import_reason_block", "import_question",
    "import_block",
    # Spaced review, the error log, past blocks and the topic and difficulty filters.
    "filter_due", "due_heading", "due_today", "due_none", "due_new", "review_start", "grade_legend",
    "grade_again", "grade_hard", "grade_good", "grade_easy", "interval_minutes", "interval_day",
    "interval_days", "next_review", "grade_hint", "topics_legend", "topics_summary", "difficulty_legend",
    "difficulty_1", "difficulty_2", "difficulty_3", "group_by", "by_topic", "topic", "errors_heading",
    "errors_intro", "errors_empty", "errors_step", "errors_all_steps", "errors_practise", "errors_count",
    "history_open", "past_heading", "time_per_question", "back", "home_due", "home_link",
)


PLANNER_LABELS = (
    "form_heading", "target", "earliest", "match", "today", "use_today", "done_legend",
    "exams_legend", "booked", "study", "weeks", "plan_heading", "status", "status_on_track",
    "status_tight", "status_impossible", "status_done", "conflicts", "expected", "after_date",
    "not_possible_after", "earliest_works", "earliest_on_track", "none_works", "milestone",
    "start_by", "finish_by", "latest", "why", "typical", "key_dates", "event", "date", "estimated",
    "published", "source", "share", "share_done", "share_failed", "ics", "ics_name", "print", "text",
    "text_done", "step_page", "invalid_date", "checklist_prefilled", "checklist_heading",
    "checklist_todo", "checklist_done", "checklist_na", "checklist_of", "checklist_items_done",
    "checklist_na_count", "checklist_changed", "checklist_export", "checklist_import",
    "checklist_import_done", "checklist_import_bad", "checklist_reset", "checklist_reset_confirm",
    "checklist_reset_yes", "checklist_reset_done", "checklist_open_planner", "cancel",
    "storage_unavailable", "storage_corrupt", "storage_full",
    "expected_date", "not_possible_for", "hard_reason", "blocked_by", "default_study", "next_heading",
    "next_none", "next_start", "next_finish", "next_overdue", "done_heading", "picture_heading",
    "picture_intro", "picture_today", "today_note", "today_pinned", "restored", "reminder",
    "calendar_show", "booked_on", "expected_short", "booked_short", "switch_to", "next_late",
)


@dataclass(frozen=True, kw_only=True)
class Planner:
    """content/planner.yml: the Planner page and the interactive checklist's words."""

    title: str = spec(Text(single_line=True, max_length=60), "Title of the Planner page.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    intro: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Paragraphs at the top of the page.")
    static_heading: str = spec(Text(single_line=True, max_length=90), "Heading of the calendar tables.")
    static_intro: str = spec(Text(single_line=True), "Paragraph above the calendar tables.")
    labels: dict = spec(TextMap(PLANNER_LABELS), "Every word the planner and checklist widgets show.")


# ------------------------------------------------------------------ cost estimator ----

# How a cost grows with the reader's choices (see content/costs.yml and costs.py).
COST_SCALES = ("once", "per-attempt", "per-sitting", "per-program", "per-rank", "per-month", "per-interview")
# Conditions a cost can depend on; each is a yes/no answer derived from the reader's inputs.
COST_CONDITIONS = ("outside-us", "inside-us", "pathway", "j1", "h1b", "step-3", "late-registration")
COST_EXAMS = ("step-1", "step-2-ck")

COSTS_LABELS = (
    "form_heading", "form_intro", "specialties_legend", "specialty", "programs", "ranks", "exams_legend",
    "step_1_attempts", "step_2_ck_attempts", "region", "region_outside", "region_inside", "english_legend",
    "oet_sittings", "pathway", "yes", "no", "usce_legend", "usce_months", "usce_level", "level_low",
    "level_typical", "level_high", "interviews_legend", "interviews", "in_person_percent", "visa_legend",
    "visa", "visa_j1", "visa_h1b", "step_3", "step_3_h1b", "late_registration", "result_heading",
    "chart_caption", "table_caption", "phase", "item", "detail", "amount", "season", "confidence", "sources",
    "subtotal",
    "total", "low", "typical", "high", "range", "verified", "confirm", "unverified", "advice", "not_priced",
    "not_priced_count", "flagged", "flagged_count", "converted", "count_attempts", "count_sittings",
    "count_programs", "count_ranks", "count_months", "count_interviews", "not_included_heading",
    "h1b_heading", "actions_legend", "share", "share_done", "share_failed", "print", "text", "text_done",
    "csv", "csv_name", "reset", "saved", "storage_unavailable", "noscript",
)


@dataclass(frozen=True, kw_only=True)
class CostPhase:
    """A phase of the route; the estimator groups its lines and subtotals by phase."""

    id: str = spec(Id(), "Stable id, e.g. 'application'.")
    label: str = spec(Text(single_line=True, max_length=60), "Name shown in the table and the chart.")


@dataclass(frozen=True, kw_only=True)
class CostTier:
    """Programs `first` to `last` (inclusive) cost `amount` each; the last tier has no `last`."""

    first: int = spec(Integer(minimum=1), "The first program this price applies to, e.g. 31.")
    last: int | None = spec(Integer(minimum=1), "The last program at this price; leave out on the last tier.",
                            default=None)
    amount: int = spec(Integer(minimum=1), "US dollars per program in this tier.")


@dataclass(frozen=True, kw_only=True)
class OriginalAmount:
    """An amount set in another currency: the original, and a dated note on the conversion."""

    currency: str = spec(Text(single_line=True, max_length=8), "ISO code of the currency, e.g. 'AUD'.")
    amount: int = spec(Integer(minimum=1), "The amount in that currency.")
    converted_on: date = spec(Date(), "When the US dollar figures were worked out.")
    note: str = spec(Text(single_line=True), "How it was converted and what the original price includes.")


@dataclass(frozen=True, kw_only=True)
class CostItem:
    """One line of the estimate: what is paid, how much (in US dollars), when it was
    published, how sure we are, and how it grows with the reader's choices."""

    id: str = spec(Id(), "Stable id; share links and saved estimates do not use it, but tests do.")
    label: str = spec(Text(single_line=True, max_length=90), "What is paid for.")
    phase: str = spec(Id(), "The id of a phase listed under `phases`.")
    step: str = spec(Ref("step"), "The step page that explains it.")
    scale: str = spec(Choice(*COST_SCALES),
                      "once; per-attempt (of `exam`); per-sitting (OET); per-program (ERAS `tiers`, "
                      "restarting for each specialty); per-rank (beyond `included`); per-month (of US "
                      "clinical experience, at the reader's fee level); per-interview (`mode`).")
    exam: str | None = spec(Choice(*COST_EXAMS), "For per-attempt: which exam's attempts count.", default=None)
    mode: str | None = spec(Choice("in-person"), "For per-interview: which interviews count.", default=None)
    when: tuple[str, ...] = spec(ListOf(Choice(*COST_CONDITIONS), unique=True),
                                 "Counted only when all of these hold, e.g. [j1].", default=())
    amount: int | None = spec(Integer(minimum=1), "US dollars (per unit of `scale`).", default=None)
    low: int | None = spec(Integer(minimum=1), "Low end of a range, in US dollars.", default=None)
    typical: int | None = spec(Integer(minimum=1), "Typical value of a range; the midpoint if left out.",
                               default=None)
    high: int | None = spec(Integer(minimum=1), "High end of a range, in US dollars.", default=None)
    tiers: tuple[CostTier, ...] = spec(ListOf(Record(CostTier)), "Prices by program number (per-program).",
                                       default=())
    included: int | None = spec(Integer(minimum=0), "For per-rank: ranks included before the fee starts.",
                                default=None)
    unpriced: bool = spec(Boolean(), "true when no amount could be confirmed: the line is shown and flagged "
                          "but not added to the total (say why in `note`).", default=False)
    original: OriginalAmount | None = spec(Record(OriginalAmount), "For an amount set in another currency.",
                                           default=None)
    note: str = spec(Text(single_line=True), "A short note shown under the label.", default="")
    season: int = spec(SEASON, "The Match year the amount was published or last confirmed for.")
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), unique=True), "Ids from content/sources.yml.",
                                    default=())
    advice: bool = spec(Boolean(), "true when the amount is this guide's typical range, not a published fee.",
                        default=False)

    def problems(self) -> Iterator[tuple[str, str]]:
        ranged = (self.low, self.typical, self.high)
        kinds = [name for name, present in (
            ("amount", self.amount is not None), ("low/high", any(v is not None for v in ranged)),
            ("tiers", bool(self.tiers)), ("unpriced", self.unpriced),
        ) if present]
        if len(kinds) != 1:
            yield "", ("give exactly one of 'amount', a range ('low' and 'high'), 'tiers' or 'unpriced: true'"
                       + (f"; found {' and '.join(kinds)}" if kinds else ""))
        if any(v is not None for v in ranged):
            if self.low is None or self.high is None:
                yield ("low" if self.low is None else "high"), "a range needs both 'low' and 'high'"
            elif self.low >= self.high:
                yield "high", f"must be more than low ({self.low}), got {self.high}"
            elif self.typical is not None and not self.low <= self.typical <= self.high:
                yield "typical", f"must lie between low ({self.low}) and high ({self.high}), got {self.typical}"
        if (self.scale == "per-program") != bool(self.tiers):
            yield ("tiers" if self.tiers else "scale"), "'tiers' go with 'scale: per-program', and only with it"
        yield from _tier_problems(self.tiers)
        if (self.scale == "per-rank") != (self.included is not None):
            yield ("included" if self.included is not None else "scale"), (
                "'included' goes with 'scale: per-rank', and only with it")
        if (self.scale == "per-attempt") != (self.exam is not None):
            yield ("exam" if self.exam else "scale"), "'exam' goes with 'scale: per-attempt', and only with it"
        if (self.scale == "per-interview") != (self.mode is not None):
            yield ("mode" if self.mode else "scale"), "'mode' goes with 'scale: per-interview', and only with it"
        if not self.sources and not self.advice:
            yield "sources", "cite at least one source, or set 'advice: true' for a typical range that is our advice"
        if self.advice and self.amount is not None:
            yield "advice", "advice is a typical range: give 'low' and 'high' instead of 'amount'"
        if self.unpriced and (self.confidence == "verified" or not self.note):
            yield "unpriced", "an unpriced line needs 'confidence: unverified' or 'confirm' and a 'note' saying why"
        if self.original and self.amount is None and self.low is None:
            yield "original", "an original amount goes with 'amount' or a range in US dollars"
        if "inside-us" in self.when and "outside-us" in self.when:
            yield "when", "'inside-us' and 'outside-us' cannot both hold"


def _tier_problems(tiers: tuple[CostTier, ...]) -> Iterator[tuple[tuple, str]]:
    """Tiers start at program 1, each starts right after the previous one ends, and only the
    last one is open-ended."""
    expected = 1
    for index, tier in enumerate(tiers):
        where = ("tiers", index, "first")
        if tier.first != expected:
            yield where, f"tiers must be contiguous: expected first: {expected}, got {tier.first}"
        is_last = index == len(tiers) - 1
        if tier.last is None and not is_last:
            yield ("tiers", index), "only the last tier may leave out 'last'"
        elif tier.last is not None and is_last:
            yield ("tiers", index, "last"), "the last tier must leave out 'last' (it has no upper end)"
        if tier.last is not None:
            if tier.last < tier.first:
                yield ("tiers", index, "last"), f"must be at least first ({tier.first}), got {tier.last}"
            expected = tier.last + 1


@dataclass(frozen=True, kw_only=True)
class CostDefaults:
    """The scenario shown before the reader changes anything (and without JavaScript)."""

    programs: tuple[int, ...] = spec(ListOf(Integer(0, 999), min_items=1, max_items=3),
                                     "Programs per specialty, one number per specialty (at most three).")
    ranks: int = spec(Integer(0, 999), "Programs on the rank order list.")
    step_1_attempts: int = spec(Integer(0, 4), "Attempts at Step 1 still to pay for.")
    step_2_ck_attempts: int = spec(Integer(0, 4), "Attempts at Step 2 CK still to pay for.")
    region: str = spec(Choice("outside", "inside"), "Testing outside or inside the US and Canada.")
    oet_sittings: int = spec(Integer(0, 9), "OET Medicine sittings.")
    pathway: bool = spec(Boolean(), "Applying for an ECFMG Pathway.")
    step_3: bool = spec(Boolean(), "Taking Step 3 before residency (always counted for the H-1B route).")
    usce_months: int = spec(Integer(0, 24), "Months of US clinical experience.")
    usce_level: str = spec(Choice("low", "typical", "high"), "Fee level of that experience.")
    interviews: int = spec(Integer(0, 99), "Interviews.")
    in_person_percent: int = spec(Integer(0, 100), "Share of interviews in person, in percent.")
    visa: str = spec(Choice("j1", "h1b"), "Visa route.")
    late_registration: bool = spec(Boolean(), "Registering for the NRMP Match after the standard deadline.")


@dataclass(frozen=True, kw_only=True)
class Costs:
    """content/costs.yml: the cost estimator's items, default scenario and words."""

    title: str = spec(Text(single_line=True, max_length=60), "Title of the Costs page.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    intro: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Paragraphs at the top of the page.")
    season: int = spec(SEASON, "The Match the estimate is for: an amount from an earlier season cannot be "
                       "'verified', so it is flagged for the reader.")
    phases: tuple[CostPhase, ...] = spec(ListOf(Record(CostPhase), min_items=1), "Phases, in route order.")
    items: tuple[CostItem, ...] = spec(ListOf(Record(CostItem), min_items=1), "Every cost line.")
    defaults: CostDefaults = spec(Record(CostDefaults), "The default scenario.")
    h1b_note: Claim = spec(Record(Claim), "Shown with the H-1B route: who pays the petition, and what to check.")
    not_included: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What the estimate leaves out.")
    labels: dict = spec(TextMap(COSTS_LABELS), "Every word the estimator shows.")
    last_reviewed: date = spec(Date(), "When someone last checked every amount against its sources.")

    def problems(self) -> Iterator[tuple[tuple | str, str]]:
        phases = [phase.id for phase in self.phases]
        for index, phase in enumerate(self.phases):
            if phase.id in phases[:index]:
                yield ("phases", index, "id"), f"duplicate phase id '{phase.id}'"
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            if item.id in seen:
                yield ("items", index, "id"), f"duplicate cost id '{item.id}'"
            seen.add(item.id)
            if item.phase not in phases:
                yield ("items", index, "phase"), f"no phase '{item.phase}' (phases: {', '.join(phases)})"
            if item.season < self.season and item.confidence == "verified":
                yield ("items", index, "confidence"), (
                    f"the amount is from season {item.season}, before the estimate's season {self.season}: "
                    "set 'confidence: confirm' or 'unverified' so readers see it is not confirmed")
        used = {item.phase for item in self.items}
        for index, phase in enumerate(self.phases):
            if phase.id not in used:
                yield ("phases", index, "id"), f"phase '{phase.id}' has no cost items"

    def claims(self) -> tuple[Claim, ...]:
        return (*self.intro, self.h1b_note, *self.not_included)


@dataclass(frozen=True, kw_only=True)
class PracticeSettings:
    """The numbers the practice code uses (the JavaScript holds none of its own)."""

    questions_per_step_page: int = spec(Integer(1, 20), "Questions in the block at the end of each step page.")
    default_block_size: int = spec(Integer(1, 200), "Questions in a new block unless the reader changes it.")
    max_block_size: int = spec(Integer(1, 200), "Most questions a block can have.")
    seconds_per_question: int = spec(Integer(10, 600), "Default time per question in timed mode.")
    min_seconds_per_question: int = spec(Integer(10, 600), "Least time per question a reader may choose.")
    max_seconds_per_question: int = spec(Integer(10, 600), "Most time per question a reader may choose.")
    history_kept: int = spec(Integer(1, 1000), "Finished blocks kept in the reader's history.")
    attempts_kept_per_question: int = spec(Integer(1, 100), "Answers kept per question in the reader's progress.")
    seconds_step: int = spec(Integer(1, 60), "Step of the seconds-per-question field (its up and down arrows).")
    time_warnings_minutes: tuple[int, ...] = spec(
        ListOf(Integer(1, 60), min_items=1, unique=True),
        "In timed mode, the time left (in minutes) at which screen readers hear a warning, largest first.",
    )
    trend_blocks: int = spec(Integer(1, 20), "Recent blocks shown per step in the reader's progress table.")
    review_new_per_day: int = spec(
        Integer(0, 200), "Spaced review: new questions mixed into the day's review blocks, at most."
    )
    review_desired_retention: float = spec(
        Fraction(), "Spaced review (FSRS): the chance of still knowing a card when it is due (default 0.9)."
    )
    review_maximum_interval_days: int = spec(Integer(1, 36500), "Spaced review: the longest gap between two reviews.")
    review_learning_steps: bool = spec(
        Boolean(), "Spaced review: true brings a missed card back the same day (learning steps), false the next day."
    )
    option_letters: str = spec(
        Text(single_line=True, max_length=26),
        "The key shown before each option, by position (A, B, C...): one character each, at least "
        f"{MAX_OPTIONS}.",
    )

    def problems(self) -> Iterator[tuple[str, str]]:
        if len(self.option_letters) < MAX_OPTIONS or len(set(self.option_letters)) != len(self.option_letters):
            yield "option_letters", f"must be at least {MAX_OPTIONS} different characters, one per option position"
        if list(self.time_warnings_minutes) != sorted(self.time_warnings_minutes, reverse=True):
            yield "time_warnings_minutes", "must be in decreasing order"
        if self.default_block_size > self.max_block_size:
            yield "default_block_size", "must not be larger than max_block_size"
        if not self.min_seconds_per_question <= self.seconds_per_question <= self.max_seconds_per_question:
            yield "seconds_per_question", "must lie between min_seconds_per_question and max_seconds_per_question"


@dataclass(frozen=True, kw_only=True)
class QualityRules:
    """Limits on the cues a test-wise reader could use (see imgguide.quality)."""

    max_key_longest_share: float = spec(
        Fraction(), "Most questions per step whose key is the strictly longest option, as a share (0 to 1)."
    )
    max_key_length_ratio: float = spec(
        Ratio(), "A key this many times the mean distractor length or longer is listed for rewriting."
    )
    max_strategy_score: float = spec(
        Fraction(), "Most any test-wise strategy (longest, shortest, middle, most stem words) may score over the bank."
    )
    max_position_deviation: float = spec(
        Ratio(), "How far (in standard deviations) the count of keys in one position may stray from its share."
    )
    near_duplicate_similarity: float = spec(
        Fraction(), "Stems or objectives at least this similar (word overlap, 0 to 1) are reported as duplicates."
    )
    banned_option_phrases: tuple[str, ...] = spec(
        ListOf(Text(single_line=True), min_items=1, unique=True), "Phrases no option may contain."
    )


@dataclass(frozen=True, kw_only=True)
class Practice:
    """content/practice.yml: the Practice page, the step-page blocks and the bank pages."""

    title: str = spec(Text(single_line=True, max_length=60), "Title of the Practice page.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    intro: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Paragraphs at the top of the Practice page.")
    bank_title: str = spec(Text(single_line=True, max_length=40), "Title prefix of the per-step question-bank pages.")
    bank_intro: str = spec(Text(single_line=True), "Paragraph at the top of each question-bank page.")
    settings: PracticeSettings = spec(Record(PracticeSettings), "Numbers the practice code uses.")
    quality: QualityRules = spec(Record(QualityRules), "Item-writing limits the bank is held to.")
    labels: dict = spec(TextMap(PRACTICE_LABELS), "Every word the practice widgets show.")
    topics: dict = spec(
        LabelMap("topic"), "Readable names of the topic ids questions use (every id used needs one)."
    )


@dataclass(frozen=True, kw_only=True)
class Labels:
    """Words the templates and generated pages show, kept with the content."""

    disclaimer: str = spec(Text(single_line=True), "Shown at the top of every page (plain text).")
    home: str = spec(Text(single_line=True), "Navigation name of the home page.")
    pathway: str = spec(Text(single_line=True), "Navigation heading for the steps.")
    guides: str = spec(Text(single_line=True), "Navigation heading for the guide pages (content/pages/).")
    tools: str = spec(Text(single_line=True), "Navigation heading for the checklist and the interactive tools.")
    step: str = spec(Text(single_line=True), "Word before a step number, e.g. 'Step'.")
    what_it_is: str = spec(Text(single_line=True), "Section heading.")
    why_it_matters: str = spec(Text(single_line=True), "Section heading.")
    actions: str = spec(Text(single_line=True), "Section heading.")
    requirements: str = spec(Text(single_line=True), "Section heading.")
    timing: str = spec(Text(single_line=True), "Section heading.")
    costs: str = spec(Text(single_line=True), "Section heading.")
    cost_item: str = spec(Text(single_line=True), "Cost table column.")
    cost_amount: str = spec(Text(single_line=True), "Cost table column.")
    cost_applies_to: str = spec(Text(single_line=True), "Cost table column.")
    cost_sources: str = spec(Text(single_line=True), "Cost table column.")
    no_costs: str = spec(Text(), "Shown when a step has no known fee.")
    pitfalls: str = spec(Text(single_line=True), "Section heading.")
    sources: str = spec(Text(single_line=True), "Section heading.")
    official_source: str = spec(Text(single_line=True), "Tag on an official source.")
    other_source: str = spec(Text(single_line=True), "Tag on a non-official source.")
    source_link: str = spec(Text(single_line=True), "Screen-reader name of a citation, before its number.")
    last_reviewed: str = spec(Text(single_line=True), "Before the review date.")
    confirm: str = spec(Text(single_line=True), "Tag on a claim readers should confirm.")
    unverified: str = spec(Text(single_line=True), "Tag on an unverified claim.")
    typical_timing: str = spec(Text(single_line=True), "Before a step's timing on the overview.")
    previous_step: str = spec(Text(single_line=True), "Pager link label.")
    next_step: str = spec(Text(single_line=True), "Pager link label.")
    step_pager: str = spec(Text(single_line=True), "Screen-reader name of the step pager.")
    covered_in: str = spec(Text(single_line=True), "Before the step a checklist item links to.")
    all_sources_title: str = spec(Text(single_line=True), "Title of the page listing every source.")
    all_sources_intro: str = spec(Text(), "Introduction of that page.")
    cited_on: str = spec(Text(single_line=True), "Before the pages citing a source.")
    source_checked: str = spec(Text(single_line=True), "Before the date a source was last read, e.g. 'checked'.")
    update_available: str = spec(Text(single_line=True), "Shown when a newer version of the site is ready offline.")
    update_reload: str = spec(Text(single_line=True), "Button that loads the newer version.")
    not_found_title: str = spec(Text(single_line=True), "Heading of the page-not-found page.")
    not_found_text: str = spec(Text(single_line=True), "Text of the page-not-found page.")


@dataclass(frozen=True, kw_only=True)
class GuideConfig:
    """content/guide.yml: the order of the steps and the shared labels."""

    steps: tuple[str, ...] = spec(ListOf(Ref("step"), min_items=1, unique=True), "Step ids in pathway order.")
    pages: tuple[str, ...] = spec(
        ListOf(Ref("page"), unique=True), "Article ids (content/pages/) in navigation order.", default=()
    )
    labels: Labels = spec(Record(Labels), "Shared words.")


# -------------------------------------------------------------------- My applications ----
# The tracker stores these ids in the reader's browser and in their CSV files: an id here is
# permanent (labels can change freely).
TRACKER_CHOICES = {
    "type": ("categorical", "preliminary", "transitional", "advanced"),
    "visa": ("j1", "h1b", "both", "none", "unknown"),
    "status": ("saved", "applied", "invited", "scheduled", "interviewed", "rejected", "withdrawn"),
    "mode": ("virtual", "in-person"),
}


@dataclass(frozen=True, kw_only=True)
class SignalSpecialty:
    """A specialty readers can pick for a program (and count signals and ERAS fees by)."""

    id: str = spec(Id(), "Permanent id, stored with the reader's programs, e.g. 'internal-medicine'.")
    name: str = spec(Text(single_line=True, max_length=60), "The name shown, e.g. 'Internal medicine'.")


@dataclass(frozen=True, kw_only=True)
class SignalTier:
    """One kind of signal in a specialty (gold, silver, or the single kind)."""

    id: str = spec(Id(), "Permanent id, stored with the reader's programs: 'gold', 'silver' or 'signal'.")
    label: str = spec(Text(single_line=True, max_length=30), "The name shown, e.g. 'Gold'.")
    count: int = spec(Integer(1, 200), "How many signals of this tier an applicant gets in the season.")


@dataclass(frozen=True, kw_only=True)
class SignalAllotment:
    """The signals of one specialty in one season, as the cited page gives them."""

    specialty: str = spec(Id(), "A specialty id from `specialties` above.")
    tiers: tuple[SignalTier, ...] = spec(ListOf(Record(SignalTier), min_items=1, max_items=3), "The tiers, best first.")
    sources: tuple[str, ...] = spec(
        ListOf(Ref("source"), min_items=1, unique=True), "Ids from content/sources.yml that give these numbers."
    )
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")

    def problems(self) -> Iterator[tuple[tuple | str, str]]:
        seen: set[str] = set()
        for index, tier in enumerate(self.tiers):
            if tier.id in seen:
                yield ("tiers", index, "id"), f"duplicate tier id '{tier.id}'"
            seen.add(tier.id)


@dataclass(frozen=True, kw_only=True)
class SignalSeason:
    """One ERAS season's confirmed numbers; a specialty missing here has none confirmed."""

    season: int = spec(SEASON, "The Match year (2025 for the ERAS 2025 season).")
    allotments: tuple[SignalAllotment, ...] = spec(
        ListOf(Record(SignalAllotment), min_items=1), "Specialties with confirmed numbers for this season."
    )


@dataclass(frozen=True, kw_only=True)
class Signals:
    """content/signals.yml: program-signal allotments by specialty and season (My applications)."""

    specialties: tuple[SignalSpecialty, ...] = spec(
        ListOf(Record(SignalSpecialty), min_items=1), "Every specialty the tracker offers, in menu order."
    )
    seasons: tuple[SignalSeason, ...] = spec(ListOf(Record(SignalSeason), min_items=1), "Confirmed numbers by season.")
    check_source: str = spec(Ref("source"), "The AAMC page readers should check when a number is not confirmed.")
    last_reviewed: date = spec(Date(), "When someone last checked every number against its sources.")

    def problems(self) -> Iterator[tuple[tuple | str, str]]:
        ids = [specialty.id for specialty in self.specialties]
        for index, specialty_id in enumerate(ids):
            if specialty_id in ids[:index]:
                yield ("specialties", index, "id"), f"duplicate specialty id '{specialty_id}'"
        years: list[int] = []
        for index, season in enumerate(self.seasons):
            if season.season in years:
                yield ("seasons", index, "season"), f"season {season.season} is listed twice"
            years.append(season.season)
            listed: list[str] = []
            for number, allotment in enumerate(season.allotments):
                where = ("seasons", index, "allotments", number, "specialty")
                if allotment.specialty not in ids:
                    yield where, f"no specialty '{allotment.specialty}' (specialties: {', '.join(ids)})"
                elif allotment.specialty in listed:
                    yield where, f"'{allotment.specialty}' is listed twice for season {season.season}"
                listed.append(allotment.specialty)


@dataclass(frozen=True, kw_only=True)
class TrackerChoice:
    """One option of a menu (program type, visa, status, interview mode)."""

    id: str = spec(Id(), "Permanent id, stored with the reader's programs.")
    label: str = spec(Text(single_line=True, max_length=40), "The word shown.")


def _choices(group: str) -> Any:
    return spec(
        ListOf(Record(TrackerChoice), min_items=1),
        f"Every {group} option, in menu order: exactly the ids {', '.join(TRACKER_CHOICES[group])}.",
    )


@dataclass(frozen=True, kw_only=True)
class TrackerChoices:
    """The tracker's menus: their ids are fixed (stored data uses them), their labels are not."""

    type: tuple[TrackerChoice, ...] = _choices("type")
    visa: tuple[TrackerChoice, ...] = _choices("visa")
    status: tuple[TrackerChoice, ...] = _choices("status")
    mode: tuple[TrackerChoice, ...] = _choices("mode")

    def problems(self) -> Iterator[tuple[tuple | str, str]]:
        for group, wanted in TRACKER_CHOICES.items():
            found = [choice.id for choice in getattr(self, group)]
            if sorted(found) != sorted(wanted) or len(set(found)) != len(found):
                yield group, f"must list exactly the ids {', '.join(wanted)} once each (found {', '.join(found)})"


@dataclass(frozen=True, kw_only=True)
class TrackerSettings:
    """The tracker's numbers (the JavaScript holds none of its own)."""

    letters_per_program: int = spec(Integer(1, 10), "Most letters ERAS lets an applicant assign to one program.")
    seasons: tuple[int, ...] = spec(
        ListOf(SEASON, min_items=1, unique=True), "The Match years a reader can choose for signals, oldest first."
    )
    default_season: int = spec(SEASON, "The Match year selected until the reader chooses another.")
    eras_cost_items: tuple[str, ...] = spec(
        ListOf(Id(), min_items=1, unique=True), "Ids of the content/costs.yml lines for ERAS applications."
    )
    nrmp_cost_items: tuple[str, ...] = spec(
        ListOf(Id(), min_items=1, unique=True), "Ids of the content/costs.yml lines for the NRMP rank list."
    )
    max_text_length: int = spec(Integer(20, 10000), "Longest text a reader can enter in one field (notes).")

    def problems(self) -> Iterator[tuple[str, str]]:
        if self.default_season not in self.seasons:
            yield "default_season", f"must be one of seasons ({', '.join(str(s) for s in self.seasons)})"
        if list(self.seasons) != sorted(self.seasons):
            yield "seasons", "must be in increasing order"


TRACKER_LABELS = (
    "noscript", "storage_unavailable", "storage_corrupt", "storage_full", "storage_newer", "dropped",
    "season", "season_option", "form_add", "form_edit", "name", "name_missing", "specialty", "city",
    "state", "type", "visa", "yog", "yog_hint", "filters", "signal", "signal_none", "applied_on", "letters",
    "letters_none", "letters_too_many", "status", "interview_on", "interview_time", "interview_mode",
    "mode_unknown", "thanks", "notes", "rank", "save_new", "save_edit", "cancel", "added", "saved",
    "deleted", "edit", "delete", "delete_confirm", "delete_yes", "writers_heading", "writers_intro",
    "writer_name", "writer_note", "writer_add", "writer_remove", "writer_in_use", "writers_none",
    "programs_heading", "programs_none", "filter_legend", "filter_all", "filter_any_signal", "filter_search",
    "sort_by", "sort_reverse", "showing", "of", "summary_heading", "by_status", "by_specialty",
    "count", "total", "signals_heading", "signals_used", "signals_allotment", "signals_over",
    "signals_unknown", "signals_latest", "signals_check", "signals_generic", "costs_heading",
    "costs_intro", "costs_eras", "costs_nrmp", "costs_link", "costs_missing", "costs_none",
    "interviews_heading", "interviews_none", "interviews_ics", "ics_name", "interview_summary",
    "thanks_yes", "thanks_no", "rank_heading", "rank_note", "rank_note_link", "rank_none",
    "rank_add_heading", "rank_add_hint", "rank_add", "rank_remove", "move_up", "move_down", "rank_keys", "moved_to",
    "rank_text", "rank_text_done", "rank_text_failed", "rank_text_title", "data_heading",
    "privacy_short", "csv_export", "csv_name", "csv_import", "csv_done", "csv_bad_rows", "csv_line",
    "csv_empty", "csv_unreadable", "wipe", "wipe_confirm", "wipe_yes", "wiped", "bad_date", "bad_choice",
    "bad_rank", "bad_yes_no", "bad_signal", "too_long", "unknown_columns",
    "site_import", "yes", "no",
)


@dataclass(frozen=True, kw_only=True)
class Tracker:
    """content/tracker.yml: the My applications page, its notes and every word it shows."""

    title: str = spec(Text(single_line=True, max_length=60), "Title of the page.")
    description: str = spec(Text(single_line=True, max_length=220), "For search results and link previews.")
    intro: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Paragraphs at the top of the page.")
    privacy: tuple[Claim, ...] = spec(
        ListOf(Record(Claim), min_items=1), "The privacy note shown above the tracker: nothing leaves the browser."
    )
    notes_heading: str = spec(Text(single_line=True, max_length=90), "Heading of the sourced notes below the tracker.")
    notes: tuple[Claim, ...] = spec(
        ListOf(Record(Claim), min_items=1), "Sourced notes: letters per program, signals, ranking in true preference."
    )
    rank_note: Claim = spec(Record(Claim), "The 'rank in your true order of preference' note, with its NRMP source.")
    settings: TrackerSettings = spec(Record(TrackerSettings), "The tracker's numbers.")
    choices: TrackerChoices = spec(Record(TrackerChoices), "The menus' options.")
    labels: dict = spec(TextMap(TRACKER_LABELS), "Every word the tracker shows.")
    last_reviewed: date = spec(Date(), "When someone last checked every note against its sources.")

    def problems(self) -> Iterator[tuple[str, str]]:
        if not self.rank_note.sources:
            yield "rank_note", "the note must cite the NRMP page it comes from"


@dataclass(frozen=True, kw_only=True)
class Content:
    """Everything the site is built from, validated and cross-checked."""

    guide: GuideConfig
    home: Home
    steps: tuple[Step, ...]
    articles: tuple[Article, ...]
    checklist: Checklist
    practice: Practice | None = None
    timeline: Timeline | None = None
    planner: Planner | None = None
    costs: Costs | None = None
    signals: Signals | None = None
    tracker: Tracker | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()
    # A hash of every file the content was read from: equal fingerprints, equal content.
    fingerprint: str = ""
    # Question id -> a hash of the whole question, made when its file was converted: the
    # build caches each question's markup and JSON by it (quizhtml.py, generate.py).
    question_digests: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def labels(self) -> Labels:
        return self.guide.labels

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

    def questions_for(self, step_id: str) -> tuple[Question, ...]:
        return self._questions_by_step.get(step_id, ())

    @functools.cached_property
    def _questions_by_step(self) -> dict[str, tuple[Question, ...]]:
        """Grouped once: pages ask for a step's questions often, and a bank can be large."""
        grouped: dict[str, list[Question]] = {}
        for question in self.questions:
            grouped.setdefault(question.step, []).append(question)
        return {step_id: tuple(questions) for step_id, questions in grouped.items()}
