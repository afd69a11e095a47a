#!/usr/bin/env python3
"""Build cost of the question bank, measured against the same site without it.

    .venv/bin/python benchmarks/build_cost.py [--sizes 1000 10000] [--runs 3] [--cpu] [--browser]
                                              [--browser-only] [--profile] [--project DIR]

For each size it writes a synthetic bank (valid questions of realistic length, spread over
the eight steps) into a temporary copy of the project, times whole `mkdocs build --strict`
processes, and prints, next to the baseline measured in the same run (the site with a
single question): median build time and ratio (and the fastest run's: on a shared machine
it is the one least slowed by other work), marginal cost per question, the size
of the bank asset (raw and gzip) and of the project's own JS+CSS on a step page. "Cold"
builds run with the build cache off (a fresh clone, CI); "warm" builds reuse
.cache/imgguide from the previous build (`mkdocs serve`, repeated builds, CI with a cache). With
--browser it also opens the Practice page of the largest bank in Chromium and reports the
bytes of the bank's files it fetched (until the builder is usable, then to start a block of
one step) and the page's own performance.measure entries: ig:filter (counting the builder's
filters), ig:start-block (from pressing Start to the first question on screen, loading
the parts it needs included: a block of one step; then, in fresh pages, blocks of 10 and 40
questions of every step, as the builder opens) and ig:builder (from the page's start to a
usable builder, where measured).
--browser-only builds each bank once, untimed, for the browser figures alone. --profile
runs a cold, a warm and a one-file-edited build of the largest bank under cProfile (in one
process) and prints the share of each phase: what dominates what is left. --project DIR
measures another checkout (for example main, for a before/after) with this script.

Nothing is asserted: timings depend on the machine. Read the ratios.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if "--project" in sys.argv[:-1]:
    PROJECT = Path(sys.argv[sys.argv.index("--project") + 1]).resolve()
CPU_TIME = "--cpu" in sys.argv
COPY = ("mkdocs.yml", "content", "hooks", "overrides", "docs")
WORDS = (
    "applicant program match residency letter interview visa deadline score exam season review "
    "certificate school transcript pathway statement physician specialty application rank list "
    "calendar result option schedule document requirement fee budget clinical experience"
).split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def synthetic_question(rng: random.Random, number: int, step: str, sources: list[str], topic: str) -> str:
    correct = rng.randrange(4)
    lines = [
        f"- id: synthetic-{number}",
        f"  step: {step}",
        f"  topics: [{topic}]",
        f"  difficulty: {1 + number % 3}",
        "  kind: application",
        "  stem: >-",
        f"    Question {number}: {sentence(rng, 38)}",
        "  options:",
    ]
    for option in range(4):
        lines += [f"    - id: option-{option}", f"      text: {sentence(rng, 9)}"]
        if option == correct:
            lines.append("      correct: true")
        lines += ["      rationale: >-", f"        {sentence(rng, 24)}"]
    lines += [
        f"  objective: {sentence(rng, 12)}",
        f"  sources: [{', '.join(sources)}]",
        "  last_reviewed: 2026-11-26",
        "",
    ]
    return "\n".join(lines) + "\n"


def synthetic_bank(folder: Path, count: int, steps: list[str], sources: list[str], topics: list[str]) -> None:
    """`count` valid questions, one file per step, about the size of the real ones, plus one
    that cites every source (some sources are cited only by questions: without it the
    validator refuses them as unused). The baseline is this one question alone."""
    rng = random.Random(count)
    folder.mkdir(parents=True, exist_ok=True)
    texts: dict[str, list[str]] = {step: [] for step in steps}
    texts[steps[-1]].append(synthetic_question(rng, count, steps[-1], sources, topics[0]))
    for number in range(count):
        step = steps[number % len(steps)]
        texts[step].append(synthetic_question(rng, number, step, [rng.choice(sources)], rng.choice(topics)))
    for step, questions in texts.items():
        if questions:
            folder.joinpath(f"{step}.yml").write_text("".join(questions), encoding="utf-8")


def build(project: Path, site: Path, cache: bool) -> float:
    """Seconds of one whole build: wall time, or with --cpu the CPU time of the build and
    its worker processes (steadier on a machine other work shares)."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMGGUIDE_CACHE": "on" if cache else "off"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, env=env,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if CPU_TIME:
        elapsed = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stdout}{result.stderr}")
    return elapsed


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def project_copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in COPY:
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def edit_one_question_file(project: Path, run: int) -> bool:
    """Reword one question in one file of the bank, as an author saving an edit does."""
    files = sorted((project / "questions").glob("*.yml"))
    if not files:
        return False
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace("Question 0", f"Question 0 (edit {run})", 1), encoding="utf-8")
    return True


@dataclass
class Times:
    """Seconds of repeated builds of one kind: the median, and the fastest (on a shared
    machine the fastest is the one least slowed by other work)."""

    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        return min(self.runs)

    def against(self, base: Times) -> str:
        return (f"{self.median:6.2f} s = {self.median / base.median:4.2f} x baseline "
                f"(fastest {self.best:5.2f} s = {self.best / base.best:4.2f} x)")


def measure(project: Path, runs: int) -> tuple[Times, Times, Times | None, Path]:
    """Cold builds (no build cache), warm ones (cache filled) and warm ones right after one
    question file was edited (None without questions)."""
    site = project / "site"
    build(project, site, cache=False)  # warm-up: imports, bytecode, the OS file cache
    cold = [build(project, site, cache=False) for _ in range(runs)]
    build(project, site, cache=True)  # fills .cache/imgguide
    warm = [build(project, site, cache=True) for _ in range(runs)]
    edited = []
    for run in range(runs):
        if not edit_one_question_file(project, run):
            break
        edited.append(build(project, site, cache=True))
    return Times(cold), Times(warm), Times(edited) if edited else None, site


def browser_timings(site: Path) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from chromium import launch_options  # benchmarks/chromium.py, beside this script
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page()
        responses = []  # the bank's files, in the order they arrived
        page.on("response", lambda response: responses.append(response) if "/assets/data/" in response.url else None)
        # When the builder first appears, from the start of navigation (works on any version).
        page.add_init_script(
            "new MutationObserver((changes, watcher) => { if (document.querySelector('.ig-builder')) {"
            " window.igBuilderAt = performance.now(); watcher.disconnect(); } })"
            ".observe(document, {childList: true, subtree: true});"
        )
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/practice/")
        page.wait_for_selector(".ig-builder")
        builder_at = page.evaluate("() => window.igBuilderAt")
        at_builder = len(responses)
        for _ in range(5):
            page.locator("#ig-filter-unused").check()
            page.locator("#ig-filter-all").check()
        # A block of one step (the first), 40 questions.
        page.locator(".ig-builder__steps .ig-builder__tools button").nth(1).click()  # select none
        page.locator(".ig-builder__steps input[type=checkbox]").first.check()
        page.locator("#ig-count").fill("40")
        page.locator(".ig-builder button[type=submit]").click()
        page.wait_for_selector(".ig-runner .ig-question")
        entries = page.evaluate(
            "() => performance.getEntriesByType('measure').filter(m => m.name.startsWith('ig:'))"
            ".map(m => [m.name, m.duration])"
        )
        sizes = [(response.url.rsplit("/", 1)[-1], len(response.body())) for response in responses]
        # Blocks of every step (the builder as it opens) in fresh pages: Start loads the parts.
        every_step = {}
        for count in ("10", "40"):
            for _ in range(3):
                fresh = browser.new_page()
                fresh.goto(page.url)
                fresh.wait_for_selector(".ig-builder")
                fresh.locator("#ig-count").fill(count)
                fresh.locator(".ig-builder button[type=submit]").click()
                fresh.wait_for_selector(".ig-runner .ig-question")
                every_step.setdefault(count, []).append(fresh.evaluate(
                    "() => performance.getEntriesByName('ig:start-block')[0].duration"))
                fresh.close()
        browser.close()
    loaded = sum(size for _, size in sizes[:at_builder])
    print(f"  builder on screen {builder_at:.0f} ms after the page was asked for")
    print(f"  bank files fetched until the builder is usable: {kb(loaded)} "
          f"({', '.join(name for name, _ in sizes[:at_builder])})")
    started = sizes[at_builder:]
    print(f"  then to start a one-step block: {kb(sum(size for _, size in started))} "
          f"({', '.join(name for name, _ in started) or 'nothing'}); "
          f"in all {kb(loaded + sum(size for _, size in started))}")
    by_name: dict[str, list[float]] = {}
    for name, duration in entries:
        by_name.setdefault(name, []).append(duration)
    for name, durations in sorted(by_name.items()):
        print(f"  {name:<18} median {statistics.median(durations):6.1f} ms, max {max(durations):6.1f} ms "
              f"over {len(durations)} runs")
    for count, durations in every_step.items():
        print(f"  ig:start-block of {count} questions of every step (fresh page, nothing loaded): median "
              f"{statistics.median(durations):6.1f} ms, max {max(durations):6.1f} ms over {len(durations)} runs")


def browser_only(sizes: list[int]) -> None:
    sys.path.insert(0, str(PROJECT / "hooks"))
    from imgguide.validate import load_content

    content = load_content(PROJECT)
    steps = [step.id for step in content.steps]
    topics = sorted(content.practice.topics)  # topic ids with a label (validation needs one)
    with tempfile.TemporaryDirectory() as scratch:
        project = project_copy(Path(scratch) / f"bank-{sizes[-1]}")
        synthetic_bank(project / "questions", sizes[-1], steps, sorted(content.sources), topics)
        site = project / "site"
        build(project, site, cache=False)
        files = sorted(site.glob("assets/data/**/*.json"))
        print(f"{sizes[-1]} questions ({PROJECT}): bank files {kb(sum(p.stat().st_size for p in files))} raw "
              f"in {len(files)} files, largest {kb(max(p.stat().st_size for p in files))}")
        print(f"Practice page with {sizes[-1]} questions (Chromium):")
        browser_timings(site)


# What a profile lists: our package's phases and MkDocs' own (cumulative seconds).
PROFILED = ("imgguide/", "guide_hooks.py", "mkdocs/commands/build.py", "mkdocs/structure/files.py")


def profile(sizes: list[int], top: int = 14) -> None:
    """Profile (cProfile, one process: IMGGUIDE_WORKERS=1) a cold, a warm and a
    one-file-edited build of the largest bank and print where their time goes. Profiling
    slows Python code down (about 1.5-2 x), so read the shares, not the seconds."""
    import pstats

    sys.path.insert(0, str(PROJECT / "hooks"))
    from imgguide.validate import load_content

    content = load_content(PROJECT)
    with tempfile.TemporaryDirectory() as scratch:
        project = project_copy(Path(scratch) / f"bank-{sizes[-1]}")
        synthetic_bank(project / "questions", sizes[-1], [step.id for step in content.steps],
                       sorted(content.sources), sorted(content.practice.topics))
        site = project / "site"
        build(project, site, cache=False)  # warm-up
        runs = (("cold", False, False), ("fills the cache", True, False), ("warm", True, False),
                ("one file edited", True, True))
        for name, cache, edit in runs:
            if edit:
                edit_one_question_file(project, 0)
            output = Path(scratch) / "build.prof"
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMGGUIDE_WORKERS": "1",
                   "IMGGUIDE_CACHE": "on" if cache else "off"}
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--strict",
                 "--site-dir", str(site)], cwd=project, capture_output=True, env=env, check=True,
            )
            if name == "fills the cache":
                continue
            stats = pstats.Stats(str(output))
            total = max(entry[3] for entry in stats.stats.values())
            rows = sorted(
                ((entry[3], f"{Path(key[0]).name}:{key[2]}") for key, entry in stats.stats.items()
                 if any(part in key[0] for part in PROFILED)),
                reverse=True,
            )
            print(f"{name} build of {sizes[-1]} questions, profiled: {total:.2f} s in all")
            for seconds, where in rows[:top]:
                print(f"  {seconds:6.2f} s {seconds / total:4.0%}  {where}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time the Practice page in Chromium")
    parser.add_argument("--browser-only", action="store_true",
                        help="build each bank once (untimed) and only time the Practice page in Chromium")
    parser.add_argument("--project", metavar="DIR", help="measure this checkout instead of the one holding the script")
    parser.add_argument("--cpu", action="store_true",
                        help="time CPU seconds (build + workers) instead of wall seconds")
    parser.add_argument("--profile", action="store_true",
                        help="only profile a cold, a warm and an edited build of the largest bank")
    args = parser.parse_args()
    if args.profile:
        profile(args.sizes)
        return
    if args.browser_only:
        browser_only(args.sizes)
        return

    sys.path.insert(0, str(PROJECT / "hooks"))
    from imgguide.validate import load_content

    content = load_content(PROJECT)
    steps = [step.id for step in content.steps]
    sources = sorted(content.sources)
    topics = sorted(content.practice.topics)  # topic ids with a label (validation needs one)

    with tempfile.TemporaryDirectory() as scratch:
        base_project = project_copy(Path(scratch) / "baseline")
        synthetic_bank(base_project / "questions", 0, steps, sources, topics)
        baseline, baseline_warm, _, base_site = measure(base_project, args.runs)
        own = sorted(base_site.glob("assets/javascripts/ig-*.js")) + [base_site / "assets/stylesheets/ig.css"]
        own_raw = sum(path.stat().st_size for path in own)
        own_gz = sum(gz(path.read_bytes()) for path in own)
        clock = "CPU seconds (build and workers)" if args.cpu else "wall seconds"
        print(f"machine: {sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
              f"median of {args.runs} builds after a warm-up, in {clock}")
        print(f"baseline (one question): {baseline.median:.2f} s cold, {baseline_warm.median:.2f} s warm "
              f"(fastest {baseline.best:.2f} s, {baseline_warm.best:.2f} s)")
        print(f"project JS+CSS on every page: {kb(own_raw)} raw, {kb(own_gz)} gzip ({len(own)} files)")
        previous = (0, baseline.median, baseline_warm.median)
        last_site = None
        for size in args.sizes:
            project = project_copy(Path(scratch) / f"bank-{size}")
            synthetic_bank(project / "questions", size, steps, sources, topics)
            cold, warm, edit, site = measure(project, args.runs)
            data = b"".join(path.read_bytes() for path in sorted(site.glob("assets/data/**/*.json")))
            step_page = (site / "steps" / steps[0] / "index.html").read_bytes()
            added = size - previous[0]
            print(f"{size:>6} questions ({(cold.median - previous[1]) / added * 1000:5.3f} ms cold and "
                  f"{(warm.median - previous[2]) / added * 1000:5.3f} ms warm per added question)")
            print(f"{'cold':>17} {cold.against(baseline)}")
            print(f"{'warm':>17} {warm.against(baseline_warm)}")
            print(f"{'one file edited':>17} {edit.against(baseline_warm)} (against the warm baseline)")
            print(
                f"{'':>17} bank files {kb(len(data))} raw, {kb(gz(data))} gzip; "
                f"first step page HTML {kb(len(step_page))} raw, {kb(gz(step_page))} gzip"
            )
            previous = (size, cold.median, warm.median)
            last_site = site
        if args.browser and last_site:
            print(f"Practice page with {args.sizes[-1]} questions (Chromium):")
            browser_timings(last_site)


if __name__ == "__main__":
    main()
