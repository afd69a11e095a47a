"""The Planner page as built, and the promise that the browser's date logic
(ig-dates.js) and the build's (timeline.py) never disagree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from imgguide import embed
from imgguide.timeline import covered_years, cycle_dates, milestone_dates, shown_day
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite

CONTENT = load_content(PROJECT)
DATES_JS = PROJECT / "overrides/assets/javascripts/ig-dates.js"


def long_day(day: date) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%B')} {day.year}"


def test_without_javascript_the_page_shows_every_covered_cycle_with_its_dates(built_site: BuiltSite):
    html = built_site.page("planner/index.html")
    for year in covered_years(CONTENT.timeline):
        section = html[html.index(f'id="key-dates-{year}"'):]
        events = {event.id: event for event in CONTENT.timeline.events}
        for found in cycle_dates(CONTENT.timeline, year).values():
            approximate = shown_day(events[found.event], found)
            assert (f"{approximate} (expected)" if approximate else long_day(found.day)) in section, (year, found.event)
        for milestone_id, dates in milestone_dates(CONTENT.timeline, year).items():
            assert long_day(dates.finish_by) in section, (year, milestone_id)
            assert long_day(dates.hard_by) in section, (year, milestone_id)
    assert "(estimated)" in html and "(published)" in html
    assert "early June (expected)" in html  # MyERAS 2028: no computed weekday (issue 11)


def test_the_calendar_tables_are_collapsed_so_a_phone_page_stays_short(built_site: BuiltSite):
    html = built_site.page("planner/index.html")
    for year in covered_years(CONTENT.timeline):
        start = html.rindex("<details", 0, html.index(f'id="key-dates-{year}"'))
        assert 'class="ig-planner__year"' in html[start:start + 60]
        assert " open" not in html[start:html.index(">", start)]


def test_the_planner_page_carries_the_calendar_for_the_browser(built_site: BuiltSite):
    html = built_site.page("planner/index.html")
    payload = json.loads(re.search(r"data-ig-planner='([^']*)'", html).group(1))
    assert payload["timeline"] == json.loads(json.dumps(embed.timeline_data(CONTENT)))
    assert payload["steps"]["usmle-exams"]["url"] == "../steps/usmle-exams/"
    assert set(payload["labels"]) == set(CONTENT.planner.labels)


def test_the_checklist_page_is_ready_for_the_interactive_checklist(built_site: BuiltSite):
    html = built_site.page("checklist/index.html")
    # md_in_html rewrites the attribute with double quotes and entities: read it as HTML does.
    quote, value = re.search(r"data-ig-checklist=([\"'])(.*?)\1", html, re.S).groups()
    payload = json.loads(unescape(value))
    assert payload["items"] == [item.id for item in CONTENT.checklist.items]
    assert payload["planner"] == "../planner/"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_browser_and_build_compute_the_same_dates_for_every_year(tmp_path):
    years = list(range(2020, 2061))
    data = tmp_path / "timeline.json"
    data.write_text(json.dumps(embed.timeline_data(CONTENT)))
    script = f"""
        const dates = require({json.dumps(str(DATES_JS))});
        const timeline = require({json.dumps(str(data))});
        const out = {{}};
        for (const year of {json.dumps(years)}) {{
          const events = dates.cycleDates(timeline, year);
          const milestones = dates.milestoneDates(timeline, year);
          const f = (day) => day === null ? null : dates.format(day);
          out[year] = {{
            events: Object.fromEntries(Object.entries(events).map(([id, e]) => [id, [f(e.day), e.estimated]])),
            milestones: Object.fromEntries(Object.entries(milestones).map(([id, m]) =>
              [id, [f(m.startBy), f(m.finishBy), f(m.tightBy), f(m.hardBy), f(m.earliestStart)]])),
          }};
        }}
        console.log(JSON.stringify(out));
    """
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    from_js = json.loads(result.stdout)

    def iso(day):
        return day.isoformat() if day else None

    for year in years:
        python_events = {
            event_id: [found.day.isoformat(), found.estimated]
            for event_id, found in cycle_dates(CONTENT.timeline, year).items()
        }
        python_milestones = {
            milestone_id: [iso(d.start_by), iso(d.finish_by), iso(d.tight_by), iso(d.hard_by), iso(d.earliest_start)]
            for milestone_id, d in milestone_dates(CONTENT.timeline, year).items()
        }
        assert from_js[str(year)]["events"] == python_events, year
        assert from_js[str(year)]["milestones"] == python_milestones, year


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_calendar_file_parses_as_calendar_apps_read_it(tmp_path):
    """The .ics that ig-dates.js writes, read with the `icalendar` package: start-by and
    finish-by events, a reminder a week before each, the rank order list deadline at 9 p.m.
    New York time (so 2 March in Asia), and UIDs that stay the same from one export to the next."""
    icalendar = pytest.importorskip("icalendar")
    data = tmp_path / "timeline.json"
    data.write_text(json.dumps(embed.timeline_data(CONTENT)))
    script = f"""
        const dates = require({json.dumps(str(DATES_JS))});
        const timeline = require({json.dumps(str(data))});
        const cycle = dates.cycleDates(timeline, 2028);
        const entries = [
          {{uid: "step-1.start.2028@imgguide.plan", day: dates.parse("2027-05-05"), summary: "Start by: Step 1",
            alarmDays: timeline.planning.reminderDays}},
          {{uid: "step-1.finish.2028@imgguide.plan", day: dates.parse("2027-07-28"), summary: "Finish by: Step 1",
            alarmDays: timeline.planning.reminderDays}},
          {{uid: "event-rol-deadline.2028@imgguide.plan", day: cycle["rol-deadline"].day,
            time: cycle["rol-deadline"].time, timezone: cycle["rol-deadline"].timezone,
            summary: "Rank order list deadline",
            alarmDays: timeline.planning.reminderDays}},
        ];
        console.log(dates.toICS(entries, {{productId: "-//t//t//EN", name: "Plan", now: 0,
          vtimezones: timeline.vtimezones}}));
    """
    text = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"step-1.start.2028@imgguide.plan", "step-1.finish.2028@imgguide.plan",
                           "event-rol-deadline.2028@imgguide.plan"}
    assert events["step-1.start.2028@imgguide.plan"].decoded("DTSTART") == date(2027, 5, 5)
    deadline = events["event-rol-deadline.2028@imgguide.plan"].decoded("DTSTART")
    assert (deadline.hour, deadline.minute, str(deadline.tzinfo)) == (21, 0, "America/New_York")
    assert deadline.astimezone(ZoneInfo("UTC")).isoformat() == "2028-03-02T02:00:00+00:00"  # EST, UTC-5
    assert deadline.astimezone(ZoneInfo("Asia/Kolkata")).date() == date(2028, 3, 2)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    for event in events.values():
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -timedelta(days=7)
