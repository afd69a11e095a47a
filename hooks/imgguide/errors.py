"""Error types for content problems, each pointing at a file, line, column and field.

Every problem found in `content/` or `questions/` becomes one `SourceError`. Loading and
validation collect them into an `ErrorList` instead of stopping at the first, so an author
sees everything that is wrong in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in one content file.

    `line` and `col` are 1-based; 0 means "unknown" (for example a missing file).
    `field` is a dotted path such as ``actions[2].sources[0]``; empty for the whole file.
    `expected` and `got` are short phrases: "expected a date like 2026-11-26, got 'soon'".
    """

    file: str
    line: int = 0
    col: int = 0
    field: str = ""
    expected: str = ""
    got: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        what = self.message
        if self.expected:
            what = f"expected {self.expected}, got {self.got}"
            if self.message:
                what += f" ({self.message})"
        if self.field:
            return f"{where}: {self.field}: {what}"
        return f"{where}: {what}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "expected": self.expected,
            "got": self.got,
            "message": self.message,
            "text": str(self),
        }


@dataclass
class ErrorList:
    """Collects `SourceError`s from every file; `raise_if_any` reports them all at once."""

    errors: list[SourceError] = field(default_factory=list)

    def add(self, error: SourceError) -> None:
        self.errors.append(error)

    def extend(self, errors: list[SourceError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def sorted(self) -> list[SourceError]:
        return sorted(set(self.errors))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentError(self.sorted())


class ContentError(Exception):
    """Raised once, after loading and validating everything, when anything was wrong."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        count = len(errors)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  {error}" for error in errors)
        super().__init__(f"{count} content {noun} found:\n{lines}")


def display_path(path: Path, root: Path) -> str:
    """A path as authors see it: relative to the project root when inside it, with '/'."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
