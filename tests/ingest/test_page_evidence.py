"""Inferred page breaks moved where the printed index says the people are."""

from __future__ import annotations

from teikit import xmlio
from teikit.ingest.page_evidence import index_pairs, refine

T = f"{{{xmlio.TEI_NS}}}"


def _doc(body: str, index: str) -> object:
    xml = (f'<TEI xmlns="{xmlio.TEI_NS}"><text><body>{body}</body><back>'
           f'<div type="index" xml:id="index"><list type="index">{index}</list></div></back></text></TEI>')
    return xmlio.parse_bytes(xml.encode()).getroot()


def _entry(person: str, *pages: str) -> str:
    refs = ", ".join(f'<ref type="page" target="#p{p}">{p}</ref>' for p in pages)
    return f'<item><term><persName ref="#pers-{person}">{person}</persName></term>, {refs}</item>'


def _p(*people: str) -> str:
    return "<p>" + " ".join(f'<persName ref="#pers-{x}">{x}</persName>' for x in people) + "</p>"


INFERRED = '<pb n="8" xml:id="p8" type="inferred" cert="low" resp="#teikit"/>'


def test_index_pairs_with_sub_entries_and_ranges():
    root = _doc("", _entry("ivanov", "7") + '<item><term><persName ref="#pers-petrov">P</persName></term>'
                '<list><item>exile, <ref type="range" target="#p9 #p11">9-11</ref></item></list></item>')
    pairs = index_pairs(root)
    assert pairs["7"] == {"pers-ivanov"}
    assert pairs["9"] == pairs["10"] == pairs["11"] == {"pers-petrov"}


def test_inferred_break_moves_after_the_people_of_the_page_before():
    body = f'<div><pb n="7" xml:id="p7"/>{_p("ivanov")}{INFERRED}{_p("petrov")}{_p("sidorov")}' \
           f'<pb n="9" xml:id="p9"/></div>'
    root = _doc(body, _entry("ivanov", "7") + _entry("petrov", "7") + _entry("sidorov", "8"))
    part = root.find(f"{T}text/{T}body")
    assert refine(part, index_pairs(root)) == ["8"]
    pb = root.find(f".//{T}pb[@n='8']")
    assert "".join(pb.getnext().itertext()) == "sidorov"
    assert pb.get("type") == "inferred"


def test_without_evidence_nothing_moves():
    body = f'<div><pb n="7" xml:id="p7"/>{_p("ivanov")}{INFERRED}{_p("petrov")}<pb n="9" xml:id="p9"/></div>'
    root = _doc(body, _entry("ivanov", "7") + _entry("petrov", "8"))
    assert refine(root.find(f"{T}text/{T}body"), index_pairs(root)) == []


def test_break_inside_a_paragraph_keeps_the_text():
    body = (f'<div><pb n="7" xml:id="p7"/><p>a <persName ref="#pers-petrov">petrov</persName> b'
            f'{INFERRED}c</p>{_p("sidorov")}<pb n="9" xml:id="p9"/></div>')
    root = _doc(body, _entry("petrov", "7") + _entry("sidorov", "7"))
    text_before = "".join(root.find(f"{T}text/{T}body").itertext())
    refine(root.find(f"{T}text/{T}body"), index_pairs(root))
    assert "".join(root.find(f"{T}text/{T}body").itertext()) == text_before
    # Both people belong to page 7: the break goes after them, before the next page.
    assert root.find(f".//{T}pb[@n='8']").getparent().tag == T + "div"


def test_a_break_may_fall_inside_the_paragraph_at_its_edge():
    """ "NKGB, ix": the name stands in the last sentence of the paragraph before the
    estimated break; no block start puts it on the page, a sentence start does. The text is
    kept, and a break is not pulled into a paragraph farther away."""
    body = (f'<div><pb n="7" xml:id="p7"/>{_p("far")}'
            f'<p><persName ref="#pers-ivanov">ivanov</persName> spoke. '
            f'Then <persName ref="#pers-petrov">petrov</persName> came.</p>{INFERRED}{_p("sidorov")}'
            f'<pb n="9" xml:id="p9"/></div>')
    root = _doc(body, _entry("ivanov", "7") + _entry("far", "7") + _entry("petrov", "8")
                + _entry("sidorov", "8"))
    part = root.find(f"{T}text/{T}body")
    text_before = "".join(part.itertext())
    from teikit.ingest.page_evidence import _mark_sentences, _unmark

    _mark_sentences(part)
    assert refine(part, index_pairs(root)) == ["8"]
    _unmark(part)
    pb = root.find(f".//{T}pb[@n='8']")
    assert pb.getparent().tag == f"{T}p" and pb.tail == "Then "
    assert "".join(part.itertext()) == text_before
    assert not list(part.iter(f"{T}anchor"))
