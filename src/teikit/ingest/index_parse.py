"""Parse the printed index of the book (plain-text lines) into entries and locators.

This module is pure: it turns source lines into :class:`Entry` values and knows nothing of
TEI. The printed index reached us through an OCR'd e-book extraction, so:

* an entry may be broken over several lines (after a comma, inside parentheses, across a
  hyphen, or with its page numbers pushed onto the next line): lines are rejoined;
* indentation is lost, so whether a line is a sub-entry is decided from the alphabet
  (main entries start with the section letter and keep alphabetical order) with editorial
  overrides for the few places where the print breaks that order;
* stray layout prefixes (``- ``, leading spaces) are dropped;
* ``Page N`` markers inside the index are kept as page events between entries.

Locators: ``45``, ``xii``, ``191-92``, ``xvi-xvii``, ``245 n11``, ``249, n4``,
``238 n2 and n5``, ``262-63 n7``, ``*passim*``, ``onward``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

ROMAN = r"(?:[ivxl]+)"
NUM = r"(?:\d+|" + ROMAN + r")"
# One locator (page, range, optionally a note on that page, optionally "and nN").
LOCATOR_RE = re.compile(
    r"(?<![\w-])(?P<start>" + NUM + r")(?:-(?P<end>" + NUM + r"))?"
    r"(?:,?\s+n(?P<note>\d+)(?:\s+and\s+n(?P<note2>\d+))?)?(?![\w-])"
)
# A note on the previous locator's page printed after a comma: "249, n4".
BARE_NOTE_RE = re.compile(r"(?<![\w-])n(?P<note>\d+)(?![\w-])")
PASSIM_RE = re.compile(r"\*?\b(?:passim|onward)\b\*?")
# A segment made only of locators, passim/onward and a trailing "(see X)".
_LOC_TOKEN = r"(?:" + NUM + r"(?:-" + NUM + r")?(?:\s+n\d+(?:\s+and\s+n\d+)?)?|n\d+|\*?passim\*?|onward|\*)"
LOCATOR_SEGMENT_RE = re.compile(
    r'^(?P<lead>\s*"?)\s*\*?' + _LOC_TOKEN + r"(?:\s+\*?" + _LOC_TOKEN + r")*\s*(?:\([^)]*\))?\s*$"
)
# The default page marker; an edition's own comes from its book.toml (parse_index's ``page``).
PAGE_RE = re.compile(r"^Page (\S+)\s*$")
PageReader = Callable[[str], "str | None"]


def _default_page(text: str) -> str | None:
    m = PAGE_RE.match(text)
    return m.group(1) if m else None
LETTER_RE = re.compile(r"^[A-Z]$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass(frozen=True)
class Locator:
    """A reference to a page, a page range or a note printed on a page."""

    start: str
    end: str | None = None  # expanded in full: "191-92" -> end "192"
    notes: tuple[str, ...] = ()
    span: tuple[int, int] = (0, 0)  # offsets in the entry text

    @property
    def kind(self) -> str:
        if self.notes:
            return "note"
        return "range" if self.end else "page"


@dataclass
class Entry:
    """One index entry (or sub-entry) with its printed text."""

    text: str
    line: int  # 0-based index of its first source line
    head_end: int = 0  # offset where the heading (name part) ends
    locators: list[Locator] = field(default_factory=list)
    children: list[Entry | PageMark] = field(default_factory=list)

    @property
    def head(self) -> str:
        return self.text[: self.head_end].strip()


@dataclass(frozen=True)
class PageMark:
    """A ``Page N`` marker between entries."""

    n: str
    line: int


@dataclass
class Section:
    """The entries under one letter heading."""

    letter: str
    line: int
    items: list[Entry | PageMark] = field(default_factory=list)


# ---------------------------------------------------------------- locators


def roman_to_int(text: str) -> int:
    """Value of a lower-case roman numeral (i, v, x, l)."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in text]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def expand_end(start: str, end: str) -> str:
    """The full number of an abbreviated range end: ("191", "92") -> "192"."""
    if not (start.isdigit() and end.isdigit()) or len(end) >= len(start):
        return end
    full = start[: len(start) - len(end)] + end
    return full if int(full) >= int(start) else end


def parse_locators(text: str, offset: int = 0) -> list[Locator]:
    """All locators in ``text`` (a run of locators), with spans shifted by ``offset``."""
    found: list[Locator] = []
    taken: list[tuple[int, int]] = []
    for m in LOCATOR_RE.finditer(text):
        start, end = m.group("start"), m.group("end")
        if start.isalpha() and end is not None and end.isdigit():
            continue
        notes = tuple(n for n in (m.group("note"), m.group("note2")) if n)
        full_end = expand_end(start, end) if end else None
        found.append(Locator(start, full_end, notes, (m.start() + offset, m.end() + offset)))
        taken.append(m.span())
    for m in BARE_NOTE_RE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not found:
            continue
        prev = [loc for loc in found if loc.span[1] <= m.start() + offset]
        if not prev:
            continue
        page = prev[-1].end or prev[-1].start
        found.append(Locator(page, None, (m.group("note"),), (m.start() + offset, m.end() + offset)))
    return sorted(found, key=lambda loc: loc.span)


def split_segments(text: str) -> list[tuple[int, int]]:
    """Spans of the comma-separated segments of ``text`` outside parentheses."""
    spans, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text)))
    return spans


def locator_start(text: str) -> int:
    """Offset where the trailing run of locator segments begins (len(text) if none)."""
    spans = split_segments(text)
    cut = len(text)
    for begin, end in reversed(spans[1:]):
        m = LOCATOR_SEGMENT_RE.match(text[begin:end])
        if not m:
            break
        # a closing quote printed before the first locator belongs to the heading:
        # '"Forty-six, declaration of the," 54-55'
        cut = begin + (len(m.group("lead")) if '"' in m.group("lead") else 0)
    return cut


def analyse(entry: Entry) -> None:
    """Fill ``head_end`` and ``locators`` of an entry from its text."""
    cut = locator_start(entry.text)
    entry.head_end = cut
    region = entry.text[cut:]
    # A "(see X)" or a "(Note that ...)" after the locators is not a locator.
    paren = region.find("(")
    if paren >= 0:
        region = region[:paren]
    entry.locators = parse_locators(region, cut)


# ---------------------------------------------------------------- lines


def _clean(line: str) -> str:
    line = line.strip()
    while line.startswith("- "):
        line = line[2:].lstrip()
    return line


def _unbalanced(text: str) -> bool:
    return text.count("(") > text.count(")")


_CONTINUATION_START = re.compile(r"^(?:\d|n\d|\(|" + ROMAN + r"(?:[,\s-]|$))")


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` continues the entry ``prev`` (broken by the extraction)."""
    return (
        prev.endswith((",", "-"))
        or _unbalanced(prev)
        or bool(_CONTINUATION_START.match(line))
    )


def _join(prev: str, line: str) -> str:
    """Rejoin a broken line; a word hyphenated at the break loses its hyphen."""
    if prev.endswith("-") and not prev.endswith(" -"):
        if prev[-2:-1].isalpha() and line[:1].islower():
            return prev[:-1] + line
        return prev + line
    return prev + " " + line


@dataclass
class _Raw:
    kind: str  # "entry" | "page" | "letter"
    text: str
    line: int


def _raw_items(lines: Sequence[str], start: int, page: PageReader = _default_page) -> list[_Raw]:
    items: list[_Raw] = []
    for i, line in enumerate(lines, start=start):
        text = _clean(line)
        if not text:
            continue
        if (n := page(text)) is not None:
            items.append(_Raw("page", n, i))
        elif LETTER_RE.match(text):
            items.append(_Raw("letter", text, i))
        elif items and items[-1].kind == "entry" and _continues(items[-1].text, text):
            items[-1].text = _join(items[-1].text, text)
        elif items and items[-1].kind == "page" and _continues(_last_entry_text(items), text):
            # an entry broken across a page marker: rejoin, keep the page mark after it
            last = _last_entry(items)
            last.text = _join(last.text, text)
        else:
            items.append(_Raw("entry", text, i))
    return items


def _last_entry(items: list[_Raw]) -> _Raw:
    return next(it for it in reversed(items) if it.kind == "entry")


def _last_entry_text(items: list[_Raw]) -> str:
    entries = [it for it in items if it.kind == "entry"]
    return entries[-1].text if entries else ""


# ---------------------------------------------------------------- nesting


def fold(text: str) -> str:
    """Lower-case ASCII key for alphabetical comparison."""
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if c.isascii() and (c.isalnum() or c == " ")).lower().strip()


def sort_key(text: str) -> str:
    """The word an entry is alphabetised on (without "p ", "von ", quotes)."""
    t = text
    for prefix in ("p ", "von ", '"'):
        if t.startswith(prefix):
            t = t[len(prefix):]
    word = re.split(r"[\s,(]", t, maxsplit=1)[0]
    return fold(word)


def _is_main(text: str, letter: str, overrides: Overrides) -> bool:
    """A main entry starts with its section's letter, capitalised ("p X", "von X" and
    quoted terms included); sub-entries start in lower case or with another letter.
    The print's own exceptions (a capitalised sub-entry under its own letter, such as
    "Svetlana, daughter of" under Stalin) are listed in the editorial overrides.
    """
    if any(text.startswith(p) for p in overrides.main):
        return True
    if any(text.startswith(p) for p in overrides.sub):
        return False
    key = sort_key(text)
    if not key or key[0] != letter.lower():
        return False
    first = text[2:] if text.startswith("p ") else text
    return first[:1].isupper() or text.startswith(("von ", '"'))


@dataclass(frozen=True)
class Overrides:
    """Editorial decisions on nesting where the alphabet misleads (from persons.toml)."""

    main: tuple[str, ...] = ()  # text prefixes of lines that are main entries
    sub: tuple[str, ...] = ()  # text prefixes of lines that are sub-entries


def parse_index(lines: Sequence[str], start: int = 0, overrides: Overrides | None = None,
                page: PageReader = _default_page) -> list[Section]:
    """Parse the index lines (``start`` = index of the first one) into letter sections.

    ``page`` tells a page-marker line (returning its number) from an entry.

    Lines before the first letter heading (the "Index" title, the key to abbreviations)
    are skipped.
    """
    ov = overrides or Overrides()
    sections: list[Section] = []
    current: Entry | None = None
    pending_pages: list[PageMark] = []
    for raw in _raw_items(lines, start, page):
        if raw.kind == "letter":
            sections.append(Section(raw.text, raw.line))
            sections[-1].items.extend(pending_pages)
            pending_pages = []
            current = None
            continue
        if raw.kind == "page":
            mark = PageMark(raw.text, raw.line)
            if not sections:
                pending_pages.append(mark)
            elif current is not None and current.children:
                current.children.append(mark)
            else:
                sections[-1].items.append(mark)
            continue
        if not sections:
            continue
        entry = Entry(raw.text, raw.line)
        analyse(entry)
        if current is None or _is_main(raw.text, sections[-1].letter, ov):
            sections[-1].items.append(entry)
            current = entry
        else:
            current.children.append(entry)
    return sections


def iter_entries(items: Iterable[Entry | PageMark]) -> Iterable[Entry]:
    """Every entry (main and sub) in document order."""
    for it in items:
        if isinstance(it, Entry):
            yield it
            yield from iter_entries(it.children)
