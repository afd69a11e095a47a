"""`python -m imgguide ...`: the same as the `imgguide` command (see cli.py)."""

from .cli import main

raise SystemExit(main())
