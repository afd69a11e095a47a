"""No facts in JavaScript: every number, date and rule the guide's scripts use comes from
YAML through the embedded data (STYLE.md, "No facts in JS").

The scan reads every overrides/assets/javascripts/*.js with comments, strings and regular
expressions set aside, and allows only the numbers 0 and 1 (and so -1) in code, plus named
UI constants: `const UPPER_CASE_NAME = <number>;`, declared once, at the top of the file's
function (right after its "use strict", with only comments and other constants between), each
under a comment (one comment may name a group) or with one at the end of its line. Strings
and code may not hold a four-digit year or an English month name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import PROJECT

JAVASCRIPTS = PROJECT / "overrides" / "assets" / "javascripts"
# Third-party code copied byte for byte from a pinned npm package is not the guide's own code:
# tests/unit/test_vendor.py checks it against the package instead.
VENDOR = JAVASCRIPTS / "vendor"
SCRIPTS = sorted(path for path in JAVASCRIPTS.rglob("*.js") if VENDOR not in path.parents)
ALLOWED_NUMBERS = {"0", "1"}
CONSTANT = re.compile(r"^\s*const ([A-Z][A-Z0-9_]*) = (0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?);\s*(//.*)?$")
NUMBER = re.compile(r"(?<![\w$.])(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)(?![\w$])")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MONTHS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
# After these characters (or keywords) a "/" starts a regular expression, not a division.
REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^")
REGEX_KEYWORDS = ("return", "typeof", "case", "in", "of", "new", "delete", "void", "throw")


@dataclass(frozen=True)
class Scanned:
    code: str  # the file with comments, strings and regexes replaced by spaces (same lines)
    strings: list[tuple[int, str]]  # (line, text) of every string and template literal
    comments: list[tuple[int, str]]


def scan(source: str) -> Scanned:
    """Split JavaScript into code, strings and comments (enough for the guide's own style)."""
    code, strings, comments = [], [], []
    index, line = 0, 1
    last = ""  # last significant code character or word
    while index < len(source):
        char = source[index]
        if source.startswith("//", index) or source.startswith("/*", index):
            end = source.find("\n", index) if char + source[index + 1] == "//" else source.find("*/", index) + 2
            end = len(source) if end in (-1, 1) else end
            text = source[index:end]
            comments.append((line, text))
        elif char in "\"'`":
            end = index + 1
            while end < len(source) and source[end] != char:
                end += 2 if source[end] == "\\" else 1
            end += 1
            text = source[index:end]
            strings.append((line, text[1:-1]))
            last = "string"
        elif char == "/" and (last in REGEX_BEFORE or last in REGEX_KEYWORDS or last == ""):
            end, in_class = index + 1, False
            while end < len(source) and (source[end] != "/" or in_class):
                if source[end] == "\\":
                    end += 1
                elif source[end] == "[":
                    in_class = True
                elif source[end] == "]":
                    in_class = False
                end += 1
            end += 1
            while end < len(source) and source[end].isalpha():
                end += 1
            text = source[index:end]
            last = "regex"
        else:
            word = re.match(r"[A-Za-z_$][\w$]*|\d[\w.]*", source[index:])
            if word:
                text = word.group(0)
                last = text
            else:
                text = char
                if not char.isspace():
                    last = char
            code.append(text)
            line += text.count("\n")
            index += len(text)
            continue
        code.append(re.sub(r"[^\n]", " ", text))
        line += text.count("\n")
        index = end
    return Scanned("".join(code), strings, comments)


def problems(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    scanned = scan(source)
    lines = scanned.code.split("\n")
    raw_lines = source.split("\n")
    found = []
    declared: dict[str, int] = {}
    for number, text in enumerate(lines, 1):
        constant = CONSTANT.match(raw_lines[number - 1])
        if constant:
            name = constant.group(1)
            if name in declared:
                found.append(f"{path.name}:{number}: constant {name} declared again (first on line {declared[name]})")
            declared[name] = number
            above = [line.strip() for line in reversed(raw_lines[: number - 1])]
            header = [line for line in above if not CONSTANT.match(line)]
            if not (constant.group(3) or (header and header[0].startswith("//"))):
                found.append(f"{path.name}:{number}: constant {name} needs a comment saying what it is")
            preamble = next(
                (line for line in above if line and not line.startswith("//") and not CONSTANT.match(line)), ""
            )
            if preamble not in ('"use strict";', "'use strict';"):
                found.append(f"{path.name}:{number}: constant {name} must be declared at the top, after \"use strict\"")
            continue
        for match in NUMBER.finditer(text):
            if match.group(0) not in ALLOWED_NUMBERS:
                found.append(
                    f"{path.name}:{number}: number {match.group(0)} in code; take it from the embedded data "
                    f"or name it as a UI constant: {raw_lines[number - 1].strip()[:90]}"
                )
    for number, text in [(n, t) for n, t in enumerate(lines, 1)] + scanned.strings:
        for pattern, what in ((YEAR, "a four-digit year"), (MONTHS, "a month name")):
            for match in pattern.finditer(text):
                found.append(f"{path.name}:{number}: {what} ({match.group(0)}) belongs in YAML")
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=[path.name for path in SCRIPTS])
def test_scripts_hold_no_numbers_years_or_month_names(path: Path):
    found = problems(path)
    assert found == [], "\n".join(found)


def test_the_scan_finds_what_it_must_and_ignores_strings_comments_and_regexes(tmp_path: Path):
    script = tmp_path / "sample.js"
    script.write_text(
        "(function () {\n"
        '  "use strict";\n'
        "  // Milliseconds between two ticks of the clock.\n"
        "  const TICK_MS = 250;\n"
        "\n"
        "  const BARE = 3;\n"
        "  var pattern = /^[a-z0-9]{2,4}$/;\n"
        '  var text = "5 of 300 in 2027";  // 60 in a comment\n'
        "  function f(x) { return x / 60 + 1 - 0 + items[2]; }\n"
        '  var month = "March";\n'
        "  const LATE = 9; // declared too late\n"
        "})();\n",
        encoding="utf-8",
    )
    found = problems(script)
    assert any(":6: constant BARE needs a comment" in problem for problem in found)
    assert any(":9: number 60 in code" in problem for problem in found)
    assert any(":9: number 2 in code" in problem for problem in found)
    assert any("four-digit year (2027)" in problem for problem in found)
    assert any("month name (March)" in problem for problem in found)
    assert any(":11: constant LATE must be declared at the top" in problem for problem in found)
    assert not any("TICK_MS" in problem for problem in found)
    assert not any(":4:" in problem or ":7:" in problem for problem in found)
    assert len(found) == 6, found
