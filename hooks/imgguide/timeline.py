"""The Match calendar: dates of every cycle from rules and published dates, and the latest
dates of the plan's milestones.

The same computation runs in the reader's browser (overrides/assets/javascripts/
ig-dates.js); tests/build/test_planner_dates.py checks the two agree on a grid of years.
Dates are plain calendar dates (`datetime.date`): no time zones anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Anchor, EventRule, Milestone, Timeline

# The time zones a timed event may name (models.TimelineEvent.timezone), as RFC 5545
# VTIMEZONE components: the US rules in force since 2007 (second Sunday of March to first
# Sunday of November, 2 a.m. local).
VTIMEZONES = {
    "America/New_York": (
        "BEGIN:VTIMEZONE",
        "TZID:America/New_York",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0400",
        "TZNAME:EDT",
        "DTSTART:20070311T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0500",
        "TZNAME:EST",
        "DTSTART:20071104T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ),
}


def vtimezone(zone: str) -> list[str]:
    """The VTIMEZONE lines of `zone` for an .ics file."""
    return list(VTIMEZONES[zone])


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class CycleDate:
    """One event's date in one Match cycle; `estimated` when computed from its rule."""

    event: str
    day: date
    estimated: bool
    sources: tuple[str, ...]
    confidence: str


def nth_weekday(year: int, month: int, weekday: str, nth: int) -> date:
    first = date(year, month, 1)
    offset = (WEEKDAYS.index(weekday) - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (nth - 1))


def rule_date(rule: EventRule, match_year: int, known: dict[str, date]) -> date:
    """The date `rule` gives in the cycle of `match_year` (`known` holds earlier events)."""
    if rule.after:
        return known[rule.after] + timedelta(days=rule.days)
    year = match_year + rule.year
    if rule.weekday:
        return nth_weekday(year, rule.month, rule.weekday, rule.nth)
    day = date(year, rule.month, rule.day)
    if rule.roll == "next-weekday":
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return day


def cycle_dates(timeline: Timeline, match_year: int) -> dict[str, CycleDate]:
    """Every event of the cycle, published dates first, the rest from the rules."""
    published = {}
    for cycle in timeline.cycles:
        if cycle.match == match_year:
            published = {entry.event: entry for entry in cycle.published}
    days: dict[str, date] = {}
    result: dict[str, CycleDate] = {}
    for event in timeline.ordered_events():
        entry = published.get(event.id)
        if entry:
            days[event.id] = entry.date
            result[event.id] = CycleDate(event.id, entry.date, False, entry.sources, entry.confidence)
        else:
            days[event.id] = rule_date(event.rule, match_year, days)
            result[event.id] = CycleDate(event.id, days[event.id], True, event.sources, "unverified")
    return result


@dataclass(frozen=True)
class MilestoneDates:
    milestone: str
    start_by: date | None
    finish_by: date
    tight_by: date | None
    hard_by: date | None
    earliest_start: date | None


def _anchor(anchor: Anchor | None, events: dict[str, CycleDate], finished: dict[str, date]) -> date | None:
    if anchor is None:
        return None
    base = events[anchor.event].day if anchor.event else finished[anchor.milestone]
    return base + timedelta(days=anchor.days)


def milestone_dates(timeline: Timeline, match_year: int) -> dict[str, MilestoneDates]:
    """The latest dates of every milestone in the cycle of `match_year` (no reader input)."""
    events = cycle_dates(timeline, match_year)
    finished: dict[str, date] = {}
    result: dict[str, MilestoneDates] = {}
    for milestone in timeline.ordered_milestones():
        finish_by = _anchor(milestone.finish_by, events, finished)
        finished[milestone.id] = finish_by
        result[milestone.id] = MilestoneDates(
            milestone=milestone.id,
            start_by=finish_by - timedelta(days=milestone.lead_days) if milestone.lead_days else None,
            finish_by=finish_by,
            tight_by=_anchor(milestone.tight_by, events, finished),
            hard_by=_anchor(milestone.hard_by, events, finished),
            earliest_start=events[milestone.starts].day if milestone.starts else None,
        )
    return result


def shown_day(event, found: CycleDate) -> str | None:
    """The approximate text ("early June") shown instead of an estimated date whose rule
    only gives an approximate time; None when the computed day is shown."""
    return event.expected if found.estimated and event.expected else None


def covered_years(timeline: Timeline) -> tuple[int, ...]:
    return tuple(sorted(cycle.match for cycle in timeline.cycles))


__all__ = [
    "CycleDate", "MilestoneDates", "Milestone", "cycle_dates", "milestone_dates", "nth_weekday", "covered_years",
    "shown_day", "vtimezone",
]
