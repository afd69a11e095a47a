"""timeline.yml: the calendar rules, published dates and milestones are checked like every
other file, including loops between them, and the rules give the published dates.

Runs on the fixture (tests/fixtures/guide), whose timeline.yml is content/timeline.yml as
of 2 December 2026, so the 2027 and 2028 dates below are those of FACTS.md then."""

from __future__ import annotations

from datetime import date, timedelta

from imgguide.timeline import cycle_dates, milestone_dates, nth_weekday
from imgguide.validate import load_content

from ..conftest import FIXTURE, PROJECT, ContentCopy

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
    assert dates["pathway"].finish_by == date(2028, 3, 1) - timedelta(days=14)  # 2 weeks before the deadline
    assert dates["oet"].finish_by == dates["pathway"].finish_by - timedelta(days=65)
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
        FILE, "finish_by: {milestone: pathway, days: -65}", "finish_by: {milestone: pathways, days: -65}"
    )
    error = only(content.errors())
    assert (error.line, error.field) == (line, "milestones[2].finish_by.milestone")


def test_an_anchor_names_an_event_or_a_milestone_not_both(content: ContentCopy):
    content.replace(FILE, "finish_by: {milestone: pathway, days: -65}",
                    "finish_by: {milestone: pathway, event: rol-deadline, days: -65}")
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


# ---------------------------------------------------------------- the plan's hard limits ---
# Each rule states why it exists; the reason is also the milestone's hard_why on the page.


def test_every_milestone_has_a_hard_limit_with_its_reason():
    # A milestone without a hard limit could never be "not possible", so a plan that cannot
    # work showed as merely "tight".
    for milestone in load_content(PROJECT).timeline.milestones:
        assert milestone.hard_by is not None and milestone.hard_why.strip(), milestone.id


def test_the_exams_leave_the_full_8_weeks_for_a_result_and_the_weekly_report():
    # Results take 3 to 8 weeks and ECFMG reports to NRMP once a week: a test later than
    # 8 weeks + 1 week before the rank order list deadline may not count for this Match.
    timeline = load_content(PROJECT).timeline
    for year in (2027, 2028):
        deadline = cycle_dates(timeline, year)["rol-deadline"].day
        for exam in ("step-1", "step-2-ck"):
            assert deadline - milestone_dates(timeline, year)[exam].hard_by >= timedelta(weeks=8, days=7)


def test_the_certificate_and_the_j1_file_agree():
    # The J-1 file needs the certificate first, then ECFMG takes 4 to 6 weeks: the
    # certificate's limit can be no later than the J-1 file's, which leaves 6 weeks.
    timeline = load_content(PROJECT).timeline
    for year in (2027, 2028):
        dates = milestone_dates(timeline, year)
        start = cycle_dates(timeline, year)["residency-starts"].day
        assert dates["ecfmg-certificate"].hard_by <= dates["j1"].hard_by
        assert start - dates["j1"].hard_by >= timedelta(weeks=6)
        assert "ecfmg-certificate" in next(m for m in timeline.milestones if m.id == "j1").after


def test_the_last_oet_date_leaves_ecfmg_time_to_decide_the_pathway():
    # OET results take about 3 weeks (16 business days); ECFMG then decides the Pathway,
    # which must be confirmed by the rank order list deadline. The OET limit leaves both.
    timeline = load_content(PROJECT).timeline
    pathway = next(m for m in timeline.milestones if m.id == "pathway")
    for year in (2027, 2028):
        dates = milestone_dates(timeline, year)
        deadline = cycle_dates(timeline, year)["rol-deadline"].day
        assert dates["pathway"].hard_by == deadline
        assert deadline - dates["oet"].hard_by >= timedelta(days=23 + pathway.lead_days)
        assert pathway.lead_days >= 28


def test_myeras_opening_is_early_june_expected_not_a_computed_weekday():
    # MyERAS opened on days other than the first Wednesday (2021, 2022): for a season whose
    # date is not published the page says "early June (expected)".
    from imgguide.timeline import shown_day

    timeline = load_content(PROJECT).timeline
    event = next(e for e in timeline.events if e.id == "myeras-opens")
    assert shown_day(event, cycle_dates(timeline, 2028)["myeras-opens"]) == "early June"
    assert shown_day(event, cycle_dates(timeline, 2027)["myeras-opens"]) is None  # published


def test_an_exam_needs_a_typical_study_time(content: ContentCopy):
    # A blank study time used to count as zero weeks ("Step 1 finishes today").
    content.replace(FILE, "    study_weeks: 4\n", "")
    error = only(content.errors())
    assert error.field == "milestones[2].study_weeks"
    assert "typical study time" in error.message


def test_each_milestone_is_on_track_before_it_is_tight_before_it_is_impossible():
    # A finish-by date after the hard limit would call a plan "on track" that cannot work.
    timeline = load_content(PROJECT).timeline
    for year in range(2027, 2040):
        for milestone_id, dates in milestone_dates(timeline, year).items():
            assert dates.finish_by <= dates.hard_by, (year, milestone_id)
            if dates.tight_by:
                assert dates.finish_by <= dates.tight_by <= dates.hard_by, (year, milestone_id)
