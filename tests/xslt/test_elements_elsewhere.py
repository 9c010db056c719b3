"""Elements other editions use that were kept as unknown (session 14): each is rendered as a
reader expects, its words kept, and none is reported as unhandled (fixture
tests/fixtures/render/elements-elsewhere.xml; every word reaching the HTML and the EPUB, and
EPUBCheck, are asked of it by tests/build/test_preservation.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.edition import Edition
from tests.xslt.support import broken_links, build_text, page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "elements-elsewhere.xml"


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _built(tmp_path: Path):
    folder, diags = build_text(FIXTURE.read_text(encoding="utf-8"), tmp_path)
    return folder, diags


def test_none_of_them_is_reported_unhandled(tmp_path):
    _, diags = _built(tmp_path)
    assert [d.message for d in diags if d.code == "render.unhandled-element"] == []


def test_an_email_address_is_a_link_that_writes_to_it(tmp_path):
    folder, _ = _built(tmp_path)
    one = page(folder, "one.html")
    (link,) = one.xpath("//a[@class='tei-email']")
    assert link.get("href") == "mailto:editors@example.org" and link.text == "editors@example.org"
    # words that are no address stay words
    assert one.xpath("//span[@class='tei-email']")[0].text == "the editors at the office"


def test_a_generated_table_of_contents_lists_the_texts_units(tmp_path):
    folder, _ = _built(tmp_path)
    front = page(folder, "front-1.html")
    (gen,) = front.xpath("//div[contains(@class, 'tei-divGen')]")
    assert _text(gen.xpath(".//h2")[0]) == "Table of contents"
    # teikit's words (not counted as the text's), each a link to its page
    (toc,) = gen.xpath("ol[contains(@class, 'tk-generated')]")
    assert [(a.get("href"), _text(a)) for a in toc.xpath(".//a")] == [
        ("front-1.html", "Front matter"), ("one.html", "Writing and drawing"),
        ("two.html", "Speech and links"), ("back-4.html", "Back matter")]


def test_an_svg_drawing_is_drawn_unless_it_could_run_anything(tmp_path):
    folder, diags = _built(tmp_path)
    one = page(folder, "one.html")
    (drawn,) = one.xpath("//*[local-name() = 'svg']")  # the harmless drawing, the other not
    assert [etree.QName(el).localname for el in drawn.iter()] == ["svg", "title", "circle", "text"]
    assert drawn.xpath("ancestor::figure") and "radius" in _text(drawn)
    # the one holding a script: its words alone, no script, no handler; said why
    (kept,) = one.xpath("//span[@class='tei-svg']")
    assert _text(kept) == "alert(1) clickable"
    assert not one.xpath("//*[@onclick] | //script[not(@src)][contains(., 'alert')]")
    (warning,) = [d for d in diags if d.code == "render.image-unsafe"]
    assert "holds a <script> element" in warning.message and "Writing and drawing" in warning.message


def test_music_notation_shows_its_label_description_and_pointer(tmp_path):
    folder, _ = _built(tmp_path)
    (music,) = page(folder, "one.html").xpath("//span[@class='tei-notatedMusic']")
    assert _text(music) == "Example 1 opening.mei the opening bars in the violins"


def test_timelines_links_and_joins_show_nothing_but_keep_their_ids(tmp_path):
    folder, _ = _built(tmp_path)
    two = page(folder, "two.html")
    (timeline,) = two.xpath("//span[@class='tei-timeline']")
    assert timeline.get("hidden") is not None and timeline.xpath("span/@id") == ["t0", "t1"]
    assert not two.xpath("//*[contains(@class, 'tei-linkGrp') or contains(@class, 'tei-join')]")
    assert _text(two.xpath("//div[@class='tei-u']")[0]).endswith("Good morning.")


def test_a_plays_performance_prologue_and_epilogue_are_blocks(tmp_path):
    folder, _ = _built(tmp_path)
    front = page(folder, "front-1.html")
    assert _text(front.xpath("//div[@class='tei-performance']")[0]).startswith("First performed")
    assert front.xpath("//div[@class='tei-prologue']/div[@class='tei-sp']")
    (epilogue,) = page(folder, "back-4.html").xpath("//div[@class='tei-epilogue']")
    assert _text(epilogue) == "And so the play ends."


def test_the_epub_says_which_files_draw_svg(tmp_path):
    run = build_formats(Edition.load(FIXTURE), ["epub"], BuildSettings(exports_dir=tmp_path))
    assert run.committed
    with zipfile.ZipFile(tmp_path / "elements-elsewhere.epub") as book:
        opf = etree.fromstring(book.read("EPUB/package.opf"))
    items = {i.get("href"): i.get("properties") for i in opf.iter("{http://www.idpf.org/2007/opf}item")}
    assert items["text/one.xhtml"] == "svg" and items["text/two.xhtml"] is None


def test_every_link_resolves_or_is_one_a_reader_follows(tmp_path):
    folder, _ = _built(tmp_path)
    assert broken_links(folder) == []


def test_an_xinclude_in_the_header_is_built_and_said_unread(tmp_path):
    source = FIXTURE.parent.parent / "wild" / "header-xinclude.xml"
    folder, diags = build_text(source.read_text(encoding="utf-8"), tmp_path)
    (said,) = [d for d in diags if d.code == "render.xinclude-unread"]
    assert said.message.startswith("1 teiHeader part(s) are included from other files with XInclude "
                                   "(encoding-desc.xml)")
    assert [p.name for p in folder.glob("*.html") if "Ἰητρῶι" in p.read_text(encoding="utf-8")]
