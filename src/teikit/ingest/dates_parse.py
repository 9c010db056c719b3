"""Find dates in running English text and give their ISO 8601 values (no XML here).

:func:`find_dates` returns ``(start, end, attrs)`` spans, where ``attrs`` holds the
TEI attributes: ``{"when": "1923-08-09"}`` or ``{"from": "1918", "to": "1922"}``.

Patterns are tried longest first and a span already taken is never split: coordinated
dates, each tagged (``<14> and <15 January 1924>``, ``<April> and <May 1921>``), day ranges
(``9-10 November 1799``, ``22 to 31 May 1924``), full dates (``9 August 1923``,
``August 9, 1923``), month ranges (``July/August 1903``), month and year, year ranges
(``1918-22``, ``1920–25``, ``1920/21``, ``from 1914 to 1917``, ``1922 through 1925``,
``between 1923 and 1925``, the known year of open lifespans ``1905-?``),
decades (``1920s``) and lone years. A four-digit number is a year only inside the edition's
span of years (``[dates] years`` in book.toml, whole centuries; by default 1500-2099) and a
lone one only when nothing around it says it is something else: a
page (``p. 1014``), a time (``1600 hours``), a quantity (``1500 men``), part of a longer
number, of a call number (``B3213 1990``) or of a mangled day range (``1618 January``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_M = "(?:" + "|".join(MONTHS) + ")"
_END = r"(?![\w-])"  # a date does not run on into a word ("1990eb") or another number
# Years a lone number may be, unless the edition says otherwise (book.toml [dates] years).
DEFAULT_YEARS = (1500, 2099)


def _centuries(years: tuple[int, int]) -> str:
    """A regex for the first two digits of the years in ``years`` (whole centuries)."""
    lo, hi = years[0] // 100, years[1] // 100
    return "(?:" + "|".join(str(c) for c in range(lo, hi + 1)) + ")"


@functools.cache
def patterns(years: tuple[int, int] = DEFAULT_YEARS) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The date patterns, longest first, for years in ``years`` (from a century's start to one's end)."""
    c = _centuries(years)
    # A year of the span, not glued to other digits or letters (hyphen before is fine: mid-1920s).
    y = rf"(?<![\w,.$£#/])(?<!\d[-–]){c}\d\d(?![\d]|,\d\d\d|\.\d)"
    return (
        # "14 and 15 January 1924", "April and May 1921": each date of a coordinated pair
        ("day-list", re.compile(rf"(?<![\d-])(?P<first>\d{{1,2}}(?:, \d{{1,2}})*),? (?:and|&) "
                                rf"(?P<d>\d{{1,2}}) (?P<m>{_M}),? (?P<y>{y}){_END}")),
        ("month-list", re.compile(rf"\b(?P<first>{_M}(?:, {_M})*),? (?:and|&) (?P<m>{_M}),? "
                                  rf"(?P<y>{y}){_END}")),
        ("day-range", re.compile(rf"(?<![\d-])(?P<d1>\d{{1,2}})(?:[-–]| to )(?P<d2>\d{{1,2}}) (?P<m>{_M}),? "
                                 rf"(?P<y>{y}){_END}")),
        ("dmy", re.compile(rf"(?<![\d-])(?P<d>\d{{1,2}}) (?P<m>{_M}),? (?P<y>{y}){_END}")),
        ("mdy", re.compile(rf"\b(?P<m>{_M}) (?P<d>\d{{1,2}}), (?P<y>{y}){_END}")),
        ("month-range", re.compile(rf"\b(?P<m1>{_M}) ?[-–/] ?(?P<m2>{_M}),? (?P<y>{y}){_END}")),
        ("my", re.compile(rf"\b(?P<m>{_M}),? (?:of )?(?P<y>{y}){_END}")),
        # "July [1917]": the translator's bracketed year still belongs to the month.
        ("my", re.compile(rf"\b(?P<m>{_M}) \[(?P<y>{c}\d\d)\]")),
        ("from-to", re.compile(rf"\b(?:[Ff]rom|[Bb]etween) (?P<y1>{y}) (?:to|until|till|through|and) "
                               rf"(?P<y2>{y}){_END}")),
        ("through", re.compile(rf"(?P<y1>{y}) through (?P<y2>{y}){_END}")),
        ("year-range", re.compile(rf"(?P<y1>{y}) ?[-–/] ?(?P<y2>\d{{4}}|\d{{1,2}})(?![\d\w])(?![-–]\d)")),
        ("open-range", re.compile(rf"(?P<y1>{y})[-–](?:\?|(?=[),]))")),
        ("decade", re.compile(rf"(?P<y>(?<![\w,.$£#/]){c}\d0)'?s\b")),
        ("year", re.compile(rf"(?P<y>{y}){_END}")),
    )


@functools.cache
def _any_year(years: tuple[int, int]) -> re.Pattern[str]:
    return re.compile(_centuries(years) + r"\d")


_QUANTITY = re.compile(
    r"^\s*(?:hours?|men|women|people|persons|rubles|roubles|dollars|francs|pounds|marks|kopecks|"
    r"km|kilomet(?:er|re)s|miles|met(?:er|re)s|feet|versts|tons|copies|members|delegates|troops|"
    r"soldiers|workers|officers|agents|peasants|communists|pages|%|percent|per cent)\b")
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:p|pp|page|pages|no|nos|vol|number|ISBN)\.?|[$£#№])\s*$", re.IGNORECASE)
_MIXED_TOKEN = re.compile(r"(?:[A-Za-z]+\d|\d+[A-Za-z])[\w.]*\s+$")  # "DK268.S8B3213 1990"
_MONTH_AFTER = re.compile(rf"^\s+{_M}\b")


def month_number(name: str) -> int:
    return MONTHS.index(name) + 1


def iso_day(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` for a real calendar day, else None (31 June is not a date)."""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def range_end(start: str, end: str) -> int | None:
    """The full end year of ``start``-``end`` ('1918', '22' -> 1922; '1925', '6' -> 1926).

    None if the end is not after the start or the span is longer than a lifespan.
    """
    first = int(start)
    if len(end) == 4:
        last = int(end)
    elif len(end) == 2:
        last = first // 100 * 100 + int(end)
    else:
        last = first // 10 * 10 + int(end)
    if last <= first or last - first > 120:
        return None
    return last


def _lone_year_ok(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    return not (_QUANTITY.match(after) or _NOT_YEAR_BEFORE.search(before)
                or _MIXED_TOKEN.search(before) or _MONTH_AFTER.match(after))


def _attrs(kind: str, m: re.Match[str], text: str) -> dict[str, str] | None:
    g = m.groupdict()
    if kind == "day-range":
        mo, y = month_number(g["m"]), int(g["y"])
        lo, hi = iso_day(y, mo, int(g["d1"])), iso_day(y, mo, int(g["d2"]))
        return {"from": lo, "to": hi} if lo and hi and lo < hi else None
    if kind in ("dmy", "mdy"):
        day = iso_day(int(g["y"]), month_number(g["m"]), int(g["d"]))
        return {"when": day} if day else None
    if kind == "month-range":
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        return {"from": f"{g['y']}-{m1:02d}", "to": f"{g['y']}-{m2:02d}"} if m1 < m2 else None
    if kind == "my":
        return {"when": f"{g['y']}-{month_number(g['m']):02d}"}
    if kind in ("from-to", "through", "year-range"):
        last = range_end(g["y1"], g["y2"])
        return {"from": g["y1"], "to": str(last)} if last else None
    if kind == "open-range":
        return {"when": g["y1"]}
    if kind == "decade":
        return {"from": g["y"], "to": str(int(g["y"]) + 9)}
    return {"when": g["y"]} if _lone_year_ok(text, m.start(), m.end()) else None


def _span(kind: str, m: re.Match[str]) -> tuple[int, int]:
    # "from 1914 to 1917": the date is the years; "from"/"between" stay outside.
    # "1905-?": an open lifespan; the date is the known year (a range needs both ends).
    if kind == "from-to":
        return m.start("y1"), m.end()
    if kind == "open-range":
        return m.start("y1"), m.end("y1")
    return m.start(), m.end()


def _coordinated(kind: str, m: re.Match[str]) -> list[tuple[int, int, dict[str, str]]] | None:
    """The spans of a coordinated pair or list: the last date whole, each earlier day or month
    alone with the year (and month) it shares: "<14> and <15 January 1924>"."""
    y, last_month = int(m.group("y")), month_number(m.group("m"))
    spans: list[tuple[int, int, dict[str, str]]] = []
    for item in re.finditer(r"\w+", m.group("first")):
        start, end = m.start("first") + item.start(), m.start("first") + item.end()
        if kind == "day-list":
            day = iso_day(y, last_month, int(item.group(0)))
            if day is None:
                return None
            spans.append((start, end, {"when": day}))
        else:
            spans.append((start, end, {"when": f"{y}-{month_number(item.group(0)):02d}"}))
    if kind == "day-list":
        day = iso_day(y, last_month, int(m.group("d")))
        if day is None:
            return None
        spans.append((m.start("d"), m.end(), {"when": day}))
    else:
        spans.append((m.start("m"), m.end(), {"when": f"{y}-{last_month:02d}"}))
    return spans


def find_dates(text: str, years: tuple[int, int] = DEFAULT_YEARS) -> list[tuple[int, int, dict[str, str]]]:
    """Every date in ``text`` as sorted, non-overlapping (start, end, attrs) spans.

    ``years``: the span a year may fall in (the edition's ``[dates] years``).
    """
    if not _any_year(years).search(text):
        return []  # most text nodes hold no year: skip the patterns (the pass runs on thousands)
    taken: list[tuple[int, int, dict[str, str]]] = []
    for kind, pattern in patterns(years):
        for m in pattern.finditer(text):
            if kind in ("day-list", "month-list"):
                spans = _coordinated(kind, m)
                if spans and not any(a < e and s < b for s, e, _ in taken for a, b, _ in spans):
                    taken.extend(spans)
                continue
            start, end = _span(kind, m)
            if any(start < e and s < end for s, e, _ in taken):
                continue
            attrs = _attrs(kind, m, text)
            if attrs is not None:
                taken.append((start, end, attrs))
    return sorted(taken, key=lambda span: span[0])
