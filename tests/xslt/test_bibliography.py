"""A structured bibliography entry reads as printed: names, title, imprint, each ended by one
full stop, never two ("Brook-Sheperd, G..")."""

from __future__ import annotations

import re

from teikit import paths
from tests.xslt.support import build_text, built, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>Works</title></titleStmt><publicationStmt><p/></publicationStmt>
  <sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><back><div xml:id="bib"><head>Works</head><listBibl>
    <biblStruct><monogr><author><persName><surname>Brook-Sheperd</surname>,
        <forename>G.</forename></persName></author>
      <title level="m">What Is to Be Done?</title>
      <imprint><pubPlace>New York</pubPlace><publisher>Harcourt</publisher><date>1978</date></imprint>
      </monogr>
      <note type="reprint">reprint</note></biblStruct>
    <biblStruct><monogr><editor><persName><surname>Block</surname>,
        <forename>Russell</forename></persName></editor>
      <title level="m">Lenin's Fight</title>
      <imprint><pubPlace>New York</pubPlace><publisher>Pathfinder</publisher><date>1975</date></imprint>
      </monogr>
    </biblStruct>
  </listBibl></div></back></text></TEI>"""


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def test_each_part_ends_with_one_stop(tmp_path):
    folder, _ = build_text(TEI, tmp_path)
    entries = [_text(e) for e in page(folder, "bib.html").xpath("//div[@class='tei-biblStruct']")]
    assert entries == ["Brook-Sheperd, G. What Is to Be Done? New York: Harcourt, 1978. reprint",
                       "Block, Russell (ed.). Lenin's Fight. New York: Pathfinder, 1975."]


def test_the_memoirs_bibliography_has_no_doubled_stop():
    folder = built(paths.EDITION)[0]
    text = _text(page(folder, "bibliography.html").xpath("//main")[0])
    assert "G. The Storm Petrels" in text
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text)


def test_the_editor_label_is_the_editions_words_not_the_texts(tmp_path):
    """"(ed.)" after an editor's name is teikit's label, not a word of the TEI: it is marked as
    generated, so the text check does not count it as a word shown twice (the TEI
    Stylesheets' test27.xml, 56 editors, was reported as repeating "ed" 56 times)."""
    from teikit.build import preservation

    folder, _ = build_text(TEI, tmp_path)
    (label,) = page(folder, "bib.html").xpath("//span[@class='tk-generated'][. = '(ed.)']")
    assert label.getprevious().get("class") == "tei-editor"
    reading = preservation.site_counts(folder).reading
    assert reading["ed"] == 0 and reading["block"] == 1
