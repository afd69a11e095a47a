"""The Costs page as a reader uses it: three plans give the expected totals; the share link
reproduces one in a fresh browser; the CSV has one row per line; printing shows the table
without the form; the keyboard alone works; a phone, both palettes, axe-core."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from imgguide import costs
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .conftest import axe_in_both_palettes, screenshot, use_palette

CONTENT = load_content(PROJECT)
LABELS = CONTENT.costs.labels
DATA = costs.data(CONTENT.costs)
SCENARIOS = {s["name"]: s for s in json.loads((PROJECT / "tests/costs_scenarios.json").read_text())["scenarios"]}
DEFAULT = next(s for name, s in SCENARIOS.items() if name.startswith("default"))
H1B = next(s for name, s in SCENARIOS.items() if name.startswith("H-1B"))
IN_US = next(s for name, s in SCENARIOS.items() if name.startswith("testing in the US"))


def total_text(total: dict) -> str:
    return (f"{LABELS['low']} ${total['low']:,} \u00b7 {LABELS['typical']} ${total['typical']:,} "
            f"\u00b7 {LABELS['high']} ${total['high']:,}")


def open_costs(page: Page, site: BuiltSite, query: str = "") -> None:
    page.goto(site.base_url + "costs/" + query)
    expect(page.locator(".ig-costs__form")).to_be_visible()


def set_plan(page: Page, inputs: dict) -> None:
    """Fill the form as a reader would, starting from the example."""
    page.get_by_role("button", name=LABELS["reset"]).click()
    form = page.locator(".ig-costs__form")
    for key, value in inputs.items():
        if key == "programs":
            for number, programs in enumerate(value, start=1):
                form.locator(f"#ig-costs-programs-{number}").fill(str(programs))
        elif key in ("region", "usce_level", "visa"):
            form.locator(f"input[name='{key}'][value='{value}']").check()
        elif key == "pathway":
            form.locator(f"input[name='pathway'][value='{'yes' if value else 'no'}']").check()
        elif key in ("step_3", "late_registration"):
            form.locator(f"input[name='{key}']").set_checked(value)
        else:
            form.locator(f"#ig-costs-{key}").fill(str(value))


def summary(page: Page) -> str:
    return page.locator(".ig-costs__summary").inner_text()


def rows(page: Page) -> list[str]:
    return page.locator(".ig-costs__line").all_inner_texts()


def test_a_reader_sets_three_plans_and_gets_the_expected_totals(reader: Page, site: BuiltSite):
    open_costs(reader, site)
    expect(reader.locator(".ig-costs__summary")).to_contain_text(total_text(DEFAULT["expect"]["total"]))
    set_plan(reader, H1B["inputs"])
    expect(reader.locator(".ig-costs__summary")).to_contain_text(total_text(H1B["expect"]["total"]))
    expect(reader.locator(".ig-costs__h1b")).to_be_visible()  # who pays the petition, and the $100,000
    expect(reader.locator("[data-ig-cost='step-3-exam']")).to_be_visible()  # Step 3 comes with the H-1B
    expect(reader.locator("[data-ig-cost='eras-programs']")).to_have_count(2)
    set_plan(reader, IN_US["inputs"])
    expect(reader.locator(".ig-costs__summary")).to_contain_text(total_text(IN_US["expect"]["total"]))
    expect(reader.locator(".ig-costs__h1b")).to_be_hidden()
    expect(reader.locator("[role=status][data-ig-costs-status]")).to_contain_text(
        total_text(IN_US["expect"]["total"]))
    # lines not confirmed for this season are marked in words, not only by colour
    expect(reader.locator(".ig-costs__line--flagged .ig-costs__flag").first).to_contain_text(
        LABELS["flagged"].replace("{season}", str(DATA["season"])))


def test_the_share_link_reproduces_the_estimate_in_a_fresh_browser(reader: Page, site: BuiltSite, browser: Browser):
    open_costs(reader, site)
    set_plan(reader, H1B["inputs"])
    expect(reader).to_have_url(re.compile(r"programs=60%2C20&.*visa=h1b"))
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"])
    reader.get_by_role("button", name=LABELS["share"]).click()
    expect(reader.locator(".ig-costs__message")).to_have_text(LABELS["share_done"])
    link = reader.evaluate("() => navigator.clipboard.readText()")
    assert link == reader.url
    reader.get_by_role("button", name=LABELS["text"]).click()
    expect(reader.locator(".ig-costs__message")).to_have_text(LABELS["text_done"])
    text = reader.evaluate("() => navigator.clipboard.readText()")
    assert f"{LABELS['total']}: {total_text(H1B['expect']['total'])}" in text
    assert "ERAS applications (Specialty 2): $220" in text and text.rstrip().endswith(link)
    mine_summary, mine_rows = summary(reader), rows(reader)
    fresh = browser.new_context(service_workers="block")
    page = fresh.new_page()
    page.goto(link)
    expect(page.locator(".ig-costs__summary")).to_have_text(mine_summary)
    assert rows(page) == mine_rows
    expect(page.locator("#ig-costs-programs-2")).to_have_value("20")
    expect(page.locator("input[name='visa'][value='h1b']")).to_be_checked()
    fresh.close()


def test_the_csv_has_one_row_per_line_then_the_subtotals_and_the_total(reader: Page, site: BuiltSite,
                                                                        tmp_path: Path):
    open_costs(reader, site)
    set_plan(reader, {"programs": [43, 7, 0]})
    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["csv"]).click()
    assert download.value.suggested_filename == LABELS["csv_name"]
    path = tmp_path / "costs.csv"
    download.value.save_as(path)
    table = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    expected = costs.estimate(DATA, {**DATA["defaults"], "programs": [43, 7, 0]})
    assert table[0] == [LABELS[key] for key in ("phase", "item", "detail", "low", "typical", "high", "season",
                                                "confidence", "sources")]
    body = table[1:1 + len(expected["lines"])]
    assert [row[1] for row in body] == [line["label"] for line in expected["lines"]]
    eras = [row for row in body if row[1].startswith("ERAS applications")]
    assert [row[4] for row in eras] == ["720", "77"]  # AAMC's own example: $797 in all
    subtotals = table[1 + len(expected["lines"]):-1]
    assert [row[0] for row in subtotals] == [phase["label"] for phase in expected["phases"]]
    assert table[-1][1:6] == [LABELS["total"], "", *(str(expected["total"][k]) for k in ("low", "typical", "high"))]


def test_printing_shows_the_table_and_hides_the_controls(reader: Page, site: BuiltSite):
    open_costs(reader, site, "?programs=31&visa=h1b")
    reader.emulate_media(media="print")
    expect(reader.locator(".ig-costs__table")).to_be_visible()
    expect(reader.locator("[data-ig-cost='eras-programs']")).to_contain_text("$360")
    expect(reader.locator(".ig-costs__form")).to_be_hidden()
    expect(reader.locator(".ig-costs__actions")).to_be_hidden()
    expect(reader.locator(".ig-costs__h1b")).to_be_visible()


def test_the_estimator_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    open_costs(reader, site)
    reader.locator("#ig-costs-programs-1").focus()
    reader.keyboard.press("Control+A")
    reader.keyboard.type("31")
    expect(reader.locator("[data-ig-cost='eras-programs']")).to_contain_text("$360")
    reader.keyboard.press("Tab")  # to specialty 2
    reader.keyboard.type("5")
    expect(reader.locator("[data-ig-cost='eras-programs']")).to_have_count(2)
    reader.locator("input[name='visa'][value='j1']").focus()
    reader.keyboard.press("ArrowDown")
    expect(reader.locator("input[name='visa'][value='h1b']")).to_be_checked()
    expect(reader.locator(".ig-costs__h1b")).to_be_visible()
    reader.keyboard.press("Tab")
    reader.keyboard.press("Space")
    expect(reader.locator("input[name='step_3']")).to_be_checked()
    reader.get_by_role("button", name=LABELS["reset"]).focus()
    reader.keyboard.press("Enter")
    expect(reader.locator(".ig-costs__summary")).to_contain_text(total_text(DEFAULT["expect"]["total"]))
    expect(reader.locator("input[name='visa'][value='j1']")).to_be_checked()


def test_the_plan_is_kept_in_this_browser(reader: Page, site: BuiltSite):
    open_costs(reader, site)
    reader.locator("#ig-costs-ranks").fill("25")
    expect(reader.locator("[data-ig-cost='nrmp-extra-ranks']")).to_contain_text("$150")
    reader.goto(site.base_url + "costs/")
    expect(reader.locator("#ig-costs-ranks")).to_have_value("25")


def test_on_a_phone_and_in_both_palettes(reader: Page, site: BuiltSite):
    for width in (1280, 390):
        reader.set_viewport_size({"width": width, "height": 900})
        open_costs(reader, site, "?programs=60,20&usce_months=2&interviews=10&in_person_percent=30")
        assert reader.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        for scheme in ("light", "dark"):
            use_palette(reader, scheme)
            screenshot(reader, f"costs-{width}-{scheme}")
        assert axe_in_both_palettes(reader) == {"light": [], "dark": []}, width


def test_without_javascript_the_example_estimate_is_there(browser: Browser, site: BuiltSite):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base_url + "costs/")
    expect(page.locator(".ig-costs__summary")).to_contain_text(total_text(DEFAULT["expect"]["total"]))
    expect(page.locator(".ig-costs__noscript")).to_be_visible()
    expect(page.locator(".ig-costs__form")).to_be_hidden()
    context.close()


def test_another_tool_can_pass_its_program_and_rank_counts_in_the_address(reader: Page, site: BuiltSite):
    open_costs(reader, site, "?programs=80,20&ranks=22")
    expect(reader.locator("#ig-costs-programs-1")).to_have_value("80")
    eras = reader.locator("[data-ig-cost='eras-programs']")
    expect(eras).to_have_count(2)
    expect(eras.nth(0)).to_contain_text("$1,830")  # 30 x $11 + 50 x $30
    expect(eras.nth(1)).to_contain_text("$220")
    expect(reader.locator("[data-ig-cost='nrmp-extra-ranks']")).to_contain_text("$60")
    expect(reader.locator("input[name='visa'][value='j1']")).to_be_checked()  # the rest keeps its default


def test_arriving_from_the_planner_by_instant_navigation_starts_the_estimator(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + "planner/")
    reader.evaluate("() => { window.igStayed = true; }")
    reader.locator("article").get_by_role("link", name="cost estimator").click()
    expect(reader.locator(".ig-costs__form")).to_be_visible()
    expect(reader.locator(".ig-costs__actions")).to_be_visible()
    assert reader.evaluate("() => window.igStayed === true")  # no full page load: instant navigation
