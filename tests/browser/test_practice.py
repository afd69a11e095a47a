"""The question bank as a reader uses it: inline blocks on step pages, and the Practice
page's tutor and timed blocks, filters, review, history, persistence, export/import,
broken or missing storage, a phone, the keyboard alone and axe-core.

These are journeys; the logic under them (scoring, statistics, timer warnings, storage
versions and migration, import checks) is specified by the node tests in tests/js/."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

from playwright.sync_api import Browser, Page, expect

from imgguide.quizhtml import QuestionMarkup
from imgguide.validate import load_content

from ..conftest import PROJECT, BuiltSite
from .conftest import address, axe_in_both_palettes, run_axe, screenshot

CONTENT = load_content(PROJECT)
LABELS = CONTENT.practice.labels
FIRST_STEP, SECOND_STEP = CONTENT.steps[0].id, CONTENT.steps[1].id


def practice(reader: Page, site: BuiltSite, query: str = "") -> None:
    reader.goto(site.base_url + "practice/" + query)
    expect(reader.locator(".ig-builder")).to_be_visible()


def start_block(reader: Page, steps=(FIRST_STEP, SECOND_STEP), count=5, mode="tutor", filter="all", seconds=None):
    builder = reader.locator(".ig-builder")
    builder.get_by_role("button", name=LABELS["select_none"]).click()
    for step in steps:
        builder.locator(f"#ig-step-{step}").check()
    builder.locator(f"#ig-filter-{filter}").check()
    builder.locator(f"#ig-mode-{mode}").check()
    if seconds:
        builder.locator("#ig-seconds").fill(str(seconds))
    builder.locator("#ig-count").fill(str(count))
    builder.get_by_role("button", name=LABELS["start"]).click()
    expect(reader.locator(".ig-runner")).to_be_visible()


def answer_current(reader: Page, correctly: bool) -> str:
    """Choose the right (or a wrong) option of the question on screen; return the question id."""
    article = reader.locator(".ig-runner .ig-question")
    answer = article.get_attribute("data-ig-answer")
    options = article.locator(".ig-option")
    for index in range(options.count()):
        option_id = options.nth(index).get_attribute("data-ig-option")
        if (option_id == answer) == correctly:
            options.nth(index).locator("label").click()
            break
    return article.get_attribute("data-ig-question")


def export_progress(page: Page, path: Path) -> dict:
    """Export the progress file from the Practice page on screen into `path`; return its JSON."""
    with page.expect_download() as download:
        page.get_by_role("button", name=LABELS["export"]).click()
    download.value.save_as(path)
    return json.loads(path.read_text())


def choose_progress_file(page: Page, path: Path) -> None:
    """Import the progress file at `path` on the Practice page on screen."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=LABELS["import"]).click()
    chooser.value.set_files(str(path))


def import_progress(page: Page, site: BuiltSite, path: Path) -> None:
    """Open the Practice page (as in another browser) and import the progress file at `path`."""
    page.goto(site.base_url + "practice/")
    expect(page.locator(".ig-builder")).to_be_visible()
    choose_progress_file(page, path)


def stored(reader: Page, name: str):
    return reader.evaluate("(name) => JSON.parse(localStorage.getItem('ig:v1:' + name))", name)


# ------------------------------------------------------------------ step pages --------


def test_step_page_block_checks_an_answer_in_words_and_saves_it(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + f"steps/{FIRST_STEP}/")
    article = reader.locator(".ig-practice-block article.ig-question").first
    expect(article.locator(".ig-question__answer")).to_be_hidden()
    article.get_by_role("button", name=LABELS["check"]).click()
    expect(article.locator(".ig-question__feedback")).to_have_text(LABELS["choose_first"])
    answer = article.get_attribute("data-ig-answer")
    wrong = article.locator(f".ig-option:not([data-ig-option='{answer}'])").first
    wrong_index = article.locator(".ig-option").evaluate_all(
        "(rows, id) => rows.findIndex(r => r.dataset.igOption === id)", wrong.get_attribute("data-ig-option"))
    article.locator(".ig-option__input").first.focus()
    reader.keyboard.press(str(wrong_index + 1))  # number keys choose an option
    article.get_by_role("button", name=LABELS["check"]).click()
    feedback = article.locator(".ig-question__feedback")
    expect(feedback).to_have_text(re.compile("^" + re.escape(LABELS["incorrect"] + " " + LABELS["answer_is"])))
    expect(article.locator(".ig-option--answer .ig-option__verdict")).to_contain_text(LABELS["correct_answer"])
    expect(wrong.locator(".ig-option__verdict")).to_have_text(LABELS["your_answer"])
    expect(article.locator(".ig-question__answer")).to_be_visible()
    expect(article.locator(".ig-rationale")).to_have_count(article.locator(".ig-option").count())
    record = stored(reader, "quiz:" + article.get_attribute("data-ig-question"))
    assert record["v"] == 2 and record["a"][-1][1:3] == [wrong.get_attribute("data-ig-option"), 0]
    assert record["c"]["g"] == "again"  # every answer schedules the question (wrong: Again)
    assert run_axe(reader) == []


def test_step_page_links_to_the_practice_page_filtered_to_that_step(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + f"steps/{SECOND_STEP}/")
    reader.locator(".ig-practice-block__more").click()
    expect(reader).to_have_url(address(site.base_url + f"practice/?steps={SECOND_STEP}"))
    expect(reader.locator(f"#ig-step-{SECOND_STEP}")).to_be_checked()
    expect(reader.locator(f"#ig-step-{FIRST_STEP}")).not_to_be_checked()


def test_without_javascript_every_question_is_readable_with_its_answer(browser: Browser, site: BuiltSite):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.base_url + f"question-bank/{FIRST_STEP}/")
    articles = page.locator("article.ig-question")
    expect(articles).to_have_count(len(CONTENT.questions_for(FIRST_STEP)))
    first = articles.first
    expect(first.locator(".ig-question__verdict")).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator(".ig-question__verdict")).to_be_visible()
    expect(first.locator(".ig-rationale")).to_have_count(first.locator(".ig-option").count())
    page.goto(site.base_url + "practice/")
    expect(page.locator(".ig-practice__status")).to_have_text(LABELS["noscript"])
    context.close()


# ------------------------------------------------------------------ tutor block -------


def test_full_tutor_block_with_results_review_and_history(reader: Page, site: BuiltSite):
    practice(reader, site)
    start_block(reader, count=5)
    results = []
    for number in range(1, 6):
        position = f"{LABELS['question']} {number} {LABELS['of']} 5"
        expect(reader.locator(".ig-runner__position")).to_contain_text(position)
        correct = number % 2 == 1
        answer_current(reader, correct)
        reader.get_by_role("button", name=LABELS["check"]).click()
        expected = LABELS["correct"] if correct else LABELS["incorrect"]
        expect(reader.locator(".ig-runner .ig-question__feedback")).to_contain_text(expected)
        expect(reader.locator(".ig-runner .ig-question__answer")).to_be_visible()
        results.append(correct)
        if number < 5:
            reader.get_by_role("button", name=LABELS["next"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-score")).to_contain_text(f"{LABELS['score']}: 3 {LABELS['of']} 5")
    expect(reader.locator(".ig-score")).to_contain_text("60%")
    expect(reader.get_by_role("heading", name=LABELS["results_heading"])).to_be_focused()
    review = reader.locator(".ig-review__list > li")
    expect(review).to_have_count(5)
    expect(review.locator(".ig-question__answer[open]")).to_have_count(5)
    reader.locator("#ig-review-incorrect").check()
    expect(reader.locator(".ig-review__list > li:visible")).to_have_count(2)
    history = reader.locator(".ig-history__blocks tbody tr")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("3 (60%)")
    assert run_axe(reader) == []
    reader.get_by_role("button", name=LABELS["retry_incorrect"]).click()
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"1 {LABELS['of']} 2")


# Math.random replaced by a seeded generator (Park-Miller), so shuffles repeat exactly.
SEEDED_RANDOM = "Math.random = (() => { let s = 7; return () => (s = (s * 16807) % 2147483647) / 2147483647; })();"


def shown_order(reader: Page, where: str) -> list[str]:
    return reader.locator(f"{where} .ig-option").evaluate_all("rows => rows.map(r => r.dataset.igOption)")


def test_options_keep_the_order_of_every_page_unless_the_reader_asks_to_shuffle(reader: Page, site: BuiltSite):
    by_id = {question.id: question for question in CONTENT.questions}
    reader.add_init_script(SEEDED_RANDOM)
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP,), count=3)
    for number in range(3):
        question = by_id[reader.locator(".ig-runner .ig-question").get_attribute("data-ig-question")]
        assert shown_order(reader, ".ig-runner") == [option.id for option in question.shown_options]
        answer_current(reader, True)
        reader.get_by_role("button", name=LABELS["check"]).click()
        if number < 2:
            reader.get_by_role("button", name=LABELS["next"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.get_by_role("button", name=LABELS["new_block"]).click()

    # Shuffled on request; the review shows each question as it was shown.
    reader.locator("#ig-shuffle").check()
    orders = set()
    for _ in range(3):
        start_block(reader, steps=(FIRST_STEP,), count=1)
        order = tuple(shown_order(reader, ".ig-runner"))
        orders.add((reader.locator(".ig-runner .ig-question").get_attribute("data-ig-question"), order))
        answer_current(reader, True)
        reader.get_by_role("button", name=LABELS["check"]).click()
        reader.get_by_role("button", name=LABELS["finish"]).click()
        assert tuple(shown_order(reader, ".ig-review__list")) == order
        reader.get_by_role("button", name=LABELS["new_block"]).click()
        reader.locator("#ig-shuffle").check()
    assert any(list(order) != [option.id for option in by_id[qid].shown_options] for qid, order in orders)


def test_the_practice_page_draws_every_question_exactly_as_the_static_pages_do(reader: Page, site: BuiltSite):
    """One renderer: the Practice page copies the partial's <template> and fills it from the
    bank; for every question of the bank the result equals the partial's own rendering."""
    markup = QuestionMarkup(CONTENT, PROJECT / "overrides" / "partials", use_directory_urls=True)
    in_step_order = [question for step in CONTENT.steps for question in CONTENT.questions_for(step.id)]
    static = markup.render(in_step_order, "practice.md")
    practice(reader, site)
    mismatches = reader.evaluate(
        """async (html) => {
          const root = document.querySelector("[data-ig-practice]");
          const config = JSON.parse(root.dataset.igPractice);
          const steps = {};
          for (const step of config.steps) {
            steps[step.id] = { heading: step.heading, url: step.url };
          }
          const bank = { questions: [], sources: {} };  // every part, in order: steps in order
          const indexUrl = new URL(config.bank, location.href);
          const index = await (await fetch(indexUrl)).json();
          for (const path of index.parts) {
            const part = await (await fetch(new URL(path, indexUrl))).json();
            bank.questions.push(...part.questions);
            Object.assign(bank.sources, part.sources);
          }
          const holder = document.createElement("div");
          holder.innerHTML = html;  // the Python rendering, parsed by the same browser
          const expected = holder.querySelectorAll("article.ig-question");
          const template = document.querySelector("template.ig-question-template");
          const found = [];
          bank.questions.forEach((question, index) => {
            const built = IG.quiz.fromTemplate(template, question, question.options.map((o) => o.id), {
              number: index + 1, labels: config.labels, letters: config.settings.optionLetters,
              sources: bank.sources, step: steps[question.step], prefix: "ig-"
            });
            if (built.outerHTML !== expected[index].outerHTML) {
              found.push([question.id, expected[index].outerHTML, built.outerHTML]);
            }
          });
          return {count: expected.length, found: found.slice(0, 3)};
        }""",
        static,
    )
    assert mismatches["count"] == len(CONTENT.questions)
    assert mismatches["found"] == []


# ------------------------------------------------------------------ the bank's files ---


@dataclass
class BankUrls:
    """The absolute URLs of the bank's index and of its parts (small files of a few
    questions each), from the page's data and the index."""

    index: str
    by_step: dict[str, set[str]]  # step id -> the parts holding its questions
    of_question: dict[str, str]  # question id -> the part holding it

    def of(self, question_ids) -> set[str]:
        return {self.of_question[question_id] for question_id in question_ids}


def bank_urls(reader: Page, site: BuiltSite) -> BankUrls:
    payload = json.loads(reader.locator("[data-ig-practice]").get_attribute("data-ig-practice"))
    index_url = urljoin(site.base_url + "practice/", payload["bank"])
    with urlopen(index_url) as response:  # the test's own request: not one the page made
        index = json.loads(response.read())
    parts = [urljoin(index_url, path) for path in index["parts"]]
    urls = BankUrls(index_url, {}, {})
    for entry in index["questions"]:
        urls.by_step.setdefault(entry["step"], set()).add(parts[entry["part"]])
        urls.of_question[entry["id"]] = parts[entry["part"]]
    return urls


def record_bank_requests(reader: Page) -> list[str]:
    fetched: list[str] = []
    reader.on("request", lambda request: fetched.append(request.url) if "/assets/data/" in request.url else None)
    return fetched


def wait_for_parts(reader: Page, count: int) -> None:
    """Until `count` parts have arrived (a block loads the parts after its first in the background)."""
    reader.wait_for_function(
        "(count) => performance.getEntriesByType('resource')"
        ".filter((entry) => entry.name.includes('/assets/data/question-bank/')).length >= count",
        arg=count,
    )


def block_items(reader: Page) -> list[str]:
    return [item["id"] for item in stored(reader, "active")["block"]["items"]]


def test_a_one_step_block_loads_the_index_and_that_step_only(reader: Page, site: BuiltSite):
    fetched = record_bank_requests(reader)
    practice(reader, site)
    bank = bank_urls(reader, site)
    assert fetched == [bank.index]  # the builder counts from the index alone
    expect(reader.locator("label[for='ig-filter-all']")).to_contain_text(f"({len(CONTENT.questions)})")
    start_block(reader, steps=(SECOND_STEP,), count=3)
    # The first question's part, then the parts of the others (each once), and nothing else.
    needed = bank.of(block_items(reader))
    wait_for_parts(reader, len(needed))
    assert fetched[0] == bank.index and fetched[1] == bank.of_question[block_items(reader)[0]]
    assert sorted(fetched[1:]) == sorted(needed) and needed <= bank.by_step[SECOND_STEP]
    ids = set()
    for number in range(3):
        ids.add(answer_current(reader, True))
        reader.get_by_role("button", name=LABELS["check"]).click()
        if number < 2:
            reader.get_by_role("button", name=LABELS["next"]).click()
    assert ids <= {q.id for q in CONTENT.questions_for(SECOND_STEP)}
    reader.get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-review__list > li")).to_have_count(3)
    reader.get_by_role("button", name=LABELS["new_block"]).click()
    fetched.clear()
    start_block(reader, steps=(SECOND_STEP,), count=2)  # the parts already here are kept for the visit
    wait_for_parts(reader, len(needed | bank.of(block_items(reader))))
    assert sorted(fetched) == sorted(bank.of(block_items(reader)) - needed)


def test_reviews_and_the_error_log_load_the_parts_they_show(reader: Page, site: BuiltSite):
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP, SECOND_STEP), count=len(CONTENT.questions_for(FIRST_STEP)) + 1,
                mode="timed")
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-score")).to_be_visible()
    fetched = record_bank_requests(reader)
    reader.reload()
    expect(reader.locator(".ig-builder")).to_be_visible()
    bank = bank_urls(reader, site)
    expect(reader.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    assert fetched == [bank.index]  # no error yet (nothing answered), so no part
    reader.locator(".ig-history__open").click()
    review = reader.locator(".ig-review__list > li")
    expect(review).to_have_count(len(CONTENT.questions_for(FIRST_STEP)) + 1)
    expect(review.locator(".ig-question__stem")).to_have_count(len(CONTENT.questions_for(FIRST_STEP)) + 1)
    shown = [item["id"] for item in stored(reader, "blocks")["blocks"][-1]["items"]]
    assert fetched[0] == bank.index and sorted(fetched[1:]) == sorted(bank.of(shown))  # the block's parts, once
    # Wrong answers in two steps: after a reload the error log shows both, with their text.
    first, second = CONTENT.questions_for(FIRST_STEP)[0], CONTENT.questions_for(SECOND_STEP)[0]
    wrong = {q.id: next(o.id for o in q.options if not o.correct) for q in (first, second)}
    reader.evaluate(
        """(wrong) => Object.entries(wrong).forEach(([id, option]) => localStorage.setItem('ig:v1:quiz:' + id,
             JSON.stringify({v: 1, a: [[Date.now(), option, 0, 'tutor']], f: false, n: '', u: Date.now()})))""",
        wrong,
    )
    fetched.clear()
    reader.set_viewport_size({"width": 1280, "height": 400})  # the log is well below the screen
    reader.reload()
    expect(reader.locator(".ig-errors__count")).to_contain_text("2")  # counted from the index
    reader.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert fetched == [bank.index]  # opening the page fetched no part for the log
    reader.locator(".ig-practice__errors").scroll_into_view_if_needed()  # the entries' text comes near the screen
    items = reader.locator(".ig-errors__item")
    expect(items).to_have_count(2)
    expect(items.filter(has_text=first.stem[:40])).to_have_count(1)
    expect(items.filter(has_text=second.stem[:40])).to_have_count(1)
    assert fetched[0] == bank.index and sorted(fetched[1:]) == sorted(bank.of([first.id, second.id]))


def test_a_part_that_fails_to_load_says_so_and_trying_again_works(reader: Page, site: BuiltSite, guard):
    practice(reader, site)
    bank = bank_urls(reader, site)
    failing = bank.by_step[FIRST_STEP]
    network = {"up": False}
    asked = []

    def part_file(route):
        asked.append(route.request.url)
        route.continue_() if network["up"] else route.abort()

    reader.route(lambda url: url in failing, part_file)
    builder = reader.locator(".ig-builder")
    builder.get_by_role("button", name=LABELS["select_none"]).click()
    builder.locator(f"#ig-step-{FIRST_STEP}").check()
    builder.get_by_role("button", name=LABELS["start"]).click()  # its first question's part fails
    expect(reader.get_by_role("alert")).to_have_text(LABELS["load_failed"])
    expect(reader.locator(".ig-runner")).to_have_count(0)
    assert stored(reader, "active") is None  # nothing started, nothing saved
    network["up"] = True
    builder.get_by_role("button", name=LABELS["start"]).click()  # the same button tries again
    expect(reader.locator(".ig-runner .ig-question")).to_be_visible()
    expect(reader.get_by_role("alert")).to_have_count(0)
    assert set(asked) <= failing and len(asked) >= 2
    guard.forgive_errors_from(lambda url: url in failing)


def test_a_question_whose_part_is_still_loading_waits_for_it(reader: Page, site: BuiltSite, guard):
    """A block starts once its first question's part is in; the reader may reach another
    question before that one's part: it says it is loading, then shows the question."""
    practice(reader, site)
    bank = bank_urls(reader, site)
    two_steps = bank.by_step[FIRST_STEP] | bank.by_step[SECOND_STEP]  # at least two parts
    held = []
    first = []

    def part_file(route):
        if not first:  # the first question's: let it through
            first.append(route.request.url)
            route.continue_()
        else:
            held.append(route)

    reader.route(lambda url: url in two_steps, part_file)
    start_block(reader, steps=(FIRST_STEP, SECOND_STEP), count=CONTENT.practice.settings.max_block_size,
                mode="timed")
    expect(reader.locator(".ig-runner .ig-question")).to_be_visible()
    items = block_items(reader)
    assert first == [bank.of_question[items[0]]]
    later = next(index for index, item in enumerate(items) if bank.of_question[item] != first[0])
    reader.locator(".ig-navigator__item").nth(later).click()
    expect(reader.locator(".ig-runner__question [role=status]")).to_have_text(LABELS["loading"])
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"{LABELS['question']} {later + 1} ")
    expect(reader.locator(".ig-runner .ig-question")).to_have_count(0)
    for route in held:
        route.continue_()
    stem = next(q.stem for q in CONTENT.questions if q.id == items[later])
    expect(reader.locator(".ig-runner .ig-question__stem")).to_contain_text(stem[:40])


def test_a_block_of_every_step_loads_only_the_parts_of_its_questions(reader: Page, site: BuiltSite):
    fetched = record_bank_requests(reader)
    practice(reader, site)
    bank = bank_urls(reader, site)
    count = CONTENT.practice.settings.default_block_size
    reader.locator(".ig-builder").get_by_role("button", name=LABELS["start"]).click()  # every step, as it opens
    expect(reader.locator(".ig-runner .ig-question")).to_be_visible()
    items = block_items(reader)
    assert len(items) == count
    wait_for_parts(reader, len(bank.of(items)))
    assert fetched[0] == bank.index and sorted(fetched[1:]) == sorted(bank.of(items))  # each once


# ------------------------------------------------------------------ timed block -------

PAUSED_AT = 1_796_000_000_000  # a fixed instant (milliseconds since the epoch) for the fake clock


def test_timed_block_counts_down_pauses_and_finishes_at_zero(reader: Page, site: BuiltSite):
    # A paused fake clock: only run_for() moves time, so a slow machine cannot add a second.
    reader.clock.install(time=PAUSED_AT)
    practice(reader, site)
    reader.clock.pause_at(PAUSED_AT + 60_000)
    start_block(reader, count=2, mode="timed", seconds=30)
    timer = reader.locator(".ig-timer__value")
    expect(timer).to_have_text("1:00")
    first = answer_current(reader, True)
    expect(reader.locator(".ig-runner .ig-question__answer")).to_be_hidden()  # no feedback in timed mode
    expect(reader.locator(".ig-runner .ig-question__feedback")).to_have_text("")
    reader.clock.run_for(20_000)
    expect(timer).to_have_text("0:40")
    reader.get_by_role("button", name=LABELS["pause"]).click()
    expect(reader.locator(".ig-runner__paused")).to_be_visible()
    expect(reader.locator(".ig-runner .ig-question")).to_be_hidden()
    reader.clock.run_for(120_000)
    expect(timer).to_have_text("0:40")
    reader.locator(".ig-runner__paused").get_by_role("button", name=LABELS["continue"]).click()
    reader.clock.run_for(41_000)
    expect(reader.locator(".ig-practice__alert")).to_have_text(LABELS["time_up"])
    expect(reader.locator(".ig-score")).to_contain_text(f"1 {LABELS['of']} 2")
    blocks = stored(reader, "blocks")["blocks"]
    assert blocks[-1]["mode"] == "timed" and blocks[-1]["items"][0]["id"] == first
    assert blocks[-1]["items"][1]["choice"] is None
    assert stored(reader, "active") is None


# ------------------------------------------------------------------ filters -----------


def test_filters_after_answering_unused_incorrect_and_flagged(reader: Page, site: BuiltSite):
    total = len(CONTENT.questions_for(FIRST_STEP))
    practice(reader, site)
    start_block(reader, steps=(FIRST_STEP,), count=3)
    wrong = []
    for number in range(3):
        correct = number == 0
        qid = answer_current(reader, correct)
        if not correct:
            wrong.append(qid)
        reader.get_by_role("button", name=LABELS["check"]).click()
        if number == 1:
            reader.locator(".ig-flag").click()
            expect(reader.locator(".ig-flag")).to_have_attribute("aria-pressed", "true")
        if number < 2:
            reader.get_by_role("button", name=LABELS["next"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.get_by_role("button", name=LABELS["new_block"]).click()
    builder = reader.locator(".ig-builder")
    builder.get_by_role("button", name=LABELS["select_none"]).click()
    builder.locator(f"#ig-step-{FIRST_STEP}").check()
    expect(builder.locator("label[for='ig-filter-unused']")).to_contain_text(f"({total - 3})")
    expect(builder.locator("label[for='ig-filter-incorrect']")).to_contain_text("(2)")
    expect(builder.locator("label[for='ig-filter-flagged']")).to_contain_text("(1)")
    builder.locator("#ig-filter-incorrect").check()
    expect(builder.locator(".ig-builder__summary")).to_have_text(f"2 {LABELS['matching']}")
    start_block(reader, steps=(FIRST_STEP,), count=10, filter="incorrect")
    expect(reader.locator(".ig-runner__position")).to_contain_text(f"1 {LABELS['of']} 2")
    assert reader.locator(".ig-runner .ig-question").get_attribute("data-ig-question") in wrong


# ------------------------------------------------------------------ persistence -------


def test_a_block_survives_instant_navigation_and_reload(reader: Page, site: BuiltSite):
    practice(reader, site)
    start_block(reader, count=3)
    reader.evaluate("() => { window.__igSamePage = true; }")
    chosen = answer_current(reader, False)
    reader.locator(".ig-runner__note summary").click()
    reader.locator("#ig-note").fill("Check this against the ERAS page")
    reader.get_by_role("link", name=re.compile(CONTENT.steps[0].title)).first.click()
    expect(reader).to_have_url(address(site.base_url + f"steps/{FIRST_STEP}/"))
    reader.get_by_role("link", name=CONTENT.practice.title, exact=True).first.click()
    expect(reader.locator(".ig-runner__paused")).to_be_visible()
    assert reader.evaluate("() => window.__igSamePage === true"), "instant navigation, not a reload"
    reader.locator(".ig-runner__paused").get_by_role("button", name=LABELS["continue"]).click()
    article = reader.locator(".ig-runner .ig-question")
    assert article.get_attribute("data-ig-question") == chosen
    expect(article.locator(".ig-option__input:checked")).to_have_count(1)
    expect(reader.locator("#ig-note")).to_have_value("Check this against the ERAS page")
    reader.reload()
    expect(reader.locator(".ig-runner__paused")).to_be_visible()
    reader.locator(".ig-runner__paused").get_by_role("button", name=LABELS["continue"]).click()
    expect(reader.locator(".ig-runner .ig-option__input:checked")).to_have_count(1)


def test_storage_notices_stop_listening_when_instant_navigation_replaces_the_page(reader: Page, site: BuiltSite):
    reader.goto(site.base_url + f"steps/{FIRST_STEP}/")
    reader.evaluate("() => { window.__igSamePage = true; }")
    on_step_page = reader.evaluate("() => IG.store.listenerCount()")
    assert on_step_page >= 1
    for _ in range(3):
        reader.get_by_role("link", name=CONTENT.practice.title, exact=True).first.click()
        expect(reader.locator(".ig-builder")).to_be_visible()
        reader.get_by_role("link", name=re.compile(CONTENT.steps[0].title)).first.click()
        expect(reader.locator(".ig-practice-block .ig-question__check").first).to_be_visible()
    assert reader.evaluate("() => window.__igSamePage === true"), "instant navigation, not a reload"
    assert reader.evaluate("() => IG.store.listenerCount()") == on_step_page


def test_export_then_import_into_a_fresh_browser(reader: Page, site: BuiltSite, browser: Browser, tmp_path: Path):
    practice(reader, site)
    start_block(reader, count=2)
    answer_current(reader, False)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.locator(".ig-flag").click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["finish"]).click()
    path = tmp_path / "progress.json"
    exported = export_progress(reader, path)
    assert exported["format"] == "imgguide-progress" and len(exported["blocks"]) == 1

    fresh = browser.new_context()
    page = fresh.new_page()
    import_progress(page, site, path)
    expect(page.locator(".ig-data__status")).to_have_text(
        f"{LABELS['import_done']} 1 {LABELS['import_questions']}, 1 {LABELS['import_blocks']}.")
    expect(page.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    expect(page.locator("label[for='ig-filter-incorrect']")).to_contain_text("(1)")
    expect(page.locator("label[for='ig-filter-flagged']")).to_contain_text("(1)")

    # Each item is checked on its own: the good one is imported, the bad ones are listed.
    mixed = dict(exported, blocks=exported["blocks"] + [{"id": "broken-block"}])
    mixed["questions"] = {**exported["questions"], "Not An Id": {"v": 1, "a": []}}
    partly = tmp_path / "partly.json"
    partly.write_text(json.dumps(mixed))
    choose_progress_file(page, partly)
    expect(page.locator(".ig-data__status")).to_have_text(
        f"{LABELS['import_done']} 1 {LABELS['import_questions']}, 0 {LABELS['import_blocks']}.")
    rejected = page.locator(".ig-data__rejected li")
    expect(rejected).to_have_text([
        f"{LABELS['import_question']} Not An Id: {LABELS['import_reason_id']}",
        f"{LABELS['import_block']} broken-block: {LABELS['import_reason_block']}",
    ])
    expect(page.locator(".ig-history__blocks tbody tr")).to_have_count(1)

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}')
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=LABELS["import"]).click()
    chooser.value.set_files(str(bad))
    expect(page.locator(".ig-data__status")).to_have_text(LABELS["import_bad_file"])
    expect(page.locator(".ig-data__rejected")).to_be_hidden()
    expect(page.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    fresh.close()


def test_reset_asks_first_then_deletes_everything(reader: Page, site: BuiltSite):
    practice(reader, site)
    start_block(reader, count=1)
    answer_current(reader, True)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.get_by_role("button", name=LABELS["reset"]).click()
    dialog = reader.locator("dialog.ig-dialog")
    expect(dialog).to_contain_text(LABELS["reset_confirm"])
    dialog.get_by_role("button", name=LABELS["cancel"]).click()
    expect(reader.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    reader.get_by_role("button", name=LABELS["reset"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["reset_yes"]).click()
    expect(reader.locator(".ig-data__status")).to_have_text(LABELS["reset_done"])
    expect(reader.locator(".ig-practice__history")).to_contain_text(LABELS["history_empty"])
    assert reader.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('ig:v1:quiz:')).length") == 0


# ------------------------------------------------------------------ broken storage ----


def test_corrupt_or_newer_saved_data_shows_a_notice_and_practice_still_works(reader: Page, site: BuiltSite):
    question, future = CONTENT.questions_for(FIRST_STEP)[0].id, CONTENT.questions_for(SECOND_STEP)[0].id
    newer = '{"v": 3, "attempts": []}'  # records are version 2 since spaced review
    reader.add_init_script(
        f"""
        if (!sessionStorage.getItem('seeded')) {{
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem('ig:v1:quiz:{question}', '{{not json');
          localStorage.setItem('ig:v1:quiz:{future}', '{newer}');
          localStorage.setItem('ig:v1:blocks', '"a string"');
          localStorage.setItem('ig:v1:active', '{{"v": 1, "block": 7}}');
        }}
        """
    )
    practice(reader, site)
    notice = reader.locator(".ig-practice .ig-notice")
    expect(notice).to_contain_text(LABELS["storage_corrupt"])
    expect(notice).to_contain_text(" ".join(LABELS["storage_newer"].split()))
    reader.get_by_role("button", name=LABELS["reset"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["reset_yes"]).click()
    expect(reader.locator(".ig-data__status")).to_have_text(LABELS["reset_done"])  # the reset has run
    assert stored(reader, "quiz:" + future) == json.loads(newer), "a newer record is never overwritten"
    start_block(reader, count=2)
    answer_current(reader, True)
    reader.get_by_role("button", name=LABELS["check"]).click()
    expect(reader.locator(".ig-runner .ig-question__feedback")).to_have_text(LABELS["correct"])


def test_unavailable_storage_keeps_practice_working_for_the_visit(reader: Page, site: BuiltSite, guard):
    reader.add_init_script(
        """
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            // As a browser with blocked site data throws, with a stack naming the reader.
            const error = new Error('The operation is insecure.');
            error.name = 'SecurityError';
            throw error;
          }
        });
        """
    )
    practice(reader, site)
    expect(reader.locator(".ig-practice .ig-notice")).to_contain_text(LABELS["storage_unavailable"])
    start_block(reader, count=1)
    answer_current(reader, False)
    reader.get_by_role("button", name=LABELS["check"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    # mkdocs-material's own inline script (__md_get, in the page itself) reads localStorage
    # without a guard and throws here; the guide has no inline script, and its files
    # (assets/javascripts/ig-*.js) catch every storage error themselves.
    guard.forgive_errors_from(lambda source: source == site.base_url + "practice/")


# ------------------------------------------------------------------ phone, keyboard, axe


def test_practice_on_a_360px_phone(reader: Page, site: BuiltSite):
    reader.set_viewport_size({"width": 360, "height": 740})
    practice(reader, site)
    screenshot(reader, "phone-practice-builder")
    start_block(reader, count=3, mode="timed")
    answer_current(reader, True)
    overflow = reader.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(reader, "phone-practice-runner")


def test_a_whole_block_with_the_keyboard_alone(reader: Page, site: BuiltSite):
    practice(reader, site, f"?steps={FIRST_STEP}")
    reader.locator("#ig-count").focus()
    reader.keyboard.press("Control+A")
    reader.keyboard.type("2")
    reader.keyboard.press("Enter")  # submits the builder form
    expect(reader.locator(".ig-runner")).to_be_visible()
    for number in range(2):
        expect(reader.locator(".ig-runner .ig-question__stem")).to_be_focused()
        reader.keyboard.press("1")
        expect(reader.locator(".ig-runner .ig-option__input").first).to_be_focused()
        expect(reader.locator(".ig-runner .ig-option__input").first).to_be_checked()
        check = reader.get_by_role("button", name=LABELS["check"])
        for _ in range(3):  # past "Previous question" once there is one
            reader.keyboard.press("Tab")
            if check.evaluate("button => button === document.activeElement"):
                break
        expect(check).to_be_focused()
        reader.keyboard.press("Enter")
        expect(reader.locator(".ig-runner .ig-question__feedback")).not_to_have_text("")
        if number == 0:
            expect(reader.get_by_role("button", name=LABELS["next"])).to_be_focused()
            reader.keyboard.press("Enter")
    expect(reader.get_by_role("button", name=LABELS["finish"])).to_be_focused()
    reader.keyboard.press("Enter")
    expect(reader.get_by_role("heading", name=LABELS["results_heading"])).to_be_focused()


def test_practice_views_pass_axe_in_both_palettes(reader: Page, site: BuiltSite):
    """The builder, a question answered, and the results; the question-bank pages are in the
    sweep of every page (test_guide_pages.py)."""
    practice(reader, site)
    expect(reader.locator(".ig-builder")).to_be_visible()
    assert axe_in_both_palettes(reader) == {"light": [], "dark": []}, "builder"
    start_block(reader, count=2, mode="timed")
    answer_current(reader, True)
    assert axe_in_both_palettes(reader) == {"light": [], "dark": []}, "question"
    reader.locator(".ig-flag").click()
    reader.get_by_role("button", name=LABELS["next"]).click()
    reader.get_by_role("button", name=LABELS["finish"]).click()
    reader.locator("dialog.ig-dialog").get_by_role("button", name=LABELS["finish"]).click()
    expect(reader.locator(".ig-score")).to_be_visible()
    assert axe_in_both_palettes(reader) == {"light": [], "dark": []}, "results"


def test_progress_for_removed_or_edited_questions_never_breaks_the_page(reader: Page, site: BuiltSite):
    kept = CONTENT.questions_for(FIRST_STEP)[0]
    old_block = {
        "id": "old", "created": 1, "finished": 2, "mode": "tutor", "steps": [FIRST_STEP], "filter": "all",
        "seconds": 90, "elapsedMs": 1000, "total": 2, "correct": 1,
        "items": [
            {"id": "a-question-that-was-removed", "step": FIRST_STEP, "order": ["x", "y"], "choice": "x",
             "correct": True},
            {"id": kept.id, "step": FIRST_STEP, "order": ["gone-option"], "choice": "gone-option", "correct": False},
        ],
    }
    reader.add_init_script(
        "localStorage.setItem('ig:v1:quiz:a-question-that-was-removed',"
        " JSON.stringify({v: 1, a: [[1, 'x', 1, 'tutor']], f: true, n: '', u: 1}));"
        f"localStorage.setItem('ig:v1:quiz:{kept.id}',"
        " JSON.stringify({v: 1, a: [[1, 'gone-option', 0, 'tutor']], f: false, n: '', u: 1}));"
        f"localStorage.setItem('ig:v1:blocks', JSON.stringify({json.dumps({'v': 1, 'blocks': [old_block]})}));"
    )
    practice(reader, site, f"?steps={FIRST_STEP}")
    # The removed question is not counted; the edited one keeps its (incorrect) history.
    expect(reader.locator("label[for='ig-filter-flagged']")).to_contain_text("(0)")
    expect(reader.locator("label[for='ig-filter-incorrect']")).to_contain_text("(1)")
    expect(reader.locator(".ig-history__blocks tbody tr")).to_have_count(1)
    total = len(CONTENT.questions_for(FIRST_STEP))
    expect(reader.locator(".ig-history__steps tbody tr").first).to_contain_text(f"1 / {total}")
