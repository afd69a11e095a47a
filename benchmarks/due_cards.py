#!/usr/bin/env python3
"""Time finding the cards due for review among 10,000 answered questions, in Chromium.

    .venv/bin/python benchmarks/due_cards.py [--cards 10000] [--runs 7]

Loads the guide's own scripts (the vendored ts-fsrs, ig-store.js, ig-progress.js) into a
page of a made-up http origin (Playwright serves the files; nothing goes on the network),
fills localStorage with `--cards` question records, each with a few answers and an FSRS card
built by the scheduler itself (due dates spread over two months around today), then times
in the page:

- index: the first IG.progress.due() of a visit, from the due index (one stored value with
  every card's due time): what the home page's due line does;
- records: reading and checking every record from localStorage, then finding and sorting the
  due cards among them: what the Practice page does once per visit (its filters need every
  record anyway);
- warm: IG.progress.due() again on records already read: what every builder update does.

It prints the median and the slowest run of each. The target (issue 15) is finding the due
cards in under 50 ms. Nothing is asserted: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from chromium import launch_options  # noqa: E402 - benchmarks/chromium.py, beside this script
from playwright.sync_api import sync_playwright  # noqa: E402

from imgguide.embed import review_settings  # noqa: E402
from imgguide.validate import load_content  # noqa: E402

SCRIPTS = PROJECT / "overrides" / "assets" / "javascripts"
ORIGIN = "http://bench.invalid/"
TARGET_MS = 50

SEED = """
(count) => {
  const settings = window.igReview;
  const scheduler = IG.progress.logic.createScheduler(settings);
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  let state = 7;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  localStorage.clear();
  for (let index = 0; index < count; index += 1) {
    const attempts = [];
    let time = now - Math.floor(random() * 60) * day;
    for (let n = 0; n < 3; n += 1) {
      attempts.push([time, "option-" + n, random() < 0.7 ? 1 : 0, "tutor"]);
      time += Math.floor(random() * 5 + 1) * day;
    }
    const card = IG.progress.logic.replay(scheduler, attempts);
    const record = { v: 2, a: attempts, f: random() < 0.1, n: "", u: time, c: card };
    localStorage.setItem("ig:v1:quiz:question-" + index, JSON.stringify(record));
  }
  // Build the due index once, as the first visit after an update does.
  IG.progress.logic.createProgress(IG.store, Date.now, settings).due();
  return localStorage.length - 1;
}
"""

TIME = """
() => {
  const create = () => IG.progress.logic.createProgress(IG.store, Date.now, window.igReview);
  const fromIndex = create();
  const t0 = performance.now();
  const viaIndex = fromIndex.due();
  const t1 = performance.now();
  const fromRecords = create();
  fromRecords.all();
  const viaRecords = fromRecords.due();
  const t2 = performance.now();
  const again = fromRecords.due();
  const t3 = performance.now();
  if (viaIndex.join() !== viaRecords.join() || again.length !== viaRecords.length) {
    throw new Error("the index and the records disagree");
  }
  return { index: t1 - t0, records: t2 - t1, warm: t3 - t2, due: viaIndex.length };
}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    settings = review_settings(load_content(PROJECT))
    page_html = (
        "<!doctype html><meta charset=utf-8><title>due cards</title>"
        "<script src='vendor/ts-fsrs.umd.js'></script><script src='ig-store.js'></script>"
        "<script src='ig-progress.js'></script>"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page()

        def serve(route):
            path = route.request.url[len(ORIGIN):]
            if not path:
                route.fulfill(body=page_html, content_type="text/html")
            elif (SCRIPTS / path).is_file():
                route.fulfill(path=str(SCRIPTS / path), content_type="text/javascript")
            else:
                route.abort()

        page.route("**/*", serve)
        page.goto(ORIGIN)
        page.evaluate("(settings) => { window.igReview = settings; }", settings)
        stored = page.evaluate(SEED, args.cards)
        times = {"index": [], "records": [], "warm": []}
        for _ in range(args.runs):
            result = page.evaluate(TIME)
            for key, values in times.items():
                values.append(result[key])
        version = browser.version
        browser.close()
    print(f"Chromium {version}: {stored} stored records, {result['due']} due today, {args.runs} runs")
    print(f"target: under {TARGET_MS} ms")
    for key, text in (
        ("index", "first due() of a visit, from the due index (home page)"),
        ("records", "read and check every record, then find the due ones (Practice page)"),
        ("warm", "due() on records already read (every builder update)"),
    ):
        values = times[key]
        print(f"{text}: median {statistics.median(values):.1f} ms, slowest {max(values):.1f} ms")


if __name__ == "__main__":
    main()
