"""A unit in another language than the edition's (a letter's translation, a Latin appendix)
says so with ``lang`` on its article, so screen readers and hyphenation follow it."""

from __future__ import annotations

from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Letters</title></titleStmt><publicationStmt><p/></publicationStmt>
  <sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div xml:id="orig" xml:lang="de"><head>Brief</head><p>Lieber Theo, ich schreibe dir heute.</p></div>
    <div xml:id="trans"><head>Letter</head><p>Dear Theo, I write to you today.</p></div>
    <div xml:id="bad" xml:lang="not a tag!"><head>Odd</head><p>A language tag that is no tag.</p></div>
  </body></text></TEI>"""


def test_a_unit_in_another_language_says_so(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    assert page(folder, "orig.html").xpath("//article[contains(@class, 'unit')]/@lang") == ["de"]
    # the edition's own language is not repeated; a malformed tag is not copied into HTML: the
    # unit's language is unknown (lang=""), not the edition's
    assert page(folder, "trans.html").xpath("//article[contains(@class, 'unit')]/@lang") == []
    assert page(folder, "bad.html").xpath("//article[contains(@class, 'unit')]/@lang") == [""]
