"""Models -> the Markdown of every generated page.

Pages are plain Markdown (with `attr_list` and `md_in_html`), so MkDocs renders them like
hand-written ones: search indexes them, the table of contents and anchors work, and
`mkdocs build --strict` checks every internal link. Text from YAML is escaped here: it
may use Markdown, never HTML.

This module knows nothing about MkDocs; `guide_hooks.py` hands the pages to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from . import costs as estimator
from . import embed
from . import timeline as calendar
from .blobs import Blob
from .models import Article, Checklist, Claim, Content, Cost, Section, Source, Step

if TYPE_CHECKING:  # quizhtml imports this module
    from .quizhtml import QuestionMarkup

HOME_PAGE = "index.md"
CHECKLIST_PAGE = "checklist.md"
SOURCES_PAGE = "sources.md"
PRACTICE_PAGE = "practice.md"
PLANNER_PAGE = "planner.md"
COSTS_PAGE = "costs.md"
TRACKER_PAGE = "my-applications.md"


def step_page(step_id: str) -> str:
    return f"steps/{step_id}.md"


def article_page(article_id: str) -> str:
    return f"{article_id}.md"


def bank_page(step_id: str) -> str:
    return f"question-bank/{step_id}.md"


@dataclass(frozen=True)
class SiteOptions:
    """What page generation needs to know about the build besides the content."""

    use_directory_urls: bool
    question_markup: QuestionMarkup
    bank_asset: str  # path of the bank's index (JSON) under the site root

    def url_from(self, page: str, target_page: str) -> str:
        """The URL of `target_page` (a .md path) as seen from `page`, for use in data."""
        return embed.url_from(page, embed.page_url(target_page, self.use_directory_urls), self.use_directory_urls)


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: its path under docs/, title, Markdown and cited sources.

    `html_slots` maps markers in the Markdown to HTML that replaces them once MkDocs
    has converted the Markdown: large blocks of ready-made markup (the questions) skip the
    Markdown parser, which is slow on raw HTML, and come out exactly as rendered. Markup
    given as a Blob (a question-bank page's list) is not even handed to the engine: the
    written page keeps the marker and the hooks splice the blob in (`deferred_slots`,
    blobs.splice).
    """

    src_uri: str
    title: str
    markdown: str
    cited: tuple[str, ...] = ()
    html_slots: dict[str, str | Blob] = field(default_factory=dict)

    def fill_slots(self, html: str) -> str:
        """`html` with every slot of text markup filled (blob slots keep their marker)."""
        for marker, markup in self.html_slots.items():
            if isinstance(markup, str):
                html = html.replace(marker, markup, 1)
        return html

    def deferred_slots(self) -> list[tuple[tuple[str, ...], Blob]]:
        """The blob slots, each as (its markers, the one wrapped in <p> first; its blob)."""
        markers: dict[int, list[str]] = {}
        found: dict[int, Blob] = {}
        for marker, markup in self.html_slots.items():
            if isinstance(markup, Blob):
                markers.setdefault(id(markup), []).append(marker)
                found[id(markup)] = markup
        return [(tuple(markers[key]), found[key]) for key in markers]

    def blobs(self) -> list[Blob]:
        return [markup for markup in self.html_slots.values() if isinstance(markup, Blob)]

    def standalone_markdown(self) -> str:
        """The Markdown with the slots' markup written in place, for an engine that runs no
        hooks (`imgguide generate`): Markdown passes a block of raw HTML through as it is."""
        markdown = self.markdown
        for marker, markup in self.html_slots.items():
            if not marker.startswith("<p>"):
                markdown = markdown.replace(marker, markup if isinstance(markup, str) else markup.read(), 1)
        return markdown


def escape_text(text: str) -> str:
    """Make YAML text safe to embed in Markdown: HTML is shown as text, never parsed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    """A value safe inside an attr_list attribute (`{ title="..." }`)."""
    return escape_text(text).replace('"', "&quot;").replace("{", "(").replace("}", ")")


def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link target from one generated page to another (MkDocs resolves .md links)."""
    depth = from_page.count("/")
    return "../" * depth + to_page


long_date = embed.long_date


class PageWriter:
    """Builds one page's Markdown, numbering its sources (official first) as it goes."""

    def __init__(self, content: Content, src_uri: str, cited: tuple[str, ...]) -> None:
        self.content = content
        self.labels = content.labels
        self.src_uri = src_uri
        registry = content.sources
        order = {source_id: index for index, source_id in enumerate(cited)}
        ranked = sorted(cited, key=lambda source_id: (not registry[source_id].official, order[source_id]))
        self.numbers = {source_id: number for number, source_id in enumerate(ranked, start=1)}
        self.lines: list[str] = []
        self.slots: dict[str, str | Blob] = {}

    def link(self, to_page: str) -> str:
        return relative_link(self.src_uri, to_page)

    # -- pieces ---------------------------------------------------------------------------

    def citations(self, source_ids: tuple[str, ...]) -> str:
        links = []
        for source_id in sorted(source_ids, key=lambda s: self.numbers[s]):
            source = self.content.sources[source_id]
            number = self.numbers[source_id]
            label = f"{self.labels.source_link} {number}: {source.publisher}, {source.title}"
            links.append(f'[{number}](#source-{source_id}){{ aria-label="{_attr(label)}" title="{_attr(label)}" }}')
        if not links:
            return ""
        return ' <sup class="ig-cite">' + ", ".join(links) + "</sup>"

    def badge(self, confidence: str) -> str:
        if confidence == "verified":
            return ""
        text = self.labels.confirm if confidence == "confirm" else self.labels.unverified
        return f' <span class="ig-badge ig-badge--{confidence}">{escape_text(text)}</span>'

    def claim(self, claim: Claim) -> str:
        """A claim as one line of Markdown: its text, citations and confidence tag."""
        return escape_text(claim.text) + self.citations(claim.sources) + self.badge(claim.confidence)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def html_block(self, markup: str | Blob) -> None:
        """Place `markup` here, bypassing Markdown (see `GeneratedPage.html_slots`)."""
        marker = f'<div class="ig-slot" data-ig-slot="{len(self.slots)}"></div>'
        self.slots[f"<p>{marker}</p>"] = markup
        self.slots[marker] = markup
        self.add(marker, "")

    def front_matter(self, title: str, description: str, exclude_from_search: bool = False) -> None:
        """Title and description, escaped: the theme prints both without escaping."""
        self.add("---", f"title: {json.dumps(escape_text(title))}", f"description: {json.dumps(_attr(description))}")
        if exclude_from_search:
            self.add("search:", "  exclude: true")
        self.add("---", "")

    def heading(self, level: int, text: str, anchor: str | None = None) -> None:
        suffix = f" {{ #{anchor} }}" if anchor else ""
        self.add(f"{'#' * level} {escape_text(text)}{suffix}", "")

    def paragraphs(self, claims: tuple[Claim, ...]) -> None:
        for claim in claims:
            self.add(self.claim(claim), "")

    def bullets(self, claims: tuple[Claim, ...], ordered: bool = False) -> None:
        for number, claim in enumerate(claims, start=1):
            marker = f"{number}." if ordered else "-"
            self.add(f"{marker} {self.claim(claim)}")
        self.add("")

    def section(self, section: Section, level: int = 2) -> None:
        self.heading(level, section.heading, section.id)
        self.paragraphs(section.paragraphs)
        if section.bullets:
            self.bullets(section.bullets)
        if section.costs:
            self.cost_table(section.costs)

    def cost_table(self, costs: tuple[Cost, ...]) -> None:
        labels = self.labels
        self.add(
            f"| {escape_text(labels.cost_item)} | {escape_text(labels.cost_amount)} "
            f"| {escape_text(labels.cost_applies_to)} | {escape_text(labels.cost_sources)} |",
            "| --- | --- | --- | --- |",
        )
        for cost in costs:
            cells = [
                escape_text(cost.item),
                escape_text(cost.amount) + self.badge(cost.confidence),
                escape_text(cost.applies_to),
                self.citations(cost.sources).strip(),
            ]
            self.add("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        self.add("")

    def sources_list(self) -> None:
        if not self.numbers:
            return
        labels = self.labels
        self.heading(2, labels.sources, "sources")
        self.add('<div class="ig-sources" markdown>', "")
        for source_id, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            source = self.content.sources[source_id]
            self.add(f"{number}. {self.source_entry(source)}", f"   {{ #source-{source_id} }}")
        self.add("", "</div>", "")

    def source_entry(self, source: Source) -> str:
        labels = self.labels
        kind = labels.official_source if source.official else labels.other_source
        css = "official" if source.official else "other"
        entry = (
            f"**{escape_text(source.publisher)}**: [{escape_text(source.title)}]({source.url})"
            f' <span class="ig-source-kind ig-source-kind--{css}">{escape_text(kind)}</span>'
        )
        if source.note:
            entry += f" ({escape_text(source.note)})"
        entry += (
            f'; {escape_text(labels.source_checked)} '
            f'<time datetime="{source.checked.isoformat()}">{long_date(source.checked)}</time>'
        )
        return entry

    def reviewed(self, day: date) -> None:
        self.add(
            f'{escape_text(self.labels.last_reviewed)} <time datetime="{day.isoformat()}">{long_date(day)}</time>',
            "{ .ig-reviewed }",
            "",
        )

    def page(self, title: str) -> GeneratedPage:
        markdown = "\n".join(self.lines).rstrip() + "\n"
        return GeneratedPage(self.src_uri, title, markdown, tuple(self.numbers), dict(self.slots))


def step_heading(content: Content, step: Step) -> str:
    return f"{content.labels.step} {step.number}: {step.title}"


def render_step(content: Content, step: Step, site: SiteOptions | None = None) -> GeneratedPage:
    src_uri = step_page(step.id)
    labels = content.labels
    page = PageWriter(content, src_uri, step.source_ids())
    page.front_matter(step_heading(content, step), step.summary)
    page.heading(1, step_heading(content, step))
    page.add(escape_text(step.summary), "{ .ig-lead }", "")
    page.add(
        f'<p class="ig-step-timing"><strong>{escape_text(labels.typical_timing)}</strong> '
        f"{escape_text(step.timing.summary)}</p>",
        "",
    )
    page.heading(2, labels.what_it_is, "what-it-is")
    page.paragraphs(step.what_it_is)
    page.heading(2, labels.why_it_matters, "why-it-matters")
    page.paragraphs(step.why_it_matters)
    page.heading(2, labels.actions, "what-to-do")
    page.bullets(step.actions, ordered=True)
    page.heading(2, labels.requirements, "requirements")
    page.bullets(step.requirements)
    for section in step.sections:
        page.section(section)
    page.heading(2, labels.timing, "timing")
    page.paragraphs(step.timing.details)
    page.heading(2, labels.costs, "costs")
    if step.costs:
        page.cost_table(step.costs)
    else:
        page.add(escape_text(labels.no_costs), "")
    page.heading(2, labels.pitfalls, "pitfalls")
    page.bullets(step.pitfalls)
    if site:
        _practice_block(content, step, page, site)
    page.sources_list()
    page.reviewed(step.last_reviewed)
    _step_pager(content, step, page)
    return page.page(step_heading(content, step))


def _practice_block(content: Content, step: Step, page: PageWriter, site: SiteOptions) -> None:
    """The step's first questions, answerable in place, and links to all of them."""
    questions = content.questions_for(step.id)
    if not questions or content.practice is None:
        return
    practice = content.practice
    shown = questions[: practice.settings.questions_per_step_page]
    labels = practice.labels
    page.heading(2, labels["practice_heading"], "practice")
    page.add(escape_text(labels["practice_intro"]), "")
    page.html_block(_quiz_section_start(content) + site.question_markup.render(shown, page.src_uri) + "</section>")
    page.add(
        f"[{escape_text(labels['more_on_step'])}]({page.link(PRACTICE_PAGE)}?steps={step.id})"
        "{ .md-button .ig-practice-block__more }",
        f"[{escape_text(labels['all_on_step'])} ({len(questions)})]({page.link(bank_page(step.id))})"
        "{ .ig-practice-block__all }",
        "",
    )


def _quiz_section_start(content: Content) -> str:
    """Opening tag of a block of questions, kept out of the search index.

    A <section>, because Material's search parser compares excluded elements by tag name
    only: a <div data-search-exclude> stops being excluded at the first nested </div>.
    """
    payload = embed.attribute_json(embed.quiz_payload(content))
    return f"<section class=\"ig-practice-block\" data-ig-quiz='{payload}' data-search-exclude>"


def _step_pager(content: Content, step: Step, page: PageWriter) -> None:
    labels = content.labels
    index = step.number - 1
    links = []
    if index > 0:
        previous = content.steps[index - 1]
        links.append(
            f"[{escape_text(labels.previous_step)}: {escape_text(step_heading(content, previous))}]"
            f'({page.link(step_page(previous.id))}){{ .ig-pager__link .ig-pager__link--prev rel="prev" }}'
        )
    if index + 1 < len(content.steps):
        following = content.steps[index + 1]
        links.append(
            f"[{escape_text(labels.next_step)}: {escape_text(step_heading(content, following))}]"
            f'({page.link(step_page(following.id))}){{ .ig-pager__link .ig-pager__link--next rel="next" }}'
        )
    page.add(f'<nav class="ig-pager" aria-label="{_attr(labels.step_pager)}" markdown>', "", *links, "", "</nav>", "")


def render_home(content: Content, site: SiteOptions | None = None) -> GeneratedPage:
    home = content.home
    labels = content.labels
    page = PageWriter(content, HOME_PAGE, home.source_ids())
    page.front_matter(home.title, home.description)
    page.heading(1, home.title)
    page.paragraphs(home.lead)
    if site and content.practice and content.questions:
        # One line, filled from the reader's saved progress: how many questions are due today.
        # Its link text is there before JavaScript runs and the line never wraps (no shift).
        url = site.url_from(HOME_PAGE, PRACTICE_PAGE)
        due = embed.due_payload(content, url)
        page.html_block(
            f"<p class=\"ig-due-line\" data-ig-due='{embed.attribute_json(due)}'>"
            f'<a href="{escape_text(url)}">{escape_text(content.practice.labels["practice_heading"])}</a></p>'
        )
    if home.changes:
        page.section(home.changes)
    page.section(home.bottom_line)
    page.section(home.duration)
    page.heading(2, home.pipeline.heading, "pipeline")
    page.add(escape_text(home.pipeline.intro), "")
    page.add('<div class="ig-pipeline" markdown>', "")
    for step in content.steps:
        page.add(
            f"{step.number}.  [{escape_text(step_heading(content, step))}]({page.link(step_page(step.id))})",
            "    { .ig-pipeline__title }",
            "",
            f"    **{escape_text(labels.typical_timing)}** {escape_text(step.timing.summary)}",
            "    { .ig-pipeline__timing }",
            "",
            f"    {escape_text(step.summary)}",
            "",
        )
    page.add("</div>", "")
    if home.guides and content.articles:
        page.heading(2, home.guides.heading, "guides")
        page.add(escape_text(home.guides.intro), "")
        for article in content.articles:
            page.add(
                f"- [{escape_text(article.title)}]({page.link(article_page(article.id))}): "
                f"{escape_text(article.description)}"
            )
        page.add("")
    page.sources_list()
    page.reviewed(home.last_reviewed)
    return page.page(home.title)


def render_article(content: Content, article: Article) -> GeneratedPage:
    src_uri = article_page(article.id)
    page = PageWriter(content, src_uri, article.source_ids())
    page.front_matter(article.title, article.description)
    page.heading(1, article.title)
    page.paragraphs(article.lead)
    for section in article.sections:
        page.section(section)
    page.sources_list()
    page.reviewed(article.last_reviewed)
    return page.page(article.title)


def render_checklist(content: Content, site: SiteOptions | None = None) -> GeneratedPage:
    checklist: Checklist = content.checklist
    labels = content.labels
    cited = _cited((*checklist.intro, *checklist.items))
    page = PageWriter(content, CHECKLIST_PAGE, cited)
    page.front_matter(checklist.title, checklist.description)
    page.heading(1, checklist.title)
    page.paragraphs(checklist.intro)
    if site and content.planner:
        payload = {
            "v": 1,
            "items": [item.id for item in checklist.items],
            "labels": {
                name: text for name, text in content.planner.labels.items()
                if name.startswith(("checklist_", "storage_")) or name == "cancel"
            },
            "planner": site.url_from(CHECKLIST_PAGE, PLANNER_PAGE),
        }
        page.add(
            f"<div class=\"ig-checklist\" data-ig-checklist='{embed.attribute_json(payload)}'"
            f"{embed.scripts_attribute('checklist')} markdown>",
            "",
        )
    else:
        page.add('<div class="ig-checklist" markdown>', "")
    for item in checklist.items:
        step = content.step(item.step)
        page.add(
            f"- {page.claim(item)}",
            f'  <span class="ig-checklist__step">{escape_text(labels.covered_in)} '
            f"[{escape_text(step_heading(content, step))}]({page.link(step_page(step.id))})</span>",
            f"  {{ #item-{item.id} }}",
        )
    page.add("", "</div>", "")
    page.sources_list()
    page.reviewed(checklist.last_reviewed)
    return page.page(checklist.title)


def render_planner(content: Content, site: SiteOptions) -> GeneratedPage:
    """The Planner: the interactive plan (JavaScript) and, for everyone, the calendar of
    every covered cycle with each milestone's latest dates, computed at build time."""
    planner = content.planner
    timeline = content.timeline
    labels = planner.labels
    cited = _cited(planner.intro) + tuple(
        source for item in (*timeline.events, *timeline.milestones) for source in item.sources
    ) + tuple(source for cycle in timeline.cycles for entry in cycle.published for source in entry.sources)
    page = PageWriter(content, PLANNER_PAGE, tuple(dict.fromkeys(cited)))
    page.front_matter(planner.title, planner.description)
    page.heading(1, planner.title)
    page.paragraphs(planner.intro)
    payload = {
        "v": 1,
        "timeline": embed.timeline_data(content),
        "labels": labels,
        "steps": {
            step.id: {"title": step_heading(content, step), "url": site.url_from(PLANNER_PAGE, step_page(step.id))}
            for step in content.steps
        },
        "years": list(calendar.covered_years(timeline)),
    }
    page.add(
        f"<section class=\"ig-planner\" data-ig-planner='{embed.attribute_json(payload)}'"
        f"{embed.scripts_attribute('planner')} data-search-exclude>",
        "</section>",
        "",
    )
    page.add('<div class="ig-planner__static" markdown>', "")
    page.heading(2, planner.static_heading, "calendar")
    page.add(escape_text(planner.static_intro), "")
    steps = {step.id: step for step in content.steps}
    titles = {event.id: event for event in timeline.events}

    def cell(label: str, text: str) -> str:
        # On a phone the table stacks into one block per row; the label names each cell.
        return f'<span class="ig-cell-label">{escape_text(label)}: </span>{text}'

    for year in calendar.covered_years(timeline):
        events = calendar.cycle_dates(timeline, year)
        page.add('<details class="ig-planner__year" markdown>',
                 f"<summary>{escape_text(labels['calendar_show'])}: "
                 f"{escape_text(labels['key_dates'])} {year} {escape_text(labels['match'])}</summary>", "")
        page.heading(3, f"{labels['key_dates']} {year} {labels['match']}", f"key-dates-{year}")
        page.add(
            f"| {escape_text(labels['event'])} | {escape_text(labels['date'])} | {escape_text(labels['source'])} |",
            "| --- | --- | --- |",
        )
        for found in sorted(events.values(), key=lambda found: found.day):
            event = titles[found.event]
            approximate = calendar.shown_day(event, found)
            if approximate:
                when = f"{escape_text(approximate)} ({escape_text(labels['expected_date'])})"
            else:
                kind = labels["estimated"] if found.estimated else labels["published"]
                when = f"{_long_day(found.day)} ({escape_text(kind)})"
            badge = page.badge("unverified") if found.estimated else page.badge(found.confidence)
            page.add(
                f"| {escape_text(event.title)} | {cell(labels['date'], when + badge)} "
                f"| {cell(labels['source'], page.citations(found.sources).strip())} |"
            )
        page.add("")
        latest = calendar.milestone_dates(timeline, year)
        page.add(
            f"| {escape_text(labels['milestone'])} | {escape_text(labels['finish_by'])} "
            f"| {escape_text(labels['latest'])} | {escape_text(labels['why'])} |",
            "| --- | --- | --- | --- |",
        )
        for milestone in timeline.milestones:
            dates = latest[milestone.id]
            step = steps[milestone.step]
            title = f"[{escape_text(milestone.title)}]({page.link(step_page(step.id))})"
            why = escape_text(" ".join(milestone.why.split())) + page.citations(milestone.sources)
            if milestone.typical:
                why += f" ({escape_text(labels['typical'])})"
            why += page.badge(milestone.confidence)
            why += f" {escape_text(labels['hard_reason'])} {escape_text(' '.join(milestone.hard_why.split()))}"
            page.add(
                f"| {title} | {cell(labels['finish_by'], _long_day(dates.finish_by))} "
                f"| {cell(labels['latest'], _long_day(dates.hard_by))} | {cell(labels['why'], why)} |"
            )
        page.add("", "</details>", "")
    page.add("</div>", "")
    page.sources_list()
    return page.page(planner.title)


def render_costs(content: Content, site: SiteOptions) -> GeneratedPage:
    """The Costs page: the estimator (see costs.py), showing the default scenario without
    JavaScript, then its sources."""
    costs = content.costs
    page = PageWriter(content, COSTS_PAGE, estimator.cited(costs))
    page.front_matter(costs.title, costs.description)
    page.heading(1, costs.title)
    page.paragraphs(costs.intro)
    cite = {
        source_id: (number, f"{content.labels.source_link} {number}: {content.sources[source_id].publisher}, "
                            f"{content.sources[source_id].title}")
        for source_id, number in page.numbers.items()
    }
    step_urls = {step.id: site.url_from(COSTS_PAGE, step_page(step.id)) for step in content.steps}
    payload = {**estimator.data(costs), "cite": cite, "steps": step_urls}
    page.html_block(estimator.widget_html(costs, cite, step_urls, embed.attribute_json(payload)))
    page.sources_list()
    page.reviewed(costs.last_reviewed)
    return page.page(costs.title)


def tracker_payload(content: Content, site: SiteOptions, cite: dict[str, tuple[int, str]]) -> dict:
    """What ig-tracker.js reads: words, menus, numbers, signal allotments by season and, when
    the cost estimator exists, its data (the fees are computed by IG.costs, never here)."""
    tracker, signals = content.tracker, content.signals
    settings = tracker.settings
    by_season: dict[str, dict] = {}
    for season in signals.seasons:
        by_season[str(season.season)] = {
            allotment.specialty: {
                "tiers": [{"id": t.id, "label": t.label, "count": t.count} for t in allotment.tiers],
                "sources": list(allotment.sources),
                "confidence": allotment.confidence,
            }
            for allotment in season.allotments
        }
    check = content.sources[signals.check_source]
    return {
        "v": 1,
        "labels": tracker.labels,
        "settings": {
            "letters": settings.letters_per_program,
            "seasons": list(settings.seasons),
            "defaultSeason": settings.default_season,
            "maxText": settings.max_text_length,
            "erasItems": list(settings.eras_cost_items),
            "nrmpItems": list(settings.nrmp_cost_items),
        },
        "choices": {
            group: [{"id": choice.id, "label": choice.label} for choice in getattr(tracker.choices, group)]
            for group in ("type", "visa", "status", "mode")
        },
        "specialties": [{"id": s.id, "name": s.name} for s in signals.specialties],
        "signals": by_season,
        "check": {"url": check.url, "title": f"{check.publisher}: {check.title}"},
        "cite": cite,
        "costs": estimator.data(content.costs) if content.costs else None,
        "costsUrl": site.url_from(TRACKER_PAGE, COSTS_PAGE) if content.costs else "",
    }


def render_tracker(content: Content, site: SiteOptions) -> GeneratedPage:
    """My applications: the private tracker (JavaScript only: the data lives in the reader's
    browser), its privacy note, and its sourced notes for everyone."""
    tracker, signals = content.tracker, content.signals
    claims = (*tracker.intro, *tracker.privacy, *tracker.notes, tracker.rank_note)
    allotment_sources = tuple(
        source for season in signals.seasons for allotment in season.allotments for source in allotment.sources
    )
    cost_sources: tuple[str, ...] = ()
    if content.costs:
        wanted = {*tracker.settings.eras_cost_items, *tracker.settings.nrmp_cost_items}
        cost_sources = tuple(source for item in content.costs.items if item.id in wanted for source in item.sources)
    cited = tuple(dict.fromkeys((*_cited(claims), *allotment_sources, signals.check_source, *cost_sources)))
    page = PageWriter(content, TRACKER_PAGE, cited)
    page.front_matter(tracker.title, tracker.description)
    # The programs table needs the width: no table of contents beside it.
    page.lines[page.lines.index("---", 1):page.lines.index("---", 1)] = ["hide:", "  - toc"]
    page.heading(1, tracker.title)
    page.paragraphs(tracker.intro)
    page.add('<div class="ig-tracker__privacy" markdown>', "")
    page.paragraphs(tracker.privacy)
    page.add("</div>", "")
    cite = {
        source_id: (number, f"{content.labels.source_link} {number}: {content.sources[source_id].publisher}, "
                            f"{content.sources[source_id].title}")
        for source_id, number in page.numbers.items()
    }
    payload = embed.attribute_json(tracker_payload(content, site, cite))
    page.html_block(
        f"<section class=\"ig-tracker\" data-ig-tracker='{payload}'{embed.scripts_attribute('tracker')}"
        " data-search-exclude>"
        f'<p class="ig-tracker__noscript">{escape_text(tracker.labels["noscript"])}</p></section>'
    )
    page.heading(2, tracker.notes_heading, "good-to-know")
    page.bullets(tracker.notes)
    page.add(page.claim(tracker.rank_note), "{ #rank-note .ig-tracker__rank-note }", "")
    page.sources_list()
    page.reviewed(max(tracker.last_reviewed, signals.last_reviewed))
    return page.page(tracker.title)


def _long_day(day: date) -> str:
    return f"{day.strftime('%a')} {long_date(day)}"


def render_practice(content: Content, site: SiteOptions) -> GeneratedPage:
    """The Practice page: the block builder (JavaScript) and links to every bank page."""
    practice = content.practice
    labels = practice.labels
    page = PageWriter(content, PRACTICE_PAGE, _cited(practice.intro))
    page.front_matter(practice.title, practice.description)
    page.heading(1, practice.title)
    page.paragraphs(practice.intro)
    payload = embed.practice_payload(
        content,
        bank_url=embed.url_from(PRACTICE_PAGE, site.bank_asset, site.use_directory_urls),
        step_urls={step.id: site.url_from(PRACTICE_PAGE, step_page(step.id)) for step in content.steps},
        bank_page_urls={step.id: site.url_from(PRACTICE_PAGE, bank_page(step.id)) for step in content.steps},
        step_headings={step.id: step_heading(content, step) for step in content.steps},
    )
    if content.tracker:  # the progress file also carries My applications (ig-tracker.js)
        payload["applications"] = content.tracker.labels["site_import"]
    # The question <template> is the markup every question on this page is copied from.
    page.html_block(
        f"<section class=\"ig-practice\" data-ig-practice='{embed.attribute_json(payload)}'"
        f"{embed.scripts_attribute('practice')} data-search-exclude>"
        f'<p class="ig-practice__status" role="status">{escape_text(labels["noscript"])}</p>'
        + site.question_markup.template()
        + "</section>"
    )
    page.heading(2, practice.bank_title, "question-bank")
    for step in content.steps:
        count = len(content.questions_for(step.id))
        if count:
            page.add(f"- [{escape_text(step_heading(content, step))}]({page.link(bank_page(step.id))}) ({count})")
    page.add("")
    page.sources_list()
    return page.page(practice.title)


def render_bank_page(content: Content, step: Step, site: SiteOptions) -> GeneratedPage:
    """Every question of one step, readable without JavaScript, answerable with it."""
    practice = content.practice
    src_uri = bank_page(step.id)
    page = PageWriter(content, src_uri, ())
    title = f"{practice.bank_title}: {step.title}"
    page.front_matter(title, practice.bank_intro, exclude_from_search=True)
    page.heading(1, title)
    page.add(escape_text(practice.bank_intro), "")
    page.add(
        f"[{escape_text(step_heading(content, step))}]({page.link(step_page(step.id))}) · "
        f"[{escape_text(practice.labels['more_on_step'])}]({page.link(PRACTICE_PAGE)}?steps={step.id})",
        "",
    )
    # A blob: with thousands of questions the list is megabytes, spliced into the written page.
    page.html_block(site.question_markup.render_blob(
        content.questions_for(step.id), src_uri, before=_quiz_section_start(content), after="</section>",
    ))
    return page.page(title)


def render_sources(content: Content, pages: list[GeneratedPage]) -> GeneratedPage:
    """Every source with the pages that cite it: official sources first, then by publisher."""
    labels = content.labels
    page = PageWriter(content, SOURCES_PAGE, ())
    page.front_matter(labels.all_sources_title, labels.all_sources_intro)
    page.heading(1, labels.all_sources_title)
    page.add(escape_text(labels.all_sources_intro), "")
    ranked = sorted(content.sources.values(), key=lambda s: (not s.official, s.publisher.lower(), s.title.lower()))
    for source in ranked:
        links = ", ".join(
            f"[{escape_text(citing.title)}]({page.link(citing.src_uri)})"
            for citing in pages
            if source.id in citing.cited
        )
        page.add(f"- {page.source_entry(source)}", f"  {{ #source-{source.id} }}", "")
        if links:
            page.add(f"    {escape_text(labels.cited_on)} {links}", "")
    return page.page(labels.all_sources_title)


def _cited(claims: tuple) -> tuple[str, ...]:
    ordered: dict[str, None] = {}
    for claim in claims:
        ordered.update(dict.fromkeys(claim.sources))
    return tuple(ordered)


def render_site(content: Content, site: SiteOptions | None = None) -> list[GeneratedPage]:
    """All generated pages, in navigation order (question-bank pages last)."""
    pages = [
        render_home(content, site),
        *(render_step(content, step, site) for step in content.steps),
        *(render_article(content, article) for article in content.articles),
        render_checklist(content, site),
    ]
    if site and content.planner and content.timeline:
        pages.append(render_planner(content, site))
    if site and content.costs:
        pages.append(render_costs(content, site))
    if site and content.tracker and content.signals:
        pages.append(render_tracker(content, site))
    if site and content.practice:
        pages.append(render_practice(content, site))
    pages.append(render_sources(content, pages))
    if site and content.practice:
        pages.extend(
            render_bank_page(content, step, site) for step in content.steps if content.questions_for(step.id)
        )
    return pages


def navigation(content: Content) -> list:
    """The `nav` for mkdocs.yml, derived from the content (order from content/guide.yml)."""
    steps = [{escape_text(f"{step.number}. {step.title}"): step_page(step.id)} for step in content.steps]
    guides = [{escape_text(article.title): article_page(article.id)} for article in content.articles]
    tools = [
        {escape_text(content.checklist.title): CHECKLIST_PAGE},
        *([{escape_text(content.planner.title): PLANNER_PAGE}] if content.planner and content.timeline else []),
        *([{escape_text(content.costs.title): COSTS_PAGE}] if content.costs else []),
        *([{escape_text(content.tracker.title): TRACKER_PAGE}] if content.tracker and content.signals else []),
        *([{escape_text(content.practice.title): PRACTICE_PAGE}] if content.practice else []),
    ]
    return [
        {escape_text(content.labels.home): HOME_PAGE},
        {escape_text(content.labels.pathway): steps},
        *([{escape_text(content.labels.guides): guides}] if guides else []),
        {escape_text(content.labels.tools): tools},
        {escape_text(content.labels.all_sources_title): SOURCES_PAGE},
    ]
