"""The one way tests compare text read from pages, PDFs and YAML.

Which fonts a machine has decides what a printed PDF's text layer holds: a ligature such as
"ﬁ" (U+FB01) for "fi", a no-break space for a space. Unicode NFKC folds such compatibility
characters into the plain ones, and every run of whitespace becomes one space, so a test
compares words, not the typesetting of one machine.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")


def norm(text: str) -> str:
    """`text` in NFKC with each run of whitespace as one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def html_text(html: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded), normalised."""
    return norm(unescape(_TAG.sub(" ", html)))
