"""book.toml: an edition's layout read and checked, every mistake named by file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import paths
from teikit.errors import InputError
from teikit.ingest import book


def _load(tmp_path: Path, text: str) -> book.Book:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    return book.load(tmp_path)


def test_the_memoirs_layout() -> None:
    layout = book.load(paths.EDITORIAL_DIR)
    assert [b.id for b in layout.back] == ["congresses", "notes", "bibliography", "index"]
    assert [b.kind for b in layout.back] == ["table", "notes", "bibliography", "index"]
    assert layout.chapters.id_of(7) == "ch07" and layout.chapters.label_of(7) == "7."
    assert layout.chapters.notes_heading_of(17) == "Chapter Seventeen"
    assert layout.division("Postscript").id == "postscript"
    assert layout.page("Page xiv") == "xiv" and layout.page("Page 12a") is None
    assert layout.years == (1700, 1999)


def test_no_file_gives_defaults_that_name_no_book(tmp_path: Path) -> None:
    layout = book.load(tmp_path)
    assert layout.back == () and layout.divisions == ()
    assert layout.contents_heading == "Contents" and layout.page("Page 3") == "3"
    assert layout.chapters.id_of(3) == "ch03" and layout.chapters.notes_heading_of(3) == "Chapter 3"


def test_roman_and_word_templates(tmp_path: Path) -> None:
    layout = _load(tmp_path, """
[chapters]
contents = '(?P<n>[IVXLC]+)\\. (?P<title>.+)'
label = "Chapter {roman}"
id = "chap{n}"
notes_heading = "Notes to Chapter {word}"
number_words = ["One", "Two"]
""")
    assert layout.chapters.label_of(4) == "Chapter IV" and layout.chapters.id_of(4) == "chap4"
    assert layout.section_id("Notes to Chapter Two") == "chap2"
    assert layout.chapters.notes_heading_of(3) is None  # no word for three
    assert book.number("XIV") == 14 and book.number("iv") == 4 and book.number("IIII") is None


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[chapters]\nid = 3\n", 2, "chapters.id: expected a string"),
    ("[chapters]\nlabel = \"{n}.\"\nargument = \"yes\"\n", 3, "chapters.argument: expected true or false"),
    ("[chapters]\ncontents = '([0-9]+)'\n", 2, "a group named 'n'"),
    ("[chapters]\ncontents = '(?P<n>[0-9]+'\n", 2, "not a valid regular expression"),
    ("[chapters]\nid = \"{chapter}\"\n", 2, "{n}, {n:02}, {roman} and {word} only"),
    ("[chapters]\nid = \"1-{n}\"\n", 2, "not a valid xml:id"),
    ("[chapters]\nnotes_heading = \"Chapter {word}\"\n", 1, "number_words is empty"),
    ("[pages]\nmarker = 'Page (\\d+)'\n", 2, "a group named 'n'"),
    ("[contents]\nheadng = \"Contents\"\n", 2, "contents.headng: unknown key"),
    ("\n[[division]]\nheadings = [\"Preface\"]\ntype = \"preface\"\nid = \"preface\"\n\n"
     "[[division]]\nheadings = \"Foreword\"\ntype = \"preface\"\nid = \"fw\"\n", 8,
     "division.headings: expected an array"),
    ("[[division]]\nheadings = [\"Foreword\"]\nid = \"fw\"\n", 1, "division.type: missing"),
    ("[[division]]\nheadings = [\"Foreword\"]\ntype = \"preface\"\nid = \"fw\"\npart = \"back\"\n", 5,
     "part must be one of front, body"),
    ("[[back]]\nheadings = [\"Notes\"]\nkind = \"endnotes\"\n", 3, "kind must be one of"),
    ("[[back]]\nheadings = [\"Notes\"]\nkind = \"notes\"\ntype = \"appendix\"\n", 4,
     "only tables and texts take a type"),
    ("[[back]]\nheadings = [\"Notes\"]\nkind = \"notes\"\n[[back]]\nheadings = [\"More notes\"]\n"
     "kind = \"notes\"\n", 6, "a second region of kind 'notes'"),
    ("[dates]\nyears = [1750, 1999]\n", 2, "start of a century"),
    ("[dates]\nyears = 1999\n", 2, "dates.years: expected an array"),
    ("[bibliography]\nplace_qualifiers = [\"Ohio\", 3]\n", 2, "expected an array of strings"),
    ("[chapters\nid = 1\n", 1, "not valid TOML"),
    ("chapters = 3\n", 1, "chapters: expected a table"),
])
def test_mistakes_name_file_line_and_key(tmp_path: Path, text: str, line: int, words: str) -> None:
    with pytest.raises(InputError) as info:
        _load(tmp_path, text)
    assert words in info.value.message
    assert info.value.file == str(tmp_path / "book.toml")
    assert info.value.line == line


@pytest.mark.parametrize(("name", "text", "line", "words"), [
    ("edition.toml", "[edition]\nidno = \"x\"\nversion = 1.0\n", 3, "edition.version: expected a string"),
    ("edition.toml", "[rights]\nlicense = \"CC0\"\n", 2, "rights.license: unknown key"),
    ("edition.toml", "[[statement]]\ntype = \"interpretation\"\ntext = \"a\"\n\n[[statement]]\n"
     "type = \"comment\"\ntext = \"b\"\n", 6, "statement.type: expected one of correction"),
    ("edition.toml", "[[statement]]\ntype = \"quotation\"\n", 1, "'text' is missing"),
    ("edition.toml", "[source]\nrequired = [\"title\", \"isbn\"]\n", 2, "'isbn' is not a header fact"),
    ("persons.toml", "[subjects]\n\"Leith\" = \"town\"\n", 2, "subjects.Leith: expected one of org"),
    ("persons.toml", "[person.\"pers-x\"]\nvariant = [\"X\"]\n", 2, "person.pers-x.variant: unknown key"),
    ("persons.toml", "[[unindexed]]\nid = \"pers-a\"\nsurname = \"A\"\n\n[[unindexed]]\nid = \"pers-b\"\n"
     "surname = \"B\"\nonly_mentions = \"yes\"\n", 8, "unindexed.only_mentions: expected true or false"),
])
def test_edition_and_persons_data_are_checked(tmp_path: Path, name: str, text: str, line: int,
                                              words: str) -> None:
    from teikit.ingest.header_source import load_edition_config
    from teikit.ingest.persons_registry import load_editorial

    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        if name == "edition.toml":
            load_edition_config(tmp_path / name)
        else:
            load_editorial(tmp_path)
    assert words in info.value.message, info.value.message
    assert (info.value.file, info.value.line) == (str(tmp_path / name), line)
