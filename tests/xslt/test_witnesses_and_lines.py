"""TEI by others, session 15 (fixture tests/fixtures/render/witnesses-and-lines.xml): where a
fragmentary witness begins or ends, a witness's detail given by its type alone, a stanza's
number, a number given by its value alone, a play's prose numbered line by line and a role's
description reach the reader; none of them is reported unhandled."""

from __future__ import annotations

import zipfile
from pathlib import Path

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.edition import Edition
from tests.xslt.support import build_text, norm, page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "witnesses-and-lines.xml"


def _built(tmp_path: Path):
    return build_text(FIXTURE.read_text(encoding="utf-8"), tmp_path)


def _entries(folder: Path) -> list[str]:
    return [norm(e.text_content()) for e in page(folder, "critical.html").xpath("//span[@class='app-entry']")]


def test_where_a_witness_begins_ends_or_breaks_off_is_said_in_its_entry(tmp_path):
    # The Patristic Text Archive: <rdg wit="#160"><witEnd/>ὄψονται</rdg> gave "[ὄψονται 160]"
    folder, diags = _built(tmp_path)
    assert _entries(folder)[:4] == [
        "[words F (text begins)]",
        "[middle A; medial F (lacuna begins)]",
        "[again; anew F (lacuna ends)]",
        "[gone F (text ends)]",
    ]
    assert not [d for d in diags if d.code == "render.unhandled-element"]


def test_the_text_keeps_the_edition_s_words_and_says_the_event_on_hover(tmp_path):
    folder, _ = _built(tmp_path)
    doc = page(folder, "critical.html")
    lemmas = [norm(e.text_content()) for e in doc.xpath("//span[@class='app-lemma']")]
    assert lemmas[:4] == ["words", "middle", "again", "gone"]
    (mark,) = doc.xpath("//span[@class='app-lemma']/span[@class='tei-witEnd']")
    assert mark.get("title") == "F text ends" and mark.text is None


def test_what_kind_of_variant_a_reading_is_is_said_on_hover(tmp_path):
    # the Patristic Text Archive: rdg type="transposition", cause="orthographic"
    folder, _ = _built(tmp_path)
    readings = page(folder, "critical.html").xpath("//span[contains(@class, 'app-reading')][@title]")
    assert [(norm(r.text_content()), r.get("title")) for r in readings] == [
        ("anew F (lacuna ends)", "transposition, orthographic")]


def test_a_witness_detail_of_no_words_shows_its_type(tmp_path):
    # DHARMA: <witDetail wit="#msNa" type="ac"/> showed the siglum followed by nothing
    folder, _ = _built(tmp_path)
    assert _entries(folder)[4] == "[spoken A; said F; A ac]"


def test_a_numbered_stanza_shows_its_number_unless_headed(tmp_path):
    folder, _ = _built(tmp_path)
    doc = page(folder, "critical.html")
    numbers = doc.xpath("//div[contains(@class, 'tei-lg')]/span[@class='lg-n tk-generated']")
    assert [n.text for n in numbers] == ["2"]
    assert numbers[0].get("aria-hidden") == "true"


def test_a_label_in_a_verse_line_reads_on_with_it(tmp_path):
    # DHARMA's Amaramālā: <l><label type="headword">sakhī-nāma ||</label> sakhī …</l> broke the line
    folder, _ = _built(tmp_path)
    (line,) = page(folder, "critical.html").xpath("//div[@class='tei-l'][contains(., 'numbered two')]")
    assert [(c.tag, c.get("class")) for c in line] == [("span", "tei-label type-headword")]
    assert norm(line.text_content()) == "sakhī-nāma || A stanza numbered two,"


def test_a_number_given_by_its_value_alone_shows_the_value(tmp_path):
    # DHARMA: <num value="930"/> śaka read "śaka", the year nowhere
    folder, _ = _built(tmp_path)
    doc = page(folder, "critical.html")
    nums = doc.xpath("//span[@class='tei-num']")
    assert [norm(n.text_content()) for n in nums] == ["930", "937"]
    assert nums[0].xpath("span/@class") == ["tk-generated"] and not nums[1].xpath("span")


def test_prose_of_a_speech_is_numbered_with_the_play_s_lines(tmp_path):
    # WordHoard's Hamlet: verse lines showed 45, 50, 55; prose line 50 showed nothing
    folder, _ = _built(tmp_path)
    doc = page(folder, "play.html")
    shown = doc.xpath("//div[@class='tei-sp']//span[@class='l-n tk-generated']")
    assert [(n.getparent().get("class"), n.text) for n in shown] == [("p tei-ab", "50")]


def test_a_role_and_its_description_are_parted_by_a_comma_once(tmp_path):
    # WordHoard's cast list read "Claudius king of Denmark"; DraCor's writes its own comma
    folder, _ = _built(tmp_path)
    items = page(folder, "play.html").xpath("//div[contains(@class, 'tei-castItem')]")
    assert [norm(i.text_content()) for i in items] == [
        "Claudius, king of Denmark", "Hamlet, son to the late king"]
    assert items[0].xpath("span[@class='tk-generated']/text()") == [","]


def test_the_epub_says_the_same(tmp_path):
    run = build_formats(Edition.load(FIXTURE), ["epub"], BuildSettings(exports_dir=tmp_path))
    assert run.committed
    with zipfile.ZipFile(tmp_path / "witnesses-and-lines.epub") as book:
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "(text begins)" in text and 'class="lg-n tk-generated"' in text and ">930<" in text
