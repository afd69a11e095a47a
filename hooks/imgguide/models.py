"""The guide's content as immutable models, with each field's type and help text.

A field declared with `spec(...)` is read from YAML (see `fields.Record`); its `doc`
becomes the description editors show from the generated JSON Schema. Fields without
`spec` are filled in by the loader (the step number, for example).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .fields import Boolean, Choice, Date, HttpsUrl, Id, ListOf, Record, Ref, Text, spec

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


def sourcing_problems(text: str, sources: tuple[str, ...], confidence: str) -> Iterator[tuple[str, str]]:
    """Rules every sourced statement follows (claims, checklist items)."""
    if sources:
        return
    if _NEEDS_SOURCE.search(text):
        yield "sources", "the text has a fee, percentage, year or date: cite at least one source"
    elif confidence != "verified":
        yield "sources", f"a '{confidence}' claim must cite the source readers should check"


@dataclass(frozen=True, kw_only=True)
class Source:
    """A page a claim rests on. Official sources (ECFMG/Intealth, USMLE, NRMP, AAMC, the
    State Department, USCIS) are listed first wherever sources are shown."""

    id: str = spec(Id(), "Stable id used by claims, e.g. 'ecfmg-requirements'.")
    publisher: str = spec(Text(single_line=True), "Organisation that publishes the page, e.g. 'ECFMG'.")
    title: str = spec(Text(single_line=True), "The page's own title.")
    url: str = spec(HttpsUrl(), "Address of the page (https only).")
    official: bool = spec(Boolean(), "true if the publisher is the body that sets the rule.")
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

    def problems(self) -> Iterator[tuple[str, str]]:
        return sourcing_problems(self.text, self.sources, self.confidence)


@dataclass(frozen=True, kw_only=True)
class Cost:
    """A fee or cost, always with the cycle or season it applies to."""

    item: str = spec(Text(single_line=True), "What is paid for.")
    amount: str = spec(Text(single_line=True), "The amount as printed, e.g. '$11 per program (programs 1-30)'.")
    applies_to: str = spec(Text(single_line=True), "The cycle or season the amount is for, e.g. 'ERAS 2026 season'.")
    sources: tuple[str, ...] = spec(ListOf(Ref("source"), min_items=1, unique=True), "Ids from content/sources.yml.")
    confidence: str = spec(CONFIDENCE, CONFIDENCE_DOC, default="verified")


@dataclass(frozen=True, kw_only=True)
class Timing:
    """When a step happens relative to the Match cycle."""

    summary: str = spec(Text(max_length=90, single_line=True), "A few words for the overview card.")
    details: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "The timing, explained.")


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of the pathway: content/steps/<id>.yml; the file name must equal the id."""

    id: str = spec(Id(), "Stable id; also the page address steps/<id>/. Never reuse or rename casually.")
    title: str = spec(Text(single_line=True, max_length=60), "Page title, e.g. 'ECFMG certification'.")
    summary: str = spec(Text(single_line=True, max_length=220), "One or two sentences: the overview card and page description.")
    timing: Timing = spec(Record(Timing), "When this step happens.")
    what_it_is: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What the step is.")
    why_it_matters: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Why it matters.")
    actions: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What to do, in order.")
    requirements: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "What is required.")
    costs: tuple[Cost, ...] = spec(ListOf(Record(Cost)), "Known costs, each with its cycle.", default=())
    pitfalls: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Common mistakes.")
    last_reviewed: date = spec(Date(), "When someone last checked every claim against its sources.")
    number: int = 0  # position in the pathway, from content/guide.yml (not written in YAML)

    def problems(self) -> Iterator[tuple[str, str]]:
        for name, text in (("summary", self.summary), ("timing.summary", self.timing.summary)):
            if _NEEDS_SOURCE.search(text):
                yield name, "keep fees, percentages and dates out of summaries (they have no sources); put them in a claim"

    def claims(self) -> tuple[Claim, ...]:
        """Every claim on the page, in reading order."""
        return (
            *self.what_it_is, *self.why_it_matters, *self.actions, *self.requirements,
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
class Section:
    """A headed part of a page: paragraphs, then an optional bullet list."""

    id: str = spec(Id(), "Stable anchor for links, e.g. 'why-late-starts-cost-a-year'.")
    heading: str = spec(Text(single_line=True, max_length=90), "The section heading.")
    paragraphs: tuple[Claim, ...] = spec(ListOf(Record(Claim)), "Paragraphs.", default=())
    bullets: tuple[Claim, ...] = spec(ListOf(Record(Claim)), "Bullet points after the paragraphs.", default=())

    def claims(self) -> tuple[Claim, ...]:
        return (*self.paragraphs, *self.bullets)

    def problems(self) -> Iterator[tuple[str, str]]:
        if not self.claims():
            yield "", "a section needs at least one paragraph or bullet"


@dataclass(frozen=True, kw_only=True)
class Article:
    """A page of prose: content/pages/<id>.yml becomes <id>/ on the site."""

    id: str = spec(Id(), "Stable id; also the page address. Must equal the file name.")
    title: str = spec(Text(single_line=True, max_length=60), "Page title.")
    description: str = spec(Text(single_line=True, max_length=220), "One or two sentences for search results and link previews.")
    lead: tuple[Claim, ...] = spec(ListOf(Record(Claim), min_items=1), "Opening paragraphs.")
    sections: tuple[Section, ...] = spec(ListOf(Record(Section), min_items=1), "The page's sections.")
    last_reviewed: date = spec(Date(), "When someone last checked every claim.")

    def claims(self) -> tuple[Claim, ...]:
        return (*self.lead, *(claim for section in self.sections for claim in section.claims()))


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
    bottom_line: Section = spec(Record(Section), "The bottom line, shown first.")
    duration: Section = spec(Record(Section), "How long the pathway takes.")
    pipeline: PipelineIntro = spec(Record(PipelineIntro), "Introduces the overview of the steps.")
    last_reviewed: date = spec(Date(), "When someone last checked every claim.")

    def claims(self) -> tuple[Claim, ...]:
        return (*self.lead, *self.bottom_line.claims(), *self.duration.claims())


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
class Labels:
    """Words the templates and generated pages show, kept with the content."""

    disclaimer: str = spec(Text(single_line=True), "Shown at the top of every page (plain text).")
    home: str = spec(Text(single_line=True), "Navigation name of the home page.")
    pathway: str = spec(Text(single_line=True), "Navigation heading for the steps.")
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


@dataclass(frozen=True, kw_only=True)
class GuideConfig:
    """content/guide.yml: the order of the steps and the shared labels."""

    steps: tuple[str, ...] = spec(ListOf(Ref("step"), min_items=1, unique=True), "Step ids in pathway order.")
    pages: tuple[str, ...] = spec(ListOf(Ref("page"), unique=True), "Article ids (content/pages/) in navigation order.", default=())
    labels: Labels = spec(Record(Labels), "Shared words.")


@dataclass(frozen=True, kw_only=True)
class Content:
    """Everything the site is built from, validated and cross-checked."""

    guide: GuideConfig
    home: Home
    steps: tuple[Step, ...]
    articles: tuple[Article, ...]
    checklist: Checklist
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def labels(self) -> Labels:
        return self.guide.labels

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)
