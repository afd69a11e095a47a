"""The readiness checklist and the Planner as a reader uses them: checklist -> planner
prefilled -> plan -> a shared link that reproduces it in a fresh browser -> an .ics file
with the dates shown -> three time zones -> a phone -> the keyboard -> axe-core."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from imgguide.timeline import milestone_dates
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .conftest import run_axe, screenshot, use_palette

CONTENT = load_content(PROJECT)
LABELS = CONTENT.planner.labels
TIMELINE = CONTENT.timeline
TITLES = {milestone.id: milestone.title for milestone in TIMELINE.milestones}


def shown(day: date) -> str:
    """A date as the planner shows it: "Wed 28 July 2027"."""
    return f"{day.strftime('%a')} {day.day} {day.strftime('%B')} {day.year}"


def planner(reader: Page, site: BuiltSite, query: str = "") -> None:
    reader.goto(site.base_url + "planner/" + query)
    expect(reader.locator(".ig-plan__status")).to_be_visible()


def plan_text(reader: Page) -> list[str]:
    return reader.locator(".ig-plan__item").all_inner_texts()


def read_ics(path: Path) -> list[dict[str, str]]:
    """VEVENTs of an .ics file as dicts (property name with parameters -> value)."""
    text = path.read_bytes().decode("utf-8")  # keep the CRLF line ends RFC 5545 requires
    assert "\r\n" in text and text.endswith("\r\n")
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def download_ics(reader: Page, tmp_path: Path, name: str) -> Path:
    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["ics"]).click()
    path = tmp_path / name
    download.value.save_as(path)
    return path


# ------------------------------------------------------------------ checklist ---------


def test_checklist_items_are_marked_saved_and_counted(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "checklist/")
    items = CONTENT.checklist.items
    summary = reader.locator(".ig-checklist__summary")
    expect(summary).to_have_text(f"0 {LABELS['checklist_of']} {len(items)} {LABELS['checklist_items_done']}")
    reader.locator("#ig-check-step-1-passed-done").check()
    reader.locator("#ig-check-us-clinical-experience-na").check()
    expect(summary).to_have_text(
        f"1 {LABELS['checklist_of']} {len(items) - 1} {LABELS['checklist_items_done']} "
        f"(1 {LABELS['checklist_na_count']})")
    expect(reader.locator(".ig-checklist__progress [role=status]")).to_contain_text(LABELS["checklist_na"])
    reader.reload()
    expect(reader.locator("#ig-check-step-1-passed-done")).to_be_checked()
    expect(reader.locator("#ig-check-us-clinical-experience-na")).to_be_checked()
    expect(reader.locator("#item-step-1-passed")).to_have_class("ig-checklist__item--done")
    assert run_axe(reader) == []


def test_checklist_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "checklist/")
    reader.locator("#ig-check-school-qualifies-todo").focus()
    reader.keyboard.press("ArrowRight")  # arrow keys move within a radio group
    expect(reader.locator("#ig-check-school-qualifies-done")).to_be_checked()
    expect(reader.locator(".ig-checklist__summary")).to_contain_text("1 ")


def test_checklist_reset_asks_first(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "checklist/")
    reader.locator("#ig-check-step-1-passed-done").check()
    reader.get_by_role("button", name=LABELS["checklist_reset"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["checklist_reset_yes"]).click()
    expect(reader.locator("#ig-check-step-1-passed-todo")).to_be_checked()
    expect(reader.locator(".ig-checklist__message")).to_have_text(LABELS["checklist_reset_done"])


def test_checklist_export_then_import_elsewhere(reader: Page, site: BuiltSite, browser: Browser, tmp_path: Path):
    reader.goto(site.base_url + "checklist/")
    reader.locator("#ig-check-eras-token-done").check()
    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["checklist_export"]).click()
    path = tmp_path / "checklist.json"
    download.value.save_as(path)
    fresh = browser.new_context()
    page = fresh.new_page()
    page.goto(site.base_url + "checklist/")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=LABELS["checklist_import"]).click()
    chooser.value.set_files(str(path))
    expect(page.locator("#ig-check-eras-token-done")).to_be_checked()
    fresh.close()


# ------------------------------------------------------------------ planner -----------


def test_checklist_prefills_the_planner(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "checklist/")
    reader.evaluate("() => { window.__igSamePage = true; }")
    reader.locator("#ig-check-step-1-passed-done").check()
    reader.locator("#ig-check-us-clinical-experience-na").check()
    reader.get_by_role("link", name=LABELS["checklist_open_planner"]).click()
    expect(reader.locator(".ig-plan__status")).to_be_visible()
    assert reader.evaluate("() => window.__igSamePage === true"), "instant navigation"
    expect(reader.locator(".ig-planner__note")).to_have_text(LABELS["checklist_prefilled"])
    expect(reader.locator("#ig-done-step-1")).to_be_checked()
    expect(reader.locator("#ig-done-usce")).to_be_checked()
    expect(reader.locator("#ig-done-step-2-ck")).not_to_be_checked()


def test_a_late_step_2_ck_date_is_a_conflict_with_the_reason_and_the_way_out(reader: Page, site: BuiltSite):
    planner(reader, site, "?match=2028&today=2026-11-26")
    latest = milestone_dates(TIMELINE, 2028)["step-2-ck"]
    expect(reader.locator(".ig-plan__status")).to_contain_text(LABELS["status_on_track"])
    reader.locator("#ig-booked-step-2-ck").fill("2027-09-01")
    reader.locator("#ig-booked-step-2-ck").dispatch_event("change")
    expect(reader.locator(".ig-plan__status")).to_contain_text(LABELS["status_tight"])
    conflict = reader.locator(".ig-plan__conflicts li")
    expect(conflict).to_have_count(1)
    expect(conflict).to_contain_text("Step 2 CK")
    expect(conflict).to_contain_text(shown(date(2027, 9, 1)))
    expect(conflict).to_contain_text(shown(latest.finish_by))
    expect(reader.locator(".ig-plan__earliest")).to_contain_text("2029")
    expect(reader).to_have_url(re.compile(r"booked=step-2-ck:2027-09-01"))
    reader.locator("#ig-booked-step-2-ck").fill("2028-02-20")
    reader.locator("#ig-booked-step-2-ck").dispatch_event("change")
    expect(reader.locator(".ig-plan__status")).to_contain_text(LABELS["status_impossible"])
    expect(reader.locator(".ig-plan__conflicts li")).to_contain_text(shown(latest.hard_by))


def test_starting_now_for_the_2027_match_points_to_the_first_cycle_that_works(reader: Page, site: BuiltSite):
    planner(reader, site, "?match=2027&today=2026-11-26&study=step-1:12,step-2-ck:12")
    expect(reader.locator(".ig-plan__status")).to_contain_text(LABELS["status_impossible"])
    expect(reader.locator(".ig-plan__earliest")).to_contain_text(f"{LABELS['earliest_on_track']} 2028")


def test_the_shared_link_reproduces_the_plan_in_a_fresh_browser(reader: Page, site: BuiltSite, browser: Browser):
    planner(reader, site)
    reader.locator("#ig-today").fill("2026-11-26")
    reader.locator("#ig-target").select_option("2028")
    reader.locator("#ig-done-step-1").check()
    reader.locator("#ig-study-step-2-ck").fill("10")
    reader.locator("#ig-study-step-2-ck").dispatch_event("change")
    expect(reader).to_have_url(re.compile(r"study=step-2-ck:10"))
    link, mine = reader.url, plan_text(reader)
    fresh = browser.new_context()
    page = fresh.new_page()
    page.goto(link)
    expect(page.locator(".ig-plan__status")).to_be_visible()
    assert plan_text(page) == mine
    expect(page.locator("#ig-done-step-1")).to_be_checked()
    expect(page.locator("#ig-study-step-2-ck")).to_have_value("10")
    fresh.close()


def test_the_calendar_file_has_the_dates_shown_and_stable_uids(reader: Page, site: BuiltSite, tmp_path: Path):
    planner(reader, site, "?match=2028&today=2026-11-26&done=step-1")
    first = read_ics(download_ics(reader, tmp_path, "first.ics"))
    latest = milestone_dates(TIMELINE, 2028)
    by_uid = {event["UID"]: event for event in first}
    assert "step-1.2028@imgguide.plan" not in by_uid  # done: not in the calendar
    for milestone_id in ("step-2-ck", "letters", "j1"):
        event = by_uid[f"{milestone_id}.2028@imgguide.plan"]
        assert event["DTSTART;VALUE=DATE"] == latest[milestone_id].finish_by.strftime("%Y%m%d")
        assert event["DTEND;VALUE=DATE"] == (latest[milestone_id].finish_by + timedelta(days=1)).strftime("%Y%m%d")
        card = reader.locator(".ig-plan__item").filter(has=reader.get_by_role("link", name=TITLES[milestone_id]))
        expect(card).to_contain_text(shown(latest[milestone_id].finish_by))
    assert by_uid["event-match-day.2028@imgguide.plan"]["DTSTART;VALUE=DATE"] == "20280317"
    assert all(re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"]) for event in first)
    reader.locator("#ig-done-letters").check()
    second = read_ics(download_ics(reader, tmp_path, "second.ics"))
    assert {e["UID"] for e in second} == {e["UID"] for e in first} - {"letters.2028@imgguide.plan"}


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "UTC", "Asia/Kolkata"])
def test_dates_are_the_same_calendar_dates_in_every_time_zone(browser: Browser, site: BuiltSite, zone: str, tmp_path):
    # 03:30 UTC on 27 November: still the 26th in Los Angeles, already the 27th in Kolkata.
    instant = datetime(2026, 11, 27, 3, 30, tzinfo=UTC)
    context = browser.new_context(timezone_id=zone, accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(instant)
    page.goto(site.base_url + "planner/")
    expect(page.locator("#ig-today")).to_have_value(instant.astimezone(ZoneInfo(zone)).date().isoformat())
    page.goto(site.base_url + "planner/?match=2028&today=2026-11-26")
    expect(page.locator(".ig-plan__status")).to_be_visible()
    texts = plan_text(page)
    latest = milestone_dates(TIMELINE, 2028)
    assert any(shown(latest["step-2-ck"].finish_by) in text for text in texts)
    assert any(shown(date(2028, 3, 17)) in text for text in page.locator(".ig-plan__events").all_inner_texts())
    with page.expect_download() as download:
        page.get_by_role("button", name=LABELS["ics"]).click()
    path = tmp_path / "plan.ics"
    download.value.save_as(path)
    uids = {e["UID"]: e["DTSTART;VALUE=DATE"] for e in read_ics(path)}
    assert uids["step-2-ck.2028@imgguide.plan"] == latest["step-2-ck"].finish_by.strftime("%Y%m%d")
    context.close()


def test_across_a_daylight_saving_change_today_stays_the_local_date(browser: Browser, site: BuiltSite):
    # 14 March 2027, the night US clocks go forward: 23:30 local in Los Angeles.
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 15, 6, 30, tzinfo=UTC))
    page.goto(site.base_url + "planner/")
    expect(page.locator("#ig-today")).to_have_value("2027-03-14")
    context.close()


def test_planner_on_a_phone_and_in_both_palettes(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 360, "height": 740})
    planner(reader, site, "?match=2028&today=2026-11-26&booked=step-2-ck:2027-09-01")
    assert reader.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(reader, "phone-planner")
    use_palette(reader, "light")
    assert run_axe(reader) == []
    use_palette(reader, "dark")
    assert run_axe(reader) == []


def test_planner_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    planner(reader, site, "?match=2028&today=2026-11-26")
    reader.locator("#ig-target").focus()
    reader.keyboard.press("ArrowDown")  # next option: the following Match year
    expect(reader.locator(".ig-plan h2")).to_contain_text("2029")
    reader.locator("#ig-done-step-1").focus()
    reader.keyboard.press("Space")
    expect(reader.locator("#ig-done-step-1")).to_be_checked()
    expect(reader).to_have_url(re.compile(r"done=step-1"))


def test_without_javascript_the_calendar_is_still_there(browser: Browser, site: BuiltSite):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base_url + "planner/")
    for year in (2027, 2028):
        expect(page.locator(f"#key-dates-{year}")).to_be_visible()
    context.close()
