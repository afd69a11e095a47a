"""Spaced review as a reader uses it (issue 15): grading after each tutor question, the
clock moving on (Playwright's clock API) until a question is due, the error log, past
blocks, topic and difficulty filters, export/import of the schedule, the reader's own time
zone, the keyboard alone, axe-core, a 390 px phone and no layout shift while the bank loads.

The scheduling itself (FSRS-6 through the vendored ts-fsrs, migration, corrupt cards, local
days) is specified by tests/js/review.test.js."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ..conftest import BuiltSite
from .conftest import SCREENSHOTS, Guard, axe_in_both_palettes, run_axe, screenshot, use_palette
from .test_practice import CONTENT, FIRST_STEP, LABELS, answer_current, practice, start_block, stored

# 2 December 2026, 20:00 UTC: "today" for the guide's readers.
NOW = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def at(reader: Page, when: datetime) -> None:
    """Freeze the page's clock (Date.now and new Date) at `when`; timers still run."""
    reader.clock.set_fixed_time(when)


def due_filter(reader: Page):
    return reader.locator("label[for='ig-filter-due']")


def tutor_block_wrong_then_right(reader: Page) -> tuple[str, str]:
    """Answer a 2-question tutor block of the first step: the first wrong, the second right."""
    start_block(reader, steps=(FIRST_STEP,), count=2)
    wrong = answer_current(reader, False)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["next"]).click()
    right = answer_current(reader, True)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-score")).to_be_visible()
    return wrong, right


def grade_button(reader: Page, grade: str):
    return reader.locator(f".ig-grade__button--{grade}")


# ------------------------------------------------------------------ journeys ----------


def test_tutor_verdict_and_next_come_first_then_grades_with_their_intervals(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 1280, "height": 900})
    at(reader, NOW)
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP,), count=2)
    answer_current(reader, False)
    check = reader.get_by_role("button", name=LABELS["check"])
    # The reader scrolled so that "Check answer" is the last thing on screen.
    check.evaluate("b => window.scrollBy(0, b.getBoundingClientRect().bottom - window.innerHeight + 2)")
    check.click()
    article = reader.locator(".ig-runner .ig-question")
    feedback = article.locator(".ig-question__feedback")
    expect(feedback).to_contain_text(LABELS["incorrect"])
    next_button = reader.get_by_role("button", name=LABELS["next"])
    expect(next_button).to_be_focused()
    # Order in the question: options, verdict, Next, explanations, then the grades.
    order = article.evaluate(
        """a => ['.ig-options', '.ig-question__feedback', '.ig-runner__actions', '.ig-question__answer', '.ig-grade']
              .map(s => a.querySelector(s).getBoundingClientRect().top)"""
    )
    assert order == sorted(order)
    box = next_button.bounding_box()
    assert box["y"] + box["height"] <= 900, "Next is in view right after Check answer"
    # A wrong answer is graded Again; each button tells when the question comes back.
    expect(grade_button(reader, "again")).to_have_attribute("aria-pressed", "true")
    expect(grade_button(reader, "again")).to_contain_text(LABELS["interval_day"])
    expect(grade_button(reader, "good")).to_contain_text(LABELS["interval_days"].replace("{n}", "3"))
    grade_button(reader, "hard").click()
    expect(grade_button(reader, "hard")).to_have_attribute("aria-pressed", "true")
    expect(grade_button(reader, "again")).to_have_attribute("aria-pressed", "false")
    question = article.get_attribute("data-ig-question")
    assert stored(reader, "quiz:" + question)["c"]["g"] == "hard"
    assert run_axe(reader) == []


def test_wrong_with_again_is_due_tomorrow_right_with_good_is_not(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site)
    wrong, right = tutor_block_wrong_then_right(reader)
    assert stored(reader, "quiz:" + wrong)["c"]["g"] == "again"
    assert stored(reader, "quiz:" + right)["c"]["g"] == "good"
    reader.get_by_role("button", name=LABELS["new_block"]).click()
    expect(due_filter(reader)).to_contain_text("(0)")

    at(reader, NOW + DAY)
    practice(reader, site)
    expect(due_filter(reader)).to_contain_text("(1)")
    expect(reader.locator(".ig-due__count")).to_contain_text(f"{LABELS['due_today']} 1")
    start_block(reader, steps=(FIRST_STEP,), count=5, filter="due")
    expect(reader.locator(".ig-runner .ig-question")).to_have_attribute("data-ig-question", wrong)
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"{LABELS['of']} 1")

    # The home page says so too, in one line.
    reader.goto(site.base_url)
    expect(reader.locator(".ig-due-line")).to_contain_text(f"{LABELS['home_due']} 1")


def test_todays_review_mixes_in_new_questions_up_to_the_daily_limit(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site)
    tutor_block_wrong_then_right(reader)
    at(reader, NOW + DAY)
    practice(reader, site)
    limit = CONTENT.practice.settings.review_new_per_day
    expect(reader.locator(".ig-due__count")).to_contain_text(f"+ {limit} {LABELS['due_new']}")
    reader.get_by_role("button", name=LABELS["review_start"]).click()
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"{LABELS['of']} {1 + limit}")


def test_the_error_log_lists_the_wrong_answer_and_practises_it(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP,), count=2)
    wrong = answer_current(reader, False)
    chosen = reader.locator(".ig-runner .ig-option__input:checked").get_attribute("value")
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.locator(".ig-flag").click()
    reader.locator(".ig-runner__note summary").click()
    reader.locator("#ig-note").fill("the pathway deadline")
    reader.get_by_role("button", name=LABELS["next"]).click()
    answer_current(reader, True)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()

    question = next(q for q in CONTENT.questions if q.id == wrong)
    mine = next(o for o in question.options if o.id == chosen)
    right = next(o for o in question.options if o.correct)
    log = reader.locator(".ig-errors__item")
    expect(log).to_have_count(1)
    entry = log.first
    expect(entry).to_have_attribute("data-ig-id", wrong)
    expect(entry).to_contain_text(mine.text)
    expect(entry).to_contain_text(right.text)
    expect(entry).to_contain_text(" ".join(right.rationale.split()))
    expect(entry).to_contain_text("the pathway deadline")
    expect(entry).to_contain_text(LABELS["flagged"])
    reader.locator("#ig-errors-step").select_option(CONTENT.steps[1].id) if reader.locator(
        f"#ig-errors-step option[value='{CONTENT.steps[1].id}']").count() else None
    reader.locator("#ig-errors-step").select_option(FIRST_STEP)
    expect(log).to_have_count(1)
    reader.get_by_role("button", name=LABELS["errors_practise"]).click()
    expect(reader.locator(".ig-runner .ig-question")).to_have_attribute("data-ig-question", wrong)
    assert run_axe(reader) == []


def test_timed_blocks_are_graded_at_the_end_and_the_grade_can_be_changed(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP,), count=1, mode="timed")
    wrong = answer_current(reader, False)
    expect(reader.locator(".ig-grade")).to_have_count(0)  # no grading during a timed block
    reader.get_by_role("button", name=LABELS["finish"]).click()
    review = reader.locator(f".ig-review__list [data-ig-id='{wrong}']")
    expect(review.locator(".ig-grade__button--again")).to_have_attribute("aria-pressed", "true")
    review.locator(".ig-grade__button--good").click()
    expect(review.locator(".ig-grade__button--good")).to_have_attribute("aria-pressed", "true")
    card = stored(reader, "quiz:" + wrong)["c"]
    assert card["g"] == "good" and card["r"] == 1


def test_a_past_block_opens_its_full_review_and_retries_the_wrong_ones(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site)
    wrong, right = tutor_block_wrong_then_right(reader)
    reader.goto(site.base_url + "practice/")
    rows = reader.locator(".ig-history__blocks tbody tr")
    expect(rows).to_have_count(1)
    rows.first.get_by_role("button", name=LABELS["history_open"]).click()
    expect(reader.locator(".ig-practice__heading")).to_contain_text(LABELS["past_heading"])
    items = reader.locator(".ig-review__list > li")
    expect(items).to_have_count(2)
    expect(items.first.locator(".ig-option--chosen-wrong")).to_have_count(1)
    expect(items.first.locator(".ig-rationale").first).to_be_visible()
    expect(items.first.locator(".ig-review__time")).to_contain_text(LABELS["time_per_question"])
    reader.get_by_role("button", name=LABELS["retry_incorrect"]).click()
    expect(reader.locator(".ig-runner .ig-question")).to_have_attribute("data-ig-question", wrong)
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"{LABELS['of']} 1")


def test_blocks_by_topic_and_difficulty_and_performance_by_topic(reader: Page, site: BuiltSite):
    practice(reader, site)
    topic = CONTENT.questions[0].topics[0]
    questions = [q for q in CONTENT.questions if topic in q.topics and q.difficulty in (1, 2)]
    builder = reader.locator(".ig-builder")
    builder.locator(".ig-builder__topics summary").click()
    builder.locator(".ig-builder__topics").get_by_role("button", name=LABELS["select_none"]).click()
    expect(builder.locator(".ig-builder__summary")).to_have_text(LABELS["none_matching"])
    builder.locator(f"#ig-topic-{topic}").check()
    builder.locator("#ig-difficulty-3").uncheck()
    expect(builder.locator(".ig-builder__summary")).to_have_text(f"{len(questions)} {LABELS['matching']}")
    expect(builder.locator(f"label[for='ig-topic-{topic}']")).to_have_text(CONTENT.practice.topics[topic])
    builder.locator("#ig-count").fill("1")
    builder.get_by_role("button", name=LABELS["start"]).click()
    shown = reader.locator(".ig-runner .ig-question").get_attribute("data-ig-question")
    assert shown in {q.id for q in questions}
    answer_current(reader, True)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.locator("#ig-group-topic").check()
    table = reader.locator(".ig-history__performance table")
    expect(table.locator("thead th").first).to_have_text(LABELS["topic"])
    asked = next(q for q in CONTENT.questions if q.id == shown)
    expect(table.locator("tbody th")).to_have_text(
        sorted((CONTENT.practice.topics[t] for t in asked.topics), key=str.lower))


def test_export_reset_import_keeps_the_schedule(reader: Page, site: BuiltSite, tmp_path: Path):
    at(reader, NOW)
    practice(reader, site)
    wrong, right = tutor_block_wrong_then_right(reader)
    cards = {qid: stored(reader, "quiz:" + qid)["c"] for qid in (wrong, right)}
    with reader.expect_download() as download:
        reader.get_by_role("button", name=LABELS["export"]).click()
    path = tmp_path / "progress.json"
    download.value.save_as(path)
    assert json.loads(path.read_text())["version"] == 2
    reader.get_by_role("button", name=LABELS["reset"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["reset_yes"]).click()
    expect(reader.locator(".ig-data__status")).to_have_text(LABELS["reset_done"])  # the reset has run
    assert stored(reader, "quiz:" + wrong) is None
    with reader.expect_file_chooser() as chooser:
        reader.get_by_role("button", name=LABELS["import"]).click()
    chooser.value.set_files(str(path))
    expect(reader.locator(".ig-data__status")).to_contain_text(LABELS["import_done"])
    assert {qid: stored(reader, "quiz:" + qid)["c"] for qid in (wrong, right)} == cards
    at(reader, NOW + DAY)
    practice(reader, site)
    expect(due_filter(reader)).to_contain_text("(1)")


def test_grading_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    at(reader, NOW)
    practice(reader, site, f"?steps={FIRST_STEP}")
    reader.locator("#ig-count").focus()
    reader.keyboard.press("Control+A")
    reader.keyboard.type("1")
    reader.keyboard.press("Enter")
    expect(reader.locator(".ig-runner .ig-question__stem")).to_be_focused()
    article = reader.locator(".ig-runner .ig-question")
    answer = article.get_attribute("data-ig-answer")
    keys = article.locator(".ig-option").evaluate_all("rows => rows.map(r => r.dataset.igOption)")
    reader.keyboard.press(str(next(i for i, k in enumerate(keys) if k != answer) + 1))
    check = reader.get_by_role("button", name=LABELS["check"])
    for _ in range(3):
        reader.keyboard.press("Tab")
        if check.evaluate("button => button === document.activeElement"):
            break
    reader.keyboard.press("Enter")
    finish = reader.get_by_role("button", name=LABELS["finish"])
    expect(finish).to_be_focused()  # the last question: Finish, right under the verdict
    easy = grade_button(reader, "easy")
    for _ in range(40):
        reader.keyboard.press("Tab")
        if easy.evaluate("button => button === document.activeElement"):
            break
    expect(easy).to_be_focused()
    reader.keyboard.press("Enter")
    expect(easy).to_have_attribute("aria-pressed", "true")
    assert stored(reader, "quiz:" + article.get_attribute("data-ig-question"))["c"]["g"] == "easy"


@pytest.mark.parametrize(
    ("zone", "before_midnight", "after_midnight"),
    [
        # Reviewed with Again at 20:00 UTC on 2 Dec: due at 20:00 UTC on 3 Dec.
        ("Pacific/Kiritimati", datetime(2026, 12, 3, 9, 59, tzinfo=UTC), datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
        ("Pacific/Honolulu", datetime(2026, 12, 3, 9, 59, tzinfo=UTC), datetime(2026, 12, 3, 10, 0, tzinfo=UTC)),
    ],
)
def test_due_today_follows_the_readers_local_day(
    browser: Browser, site: BuiltSite, zone: str, before_midnight: datetime, after_midnight: datetime
):
    """Local midnight is 10:00 UTC in both UTC+14 (start of 4 Dec) and UTC-10 (start of 3 Dec):
    the card is due "today" from that midnight on, hours before its exact due time."""
    context = browser.new_context(timezone_id=zone)
    guard = Guard(site.base_url)
    guard.watch_requests(context)
    reader = context.new_page()
    reader.set_default_timeout(10_000)
    at(reader, NOW)
    practice(reader, site)
    assert reader.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
    start_block(reader, steps=(FIRST_STEP,), count=1)
    answer_current(reader, False)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    at(reader, before_midnight)
    practice(reader, site)
    expect(due_filter(reader)).to_contain_text("(0)")
    at(reader, after_midnight)
    practice(reader, site)
    expect(due_filter(reader)).to_contain_text("(1)")
    context.close()
    assert guard.foreign_requests == []


@pytest.mark.parametrize("width", [390, 1280])
def test_no_layout_shift_while_the_bank_loads(reader: Page, site: BuiltSite, width: int):
    reader.set_viewport_size({"width": width, "height": 844 if width == 390 else 900})
    reader.add_init_script(
        """
        window.igShifts = [];
        new PerformanceObserver(list => {
          list.getEntries().forEach(e => { if (!e.hadRecentInput) window.igShifts.push(e.value); });
        }).observe({type: 'layout-shift', buffered: true});
        """
    )
    # The bank arrives late, as on a slow phone connection: held until the page has shown
    # its loading line, then let through.
    held = []
    reader.route("**/question-bank.*.json", lambda route: held.append(route))
    reader.goto(site.base_url + "practice/")
    expect(reader.locator(".ig-practice__view--loading")).to_be_visible()
    deadline = time.monotonic() + 10
    while not held:  # each round trip to the page lets Playwright hand us the held request
        assert time.monotonic() < deadline, "the page never asked for the bank"
        reader.evaluate("() => 0")
    held[0].continue_()
    expect(reader.locator(".ig-builder")).to_be_visible()
    # Layout-shift entries reach the observer after the next frames are drawn: wait for them.
    reader.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shift = reader.evaluate("() => window.igShifts.reduce((a, b) => a + b, 0)")
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"


def test_review_views_on_a_390px_phone_with_axe(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 390, "height": 844})
    at(reader, NOW)
    practice(reader, site)
    tutor_block_wrong_then_right(reader)
    at(reader, NOW + DAY)
    practice(reader, site)
    screenshot(reader, "phone-review-builder")
    reader.locator(".ig-due").screenshot(path=str(SCREENSHOTS / "phone-review-due-panel.png"))
    reader.get_by_role("button", name=LABELS["review_start"]).click()
    answer_current(reader, False)
    reader.get_by_role("button", name=LABELS["check"]).click()
    overflow = reader.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    reader.evaluate("() => window.scrollTo(0, 0)")
    screenshot(reader, "phone-review-graded")
    reader.locator(".ig-runner .ig-question").screenshot(path=str(SCREENSHOTS / "phone-review-question.png"))
    reader.locator(".ig-practice__errors").screenshot(path=str(SCREENSHOTS / "phone-review-error-log.png"))
    assert axe_in_both_palettes(reader) == {"light": [], "dark": []}
    use_palette(reader, "dark")
    screenshot(reader, "phone-review-graded-dark")
