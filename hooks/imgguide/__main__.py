"""Command line: `python -m imgguide validate [ROOT]` checks the content without building."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ContentError
from .validate import load_content


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "validate":
        print("usage: python -m imgguide validate [PROJECT_ROOT]", file=sys.stderr)
        return 2
    root = Path(args[1]) if len(args) > 1 else Path.cwd()
    try:
        load_content(root)
    except ContentError as error:
        for problem in error.errors:
            print(problem)
        return 1
    print("content OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
