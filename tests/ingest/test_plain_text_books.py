"""Plain-text books laid out as distributors publish them (Project Gutenberg and the like)
ingest into valid, linked TEI with nothing but their editorial folders (docs/ingest.md,
"Books laid out otherwise").

Two invented fixtures, each driven by its own book.toml:

- ``tidewater``: a distributor's header and licence around the book, hard-wrapped lines,
  no page markers, a contents list in columns with page numbers and a wrapped entry, a
  front division the contents omit, ``CHAPTER I`` with its title on a later line,
  ``_italics_``, indented verse, ``[1]`` markers and notes ``[1]  text`` at each chapter's
  end, back matter read as prose;
- ``letterbook``: numbered letters listed by addressee ("To the Same") but headed
  otherwise, footnotes ``[Footnote 1: ...]`` of two paragraphs, numbered afresh per letter;
- ``riverbank``: no contents list, an unlabelled first chapter, chapters headed "CHAP. II."
  alone, a heading wrapped over two lines, ``[Illustration ...]`` lines;
- ``morrow``: chapter headings with label and title on one line, notes ``{1}  text`` printed
  together at the book's end, hyphens at line ends that are the words' own.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from teikit import api
from teikit.diagnostics import Severity
from teikit.errors import InputError, SourceFormatError
from teikit.ingest import book as book_file
from teikit.ingest import pipeline
from teikit.ingest.context import SourceText
from teikit.ingest.source import book_bounds
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
TEI = "{http://www.tei-c.org/ns/1.0}"
_TOKEN = re.compile(r"[A-Za-z0-9]+")


@pytest.fixture(scope="module", params=["tidewater", "letterbook", "riverbank", "morrow"])
def book(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, object]:
    name = request.param
    ctx = api.ingest(FIXTURES / name / "source.txt", FIXTURES / name / "editorial")
    out = tmp_path_factory.mktemp(name) / f"{name}.xml"
    pipeline.write(ctx, out)
    return name, out, ctx


def xp(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NSMAP)


def test_valid_against_the_customization_and_tei_all(book: tuple) -> None:
    _, out, _ = book
    for schema in ("teikit", "tei_all"):
        report = api.validate([out], schema=schema)
        assert report.files and report.errors == 0, [str(d) for d in report.diagnostics]


def test_check_is_clean(book: tuple) -> None:
    _, out, _ = book
    result = api.check([out])
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO], \
        [str(d) for d in result.diagnostics]


def test_every_word_of_the_book_reaches_the_text(book: tuple) -> None:
    """The words between [source] start and end are the words of <text>, but for the
    notation of the notes ("[1]" opening a note, "Footnote 1", kept in note/@n) and the
    supplied head of the gathered notes."""
    name, out, ctx = book
    source = FIXTURES / name / "source.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    begin, end = book_bounds(SourceText(source, lines), ctx.book)
    words = Counter(_TOKEN.findall("\n".join(lines[begin:end])))
    text = etree.parse(str(out)).getroot().find(TEI + "text")
    for sic in list(text.iter(TEI + "sic")):  # the source's reading stands beside the correction
        sic.getparent().remove(sic)
    encoded = Counter(_TOKEN.findall(" ".join(text.itertext())))
    notes = [n.get("n") for n in text.iter(TEI + "note")]
    notation = Counter(notes) + (Counter({"Footnote": len(notes)}) if name == "letterbook" else Counter())
    if name == "riverbank":
        notation = Counter({"Illustration": 3})
    # the correction (Sunday -> Sabbath) and the word hyphenated at a line end (water-/logged)
    changed = Counter({"Sunday": 1, "water": 1, "logged": 1}) if name == "tidewater" else Counter()
    assert words - encoded == notation + changed
    supplied = Counter({"CHAP": 1, "I": 1}) if name == "riverbank" else Counter({"Notes": 1})
    if name == "morrow":  # "self-/willed" keeps its hyphen: the same words
        assert "self-willed" in " ".join(text.itertext())
    assert encoded - words == supplied + (Counter({"Sabbath": 1, "waterlogged": 1}) if changed else Counter())
    notation_reported = [d for d in ctx.diagnostics if d.code == "ingest.notation"]
    assert len(notation_reported) == 1 and str(sum(notation.values())) in notation_reported[0].message


def test_what_lies_outside_the_book_is_reported(book: tuple) -> None:
    name, _, ctx = book
    outside = [d for d in ctx.diagnostics if d.code == "ingest.outside-book"]
    if name == "tidewater":
        assert [(d.line, d.message.split(":")[1].strip()) for d in outside] == [
            (1, "42 words not encoded (only the metadata block's 'key"), (118, "29 words not encoded")]
    else:
        assert outside == []  # no [source] start or end: the file is the book


def test_tidewater_structure() -> None:
    ctx = api.ingest(FIXTURES / "tidewater" / "source.txt", FIXTURES / "tidewater" / "editorial")
    root = ctx.root
    assert [d.get("{http://www.w3.org/XML/1998/namespace}id") for d in xp(root, "//tei:text/*/tei:div")] == [
        "titlepage", "preface", "contents", "plates", "ch01", "ch02", "notes", "tunes", "transcriber"]
    assert not xp(root, "//tei:pb")  # no page markers, none inferred
    # the wrapped contents entry is one item, its page number kept, its target found
    assert xp(root, "string(//tei:item[tei:ref/@target='#ch02'])") == \
        "II.  SONGS OF THE NETS AND OF" + "THE LONG BOATS                          17"
    # set over two lines with a blank between, read whole because the contents give it whole
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:head[not(@type)]/text()") == \
        ["SONGS OF THE NETS", "AND OF THE LONG BOATS"]
    assert len(xp(root, "//tei:div[@xml:id='ch02']/tei:head[not(@type)]/tei:lb")) == 1
    # a front division the contents omit, printed before them, ends the title pages
    assert xp(root, "//tei:div[@xml:id='preface']/tei:p/text()") == [
        "These songs were taken down on the quay."]
    first = xp(root, "//tei:div[@xml:id='ch01']/tei:p")[0]
    assert "oldest in the parish." in "".join(first.itertext()) and not xp(first, ".//tei:lb")
    assert xp(first, "tei:title/text()") == ["Book of Airs"] and xp(first, "tei:hi/text()") == ["slowly"]
    assert "waterlogged planks" in "".join(first.itertext())
    verse = xp(root, "//tei:div[@xml:id='ch01']/tei:p")[1]
    assert len(xp(verse, "tei:lb")) == 2  # indented lines keep their breaks
    assert "snake_case" in xp(root, "string(//tei:div[@xml:id='ch02'])")
    assert xp(root, "//tei:div[@xml:id='ch01']//tei:choice/tei:corr/text()") == ["Sabbath"]
    assert xp(root, "//tei:note[@xml:id='ch01-n01']/@target") == ["#ch01-n01-ref"]
    assert xp(root, "//tei:ref[@n='3']/@target") == ["#ch02-n03"]
    assert xp(root, "string(//tei:note[@xml:id='ch01-n01'])").split() == \
        ["The", "parish", "register", "of", "1790", "names", "him", "as", "a", "boatman."]
    assert xp(root, "//tei:div[@xml:id='tunes']/@type") == ["appendix"]
    # "[12]" reads as a marker but meets no note (a cross-reference): put back as printed
    assert "The tune [12] of the list is one." in xp(root, "string(//tei:div[@xml:id='ch02']/tei:p)")
    assert [d.message for d in ctx.diagnostics if d.severity is not Severity.INFO] == [
        "contents entry 'CHAP.                                       PAGE' names no known division",
        "marker 12 in ch02 has no note 12; kept as printed ('[12]')"]


def test_letterbook_structure() -> None:
    ctx = api.ingest(FIXTURES / "letterbook" / "source.txt", FIXTURES / "letterbook" / "editorial")
    root = ctx.root
    # listed "To the Same", headed "TO THE SAME.": opened by the label line "2."
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:head/text()") == ["2.", "TO THE SAME."]
    note = xp(root, "//tei:note[@xml:id='ch01-n01']")[0]
    assert [p.text for p in xp(note, "tei:p")] == [
        "The parcel held tea, candles, and a flannel shirt.", "She knitted the shirt herself."]
    assert xp(root, "//tei:note[@xml:id='ch02-n01']/@target") == ["#ch02-n01-ref"]
    # a label carrying a note marker ("3.[1]") still opens its letter; the marker is linked
    assert xp(root, "//tei:div[@xml:id='ch03']/tei:head[@type='label']/tei:ref/@target") == ["#ch03-n01"]
    assert xp(root, "string(//tei:div[@xml:id='ch03']/tei:head[@type='label'])") == "3.1"
    closing = xp(root, "//tei:div[@xml:id='ch01']/tei:p")[-1]
    assert len(xp(closing, "tei:lb")) == 1  # the indented signature keeps its line break
    assert [d.code for d in ctx.diagnostics if d.severity is not Severity.INFO] == ["ingest.contents-unknown"]


def test_riverbank_structure() -> None:
    ctx = api.ingest(FIXTURES / "riverbank" / "source.txt", FIXTURES / "riverbank" / "editorial")
    root = ctx.root
    assert [d.get("{http://www.w3.org/XML/1998/namespace}id") for d in xp(root, "//tei:text/*/tei:div")] == [
        "titlepage", "to-the-reader", "ch01", "ch02"]
    assert not xp(root, "//tei:div[@type='contents']")
    # chapter 1: its heading (wrapped over two lines) opens it, its label supplied
    assert xp(root, "string(//tei:div[@xml:id='ch01']/tei:head[not(@type)])") == \
        "A Dialogue of the River, between a Fisher and his Friend."
    assert xp(root, "//tei:div[@xml:id='ch01']/tei:head[@type='label']/tei:supplied/text()") == ["CHAP. I."]
    # chapter 2: the label is its only heading; the first line after it is text
    assert [h.text for h in xp(root, "//tei:div[@xml:id='ch02']/tei:head")] == ["CHAP. II."]
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:p[1]/tei:hi/text()") == ["Fisher"]
    assert xp(root, "//tei:div[@xml:id='ch01']/tei:figure/tei:head/text()") == ["of an Eel"]
    assert len(xp(root, "//tei:div[@xml:id='ch02']/tei:figure[not(*)]")) == 1
    # a caption wrapped inside its bracket over two lines is one figure
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:figure/tei:head/text()") == [
        "The pool below the mill, at evening."]
    assert [d.code for d in ctx.diagnostics if d.severity is not Severity.INFO] == []


def test_morrow_structure() -> None:
    ctx = api.ingest(FIXTURES / "morrow" / "source.txt", FIXTURES / "morrow" / "editorial")
    root = ctx.root
    # one line, two heads: the label (with its colon, as printed) and the title
    assert [h.text for h in xp(root, "//tei:div[@xml:id='ch02']/tei:head")] == ["CHAPTER II:", "THE MARKET"]
    # printed together at the end, each note joins the division of its marker
    assert xp(root, "//tei:div[@type='notes-section']/@corresp") == ["#ch01", "#ch02"]
    assert xp(root, "//tei:note[@xml:id='ch02-n02']/@target") == ["#ch02-n02-ref"]
    assert not [d for d in ctx.diagnostics if d.code == "ingest.hyphen-undecided"]


def test_a_division_the_text_lacks_is_reported(tmp_path: Path) -> None:
    _book(tmp_path, '[pages]\nmarker = ""\n[contents]\nheading = ""\n[chapters]\nlabel = "{n}."\n'
          '[[division]]\nheadings = ["Epilogue"]\ntype = "postscript"\nid = "epilogue"\n',
          "Title\n\n1.\n\nOne\n\nText.\n")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert [(d.code, d.message) for d in ctx.diagnostics if d.severity is Severity.WARNING] == [
        ("ingest.division-not-found", "division 'epilogue' ('Epilogue') of book.toml not found in the text")]
    assert xp(ctx.root, "//tei:div[@xml:id='ch01']/tei:head/text()") == ["1.", "One"]


def test_a_paged_book_inside_a_distributors_file(tmp_path: Path) -> None:
    """Page markers before [source] start (in the distributor's header) are not the book's."""
    _book(tmp_path, "[source]\nstart = '=== BEGIN ==='\nend = '=== END ==='\n",
          "Page 1\n\nHeader words\n\n=== BEGIN ===\n\nPage i\n\nTitle\n\nContents\n\n1. One\n\n"
          "Page 1\n\n1.\n\nOne\n\nText of the book.\n\n=== END ===\n\nLicence words\n")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert xp(ctx.root, "//tei:pb/@n") == ["i", "1"]
    assert xp(ctx.root, "//tei:div[@xml:id='ch01']/tei:p/text()") == ["Text of the book."]
    assert [d.line for d in ctx.diagnostics if d.code == "ingest.outside-book"] == [1, 23]


def test_a_back_heading_is_not_looked_for_after_the_books_end(tmp_path: Path) -> None:
    _book(tmp_path, "[source]\nend = '=== END ==='\n[pages]\nmarker = \"\"\n[contents]\nheading = \"\"\n"
          "[chapters]\nlabel = \"{n}.\"\n[[back]]\nheadings = [\"INDEX\"]\nkind = \"text\"\nid = \"ix\"\n",
          "Title\n\n1.\n\nOne\n\nText.\n\n=== END ===\n\nINDEX\n\nOf the licence.\n")
    with pytest.raises(SourceFormatError) as info:
        api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert "no ix heading found" in info.value.message


def _book(tmp_path: Path, toml: str, source: str) -> None:
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed" / "book.toml").write_text(toml, encoding="utf-8")
    edition = (FIXTURES / "letterbook" / "editorial" / "edition.toml").read_text(encoding="utf-8")
    (tmp_path / "ed" / "edition.toml").write_text(edition, encoding="utf-8")
    (tmp_path / "s.txt").write_text(source, encoding="utf-8")


def test_no_page_markers_needs_the_end_of_the_contents(tmp_path: Path) -> None:
    _book(tmp_path, '[pages]\nmarker = ""\n', "Title\n\nContents\n\n1. One\n\n1.\n\nOne\n\nText.\n")
    with pytest.raises(SourceFormatError) as info:
        api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert "end of the contents list must be named" in info.value.message and info.value.line == 3


def test_a_start_that_matches_nothing_names_the_key(tmp_path: Path) -> None:
    _book(tmp_path, '[source]\nstart = "BEGIN"\n[pages]\nmarker = ""\n', "Title\n")
    with pytest.raises(SourceFormatError) as info:
        api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    assert "[source] start" in info.value.message


@pytest.mark.parametrize(("text", "line", "words"), [
    ("[chapters]\nopens = \"number\"\n", 2, "opens must be one of title, label"),
    ("[chapters]\nlabel = \"\"\nopens = \"label\"\n", 3, "needs the label line"),
    ("[inline]\nitalic = \"__\"\n", 2, "one punctuation character"),
    ("[notes]\nmarker = '\\[[0-9]+\\]'\n", 2, "a group named 'n'"),
    ("[notes]\nstart = '\\[(?P<n>[0-9]+)\\] .*'\n", 2, "a group named 'text'"),
    ("[notes]\nstart = '(?P<n>[0-9]+) (?P<text>.*)'\n[[back]]\nheadings = [\"Notes\"]\nkind = \"notes\"\n",
     2, "cannot also have a [[back]] region of kind \"notes\""),
    ("[paragraphs]\nindent = 0\n", 2, "1 or more"),
    ("[contents]\nheading = \"\"\n", 2, "a book with page markers has a contents list"),
    ("[chapters]\ntitled = false\n", 2, "set opens = \"label\""),
    ("[[division]]\nheadings = [\"Plates\"]\ntype = \"preface\"\nid = \"pl\"\nn = 2\n", 5,
     "n is the number of a chapter"),
    ("[figures]\npatern = 'x'\n", 2, "figures.patern: unknown key"),
    ("[chapters]\nheading = '(?P<n>[0-9]+) (?P<title>.+)'\n", 2, "a group named 'label'"),
    ("[notes]\nscope = \"chapter\"\n", 2, "scope must be one of division, book"),
    ("[hyphenation]\nline_end = \"join\"\n", 2, "line_end must be one of decide, keep"),
    ("[[division]]\nheadings = [\"Preface\"]\ntype = \"preface\"\nid = \"pr\"\npart = \"front\"\n"
     "before_contents = true\n", 6, "part = \"front\", listed = false"),
    ("[paragraphs]\nwraped = true\n", 2, "paragraphs.wraped: unknown key"),
    ("[notes]\nheading = \"NOTES\"\n", 2, "needs their start"),
    ("[source]\nstart = '(unclosed'\n", 2, "not a valid regular expression"),
    ("[[division]]\nheadings = [\"Plates\"]\ntype = \"preface\"\nid = \"pl\"\nlisted = \"no\"\n", 5,
     "expected true or false"),
])
def test_new_keys_are_checked(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "book.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        book_file.load(tmp_path)
    assert words in info.value.message, info.value.message
    assert info.value.line == line


def test_every_book_toml_key_is_documented() -> None:
    """docs/ingest.md's book.toml block names every key the reader accepts."""
    import inspect

    docs = (Path(__file__).resolve().parents[2] / "docs" / "ingest.md").read_text(encoding="utf-8")
    block = docs.split("## book.toml", 1)[1].split("```toml", 1)[1].split("```", 1)[0]
    documented = set(re.findall(r"^([a-z_]+) =", block, re.M))
    tables = set(re.findall(r"^\[+([a-z_]+)\]+", block, re.M))
    code = inspect.getsource(book_file)
    accepted: set[str] = set()
    for keys in re.findall(r"check_keys\(file, \w+, \(([^)]*)\)", code):
        accepted |= set(re.findall(r'"([a-z_]+)"', keys))
    assert accepted - documented - tables == set()


def test_the_heading_printed_over_the_notes_heads_them(tmp_path: Path) -> None:
    """[notes] heading: the line the book prints over its notes printed together is the
    gathered notes' head (not a paragraph of the last chapter, no head supplied), and the
    contents entry naming it points at them."""
    _book(tmp_path, '[pages]\nmarker = ""\n[contents]\nheading = "CONTENTS"\nends_before = ["1."]\n'
                    "[chapters]\ncontents = '(?P<n>[0-9])\\. (?P<title>.+)'\nlabel = \"{n}.\"\n"
                    "[notes]\nmarker = '\\((?P<n>[0-9]+)\\)'\nstart = '(?P<n>[0-9]+) (?P<text>.+)'\n"
                    'scope = "book"\nheading = "FOOTNOTES"\n',
          "T\n\nCONTENTS\n\n1. One\nFootnotes\n\n1.\n\nOne\n\nText.(1)\n\nFOOTNOTES\n\n1 A note.\n")
    ctx = api.ingest(tmp_path / "s.txt", tmp_path / "ed")
    notes = xp(ctx.root, "//tei:back/tei:div[@xml:id='notes']")[0]
    assert xp(notes, "tei:head")[0].text == "FOOTNOTES" and xp(notes, "tei:head/@type") == []
    assert xp(notes, ".//tei:note/@xml:id") == ["ch01-n01"]
    assert xp(ctx.root, "//tei:div[@xml:id='ch01']/tei:p/text()") == ["Text."]
    assert xp(ctx.root, "//tei:div[@type='contents']//tei:ref/@target") == ["#ch01", "#notes"]
    assert not [d for d in ctx.diagnostics if d.severity is not Severity.INFO], ctx.diagnostics
