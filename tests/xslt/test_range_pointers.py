"""A pointer in TEI's range() scheme, "#range(start,end)", links to its start
(xslt/common/units.xsl, tk:local-id): the Office of the Historian's index locators
("196–199") were 424 references shown unresolved."""

from __future__ import annotations

from tests.xslt.support import broken_links, build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:id="ch8"><head>Eight</head>
<p><anchor xml:id="b_446-start"/>Aandahl edited the volumes.<anchor xml:id="b_446-end"/></p></div>
<div xml:id="ix"><head>Index</head><list><item>Aandahl, Fredrick,
<ref target="#range(b_446-start,b_446-end)">196–199</ref></item></list></div></body></text></TEI>"""


def test_a_range_locator_links_to_where_its_passage_begins(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    (link,) = page(folder, "ix.html").xpath("//a[contains(@class, 'tei-ref')]")
    assert link.get("href") == "ch8.html#b_446-start" and link.text == "196–199"
    assert broken_links(folder) == []
