"""A play's speeches and stage directions ([speeches] of book.toml, docs/ingest.md "Parts
that hold chapters"): a speaker's line opens an ``sp``, the lines after it are its ``l``,
a bracketed direction is a ``stage`` (in the speech or between speeches), lines after a
blank line continue the speech. Fixture: ``masque``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import api
from teikit.errors import InputError
from teikit.ingest import book as book_file
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
TEI = "{http://www.tei-c.org/ns/1.0}"


def xp(el: etree._Element, path: str) -> list:
    return el.xpath(path, namespaces=NSMAP)


def _scene() -> etree._Element:
    ctx = api.ingest(FIXTURES / "masque" / "source.txt", FIXTURES / "masque" / "editorial")
    return xp(ctx.root, "//tei:div[@xml:id='act1-sc01']")[0]


def test_speeches_and_stage_directions() -> None:
    scene = _scene()
    assert [etree.QName(el).localname for el in scene] == ["head", "head", "stage", "sp", "sp"]
    assert xp(scene, "tei:stage/text()") == ["[Enter Orso and Lina.]"]
    orso, lina = xp(scene, "tei:sp")
    assert xp(orso, "tei:speaker/text()") == ["ORSO."]
    assert xp(orso, "tei:l/text()") == ["Where is the music?", "It was promised at the hour."]
    # a direction wrapped over two lines inside the speech is one stage; the lines after a blank
    # line continue the speech; the closing direction belongs to it
    assert [(etree.QName(el).localname, "".join(el.itertext())) for el in lina] == [
        ("speaker", "LINA."), ("l", "It comes, my lord."), ("stage", "[Music, and enter Masquers.]"),
        ("l", "Look, they are here."), ("l", "And they will dance."), ("stage", "[Exeunt.]")]


def test_prose_speeches_are_paragraphs(tmp_path: Path) -> None:
    editorial = tmp_path / "ed"
    editorial.mkdir()
    toml = (FIXTURES / "masque" / "editorial" / "book.toml").read_text(encoding="utf-8") + "verse = false\n"
    (editorial / "book.toml").write_text(toml, encoding="utf-8")
    (editorial / "edition.toml").write_text(
        (FIXTURES / "masque" / "editorial" / "edition.toml").read_text(encoding="utf-8"), encoding="utf-8")
    ctx = api.ingest(FIXTURES / "masque" / "source.txt", editorial)
    orso = xp(ctx.root, "//tei:div[@xml:id='act1-sc01']/tei:sp[1]")[0]
    assert xp(orso, "tei:p/text()") == ["Where is the music?", "It was promised at the hour."]
    assert len(xp(orso, "tei:p")) == 1 and len(xp(orso, "tei:p/tei:lb")) == 1


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[speeches]\nstage = 'x'\n", 1, "the pattern of a speaker's line"),
    ("[speeches]\nspeaker = 'X'\nverse = 1\n", 3, "expected true or false"),
    ("[speeches]\nspeaker = 'X'\nspeakers = 'Y'\n", 3, "unknown key"),
])
def test_speeches_keys_are_checked(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        book_file.load(tmp_path)
    assert words in info.value.message, info.value.message
    assert info.value.line == line
