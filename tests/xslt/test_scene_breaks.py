"""ELTeC's scene break inside a chapter, <milestone unit="subSection"/> (the Serbian, and other
ELTeC collections), is a separator like unit="section" (xslt/html/text.xsl, tk:section-break):
two scenes ran on as one."""

from __future__ import annotations

from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:id="ch"><head>One</head>
<p>The sailor ended his story.</p>
<milestone unit="subSection"/>
<p>Travelling from Switzerland to Milan, one crosses a mountain.</p>
<p>A word <milestone unit="subSection" ed="B"/> of another edition's section stays unseen.</p>
</div></body></text></TEI>"""


def test_a_subsection_milestone_between_paragraphs_is_a_rule(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    doc = page(folder, "ch.html")
    breaks = doc.xpath("//*[contains(@class, 'section-break')]")
    assert [b.tag for b in breaks] == ["hr"]
    # it stands between the two scenes
    assert breaks[0].getprevious().text_content() == "The sailor ended his story."
