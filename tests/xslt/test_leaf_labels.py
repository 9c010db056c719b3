"""A manuscript's leaf (pb n="20v") is named "f. 20v", a printed page "p. 45"
(xslt/common/units.xsl, tk:pb-label): DHARMA's palm leaves and the Patristic Text Archive's
codices were labelled "p. 153r", "printed page"."""

from __future__ import annotations

from tests.xslt.support import build_text, norm, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:id="ms"><head>Codex</head>
<p><pb n="20v"/>ἡ μὲν περὶ <pb n="21r"/>τῆς θεοσεβείας <pb n="12ra"/>καὶ <ptr target="#p7"/>.</p></div>
<div xml:id="book"><head>Print</head><p><pb n="7" xml:id="p7"/>Printed words <pb n="r"/>and more.</p></div>
</body></text></TEI>"""


def test_a_leaf_is_named_a_folio_and_a_page_a_page(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    links = page(folder, "ms.html").xpath("//a[@class='pb-link']")
    assert [(norm(a.text_content()), a.get("title")) for a in links] == [
        ("f. 20v", "leaf of the manuscript"), ("f. 21r", "leaf of the manuscript"),
        ("f. 12ra", "leaf of the manuscript")]
    printed = page(folder, "book.html").xpath("//a[@class='pb-link']")
    assert [(norm(a.text_content()), a.get("title")) for a in printed] == [
        ("p. 7", "printed page"), ("p. r", "printed page")]
    # a pointer at a printed page still names it so
    assert norm(page(folder, "ms.html").xpath("//a[@href='book.html#p7']")[0].text_content()) == "p. 7"
