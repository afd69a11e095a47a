"""The order in which a question's options are shown to readers.

The order in the YAML file is the writer's order, and writers tend to put the answer in
the same places (in the first bank, B and C held 59 % of the keys). Readers therefore see
a stable order that depends only on the question id and the option ids, never on the file:

- when every option is a number, an amount, a duration or a date, ascending order
  (as the NBME item-writing guide recommends), so the order itself gives nothing away;
- otherwise an order fixed by a hash of "question-id:option-id", which places the key
  in every position about equally often and never changes when a text is reworded.

Step pages, question-bank pages and the Practice page all use this one function (the
Practice page may still shuffle on request).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Protocol

MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
}

# "3 March 2027", "3 March", "March 3, 2027", "March 2027" (a day or a year may be missing).
_DAY_MONTH = re.compile(r"^(?:\w+day,?\s+)?(\d{1,2})\s+([A-Za-z]+)(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\s+(\d{1,2})?,?\s*(\d{4})?\b")
# "$2,430", "21 days", "8 weeks", "4.5", "60 %"; the unit decides which numbers compare.
_QUANTITY = re.compile(r"^(?P<currency>US\$|\$|AUD\s?)?(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[A-Za-z%]*)")
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}


class HasId(Protocol):
    id: str
    text: str


def _as_date(text: str) -> tuple | None:
    match = _DAY_MONTH.match(text)
    if match and match.group(2).lower() in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], match.group(3)
        return ("date", int(year) if year else 0, month, day)
    match = _MONTH_DAY.match(text)
    if match and match.group(1).lower() in MONTHS and (match.group(2) or match.group(3)):
        month, day, year = MONTHS[match.group(1).lower()], match.group(2), match.group(3)
        return ("date", int(year) if year else 0, month, int(day) if day else 0)
    return None


def _as_quantity(text: str) -> tuple | None:
    match = _QUANTITY.match(text)
    if not match:
        return None
    number = float(match.group("number").replace(",", ""))
    unit = match.group("unit").lower()
    if match.group("currency"):
        return ("money", match.group("currency").strip().upper(), number)
    if unit in _UNIT_DAYS:
        return ("duration", "", number * _UNIT_DAYS[unit])
    if unit in ("", "%"):
        return ("number", unit, number)
    return None


def sort_key(text: str) -> tuple | None:
    """A comparable value for an option that is a number, amount, duration or date; else None."""
    text = text.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return ("date", *(int(part) for part in iso.groups()))
    return _as_date(text) or _as_quantity(text)


def _hash(question_id: str, option_id: str) -> str:
    return hashlib.sha256(f"{question_id}:{option_id}".encode()).hexdigest()


def display_order(question_id: str, options: Sequence[HasId]) -> list[HasId]:
    """The options in the order readers see them (see the module docstring)."""
    keys = [sort_key(option.text) for option in options]
    kinds = {key[:2] if key and key[0] != "date" else ("date",) for key in keys if key}
    if all(keys) and len(kinds) == 1:
        return [option for _, _, option in sorted(zip(keys, range(len(options)), options, strict=True))]
    return sorted(options, key=lambda option: _hash(question_id, option.id))
