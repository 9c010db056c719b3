"""A canonical reference, <ref cRef="NA:Mt:5:8"/>, resolved by the header's cRefPattern
(xslt/html/text.xsl, tk:cref-url): the Patristic Text Archive's 11,246 biblical references
were empty refs that showed nothing."""

from __future__ import annotations

from tests.xslt.support import build_text, norm, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<encodingDesc><refsDecl xml:id="cts"><cRefPattern matchPattern="(.+)"
 replacementPattern="#xpath(/tei:TEI/tei:text/tei:body/tei:div[@n='$1'])"/></refsDecl>
<refsDecl xml:id="biblical"><cRefPattern matchPattern="(.+):(.+):([0-9]+):([0-9]+)[\\-\\.]*[0-9]*"
 replacementPattern="https://www.example.org/bibelstelle/$2$3,$4/$1"/>
<cRefPattern matchPattern="(.+):(.+):([0-9]+)" replacementPattern="https://www.example.org/bibelstelle/$2$3/$1"/>
<cRefPattern matchPattern="([" replacementPattern="https://broken.example.org/$1"/></refsDecl>
</encodingDesc></teiHeader>
<text><body><div xml:id="d"><p>ὄψονται.<ref decls="#biblical" cRef="NA:Mt:5:8"/>
As <ref decls="#biblical" cRef="LXX:Ps:51">the psalm says</ref>, and <ref cRef="Hom.Il.1"/>.</p></div>
</body></text></TEI>"""


def test_a_canonical_reference_links_where_its_pattern_says(tmp_path):
    folder, diags = build_text(TEI, tmp_path)
    doc = page(folder, "d.html")
    refs = doc.xpath("//*[contains(@class, 'cref')]")
    assert [(r.tag, r.get("href"), norm(r.text_content()), r.get("title")) for r in refs] == [
        ("a", "https://www.example.org/bibelstelle/Mt5,8/NA", "NA:Mt:5:8", "NA:Mt:5:8"),
        ("a", "https://www.example.org/bibelstelle/Ps51/LXX", "the psalm says", "LXX:Ps:51"),
        # no pattern gives a web address (the CTS pattern gives an XPath; the broken one none)
        ("span", None, "Hom.Il.1", "Hom.Il.1"),
    ]
    # the reference shown for an empty ref is teikit's, not the text's words
    assert refs[0].xpath("span/@class") == ["tk-generated"]
    assert not [d for d in diags if d.severity == "error"]
