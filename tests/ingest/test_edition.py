"""The committed edition is exactly what the ingest produces, and it holds what the contract says.

If ``test_committed_edition_is_regenerated`` fails after a deliberate change to the
ingest or the editorial data, run ``teikit ingest``, read ``git diff tei/bazhanov.xml``
and commit the new edition with the change.
"""

from __future__ import annotations

import difflib

import pytest
from lxml import etree

from teikit import paths, xmlio
from teikit.ingest import pipeline

NS = {"t": xmlio.TEI_NS}
XML_ID = xmlio.XML_ID


@pytest.fixture(scope="module")
def ctx():
    return pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR)


@pytest.fixture(scope="module")
def root(ctx):
    return ctx.root


def test_committed_edition_is_regenerated(ctx):
    produced = pipeline.serialize(ctx)
    committed = paths.EDITION.read_bytes()
    if produced != committed:
        a = committed.decode("utf-8").replace("><", ">\n<").splitlines()
        b = produced.decode("utf-8").replace("><", ">\n<").splitlines()
        diff = "\n".join(list(difflib.unified_diff(a, b, "committed", "produced", lineterm=""))[:40])
        pytest.fail("tei/bazhanov.xml is not what `teikit ingest` produces; run it, read the diff, "
                    f"commit:\n{diff}")


def test_ingest_is_deterministic(ctx):
    again = pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR)
    assert pipeline.serialize(again) == pipeline.serialize(ctx)


def test_seventeen_chapters_with_label_head_and_argument(root):
    chapters = root.xpath("//t:body/t:div[@type='chapter']", namespaces=NS)
    assert [c.get(XML_ID) for c in chapters] == [f"ch{n:02d}" for n in range(1, 18)]
    for c in chapters:
        assert c.xpath("t:head[@type='label']", namespaces=NS)
        assert c.xpath("t:head[not(@type)]", namespaces=NS)
        assert c.xpath("t:argument/t:p", namespaces=NS)
    assert chapters[0].xpath("string(t:head[not(@type)])", namespaces=NS) == "Entering the Party"


def test_chapter_seven_label_is_supplied(root):
    label = root.xpath("//t:div[@xml:id='ch07']/t:head[@type='label']", namespaces=NS)[0]
    supplied = label.find(f"{{{xmlio.TEI_NS}}}supplied")
    assert supplied is not None and supplied.text == "7." and supplied.get("resp") == "#teikit"


def test_divisions_in_order(root):
    def ids(part):
        return [d.get(XML_ID) for d in root.xpath(f"//t:{part}/t:div", namespaces=NS)]
    assert ids("front") == ["titlepage", "contents", "intro", "preface"]
    assert ids("body")[-2:] == ["conclusion", "postscript"]
    assert ids("back") == ["congresses", "notes", "bibliography", "index"]


def test_contents_links_to_divisions(root):
    targets = root.xpath("//t:div[@type='contents']//t:ref/@target", namespaces=NS)
    assert len(targets) == 25
    ids = set(root.xpath("//@xml:id"))
    assert all(t[1:] in ids for t in targets)


def test_all_257_notes_linked_both_ways(root):
    notes = root.xpath("//t:note[@type='endnote']", namespaces=NS)
    assert len(notes) == 257
    by_id = {el.get(XML_ID): el for el in root.iter() if el.get(XML_ID)}
    for note in notes:
        ref = by_id[note.get("target")[1:]]
        assert ref.get("type") == "noteref" and ref.get("target") == f"#{note.get(XML_ID)}"
        assert ref.get("n") == note.get("n")
    sections = root.xpath("//t:div[@type='notes-section']/@xml:id", namespaces=NS)
    assert sections[:3] == ["notes-intro", "notes-preface", "notes-ch01"]
    assert sections[-2:] == ["notes-conclusion", "notes-postscript"]


def test_no_dangling_pointer_and_no_duplicate_id(root):
    ids = [el.get(XML_ID) for el in root.iter() if el.get(XML_ID)]
    assert len(ids) == len(set(ids))
    for el in root.xpath("//t:text//t:ref[@type='noteref'] | //t:note[@type='endnote']", namespaces=NS):
        assert el.get("target")[1:] in set(ids)


def test_conjectured_marker_for_chapter_nine_note_nine(root):
    ref = root.xpath("//t:ref[@xml:id='ch09-n09-ref']", namespaces=NS)[0]
    assert ref.get("cert") == "low" and ref.get("resp") == "#teikit"
    assert ref.xpath("string(t:supplied)", namespaces=NS) == "9"
    assert "She killed herself." in "".join(ref.getparent().itertext())


def test_every_printed_page_once(root):
    numbers = root.xpath("//t:pb/@n", namespaces=NS)
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
             "xv", "xvi", "xvii", "xviii"]
    expected = roman + [str(n) for n in range(1, 286)]
    assert sorted(numbers) == sorted(expected)
    inferred = root.xpath("//t:pb[@type='inferred']", namespaces=NS)
    assert len(inferred) == 53  # 49 arabic (7, 11, 19, ...) and v, vi, ix, xvi
    assert all(p.get("cert") == "low" and p.get("resp") == "#teikit" for p in inferred)


def test_pages_in_document_order(root):
    arabic = [int(n) for n in root.xpath("//t:text//t:pb/@n", namespaces=NS) if n.isdigit()]
    assert arabic == sorted(arabic)


def test_paragraph_mended_across_page_and_hyphen(root):
    pb = root.xpath("//t:pb[@xml:id='pviii']", namespaces=NS)[0]
    assert pb.getparent().tag == f"{{{xmlio.TEI_NS}}}p"
    text = "".join(pb.getparent().itertext())
    assert "sample documentation which not only revealed" in text


def test_marker_on_its_own_line_joins_the_paragraph_before(root):
    # "Petliura's Ukrainian nationalists" / "³ and the Bolsheviks" is one sentence.
    ref = root.xpath("//t:ref[@xml:id='ch01-n03-ref']", namespaces=NS)[0]
    assert ref.tail.startswith(" and the Bolsheviks")
    # A bare "5" line in the introduction is note 5's marker.
    assert root.xpath("//t:ref[@xml:id='intro-n05-ref']", namespaces=NS)


def test_year_range_superscripts_are_repairs_not_markers(root):
    choices = root.xpath("//t:choice[t:sic[contains(., '1948⁵⁰')]]", namespaces=NS)
    assert len(choices) == 1
    assert choices[0].xpath("string(t:corr)", namespaces=NS) == "1948–50"
    assert root.xpath("//t:choice[t:sic[contains(., '1920²⁵')]]", namespaces=NS)
    assert not root.xpath("//t:ref[@type='noteref']//t:sic", namespaces=NS)


def test_italics_and_titles(root):
    his = root.xpath("//t:text//t:hi[@rend='italic']", namespaces=NS)
    titles = root.xpath("//t:text//t:title[@level='m']", namespaces=NS)
    assert any("".join(h.itertext()) == "any" for h in his)
    assert any("".join(t.itertext()) == "Avec Staline dans le Kremlin" for t in titles)
    assert "*" not in "".join(root.xpath("//t:body//text()", namespaces=NS))


def test_congresses_table(root):
    rows = root.xpath("//t:div[@xml:id='congresses']/t:table/t:row", namespaces=NS)
    assert len(rows) == 28 and rows[0].get("role") == "label"
    assert rows[1].xpath("string(t:cell[2])", namespaces=NS) == "March 1898"


def test_plates_are_figures(root):
    plates = root.xpath("//t:figure[@type='plate']", namespaces=NS)
    assert len(plates) >= 10
    assert root.xpath("//t:figure[@type='frontispiece']", namespaces=NS)


def test_no_joint_markers_left(ctx):
    data = pipeline.serialize(ctx)
    assert b"teikit-joint" not in data
    etree.fromstring(data, xmlio.safe_parser())  # well-formed


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _edition_text(el, skip) -> str:
    out = [] if el.tag in skip else [el.text or ""]
    if el.tag not in skip:
        for child in el:
            if isinstance(child.tag, str):
                out.append(_edition_text(child, skip))
            out.append(child.tail or "")
    return "".join(out)


def test_nothing_of_the_source_is_dropped(ctx, root):
    """Every letter of the front, body, table and notes regions is in the edition, in order.

    Page-marker lines become pb, the table's <i> tags hi; editors' additions (corr,
    supplied) are left out.
    """
    source = ctx.source
    start, end = ctx.regions["front"][0], ctx.regions["notes"][1]
    lines = [ln.replace("<i>", "").replace("</i>", "") for ln in source.lines[start:end]
             if not ln.strip().startswith("Page ")]
    expected = _letters("".join(lines))
    skip = {f"{{{xmlio.TEI_NS}}}{tag}" for tag in ("corr", "supplied")}
    parts = root.xpath("//t:front | //t:body | //t:back/t:div[@type='appendix' or @type='notes']",
                       namespaces=NS)
    produced = _letters("".join(_edition_text(p, skip) for p in parts))
    if produced != expected:
        at = next(i for i, (a, b) in enumerate(zip(produced, expected, strict=False)) if a != b)
        pytest.fail(f"differs at letter {at}: source …{expected[at - 40:at + 40]}… "
                    f"edition …{produced[at - 40:at + 40]}…")


def test_no_superscript_digit_left_outside_sic(root):
    """Every superscript became a marker or a repaired year range (kept in sic)."""
    sic = f"{{{xmlio.TEI_NS}}}sic"
    for el in root.find(f"{{{xmlio.TEI_NS}}}text").iter():
        if not isinstance(el.tag, str):
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if text and owner is not None and owner.tag != sic:
                assert not set(text) & set("⁰¹²³⁴⁵⁶⁷⁸⁹"), text[:80]
