"""Whole-text scans of an ingested edition for the systematic errors a reading found.

Each scan walks the finished tree and returns :class:`Case` values (where, what): a count of
zero means the kind is gone, a non-zero count lists every remaining case so a regression
shows at once. ``benchmarks/memoir_scans.py`` prints them for an edition; the ingest tests
assert them on the memoir and on the second-book fixture. Nothing here changes the tree.

The kinds (issue #18):

* ``short-span``: a ``persName`` with the person's forenames or patronymic printed right
  before it but left outside ("Pavel Petrovich <persName>Skoropadsky</persName>"), or one
  name split in two by a bracketed insertion;
* ``wrong-note``: an index note locator linked to another section's note of the same number
  printed on the same page, when the note it means names the entry;
* ``split-paragraph``: a paragraph whose next piece starts in lower case, left as two ``p``;
* ``join-hyphen``: a hyphen left before a space ("semi- Stalinists");
* ``lost-coordinated-date``: the first of two coordinated dates left untagged ("In April and
  <date>May 1921</date>");
* ``ocr-day-range``: a day range whose dash the extraction lost ("910 November 1799");
* ``name-in-work``: a person tagged inside the title of a work (``title``, or an italic span
  that is a title: Trotsky's *Stalin*);
* ``untagged-patronymic``: a forename and patronymic ("Yakob Grigorievich") with no name tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from teikit.ingest.dates_parse import MONTHS
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
KINDS = ("short-span", "wrong-note", "split-paragraph", "join-hyphen", "lost-coordinated-date",
         "ocr-day-range", "name-in-work", "untagged-patronymic")
PATRONYMIC = re.compile(r"[A-Z][a-z]+(?:ovich|evich|ievich|yevich|ich|ovna|evna|ievna|ichna)$")
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_CAPS_BEFORE = re.compile(r"(?:^|[\s(\"“])((?:[A-Z][a-z]+\.? ){1,2})$")
_COORDINATED = re.compile(rf"(?:\b\d{{1,2}}|\b{_MONTH})(?:,\s*\d{{1,2}})*,?\s+(?:and|or|&)\s+$")
_DAY_RUN = re.compile(rf"(?<![\d-])\d{{3,4}}\s+{_MONTH}\b")
# "semi- Stalinists"; not a suspended hyphen ("junior- and second-level").
_SPACED_HYPHEN = re.compile(r"\b[A-Za-z]+- (?!(?:and|or|to|nor)\b)[A-Za-z]")
_PATRONYMIC_PAIR = re.compile(
    r"\b[A-Z][a-z]+ [A-Z][a-z]+(?:ovich|evich|ievich|yevich|ovna|evna|ievna)\b")


@dataclass(frozen=True)
class Case:
    kind: str
    where: str  # the nearest xml:id or page, for finding it
    text: str


def _excluded(root: etree._Element) -> set[etree._Element]:
    out: set[etree._Element] = set()
    for div in root.iter(T + "div"):
        if div.get("type") in ("index", "bibliography"):
            out.update(div.iter())
    header = root.find(T + "teiHeader")
    if header is not None:
        out.update(header.iter())
    so = root.find(T + "standOff")
    if so is not None:
        out.update(so.iter())
    return out


def _where(el: etree._Element) -> str:
    page = None
    for prev in el.itersiblings(preceding=True):
        if prev.tag == T + "pb":
            page = prev.get("n")
            break
    for anc in el.iterancestors():
        if anc.get(XML_ID):
            return f"{anc.get(XML_ID)}" + (f" p. {page}" if page else "")
    return page or "?"


def _before(el: etree._Element) -> str:
    prev = el.getprevious()
    return (prev.tail if prev is not None else el.getparent().text) or ""


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _forenames(root: etree._Element) -> dict[str, list[str]]:
    """person ID -> the words of the forenames the index prints."""
    out: dict[str, list[str]] = {}
    for person in root.iter(T + "person"):
        idx = person.find(T + "persName[@type='index']")
        fore = idx.find(T + "forename") if idx is not None else None
        out[person.get(XML_ID, "")] = _text(fore).replace(".", " ").split() if fore is not None else []
    return out


def short_spans(root: etree._Element) -> list[Case]:
    """Forenames or a patronymic printed right before a name and left outside it."""
    excluded = _excluded(root)
    forenames = _forenames(root)
    out = []
    for el in root.iter(T + "persName"):
        ref = (el.get("ref") or "").lstrip("#")
        if not ref or el in excluded:
            continue
        m = _CAPS_BEFORE.search(_before(el))
        if m:
            words = m.group(1).split()
            known = forenames.get(ref, [])
            if PATRONYMIC.match(words[-1].rstrip(".")) or any(w.rstrip(".") in known for w in words):
                out.append(Case("short-span", _where(el), f"{m.group(1)}[{_text(el)}]"))
                continue
        nxt = el.getnext()
        gap = el.tail or ""
        if nxt is not None and nxt.tag == el.tag and nxt.get("ref") == el.get("ref") \
                and re.fullmatch(r"\s*(?:\[[^\]]*\])?\s*", gap):
            out.append(Case("short-span", _where(el), f"[{_text(el)}]{gap}[{_text(nxt)}]"))
    return out


def _notes_by_page(root: etree._Element) -> dict[tuple[str, str], list[etree._Element]]:
    """(page, note number) -> every endnote printed on (or running onto) that page."""
    out: dict[tuple[str, str], list[etree._Element]] = {}
    page: str | None = None
    for el in root.iter(T + "pb", T + "note"):
        if el.tag == T + "pb":
            page = el.get("n")
            note = next(el.iterancestors(T + "note"), None)
            if note is not None and page is not None:
                out.setdefault((page, note.get("n") or ""), []).append(note)
        elif el.get("type") == "endnote" and page is not None:
            lst = out.setdefault((page, el.get("n") or ""), [])
            if el not in lst:
                lst.append(el)
    return out


def _names(note: etree._Element) -> set[str]:
    names = note.iter(T + "persName", T + "orgName", T + "placeName")
    return {(p.get("ref") or "").lstrip("#") for p in names}


def wrong_notes(root: etree._Element) -> list[Case]:
    """Index note locators linked to a note that does not name the entry while another note
    of that number on that page does."""
    by_id = {el.get(XML_ID): el for el in root.iter(T + "note") if el.get(XML_ID)}
    pages = _notes_by_page(root)
    out = []
    for index in root.iter(T + "div"):
        if index.get("type") != "index":
            continue
        for ref in index.iter(T + "ref"):
            if ref.get("type") != "note" or not ref.get("target"):
                continue
            item = next(ref.iterancestors(T + "item"))
            while item.find(T + "term") is None and item.getparent() is not None:
                parent = next(item.iterancestors(T + "item"), None)
                if parent is None:
                    break
                item = parent
            name = item.find(f"{T}term/*[@ref]")
            if name is None:
                continue
            entity = name.get("ref").lstrip("#")
            m = re.match(r"(\w+)(?:-\w+)?,?\s+n(\d+)", ref.text or "")
            if not m:
                continue
            for target in ref.get("target").split():
                note = by_id.get(target.lstrip("#"))
                if note is None or entity in _names(note):
                    continue
                rivals = [n for page in (m.group(1),) for n in pages.get((page, note.get("n") or ""), [])
                          if n is not note and entity in _names(n)]
                if rivals:
                    out.append(Case("wrong-note", item.get(XML_ID, "?"),
                                    f"{ref.text} -> #{note.get(XML_ID)}, means #{rivals[0].get(XML_ID)}"))
    return out


def split_paragraphs(root: etree._Element) -> list[Case]:
    """Two ``p`` in a row (page breaks and figures between) whose second starts in lower case."""
    out = []
    text = root.find(T + "text")
    excluded = _excluded(root)  # the index's key to abbreviations is lines, not paragraphs
    for p in text.iter(T + "p") if text is not None else ():
        if p in excluded:
            continue
        nxt = p.getnext()
        while nxt is not None and nxt.tag in (T + "pb", T + "figure"):
            nxt = nxt.getnext()
        if nxt is None or nxt.tag != T + "p":
            continue
        start = _text(nxt)
        if start[:1].islower():
            out.append(Case("split-paragraph", _where(nxt), f"…{_text(p)[-40:]} ¶ {start[:40]}…"))
    return out


def join_hyphens(root: etree._Element) -> list[Case]:
    """A hyphen left before a space inside a paragraph ("semi- Stalinists"); not a suspended
    hyphen ("junior- and second-level"). Fused words ("thenrudimentary") cannot be told from
    the text alone: the ingest reports the joins it had to guess (``ingest.hyphen-undecided``)."""
    excluded = _excluded(root)
    text = root.find(T + "text")
    out = []
    for el in text.iter(T + "p", T + "head", T + "item", T + "cell") if text is not None else ():
        if el in excluded:
            continue
        for m in _SPACED_HYPHEN.finditer(_text(el)):
            out.append(Case("join-hyphen", _where(el), m.group(0) + "…"))
    return out


def lost_coordinated_dates(root: etree._Element) -> list[Case]:
    """A ``date`` right after "14 and", "April and": the first date of the pair untagged."""
    out = []
    for date in root.iter(T + "date"):
        before = _before(date)
        m = _COORDINATED.search(before)
        if m:
            out.append(Case("lost-coordinated-date", _where(date), f"{m.group(0)}[{_text(date)}]"))
    return out


def ocr_day_ranges(root: etree._Element) -> list[Case]:
    """A run of three or four digits before a month ("910 November") outside any repair."""
    text = root.find(T + "text")
    out = []
    for el in text.iter() if text is not None else ():
        if not isinstance(el.tag, str) or el.tag == T + "sic":
            continue
        parent = el.getparent()
        tail = el.tail if parent is not None and parent.tag != T + "sic" else None
        for chunk in (el.text, tail):
            for m in _DAY_RUN.finditer(chunk or ""):
                out.append(Case("ocr-day-range", _where(el), m.group(0)))
    return out


def names_in_works(root: etree._Element) -> list[Case]:
    """Person names tagged inside a work's title or an italic span (Trotsky's *Stalin*)."""
    excluded = _excluded(root)
    out = []
    for el in root.iter(T + "persName"):
        if el in excluded or not el.get("ref"):
            continue
        holder = next((a for a in el.iterancestors(T + "title", T + "hi")
                       if a.tag == T + "title" or a.get("rend") == "italic"), None)
        if holder is not None and not any(a.tag in (T + "biblStruct", T + "bibl")
                                          for a in el.iterancestors()):
            out.append(Case("name-in-work", _where(el), _text(holder)))
    return out


def untagged_patronymics(root: etree._Element) -> list[Case]:
    """Forename and patronymic in running text with no name tag around them."""
    text = root.find(T + "text")
    if text is None:
        return []
    excluded = _excluded(root)
    names = (T + "persName", T + "orgName", T + "placeName", T + "title", T + "sic")
    out = []
    for el in text.iter():
        if not isinstance(el.tag, str) or el in excluded:
            continue
        chunks = []
        if el.tag not in names and not any(a.tag in names for a in el.iterancestors()):
            chunks.append(el.text)
        parent = el.getparent()
        if parent is not None and parent.tag not in names \
                and not any(a.tag in names for a in parent.iterancestors()):
            chunks.append(el.tail)
        for chunk in chunks:
            for m in _PATRONYMIC_PAIR.finditer(chunk or ""):
                out.append(Case("untagged-patronymic", _where(el), m.group(0)))
    return out


SCANS = {
    "short-span": short_spans,
    "wrong-note": wrong_notes,
    "split-paragraph": split_paragraphs,
    "join-hyphen": join_hyphens,
    "lost-coordinated-date": lost_coordinated_dates,
    "ocr-day-range": ocr_day_ranges,
    "name-in-work": names_in_works,
    "untagged-patronymic": untagged_patronymics,
}


def scan(root: etree._Element) -> dict[str, list[Case]]:
    """Every kind's cases, in the order of :data:`KINDS`."""
    return {kind: SCANS[kind](root) for kind in KINDS}


def iter_cases(root: etree._Element) -> Iterator[Case]:
    for cases in scan(root).values():
        yield from cases
