"""The interface's own words (Contents, Notes, Previous, the search page's messages) are in
the language of the text when teikit has its words (xslt/common/strings.xsl), else English
throughout: a German edition read "Contents", "Search", "Previous" (session 15)."""

from __future__ import annotations

import json
import re

import pytest

from teikit import paths, saxon
from tests.xslt.support import build_text, page

# the English tables and every translation, read by Saxon from the stylesheets themselves
TABLES = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tk="urn:teikit:xslt" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
  <xsl:import href="{html}"/>
  <xsl:template name="xsl:initial-template">
    <xsl:value-of select="serialize(map{{'en': $tk:default-labels, 'ms': $tk:ms-labels,
        'translations': $tk:translations}}, map{{'method': 'json'}})"/>
  </xsl:template>
</xsl:stylesheet>"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict:
    sheet = tmp_path_factory.mktemp("strings") / "tables.xsl"
    sheet.write_text(TABLES.format(html=(paths.XSLT_DIR / "html" / "html.xsl").as_uri()), encoding="utf-8")
    executable = saxon.compile_stylesheet(sheet)
    return json.loads(executable.call_template_returning_string(None))


def test_every_language_has_every_word(tables):
    """A translation missing a word would show it in English beside its own: none may."""
    wanted = set(tables["en"]) | {"ms-" + k for k, v in tables["ms"].items() if v}
    assert set(tables["translations"]) >= {"de", "fr", "it", "es"}
    facts = {k for k in tables["translations"]["de"] if k.startswith("fact-")}  # English: the element's name
    assert {"fact-birth", "fact-occupation", "fact-location"} <= facts
    for language, words in tables["translations"].items():
        assert set(words) == wanted | facts, (language, sorted((wanted | facts) ^ set(words)))
        assert all(v.strip() for v in words.values()), language


def _doc(root_lang: str, text_lang: str) -> str:
    root = f' xml:lang="{root_lang}"' if root_lang else ""
    text = f' xml:lang="{text_lang}"' if text_lang else ""
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"{root}><teiHeader><fileDesc><titleStmt>
  <title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
  </teiHeader><text{text}><body><div xml:id="a"><head>Eins</head><pb n="1"/><p>Wort<note>N.</note>
  <supplied>x</supplied><gap/></p></div><div xml:id="b"><head>Zwei</head><p>Mehr.</p></div></body>
  </text></TEI>"""


ENGLISH = re.compile(r"\b(Contents|Notes|Search|Previous|Next|Skip|Reading settings|printed page|Cite)\b")


@pytest.mark.parametrize("lang, contents, previous, notes", [
    ("de", "Inhalt", "Zurück", "Anmerkungen"),
    ("fr", "Table des matières", "Précédent", "Notes"),
    ("it", "Indice", "Precedente", "Note"),
    ("es", "Índice", "Anterior", "Notas"),
])
def test_the_interface_speaks_the_texts_language(tmp_path, lang, contents, previous, notes):
    folder, _ = build_text(_doc(lang, ""), tmp_path)
    b = page(folder, "b.html")
    assert b.xpath("string(//nav[contains(@class, 'site-nav')]//a[@href = 'toc.html'])") == contents
    assert b.xpath("string(//a[@rel = 'prev']/span[@class = 'dir'])").startswith(previous)
    assert page(folder, "a.html").xpath("string(//h2[contains(@class, 'notes-heading')])") == notes
    # nothing English left among the interface's words, the search page's no-JS message included
    for name in ("a.html", "b.html", "search.html", "toc.html", "index.html"):
        doc = page(folder, name)
        for bad in doc.xpath("//script | //meta"):
            bad.drop_tree()
        shown = " ".join(doc.xpath("//text() | //@title | //@aria-label | //@placeholder"))
        assert not ENGLISH.search(shown.replace("Notes", "") if lang == "fr" else shown), \
            (name, ENGLISH.search(shown))
    # the page's lang is the text's: no lang of its own on the interface's words
    assert b.xpath("//nav[contains(@class, 'site-nav')]/@lang") == []


def test_the_texts_language_not_the_headers_chooses(tmp_path):
    """A German text under an English header (TEI xml:lang="en", text xml:lang="de"): German
    words, marked as German on a page whose lang is the header's English."""
    folder, _ = build_text(_doc("en", "de"), tmp_path)
    b = page(folder, "b.html")
    assert b.xpath("string(/html/@lang)") == "en"
    nav = b.xpath("//nav[contains(@class, 'site-nav')]")[0]
    assert nav.get("lang") == "de"
    assert nav.xpath("string(.//a[@href = 'toc.html'])") == "Inhalt"


def test_a_language_without_words_reads_english_throughout(tmp_path):
    """Czech: no table, so English, marked so, and never half translated."""
    folder, _ = build_text(_doc("cs", ""), tmp_path)
    b = page(folder, "b.html")
    nav = b.xpath("//nav[contains(@class, 'site-nav')]")[0]
    assert nav.get("lang") == "en"
    assert nav.xpath("string(.//a[@href = 'toc.html'])") == "Contents"
    assert b.xpath("string(//body/@data-close)") == "Close"


def test_labels_given_still_win(tmp_path):
    """The labels parameter overrides a word; the rest come from the table of its language."""
    from teikit.build.html import STYLESHEET
    from teikit.edition import Edition

    src = tmp_path / "doc.xml"
    src.write_text(_doc("de", ""), encoding="utf-8")
    saxon.transform(STYLESHEET, Edition.load(src).tree, output_dir=tmp_path / "out",
                    params={"labels": '{"contents": "Übersicht"}'})
    b = page(tmp_path / "out", "b.html")
    assert b.xpath("string(//nav[contains(@class, 'site-nav')]//a[@href = 'toc.html'])") == "Übersicht"
    assert b.xpath("string(//body/@data-close)") == "Schließen"


def test_a_register_entrys_facts_are_labelled_in_the_texts_language(tmp_path):
    """English labels an entry's facts by their element names (occupation, birth); a German
    edition's person page said "occupation" beside "Erwähnungen"."""
    tei = _doc("de", "").replace("<p>Mehr.</p>", '<p><persName ref="#hb">Bahr</persName></p>').replace(
        "</text>", '<back><div><listPerson><person xml:id="hb"><persName>Hermann Bahr</persName>'
        "<occupation>Schriftsteller</occupation><residence>Wien</residence>"
        '<idno type="gnd">https://d-nb.info/gnd/118505602</idno></person></listPerson></div>'
        "</back></text>")
    folder, _ = build_text(tei, tmp_path)
    facts = page(folder, "hb.html").xpath("//dl[@class = 'entity-facts']/dt/text()")
    assert facts == ["Beruf", "Wohnort", "gnd"]  # a type is the edition's word, as written
    # an identifier that is a web address is a link (the Tillich register's GND URIs were text)
    assert page(folder, "hb.html").xpath("//dd/a[contains(@class, 'tei-idno')]/@href") == [
        "https://d-nb.info/gnd/118505602"]


def test_the_epubs_own_words_follow_too_and_it_passes_epubcheck(tmp_path):
    """The EPUB's navigation said "Contents", "Landmarks", "Pages" in a German book."""
    from tests.build.test_epub import build, epubcheck, parts, problems

    src = tmp_path / "doc.xml"
    src.write_text(_doc("de", ""), encoding="utf-8")
    _edition, epub = build(src, tmp_path / "out")
    nav = next(tree for name, tree in parts(epub).items() if name.endswith("tk-nav.xhtml"))
    headings = [h.text for h in nav.iter("{http://www.w3.org/1999/xhtml}h1", "{http://www.w3.org/1999/xhtml}h2")]
    assert headings == ["Inhalt", "Orientierungspunkte", "Seiten"]
    assert problems(epubcheck(epub)) == []


@pytest.mark.parametrize("tag, contents", [("de-AT", "Inhalt"), ("ger", "Inhalt"),
                                           ("fre", "Table des matières"), ("pt-BR", "Sumário"),
                                           ("english", "Contents")])
def test_a_tag_is_read_as_html_reads_it(tmp_path, tag, contents):
    """A region (de-AT), an ISO 639-2 code (ger, fre) picks its language's words; a tag that
    names no language (english) gives English."""
    folder, _ = build_text(_doc("", tag), tmp_path)
    b = page(folder, "b.html")
    assert b.xpath("string(//nav[contains(@class, 'site-nav')]//a[@href = 'toc.html'])") == contents
    if tag == "english":  # (the build failed: an empty language has no primary subtag)
        assert b.xpath("string(/html/@lang)") == ""
        assert b.xpath("//nav[contains(@class, 'site-nav')]/@lang") == ["en"]
