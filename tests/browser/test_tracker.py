"""My applications as a reader uses it: five programs -> two signals -> an invitation and an
interview -> a rank list -> CSV out -> everything deleted -> CSV in -> everything back; the
interviews as an .ics file (parsed with icalendar); letters and signal limits; broken, older
and newer saved data; the site-wide progress file; the keyboard alone at 390 px; no
JavaScript; axe-core in both palettes. The logic itself is specified by tests/js/tracker.test.js."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar
from playwright.sync_api import Browser, Page, expect

from imgguide.validate import load_content

from ..conftest import BuiltSite
from .conftest import check_phone_and_desktop_in_both_palettes
from .test_practice import export_progress, import_progress

CONTENT = load_content(Path(__file__).resolve().parents[2])
TRACKER = CONTENT.tracker
LABELS = TRACKER.labels
CHOICE = {group: {c.id: c.label for c in getattr(TRACKER.choices, group)} for group in ("type", "mode")}
MAX_TABS = 400  # a keyboard user may need many Tab presses; the test gives up after this many

PROGRAMS = [
    # name, specialty, city, state, visa, signal
    ("Mercy Hospital, Internal Medicine", "internal-medicine", "Boston", "MA", "j1", "gold"),
    ('St "Luke\'s" Family Medicine', "family-medicine", "Austin", "TX", "both", "signal"),
    ("Lakeside Pediatrics", "pediatrics", "Chicago", "IL", "h1b", "none"),
    ("Riverside Internal Medicine", "internal-medicine", "Newark", "NJ", "unknown", "none"),
    ("Hillview Psychiatry", "psychiatry", "Denver", "CO", "none", "none"),
]


def open_tracker(reader: Page, site: BuiltSite) -> None:
    reader.goto(site.base_url + "my-applications/")
    expect(reader.locator(".ig-tracker[data-ig-ready]")).to_be_attached()
    expect(reader.locator("#ig-tr-name")).to_be_visible()


def add_writer(reader: Page, name: str, note: str = "") -> None:
    reader.fill("#ig-tr-writer-name", name)
    reader.fill("#ig-tr-writer-note", note)
    reader.get_by_role("button", name=LABELS["writer_add"]).click()
    expect(reader.locator(".ig-tracker__writers")).to_contain_text(name)


def add_program(reader: Page, name, specialty, city, state, visa, signal, letters=(), status="applied") -> None:
    reader.fill("#ig-tr-name", name)
    reader.select_option("#ig-tr-specialty", specialty)
    reader.fill("#ig-tr-city", city)
    reader.fill("#ig-tr-state", state)
    reader.select_option("#ig-tr-visa", visa)
    reader.fill("#ig-tr-yog", "within 5 years")
    reader.select_option("#ig-tr-signal", signal)
    reader.fill("#ig-tr-applied", "2026-09-24")
    reader.select_option("#ig-tr-status", status)
    for writer in letters:
        reader.get_by_role("checkbox", name=writer).check()
    reader.fill("#ig-tr-notes", "Line one, with a comma\nLine two")
    reader.get_by_role("button", name=LABELS["save_new"]).click()
    expect(reader.locator(".ig-tracker__status")).to_have_text(f"{LABELS['added']} {name}")


def edit(reader: Page, name: str) -> None:
    reader.get_by_role("button", name=f"{LABELS['edit']}: {name}").click()
    expect(reader.locator("#ig-tr-name")).to_have_value(name)


def state(reader: Page) -> dict:
    """What the reader sees: the table, the rank list, the interviews and the writers."""
    return {
        "table": reader.locator(".ig-tracker__programs tbody tr").all_inner_texts(),
        "ranks": reader.locator(".ig-tracker__ranks li .ig-tracker__rank-name").all_inner_texts(),
        "interviews": reader.locator(".ig-tracker__interviews li").all_inner_texts(),
        "writers": reader.locator(".ig-tracker__writers li > span").all_inner_texts(),
        "signals": reader.locator(".ig-tracker__signals tbody tr").all_inner_texts(),
    }


def fill_five(reader: Page) -> None:
    add_writer(reader, "Dr Ada Smith", "Internal medicine, Boston")
    add_writer(reader, "Dr Bo Jones")
    for index, program in enumerate(PROGRAMS):
        add_program(reader, *program, letters=("Dr Ada Smith", "Dr Bo Jones") if index < 2 else ())
    # An invitation, and an interview with its date, time and mode.
    edit(reader, PROGRAMS[2][0])
    reader.select_option("#ig-tr-status", "invited")
    reader.get_by_role("button", name=LABELS["save_edit"]).click()
    edit(reader, PROGRAMS[0][0])
    reader.select_option("#ig-tr-status", "scheduled")
    reader.fill("#ig-tr-interview", "2027-01-12")
    reader.fill("#ig-tr-time", "09:30")
    reader.select_option("#ig-tr-mode", "virtual")
    reader.get_by_role("button", name=LABELS["save_edit"]).click()
    edit(reader, PROGRAMS[1][0])
    reader.select_option("#ig-tr-status", "interviewed")
    reader.fill("#ig-tr-interview", "2026-12-15")
    reader.select_option("#ig-tr-mode", "in-person")
    reader.check("#ig-tr-thanks")
    reader.get_by_role("button", name=LABELS["save_edit"]).click()
    expect(reader.locator(".ig-tracker__programs tbody tr")).to_have_count(5)


def rank_three(reader: Page) -> None:
    """Rank the two interviews and the invitation, then put the last one first."""
    for name in (PROGRAMS[0][0], PROGRAMS[1][0], PROGRAMS[2][0]):
        reader.get_by_role("button", name=f"{LABELS['rank_add']}: {name}").click()
    ranks = reader.locator(".ig-tracker__ranks li strong")
    expect(ranks).to_have_text([PROGRAMS[0][0], PROGRAMS[1][0], PROGRAMS[2][0]])  # in the order added
    reader.get_by_role("button", name=f"{LABELS['move_up']}: {PROGRAMS[2][0]}").click()
    reader.get_by_role("button", name=f"{LABELS['move_up']}: {PROGRAMS[2][0]}").click()
    expect(ranks).to_have_text([PROGRAMS[2][0], PROGRAMS[0][0], PROGRAMS[1][0]])
    expect(reader.locator(".ig-tracker__status")).to_have_text(f"{PROGRAMS[2][0]} {LABELS['moved_to']} 1")


def test_the_whole_season_survives_a_csv_round_trip(reader: Page, site: BuiltSite, tmp_path: Path):
    open_tracker(reader, site)
    fill_five(reader)
    rank_three(reader)
    before = state(reader)
    assert before["interviews"][0].startswith("2026-12-15") and before["interviews"][1].startswith("2027-01-12 09:30")
    assert any("Gold 1" in row for row in before["signals"])

    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["csv_export"]).click()
    csv_path = tmp_path / "applications.csv"
    download.value.save_as(csv_path)
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("record,id,name,specialty,city,state,type,visa,")
    assert '"St ""Luke\'s"" Family Medicine"' in csv_text

    reader.get_by_role("button", name=LABELS["wipe"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["wipe_yes"]).click()
    expect(reader.locator(".ig-tracker__report")).to_have_text(LABELS["wiped"])
    expect(reader.locator(".ig-tracker__programs")).to_have_count(0)
    reader.reload()
    expect(reader.locator(".ig-tracker__section--programs")).to_contain_text(LABELS["programs_none"])
    assert reader.evaluate("() => localStorage.getItem('ig:v1:tracker')") is None

    with reader.expect_file_chooser() as chooser:
        reader.get_by_role("button", name=LABELS["csv_import"]).click()
    chooser.value.set_files(str(csv_path))
    expect(reader.locator(".ig-tracker__report")).to_contain_text(f"{LABELS['csv_done']} 5")
    assert state(reader) == before
    reader.reload()
    assert state(reader) == before, "the imported data is saved"
    edit(reader, PROGRAMS[1][0])
    expect(reader.locator("#ig-tr-notes")).to_have_value("Line one, with a comma\nLine two")
    expect(reader.locator("#ig-tr-thanks")).to_be_checked()
    expect(reader.locator("#ig-tr-yog")).to_have_value("within 5 years")
    expect(reader.locator("#ig-tracker-form")).to_contain_text(PROGRAMS[1][0])


def test_interviews_download_as_a_calendar_with_their_dates(reader: Page, site: BuiltSite, tmp_path: Path):
    open_tracker(reader, site)
    fill_five(reader)
    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["interviews_ics"]).click()
    path = tmp_path / "interviews.ics"
    download.value.save_as(path)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))
    assert [event.decoded("DTSTART") for event in events] == [date(2026, 12, 15), date(2027, 1, 12)]
    assert [str(event["SUMMARY"]) for event in events] == [
        f"{LABELS['interview_summary']}: {PROGRAMS[1][0]} ({CHOICE['mode']['in-person']})",
        f"{LABELS['interview_summary']}: {PROGRAMS[0][0]} ({CHOICE['mode']['virtual']}, 09:30)",
    ]
    assert len({str(event["UID"]) for event in events}) == 2


def test_rank_list_copies_as_text_and_fees_come_from_the_cost_estimator(reader: Page, site: BuiltSite):
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_tracker(reader, site)
    fill_five(reader)
    rank_three(reader)
    reader.get_by_role("button", name=LABELS["rank_text"]).click()
    expect(reader.locator("#ig-tr-rank-text")).to_have_value(
        f"{LABELS['rank_text_title']}\n1. {PROGRAMS[2][0]} (Pediatrics, {CHOICE['type']['categorical']}, Chicago, IL)\n"
        f"2. {PROGRAMS[0][0]} (Internal medicine, {CHOICE['type']['categorical']}, Boston, MA)\n"
        f"3. {PROGRAMS[1][0]} (Family medicine, {CHOICE['type']['categorical']}, Austin, TX)\n"
    )
    assert reader.evaluate("() => navigator.clipboard.readText()").startswith(LABELS["rank_text_title"])
    fees = reader.locator(".ig-tracker__fees li")
    # Four specialties applied to: one ERAS line each; three ranks: the registration fee only.
    expect(fees).to_have_count(5)
    expected = reader.evaluate(
        """() => {
          const data = JSON.parse(document.querySelector('[data-ig-tracker]').dataset.igTracker).costs;
          const im = IG.costs.estimate(data, IG.costs.normalize(data, {programs: ['2'], ranks: '0'}))
            .lines.find((line) => line.item === 'eras-programs');
          return IG.costs.money(im.typical);
        }"""
    )
    expect(fees.filter(has_text="Internal medicine")).to_contain_text(expected)
    link = reader.get_by_role("link", name=LABELS["costs_link"])
    assert link.get_attribute("href") == "../costs/"


def test_letters_are_limited_per_program_with_a_clear_message(reader: Page, site: BuiltSite):
    limit = TRACKER.settings.letters_per_program
    open_tracker(reader, site)
    for number in range(limit + 1):
        add_writer(reader, f"Writer {number}")
    boxes = reader.locator("input[name='letters']")
    for number in range(limit + 1):
        boxes.nth(number).check() if number < limit else boxes.nth(number).click()
    expect(reader.locator("input[name='letters']:checked")).to_have_count(limit)
    expect(reader.locator(".ig-tracker__letters .ig-tracker__inline-error")).to_have_text(
        LABELS["letters_too_many"].replace("{n}", str(limit)))


def test_signals_over_the_allotment_warn_and_unknown_seasons_say_check(reader: Page, site: BuiltSite):
    open_tracker(reader, site)
    reader.select_option("#ig-tr-season", "2025")
    gold = next(t.count for s in CONTENT.signals.seasons if s.season == 2025
                for a in s.allotments if a.specialty == "internal-medicine" for t in a.tiers if t.id == "gold")
    for number in range(gold + 1):
        add_program(reader, f"IM {number}", "internal-medicine", "", "", "j1", "gold")
    warning = reader.locator(".ig-tracker__warning")
    expect(warning).to_contain_text(LABELS["signals_over"])
    expect(warning).to_contain_text(f"Internal medicine, Gold: {gold + 1} / {gold}")
    reader.select_option("#ig-tr-season", "2027")
    expect(warning).to_have_count(0)
    row = reader.locator(".ig-tracker__signals tbody tr")
    expect(row).to_contain_text(LABELS["signals_unknown"])
    expect(row.get_by_role("link", name=LABELS["signals_check"])).to_have_attribute(
        "href", CONTENT.sources[CONTENT.signals.check_source].url)
    expect(reader.locator("#ig-tr-signal-hint")).to_contain_text("2025")


def test_filters_and_sorting(reader: Page, site: BuiltSite):
    open_tracker(reader, site)
    fill_five(reader)
    rows = reader.locator(".ig-tracker__programs tbody tr")
    reader.select_option("#ig-tr-f-visa", "j1")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text([PROGRAMS[0][0]])
    reader.select_option("#ig-tr-f-visa", "")
    reader.select_option("#ig-tr-f-signal", "any")
    expect(rows).to_have_count(2)
    expect(reader.locator(".ig-tracker__shown")).to_have_text(f"{LABELS['showing']} 2 {LABELS['of']} 5")
    reader.select_option("#ig-tr-f-signal", "")
    reader.fill("#ig-tr-f-search", "denver")
    expect(rows).to_have_count(1)
    reader.fill("#ig-tr-f-search", "")
    header = reader.locator("th[aria-sort]").filter(has=reader.locator("[data-ig-sort='name']"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    reader.locator("[data-ig-sort='name']").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(rows.first).to_contain_text(PROGRAMS[1][0])  # St "Luke's" sorts last by name


def test_broken_older_and_newer_saved_data_never_break_the_page(reader: Page, site: BuiltSite):
    open_tracker(reader, site)
    good = {"id": "p-good", "name": "Good program", "specialty": "pediatrics", "status": "applied", "letters": []}
    bad = {"id": "p-bad", "name": "Bad program", "specialty": "no-such-specialty"}
    reader.evaluate("(v) => localStorage.setItem('ig:v1:tracker', JSON.stringify(v))",
                    {"v": 1, "season": 2027, "writers": [], "programs": [good, bad, None]})
    reader.reload()
    expect(reader.locator(".ig-tracker__programs tbody tr")).to_have_count(1)
    expect(reader.locator(".ig-tracker .ig-notice").filter(has_text=LABELS["dropped"])).to_contain_text("Bad program")

    reader.evaluate("() => localStorage.setItem('ig:v1:tracker', '{not json')")
    reader.reload()
    expect(reader.locator(".ig-tracker .ig-notice")).to_contain_text(LABELS["storage_corrupt"])
    add_program(reader, "After corruption", "pediatrics", "", "", "j1", "none")

    newer = json.dumps({"v": 99, "programs": "a shape this version does not know"})
    reader.evaluate("(text) => localStorage.setItem('ig:v1:tracker', text)", newer)
    reader.reload()
    expect(reader.locator(".ig-tracker .ig-notice")).to_contain_text(LABELS["storage_newer"])
    add_program(reader, "Kept in memory", "pediatrics", "", "", "j1", "none")
    assert reader.evaluate("() => localStorage.getItem('ig:v1:tracker')") == newer, "newer data is left untouched"


def test_bad_csv_rows_are_reported_by_line_and_the_good_ones_kept(reader: Page, site: BuiltSite, tmp_path: Path):
    open_tracker(reader, site)
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,specialty,status,date_applied,visa\n"
        "Good,Pediatrics,Applied,2026-09-24,J-1 only\n"
        "Bad date,pediatrics,applied,24/09/2026,j1\n"
        '"Multi\nline",Nope,applied,,j1\n'
        "Also good,psychiatry,,,\n",
        encoding="utf-8",
    )
    with reader.expect_file_chooser() as chooser:
        reader.get_by_role("button", name=LABELS["csv_import"]).click()
    chooser.value.set_files(str(path))
    report = reader.locator(".ig-tracker__report")
    expect(report).to_contain_text(f"{LABELS['csv_done']} 2")
    expect(report.locator(".ig-tracker__bad-rows li")).to_have_count(2)
    expect(report.locator(".ig-tracker__bad-rows li").first).to_contain_text(f"{LABELS['csv_line']} 3:")
    expect(report.locator(".ig-tracker__bad-rows li").nth(1)).to_contain_text(f"{LABELS['csv_line']} 4:")
    expect(reader.locator(".ig-tracker__programs tbody th")).to_have_count(2)


def test_the_site_wide_progress_file_carries_the_applications(reader: Page, site: BuiltSite, browser: Browser,
                                                              tmp_path: Path):
    open_tracker(reader, site)
    add_writer(reader, "Dr Ada Smith")
    add_program(reader, "Carried program", "pediatrics", "Chicago", "IL", "j1", "none", letters=("Dr Ada Smith",))
    reader.goto(site.base_url + "practice/")
    expect(reader.locator(".ig-builder")).to_be_visible()
    path = tmp_path / "progress.json"
    exported = export_progress(reader, path)
    assert [p["name"] for p in exported["applications"]["programs"]] == ["Carried program"]

    fresh = browser.new_context()
    page = fresh.new_page()
    import_progress(page, site, path)
    expect(page.locator(".ig-data__status")).to_contain_text(f"1 {LABELS['site_import']}.")
    page.goto(site.base_url + "my-applications/")
    expect(page.locator(".ig-tracker__programs tbody th")).to_contain_text(["Carried program"])
    page.get_by_role("button", name=f"{LABELS['edit']}: Carried program").click()
    expect(page.get_by_role("checkbox", name="Dr Ada Smith")).to_be_checked()
    fresh.close()


def tab_to(page: Page, selector: str) -> None:
    """Press Tab (only) until the focused element matches `selector`."""
    for _ in range(MAX_TABS):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_with_the_keyboard_alone_on_a_phone(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 390, "height": 844})
    open_tracker(reader, site)
    for name in ("Alpha Medicine", "Beta Medicine", "Gamma Medicine"):
        tab_to(reader, "#ig-tr-name")
        reader.keyboard.type(name)
        reader.keyboard.press("Tab")  # specialty
        reader.keyboard.press("ArrowDown")
        tab_to(reader, "#ig-tr-status")
        reader.keyboard.press("ArrowDown")  # applied
        reader.keyboard.press("ArrowDown")  # invited
        tab_to(reader, ".ig-tracker__form button[type='submit']")
        reader.keyboard.press("Enter")
        expect(reader.locator(".ig-tracker__status")).to_have_text(f"{LABELS['added']} {name}")
        assert reader.evaluate("() => document.activeElement.id") == "ig-tr-name", "focus returns to the form"
    for _ in range(3):
        tab_to(reader, ".ig-tracker__candidates button")
        reader.keyboard.press("Enter")
    ranks = reader.locator(".ig-tracker__ranks li strong")
    expect(ranks).to_have_text(["Alpha Medicine", "Beta Medicine", "Gamma Medicine"])
    tab_to(reader, "li[data-ig-rank]:last-child")
    reader.keyboard.press("Alt+ArrowUp")
    expect(ranks).to_have_text(["Alpha Medicine", "Gamma Medicine", "Beta Medicine"])
    focused = reader.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused == "2. Gamma Medicine", "focus follows the program"
    reader.keyboard.press("Alt+ArrowUp")
    expect(ranks).to_have_text(["Gamma Medicine", "Alpha Medicine", "Beta Medicine"])
    tab_to(reader, f"button[aria-label='{LABELS['move_down']}: Alpha Medicine']")
    reader.keyboard.press("Space")
    expect(ranks).to_have_text(["Gamma Medicine", "Beta Medicine", "Alpha Medicine"])
    overflow = reader.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "nothing is wider than the phone"


def test_without_javascript_the_page_says_what_the_tracker_needs(browser: Browser, site: BuiltSite):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base_url + "my-applications/")
    expect(page.locator(".ig-tracker__noscript")).to_have_text(LABELS["noscript"])
    expect(page.locator(".ig-tracker__privacy")).to_be_visible()
    expect(page.locator("#rank-note")).to_contain_text("true order of preference")
    context.close()


def test_tracker_in_both_palettes_passes_axe_on_a_desktop_and_a_phone(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 1280, "height": 900})
    open_tracker(reader, site)
    fill_five(reader)
    rank_three(reader)
    reader.select_option("#ig-tr-season", "2025")
    for number in range(4):
        add_program(reader, f"Extra gold {number}", "internal-medicine", "", "", "j1", "gold")
    check_phone_and_desktop_in_both_palettes(reader, "tracker", ".ig-tracker__warning")


def test_instant_navigation_loads_the_tracker_once_and_other_pages_never(reader: Page, site: BuiltSite):
    reader.goto(site.base_url)
    reader.evaluate("() => { window.__igSamePage = true; }")
    assert reader.locator("script[src*='pages/ig-tracker']").count() == 0, "other pages do not load the tracker"
    reader.locator(".md-nav").get_by_role("link", name=TRACKER.title).first.click()
    expect(reader.locator(".ig-tracker[data-ig-ready] #ig-tr-name")).to_be_visible()
    add_program(reader, "Kept across pages", "pediatrics", "", "", "j1", "none")
    reader.locator(".md-nav").get_by_role("link", name=CONTENT.costs.title).first.click()
    expect(reader.locator(".ig-tracker")).to_have_count(0)
    reader.locator(".md-nav").get_by_role("link", name=TRACKER.title).first.click()
    expect(reader.locator(".ig-tracker__programs tbody tr")).to_have_count(1)
    assert reader.evaluate("() => window.__igSamePage === true"), "instant navigation, not a reload"
    loads = "() => performance.getEntriesByType('resource').filter((e) => e.name.includes('ig-tracker-page.js')).length"
    assert reader.evaluate(loads) == 1, "the tracker's code is downloaded once"
