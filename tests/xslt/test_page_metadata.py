"""Every page carries citation metadata of the right type (a book for the edition, a
chapter for a division), and every paragraph of the text a stable anchor."""

from __future__ import annotations

import json
import re

import pytest

from teikit import paths
from tests.xslt.support import MINI, build_text, built, pages


def _units(folder) -> set[str]:
    data = json.loads(re.match(r"window\.TK_SEARCH = (.*);\s*$",
                               (folder / "search-index.js").read_text(encoding="utf-8"), re.S).group(1))
    return {u[0] for u in data["units"]}


@pytest.mark.parametrize("edition", [MINI, paths.EDITION], ids=["mini", "edition"])
def test_every_page_says_what_it_is_for_citation_managers(edition):
    folder = built(edition)[0]
    units = _units(folder)
    for name, doc in pages(folder).items():
        lds = doc.xpath("//script[@type='application/ld+json']/text()")
        assert len(lds) == 1, name
        ld = json.loads(lds[0])
        assert ld["@context"] == "https://schema.org"
        meta = {m.get("name") or m.get("property"): m.get("content") for m in doc.xpath("//head/meta")}
        assert meta["citation_title"], name
        if name in units:
            assert ld["@type"] == "Chapter" and ld["isPartOf"]["@type"] == "Book", name
            assert meta["citation_inbook_title"] == ld["isPartOf"]["name"], name
            assert "og:type" not in meta, name
        else:
            assert ld["@type"] == "Book", name
            assert meta["og:type"] == "book" and "citation_inbook_title" not in meta, name
        citation = json.loads(doc.xpath("string(//script[@id='tk-citation'])"))
        assert citation["item"]["type"] == ("chapter" if name in units else "book"), name


@pytest.mark.parametrize("edition", [MINI, paths.EDITION], ids=["mini", "edition"])
def test_every_paragraph_of_the_text_has_an_anchor(edition):
    folder = built(edition)[0]
    docs = pages(folder)
    for name in _units(folder):
        main = docs[name].xpath("//main")[0]
        for p in main.xpath(f".//p[not(ancestor::nav)] | {LINES}"):
            assert p.get("id"), (name, p.text_content()[:60])
        ids = main.xpath(".//@id")
        assert len(ids) == len(set(ids)), name


LINES = ".//div[contains(concat(' ', @class, ' '), ' tei-l ')]"
TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
  <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="one"><p>First.</p>{extra}<p>Second.</p></div>
  <div xml:id="two"><p>Third.</p><div><p>Fourth.</p><p xml:id="mine">Fifth.</p></div></div>
  <div><lg><l>a line</l></lg></div></body></text></TEI>"""


def test_anchors_come_from_the_tei_not_from_the_build(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before, _ = build_text(TEI.format(extra=""), tmp_path / "a")
    after, _ = build_text(TEI.format(extra="<p>Inserted.</p>"), tmp_path / "b")

    def anchors(folder, name):
        return [(p.get("id"), p.text_content()) for p in pages(folder)[name].xpath("//main/article//p")]

    assert anchors(before, "two.html") == [
        ("two.p1", "Third."), ("two.div1.p1", "Fourth."), ("mine", "Fifth.")]
    # a paragraph added in one division leaves every anchor of the others as it was
    assert anchors(after, "two.html") == anchors(before, "two.html")
    assert [a for a, _ in anchors(after, "one.html")] == ["one.p1", "one.p2", "one.p3"]
    line = pages(before)["div-3.html"].xpath("/" + LINES[1:])
    assert line and line[0].get("id") == "text.body.div3.lg1.l1"


def test_an_empty_title_element_is_not_the_editions_title(tmp_path):
    """A template's empty <title/> before the real one (or alone: the TEI Stylesheets'
    mdtest1.xml) gave pages an empty <title>, which the Nu checker refuses."""
    from tests.xslt.support import build_text, page

    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
      <title/><title type="sub">A second title</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <text><body><p>Words.</p></body></text></TEI>"""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    folder, _ = build_text(tei, tmp_path / "one")
    assert page(folder, "index.html").findtext(".//title") == "A second title"
    folder, _ = build_text(tei.replace('<title type="sub">A second title</title>', ""), tmp_path / "two")
    assert page(folder, "index.html").findtext(".//title") == "Unnamed"


def test_a_collections_document_is_cited_with_its_own_authors(tmp_path):
    """"Cite" on a Schnitzler letter named no author (the collection has none): a member's
    page is cited with its header's authors ("Konstantin, Michael"), in the citation data,
    the Highwire tags and the JSON-LD."""
    from lxml import html as lxml_html

    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.collection import load_collection, tei_files

    folder = tmp_path / "letters"
    folder.mkdir()
    for ident, author in (("L1", "Konstantin, Michael"), ("L2", "Hofmannsthal")):
        (folder / f"{ident}.xml").write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{ident}"><teiHeader><fileDesc><titleStmt>'
            f"<title>Brief {ident}</title><author>{author}</author></titleStmt><publicationStmt><p/>"
            "</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>Worte.</p>"
            "</body></text></TEI>", encoding="utf-8")
    edition = load_collection(tei_files(folder), name=folder)
    html_builder.build(edition, tmp_path / "out", BuildSettings(exports_dir=tmp_path / "out"))
    for ident, csl, tag in (("L1", {"family": "Konstantin", "given": "Michael"}, "Konstantin, Michael"),
                            ("L2", {"literal": "Hofmannsthal"}, "Hofmannsthal")):
        doc = lxml_html.parse(str(tmp_path / "out" / "html" / f"{ident}.html"))
        item = json.loads(doc.xpath("string(//script[@id='tk-citation'])"))["item"]
        assert item["author"] == [csl]
        assert doc.xpath("//meta[@name='citation_author']/@content") == [tag]
        ld = json.loads(doc.xpath("string(//script[@type='application/ld+json'])"))
        assert tag.split(",")[0] in json.dumps(ld, ensure_ascii=False)


def test_several_sources_are_each_named(tmp_path):
    """A header may describe its source in several sourceDesc (SARIT's Buddhacarita: the
    editions of Johnston and of Cowell): the title page names each, and the build no longer
    fails on them (tk:plain() was given both)."""
    from tests.xslt.support import build_text, norm, page

    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
      <title>A text</title></titleStmt><publicationStmt><p/></publicationStmt>
      <sourceDesc><bibl><title>First edition</title> <date>1935</date></bibl></sourceDesc>
      <sourceDesc><bibl><title>Second edition</title> <date>1970</date></bibl></sourceDesc>
      </fileDesc></teiHeader><text><body><p>Words.</p></body></text></TEI>"""
    folder, _ = build_text(tei, tmp_path)
    assert "First edition 1935; Second edition 1970" in norm(page(folder, "index.html").text_content())
