"""Printed page ranges of divisions (teikit.cite.pages): the pages before all divisions are
found in one walk of the document, with the answers the walk back from each division gave."""

from __future__ import annotations

from teikit import xmlio
from teikit.cite.pages import page_range, page_ranges
from teikit.cite.records import citation_records

NS = {"t": xmlio.TEI_NS}

# d1 opens page 5; d2 and d3 hold no pb (they start on page 6, begun at the end of d1);
# d4 begins mid-page 7 (its pb stands in d3's last paragraph) and turns to page 8.
_SPARSE = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body>
<div xml:id="d1"><pb n="5"/><head>One</head><p>a</p><p>b <pb n="6"/>c</p></div>
<div xml:id="d2"><head>Two</head><p>d</p></div>
<div xml:id="d3"><head>Three</head><p>e <pb n="7"/>f</p></div>
<div xml:id="d4"><head>Four</head><p>g <pb n="8"/>h</p></div>
</body></text></TEI>"""


def test_divisions_without_pages_start_on_the_last_page_before_them():
    root = xmlio.parse_bytes(_SPARSE).getroot()
    divs = root.findall(".//t:div", NS)
    assert page_ranges(divs) == ["5-6", "6", "6-7", "7-8"]
    assert [page_range(d) for d in divs] == ["5-6", "6", "6-7", "7-8"]
    assert page_ranges([]) == []


def test_many_divisions_without_a_page_are_cited_with_the_one_before():
    """Thousands of divisions after the book's only pb: each one's range is that page (the walk
    back from each crossed every earlier division: minutes for 10,000; now one walk)."""
    body = '<pb n="1"/>' + "".join(f'<div xml:id="d{i}"><head>D{i}</head><p>t</p></div>' for i in range(3000))
    head = _SPARSE[:_SPARSE.index(b"<text>")]
    xml = head + f"<text><body>{body}</body></text></TEI>".encode()
    records = citation_records(xmlio.parse_bytes(xml))
    assert [records[f"d{i}"].get("page") for i in (0, 1500, 2999)] == ["1", "1", "1"]
    assert list(records)[-3000:] == [f"d{i}" for i in range(3000)]  # document order kept


def test_a_repeated_division_id_keeps_the_first_division():
    xml = _SPARSE.replace(b'xml:id="d3"', b'xml:id="d2"')
    records = citation_records(xmlio.parse_bytes(xml, collect_ids=False))
    assert records["d2"]["title"] == "Two" and records["d2"]["page"] == "6"
    assert "d3" not in records


def test_a_pb_holding_the_heading_is_not_its_page():
    """preceding:: excludes ancestors: a (non-TEI) pb that holds a division is not the page the
    division starts on."""
    xml = _SPARSE.replace(b'<div xml:id="d2"><head>Two</head><p>d</p></div>',
                          b'<pb n="99"><div xml:id="d2"><head>Two</head><p>d</p></div></pb>')
    root = xmlio.parse_bytes(xml).getroot()
    d2 = root.findall(".//t:div", NS)[1]
    assert page_ranges([d2]) == ["6"]
