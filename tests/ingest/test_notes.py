"""Notes sections and the two-way links between markers and notes."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teikit import paths, xmlio
from teikit.ingest import book
from teikit.ingest.context import IngestContext, SourceText
from teikit.ingest.flow import Flow, Hyphenation
from teikit.ingest.notes import build, link, section_id
from teikit.ingest.source import blocks

T = f"{{{xmlio.TEI_NS}}}"
LAYOUT = book.load(paths.EDITORIAL_DIR)
NOTES = """Page 237

Notes

Chapter One

1. First note, which runs on to

Page 238

the next page.

2. Second note.

A second paragraph of note 2.

Chapter Two

1. Only note of chapter two.
"""


def _ctx(text: str, body: str) -> IngestContext:
    ctx = IngestContext(SourceText(Path("book.txt"), text.splitlines()), Path("."), layout=LAYOUT)
    root = xmlio.parse_bytes(f'<TEI xmlns="{xmlio.TEI_NS}"><text><body>{body}</body><back>'
                             '<div type="notes" xml:id="notes"/></back></text></TEI>'.encode()).getroot()
    ctx.tree = root.getroottree()
    div = root.find(f".//{T}div[@type='notes']")
    build(ctx, div, blocks(ctx.source, 0, len(ctx.source.lines)),
          Flow({}, Hyphenation([]), markers=False))
    return ctx


def _marker(n: int) -> str:
    return f'<ref type="noteref" n="{n}">{n}</ref>'


def test_section_ids():
    assert section_id("Chapter One", LAYOUT) == "ch01"
    assert section_id("Chapter Seventeen", LAYOUT) == "ch17"
    assert section_id("Introduction", LAYOUT) == "intro" and section_id("Postscript", LAYOUT) == "postscript"
    assert section_id("Chapter Banana", LAYOUT) is None and section_id("Notes", LAYOUT) is None
    # another book's headings: numbered in roman, in arabic, or by word
    roman = book.Book(chapters=book.Chapters(notes_heading="Chapter {roman}", id="chap-{n}"))
    assert section_id("Chapter IV", roman) == "chap-4" and section_id("Chapter Four", roman) is None


def test_sections_notes_and_pages():
    ctx = _ctx(NOTES, "")
    root = ctx.root
    div = root.find(f".//{T}div[@type='notes']")
    assert [el.tag for el in div][:2] == [T + "pb", T + "head"]
    sections = div.findall(f"{T}div")
    assert [s.get(xmlio.XML_ID) for s in sections] == ["notes-ch01", "notes-ch02"]
    assert sections[0].get("corresp") == "#ch01"
    notes = sections[0].findall(f"{T}note")
    assert [n.get(xmlio.XML_ID) for n in notes] == ["ch01-n01", "ch01-n02"]
    first = notes[0].find(f"{T}p")
    assert "".join(first.itertext()) == "First note, which runs on to the next page."
    assert first.find(f"{T}pb").get("n") == "238"
    assert len(notes[1].findall(f"{T}p")) == 2


def test_link_both_ways_and_report_the_rest():
    body = (f'<div type="chapter" xml:id="ch01"><p>a{_marker(1)} b{_marker(2)} c{_marker(7)}</p></div>'
            f'<div type="chapter" xml:id="ch02"><p>no marker here</p></div>')
    ctx = _ctx(NOTES, body)
    linked, total = link(ctx)
    assert (linked, total) == (2, 3)
    root = ctx.root
    ref = root.find(f".//{T}ref[@n='2']")
    assert ref.get(xmlio.XML_ID) == "ch01-n02-ref" and ref.get("target") == "#ch01-n02"
    note = root.find(f".//{T}note[@{{{xmlio.XML_NS}}}id='ch01-n02']")
    assert note.get("target") == "#ch01-n02-ref"
    # Marker 7 has no note: kept as a superscript, reported.
    assert root.find(f".//{T}hi[@rend='superscript']").text == "7"
    codes = sorted(d.code for d in ctx.diagnostics)
    assert codes == ["ingest.marker-without-note", "ingest.note-without-marker"]


def test_second_marker_to_the_same_note():
    body = f'<div type="chapter" xml:id="ch01"><p>a{_marker(1)} b{_marker(1)}{_marker(2)}</p></div>'
    ctx = _ctx(NOTES, body)
    link(ctx)
    ids = [r.get(xmlio.XML_ID) for r in ctx.root.iter(T + "ref")]
    assert ids == ["ch01-n01-ref", "ch01-n01-ref2", "ch01-n02-ref"]
    assert etree.tostring(ctx.root).count(b'target="#ch01-n01-ref"') == 1
