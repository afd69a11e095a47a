#!/usr/bin/env python3
"""How fast My applications draws, sorts and filters a big season, in Chromium.

    .venv/bin/python benchmarks/tracker.py [--programs 300] [--runs 15] [--site DIR]

Builds the site (or uses --site, an already built one), serves it on localhost, stores a
synthetic season of N programs (seeded: every specialty, status, visa and signal, letters,
interviews and a rank list) in the page's localStorage, reloads, and times in the page:
  - load: from navigation start until the tracker has drawn everything (ready mark);
  - render: drawing every view again (table, counts, signals, fees, interviews, rank list);
  - sort: re-sorting the table by each column, both ways (one table redraw each);
  - filter: typing a search word and choosing each status filter (one table redraw each).
Each timing includes the layout it causes. Prints the median, the 90th percentile and the
slowest run of each, in milliseconds (on a shared machine the slowest is often a pause
elsewhere). The target is under 100 ms
for render, sort and filter at 300 programs. Nothing is asserted: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "hooks"))

from chromium import launch_options  # noqa: E402 - benchmarks/chromium.py, beside this script

from imgguide.models import TRACKER_CHOICES  # noqa: E402
from imgguide.validate import load_content  # noqa: E402


def season(count: int, seed: int = 16) -> dict:
    """A stored tracker record with `count` programs, like a busy applicant's."""
    rng = random.Random(seed)
    content = load_content(PROJECT)
    specialties = [s.id for s in content.signals.specialties]
    writers = [{"id": f"w-{n}", "name": f"Dr Writer {n}", "note": "Internal medicine"} for n in range(6)]
    programs = []
    for n in range(count):
        status = rng.choice(TRACKER_CHOICES["status"])
        interview = f"2027-01-{rng.randint(1, 28):02d}" if status in ("scheduled", "interviewed") else ""
        programs.append({
            "id": f"p-{n}", "name": f"{rng.choice(['Mercy', 'City', 'Lakeside', 'St Mary', 'University'])} "
                                    f"Hospital {n} Residency Program",
            "specialty": rng.choice(specialties), "city": rng.choice(["Boston", "Austin", "Chicago", "Newark"]),
            "state": rng.choice(["MA", "TX", "IL", "NJ"]), "type": rng.choice(TRACKER_CHOICES["type"]),
            "visa": rng.choice(TRACKER_CHOICES["visa"]), "yog": "within 5 years", "filters": "",
            "signal": "none",
            "applied": "2026-09-24", "letters": rng.sample([w["id"] for w in writers], rng.randint(0, 4)),
            "status": status, "interview": interview, "time": "09:00" if interview else "",
            "mode": rng.choice(TRACKER_CHOICES["mode"]) if interview else "", "thanks": bool(interview),
            "notes": "Asked about visa; strong IMG presence", "rank": None, "u": 1,
        })
    # Signals of the kinds each specialty has (the page leaves out entries it cannot read).
    tiers: dict[str, set[str]] = {}
    for year in content.signals.seasons:
        for allotment in year.allotments:
            tiers.setdefault(allotment.specialty, set()).update(tier.id for tier in allotment.tiers)
    for program in programs:
        kinds = sorted(tiers.get(program["specialty"], {"signal"}))
        program["signal"] = rng.choice(["none", "none", "none", *kinds])
    ranked = [p for p in programs if p["status"] == "interviewed"]
    for rank, program in enumerate(ranked, start=1):
        program["rank"] = rank
    return {"v": 1, "season": content.tracker.settings.default_season, "writers": writers, "programs": programs}


MEASURE = """
(runs) => {
  const tracker = IG.tracker.current;
  // Reading offsetHeight makes the browser lay the page out, so that is timed too.
  const time = (action) => {
    const start = performance.now(); action(); void document.body.offsetHeight; return performance.now() - start;
  };
  const results = {render: [], sort: [], filter: []};
  const keys = ["name", "specialty", "type", "visa", "signal", "letters", "status", "applied", "interview", "rank"];
  const statuses = Array.from(document.querySelectorAll("#ig-tr-f-status option")).map((o) => o.value);
  for (let run = 0; run < runs; run += 1) {
    results.render.push(time(() => tracker.render()));
    for (const key of keys) {
      for (const direction of [1, -1]) {
        results.sort.push(time(() => { tracker.sort = {key, direction}; tracker.renderTable(); }));
      }
    }
    results.filter.push(time(() => { tracker.filters.search = "mercy"; tracker.renderTable(); }));
    for (const status of statuses) {
      results.filter.push(time(() => {
        tracker.filters.search = ""; tracker.filters.status = status; tracker.renderTable();
      }));
    }
    tracker.filters.status = "";
  }
  tracker.renderTable();
  return {rows: document.querySelectorAll(".ig-tracker__programs tbody tr").length, ...results};
}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
                           cwd=PROJECT, check=True)
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
        handler.func.log_message = lambda *a: None
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/my-applications/"
        data = season(args.programs)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.evaluate("(text) => localStorage.setItem('ig:v1:tracker', text)", json.dumps(data))
            loads = []
            for _ in range(max(3, args.runs // 3)):
                page.reload()
                page.wait_for_selector(".ig-tracker[data-ig-ready] .ig-tracker__programs tbody tr")
                loads.append(page.evaluate("() => performance.now()"))
            result = page.evaluate(MEASURE, args.runs)
            browser.close()
        server.shutdown()
    print(f"My applications, {args.programs} programs ({result['rows']} rows drawn), Chromium, ms:")
    rows = {"page load to drawn": loads, **{name: result[name] for name in ("render", "sort", "filter")}}
    for name, values in rows.items():
        p90 = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
        print(f"  {name:20} median {statistics.median(values):7.1f}   p90 {p90:7.1f}   slowest {max(values):7.1f}"
              f"   ({len(values)} runs)")


if __name__ == "__main__":
    main()
