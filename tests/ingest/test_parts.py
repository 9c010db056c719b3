"""Parts holding chapters ([parts] of book.toml, docs/ingest.md "Parts that hold chapters"):
a novel's books, a play's acts holding scenes, chapters numbered afresh in each part.

Fixtures: ``masque`` (an invented play: acts, scenes, a scene heading wrapped onto a second
line, the old Project Gutenberg "small print" before it) and ``wharf`` (an invented
translated novel in books with a contents list, see also tests/ingest/test_distributor.py).
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
from teikit.ingest.context import SourceText
from teikit.ingest.source import book_bounds
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
TEI = "{http://www.tei-c.org/ns/1.0}"
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def xp(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NSMAP)


@pytest.fixture(scope="module", params=["masque", "wharf"])
def book(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, object]:
    name = request.param
    ctx = api.ingest(FIXTURES / name / "source.txt", FIXTURES / name / "editorial")
    assert not [d for d in ctx.diagnostics if d.severity is Severity.ERROR], [str(d) for d in ctx.diagnostics]
    out = tmp_path_factory.mktemp(name) / f"{name}.xml"
    pipeline.write(ctx, out)
    return name, out, ctx


def test_valid_and_clean(book: tuple) -> None:
    _, out, _ = book
    for schema in ("teikit", "tei_all"):
        report = api.validate([out], schema=schema)
        assert report.files and report.errors == 0, [str(d) for d in report.diagnostics]
    result = api.check([out])
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO], \
        [str(d) for d in result.diagnostics]


def test_every_word_of_the_book_reaches_the_text(book: tuple) -> None:
    name, out, ctx = book
    source = FIXTURES / name / "source.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    begin, end = book_bounds(SourceText(source, lines), ctx.book)
    words = Counter(_TOKEN.findall("\n".join(lines[begin:end])))
    encoded = Counter(_TOKEN.findall(" ".join(etree.parse(str(out)).getroot().find(TEI + "text").itertext())))
    assert words == encoded


def test_a_play_in_acts_and_scenes() -> None:
    ctx = api.ingest(FIXTURES / "masque" / "source.txt", FIXTURES / "masque" / "editorial")
    body = ctx.root.find(f"{TEI}text/{TEI}body")
    assert [(d.get("type"), d.get("{http://www.w3.org/XML/1998/namespace}id")) for d in body] == [
        ("act", "act1"), ("act", "act2")]
    assert xp(body, "tei:div[1]/tei:div/@xml:id") == ["act1-sc01", "act1-sc02"]
    assert xp(body, "tei:div[2]/tei:div/@xml:id") == ["act2-sc01"]
    assert xp(body, "tei:div[1]/tei:head/text()") == ["ACT I."]
    scene = xp(body, "tei:div[1]/tei:div[1]")[0]
    assert scene.get("type") == "scene" and scene.get("n") == "1"
    # the scene heading wrapped onto a second line is one head
    assert xp(scene, "tei:head[not(@type)]/text()") == [
        "A Hall in the Palace, with a gate leading to the garden."]
    # a speech ([speeches]): its speaker and its lines (tests/ingest/test_speeches.py)
    assert xp(scene, "tei:sp[1]/tei:l/text()") == ["Where is the music?", "It was promised at the hour."]
    # what comes before the first act is the title pages (the persons represented)
    assert "Persons Represented" in "".join(xp(ctx.root, "//tei:div[@type='titlepage']//text()"))
    counts = pipeline.summary(ctx)
    assert counts["chapters"] == 3 and counts["parts"] == 2


def test_a_novel_in_books_listed_in_its_contents() -> None:
    ctx = api.ingest(FIXTURES / "wharf" / "source.txt", FIXTURES / "wharf" / "editorial")
    body = ctx.root.find(f"{TEI}text/{TEI}body")
    assert xp(body, "tei:div/@xml:id") == ["book1", "book2"]
    assert xp(body, "tei:div/@type") == ["book", "book"]
    assert xp(body, "tei:div[1]/tei:div/@xml:id") == ["book1-ch01", "book1-ch02"]
    assert xp(body, "tei:div[2]/tei:div/@xml:id") == ["book2-ch01"]
    assert xp(body, "tei:div[2]/tei:div/tei:head/text()") == ["I.", "The Tide"]
    # the contents list points at the books and at each book's own chapters
    assert xp(ctx.root, "//tei:div[@type='contents']//tei:ref/@target") == [
        "#book1", "#book1-ch01", "#book1-ch02", "#book2", "#book2-ch01"]
    # it ended where the text repeats its first entry (no [contents] ends_before)
    assert xp(body, "tei:div[1]/tei:head/text()") == ["Book the First--Arrival"]


def test_a_part_with_its_title_on_the_next_line_and_label_only_chapters(tmp_path: Path) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(
        '[pages]\nmarker = ""\n[contents]\nheading = ""\n[parts]\nheading = \'PART (?P<n>[IVX]+)\'\n'
        'titled = true\n[chapters]\nlabel = "{roman}"\nopens = "label"\ntitled = false\n'
        '[paragraphs]\nwrapped = true\n', encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text(
        (FIXTURES / "masque" / "editorial" / "edition.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.txt").write_text(
        "THE NOTES\n\nPART I\n\nBelow\n\n  *A note on the part.\n\nI\n\nOne.\n\n...\n\nStill one.\n\n"
        "II\n\nTwo.\n\n"
        "PART II\n\nAbove\n\nI\n\nThree.\n", encoding="utf-8")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    body = ctx.root.find(f"{TEI}text/{TEI}body")
    assert xp(body, "tei:div[1]/tei:head/text()") == ["PART I", "Below"]
    # the part's own text comes before its chapters (a div's paragraphs precede its divisions)
    assert [etree.QName(el).localname for el in body[0]] == ["head", "head", "p", "div", "div"]
    assert xp(body, "tei:div[1]/tei:div/@xml:id") == ["part1-ch01", "part1-ch02"]
    # a line of dots is text, not a chapter whose label is missing
    assert xp(body, "tei:div[1]/tei:div[1]/tei:p/text()") == ["One.", "...", "Still one."]
    assert xp(body, "tei:div[2]/tei:div/@xml:id") == ["part2-ch01"]
    assert not [d for d in ctx.diagnostics if d.code == "ingest.label-supplied"]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[parts]\ntype = \"act\"\n", 1, "the pattern of a part's heading line"),
    ("[parts]\nheading = 'ACT'\ntype = \"scene\"\n", 3, "type must be one of part, book, volume, act"),
    ("[parts]\nheading = 'ACT'\nid = \"act {n}\"\n", 3, "is not a valid xml:id"),
    ("[chapters]\ntype = \"act\"\n", 2, "type must be one of chapter, scene"),
])
def test_parts_keys_are_checked(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        book_file.load(tmp_path)
    assert words in info.value.message, info.value.message
    assert info.value.line == line


def test_parts_within_parts(tmp_path: Path) -> None:
    """[[parts]], outermost first: a part holds books, a book holds chapters; the contents list
    prints "Part I" where the text prints "PART I"; an epilogue is a part of its own, counted."""
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(
        '[pages]\nmarker = ""\n[contents]\nheading = "CONTENTS"\nends_before = ["PART I"]\n'
        "[[parts]]\nheading = '(?i)part (?P<n>[IVX]+)|epilogue'\n"
        "[[parts]]\nheading = 'Book (?P<n>[IVX]+)\\. (?P<title>.+)'\ntype = \"book\"\nid = \"book{n}\"\n"
        "[chapters]\ncontents = 'Chapter (?P<n>[IVX]+)\\. (?P<title>.+)'\n"
        "heading = '(?P<label>Chapter (?P<n>[IVX]+)\\.) (?P<title>.+)'\n", encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text(
        (FIXTURES / "masque" / "editorial" / "edition.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.txt").write_text(
        "THE BROTHERS\n\nCONTENTS\n\nPart I\nBook I. Family\nChapter I. Father\nChapter II. Son\n"
        "Book II. Gathering\nChapter I. Monastery\nPart II\nBook III. Boys\nChapter I. Kolya\n"
        "Epilogue\nChapter I. Escape\n\n"
        "PART I\n\nBook I. Family\n\nChapter I. Father\n\nOne.\n\nChapter II. Son\n\nTwo.\n\n"
        "Book II. Gathering\n\nChapter I. Monastery\n\nThree.\n\n"
        "PART II\n\nBook III. Boys\n\nChapter I. Kolya\n\nFour.\n\n"
        "EPILOGUE\n\nChapter I. Escape\n\nFive.\n", encoding="utf-8")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    body = ctx.root.find(f"{TEI}text/{TEI}body")
    assert xp(body, "tei:div/@xml:id") == ["part1", "part2", "part3"]
    assert xp(body, "tei:div[1]/tei:div/@xml:id") == ["book1", "book2"]
    assert xp(body, "tei:div[1]/tei:div[1]/tei:div/@xml:id") == ["book1-ch01", "book1-ch02"]
    assert xp(body, "tei:div[1]/tei:div[2]/tei:div/@xml:id") == ["book2-ch01"]
    assert xp(body, "tei:div[2]/tei:div/tei:div/@xml:id") == ["book3-ch01"]
    # the epilogue: the third part (counted), holding its chapter directly
    assert xp(body, "tei:div[3]/tei:head/text()") == ["EPILOGUE"]
    assert xp(body, "tei:div[3]/tei:div/@xml:id") == ["part3-ch01"]
    assert xp(ctx.root, "//tei:div[@type='contents']//tei:ref/@target") == [
        "#part1", "#book1", "#book1-ch01", "#book1-ch02", "#book2", "#book2-ch01", "#part2", "#book3",
        "#book3-ch01", "#part3", "#part3-ch01"]
    assert pipeline.summary(ctx)["parts"] == 6
