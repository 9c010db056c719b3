"""A distributor's header read into the teiHeader ([distributor] of book.toml, docs/ingest.md
"The distributor's header"): title and subtitle, author, translator, the e-book's number,
address and dates in the sourceDesc, and where the header and licence lie, not encoded but
recorded. Fixture: ``wharf`` (an invented translated novel as Project Gutenberg prints one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import api
from teikit.errors import InputError
from teikit.ingest import book as book_file
from teikit.ingest import distributor
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _wharf():
    return api.ingest(FIXTURES / "wharf" / "source.txt", FIXTURES / "wharf" / "editorial")


def xp(el, path: str) -> list:
    return el.xpath(path, namespaces=NSMAP)


def test_the_header_fields_fill_the_title_statement() -> None:
    root = _wharf().root
    ts = xp(root, "//tei:titleStmt")[0]
    assert xp(ts, "tei:title[@type='main']/text()") == ["The Wharf"]
    assert xp(ts, "tei:title[@type='sub']/text()") == ["A Story of Two Harbours"]  # the indented line
    assert xp(ts, "tei:author/tei:persName/tei:surname/text()") == ["Marten"]
    # edition.toml names neither: the translator comes from the header's Translator line
    assert xp(ts, "tei:respStmt[tei:resp='Translation']/tei:persName/tei:forename/text()") == ["Henry"]
    assert xp(ts, "tei:respStmt[tei:resp='Translation']/@xml:id") == ["cole"]


def test_the_ebook_is_described_in_the_source_description() -> None:
    root = _wharf().root
    ebook = xp(root, "//tei:sourceDesc/tei:biblStruct[@xml:id='source-ebook']")[0]
    assert ebook.get("type") == "ebook"
    assert xp(ebook, "tei:monogr/tei:idno[@type='ebook']/text()") == ["90001"]
    assert xp(ebook, "tei:monogr/tei:idno[@type='URI']/text()") == ["https://www.gutenberg.org/ebooks/90001"]
    assert xp(ebook, "tei:monogr/tei:imprint/tei:publisher/text()") == ["Project Gutenberg"]
    # "March 3, 2001 [EBook #90001]": the date as printed, its ISO form, the number left out
    assert [(d.text, d.get("when"), d.get("type")) for d in xp(ebook, "tei:monogr/tei:imprint/tei:date")] == [
        ("March 3, 2001", "2001-03-03", None), ("May 5, 2019", "2019-05-05", "updated")]
    assert xp(ebook, "tei:monogr/tei:editor[@role='translator']/tei:persName/tei:surname/text()") == ["Cole"]
    # the print source stays the first description (from edition.toml), the e-book beside it
    assert xp(root, "//tei:sourceDesc/tei:biblStruct/@xml:id") == ["source-print", "source-ebook"]


def test_the_header_and_licence_are_recorded_not_encoded() -> None:
    ctx = _wharf()
    notes = {n.get("type"): n.text for n in xp(ctx.root, "//tei:biblStruct[@xml:id='source-ebook']/tei:note")}
    assert "lines 1-21 of the source file" in notes["header"] and "81 words" in notes["header"]
    assert "lines 83-87 of the source file, 29 words" in notes["licence"]
    assert "'*** END OF THE PROJECT GUTENBERG EBOOK THE WHARF ***'" in notes["licence"]
    text = " ".join(xp(ctx.root, "//tei:text//text()"))
    assert "General Terms of Use" not in text and "Release Date" not in text
    decl = " ".join(xp(ctx.root, "//tei:editorialDecl/tei:normalization/tei:p/text()"))
    assert "lines 1-21 (81 words) before the book and lines 83-87 (29 words) after it" in decl
    assert "Project Gutenberg's header and licence" in decl
    # no page markers: the generic statement says so, rather than speak of 'Page N' lines
    assert "records no printed pages" in decl


def test_an_old_header_without_fields_is_said(tmp_path: Path) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(
        '[source]\nstart = "START"\n[pages]\nmarker = ""\n[contents]\nheading = ""\n'
        '[distributor]\nname = "A Distributor"\nnumber = \'Etext #(?P<n>[0-9]+)\'\n', encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text(
        (FIXTURES / "masque" / "editorial" / "edition.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.txt").write_text("The Masque\nNovember, 1998 [Etext #1533]\nSTART\n\n1.\n\nText.\n",
                                    encoding="utf-8")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert [d.code for d in ctx.diagnostics if d.code == "ingest.distributor-fields"] == [
        "ingest.distributor-fields"]
    ebook = xp(ctx.root, "//tei:biblStruct[@xml:id='source-ebook']")[0]
    assert xp(ebook, "tei:monogr/tei:idno/text()") == ["1533"]
    assert xp(ebook, "tei:monogr/tei:title/text()") == ["The Masque"]  # edition.toml's
    assert "holds no Key: Value fields" in xp(ebook, "tei:note[@type='header']/text()")[0]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[distributor]\nname = \"PG\"\n", 2, "set [source] start"),
    ("[source]\nstart = 'S'\n[distributor]\nurl = \"x\"\n", 3, "who distributes the e-book"),
    ("[source]\nstart = 'S'\n[distributor]\nname = \"PG\"\nnumber = '#[0-9]+'\n", 5, "a group named 'n'"),
    ("[source]\nstart = 'S'\n[distributor]\nname = \"PG\"\nurl = \"{id}\"\n", 5, "may use {n} only"),
])
def test_distributor_keys_are_checked(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        book_file.load(tmp_path)
    assert words in info.value.message, info.value.message
    assert info.value.line == line


@pytest.mark.parametrize(("text", "iso"), [
    ("March 28, 2006", "2006-03-28"), ("July, 1996", "1996-07"), ("January 1994", "1994-01"),
    ("1996", "1996"), ("Sometime", None), ("February 30, 2001", None), (None, None)])
def test_header_dates(text: str | None, iso: str | None) -> None:
    assert distributor.iso_date(text) == iso


def test_names_are_printed_forename_first() -> None:
    assert distributor.person("Louise and Aylmer Maude") == ("Maude", "Louise and Aylmer")
    assert distributor.person("Voltaire") == ("Voltaire", "")


def test_an_old_header_names_title_and_author_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(
        '[source]\nstart = "START"\n[pages]\nmarker = ""\n[contents]\nheading = ""\n'
        '[distributor]\nname = "A Distributor"\n'
        "title_line = 'Project Gutenberg Etext of (?P<title>.+?) by (?P<author>.+)'\n", encoding="utf-8")
    # edition.toml: author Anne Invented, title The Masque
    (tmp_path / "ed" / "edition.toml").write_text(
        (FIXTURES / "masque" / "editorial" / "edition.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.txt").write_text("Project Gutenberg Etext of The Revels by Invented\n\n"
                                    "Title: \nSTART\n\n1.\n\nText.\n", encoding="utf-8")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    ts = xp(ctx.root, "//tei:titleStmt")[0]
    assert xp(ts, "tei:title[@type='main']/text()") == ["The Revels"]  # the header's, not edition.toml's
    # the header names the author by surname alone: edition.toml's forename for that surname
    assert xp(ts, "tei:author/tei:persName/tei:forename/text()") == ["Anne"]
    assert not [d for d in ctx.diagnostics if d.code == "ingest.distributor-fields"]
