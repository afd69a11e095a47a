"""The Planner page as built, and the promise that the browser's date logic
(ig-dates.js) and the build's (timeline.py) never disagree."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from html import unescape

import pytest

from imgguide import embed
from imgguide.timeline import covered_years, cycle_dates, milestone_dates
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
        for found in cycle_dates(CONTENT.timeline, year).values():
            assert long_day(found.day) in section, (year, found.event)
        for milestone_id, dates in milestone_dates(CONTENT.timeline, year).items():
            assert long_day(dates.finish_by) in section, (year, milestone_id)
    assert "(estimated)" in html and "(published)" in html


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
