"""A pointer inside a note is a cross-reference, not a marker (xslt/common/notes.xsl,
tk:markers): the Office of the Historian's history of FRUS has footnote 6 say "See note 5",
and note 5, a footnote standing in its paragraph, was shown nowhere (its words lost, the
build refused, links to it dead)."""

from __future__ import annotations

import zipfile

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.edition import Edition
from tests.xslt.support import broken_links, build_text, norm, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><div xml:id="ch1"><head>One</head>
<p>Washington convened his Cabinet.<note place="foot" n="5" xml:id="fn5">Knox to Washington, March 30.</note>
The House asked again.<note place="foot" n="6" xml:id="fn6">The request of April 9. See
<ref target="#fn5">note 5</ref>.</note></p>
<p>Later <ref type="noteref" target="#fn7">7</ref> the same.</p>
</div><div xml:id="notes" type="notes"><head>Notes</head>
<note n="7" xml:id="fn7">An endnote with its marker in the text. See <ref target="#fn5">note 5</ref>.</note>
</div></body></text></TEI>"""


def test_a_footnote_cross_referenced_by_another_note_stays_where_it_stands(tmp_path):
    folder, diags = build_text(TEI, tmp_path)
    ch1 = page(folder, "ch1.html")
    body = norm(ch1.text_content())
    assert "Knox to Washington, March 30." in body
    # both footnotes have their markers in the paragraph, numbered as printed
    markers = [norm(a.text_content()) for a in ch1.xpath("//p//a[contains(@class, 'noteref')]")]
    assert markers[:2] == ["5", "6"]
    # the cross-reference leads to note 5; the endnote keeps its marker in the text
    assert broken_links(folder) == []
    assert "An endnote with its marker in the text." in body
    assert not [d for d in diags if d.code == "build.text-lost"]


def test_the_epub_keeps_the_note_too(tmp_path):
    src = tmp_path / "doc.xml"
    src.write_text(TEI, encoding="utf-8")
    run = build_formats(Edition.load(src), ["epub"], BuildSettings(exports_dir=tmp_path / "out"))
    assert run.committed
    with zipfile.ZipFile(tmp_path / "out" / "doc.epub") as book:
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "Knox to Washington, March 30." in text
