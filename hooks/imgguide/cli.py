"""The `imgguide` command (also `python -m imgguide`): tools for the people who keep the
guide correct.

    imgguide validate [PATH...] [--format json]   the build's validation, without building
    imgguide stats [--older-than MONTHS] [--format json]
    imgguide stats --quality                        item-writing cues in the question bank
    imgguide new step ID --title TITLE
    imgguide new question --step STEP [--id ID]
    imgguide new milestone ID --step STEP --title TITLE
    imgguide export anki|csv [-o FILE]
    imgguide schemas                                regenerate schemas/ and the YAML first lines
    imgguide generate DIR [--offline]               the site as a hook-free docs tree + config
    imgguide service-worker SITE_DIR                write sw.js into a site built from that tree

Run it anywhere inside the project (or pass --root). Exit code: 0 when all is well,
1 when the content has problems, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import export, generate, offline, quality, scaffold, schemas, stats
from .embed import timeline_data
from .errors import ContentError, SourceError
from .models import Content
from .validate import load_content


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit(f"imgguide: no mkdocs.yml in {start} or any folder above it (use --root)")


def _load(root: Path) -> tuple[Content | None, list[SourceError]]:
    try:
        return load_content(root), []
    except ContentError as error:
        return None, error.errors


def _report(problems: list[SourceError], output_format: str) -> None:
    if output_format == "json":
        print(json.dumps([problem.as_dict() for problem in problems], indent=1))
    else:
        for problem in problems:
            print(problem)


def _content_or_exit(root: Path) -> Content:
    content, problems = _load(root)
    if content is None:
        _report(problems, "text")
        print(f"imgguide: fix these {len(problems)} problems first", file=sys.stderr)
        raise SystemExit(1)
    return content


def cmd_validate(args: argparse.Namespace, root: Path) -> int:
    _, problems = _load(root)
    if args.paths:
        wanted = [Path(path).resolve() for path in args.paths]
        problems = [
            problem for problem in problems
            if any((root / problem.file).resolve().is_relative_to(path) for path in wanted)
        ]
    _report(problems, args.format)
    if not problems and args.format == "text":
        print("content OK", file=sys.stderr)
    return 1 if problems else 0


def cmd_stats(args: argparse.Namespace, root: Path) -> int:
    content = _content_or_exit(root)
    today = date.fromisoformat(args.today) if args.today else date.today()
    if args.quality:
        report = quality.report(
            content.questions, content.practice.quality, today, content.practice.settings.option_letters
        )
        print(quality.as_text(report), end="")
        return 1 if report.problems() else 0
    result = stats.compute(content, today, args.older_than, args.min_questions, stats.season_items(root))
    print(json.dumps(result.as_dict(), indent=1) if args.format == "json" else stats.as_table(result), end="")
    return 0


def cmd_new(args: argparse.Namespace, root: Path) -> int:
    content = _content_or_exit(root)
    today = date.today()
    try:
        if args.kind == "step":
            if not args.id or not args.title:
                raise scaffold.ScaffoldError("a new step needs an id and --title")
            path = scaffold.new_step(root, content, args.id, args.title, today)
            made = f"step '{args.id}' in {path.relative_to(root)} (and listed in content/guide.yml)"
        elif args.kind == "question":
            if not args.step:
                raise scaffold.ScaffoldError("a new question needs --step")
            path, question_id = scaffold.new_question(root, content, args.step, args.id, today)
            made = f"question '{question_id}' in {path.relative_to(root)}"
        else:
            if not args.id or not args.step or not args.title:
                raise scaffold.ScaffoldError("a new milestone needs an id, --step and --title")
            path = scaffold.new_milestone(root, content, args.id, args.step, args.title)
            made = f"milestone '{args.id}' in {path.relative_to(root)}"
    except scaffold.ScaffoldError as error:
        print(f"imgguide new: {error}", file=sys.stderr)
        return 1
    print(f"Added {made}. Replace its text with the real content and check it with: imgguide validate")
    _, problems = _load(root)
    _report(problems, "text")
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace, root: Path) -> int:
    content = _content_or_exit(root)
    text = export.anki(content) if args.format == "anki" else export.spreadsheet(content)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(f"Wrote {len(content.questions)} questions to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_schemas(args: argparse.Namespace, root: Path) -> int:
    written = schemas.write_schemas(root, _content_or_exit(root))
    changed = schemas.add_modelines(root)
    print(f"Wrote {len(written)} schemas to {schemas.SCHEMA_DIR}/; added or fixed the schema line in "
          f"{len(changed)} YAML files")
    return 0


def cmd_generate(args: argparse.Namespace, root: Path) -> int:
    out = Path(args.directory).resolve()
    if out == root or root.is_relative_to(out):
        print(f"imgguide generate: {out} would overwrite the project; choose another folder", file=sys.stderr)
        return 2
    try:
        build = generate.build_site(root, generate.uses_directory_urls(root))
    except ContentError as error:
        _report(error.errors, "text")
        print(f"imgguide: fix these {len(error.errors)} problems first", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    written = generate.write_tree(root, out, build, offline=args.offline)
    config = out / generate.CONFIG_FILE
    print(f"Wrote {len(written)} files into {out}. Build it with: mkdocs build --strict -f {config}"
          f" (or: zensical build -f {config})", file=sys.stderr)
    return 0


def cmd_service_worker(args: argparse.Namespace, root: Path) -> int:
    site = Path(args.site_dir)
    if not (site / "index.html").is_file():
        print(f"imgguide service-worker: {site} holds no built site (no index.html)", file=sys.stderr)
        return 2
    version = offline.write_service_worker(site, generate.uses_directory_urls(root))
    print(f"Wrote {site / offline.WORKER} (version {version})", file=sys.stderr)
    return 0


def cmd_timeline_json(args: argparse.Namespace, root: Path) -> int:
    print(json.dumps(timeline_data(_content_or_exit(root)), indent=1, sort_keys=True))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="imgguide", description=__doc__.split("\n\n")[0])
    main.add_argument("--root", help="the project folder (default: found from the current folder)")
    commands = main.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the content as the build does")
    validate.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(run=cmd_validate)

    stat = commands.add_parser("stats", help="questions per step, difficulty and topic; what is overdue")
    stat.add_argument("--older-than", type=int, default=12, metavar="MONTHS",
                      help="list what was last reviewed more than this many months ago (default 12)")
    stat.add_argument("--min-questions", type=int, default=20, help="questions each step needs (default 20)")
    stat.add_argument("--today", help="count from this date (YYYY-MM-DD) instead of today")
    stat.add_argument("--format", choices=("text", "json"), default="text")
    stat.add_argument("--quality", action="store_true",
                      help="the bank's item-writing cues against the limits in content/practice.yml "
                      "(exit 1 when a limit is broken)")
    stat.set_defaults(run=cmd_stats)

    new = commands.add_parser("new", help="start a step, question or milestone from a valid skeleton")
    new.add_argument("kind", choices=("step", "question", "milestone"))
    new.add_argument("id", nargs="?", help="the new id (a question gets a fresh one if left out)")
    new.add_argument("--id", dest="id_option", help=argparse.SUPPRESS)
    new.add_argument("--title")
    new.add_argument("--step", help="the step a question or milestone belongs to")
    new.set_defaults(run=cmd_new)

    exporter = commands.add_parser("export", help="the question bank for Anki or a spreadsheet")
    exporter.add_argument("format", choices=("anki", "csv"))
    exporter.add_argument("-o", "--output", help="file to write (default: standard output)")
    exporter.set_defaults(run=cmd_export)

    schema = commands.add_parser("schemas", help="regenerate the editor schemas and YAML schema lines")
    schema.set_defaults(run=cmd_schemas)

    generator = commands.add_parser(
        "generate", help="write every generated page, asset and the template data as a docs tree "
        "with its own mkdocs.yml, for building without hooks (plain MkDocs or Zensical)")
    generator.add_argument("directory", help="folder to write (its docs/ is replaced)")
    generator.add_argument("--offline", action="store_true",
                           help="pages ask for sw.js: run `imgguide service-worker SITE_DIR` after the build")
    generator.set_defaults(run=cmd_generate)

    worker = commands.add_parser("service-worker", help="write sw.js (offline copy) into a built site")
    worker.add_argument("site_dir")
    worker.set_defaults(run=cmd_service_worker)

    timeline = commands.add_parser("timeline-json", help="the Planner's calendar data (for the JS tests)")
    timeline.set_defaults(run=cmd_timeline_json)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "id_option", None):
        args.id = args.id_option
    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    return args.run(args, root)


if __name__ == "__main__":
    raise SystemExit(main())
