"""The readiness checklist and the Planner as a reader uses them: checklist -> planner
prefilled -> plan -> a shared link that reproduces it in a fresh browser -> an .ics file
with the dates shown -> three time zones -> a phone -> the keyboard -> axe-core."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from imgguide.timeline import milestone_dates
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .conftest import check_phone_and_desktop_in_both_palettes, run_axe

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
# Journeys of a reader on 2 December 2026 (or another "today" set with the browser's clock),
# in three time zones: UTC+14, UTC-10 and UTC. The date logic itself is tested in tests/js.

ZONES = ["Pacific/Kiritimati", "Pacific/Honolulu", "UTC"]
# The same journeys with the `reader` fixture (request guard included) in each time zone.
IN_EACH_ZONE = pytest.mark.parametrize("zone", [
    pytest.param(zone, marks=pytest.mark.browser_context_args(timezone_id=zone)) for zone in ZONES
])
BEFORE_HEIGHT_390 = 24_770  # the page at 390 px before issue 13, measured on main (4dc830c)


def local_noon(zone: str, day: date) -> datetime:
    """Noon of `day` where the reader lives: the same calendar day in every zone."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(zone))


def reader_in(browser: Browser, site: BuiltSite, zone: str, day: date, **options):
    context = browser.new_context(timezone_id=zone, accept_downloads=True, service_workers="block", **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(local_noon(zone, day))
    return context, page, errors


def blocking(page: Page) -> str:
    return page.locator(".ig-plan__blocking").inner_text()


@pytest.mark.parametrize("zone", ZONES)
def test_2027_from_2_december_2026_with_nothing_done_is_not_possible(browser: Browser, site: BuiltSite, zone: str):
    context, page, errors = reader_in(browser, site, zone, date(2026, 12, 2))
    planner(page, site, "?match=2027")
    expect(page.locator("#ig-today")).to_have_value("2026-12-02")
    expect(page.locator(".ig-plan__status")).to_have_text(f"{LABELS['not_possible_for']} 2027 {LABELS['match']}")
    text = blocking(page)
    for blocker in ("step-1", "usce", "oet"):
        assert TITLES[blocker] in text, blocker
    assert shown(milestone_dates(TIMELINE, 2027)["step-1"].hard_by) in text
    assert shown(date(2027, 5, 31)) in text  # clinical experience would end after Match Day
    expect(page.locator(".ig-plan__earliest")).to_contain_text(f"{LABELS['earliest_on_track']} 2028 {LABELS['match']}")
    # A blank study time is a stated typical time, not zero weeks.
    card = page.locator("#ig-row-step-1")
    expect(card).to_contain_text(f"{LABELS['default_study']} 12 {LABELS['weeks']}")
    page.get_by_role("button", name=f"{LABELS['switch_to']} 2028 {LABELS['match']}").click()
    expect(page.locator(".ig-plan__status")).to_contain_text(LABELS["status_on_track"])
    expect(page.locator("#ig-plan-title")).to_be_focused()
    assert errors == []
    context.close()


@pytest.mark.parametrize("zone", ZONES)
def test_on_10_march_2027_without_the_pathway_the_2027_match_is_not_possible(
        browser: Browser, site: BuiltSite, zone: str):
    context, page, errors = reader_in(browser, site, zone, date(2027, 3, 10))
    done = "step-1,step-2-ck,oet,usce,letters,eras,nrmp,rank-list"
    planner(page, site, f"?match=2027&done={done}")
    expect(page.locator(".ig-plan__status")).to_have_text(f"{LABELS['not_possible_for']} 2027 {LABELS['match']}")
    expect(page.locator(".ig-plan__blocking li")).to_have_count(1)
    expect(page.locator(".ig-plan__blocking")).to_contain_text(TITLES["pathway"])
    expect(page.locator("#ig-row-ecfmg-certificate")).to_contain_text(LABELS["blocked_by"])
    expect(page.locator(".ig-plan__earliest")).to_contain_text("2028")
    assert errors == []
    context.close()


@IN_EACH_ZONE
def test_a_test_booked_after_its_limit_names_the_exam_and_the_limit(reader: Page, site: BuiltSite, zone: str):
    reader.clock.set_fixed_time(local_noon(zone, date(2026, 12, 2)))
    planner(reader, site, "?match=2028")
    latest = milestone_dates(TIMELINE, 2028)["step-2-ck"]
    expect(reader.locator(".ig-plan__status")).to_contain_text(LABELS["status_on_track"])
    reader.locator(".ig-planner__exams-box > summary").click()
    reader.locator("#ig-booked-step-2-ck").fill((latest.hard_by + timedelta(days=1)).isoformat())
    reader.locator("#ig-booked-step-2-ck").dispatch_event("change")
    expect(reader.locator(".ig-plan__status")).to_have_text(f"{LABELS['not_possible_for']} 2028 {LABELS['match']}")
    expect(reader.locator(".ig-plan__blocking")).to_contain_text(TITLES["step-2-ck"])
    expect(reader.locator(".ig-plan__blocking")).to_contain_text(shown(latest.hard_by))


def test_done_exams_drop_out_of_the_plan_into_one_line(reader: Page, site: BuiltSite):
    reader.clock.set_fixed_time(local_noon("UTC", date(2026, 12, 2)))
    planner(reader, site, "?match=2028&done=step-1,step-2-ck")
    expect(reader.locator(".ig-plan__item")).to_have_count(len(TITLES) - 2)
    expect(reader.locator(".ig-plan__done")).to_contain_text(TITLES["step-1"])
    expect(reader.locator(".ig-plan__done")).to_contain_text(TITLES["step-2-ck"])


@IN_EACH_ZONE
def test_the_plan_is_in_date_order_with_the_next_90_days_on_top(reader: Page, site: BuiltSite, zone: str):
    reader.clock.set_fixed_time(local_noon(zone, date(2026, 12, 2)))
    planner(reader, site, "?match=2028")
    # Noon on 2 December where the reader is: 22:00 UTC on 1 December in Kiritimati.
    expect(reader.locator("#ig-today")).to_have_value("2026-12-02")
    first = reader.locator(".ig-plan__item").first
    expect(first).to_have_attribute("id", "ig-row-usce")  # arrange clinical experience first
    panel = reader.locator(".ig-plan__next")
    expect(panel.locator("h3")).to_have_text(LABELS["next_heading"].replace("{days}", "90"))
    expect(panel.get_by_role("link", name=TITLES["usce"])).to_have_attribute("href", "../steps/us-clinical-experience/")
    expect(panel).to_contain_text(shown(date(2027, 1, 22)))


@IN_EACH_ZONE
def test_inputs_are_saved_and_restored_after_leaving_through_the_sidebar(reader: Page, site: BuiltSite, zone: str):
    reader.clock.set_fixed_time(local_noon(zone, date(2026, 12, 2)))
    planner(reader, site)
    reader.locator("#ig-target").select_option("2029")
    reader.locator(".ig-planner__exams-box > summary").click()
    reader.locator("#ig-study-step-1").fill("20")
    reader.locator("#ig-study-step-1").dispatch_event("change")
    reader.locator("#ig-done-eras").check()  # no checklist item: kept with the planner
    reader.locator(".md-nav--primary").get_by_role("link", name="Home").first.click()
    expect(reader).not_to_have_url(re.compile(r"planner"))
    reader.locator(".md-nav--primary").get_by_role("link", name=CONTENT.planner.title).first.click()
    expect(reader.locator(".ig-plan__status")).to_be_visible()
    expect(reader.locator(".ig-planner__note").first).to_have_text(LABELS["restored"])
    expect(reader.locator("#ig-target")).to_have_value("2029")
    expect(reader.locator("#ig-study-step-1")).to_have_value("20")
    expect(reader.locator("#ig-done-eras")).to_be_checked()
    saved = reader.evaluate("() => JSON.parse(localStorage.getItem('ig:v1:planner'))")
    assert saved["v"] == 1 and saved["match"] == 2029 and saved["study"] == {"step-1": 20}
    assert saved["today"] is None  # today is never saved unless pinned


def test_a_plan_saved_by_a_newer_version_is_left_untouched(reader: Page, site: BuiltSite):
    newer = '{"v": 2, "plans": {"2029": {}}}'
    reader.goto(site.base_url + "checklist/")
    reader.evaluate("(value) => localStorage.setItem('ig:v1:planner', value)", newer)
    planner(reader, site)
    reader.locator("#ig-target").select_option("2029")
    expect(reader.locator("#ig-plan-title")).to_contain_text("2029")
    assert reader.evaluate("() => localStorage.getItem('ig:v1:planner')") == newer


def test_ticks_are_one_record_shared_with_the_checklist_both_ways(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "checklist/")
    reader.locator("#ig-check-step-1-passed-done").check()
    reader.locator("#ig-check-us-clinical-experience-na").check()
    reader.get_by_role("link", name=LABELS["checklist_open_planner"]).click()
    expect(reader.locator(".ig-plan__status")).to_be_visible()
    expect(reader.locator("#ig-done-step-1")).to_be_checked()
    expect(reader.locator("#ig-done-usce")).to_be_checked()
    expect(reader.locator(".ig-planner__done .ig-planner__note")).to_have_text(LABELS["checklist_prefilled"])
    reader.locator("#ig-done-step-2-ck").check()
    reader.locator("#ig-done-step-1").uncheck()
    reader.goto(site.base_url + "checklist/")
    expect(reader.locator("#ig-check-step-2-ck-passed-done")).to_be_checked()
    expect(reader.locator("#ig-check-step-1-passed-todo")).to_be_checked()
    expect(reader.locator("#ig-check-us-clinical-experience-na")).to_be_checked()


def test_a_shared_link_carries_the_inputs_but_not_today(browser: Browser, site: BuiltSite):
    context, page, _ = reader_in(browser, site, "UTC", date(2026, 12, 2))
    planner(page, site)
    page.locator("#ig-target").select_option("2028")
    page.locator("#ig-done-step-1").check()
    expect(page).to_have_url(re.compile(r"match=2028&done=step-1"))
    assert "today=" not in page.url
    link = page.url
    context.close()
    later, other, _ = reader_in(browser, site, "Pacific/Honolulu", date(2027, 1, 20))
    other.goto(link)
    expect(other.locator("#ig-today")).to_have_value("2027-01-20")  # the day it is opened
    expect(other.locator("#ig-done-step-1")).to_be_checked()
    other.locator("#ig-today").fill("2026-12-02")  # pinned on purpose: now in the link
    other.locator("#ig-today").dispatch_event("change")
    expect(other).to_have_url(re.compile(r"today=2026-12-02"))
    later.close()


@IN_EACH_ZONE
def test_the_calendar_file_has_start_and_finish_reminders_and_a_timed_deadline(
        reader: Page, site: BuiltSite, tmp_path: Path, zone: str):
    reader.clock.set_fixed_time(local_noon(zone, date(2026, 12, 2)))
    planner(reader, site, "?match=2028&done=step-1")
    text = download_ics(reader, tmp_path, "first.ics").read_bytes().decode("utf-8")
    first = read_ics(tmp_path / "first.ics")
    latest = milestone_dates(TIMELINE, 2028)
    by_uid = {event["UID"]: event for event in first}
    assert not any(uid.startswith("step-1.") for uid in by_uid)  # done: not in the calendar
    assert by_uid["usce.start.2028@imgguide.plan"]["DTSTART;VALUE=DATE"] == latest["usce"].start_by.strftime("%Y%m%d")
    assert by_uid["j1.finish.2028@imgguide.plan"]["DTSTART;VALUE=DATE"] == latest["j1"].finish_by.strftime("%Y%m%d")
    assert by_uid["event-rol-deadline.2028@imgguide.plan"]["DTSTART;TZID=America/New_York"] == "20280301T210000"
    assert "BEGIN:VTIMEZONE" in text and text.count("BEGIN:VALARM") == len(first)
    assert "TRIGGER:-P7D" in text
    reader.locator("#ig-done-letters").check()
    second = read_ics(download_ics(reader, tmp_path, "second.ics"))
    assert {e["UID"] for e in second} == {e["UID"] for e in first} - {
        "letters.start.2028@imgguide.plan", "letters.finish.2028@imgguide.plan"}


def test_the_month_picture_rows_are_focusable_and_lead_to_the_list(reader: Page, site: BuiltSite):
    reader.clock.set_fixed_time(local_noon("UTC", date(2026, 12, 2)))
    planner(reader, site, "?match=2028")
    rows = reader.locator("svg.ig-timeline a.ig-timeline__row")
    expect(rows).to_have_count(len(TITLES))
    for tick in TIMELINE.planning.ticks:
        title = next(event.title for event in TIMELINE.events if event.id == tick)
        expect(reader.locator("svg.ig-timeline")).to_contain_text(title)
    rows.first.focus()
    reader.keyboard.press("Enter")
    expect(reader.locator("#ig-row-usce")).to_be_focused()


def test_on_a_phone_the_page_is_short_the_picture_scrolls_in_its_box_and_nothing_shifts(
        browser: Browser, site: BuiltSite):
    context, page, errors = reader_in(browser, site, "UTC", date(2026, 12, 2), viewport={"width": 390, "height": 844})
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) {"
        " if (!entry.hadRecentInput) window.__shift += entry.value; } })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    planner(page, site, "?match=2027")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= BEFORE_HEIGHT_390 / 3, height
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    box = page.locator(".ig-plan__picture-box")
    assert box.evaluate("(node) => node.scrollWidth > node.clientWidth"), "the picture scrolls inside its box"
    assert page.evaluate("() => window.__shift") < 0.1
    expect(page.locator(".ig-planner__year").first).not_to_have_attribute("open", "")
    assert errors == []
    context.close()


def test_print_shows_only_the_selected_plan_and_the_picture(reader: Page, site: BuiltSite):
    reader.clock.set_fixed_time(local_noon("UTC", date(2026, 12, 2)))
    planner(reader, site, "?match=2028")
    reader.emulate_media(media="print")
    expect(reader.locator(".ig-plan__picture svg")).to_be_visible()
    expect(reader.locator(".ig-plan__list")).to_be_visible()
    for hidden in (".ig-planner__form", ".ig-plan__actions", ".ig-planner__static"):
        expect(reader.locator(hidden)).to_be_hidden()


def test_planner_in_both_palettes_passes_axe_on_a_desktop_and_a_phone(reader: Page, site: BuiltSite):
    reader.clock.set_fixed_time(local_noon("UTC", date(2026, 12, 2)))
    planner(reader, site, "?match=2027")
    check_phone_and_desktop_in_both_palettes(reader, "planner", ".ig-plan__status")


def test_planner_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    reader.clock.set_fixed_time(local_noon("UTC", date(2026, 12, 2)))
    planner(reader, site, "?match=2028")
    reader.locator("#ig-target").focus()
    reader.keyboard.press("ArrowDown")  # next option: the following Match year
    expect(reader.locator("#ig-plan-title")).to_contain_text("2029")
    reader.locator("#ig-done-step-1").focus()
    reader.keyboard.press("Space")
    expect(reader.locator("#ig-done-step-1")).to_be_checked()
    expect(reader).to_have_url(re.compile(r"done=step-1"))


def test_without_javascript_the_calendar_is_still_there_collapsed(browser: Browser, site: BuiltSite):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base_url + "planner/")
    for year in (2027, 2028):
        details = page.locator(".ig-planner__year").filter(has=page.locator(f"#key-dates-{year}"))
        details.locator("summary").click()
        expect(page.locator(f"#key-dates-{year}")).to_be_visible()
    context.close()


def test_a_link_to_a_match_calendar_opens_it(reader: Page, site: BuiltSite):
    planner(reader, site, "?match=2028")
    reader.locator(".md-sidebar--secondary").get_by_role("link", name="Key dates of the 2028 Match").click()
    expect(reader.locator("#key-dates-2028")).to_be_visible()
