"""timeline.yml: the calendar rules, published dates and milestones are checked like every
other file, including loops between them, and the rules give the published dates.

Runs on the fixture (tests/fixtures/guide), whose timeline.yml is content/timeline.yml as
of 2 December 2026, so the 2027 and 2028 dates below are those of FACTS.md then."""

from __future__ import annotations

from datetime import date, timedelta

from imgguide.timeline import cycle_dates, milestone_dates, nth_weekday
from imgguide.validate import load_content

from ..conftest import FIXTURE, ContentCopy

FILE = "content/timeline.yml"


def only(errors):
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def test_2027_and_2028_key_dates_follow_the_published_rules():
    timeline = load_content(FIXTURE).timeline
    c27 = {key: value.day for key, value in cycle_dates(timeline, 2027).items()}
    assert c27["rol-deadline"] == date(2027, 3, 3)
    assert c27["match-day"] == date(2027, 3, 19)
    assert c27["match-week"] == date(2027, 3, 15)
    assert c27["myeras-opens"] == date(2026, 6, 3)
    c28 = {key: value.day for key, value in cycle_dates(timeline, 2028).items()}
    assert (c28["myeras-opens"], c28["eras-submission"], c28["program-review"]) == (
        date(2027, 6, 2), date(2027, 9, 1), date(2027, 9, 22))
    assert (c28["nrmp-registration"], c28["rol-deadline"], c28["match-day"]) == (
        date(2027, 9, 15), date(2028, 3, 1), date(2028, 3, 17))
    assert cycle_dates(timeline, 2028)["match-day"].estimated
    assert not cycle_dates(timeline, 2027)["myeras-opens"].estimated


def test_milestones_count_from_the_cycle_and_from_each_other():
    timeline = load_content(FIXTURE).timeline
    dates = milestone_dates(timeline, 2028)
    assert dates["step-2-ck"].finish_by == date(2027, 7, 28)  # 8 weeks before programs review
    assert dates["pathway"].finish_by == date(2028, 3, 1)  # the rank order list deadline
    assert dates["oet"].finish_by == dates["pathway"].finish_by - timedelta(days=23)
    assert dates["usce"].start_by == dates["usce"].finish_by - timedelta(days=180)
    assert dates["j1"].earliest_start == date(2028, 3, 17)  # Match Day


def test_nth_weekday_across_leap_years_and_year_ends():
    assert nth_weekday(2028, 2, "tuesday", 5) == date(2028, 2, 29)
    assert nth_weekday(2026, 12, "thursday", 5) == date(2026, 12, 31)
    assert nth_weekday(2027, 1, "friday", 1) == date(2027, 1, 1)


def test_an_event_rule_must_have_exactly_one_form(content: ContentCopy):
    line = content.replace(FILE, "rule: {after: eras-submission, days: 21}",
                           "rule: {after: eras-submission, days: 21, month: 9, day: 1}")
    error = only(content.errors())
    assert (error.file, error.line, error.field) == (FILE, line, "events[2].rule")
    assert "exactly one of" in error.message


def test_an_impossible_fixed_date(content: ContentCopy):
    content.replace(FILE, "rule: {month: 7, day: 1, year: 0}", "rule: {month: 6, day: 31, year: 0}")
    error = only(content.errors())
    assert error.field == "events[8].rule.day"
    assert error.message == "month 6 has no day 31"


def test_a_rule_counted_from_an_unknown_event(content: ContentCopy):
    line = content.replace(FILE, "rule: {after: eras-submission, days: 21}", "rule: {after: eras-submit, days: 21}")
    error = only(content.errors())
    assert (error.line, error.field, error.got) == (line, "events[2].rule.after", "'eras-submit'")
    assert error.message == "did you mean 'eras-submission'?"


def test_events_that_count_from_each_other_in_a_loop(content: ContentCopy):
    content.replace(FILE, "rule: {weekday: friday, nth: 3, month: 3, year: 0}", "rule: {after: rol-deadline, days: 16}")
    error = only(content.errors())
    assert error.file == FILE
    assert "loop: rol-deadline -> match-day -> rol-deadline" in error.message


def test_milestones_that_come_after_each_other_in_a_loop(content: ContentCopy):
    # step-2-ck already comes after step-1; make step-1 come after step-2-ck too.
    text = content.read(FILE)
    start = text.index("  - id: step-1\n")
    changed = text[start:].replace("    exam: true\n", "    exam: true\n    after: [step-2-ck]\n", 1)
    content.write(FILE, text[:start] + changed)
    error = only(content.errors())
    assert "loop: step-1 -> step-2-ck -> step-1" in error.message


def test_a_milestone_anchored_to_an_unknown_milestone(content: ContentCopy):
    line = content.replace(
        FILE, "finish_by: {milestone: pathway, days: -23}", "finish_by: {milestone: pathways, days: -23}"
    )
    error = only(content.errors())
    assert (error.line, error.field) == (line, "milestones[2].finish_by.milestone")


def test_an_anchor_names_an_event_or_a_milestone_not_both(content: ContentCopy):
    content.replace(FILE, "finish_by: {milestone: pathway, days: -23}",
                    "finish_by: {milestone: pathway, event: rol-deadline, days: -23}")
    error = only(content.errors())
    assert error.field == "milestones[2].finish_by"
    assert "exactly one of 'event' and 'milestone'" in error.message


def test_a_cycle_listed_twice_and_a_date_published_twice(content: ContentCopy):
    text = content.read(FILE)
    content.write(FILE, text.replace("  - match: 2028\n", "  - match: 2027\n"))
    error = only(content.errors())
    assert error.field == "cycles[1].match"
    assert "cycle 2027 is already listed" in error.message


def test_a_milestone_linked_to_a_missing_checklist_item(content: ContentCopy):
    line = content.replace(FILE, "checklist: step-1-passed", "checklist: step-one-passed")
    error = only(content.errors())
    assert (error.line, error.field) == (line, "milestones[0].checklist")
    assert error.expected == "the id of an existing checklist item"
