"""Inline encoding of one source line: italics, note markers, repairs.

A line of source text becomes the content of a TEI element:

- ``*...*`` -> ``hi rend="italic"``, or ``title level="m"`` for a title (several words,
  capitalised: the way the book italicises titles of books and periodicals);
- ``<i>...</i>`` (the Party Congresses table) -> ``hi rend="italic"``;
- superscript digits -> ``ref type="noteref"`` (IDs and targets are set when notes are
  linked); when they follow a year and make a later year (``1948⁵⁰``, ``1887¹⁹³⁷``) they
  are a year range the extraction mangled and become ``choice/sic/corr`` (``1948–50``);
  three or four digits before a month that make one pair of days are a day range that
  lost its dash (``910 November 1799`` → ``9–10 November 1799``), repaired the same way;
- the rows of ``corrections.tsv`` for this line -> ``choice/sic/corr``; a conjectured
  marker -> ``ref`` with ``cert``/``resp`` and its number in ``supplied``.

The content is built as an XML string from escaped text, then parsed with the safe
parser of :mod:`teikit.xmlio`; private-use characters stand in for the repairs meanwhile.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from lxml import etree

from teikit import xmlio
from teikit.ingest.corrections import CONJECTURED, Correction
from teikit.ingest.dates_parse import DEFAULT_YEARS

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_RE = re.compile(f"[{SUPERSCRIPTS}]+")
_TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUP = f"[{SUPERSCRIPTS}]"
YEAR_RANGE_RE = re.compile(f"(1[5-9][0-9][0-9])({_SUP}{{4}}|{_SUP}{{2}})(?!{_SUP})")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a run of 3-4 digits before a month (and its year, kept in the repair so the date stays whole)
DAY_RANGE_RE = re.compile(rf"(?<![\d\w\ue000-\ue001-])(\d{{3,4}})( (?:{_MONTHS})(?:,? \d{{4}}(?!\d))?)\b")
ITALIC_RE = re.compile(r"\*([^*]+?)\*")
HTML_I_RE = re.compile(r"&lt;i&gt;(.*?)&lt;/i&gt;")
_HOLE_RE = re.compile("\ue000([0-9]+)\ue001")
RESP = "#teikit"


def sup_value(text: str) -> int:
    """The number written by superscript digits."""
    return int(text.translate(_TO_DIGITS))


@dataclass(frozen=True)
class Style:
    """How the book marks italics and note markers (book.toml ``[inline]``, ``[notes]``)."""

    italic: str = "*"
    marker: re.Pattern[str] | None = None  # group "n"; None: superscript digits only


DEFAULT_STYLE = Style()


@functools.lru_cache(maxsize=8)
def italic_re(char: str) -> re.Pattern[str]:
    c = re.escape(char)
    if char == "*":
        return ITALIC_RE
    # a word-internal delimiter ("snake_case") is not an italic: the span opens and closes
    # at a word's edge
    return re.compile(f"(?<![\\w{c}]){c}([^{c}]+?){c}(?![\\w{c}])")


@dataclass
class Repairs:
    """Choices and conjectured markers made while converting one line."""

    items: list[str] = field(default_factory=list)
    applied: list[Correction] = field(default_factory=list)
    year_ranges: int = 0
    day_ranges: int = 0
    # the edition's span of years: four digits inside it are a year, never a day range
    years: tuple[int, int] = DEFAULT_YEARS
    style: Style = DEFAULT_STYLE

    def hole(self, xml: str) -> str:
        self.items.append(xml)
        return f"\ue000{len(self.items) - 1}\ue001"


def _choice(sic: str, corr: str) -> str:
    return (f"<choice><sic>{escape(sic)}</sic>"
            f'<corr resp="{RESP}">{escape(corr)}</corr></choice>')


def _conjectured(n: str) -> str:
    return (f'<ref type="noteref" n="{n}" cert="low" resp="{RESP}">'
            f'<supplied reason="omitted-in-source" resp="{RESP}">{n}</supplied></ref>')


def _apply_corrections(text: str, corrections: list[Correction], repairs: Repairs) -> str:
    for c in corrections:
        if c.found not in text:
            continue
        if c.reason == CONJECTURED:
            new = c.found + repairs.hole(_conjectured(c.replacement))
        else:
            new = repairs.hole(_choice(c.found, c.replacement))
        text = text.replace(c.found, new, 1)
        repairs.applied.append(c)
    return text


def _year_ranges(text: str, repairs: Repairs) -> str:
    def fix(m: re.Match[str]) -> str:
        end = m.group(2).translate(_TO_DIGITS)
        start = m.group(1) if len(end) == 4 else m.group(1)[-2:]
        if int(end) <= int(start):
            return m.group(0)  # not a later year: leave it to be a marker
        repairs.year_ranges += 1
        return repairs.hole(_choice(m.group(0), f"{m.group(1)}–{end}"))

    return YEAR_RANGE_RE.sub(fix, text)


def _day_ranges(text: str, repairs: Repairs) -> str:
    """"910 November 1799" -> a choice whose corr reads "9–10 November 1799": three or four
    digits before a month that split one way only into two days, the first the earlier, and
    that are not a year of the edition's span."""
    def fix(m: re.Match[str]) -> str:
        digits = m.group(1)
        splits = [(digits[:k], digits[k:]) for k in range(1, len(digits))
                  if digits[k] != "0" and 1 <= int(digits[:k]) < int(digits[k:]) <= 31]
        if len(splits) != 1 or repairs.years[0] <= int(digits) <= repairs.years[1]:
            return m.group(0)  # no pair of days, or a year ("1925 May Day")
        first, second = splits[0]
        repairs.day_ranges += 1
        return repairs.hole(_choice(m.group(0), f"{first}–{second}{m.group(2)}"))

    return DAY_RANGE_RE.sub(fix, text)


def is_title(words: str) -> bool:
    """Whether an italic span reads as a title (several words, capitalised, no final stop).

    A final full stop marks a quoted phrase ("*For Politburo members only.*"), not a title.
    """
    # a French elided article does not count: "l'Enlèvement du Général Kutepov" is a title
    head = re.sub(r"^[a-z][’']", "", words)
    return len(words.split()) >= 2 and head[:1].isupper() and not words.rstrip().endswith(".")


def _italic(m: re.Match[str]) -> str:
    inner = m.group(1)
    if is_title(inner):
        return f'<title level="m">{inner}</title>'
    return f'<hi rend="italic">{inner}</hi>'


def _marker(m: re.Match[str]) -> str:
    n = sup_value(m.group(0))
    return f'<ref type="noteref" n="{n}">{n}</ref>'


# The printed form of a marker read by a pattern ("[3]"), held until the notes are linked: a
# "marker" that meets no note (a cross-reference "[337]") goes back to the text as printed.
PRINTED = "teikit-printed"


def _pattern_marker(m: re.Match[str]) -> str:
    n = m.group("n")
    printed = m.group(0).replace('"', "&quot;")
    return f'<ref type="noteref" n="{n}" {PRINTED}="{printed}">{n}</ref>'


def prepare(piece: str, corrections: list[Correction], repairs: Repairs) -> str:
    """Step 1, per source line: apply its corrections and repair year ranges (as holes)."""
    return _day_ranges(_year_ranges(_apply_corrections(piece, corrections, repairs), repairs), repairs)


def finish(text: str, repairs: Repairs, *, markers: bool = True) -> str:
    """Step 2, per paragraph: escape, italics, markers, then fill the holes."""
    text = escape(text)
    text = HTML_I_RE.sub(r'<hi rend="italic">\1</hi>', text)
    text = italic_re(repairs.style.italic).sub(_italic, text)
    if markers:
        text = SUP_RE.sub(_marker, text)
        if repairs.style.marker is not None:
            text = repairs.style.marker.sub(_pattern_marker, text)
    return _HOLE_RE.sub(lambda m: repairs.items[int(m.group(1))], text)


def parse(xml: str, tag: str = "p") -> etree._Element:
    """Parse inline XML (TEI default namespace) into a new element named ``tag``."""
    data = f'<{tag} xmlns="{xmlio.TEI_NS}">{xml}</{tag}>'.encode()
    return xmlio.parse_bytes(data, "<inline>").getroot()


def convert(text: str, corrections: list[Correction] | None = None, *, markers: bool = True,
            tag: str = "p", years: tuple[int, int] = DEFAULT_YEARS,
            style: Style = DEFAULT_STYLE) -> tuple[etree._Element, Repairs]:
    """Encode one source line as a TEI element named ``tag``."""
    repairs = Repairs(years=years, style=style)
    xml = finish(prepare(text, corrections or [], repairs), repairs, markers=markers)
    return parse(xml, tag), repairs


def append_content(target: etree._Element, fragment: etree._Element) -> None:
    """Move the text and children of ``fragment`` to the end of ``target``."""
    append_text(target, fragment.text or "")
    for child in list(fragment):
        target.append(child)


def append_text(target: etree._Element, text: str) -> None:
    """Append plain text at the end of ``target``'s content."""
    if not text:
        return
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


def last_text(target: etree._Element) -> str:
    """The final text node of ``target``'s content (its text or its last child's tail)."""
    if len(target):
        return target[-1].tail or ""
    return target.text or ""


def set_last_text(target: etree._Element, text: str) -> None:
    if len(target):
        target[-1].tail = text or None
    else:
        target.text = text or None
