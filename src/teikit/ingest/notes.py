"""The notes region (sections of numbered endnotes) and the links between notes and markers.

Notes are printed in sections headed by the division they annotate ("Introduction",
"Chapter One", ...: the headings of the edition's ``book.toml``,
:mod:`teikit.ingest.book`). A block ``N. text`` starts note N when N is the next number of
the section; any other block continues the current note (a new paragraph, or the rest of a
paragraph broken by a page). :func:`link` then joins each ``ref type="noteref"`` of a
division to its note, both ways (docs/encoding.md, "Notes and markers").
"""

from __future__ import annotations

import re

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Severity
from teikit.ingest.book import Book
from teikit.ingest.context import IngestContext
from teikit.ingest.flow import Flow
from teikit.ingest.source import Block
from teikit.ingest.typography import PRINTED

_NOTE_START = re.compile(r"([0-9]{1,3})\.\s+(.*)", re.S)


def T(tag: str) -> str:  # noqa: N802 - short Clark-name helper
    return f"{{{xmlio.TEI_NS}}}{tag}"


def section_id(heading: str, book: Book) -> str | None:
    """The division ID a notes-section heading refers to, or None."""
    return book.section_id(heading)


def build(ctx: IngestContext, div: etree._Element, blocks: list[Block], flow: Flow) -> None:
    """Fill ``div`` (the notes division) from the blocks of the notes region."""
    flow.start(div)
    section: etree._Element | None = None
    expected = 1
    for block in blocks:
        if block.page is not None:
            flow.page(block)
            continue
        sid = section_id(block.text, ctx.book)
        start = _NOTE_START.fullmatch(block.text)
        if div.find(T("head")) is None and section is None:
            flow.close()
            flow.flush_pages()
            etree.SubElement(div, T("head")).text = block.text
        elif sid is not None:
            section = _section(div, block.text, sid, flow)
            expected = 1
        elif section is not None and start and int(start.group(1)) == expected:
            _note(section, sid_of(section), expected, flow)
            flow.text(Block(block.index, start.group(2)))
            expected += 1
        elif section is None:
            ctx.report(Severity.ERROR, "ingest.notes-outside-section",
                       "text in the notes before any section heading", block.index)
            flow.text(block)
        else:
            flow.text(block)
    flow.close()


def sid_of(section: etree._Element) -> str:
    return section.get(xmlio.XML_ID, "")[len("notes-"):]


def _section(div: etree._Element, heading: str, sid: str, flow: Flow) -> etree._Element:
    flow.close()
    section = etree.SubElement(div, T("div"), type="notes-section", corresp=f"#{sid}")
    section.set(xmlio.XML_ID, f"notes-{sid}")
    # Order: the section's pb (if the page turned right before it), then its head.
    flow.start(section)
    etree.SubElement(section, T("head")).text = heading
    return section


def _note(section: etree._Element, sid: str, n: int, flow: Flow) -> etree._Element:
    flow.close()
    flow.container = section
    flow.flush_pages()
    note = etree.SubElement(section, T("note"), n=str(n), type="endnote", place="end")
    note.set(xmlio.XML_ID, f"{sid}-n{n:02d}")
    flow.start(note)
    return note


def link(ctx: IngestContext) -> tuple[int, int]:
    """Link markers and notes both ways; return (notes linked, notes in all)."""
    try:
        return _link(ctx)
    finally:
        for ref in ctx.root.iter(T("ref")):
            ref.attrib.pop(PRINTED, None)


def append_after(el: etree._Element, text: str) -> None:
    """Put ``text`` where ``el`` stands, before it is removed (its tail included in ``text``)."""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + text


def _link(ctx: IngestContext) -> tuple[int, int]:
    root = ctx.root
    linked = total = 0
    for section in root.iter(T("div")):
        if section.get("type") != "notes-section":
            continue
        sid = sid_of(section)
        division = next((d for d in root.iter(T("div")) if d.get(xmlio.XML_ID) == sid), None)
        notes = {note.get("n"): note for note in section.iter(T("note"))}
        total += len(notes)
        if division is None:
            ctx.report(Severity.ERROR, "ingest.notes-no-division",
                       f"notes section {sid!r} annotates no division of the text")
            continue
        _link_division(ctx, division, notes, sid)
        for n, note in notes.items():
            if note.get("target"):
                linked += 1
            else:
                ctx.report(Severity.WARNING, "ingest.note-without-marker",
                           f"note {n} of {sid} has no marker in the text",
                           hint="add a conjectured-marker row to tei/editorial/corrections.tsv")
    return linked, total


def _link_division(ctx: IngestContext, division: etree._Element,
                   notes: dict[str, etree._Element], sid: str) -> None:
    seen: dict[str, int] = {}
    for ref in list(division.iter(T("ref"))):
        if ref.get("type") != "noteref":
            continue
        n = ref.get("n", "")
        note = notes.get(n)
        if note is None:
            printed = ref.get(PRINTED)
            ctx.report(Severity.WARNING, "ingest.marker-without-note",
                       f"marker {n} in {sid} has no note {n}; "
                       + (f"kept as printed ({printed!r})" if printed else "kept as a superscript"))
            _unwrap(ref)
            continue
        seen[n] = seen.get(n, 0) + 1
        ref_id = f"{note.get(xmlio.XML_ID)}-ref" + ("" if seen[n] == 1 else str(seen[n]))
        ref.set(xmlio.XML_ID, ref_id)
        ref.set("target", f"#{note.get(xmlio.XML_ID)}")
        if seen[n] == 1:
            note.set("target", f"#{ref_id}")


def _unwrap(ref: etree._Element) -> None:
    """Replace a marker that points nowhere by a superscript ``hi``, or by its printed form."""
    printed = ref.get(PRINTED)
    if printed is not None:
        parent = ref.getparent()
        append_after(ref, printed + (ref.tail or ""))
        parent.remove(ref)
        return
    hi = etree.Element(T("hi"), rend="superscript")
    hi.text = "".join(ref.itertext())
    hi.tail = ref.tail
    ref.getparent().replace(ref, hi)
