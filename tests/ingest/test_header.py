"""The header pass: completeness against docs/encoding.md "Header", ISBN checks, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import paths
from teikit.errors import InputError
from teikit.ingest import header
from teikit.ingest.context import IngestContext, SourceText
from teikit.ingest.header_source import (
    isbn10_ok,
    isbn10_to_13,
    isbn13_ok,
    metadata_range,
    read_source_facts,
)
from teikit.xmlio import NSMAP, TEI_NS

SOURCE = paths.PROJECT_ROOT / "tei" / "source" / "bazhanov-1990.txt"
EDITORIAL = paths.PROJECT_ROOT / "tei" / "editorial"


def _ctx(lines: list[str], editorial: Path = EDITORIAL) -> IngestContext:
    ctx = IngestContext(source=SourceText(Path("book.txt"), lines), editorial_dir=editorial)
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    etree.SubElement(root, f"{{{TEI_NS}}}teiHeader")
    ctx.tree = root.getroottree()
    return ctx


@pytest.fixture(scope="module")
def built() -> IngestContext:
    ctx = _ctx(SOURCE.read_text(encoding="utf-8").splitlines())
    header.run(ctx)
    return ctx


def one(ctx: IngestContext, xpath: str) -> str:
    found = ctx.root.xpath(xpath, namespaces=NSMAP)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    value = found[0]
    return value if isinstance(value, str) else "".join(value.itertext())


def test_real_source_gives_no_diagnostics(built: IngestContext) -> None:
    assert built.diagnostics == []


@pytest.mark.parametrize(("kind", "value"), [
    ("ISBN-10", "0821409484"), ("ISBN-13", "9780821409480"), ("eISBN-13", "9780585076706"),
    ("LCCN", "89-35310"), ("LCC", "DK268.S8B3213 1990"), ("DDC", "947.084/2/092"),
])
def test_identifiers_of_the_print_edition(built: IngestContext, kind: str, value: str) -> None:
    assert one(built, f"//tei:sourceDesc/tei:biblStruct/tei:monogr/tei:idno[@type='{kind}']") == value


@pytest.mark.parametrize(("xpath", "expected"), [
    ("//tei:titleStmt/tei:title[@type='main']", "Bazhanov and the Damnation of Stalin"),
    ("//tei:titleStmt/tei:author/tei:persName/tei:surname", "Bazhanov"),
    ("//tei:titleStmt/tei:author/tei:persName/tei:forename", "Boris"),
    ("//tei:titleStmt/tei:respStmt[@xml:id='doyle']/tei:persName/tei:surname", "Doyle"),
    ("//tei:titleStmt/tei:respStmt[@xml:id='doyle']/tei:persName/tei:forename", "David W."),
    ("//tei:titleStmt/tei:respStmt[@xml:id='teikit']/tei:orgName", "teikit editors"),
    ("//tei:publicationStmt/tei:idno[@type='teikit']", "teikit-bazhanov-1990"),
    ("//tei:publicationStmt/tei:date/@when", "2026-11-26"),
    ("//tei:publicationStmt/tei:availability/tei:licence/@target",
     "https://creativecommons.org/licenses/by/4.0/"),
    ("//tei:sourceDesc//tei:monogr[tei:idno]/tei:imprint/tei:pubPlace", "Athens, Ohio"),
    ("//tei:sourceDesc//tei:monogr[tei:idno]/tei:imprint/tei:publisher", "Ohio University Press"),
    ("//tei:sourceDesc//tei:monogr[tei:idno]/tei:imprint/tei:date/@when", "1990"),
    ("//tei:sourceDesc//tei:monogr[tei:idno]/tei:editor[@role='translator']//tei:surname", "Doyle"),
    ("//tei:sourceDesc//tei:monogr[tei:idno]/tei:editor[@role='annotator']//tei:surname", "Doyle"),
    ("//tei:relatedItem[@type='original']//tei:title[@xml:lang='fr']", "Bajanov révèle Staline"),
    ("//tei:relatedItem[@type='original']//tei:publisher", "Gallimard"),
    ("//tei:relatedItem[@type='original']//tei:pubPlace", "Paris"),
    ("//tei:relatedItem[@type='original']//tei:date/@when", "1979"),
    ("//tei:profileDesc/tei:langUsage/tei:language[@ident='en']", "English"),
    ("//tei:revisionDesc/tei:change/@who", "#teikit"),
])
def test_header_fields(built: IngestContext, xpath: str, expected: str) -> None:
    assert one(built, xpath) == expected


def test_rights_of_text_and_licence_of_encoding_are_separate(built: IngestContext) -> None:
    rights = one(built, "//tei:availability/tei:p")
    assert "© Copyright 1990 by David W. Doyle" in rights and "All rights reserved" in rights
    assert "CC BY 4.0" in one(built, "//tei:availability/tei:licence")


def test_lcsh_subjects_are_keywords(built: IngestContext) -> None:
    terms = built.root.xpath("//tei:keywords[@scheme='#lcsh']/tei:term/text()", namespaces=NSMAP)
    assert terms == [
        "Stalin, Joseph, 1879-1953", "Bazhanov, Boris", "Heads of state--Soviet Union--Biography",
        "Secretaries--Soviet Union--Biography", "Defectors--Soviet Union--Biography",
        "Soviet Union--Politics and government--1917-1936",
    ]
    assert built.root.xpath("//tei:taxonomy/@xml:id", namespaces=NSMAP) == ["lcsh"]


def test_editorial_decl_has_every_part_in_order(built: IngestContext) -> None:
    decl = built.root.find(f".//{{{TEI_NS}}}editorialDecl")
    names = [etree.QName(c).localname for c in decl]
    assert names == list(header.DECL_TYPES)
    assert all(part.findall(f"{{{TEI_NS}}}p") for part in decl)


def test_ids_are_unique(built: IngestContext) -> None:
    ids = built.root.xpath("//@xml:id")
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("isbn", ["0821409484", "0306406152", "080442957X"])
def test_isbn10_valid(isbn: str) -> None:
    assert isbn10_ok(isbn)


@pytest.mark.parametrize("isbn", ["0821409485", "082140948", "08214094X4", "abcdefghij"])
def test_isbn10_invalid(isbn: str) -> None:
    assert not isbn10_ok(isbn)


def test_isbn13_and_conversion() -> None:
    assert isbn13_ok("9780821409480") and isbn13_ok("9780585076706")
    assert not isbn13_ok("9780821409481") and not isbn13_ok("1234567890123")
    assert isbn10_to_13("0821409484") == "9780821409480"


def test_metadata_block_with_bad_isbn_and_missing_fields_is_reported() -> None:
    lines = ["title\t: A Book", "isbn10 asin\t: 0821409485", "publisher\t: X Press", "", "Page i", "Text"]
    ctx = _ctx(lines)
    header.run(ctx)
    codes = {d.code for d in ctx.diagnostics}
    assert "header.bad-isbn" in codes
    missing = [d.message for d in ctx.diagnostics if d.code == "header.missing-fact"]
    assert any("print" in m or "isbn13" in m for m in missing)
    assert all(d.line == 1 for d in ctx.diagnostics)


def test_key_on_its_own_line_and_value_later() -> None:
    lines = ["ddc", "", ": 947.084/2/092", "subject", "", "Stalin, Joseph,--1879-1953.", "Page i",
             "", "89-35310"]
    start, end = metadata_range(lines, {})
    facts = read_source_facts(lines, start, end, len(lines))
    assert facts.get("ddc") == "947.084/2/092"
    assert facts.subjects() == ["Stalin, Joseph, 1879-1953"]
    assert facts.lccn == "89-35310"


def test_missing_edition_toml_is_an_input_error(tmp_path: Path) -> None:
    ctx = _ctx(["title : X", "Page i"], editorial=tmp_path)
    with pytest.raises(InputError, match="edition data missing"):
        header.run(ctx)


def test_broken_edition_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "edition.toml").write_text("[edition]\nidno = \n", encoding="utf-8")
    ctx = _ctx(["title : X", "Page i"], editorial=tmp_path)
    with pytest.raises(InputError) as info:
        header.run(ctx)
    assert info.value.line == 2


def test_header_is_deterministic() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    outs = []
    for _ in range(2):
        ctx = _ctx(lines)
        header.run(ctx)
        outs.append(etree.tostring(ctx.root))
    assert outs[0] == outs[1]



def test_the_book_s_own_title_on_its_title_pages_is_a_title() -> None:
    """The half-title, the title page and the CIP line print the book's title: a title of a
    work, whatever its case, so the names inside it are not mentions; elsewhere, and a
    title already marked, are left alone."""
    from teikit.ingest.header import mark_own_title

    ns = "http://www.tei-c.org/ns/1.0"
    root = etree.fromstring(f"""<TEI xmlns="{ns}"><text><front><div type="titlepage">
<p>Bazhanov and the Damnation of Stalin</p><p>CIP<lb/>Bazhanov and the damnation
of Stalin / Boris Bazhanov</p><p><title>Bazhanov and the Damnation of Stalin</title></p>
<p>Bazhanov and the Damnation of Stalinism</p></div></front>
<body><p>Bazhanov and the Damnation of Stalin</p></body></text></TEI>""")
    assert mark_own_title(root, "Bazhanov and the Damnation of Stalin") == 2
    titles = root.findall(f".//{{{ns}}}p/{{{ns}}}title")
    assert ["".join(t.itertext()) for t in titles] == [
        "Bazhanov and the Damnation of Stalin", "Bazhanov and the damnation\nof Stalin",
        "Bazhanov and the Damnation of Stalin"]
    assert [t.get("level") for t in titles] == ["m", "m", None]
    assert titles[1].tail == " / Boris Bazhanov"
    assert root.find(f".//{{{ns}}}body/{{{ns}}}p").text == "Bazhanov and the Damnation of Stalin"
