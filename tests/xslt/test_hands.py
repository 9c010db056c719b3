"""Whose hand an addition, a deletion or a change of hand is, by the header's words
(xslt/html/text.xsl, tk:hand-label): the Patristic Text Archive's transcriptions said
"above, m2" on hover where the header calls hand m2 "Korrektor"."""

from __future__ import annotations

from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><msDesc>
<msIdentifier><idno>Sinai 349</idno></msIdentifier>
<physDesc><handDesc><handNote xml:id="m1"><persName/></handNote><handNote xml:id="m2">Korrektor</handNote>
<handNote xml:id="s3" scribe="Ioannes"><p>A long description of the third hand, its ductus, its ink and
the places where it corrects the first, which no title should carry whole.</p></handNote>
</handDesc></physDesc>
</msDesc></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:id="ms"><p>τῆς τῶν <add place="above" hand="#m2">ὅ</add>λλων
<del rend="strikethrough" hand="#m1">ω</del> <add hand="#s3">ι</add> <add hand="#nobody">ς</add>
<add hand="" place="above">α</add> <add hand="m2">β</add>
<handShift new="#m2"/>γνῶσις</p></div></body></text></TEI>"""


def test_a_hand_is_named_as_the_header_describes_it(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    doc = page(folder, "ms.html")
    # an empty @hand, or one written without "#", names nothing (the PTA's hand="": the build failed)
    assert doc.xpath("//ins/@title") == ["above, Korrektor", "Ioannes", "nobody", "above"]
    assert len(doc.xpath("//ins")) == 5
    # a hand the header describes with no words keeps its name
    assert doc.xpath("//del/@title") == ["strikethrough, m1"]
    assert doc.xpath("//span[@class='tei-handShift']/@title") == ["hand Korrektor"]
