"""A printed index read entry by entry ([[back]] kind = "entries", docs/ingest.md "An index
read entry by entry"): locators linked to the pages the source marks, ranges, sub-entries,
letter heads, cross-references, and an index of persons whose entries become the
personography the persons pass links the text's mentions to.

Fixture: ``almanac`` (an invented paged book with an index of subjects and one of persons).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from teikit import api
from teikit.diagnostics import Severity
from teikit.errors import InputError
from teikit.ingest import book as book_file
from teikit.ingest import pipeline
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
ALMANAC = FIXTURES / "almanac"
TEI = "{http://www.tei-c.org/ns/1.0}"


def xp(el: etree._Element, path: str) -> list:
    return el.xpath(path, namespaces=NSMAP)


@pytest.fixture(scope="module")
def almanac(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    ctx = api.ingest(ALMANAC / "source.txt", ALMANAC / "editorial")
    out = tmp_path_factory.mktemp("almanac") / "almanac.xml"
    pipeline.write(ctx, out)
    return out, ctx


def test_valid_and_clean(almanac: tuple) -> None:
    out, _ = almanac
    for schema in ("teikit", "tei_all"):
        report = api.validate([out], schema=schema)
        assert report.files and report.errors == 0, [str(d) for d in report.diagnostics]
    result = api.check([out])
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO], \
        [str(d) for d in result.diagnostics]


def test_every_word_of_the_index_reaches_the_text(almanac: tuple) -> None:
    out, _ = almanac
    lines = (ALMANAC / "source.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("Index of Subjects", 20)
    printed = "\n".join(line for line in lines[start:] if "--" not in line)  # not the page markers
    words = Counter(re.findall(r"[A-Za-z0-9]+", printed))
    index = xp(etree.parse(str(out)).getroot(), "//tei:back")[0]
    assert Counter(re.findall(r"[A-Za-z0-9]+", " ".join(index.itertext()))) == words


def test_locators_point_at_the_pages_the_source_marks(almanac: tuple) -> None:
    _, ctx = almanac
    boats = xp(ctx.root, "//tei:item[@xml:id='subjects-boats']")[0]
    # "Boats, 2-3, 9": a range linked to both pages; page 9 is not in the book: kept as printed
    assert [(r.get("type"), r.get("target"), r.text) for r in boats.findall(TEI + "ref")] == [
        ("range", "#p2 #p3", "2-3")]
    assert "".join(boats.itertext()).startswith("Boats, 2-3, 9")
    unlinked = [d for d in ctx.diagnostics if d.code == "ingest.locator-unlinked"]
    assert len(unlinked) == 1 and unlinked[0].severity is Severity.WARNING and "1 page locators" in \
        unlinked[0].message
    # a sub-entry, its locator in brackets linked to a page of the index itself
    assert xp(boats, "tei:list/tei:item/@xml:id") == ["subjects-boats-cutters", "subjects-boats-yawls"]
    assert xp(boats, "tei:list/tei:item[2]/tei:ref/@target") == ["#p4"]
    # a letter alone on its line heads its group
    assert xp(ctx.root, "//tei:div[@xml:id='subjects']/tei:list/tei:head/text()") == ["A", "B", "C"]
    # a cross-reference points at the entry it names
    assert xp(ctx.root, "//tei:item[@xml:id='subjects-cutter']/tei:ref/@target") == ["#subjects-boats"]


def test_an_index_of_persons_is_the_personography(almanac: tuple) -> None:
    _, ctx = almanac
    persons = xp(ctx.root, "//tei:standOff/tei:listPerson/tei:person")
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in persons] == [
        "pers-hale-captain", "pers-hale-mrs", "pers-orme-daniel"]
    # a title the data lists is a roleName, other words after the comma forenames; "(pilot)" a note
    assert xp(persons[0], "tei:persName/tei:roleName/text()") == ["Captain"]
    assert xp(persons[0], "tei:note[@type='index']/text()") == ["pilot"]
    assert xp(persons[2], "tei:persName/tei:forename/text()") == ["Daniel"]
    # "Ormie, see Orme": another name of Orme's, linked to him, no person of its own
    ormie = xp(ctx.root, "//tei:item[@xml:id='names-ormie']")[0]
    assert xp(ormie, "tei:term/tei:persName/@ref") == ["#pers-orme-daniel"]
    # the subjects are no persons
    assert not xp(ctx.root, "//tei:div[@xml:id='subjects']//tei:persName")


def test_the_text_mentions_are_linked_with_the_index_pages(almanac: tuple) -> None:
    _, ctx = almanac
    body = xp(ctx.root, "//tei:body")[0]
    mentions = [(p.text, p.get("ref")) for p in body.iter(TEI + "persName")]
    # "Hale" alone on page 2 may be either Hale: the index lists only the captain on that page
    assert mentions == [("Captain Hale", "#pers-hale-captain"), ("Mrs. Hale", "#pers-hale-mrs"),
                        ("Hale", "#pers-hale-captain"), ("Orme", "#pers-orme-daniel"),
                        ("Orme", "#pers-orme-daniel")]


def test_an_unpaged_book_keeps_its_locators_as_printed(tmp_path: Path) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(
        '[pages]\nmarker = ""\n[contents]\nheading = ""\n[[back]]\nheadings = ["INDEX"]\nkind = "entries"\n'
        'id = "index"\n', encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text(
        '[edition]\nidno = "t"\ndate = "2026-12-06"\n[rights]\ntext = "PD"\nlicence = "CC0"\n'
        '[author]\nsurname = "Grey"\n[source]\ntitle = "T"\npublisher = "P"\ndate = "1901"\n',
        encoding="utf-8")
    (tmp_path / "s.txt").write_text("T\n\n1.\n\nOne.\n\nINDEX\n\n  Boats, 12, 14-15\n  Oars, see Boats\n",
                                    encoding="utf-8")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    div = xp(ctx.root, "//tei:div[@xml:id='index']")[0]
    assert "".join(div.itertext()) == "INDEXBoats, 12, 14-15Oars, see Boats"
    assert not xp(div, ".//tei:ref[@type]")
    unlinked = [d for d in ctx.diagnostics if d.code == "ingest.locator-unlinked"]
    assert len(unlinked) == 1 and unlinked[0].severity is Severity.INFO
    assert "2 page locators" in unlinked[0].message and "marks no printed pages" in unlinked[0].message


@pytest.mark.parametrize(("text", "line", "words"), [
    ('[[back]]\nheadings = ["I"]\nkind = "text"\nid = "i"\nnames = "persons"\n', 5, "kind \"entries\""),
    ('[[back]]\nheadings = ["I"]\nkind = "entries"\nid = "i"\nnames = "places"\n', 5, "names must be"),
    ('[[back]]\nheadings = ["I"]\nkind = "entries"\nid = "i"\ntype = "appendix"\n', 5,
     "only tables and texts"),
])
def test_entries_keys_are_checked(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        book_file.load(tmp_path)
    assert words in info.value.message, info.value.message
    assert info.value.line == line
