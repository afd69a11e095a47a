"""Command line: `python -m imgguide validate [ROOT]` checks the content without building;
`python -m imgguide timeline-json [ROOT]` prints the Planner's calendar data (for the
JavaScript unit tests)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .embed import timeline_data
from .errors import ContentError
from .validate import load_content

USAGE = "usage: python -m imgguide {validate,timeline-json} [PROJECT_ROOT]"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in ("validate", "timeline-json"):
        print(USAGE, file=sys.stderr)
        return 2
    root = Path(args[1]) if len(args) > 1 else Path.cwd()
    try:
        content = load_content(root)
    except ContentError as error:
        for problem in error.errors:
            print(problem)
        return 1
    if args[0] == "timeline-json":
        print(json.dumps(timeline_data(content), indent=1, sort_keys=True))
    else:
        print("content OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
