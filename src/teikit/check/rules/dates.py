"""Dates: the normalized values of TEI's dating attributes are real W3C dates, in order.

``@when``, ``@notBefore``, ``@notAfter``, ``@from`` and ``@to`` (att.datable.w3c) take the
XML Schema date types. The schema says so too, but an editor running only ``check`` (or
an editor plug-in) should hear of "1888-13-03" with a hint, and no schema says whether a
day exists in its month or a range runs backwards.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.check.pointers import pointer_table
from teikit.diagnostics import Diagnostic, Severity
from teikit.xmlio import TEI_NS

RULES = {
    "dates.invalid": (Severity.ERROR, "a dating attribute (@when, @from, @to, @notBefore, @notAfter) "
                                      "is not a W3C date: a month 13, a 31 April, a written-out date"),
    "dates.reversed": (Severity.WARNING, "a date range ends before it begins (@from after @to, "
                                         "@notBefore after @notAfter)"),
}

ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")
# Elements whose @from/@to are not dates (tei_all: att.citing's page ranges, a manuscript
# locus's folios); the pointer ones (span, app, rt, arc) are left out by the pointer table.
NOT_DATED = frozenset({"citedRange", "biblScope", "locus"})
_TZ = r"(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)?"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?"
_FORMS = [
    ("date", re.compile(rf"^(-?\d{{4,}})-(\d\d)-(\d\d){_TZ}$")),
    ("dateTime", re.compile(rf"^(-?\d{{4,}})-(\d\d)-(\d\d)T(?:{_TIME}){_TZ}$")),
    ("gYearMonth", re.compile(rf"^(-?\d{{4,}})-(\d\d){_TZ}$")),
    ("gYear", re.compile(rf"^(-?\d{{4,}}){_TZ}$")),
    ("gMonthDay", re.compile(rf"^--(\d\d)-(\d\d){_TZ}$")),
    ("gMonth", re.compile(rf"^--(\d\d){_TZ}$")),
    ("gDay", re.compile(rf"^---(\d\d){_TZ}$")),
    ("time", re.compile(rf"^(?:{_TIME}){_TZ}$")),
]
HINT = "write an ISO date: YYYY, YYYY-MM or YYYY-MM-DD (a month 01-12, a day the month has), or --MM-DD"


def problem(value: str) -> str | None:
    """Why ``value`` is not a W3C date, time or partial date; None when it is one."""
    for kind, pattern in _FORMS:
        m = pattern.match(value)
        if m is None:
            continue
        parts = [int(g) for g in m.groups() if g is not None]
        if kind in ("date", "dateTime", "gYearMonth", "gYear"):
            year = parts[0]
            if year == 0:
                return "there is no year 0000 in W3C dates (1 BCE is -0001)"
            if len(parts) >= 2:
                month = parts[1]
                if not 1 <= month <= 12:
                    return f"there is no month {month:02d}"
                if len(parts) >= 3:
                    last = _days_in(year, month)
                    if not 1 <= parts[2] <= last:
                        return f"month {month:02d} of {year} has no day {parts[2]:02d}"
        elif kind in ("gMonthDay", "gMonth"):
            if not 1 <= parts[0] <= 12:
                return f"there is no month {parts[0]:02d}"
            if kind == "gMonthDay" and not 1 <= parts[1] <= calendar.monthrange(2000, parts[0])[1]:
                return f"month {parts[0]:02d} has no day {parts[1]:02d}"
        elif kind == "gDay" and not 1 <= parts[0] <= 31:
            return f"there is no day {parts[0]:02d}"
        return None
    if not value:
        return "it is empty (remove the attribute when the date is not known)"
    short = re.match(r"^(-?)(\d{1,3})((?:-\d\d){0,2})$", value)
    if short and int(short.group(2)):  # Laßberg's when="877": W3C years have four digits at least
        sign, year, rest = short.group(1), int(short.group(2)), short.group(3)
        return f"a year has four digits at least: write {sign}{year:04d}{rest}"
    return "it is not in an ISO 8601 form (YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD, hh:mm:ss)"


def _days_in(year: int, month: int) -> int:
    """Days of a month in the proleptic Gregorian calendar XML Schema uses (any year)."""
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return calendar.monthrange(2001, month)[1]


def _sortable(value: str) -> tuple[int, ...] | None:
    """A comparable (year, month, day) for a full or partial dated value, else None."""
    m = re.match(r"^(-?\d{4,})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m is None:
        return None
    return tuple(int(g) for g in m.groups() if g is not None)


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    ns = f"{{{TEI_NS}}}"
    per_element = pointer_table()[1]
    for el in doc.tree.getroot().iter():
        if not isinstance(el.tag, str) or not el.tag.startswith(ns) or not el.attrib:
            continue
        name = local_name(el)
        if name in NOT_DATED:
            continue
        pointers = per_element.get(name, {})
        for attr in ATTRIBUTES:
            value = el.get(attr)
            if value is None or attr in pointers:  # span/@from, span/@to point at elements
                continue
            why = problem(value.strip())
            if why:
                yield make(doc, el, "dates.invalid", Severity.ERROR,
                           f"@{attr}={value!r} is not a date: {why}", HINT, attr=attr)
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            a, b = el.get(start), el.get(end)
            if a is None or b is None or start in pointers or problem(a) or problem(b):
                continue
            sa, sb = _sortable(a), _sortable(b)
            if sa and sb and sa[:min(len(sa), len(sb))] > sb[:min(len(sa), len(sb))]:
                yield make(doc, el, "dates.reversed", Severity.WARNING,
                           f"@{start}={a!r} comes after @{end}={b!r}",
                           "swap the two values, or correct one of them", attr=start)
