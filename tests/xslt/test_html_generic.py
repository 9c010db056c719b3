"""Any TEI P5 document builds: text is never dropped, links resolve, notes of every kind render.

Runs on the mini edition, the real edition (tei/bazhanov.xml) and TEI written by other
projects (../shared/tei-samples, skipped with a reason when that folder is absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import paths
from teikit.diagnostics import Severity
from tests.conftest import TEI_SAMPLES
from tests.xslt.support import MINI, broken_links, build_text, built, missing_text, norm, page

ROOT = Path(__file__).resolve().parents[2]

# TEI P5 samples (the P4 one is refused: see test_html_builder.py).
SAMPLES = [
    "firstfolio_romeo_and_juliet_F-rom.xml",
    "kbga_barth_sermon_27005.xml",
    "teic_stylesheets_testNotes1.xml",
    "teic_tei_detest.xml",
    "tp_registers_persons.xml",
    "vangogh_let695.xml",
]


def _sources() -> list:
    cases = [pytest.param(MINI, id="mini-edition"), pytest.param(paths.EDITION, id="bazhanov")]
    cases += [pytest.param(TEI_SAMPLES / name, id=name, marks=pytest.mark.shared) for name in SAMPLES]
    return cases


@pytest.fixture(params=_sources())
def source(request) -> Path:
    path = request.param
    if path.parent == TEI_SAMPLES:
        request.getfixturevalue("tei_samples")  # skips, saying why, when ../shared is absent
    assert path.is_file(), f"{path} is missing"
    return path


def test_every_text_node_of_the_text_appears_in_the_html(source):
    folder, _diags, copy = built(source)
    assert missing_text(copy, folder) == []


def test_every_internal_link_resolves(source):
    folder, _diags, _copy = built(source)
    assert broken_links(folder) == []


def test_build_reports_no_errors(source):
    _folder, diags, _copy = built(source)
    assert [d for d in diags if d.severity is Severity.ERROR] == []


TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""


def test_inline_footnotes_become_markers_and_a_notes_list(tmp_path):
    body = ("<p>Before<note place='foot'>First <hi rend='italic'>inline</hi> note.</note>"
            " after<note>Second.</note>.</p>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "body-1.html")
    markers = doc.xpath("//a[@class='noteref']")
    assert [m.text_content() for m in markers] == ["1", "2"]
    notes = doc.xpath("//section[@class='notes']//li[@class='note']")
    assert [n.get("id") for n in notes] == [m.get("href")[1:] for m in markers]
    assert "First inline note." in norm(notes[0].text_content())
    assert notes[1].xpath(".//a[@class='backlink']/@href") == [f"body-1.html#{markers[1].get('id')}"]
    assert broken_links(folder) == []


def test_endnotes_pointing_at_anchors_render_at_the_anchor(tmp_path):
    body = ("<div><p>Text<anchor xml:id='a1'/> more.</p></div>"
            "<div type='notes'><note target='#a1' xml:id='n1'>The endnote.</note></div>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    text_page, notes_page = page(folder, "div-1.html"), page(folder, "div-2.html")
    marker = text_page.xpath("//a[@class='noteref']")[0]
    assert marker.get("href") == "#n1" and marker.get("id") == "a1"
    assert text_page.xpath("//li[@id='n1']//a[@class='backlink']/@href") == ["div-1.html#a1"]
    # the notes division still shows the note where it stands, linking back to the text
    assert notes_page.xpath("//*[@id='n1']//a[@class='backlink']/@href") == ["div-1.html#a1"]
    assert broken_links(folder) == []


def test_unknown_elements_keep_their_text_and_are_reported_once(tmp_path):
    body = ("<p>A <x:blort xmlns:x='urn:x'>strange</x:blort> and <x:blort xmlns:x='urn:x'>again</x:blort>"
            " <unknownTei>word</unknownTei>.</p>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    text = norm(page(folder, "body-1.html").xpath("//main")[0].text_content())
    assert "A strange and again word." in text
    reported = [d for d in diags if d.code == "render.unhandled-element"]
    assert len(reported) == 2 and all(d.severity is Severity.INFO for d in reported)
    assert "<x:blort>" in reported[0].message or "<x:blort>" in reported[1].message


def test_a_document_without_personography_or_pages_still_builds(tmp_path):
    folder, diags = build_text(TEI.format(body="<p>Plain text only.</p>"), tmp_path)
    assert not (folder / "persons.html").exists()
    assert "Plain text only." in page(folder, "body-1.html").text_content()
    assert broken_links(folder) == []
    assert not [d for d in diags if d.severity is not Severity.INFO]


def test_names_with_links_inside_and_linked_bibliography_authors_keep_valid_links(tmp_path):
    body = ("<div><p><persName ref='#p1'>Ann<ref target='#n1'>1</ref></persName> and"
            " <bibl><author><persName ref='#p1'>Ann Author</persName></author></bibl>.</p>"
            "<listBibl><biblStruct><monogr><author><persName ref='#p1'><surname>Author</surname></persName>"
            "</author><title>Book</title></monogr></biblStruct></listBibl>"
            "<note xml:id='n1'>A note.</note></div>")
    tei = TEI.format(body=body).replace(
        "</teiHeader>", "</teiHeader><standOff><listPerson><person xml:id='p1'><persName>Ann</persName>"
        "</person></listPerson></standOff>")
    folder, _ = build_text(tei, tmp_path)
    doc = page(folder, "div-1.html")
    assert not doc.xpath("//a//a")
    person = page(folder, "p1.html")
    assert len(person.xpath("//ol[@class='mentions']/li")) == 3
    assert broken_links(folder) == []


def test_interface_labels_come_from_the_labels_parameter(tmp_path: Path):
    from lxml import html as lxml_html

    from teikit import saxon
    from teikit.build.html import STYLESHEET
    from teikit.edition import Edition

    saxon.transform(STYLESHEET, Edition.load(MINI).tree, output_dir=tmp_path,
                    params={"labels": '{"contents": "Inhalt", "no-results": "Nichts gefunden."}'})
    toc = lxml_html.parse(str(tmp_path / "toc.html"))
    assert toc.xpath("//h1/text()") == ["Inhalt"]
    assert toc.xpath("//body/@data-no-results") == ["Nichts gefunden."]


def test_the_interface_says_its_language_when_it_is_not_the_editions(tmp_path: Path):
    """The default labels are English; labels given without a "language" are taken to be in
    the edition's; a "language" among them is the interface's (the English mini edition with
    German labels: its navigation is lang="de", its text stays English)."""
    from lxml import html as lxml_html

    from teikit import saxon
    from teikit.build.html import STYLESHEET
    from teikit.edition import Edition

    tree = Edition.load(MINI).tree
    for labels, expected in (('{}', []), ('{"contents": "Inhalt"}', []),
                             ('{"contents": "Inhalt", "language": "de"}', ["de"])):
        out = tmp_path / str(len(labels))
        saxon.transform(STYLESHEET, tree, output_dir=out, params={"labels": labels})
        chapter = lxml_html.parse(str(out / "ch01.html"))
        assert chapter.xpath("/html/@lang") == ["en"]
        assert chapter.xpath("//nav[@class='site-nav']/@lang") == expected, labels
        assert chapter.xpath("//a[@class='skip-link']/@lang") == expected, labels


def test_an_importing_stylesheet_changes_one_kind_of_page(tmp_path: Path):
    """The documented way to customise: import html.xsl, override a tk:page-content template."""
    from lxml import html as lxml_html

    from teikit import saxon
    from teikit.build.html import STYLESHEET
    from teikit.edition import Edition

    custom = tmp_path / "custom.xsl"
    custom.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:import href="{STYLESHEET.as_uri()}"/>'
        """<xsl:template match=".[. = 'pages']" mode="tk:page-content" xmlns:tk="urn:teikit:xslt">"""
        '<h1>Pages</h1><p id="custom">our own list</p></xsl:template></xsl:stylesheet>', encoding="utf-8")
    out = tmp_path / "out"
    saxon.transform(custom, Edition.load(MINI).tree, output_dir=out)
    pages = lxml_html.parse(str(out / "pages.html"))
    assert pages.xpath("//main/p[@id='custom']/text()") == ["our own list"]
    assert pages.xpath("//header[@class='site-header']")  # the skeleton is still html.xsl's
    toc = lxml_html.parse(str(out / "toc.html"))
    assert toc.xpath("//ol[@class='toc']/li")  # other kinds unchanged


def test_spans_opened_by_the_thousand_nest_no_deeper_than_one_del_and_one_ins(tmp_path):
    # hostile input: 1,500 delSpans and addSpans left open to the end wrapped every word in
    # 1,500 elements (too deep for an HTML parser: the page lost its words)
    opened = "".join(f"<p><delSpan spanTo='#end'/><addSpan spanTo='#end' place='margin'/>word{i}</p>"
                     for i in range(750))
    folder, diags = build_text(TEI.format(body=f"{opened}<p>last<anchor xml:id='end'/> after</p>"), tmp_path)
    assert [d.render() for d in diags if d.severity is Severity.ERROR] == []
    doc = page(folder, "body-1.html")
    marked = doc.xpath("//ins[@class='tk-addSpan']")
    assert len(marked) == 751  # every word up to the anchor, "last" too
    assert all(len(m.xpath("ancestor-or-self::ins | ancestor-or-self::del | .//del")) == 2 for m in marked)
    assert doc.xpath("//ins[@class='tk-addSpan']/@title")[0] == "margin"
    assert "after" not in " ".join(doc.xpath("//ins//text()"))


def _one_division(titles: str) -> str:
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>{titles}</titleStmt>
  <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div type="writingSession" n="1"><p>Lieber Freund!</p></div></body>
  <back><div><p>Commentary</p></div></back></text></TEI>"""


@pytest.mark.parametrize(("titles", "label"), [
    ('<title level="s">Briefwechsel</title><title level="a">David an Schnitzler, 5. 10. 1895</title>',
     "David an Schnitzler, 5. 10. 1895"),
    ('<title type="main">A letter</title>', "A letter"),
    ("<title>Predigten 1915</title>", "WritingSession 1"),  # no title of its own: its kind
])
def test_a_body_of_one_headless_division_is_labelled_by_the_documents_title(titles, label, tmp_path):
    """A letter built alone whose body is one writing session read "WritingSession 1" as its
    heading and in the contents; its header's own title (level "a", type "main") says more."""
    folder, _ = build_text(_one_division(titles), tmp_path)
    toc = page(folder, "toc.html").xpath("//li[starts-with(@class, 'toc-')]/a/text()")
    assert toc[0] == label


def test_an_external_link_is_written_as_a_valid_url(tmp_path):
    """A register's link with "|" in its query (Escher's people.xml) made EPUBCheck refuse the
    book (RSC-020); the href escapes what URLs do not allow, as iri-to-uri does."""
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>U</title>'
           '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
           '</teiHeader><text><body><div xml:id="d"><head>U</head><p><ref target="http://example.org/'
           'Bürger/index.php?a=1&amp;o=tx|37.3448">page</ref></p></div></body></text></TEI>')
    folder, _ = build_text(tei, tmp_path)
    hrefs = page(folder, "d.html").xpath("//a[contains(@class, 'external')]/@href")
    assert hrefs == ["http://example.org/B%C3%BCrger/index.php?a=1&o=tx%7C37.3448"]


def test_a_hi_that_says_nothing_of_its_look_is_in_italics(tmp_path):
    # EEBO-TCP: 2,334 bare <hi> in one book (names, Latin) read as the text around them
    body = ("<p>whereof <hi>Heraclitus</hi> the profound sayd, <hi>Hae tibi <hi>Roma</hi> artes</hi>,"
            " <hi rend='bold'>bold</hi> and <hi rend='sup'>a</hi>.</p>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "body-1.html")
    assert [(e.tag, e.get("class"), e.text) for e in doc.xpath("//main//*[contains(@class, 'hi')]")] == [
        ("i", "hi", "Heraclitus"), ("i", "hi", "Hae tibi "), ("i", "hi", "Roma"), ("b", "hi bold", "bold"),
        ("sup", "hi sup", "a")]
    # italics inside italics are upright, as printers set them
    assert "i i.hi { font-style: normal; }" in (folder / "assets" / "teikit.css").read_text()


def test_a_caesura_parts_the_halves_of_its_line(tmp_path):
    # CBETA: "大道無門<caesura/>千差有路" read as one run of characters
    body = "<lg><l>大道無門<caesura/>千差有路</l><l>Hwæt we Gardena<caesura/>in geardagum</l></lg>"
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    lines = page(folder, "body-1.html").xpath("//div[@class='tei-l']")
    assert [line.text_content() for line in lines] == ["大道無門 千差有路", "Hwæt we Gardena in geardagum"]
    assert lines[0].xpath("span[@class='tei-caesura']")
    assert "render.unhandled-element" not in [d.code for d in diags]
    css = (folder / "assets" / "teikit.css").read_text()
    assert ".tei-caesura { display: inline-block; width: 2em; }" in css


def test_what_no_template_renders_is_reported_and_nothing_else(tmp_path):
    # CBETA's cb:div has a TEI element's name but no TEI template: it went unreported; MathML
    # (copied as it is) and a gap's desc (shown inside its brackets) were reported as unhandled
    body = ("<cb:div xmlns:cb='http://www.cbeta.org/ns/1.0'><p>經文 <gap reason='illegible'>"
            "<desc>•…</desc></gap> and <formula><math xmlns='http://www.w3.org/1998/Math/MathML'><mi>x</mi></math></formula>.</p>"
            "</cb:div>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    reported = [d.message for d in diags if d.code == "render.unhandled-element"]
    assert reported == [
        "no specific rendering for <cb:div>: its content is kept in a div/span with class tei-div"]
    assert "經文" in page(folder, "body-1.html").xpath("string(//div[@class='tei-div'])")


def test_a_shared_verse_line_is_indented_and_act_scene_line_numbers_show_the_line(tmp_path):
    """Shakespeare's half lines (l part="I" then part="F", the Folger texts) are set as printed
    plays set them, the later part indented; a line numbered "1.1.10" shows 10."""
    body = ('<sp><speaker>A</speaker><l n="1.1.9">One line,</l><l n="1.1.10" part="I">and half</l></sp>'
            '<sp><speaker>B</speaker><l n="1.1.10" part="F">the other half.</l></sp>')
    folder, _ = build_text(TEI.format(body=f'<div xml:id="d">{body}</div>'), tmp_path)
    doc = page(folder, "d.html")
    later = doc.xpath("//div[contains(@class, 'part-later')]")
    assert [norm("".join(d.xpath("text()"))) for d in later] == ["the other half."]
    assert doc.xpath("//span[@class='l-n tk-generated']/text()") == ["10", "10"]


def test_an_event_s_description_and_the_analysis_elements_are_not_reported_as_unhandled(tmp_path):
    # The TEI's own spoken-text test file: an incident's desc ("passing truck") is the event's
    # text, shown as such, yet was reported as kept in a span of class tei-desc; s (sentences)
    # and gb (a gathering's beginning) had no rendering of their own
    body = ("<div xml:id='d'><u who='#A'>so i</u><incident><desc>passing truck</desc></incident>"
            "<p><gb n='2'/><s xml:id='s1'>One <cl>two <phr>three</phr></cl> <w><m>fo</m><m>ur</m></w>.</s>"
            " <s>Five.</s></p></div>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "d.html")
    assert [d.message for d in diags if d.code == "render.unhandled-element"] == []
    assert norm(doc.xpath("string(//*[contains(@class, 'tei-incident')])")) == "passing truck"
    sentences = doc.xpath("//span[@class='tei-s']")
    assert [norm(s.text_content()) for s in sentences] == ["One two three four.", "Five."]
    assert sentences[0].get("id") == "s1"
    assert doc.xpath("//span[@class='tei-m']/text()") == ["fo", "ur"]


def test_ruby_sets_its_reading_above_its_base(tmp_path):
    # CETEIcean's Japanese sample: <ruby><rb>邪智暴虐</rb><rt>じゃちぼうぎゃく</rt></ruby> read
    # "邪智暴虐 じゃちぼうぎゃく", the reading run into the line after its characters
    body = ("<div xml:id='d'><p>かの<ruby>\n  <rb>邪智暴虐</rb>\n"
            "  <rt>じゃちぼうぎゃく</rt>\n</ruby>の王</p></div>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    ruby = page(folder, "d.html").xpath("//ruby[@class='tei-ruby']")[0]
    assert [(c.tag, c.text) for c in ruby] == [
        ("span", "邪智暴虐"), ("rp", "("), ("rt", "じゃちぼうぎゃく"), ("rp", ")")]
    assert ruby.text is None and all(not (c.tail or "").strip() for c in ruby)
    assert "render.unhandled-element" not in [d.code for d in diags]


def test_an_epidoc_text_opens_on_its_first_line_and_its_glyphs_by_type_are_shown(tmp_path):
    # papyri.info (P.Oxy. 1 120): every ab begins <lb n="1"/>, which drew an empty line at the
    # top of the text; <g type="apostrophe"/> (every elision) showed nothing
    body = ("<div xml:id='d' type='edition' xml:space='preserve'><ab>\n\n"
            "    <lb n='1'/>οὐκ<g type='apostrophe'/> οἶδα\n\n"
            "    <lb n='2'/>ἀλλὰ<g type='filler'/> <g type='stauros'/> <g type='high_punctus'/>"
            "<g type='doubled_diple'/></ab>"
            "<p>no break <lb/>here</p><p><pb n='2'/><seg><lb/>Al muy Magnifico <lb/>el Señor</seg></p></div>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "d.html")
    ab = doc.xpath("//p[contains(@class, 'tei-ab')]")[0]
    # (a type written with "_" is the same type, and in brackets it is words)
    assert norm(ab.text_content()) == "οὐκ’ οἶδα ἀλλὰ[filler] † ˙[doubled diple]"
    # the first line break draws nothing
    assert [c.tag for c in ab] == ["span", "br", "span", "span", "span", "span"]
    assert len(doc.xpath("//p[@class='p tei-p']//br")) == 2  # a break inside the text still does
    # (a letter's address, TEI Publisher's Cortez: a page break, then a seg opening on a line)
    assert doc.xpath("//span[@class='tei-seg']/node()[1]")[0] == "Al muy Magnifico "

    assert doc.xpath("//span[@class='tei-g']/@title") == [
        "apostrophe", "filler", "stauros", "high_punctus", "doubled_diple"]
    assert "render.glyph-undeclared" not in [d.code for d in diags]


def test_leiden_tells_omitted_from_lost_and_marks_what_is_read_with_doubt(tmp_path):
    # Concordia (EpiDoc): "Mattiacoru<supplied reason='omitted'>m</supplied>" read
    # "Mattiacoru[m]", as if the stone were broken; an unclear letter looked certain
    body = ("<div xml:id='d'><ab>Mattiacoru<supplied reason='omitted'>m</supplied> "
            "<supplied reason='lost'>pon</supplied>do <supplied reason='lost' cert='low'>v</supplied> "
            "Γοῦ<unclear reason='damage'>ν</unclear>θον</ab></div>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "d.html")
    supplied = doc.xpath("//span[contains(@class, 'tei-supplied')]")
    assert [(s.get("class"), s.get("title"), s.text) for s in supplied] == [
        ("tei-supplied omitted", "supplied by the editors (omitted in the source)", "m"),
        ("tei-supplied", "supplied by the editors", "pon"),
        ("tei-supplied cert-low", "supplied by the editors, uncertain", "v")]
    unclear = doc.xpath("//span[@class='tei-unclear']")
    assert [(s.get("title"), s.text) for s in unclear] == [("unclear: damage", "ν")]
    epub_css = (ROOT / "xslt" / "epub" / "epub.css").read_text()
    for css in ((folder / "assets" / "teikit.css").read_text(), epub_css):
        assert '.tei-supplied.omitted::before { content: "\\27E8"; }' in css
        assert ".tei-unclear { text-decoration: underline dotted;" in css


NO_BREAK = " break='no'"


def test_an_inscription_s_lines_show_their_number_every_fifth_line(tmp_path):
    # papyri.info and EpiDoc cite by line (<lb n="5"/>): a reader could not find line 10
    lines = "".join(f"<lb n='{n}'{NO_BREAK if n == 10 else ''}/>line{n} " for n in range(1, 12))
    body = f"<div xml:id='d'><ab>{lines}</ab><p>prose <lb n='5a'/>and <lb n='15'/>more</p></div>"
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "d.html")
    numbers = doc.xpath("//span[@class='lb-n']")
    assert [n.get("data-n") for n in numbers] == ["5", "10", "15"]
    # after the line break, on the new line (inside the join, whose halves are one word)
    assert numbers[1].getparent().get("class") == "tk-join" and numbers[1].getprevious().tag == "br"
    # drawn by the stylesheet: a word a break="no" runs across stays whole in the page's text
    assert "line8 line9line10 line11" in norm(doc.xpath("string(//p[contains(@class, 'tei-ab')])"))
    css = (folder / "assets" / "teikit.css").read_text()
    assert ".lb-n::after { content: attr(data-n); float: right;" in css


def test_a_kind_of_division_given_in_several_languages_names_each_language(tmp_path):
    # Concordia (EpiDoc): the contents listed "Translation", "Translation", "Commentary", "Commentary"
    body = ("<div type='edition' xml:lang='la'><ab>Flavius</ab></div>"
            "<div type='translation' xml:lang='en'><p>Flavius Augustus</p></div>"
            "<div type='translation' xml:lang='it'><p>Flavio Augusto</p></div>"
            "<div type='commentary' xml:lang='en'><p>A soldier.</p></div>")
    folder, _ = build_text(TEI.format(body=body), tmp_path)
    toc = page(folder, "toc.html")
    labels = [norm(a.text_content()) for a in toc.xpath("//main//a")]
    assert labels == ["Edition", "Translation (en)", "Translation (it)", "Commentary"]


PLAY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Krug</title></titleStmt>
  <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>
  <stage>Szene: Die Gerichtsstube.</stage>
  <div type="scene"><head>Erster Auftritt</head><sp><speaker>Licht.</speaker><l>Ei, was zum</l></sp></div>
  <pb n="242"/>
  <div type="scene"><head>Zweiter Auftritt</head><sp><speaker>Adam.</speaker><l>Ja, seht.</l></sp></div>
  </body></text></TEI>"""


def test_a_plays_setting_before_its_scenes_does_not_make_the_play_one_page(tmp_path: Path):
    """Kleist's Der zerbrochne Krug (GerDraCor) opens its body with a stage direction: all
    thirteen scenes were one page of 400 KB and the contents listed only "Text". The setting
    now stands atop the first scene's page, each scene a page of its own in the contents."""
    folder, _ = build_text(PLAY, tmp_path)
    toc = page(folder, "toc.html")
    assert [norm(a.text_content()) for a in toc.xpath("//ol[@class='toc']/li/a")] == [
        "Erster Auftritt", "Zweiter Auftritt"]
    first, second = (page(folder, a) for a in toc.xpath("//ol[@class='toc']/li/a/@href"))
    assert norm(first.xpath("string(//main//div[@class='tei-stage'])")) == "Szene: Die Gerichtsstube."
    assert "Zweiter Auftritt" not in first.xpath("string(//main/article)")
    assert "Ja, seht." in second.xpath("string(//main/article)")
    assert broken_links(folder) == []


def test_lines_written_straight_into_a_division_are_broken_where_their_lb_stands(tmp_path):
    # CBETA's tables of contents write their entries into the div, a line each:
    # <head>…</head><lb/>吳序<lb/>黃序<lb/>卷之一; the lb between blocks drew nothing, and the
    # entries ran into one word ("吳序黃序卷之一": 47 words lost to the word count)
    body = ("<div xml:id='d'><head>目錄</head><lb/>吳序<lb/>黃序<lb/>卷之一<p>A paragraph.</p>"
            "<lg><l>one</l><lb ed='other' n='5'/><l>two</l></lg></div>")
    folder, diags = build_text(TEI.format(body=body), tmp_path)
    doc = page(folder, "d.html")
    unit = doc.xpath("//article")[0]
    assert [n.strip() if isinstance(n, str) else n.tag for n in unit.xpath("node()")][:6] == [
        "h1", "吳序", "br", "黃序", "br", "卷之一"]
    # another edition's lineation between verse lines is still no line of text
    lg = doc.xpath("//div[@class='tei-lg']")[0]
    assert [c.get("class") for c in lg] == ["tei-l", "tei-l"] and not lg.xpath(".//br")
    assert "build.text-lost" not in [d.code for d in diags]
