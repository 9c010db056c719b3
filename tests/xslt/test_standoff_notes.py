"""Notes of the standOff (xslt/common/notes.xsl, xslt/epub/epub.xsl): each shown at the anchor
it points at, an annotation's note too, two at one anchor each with its own marker; the EPUB
built (it failed on any standOff note); a note no marker can show is said, not dropped
(fixture tests/fixtures/render/standoff-notes.xml)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.edition import Edition
from tests.xslt.support import broken_links, build_text, page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "standoff-notes.xml"


def _text(el) -> str:
    return " ".join(el.text_content().split())


def test_each_note_shows_at_its_anchor_and_two_at_one_anchor_each_have_a_marker(tmp_path):
    folder, diags = build_text(FIXTURE.read_text(encoding="utf-8"), tmp_path)
    body = page(folder, "body-1.html")
    markers = body.xpath("//a[@class='noteref']")
    assert [m.get("id") for m in markers] == ["aa", "ab", "unit-1-note-1-ref"]  # one id, one marker
    notes = {m.get("href")[1:]: m for m in markers}
    listed = {li.get("id"): _text(li.xpath("div[@class='note-body']")[0])
              for li in body.xpath("//section[@class='notes']//li[@class='note']")}
    assert set(notes) == set(listed)
    assert sorted(listed.values()) == ["a later hand", "districti skreślone", "na marginesie"]
    # the annotation's note (unnumbered: 1) has its marker right after note b's, at anchor ab
    assert [_text(m) for m in markers] == ["a", "b", "1"]
    assert markers[1].getnext() is markers[2]
    assert [li.xpath("a[@class='backlink']/@href")[0] for li in body.xpath("//li[@class='note']")] == [
        "body-1.html#aa", "body-1.html#ab", "body-1.html#unit-1-note-1-ref"]
    assert broken_links(folder) == []
    (said,) = [d for d in diags if d.code == "render.note-unplaced"]
    assert said.message.startswith('1 note(s) of the standOff point at no anchor, ref or ptr of the text '
                                   '(the first, "wytarte", at #passage)')


def test_the_epub_lists_them_at_the_end_of_their_markers_file(tmp_path):
    run = build_formats(Edition.load(FIXTURE), ["epub"], BuildSettings(exports_dir=tmp_path))
    assert run.committed, [d.render() for d in run.diagnostics]
    with zipfile.ZipFile(tmp_path / "standoff-notes.epub") as book:
        text = etree.fromstring(book.read("EPUB/text/body-1.xhtml"))
    words = " ".join(" ".join(text.itertext()).split())
    assert "districti skreślone" in words and "na marginesie" in words and "a later hand" in words
    ids = text.xpath("//@id")
    assert len(ids) == len(set(ids))
