"""Printed pages: a gap in the numbering of page breaks (warning).

A ``pb`` removed by mistake (pages jump 38 -> 40) breaks every citation of page 39 and
passes validation. Page numbers are compared in document order within one edition
(``pb/@ed``) and one numbering system (arabic, or roman for front matter); a number that
goes down or repeats starts a new run (a new volume, front matter followed by the text, or
a footnote that runs onto the next page before the text does), so only forward jumps are
reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from teikit.check.context import Context, make
from teikit.check.model import Document
from teikit.diagnostics import Diagnostic, Severity

RULES = {
    "pages.number-gap": (Severity.WARNING, "page breaks skip a number (pb n=\"38\" then n=\"40\")"),
    "pages.number-repeated": (Severity.WARNING,
                              "the same page number twice in a row (pb n=\"38\" then n=\"38\")"),
}

_ARABIC = re.compile(r"^\[?(\d{1,6})\]?$")
_ROMAN = re.compile(r"^\[?(m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3}))\]?$", re.IGNORECASE)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _roman(text: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[c] for c in text.lower()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def page_number(n: str | None) -> tuple[str, int] | None:
    """(numbering system, value) of a page number, or None when it is not a plain number."""
    if not n:
        return None
    n = n.strip()
    if match := _ARABIC.match(n):
        return "arabic", int(match.group(1))
    if (match := _ROMAN.match(n)) and match.group(1):
        return "roman", _roman(match.group(1))
    return None


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    last: dict[tuple[str, str], tuple[int, str]] = {}  # (edition, system) -> (value, n as written)
    in_note: dict[tuple[str, str], bool] = {}  # was that last pb inside a note (a footnote running on)?
    for pb in doc.tree.getroot().iter("{*}pb"):
        number = page_number(pb.get("n"))
        if number is None:
            continue
        system, value = number
        key = (pb.get("ed") or "", system)
        previous = last.get(key)
        last[key] = (value, pb.get("n") or "")
        noted = next(pb.iterancestors("{*}note"), None) is not None
        was_noted, in_note[key] = in_note.get(key, False), noted
        if previous is not None and value == previous[0] and not (noted or was_noted):
            yield make(doc, pb, "pages.number-repeated", Severity.WARNING,
                       f"page {pb.get('n')} begins twice in a row",
                       "one of the two <pb/> has a wrong @n (a copy-paste?); give it the page it begins")
            continue
        if previous is None or value <= previous[0] + 1:
            continue
        missing = value - previous[0] - 1
        what = "page" if missing == 1 else f"{missing} pages"
        yield make(doc, pb, "pages.number-gap", Severity.WARNING,
                   f"page numbering jumps from {previous[1]} to {pb.get('n')} ({what} missing)",
                   "add the missing <pb n=\"…\"/> where that page begins; if the printed book itself "
                   "skips the number, ignore this with --ignore pages.number-gap")
