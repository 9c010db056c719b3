"""Nothing dropped: every word of each TEI feature fixture reaches the HTML site and the EPUB,
each feature is rendered as a reader expects, and a build that loses text says so."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from teikit.build import BuildSettings, preservation
from teikit.build.run import build_formats
from teikit.edition import Edition
from tests.build.test_epub import epubcheck, problems
from tests.xslt.support import broken_links

RENDER = Path(__file__).resolve().parents[1] / "fixtures" / "render"
FIXTURES = sorted(RENDER.glob("*.xml"))


def _build(path: Path, out: Path, **settings) -> tuple[Edition, object]:
    edition = Edition.load(path)
    run = build_formats(edition, ["html", "epub"], BuildSettings(exports_dir=out, **settings))
    return edition, run


# What each fixture's build said (filled by the fixture `built`).
SAID: dict[str, list] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for path in FIXTURES:
        folder = tmp_path_factory.mktemp(path.stem)
        _, run = _build(path, folder)
        assert run.committed, [d.render() for d in run.diagnostics]
        out[path.stem] = folder
        SAID[path.stem] = run.diagnostics
    return out


@pytest.mark.parametrize("fixture", [p.stem for p in FIXTURES])
def test_every_word_reaches_html_and_epub(built, fixture):
    source, where = preservation.tei_words(Edition.load(RENDER / f"{fixture}.xml").tree)
    assert sum(source.values()) > 10
    folder = built[fixture]
    html = preservation.compare(source, where, preservation.site_words(folder / "html"), "HTML")
    epub = preservation.compare(source, where, preservation.epub_words(next(folder.glob("*.epub"))), "EPUB")
    assert not html.lost, html.lost
    assert not epub.lost, epub.lost


@pytest.mark.parametrize("fixture", [p.stem for p in FIXTURES])
def test_no_fixture_shows_a_word_of_its_text_twice(built, fixture):
    # a label the stylesheet adds ("[image]" for an image not included) is not the text's word
    assert [d.render() for d in SAID[fixture] if d.code == "build.text-repeated"] == []


def _page(folder: Path, pattern: str = "*.html") -> str:
    return "\n".join(p.read_text() for p in sorted((folder / "html").glob(pattern)))


def test_no_page_has_a_duplicated_id(built):
    for folder in built.values():
        for page in (folder / "html").glob("*.html"):
            ids = re.findall(r'\bid="([^"]+)"', page.read_text())
            assert not [i for i, n in Counter(ids).items() if n > 1], page


def test_every_note_marker_opens_its_own_note(built):
    page = lxml_html.parse(str(built["notes"] / "html" / "d1.html"))
    targets = [a.get("href") for a in page.xpath("//a[@class='noteref']")]
    assert len(targets) == len(set(targets)) == 5
    bodies = {li.get("id"): li.text_content() for li in page.xpath("//li[@class='note']")}
    assert "orchid" in bodies[targets[0][1:]] and "poppy" in bodies[targets[1][1:]]
    assert "violet" in bodies[targets[3][1:]]  # note/@target listed with its anchor's unit


def test_apparatus_lemma_in_text_readings_with_sigla(built):
    page = lxml_html.fromstring(_page(built["apparatus"], "div-*.html"))
    assert page.xpath("string(//span[@class='app-lemma'])") == "magna"
    readings = [r.text_content() for r in page.xpath("//span[contains(@class, 'app-reading')]")]
    assert readings == ["magna A", "magma B", "maga B"]


def test_choice_shows_one_reading_and_keeps_the_other_on_hover(built):
    page = lxml_html.fromstring(_page(built["apparatus"], "div-*.html"))
    titles = page.xpath("//span[@class='tei-choice']/@title")
    assert titles == ["sic: teh", "abbr: Dr.", "orig: colour"]


def test_lb_break_no_joins_the_word(built):
    assert 'Hyphen<span class="tk-join"><br/></span>ated word' in _page(built["apparatus"], "div-*.html")
    with zipfile.ZipFile(next(built["apparatus"].glob("*.epub"))) as zf:
        text = " ".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    assert 'Hyphen<span class="tk-join"><br/></span>ated word' in text


def test_a_group_of_texts_and_a_sourcedoc_reach_the_epub(built):
    for fixture, phrase in (("group", "Amber basil cedar"), ("group", "Kale lavender"),
                            ("diplomatic", "Lorem ipsum dolor line one.")):
        with zipfile.ZipFile(next(built[fixture].glob("*.epub"))) as zf:
            text = " ".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
        assert phrase in text, (fixture, phrase)


def test_the_fixture_epubs_pass_epubcheck(built):
    for fixture in ("apparatus", "group", "diplomatic", "notes", "letter-texts", "dictionary", "formula",
                    "notes-placed", "genetic", "speech", "dictionary-entries", "note-in-link",
                    "apparatus-blocks", "textparts", "egxml", "section-breaks", "pointers-outside",
                    "apparatus-detached", "paired-readings", "dictionary-indented", "spans",
                    "apparatus-synopsis", "glyphs", "right-to-left"):
        assert problems(epubcheck(next(built[fixture].glob("*.epub")))) == [], fixture


def test_local_images_are_copied_and_others_refused(tmp_path):
    edition = tmp_path / "ed" / "edition.xml"
    (tmp_path / "ed" / "img").mkdir(parents=True)
    shutil.copyfile(RENDER / "diplomatic.xml", edition)
    (tmp_path / "ed" / "img" / "page1.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    _, run = _build(edition, tmp_path / "out")
    assert run.committed
    assert (tmp_path / "out" / "html" / "images" / "img" / "page1.jpg").is_file()
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"outside")
    (tmp_path / "ed" / "img" / "page1.jpg").unlink()
    (tmp_path / "ed" / "img" / "page1.jpg").symlink_to(secret)  # a link leading out of the edition
    _, run = _build(edition, tmp_path / "out2")
    assert "render.image-outside" in [d.code for d in run.diagnostics]
    assert not (tmp_path / "out2" / "html" / "images").exists()
    # the page shows what was copied as an image, and the refused one as a label, never as an
    # <img> that points at nothing
    first, second = (_page(tmp_path / out) for out in ("out", "out2"))
    assert 'src="images/img/page1.jpg"' in first and "images/img/page1.jpg" not in second


def test_a_build_that_loses_text_is_an_error_and_keeps_the_previous_outputs(tmp_path):
    custom = tmp_path / "lossy.xsl"
    custom.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                      'xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:import href="teikit:html/html.xsl"/>'
                      '<xsl:template match="tei:p"/></xsl:stylesheet>')
    out = tmp_path / "out"
    _, first = _build(RENDER / "drama.xml", out)
    assert first.committed
    _, run = _build(RENDER / "nested-text.xml", out, stylesheets={"html": custom})
    lost = [d for d in run.diagnostics if d.code == "build.text-lost"]
    assert lost and lost[0].severity.value == "error" and "HTML site" in lost[0].message
    assert not run.committed
    assert "Romeo" in _page(out)  # the previous (drama) site is still there


def test_a_register_in_back_is_a_register_not_running_text(built):
    page = lxml_html.fromstring(_page(built["notes"], "back-*.html"))
    entry = page.xpath("//section[contains(@class, 'register-list')]//li"
                       "/span[contains(@class, 'register-entry')]")
    assert len(entry) == 1 and "Mathematician daisy" in entry[0].text_content()
    assert entry[0].xpath(".//a[@class='entry-link']/@href") == ["p1.html"]
    assert not page.xpath("//a[@class='noteref']")  # the biography is not turned into a footnote


def test_a_note_continued_with_next_is_shown_whole_once(built):
    site = _page(built["notes"])
    assert site.count("continuation lilac") == 1
    page = lxml_html.parse(str(built["notes"] / "html" / "d1.html"))
    assert page.xpath("string(//li[@id='nx'])").count("Continued tulip continuation lilac") == 1


def _png() -> bytes:
    """A valid 1×1 PNG (EPUBCheck reads the images it is given)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def _epub_text(folder: Path) -> str:
    """The text of the EPUB's content documents, as a reader's device reads it (a line break
    inside a word joins its halves)."""
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as zf:
        return " ".join("".join(etree.fromstring(zf.read(n)).itertext())
                        for n in zf.namelist() if n.endswith(".xhtml"))


def test_texts_standing_in_a_text_are_units_of_their_own(built):
    """A letter's original and translation (text/text, as correspondence editions encode
    them): one page each, labelled by type, every word kept (was: no page, 98 % lost)."""
    site = built["letter-texts"] / "html"
    assert (site / "text-1.html").is_file() and (site / "t-en.html").is_file()
    toc = lxml_html.parse(str(site / "toc.html"))
    assert [a.text for a in toc.xpath("//ol[@class='toc']//a")] == ["Source", "Translation"]
    assert "recibí su carta" in (site / "text-1.html").read_text()
    assert "I received your letter" in (site / "t-en.html").read_text()
    assert "I received your letter" in _epub_text(built["letter-texts"])


def test_a_text_without_parts_is_divided_into_its_divisions(built):
    site = built["dictionary"] / "html"
    assert "Kamlot" in (site / "div-1.html").read_text() and "Lutnia" in (site / "div-2.html").read_text()


def test_lb_break_no_joins_across_indenting_white_space(built):
    page = lxml_html.fromstring(_page(built["apparatus"], "div-*.html"))
    text = " ".join(page.xpath("//main")[0].text_content().split())
    assert "a prettyprinted one and a witness." in text
    assert "prettyprinted" in _epub_text(built["apparatus"])
    source, _ = preservation.tei_words(Edition.load(RENDER / "apparatus.xml").tree)
    assert source["prettyprinted"] == 1 and source["witness"] == 1 and not source["pretty"]


def test_ptr_is_labelled_from_its_target_never_its_raw_id(built):
    page = lxml_html.fromstring(_page(built["apparatus"], "div-*.html"))
    labels = [a.text_content() for a in page.xpath("//a[contains(@class, 'tei-ptr')]")]
    assert labels and "crit" not in labels and "A" not in labels
    notes = lxml_html.fromstring(_page(built["notes"], "d1.html"))
    assert [a.text_content() for a in notes.xpath("//a[contains(@class, 'tei-ptr')]")][0] == "Chapter"


def test_mathml_passes_through_to_html_and_epub(built):
    page = (built["formula"] / "html" / "f1.html").read_text()
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML">' in page and "<mi>π</mi>" in page
    with zipfile.ZipFile(next(built["formula"].glob("*.epub"))) as zf:
        opf = zf.read("EPUB/package.opf").decode()
        assert re.search(r'href="text/f1.xhtml"\s+media-type="application/xhtml\+xml"\s+'
                         r'properties="mathml"', opf)
        assert "<mi>π</mi>" in zf.read("EPUB/text/f1.xhtml").decode()


def test_local_images_are_packaged_in_the_epub_and_others_refused(tmp_path):
    edition = tmp_path / "ed" / "formula.xml"
    (tmp_path / "ed" / "img").mkdir(parents=True)
    shutil.copyfile(RENDER / "formula.xml", edition)
    (tmp_path / "ed" / "img" / "plate.png").write_bytes(_png())
    (tmp_path / "outside.png").write_bytes(_png())
    _, run = _build(edition, tmp_path / "out")
    assert run.committed
    refused = [d for d in run.diagnostics if d.code == "render.image-outside"]
    assert len(refused) == 1 and "../outside.png" in refused[0].message  # said once for both formats
    book = tmp_path / "out" / "formula.epub"
    with zipfile.ZipFile(book) as zf:
        assert zf.read("EPUB/images/img/plate.png") == _png()
        assert not [n for n in zf.namelist() if "outside" in n]
        opf = zf.read("EPUB/package.opf").decode()
        assert 'href="images/img/plate.png" media-type="image/png"' in opf
        page = zf.read("EPUB/text/f1.xhtml").decode()
        assert 'src="../images/img/plate.png" alt="Plate one shows a circle."' in page
    assert (tmp_path / "out" / "html" / "images" / "img" / "plate.png").is_file()
    assert problems(epubcheck(book)) == []


def test_the_epub_imports_the_html_element_layer():
    """One element layer: the EPUB stylesheets match TEI elements only to override what an
    EPUB needs (endnotes in place, page-break markers, packaged images)."""
    from teikit import paths
    from teikit.xmlio import parse_file

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    entry = parse_file(paths.XSLT_DIR / "epub" / "epub.xsl").getroot()
    assert [i.get("href") for i in entry.iter(f"{xsl}import")][0] == "../html/html.xsl"
    matches = set()
    for sheet in (paths.XSLT_DIR / "epub").glob("*.xsl"):
        for template in parse_file(sheet).getroot().iter(f"{xsl}template"):
            if template.get("match") and not template.get("mode"):
                matches.add(template.get("match"))
    assert matches == {"tei:note", "tei:pb", "tei:graphic", "/"}


def test_words_shown_twice_are_reported(tmp_path):
    custom = tmp_path / "twice.xsl"
    custom.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                      'xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:import href="teikit:html/html.xsl"/>'
                      '<xsl:template match="tei:p"><p><xsl:apply-templates/></p><p><xsl:apply-templates/></p>'
                      '</xsl:template></xsl:stylesheet>')
    _, run = _build(RENDER / "letter-texts.xml", tmp_path / "out", stylesheets={"html": custom})
    twice = [d for d in run.diagnostics if d.code == "build.text-repeated"]
    assert twice and twice[0].severity.value == "warning" and "HTML site" in twice[0].message
    assert run.committed  # shown twice is a warning; lost is an error


def test_c1_control_characters_are_shown_as_windows_1252_and_reported(built, tmp_path):
    page = _page(built["control-characters"])
    assert not re.search("[\x80-\x9f]", page)
    assert "† 1832" in page and "“the last winter”" in page and "son’s" in page and "1830–1832" in page
    _, run = _build(RENDER / "control-characters.xml", tmp_path / "out")
    said = [d for d in run.diagnostics if d.code == "render.control-characters"]
    assert len(said) == 1 and "U+0086" in said[0].message and said[0].severity.value == "warning"


def test_facsimile_page_identifiers_are_said_once_not_refused_one_by_one(tmp_path):
    _, run = _build(RENDER / "wild-markup.xml", tmp_path / "out")
    codes = [d.code for d in run.diagnostics]
    assert run.committed and "render.image-outside" not in codes
    (said,) = [d for d in run.diagnostics if d.code == "render.image-identifier"]
    assert said.message.startswith("2 graphic/@url value(s) name no image file")
    (tiff,) = [d for d in run.diagnostics if d.code == "render.image-format"]
    assert "masters/695_1vL.tif is a TIF file" in tiff.message
    # an event's own listPlace is a section: its entry is a div, not a span (EPUBCheck)
    assert problems(epubcheck(tmp_path / "out" / "wild-markup.epub")) == []


def test_text_after_a_comment_is_counted_and_joined():
    """lxml's iterwalk does not visit comments: the text after one was never counted."""
    from lxml import etree

    tree = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>ununter'
                            '<!--<pb n="2"/>-->brochen. Die<?pi x?> Zeit kam.</p></body></text></TEI>')
    counts, where = preservation.tei_words(tree)
    assert counts == Counter({"ununterbrochen": 1, "die": 1, "zeit": 1, "kam": 1})
    assert where["kam"].startswith("p (line")


def test_a_nested_apparatus_shows_each_reading_once_and_keeps_its_details(built):
    """Patristic Text Archive: an app inside a lemma had its readings shown twice (11.9 % of
    the words repeated), and the app's witDetail and note were lost."""
    source, where = preservation.tei_words(Edition.load(RENDER / "apparatus-nested.xml").tree)
    for every, reading, _links in (preservation.site_counts(built["apparatus-nested"] / "html"),
                           preservation.epub_counts(next(built["apparatus-nested"].glob("*.epub")))):
        report = preservation.compare(source, where, every, "output", reading)
        assert not report.lost and not report.repeated, (report.lost, report.repeated)
    page = lxml_html.fromstring(_page(built["apparatus-nested"], "div-*.html"))
    (outer,) = page.xpath("//span[@id='var1']")
    entry = outer.xpath("span[@class='app-entry']")[0]
    assert " ".join(entry.text_content().split()).startswith("[beta gamma epsilon Ac Ve; zeta Ph; eta Ve;")
    assert "Ph followed by a page break" in " ".join(entry.text_content().split())
    assert entry.xpath(".//a[@class='noteref']")  # the note's marker stands in its entry
    # a lemma of no words: its witnesses omit the passage, as a printed apparatus says
    assert page.xpath("//span[@class='app-entry'][contains(., 'pi Ph Ve')]")[0].text_content().split() == \
        ["[om.", "Ac;", "pi", "Ph", "Ve]"]
    # a heading's apparatus: the contents name the division by its lemma, not every reading
    toc = lxml_html.parse(str(built["apparatus-nested"] / "html" / "toc.html"))
    labels = [" ".join(a.text_content().split()) for a in toc.xpath("//main//a")]
    assert "Sermon proper" in labels and not [label for label in labels if "improper" in label]


def test_a_column_break_inside_a_word_joins_it(built):
    page = " ".join(_page(built["column-break-in-word"]).split())
    assert "ἐλλείπει" in page and "translation" in page and "continued" in page
    counts, _ = preservation.tei_words(Edition.load(RENDER / "column-break-in-word.xml").tree)
    assert counts["ἐλλείπει"] == counts["translation"] == counts["continued"] == 1
    assert counts["words"] == counts["plain"] == 1  # a break without break="no" separates
    # ... unless it is shown as nothing (no id) and stands inside a word: it reads whole
    assert "Überzeugung" in page and "urſprünglich" in page
    assert counts["überzeugung"] == counts["ursprünglich"] == 1 and not counts["gung"]


@pytest.mark.parametrize("fixture", ["column-break-in-word", "apparatus", "wild-markup"])
def test_words_counted_a_chunk_at_a_time_are_those_of_the_whole_text(fixture, monkeypatch):
    """The TEI's words are counted a few thousand text pieces at a time (a 50 MB text's words
    as one list took 400 MB); a chunk ends only where no word and no joined break runs on."""
    tree = Edition.load(RENDER / f"{fixture}.xml").tree
    whole, _ = preservation.tei_words(tree)
    monkeypatch.setattr(preservation._Pieces, "CHUNK", 1)  # a chunk at every element boundary
    chunked, _ = preservation.tei_words(tree)
    assert chunked == whole and sum(whole.values()) > 0


def test_a_line_break_inside_a_word_breaks_the_line_and_keeps_the_word(built):
    # lb break="no" once rendered as nothing: I.Sicily's line 4 ran into line 3.
    page = lxml_html.fromstring(_page(built["inscription"], "div-1.html"))
    (ab,) = page.xpath("//main//p[contains(., 'Κληναγόρα')]")
    # every line, the hidden sic's too, but the first: <lb n="1"/> opens the ab, and its br
    # drew an empty line above the text
    assert len(ab.xpath(".//br")) == 7
    # a hyphen drawn at the end of a line that breaks a word (not one more after "προ-")
    assert len(ab.xpath(".//span[@class='tk-join']")) == 4
    assert len(ab.xpath(".//span[@class='tk-join tk-hyphenated']")) == 1
    css = (built["inscription"] / "html" / "assets" / "teikit.css").read_text()
    assert '.tk-join:not(.tk-hyphenated)::before { content: "-"; }' in css
    text = " ".join(ab.text_content().split())
    assert "Ἀγασθοκλέος τετόρων ταλάντων Λίσσος" in text and "Ἱπποσθένης Πράτωνος" in text
    assert "τετόρων ταλάντων Λίσσος" in " ".join(_epub_text(built["inscription"]).split())
    source, _ = preservation.tei_words(Edition.load(RENDER / "inscription.xml").tree)
    assert source["ταλάντων"] == 1 and source["ἱπποσθένης".casefold()] == 1 and not source["ταλάν"]


def test_epidoc_leiden_conventions_are_shown(built):
    # I.Sicily: ex, surplus, g, subst, handShift, listApp and citedRange were unknown elements
    page = lxml_html.fromstring(_page(built["inscription"], "div-1.html"))
    assert page.xpath("//span[@class='tei-ex']/text()") == ["ibus"]
    assert page.xpath("//span[@class='tei-surplus']/text()") == ["σ"]
    assert page.xpath("//span[@class='tei-handShift']/@title") == ["hand #m2"]
    css = (built["inscription"] / "html" / "assets" / "teikit.css").read_text()
    assert '.tei-ex::before { content: "("; }' in css and '.tei-surplus::before { content: "{"; }' in css
    assert "tei-listApp" in _page(built["inscription"], "div-2.html")
    bibliography = lxml_html.fromstring(_page(built["inscription"], "div-3.html"))
    assert [" ".join(li.text_content().split()) for li in bibliography.xpath("//article//li")] == [
        "Mommsen 1883 7190"]  # the empty <bibl/> beside it is no empty bullet
    with zipfile.ZipFile(next(built["inscription"].glob("*.epub"))) as zf:
        assert '.tei-ex::after { content: ")"; }' in zf.read("EPUB/css/epub.css").decode()


def test_the_setting_of_a_play_is_a_block_of_its_own(built):
    # GerDraCor: <set> ("Zimmer mit reichen Tapeten…") was an unknown element
    page = lxml_html.fromstring(_page(built["drama"]))
    assert [" ".join(d.text_content().split()) for d in page.xpath("//div[@class='tei-set']")] == [
        "Scene: Verona, a garden by night."]


def test_an_empty_damage_shows_where_words_are_lost(built):
    # testtranscr.xml (TEI Stylesheets): "Damage: <damage extent="2 mots"/> text after" read
    # "Damage: text after", as if nothing were missing
    page = lxml_html.fromstring(_page(built["damage"], "body*.html"))
    (lost,) = page.xpath("//main//span[@class='tei-damage'][not(*)][. = '[…]']")
    assert lost.get("title") == "damage in the source (destroyed, 2 words)"
    assert " ".join(lost.getparent().text_content().split()) == "Before […] after."
    (worn,) = page.xpath("//main//span[@class='tei-damage'][. = 'but legible']")
    assert worn.get("title") == "damage in the source (water)"
    assert "Before […] after." in " ".join(_epub_text(built["damage"]).split())


def test_blocks_inside_phrases_make_valid_pages_and_epubs(built):
    """Verse lines quoted in a paragraph and a figure inside a highlighted phrase are blocks, so
    the phrases and paragraphs holding them are too (a <div> in a <p> or <span> is refused by
    EPUBCheck and broken by browsers); note ids never hold "[" and never repeat."""
    assert problems(epubcheck(next(built["blocks-in-phrases"].glob("*.epub")))) == []
    page = lxml_html.fromstring(_page(built["blocks-in-phrases"], "d1.html"))
    (carol,) = page.xpath("//main//*[contains(@class, 'tei-p')][.//*[@class='tei-q']]")
    assert carol.tag == "div" and carol.xpath(".//*[@class='tei-q']")[0].tag == "div"
    (temple,) = page.xpath("//main//*[contains(@class, 'hi')][.//figure]")
    assert temple.tag == "div" and temple.getparent().tag == "div"
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids)) and not [i for i in ids if "[" in i]
    assert "d1-note-_1_" in ids


def test_two_notes_with_an_empty_number_get_their_own_numbers(built):
    page = lxml_html.fromstring(_page(built["blocks-in-phrases"], "d1.html"))
    listed = page.xpath("//main//li[@class='note']/span[@class='note-number']/text()")
    numbers = [n.strip(". ") for n in listed]
    assert numbers == ["[1]", "1", "2"]


def test_marginal_and_inline_notes_stand_where_they_are_and_stay_listed(built):
    # DTA, EEBO: note place="margin"/"left"/"right"/"inline" were all footnote markers
    page = lxml_html.fromstring(_page(built["notes-placed"], "d1.html"))
    placed = page.xpath("//article//*[contains(@class, 'note-placed')]")
    assert [(p.get("class"), p.text_content().split()[-1]) for p in placed] == [
        ("tei-note note-placed place-margin", "alpha."), ("tei-note note-placed place-inline", "beta"),
        ("tei-note note-placed place-margin", "epsilon."), ("tei-note note-placed place-block", "eta."),
        ("tei-note note-placed place-margin", "zeta.")]
    assert "gamma" not in " ".join(page.xpath("//article//p//text()"))  # the footnote: a marker
    listed = page.xpath("//ul[@class='notes-list']/li")
    assert len(listed) == 6  # the list stays complete; the placed ones are marked as copies
    assert [li.get("data-shown-in") for li in listed] == ["d1.html", "d1.html", None] + ["d1.html"] * 3
    for li, here in zip([listed[i] for i in (0, 1, 3, 4, 5)], placed, strict=True):
        assert li.xpath(".//a[@class='backlink']/@href") == [f"d1.html#{here.get('id')}"]
    epub = _epub_text(built["notes-placed"])
    assert "Marginal gloss alpha." in epub and "Right-hand note zeta." in epub


def test_an_utterance_is_a_block_headed_by_its_speaker(built):
    # ParlaMint: every u ran into one paragraph with no speaker; applause read as a word of the speech
    page = lxml_html.fromstring(_page(built["speech"], "div-1.html"))
    utterances = page.xpath("//div[@class='tei-u']")
    assert [u.get("id") for u in utterances] == ["u1", "u2", "u3"]
    speakers = [u.xpath("string(span[contains(@class, 'u-speaker')])") for u in utterances]
    assert speakers == ["Anna Chairwoman", "Doe, John, member of parliament", "Unknown.1"]
    events = [(e.get("class"), e.text_content())
              for e in page.xpath("//*[contains(@class, 'tk-event')]")]
    assert events == [("tei-kinesic tk-event", "Applause."), ("tei-vocal tk-event", "laughter"),
                      ("tei-pause tk-event", "pause"),
                      ("tei-incident tk-event", "Interruption of the sitting zeta.")]
    assert page.xpath("//span[contains(@class, 'tei-pause')]/@title") == ["PT5S"]


def test_dictionary_entries_read_as_entries(built):
    # FreeDict: "<orth>aada</orth><gramGrp><pos>n.</pos>" read "aadan.", every translation a line
    page = lxml_html.fromstring(_page(built["dictionary-entries"], "body-1.html"))
    entries = [" ".join(e.text_content().split())
               for e in page.xpath("//div[contains(@class, 'dict-entry')]")]
    assert entries == ["aada n. habitude; coutume",
                       "nit n. personne Prov. Nit, nit ay garabam l'homme est le remède de l'homme".replace(
                           "Prov.", "(Prov.)"),
                       "njang 1. n. enseignement 2. v. (mit G.) apprendre aada from Arabic"]
    numbers = "//div[@id='njang']/div[@class='tei-sense']/span[contains(@class, 'sense-number')]/text()"
    assert page.xpath(numbers) == ["1.", "2."]
    assert page.xpath("//div[@id='aada']//span[@class='tei-orth']/text()") == ["aada"]


def test_pages_are_read_as_xml_and_a_page_that_is_not_xml_as_html(tmp_path):
    """Written pages are XHTML syntax and read with the XML parser; a page an edition's own
    stylesheet wrote as HTML (unclosed elements, a named entity) still has its words counted."""
    (tmp_path / "a.html").write_text(
        '<!DOCTYPE html><html><body><nav>menu</nav><article class="unit"><p>one two<br/>three</p>'
        '</article></body></html>', encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<!DOCTYPE html><html><body><p>four&nbsp;five<br>six<p>seven</body></html>", encoding="utf-8")
    every, reading, _links = preservation.site_counts(tmp_path)
    assert every == Counter(["one", "two", "three", "four", "five", "six", "seven"])
    assert reading == Counter(["one", "two", "three"])


def test_a_note_inside_a_link_follows_the_link(built):
    page = lxml_html.fromstring(_page(built["note-in-link"], "d1.html"))
    assert not page.xpath("//a//a")
    (internal,) = page.xpath("//a[@class='tei-ref']")
    assert " ".join(internal.text_content().split()) == "the second part of it"
    assert internal.getnext().get("class") == "noteref"
    (external,) = page.xpath("//a[contains(@class, 'external')]")
    assert "note-placed" in external.getnext().get("class")


def test_a_genetic_transcription_marks_what_it_could_not_read_and_where_changes_were_made(built):
    # Shelley-Godwin Archive: an empty <unclear reason="illegible"/> showed nothing at all
    page = lxml_html.fromstring(_page(built["genetic"]))
    assert page.xpath("//span[contains(@class, 'illegible')]/text()") == ["[?]"]
    assert page.xpath("//span[contains(@class, 'illegible')]/@title") == ["unclear: illegible"]
    assert page.xpath("//ins/@title") == ["superlinear"] and page.xpath("//del/@title") == ["strikethrough"]


def test_an_images_own_description_is_its_alt_and_hover_text_or_stands_beside_its_label(built, tmp_path):
    # generalP5.xml (TEI Stylesheets): "This description is here just to test desc" was lost
    page = _page(built["image-descriptions"])
    assert '<span class="tei-desc graphic-desc">A snowy ridge at dawn</span>' in page
    folder = tmp_path / "shown"
    folder.mkdir()
    (folder / "ridge.png").write_bytes(
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"))
    text = (RENDER / "image-descriptions.xml").read_text("utf-8")
    (folder / "e.xml").write_text(text.replace("missing-ridge.png", "ridge.png"), "utf-8")
    _, run = _build(folder / "e.xml", tmp_path / "out")
    assert run.committed and not [d for d in run.diagnostics if d.code.startswith("build.text-")]
    shown = _page(tmp_path / "out")
    assert re.search(r'<img class="tei-graphic" src="images/ridge.png" alt="A snowy ridge at dawn"'
                     r' loading="lazy" title="A snowy ridge at dawn"', shown), shown


def test_textparts_numbered_without_heads_get_headings(built):
    # Perseus' Catullus: 116 headless poems ran into one another, and the page was titled
    # "Edition urn:cts:latinLit:…"; the TEI Stylesheets number them ("1.1.2").
    folder = built["textparts"]
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as zf:
        epub = [lxml_html.fromstring(zf.read(n)) for n in sorted(zf.namelist()) if n.endswith(".xhtml")]
    site = [lxml_html.parse(str(p)).getroot() for p in sorted((folder / "html").glob("div-*.html"))]
    for docs in (site, epub):
        heads = [h for d in docs for h in d.xpath("//*[contains(@class, 'div-label')]")]
        assert [(h.tag, h.text_content()) for h in heads] == [("h2", "Book 1"), ("h3", "Poem 1"),
                                                                 ("h3", "Poem 2")]
        assert not [d for d in docs if "urn:cts" in d.xpath("string(//h1)")]
        # another edition's lineation between verse lines draws no empty line
        assert not [d for d in docs
                    if d.xpath("//div[contains(@class, 'tei-l')]/following-sibling::br")]
        # the fifth line says it is, at its right
        numbers = [n for d in docs for n in d.xpath("//*[@class='l-n tk-generated']")]
        assert [(n.text, n.getparent().text_content()) for n in numbers] == [
            ("5", "5iam tum cum ausus es unus Italorum")]


def test_a_tei_example_is_shown_as_markup(built):
    # TEIC/TEI Documents/ODDintro: egXML's words alone, tags dropped, said nothing of the encoding
    page = _page(built["egxml"], "div-*.html")
    doc = lxml_html.fromstring(page)
    header, block = doc.xpath("//pre[@class='tei-egXML']")
    # written over lines in a paragraph (the Guidelines' way): a block, in a paragraph made a div
    assert header.getparent().tag == "div" and "<title>Cedar</title>" in header.text_content()
    assert block.text_content() == ('<p>Letter from <persName ref="#sk">Sophie Kowalewski</persName>'
                                    '<lb/>to her sister.</p>')
    assert doc.xpath("string(//code[@class='tei-egXML'])") == '<hi rend="italic">amber</hi>'
    assert "render.unhandled-element" not in [d.code for d in SAID["egxml"]]


def test_names_of_markup_in_prose_have_their_brackets(built):
    # TEIC/TEI Documents: <gi>persName</gi> read "the persName element", bare; the TEI
    # Stylesheets print <persName>, @ref, "#sk"
    doc = lxml_html.fromstring(_page(built["egxml"], "div-*.html"))
    names = ("gi", "att", "val", "code", "ident")
    shown = [doc.xpath(f"string(//code[@class='tei-{name}'])") for name in names]
    assert shown == ["<persName>", "@ref", '"#sk"', "xml:id", "tei_all"]
    tags = doc.xpath("//code[@class='tei-tag']")
    assert [t.text_content() for t in tags] == ["<lb/>", "</div>"]
    # the brackets are teikit's: not words of the text
    assert doc.xpath("//code[@class='tei-gi']/span[@class='tk-generated']/text()") == ["<", ">"]


def test_a_letters_writing_sessions_get_no_generated_heading(tmp_path):
    # Schnitzler's letters divide their text into <div type="writingSession" n="1">: numbered,
    # headless, and not what a reader cites; only divisions cited by number are headed.
    source = tmp_path / "letter.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div><head>Letter</head><div type="writingSession" n="1"><p>Dear friend,</p>'
        '</div><div type="poem" n="2"><l>A verse</l></div></div></body></text></TEI>')
    _, run = _build(source, tmp_path / "out")
    assert run.committed
    text = "".join(p.read_text() for p in (tmp_path / "out" / "html").glob("*.html"))
    assert "WritingSession" not in text and "Poem 2" in text


def test_html_names_sort_as_paths_do(tmp_path):
    """html_names (strings, sorted part by part) lists the pages in html_pages' order, the order
    of sorted Paths, where a plain string sort would differ ("a-b.html" before "a/b.html")."""
    from teikit.build import preservation

    for name in ["a.html", "a-b.html", "a/b.html", "a/c/d.html", "A.html", "a b.html", "b/a.html", "x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p/>")
    expected = sorted(p for p in tmp_path.rglob("*.html"))
    assert preservation.html_pages(tmp_path) == expected
    assert preservation.html_names(tmp_path) == [p.relative_to(tmp_path).as_posix() for p in expected]
    assert sorted(preservation.html_names(tmp_path)) != preservation.html_names(tmp_path)


def test_a_pointer_to_what_no_page_shows_is_named_by_what_it_points_at(built):
    # Concordia: a ptr to a register's bibliography entry (kept in the standOff) read
    # "#bertolini1876a"; one to a file outside the edition its whole path. The entry is now a
    # work of the bibliography register (works.html, tests/xslt/test_registers_apart.py): the
    # ptr links to its page, named by author, date and title.
    doc = lxml_html.fromstring(_page(built["pointers-outside"], "div-*.html"))
    (entry,) = doc.xpath("//a[starts-with(@class, 'tei-ptr')]")
    (outside,) = doc.xpath("//span[starts-with(@class, 'tei-ptr')]")
    assert entry.text_content() == "Bertolini 1876, Scavi concordiesi"
    assert entry.get("href") == "bert.html"
    assert outside.text_content() == "bibliography.xml#bert"
    assert outside.get("title") == "../references/bibliography.xml#bert"
    assert "#bert" not in doc.text_content().replace("bibliography.xml#bert", "")


def _wrapped(poems: int) -> str:
    """A text whose one division wraps all the others (Perseus' div type="edition" around
    every book of Ovid's Amores), page breaks before, inside and after the wrapper."""
    def book(n: int) -> str:
        line = "Arma gravi numero violentaque bella parabam edere materia conveniente modis"
        poems_ = "".join(f'<div type="textpart" subtype="poem" n="{i}"><l>{line} {n} {i}</l></div>'
                         for i in range(1, poems + 1))
        head = "<head>Liber primus</head>" if n == 1 else ""
        return f'<div type="textpart" subtype="book" n="{n}">{head}{poems_}</div>'
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Amores</title>'
            '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
            '</teiHeader><text><body><pb n="1"/><div type="edition" n="urn:cts:latinLit:phi0959.phi001" '
            f'xml:lang="la"><head>Amores</head>{book(1)}<pb n="2"/>{book(2)}</div><pb n="3"/>'
            '</body></text></TEI>')


@pytest.mark.parametrize("poems", [2, 400])
def test_a_long_division_wrapping_all_others_is_paged_by_the_divisions_inside_it(tmp_path, poems):
    # Perseus' Ovid: body/div[@type='edition'] around three books was one page of 300 KB;
    # a short one (a letter's writing sessions in a div) stays one page
    source = tmp_path / "amores.xml"
    source.write_text(_wrapped(poems))
    _, run = _build(source, tmp_path / "out")
    assert run.committed and not [d for d in run.diagnostics if d.code.startswith("build.text")]
    folder = tmp_path / "out" / "html"
    pages = sorted(p.name for p in folder.glob("div-*.html"))
    site = "".join(p.read_text() for p in folder.glob("*.html"))
    assert all(f'id="{p}"' in site for p in ("pb1", "pb2", "pb3"))  # page breaks keep their anchors
    if poems == 2:
        assert pages == ["div-1.html"]
        return
    assert pages == ["div-1.html", "div-2.html"]
    first = lxml_html.parse(str(folder / "div-1.html"))
    assert [h.text_content() for h in first.xpath("//article//h1")][:2] == ["Amores", "Liber primus"]
    second = lxml_html.parse(str(folder / "div-2.html"))
    assert second.xpath("string(//article//h1)") == "Book 2"
    assert problems(epubcheck(next((tmp_path / "out").glob("*.epub")))) == []


def test_a_part_headed_divided_and_closed_is_paged_by_its_divisions(built):
    # SARIT's Pramāṇavārttikapariśiṣṭa: body/head (with a note) before the chapters made the
    # whole body one page of 230 KB
    folder = built["headed-parts"] / "html"
    assert sorted(p.name for p in folder.glob("pvp*.html")) == ["pvp.1.1.html", "pvp.1.2.html"]
    first = lxml_html.parse(str(folder / "pvp.1.1.html"))
    heads = [" ".join(h.text_content().split()) for h in first.xpath("//article//h1")]
    assert heads[0].startswith("Appendix I Supplement") and heads[1] == "First chapter"
    # the heading's note is listed on the page and its marker leads to it
    targets = first.xpath("//article//h1//a[@class='noteref']/@href")
    assert len(targets) == 1 and first.xpath(f"//*[@id='{targets[0][1:]}']")
    assert "Written on paper" in first.xpath("string(//section[@class='notes'])")
    # ELTeC: the trailer after the last chapter kept the novel one page of 1.4 MB; it closes
    # the last page, after the page break before it, its note listed there
    last = lxml_html.parse(str(folder / "pvp.1.2.html"))
    article = last.xpath("//article")[0]
    assert article.xpath("string(.//*[@class='tei-trailer'])").startswith("Here ends the supplement")
    assert [" ".join(p.text_content().split()) for p in article.xpath(".//*[@class='pb']")] == ["p. 516"]
    assert "another hand" in last.xpath("string(//section[@class='notes'])")
    # DTA: a printer's ornament (figure) between chapters kept Kant's Critique one page of 3.3 MB
    assert "printer's ornament" in article.xpath("string(.)")
    for book in built["headed-parts"].glob("*.epub"):
        assert problems(epubcheck(book)) == []


def test_a_break_between_sections_is_shown_and_a_reference_point_is_not(built):
    # ELTeC: <milestone unit="section" rend="asterisk"/> between scenes showed nothing
    for doc in (lxml_html.fromstring(_page(built["section-breaks"], "div-*.html")),
                _epub_body(built["section-breaks"])):
        breaks = doc.xpath("//*[contains(@class, 'section-break')]")
        assert [b.tag for b in breaks] == ["div", "hr", "div"]
        assert breaks[0].text_content() == "*\u00a0\u00a0*\u00a0\u00a0*"
        assert breaks[0].get("role") == "separator"
        assert "break-space" in breaks[2].get("class")
        assert "card" not in doc.text_content().replace("Picard", "") and "12" not in doc.text_content()


def _epub_body(folder: Path) -> lxml_html.HtmlElement:
    """The EPUB's content documents of divisions, as one HTML tree (namespaces dropped)."""
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as book:
        pages = [book.read(n) for n in sorted(book.namelist()) if n.endswith(".xhtml") and "/div" in n]
    body = lxml_html.fromstring("<div></div>")
    for data in pages:  # read as HTML: the XHTML namespace is dropped
        body.append(lxml_html.fromstring(etree.tostring(etree.fromstring(data).find("{*}body"))))
    return body


def test_an_apparatus_kept_apart_links_each_lemma_to_its_passage(built):
    # CBETA: <app from="#beg0848002"> in the back named a word of the text with no way to it
    page = lxml_html.parse(str(built["apparatus-detached"] / "html" / "app.html"))
    assert page.xpath("//span[@class='app-lemma']/a[@class='app-place']/@href") == ["sutra.html#beg1"]
    text = lxml_html.parse(str(built["apparatus-detached"] / "html" / "sutra.html"))
    assert text.xpath("//*[@id='beg1']")


def test_a_division_named_rather_than_numbered_reads_its_name(tmp_path):
    # Perseus' Catullus: <div type="textpart" subtype="book" n="long_poems"> was "Book long_poems"
    source = tmp_path / "carmina.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Carmina</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div type="textpart" subtype="book" n="long_poems"><div type="textpart" '
        'subtype="poem" n="61"><l>Collis o Heliconii cultor</l></div></div></body></text></TEI>')
    _, run = _build(source, tmp_path / "out")
    assert run.committed
    page = lxml_html.parse(str(tmp_path / "out" / "html" / "div-1.html"))
    assert page.xpath("string(//h1)") == "Book long poems"


def test_a_very_long_division_made_of_divisions_is_paged_by_them(tmp_path):
    # DTA's Kant: the Elementarlehre, a million characters in parts and chapters, was one page
    line = "Die Vernunft ist das Vermögen der Principien, und die Erfahrung lehrt uns, was da sei. "
    chapter = "".join(f"<p>{line * 5}</p>" for _ in range(200))  # about 90,000 characters
    source = tmp_path / "kritik.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Critik</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div><head>Vorrede</head><p>Die menschliche Vernunft hat das besondere '
        'Schicksal.</p></div><div><head>Elementarlehre</head>'
        f'<div><head>Erster Theil</head>{chapter}</div><pb n="50"/><div><head>Zweiter Theil</head>'
        f'<div><head>Erstes Buch</head>{chapter}</div><div><head>Zweites Buch</head>{chapter}</div></div>'
        '</div></body></text></TEI>')
    _, run = _build(source, tmp_path / "out")
    assert run.committed and not [d for d in run.diagnostics if d.code.startswith("build.text")]
    folder = tmp_path / "out" / "html"
    heads = {p.name: [h.text_content() for h in lxml_html.parse(str(p)).xpath("//article//h1")]
             for p in sorted(folder.glob("div-*.html"))}
    assert heads == {"div-1.html": ["Vorrede"], "div-2.html": ["Elementarlehre", "Erster Theil"],
                     "div-3.html": ["Zweiter Theil", "Erstes Buch"], "div-4.html": ["Zweites Buch"]}
    # the page break before a division paged by its own divisions is on its first page, and
    # the list of pages leads there
    assert 'id="pb1"' in (folder / "div-3.html").read_text() and broken_links(folder) == []
    # the contents name the divisions that have no page of their own over their first
    toc = lxml_html.parse(str(folder / "toc.html"))
    assert [li.text_content() for li in toc.xpath("//ol[@class='toc']/li")] == [
        "Vorrede", "Elementarlehre", "Erster Theil", "Zweiter Theil", "Erstes Buch", "Zweites Buch"]
    headings = toc.xpath("//ol[@class='toc']/li[@class='toc-heading']/text()")
    assert headings == ["Elementarlehre", "Zweiter Theil"]


def test_page_breaks_between_parts_stand_on_the_next_page(tmp_path):
    # a page break between the front and a divided body, or between the body and a divided
    # back, was on no page: the list of pages linked to an anchor nowhere
    source = tmp_path / "parts.xml"
    source.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
        '<text><front><p>Preface words here.</p></front><pb n="1"/><body><pb n="2"/><div><head>One</head>'
        '<p>First chapter text.</p></div><div><head>Two</head><p>Second.</p><pb n="3"/></div><pb n="4"/>'
        '</body><pb n="5"/><back><div><head>Index</head><p>Entries.</p></div></back></text></TEI>')
    _, run = _build(source, tmp_path / "out")
    assert run.committed
    folder = tmp_path / "out" / "html"
    shown = {n: [p.name for p in sorted(folder.glob("div-*.html")) if f">p. {n}<" in p.read_text()]
             for n in range(1, 6)}
    assert shown == {1: ["div-2.html"], 2: ["div-2.html"], 3: ["div-3.html"], 4: ["div-3.html"],
                     5: ["div-4.html"]}
    assert broken_links(folder) == []


def test_readings_paired_outside_a_choice_read_as_a_choice(built):
    # Konrad von Würzburg's critical texts: <w><orig>dv</orig><reg>du</reg></w> read "dvdu"
    page = lxml_html.fromstring(_page(built["paired-readings"], "div-1.html"))
    article = page.xpath("//article")[0]
    shown = " ".join("".join(t for t in article.xpath(".//text()[not(ancestor::*[@hidden])]")).split())
    assert shown.startswith("Der werlt lôn du wart deme [deme; dër M] ritter, a the cat, the Doctor and")
    assert "as printed here, olde and new." in shown
    assert page.xpath("//span[@class='tei-orig'][@hidden]/text()")[:3] == ["Derwerlt", "lon", "dv"]
    # the other reading on hover, unless it is the same ("wart"): every word would be marked
    titles = page.xpath("//article//span[@class='tei-choice']/@title")
    assert titles == ["orig: Derwerlt", "orig: lon", "orig: dv", "orig: dem", "orig: der", "sic: teh",
                      "abbr: Dr."]
    assert page.xpath("//nav//text()[contains(., 'werlt')]") == ["Der werlt lôn"]


def test_indented_dictionary_entries_read_as_printed(built):
    # TEI Lex-0: "1. 1." (a number generated before the one the sense prints), "Aid ," and
    # "aider , secourir" (the indentation before a pc), ";" on a line of its own between two
    # senses, "( (emotional))" (brackets added inside those the dictionary wrote)
    page = lxml_html.fromstring(_page(built["dictionary-indented"], "body-1.html"))
    entries = [" ".join(e.text_content().split())
               for e in page.xpath("//div[contains(@class, 'dict-entry')]")]
    assert entries == ["Aid, 1. aider, secourir; 2. (oft emotional): assistance.",
                       "help 1. (fam.) a hand 2. support"]
    senses = page.xpath("//div[@id='aid']/div[@class='tei-sense']")
    assert [" ".join(s.text_content().split()) for s in senses] == [
        "1. aider, secourir;", "2. (oft emotional): assistance."]
    assert page.xpath("//div[@id='aid']//span[contains(@class, 'sense-number')]") == []
    assert page.xpath("//div[@id='help']//span[contains(@class, 'sense-number')]/text()") == ["1.", "2."]


def test_spanned_deletions_and_additions_mark_the_text_up_to_their_anchor(built):
    # the Shelley-Godwin Archive: delSpan/addSpan up to an anchor read as running text, no mark
    page = lxml_html.fromstring(_page(built["spans"], "sourceDoc-1.html"))

    def marked(kind: str) -> str:
        return " ".join(" ".join(page.xpath(f"//*[@class='tk-{kind}']//text()")).split())

    # (but for the halves of a word broken across a line: marked apart, they read as two words)
    assert marked("delSpan") == "and one evening old"
    assert marked("addSpan") == "at the house of old where I heard"
    assert set(page.xpath("//del[@class='tk-delSpan']/@title")) == {"strikethrough"}
    assert set(page.xpath("//ins[@class='tk-addSpan']/@title")) == {"margin, pbs"}
    # a deletion inside the addition: struck inside the added text
    assert page.xpath("//ins[@class='tk-addSpan']/del[@class='tk-delSpan']/text()") == ["old"]
    assert "Clerval's" in " ".join(page.xpath("string(//section)").split())
    assert "a span without its end" in page.xpath("string(//section)")
    assert not page.xpath("//*[starts-with(@class, 'tk-')][contains(., 'without')]")
    # the indentation inside a mod or subst is not the text's: "tha n t science" split the word
    line = page.xpath("//span[@class='tei-line'][contains(., 'science')]")[0]
    assert " ".join(line.text_content().split()) == "thant science enquiringasking as he went"
    changes = line.xpath(".//span[@class='tei-mod' or @class='tei-subst']")
    pairs = [m.xpath("string(del)") + "/" + m.xpath("string(ins)") for m in changes]
    assert pairs == ["n/t", "enquiring/asking"]
    # a cancelled deletion is in force: "hides", not "hi" struck; retrace and metamark as written
    line = page.xpath("//span[@class='tei-line'][contains(., 'des but')]")[0]
    assert " ".join(line.text_content().split()) == "hides but yards ^"
    assert not line.xpath(".//del") and line.xpath(".//span[@class='tei-del tk-restored']/text()") == ["hi"]
    assert [e.get("title") for e in line.xpath(".//span[@title]")] == [
        "deletion cancelled: smear_strikethrough", "strikethrough", "written over again: unclear, pbs",
        "mark: insert"]


def test_a_synopsis_names_the_witness_whose_reading_stands_in_the_text(built):
    # Konrad von Würzburg's synopsis: no lem; the text showed C's reading without saying so
    page = lxml_html.fromstring(_page(built["apparatus-synopsis"], "div-1.html"))
    entries = [" ".join(e.text_content().split()) for e in page.xpath("//*[@class='app-entry']")]
    assert entries == ["[nun hoeret ir werlt minner C; armer werlt minnaere D; om. G]",
                       "[vernement wol D]"]
    copies = page.xpath("//*[contains(@class, 'lemma-copy')]/text()")
    assert [c.strip() for c in copies] == ["nun hoeret ir werlt minner"]


def _epub_pages(folder: Path) -> str:
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as zf:
        return re.sub(r"<\?xml[^>]*\?>", "", " ".join(
            zf.read(n).decode() for n in zf.namelist() if n.startswith("EPUB/text/")))


def test_declared_characters_show_what_their_declaration_gives(built):
    # CBETA: an empty g pointing at its char showed nothing, a private-use one a blank box
    for text in (_page(built["glyphs"], "div-*.html"), _epub_pages(built["glyphs"])):
        page = lxml_html.fromstring(text)
        shown = [(g.text_content(), g.get("title")) for g in page.xpath("//span[@class='tei-g']")]
        assert shown == [
            ("銜", "CBETA CHARACTER CB03340; composition: [啣-止+山]; normalized form: 銜"),
            ("\U0002353B", "CBETA CHARACTER CB01269; composition: [木*突]"),  # mapping "U+2353B"
            ("[口*牙]", "CBETA CHARACTER CB09999; composition: [口*牙]"),
            ("啣", "CBETA CHARACTER CB03340; composition: [啣-止+山]; normalized form: 銜"),  # its own
            ("ꝛ", "LATIN SMALL LETTER R ROTUNDA"),
            ("", None)]
        assert "\U000F0D0C" not in text
        # a bracketed name is teikit's, not a word of the text
        assert page.xpath("//span[@class='tei-g']/span[@class='tk-generated']/text()") == ["[口*牙]"]
    said = [d.render() for d in SAID["glyphs"] if d.code == "render.glyph-undeclared"]
    assert len(said) == 1 and "1 empty <g>" in said[0] and "(char:abque)" in said[0]


def test_languages_written_from_right_to_left_are_set_so(built):
    # the Digital Syriac Corpus: a Syriac paragraph in an English edition was set flush left,
    # its closing stop drawn at its start, and said to be English
    for text in (_page(built["right-to-left"], "div-*.html"), _epub_pages(built["right-to-left"])):
        page = lxml_html.fromstring(text)
        assert page.xpath("//html/@dir") == []
        blocks = [(e.get("lang"), e.get("dir")) for e in page.xpath("//main//*[@lang] | //body//*[@lang]")]
        assert list(dict.fromkeys(blocks)) == [
            ("syr", "rtl"), ("en", "ltr"), ("syr-Latn", None), ("he", "rtl")]
        assert page.xpath("//*[@lang='he']//span[contains(@class, 'l-n')]/text()") == ["5"]


def test_an_edition_written_from_right_to_left_is_set_and_paged_so(tmp_path):
    edition = tmp_path / "he.xml"
    edition.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="he"><teiHeader><fileDesc><titleStmt>'
        "<title>ספר</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
        "</teiHeader><text><body><p>בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ"
        ' <foreign xml:lang="en">In the beginning</foreign></p></body></text></TEI>', encoding="utf-8")
    _, run = _build(edition, tmp_path / "out")
    assert run.committed
    page = lxml_html.parse(str(tmp_path / "out" / "html" / "body-1.html")).getroot()
    assert page.get("dir") == "rtl" and page.xpath("//i[@lang='en']/@dir") == ["ltr"]
    epub = next((tmp_path / "out").glob("*.epub"))
    with zipfile.ZipFile(epub) as zf:
        opf = etree.fromstring(zf.read("EPUB/package.opf"))
        body = etree.fromstring(zf.read("EPUB/text/body-1.xhtml"))
    assert opf.xpath("//*[local-name()='spine']/@page-progression-direction") == ["rtl"]
    assert body.get("dir") == "rtl"
    assert problems(epubcheck(epub)) == []


def test_many_images_refused_alike_are_said_in_one_warning(tmp_path):
    # Al-Muqtabas' facsimiles name 256 scans in ../images: 256 warnings, one hint each
    surfaces = "".join(f'<surface><graphic url="../images/scan-{i}.jpg"/></surface>' for i in range(5))
    edition = tmp_path / "ed" / "issue.xml"
    edition.parent.mkdir()
    edition.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Issue</title>'
        "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
        f"</teiHeader><facsimile>{surfaces}</facsimile><text><body><p>One page of a periodical, its"
        ' words and <figure><graphic url="../plate.jpg"/></figure> its plate.</p></body></text></TEI>',
        encoding="utf-8")
    _, run = _build(edition, tmp_path / "out")
    assert run.committed
    (said,) = [d for d in run.diagnostics if d.code == "render.image-outside"]
    assert said.message == ("6 images are not plain relative paths inside the edition's folder; none was "
                            "copied (e.g. ../images/scan-0.jpg, ../images/scan-1.jpg, ../images/scan-2.jpg)")
    assert said.line == 1 and said.hint


@pytest.mark.parametrize("fixture", [p.stem for p in FIXTURES])
def test_no_fixture_build_has_a_dead_link(built, fixture):
    """Every link the site and the EPUB of each feature fixture write leads to a file and
    anchor they hold (the build's link check, teikit.build.links, read them as it counted)."""
    assert [d.message for d in SAID[fixture] if d.code == "build.broken-link"] == []


@pytest.mark.parametrize("shape", ["list", "note", "table"])
def test_pages_deeper_than_256_levels_are_read_whole(tmp_path, shape):
    # a list 120 deep is an ol/li 360 deep in the page: past libxml2's default of 256 levels the
    # words below were cut off when the pages were read, reported lost, and the build refused
    opening, closing = {"list": ("<list><item>i ", "</item></list>"), "note": ("<note>n ", "</note>"),
                        "table": ("<table><row><cell>c ", "</cell></row></table>")}[shape]
    depth = {"list": 120, "note": 240, "table": 80}[shape]
    path = tmp_path / "deep.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Deep</title>'
        "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>"
        f"</teiHeader><text><body><div><head>h</head><p>{opening * depth}bottom{closing * depth}</p></div>"
        "</body></text></TEI>", encoding="utf-8")
    _, run = _build(path, tmp_path / "out")
    lost = [d for d in run.diagnostics if d.code in ("build.text-lost", "build.broken-link")]
    assert run.committed and not lost, [d.message for d in lost]
