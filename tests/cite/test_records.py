"""citation_records / bibliography_records on the mini edition and on other projects' TEI."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import xmlio
from teikit.cite import bibliography_records, citation_records
from teikit.errors import InputError, MetadataError

MINI = Path(__file__).parents[1] / "fixtures" / "mini-edition.xml"


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return citation_records(xmlio.parse_file(MINI))


def test_keys_are_edition_print_and_divisions(records):
    assert list(records) == ["edition", "print", "intro", "ch01", "ch02", "notes", "bibliography", "index"]


def test_print_record_is_a_translated_book(records):
    book = records["print"]
    assert book["type"] == "book"
    assert book["title"] == "A Small Memoir"
    assert book["author"] == [{"family": "Ivanov", "given": "Ivan"}]
    assert book["translator"] == [{"family": "Smith", "given": "Anna"}]
    assert book["publisher"] == "Test Press"
    assert book["publisher-place"] == "Athens, Ohio"
    assert book["ISBN"] == "9780821409480"
    assert book["issued"] == {"date-parts": [[1990]]}


def test_edition_record_carries_identifier_and_licence(records):
    ed = records["edition"]
    assert ed["title"] == "A Small Memoir: A teikit test edition"
    assert ed["custom"]["identifier"] == "mini-edition"
    assert ed["issued"] == {"date-parts": [[2026, 11, 26]]}
    assert ed["custom"]["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_chapters_have_printed_page_ranges_and_container(records):
    ch01 = records["ch01"]
    assert ch01["type"] == "chapter"
    assert ch01["title"] == "Beginnings"
    assert ch01["container-title"] == "A Small Memoir"
    assert ch01["page"] == "1-2"
    assert ch01["chapter-number"] == "1"
    assert records["ch02"]["page"] == "3"
    assert records["intro"]["page"] == "vii"


def test_keys_are_stable_and_readable(records):
    assert records["print"]["id"] == "ivanov-1990"
    assert records["ch01"]["id"] == "ivanov-1990-ch01"
    assert records["edition"]["id"] == "ivanov-2026-edition"


def test_chapter_starting_mid_page_starts_on_the_preceding_page():
    xml = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
    </titleStmt></fileDesc></teiHeader><text><body>
    <div xml:id="a" type="chapter"><pb n="10"/><head>A</head><p>text</p><pb n="11"/><p>more</p></div>
    <div xml:id="b" type="chapter"><head>B</head><p>text</p><pb n="12"/><p>more</p><pb n="13"/></div>
    <div xml:id="c" type="chapter"><pb n="13"/><head>C</head><p>x</p></div>
    </body></text></TEI>"""
    recs = citation_records(etree.ElementTree(etree.fromstring(xml)))
    assert recs["a"]["page"] == "10-11"
    assert recs["b"]["page"] == "11-12"  # a trailing pb with no text after it is not a page of b
    assert recs["c"]["page"] == "13"
    assert "print" not in recs
    assert recs["a"]["container-title"] == "T"


def test_bibliography_records(tmp_path):
    bib = bibliography_records(xmlio.parse_file(MINI))
    assert list(bib) == ["bib-brookshepherd-1977"]
    item = bib["bib-brookshepherd-1977"]
    assert item["id"] == "brookshepherd-1977"
    assert item["author"] == [{"family": "Brook-Shepherd", "given": "Gordon"}]
    assert item["publisher-place"] == "London"


@pytest.mark.parametrize("address,url", [
    ("javascript:alert(1)", None), ("data:text/html,x", None), ("urn:nbn:de:1-2", None),
    ("https://ok.example/ed", "https://ok.example/ed"), ('https://x" onclick="a', None),
])
def test_the_edition_url_is_only_a_web_address(address, url):
    """Reference managers, the MODS and the citation dialog make it a link."""
    quoted = address.replace('"', "&quot;")
    xml = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
    </titleStmt><publicationStmt><publisher>P</publisher><idno type="URI">{quoted}</idno>
    <ptr target="{quoted}"/></publicationStmt></fileDesc></teiHeader>
    <text><body><p>x</p></body></text></TEI>"""
    records = citation_records(xmlio.parse_bytes(xml.encode())).values()
    edition = next(r for r in records if r["type"] == "book")
    assert edition.get("URL") == url


def test_missing_title_is_a_metadata_error_naming_the_element():
    xml = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><author>X</author></titleStmt></fileDesc></teiHeader></TEI>"""
    tree = xmlio.parse_bytes(xml, "bad.xml")
    with pytest.raises(MetadataError) as err:
        citation_records(tree)
    assert "titleStmt/title" in str(err.value)
    assert err.value.file == "bad.xml"
    assert err.value.line == 2


@pytest.mark.shared
def test_other_projects_headers_degrade_gracefully(tei_samples):
    for sample in sorted(tei_samples.glob("*.xml")):
        tree = xmlio.parse_file(sample)
        try:
            recs = citation_records(tree)
        except MetadataError as exc:  # acceptable only for a header without a title
            assert "title" in exc.message, sample
            continue
        except InputError as exc:  # or for what is not TEI P5: the one guard every stage uses
            assert "not a TEI P5 document" in exc.message, sample
            continue
        assert recs["edition"]["title"], sample
        bibliography_records(tree)


def test_bibliography_key_equal_to_the_print_key_is_made_unique():
    from teikit.cite.export import all_items

    source = MINI.read_bytes().replace(b'xml:id="bib-brookshepherd-1977"', b'xml:id="bib-ivanov-1990"')
    everything, bibliography = all_items(xmlio.parse_bytes(source, "mini.xml"))
    ids = [i["id"] for i in everything]
    assert len(ids) == len(set(ids))
    assert bibliography[0]["id"] == "ivanov-1990-bib"


HEADERS = Path(__file__).parent / "fixtures" / "headers"


def _records(name: str) -> dict[str, dict]:
    return citation_records(xmlio.parse_file(HEADERS / f"{name}.xml"))


def test_dta_header_biblfull_urn_grouped_idnos_and_the_original_publication():
    recs = _records("dta")
    ed, book = recs["edition"], recs["print"]
    assert ed["issued"] == {"date-parts": [[2016, 10, 10]]}
    assert ed["URL"] == "http://www.deutschestextarchiv.de/kant_rvernunft_1781"
    assert (ed["custom"]["identifier-type"], ed["number"]) == ("URN", "urn:nbn:de:kobv:b4-200905192998")
    assert ed["publisher"] == ("Deutsches Textarchiv, Berlin-Brandenburgische Akademie der Wissenschaften"
                               " (BBAW)")
    assert [e["family"] for e in ed["editor"]] == ["Geyken", "Haaf"]
    # the biblFull, not the one-line bibl before it (which has no title of its own)
    assert (book["title"], book["publisher"], book["publisher-place"]) == (
        "Critik der reinen Vernunft", "Hartknoch", "Riga")
    assert (book["issued"], book["number-of-pages"], book["edition"]) == (
        {"date-parts": [[1781]]}, "[22], 856 S.", "1")
    # the edition's original publication is its source; its title is the same, so not repeated
    assert (ed["original-publisher"], ed["original-publisher-place"], ed["original-date"]) == (
        "Hartknoch", "Riga", {"date-parts": [[1781]]})
    assert "original-title" not in ed and "original-author" not in ed


def test_eltec_header_print_source_first_edition_apart_digital_source_last():
    recs = _records("eltec")
    ed, book = recs["edition"], recs["print"]
    assert (book["title"], book["publisher"], book["issued"]) == (
        "Mark Rutherford's Deliverance", "Hodder and Stoughton", {"date-parts": [[1913]]})
    assert book["author"] == [{"family": "White", "given": "William Hale"}]  # the edition's author
    assert ed["original-title"] == "Mark Rutherford's Deliverance: being the Second Part of his Autobiography"
    assert (ed["original-publisher"], ed["original-publisher-place"], ed["original-date"]) == (
        "Trübner and Co.", "London", {"date-parts": [[1885]]})
    assert ed["DOI"] == "10.5281/zenodo.3462435"


def test_letter_header_series_editors_handle_range_and_licence_link():
    ed = _records("letter")["edition"]
    assert ed["title"] == "Arthur Schnitzler an Richard Beer-Hofmann, 19. 8. 1894"
    assert ed["collection-title"] == "Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren"
    assert ed["author"] == [{"family": "Schnitzler", "given": "Arthur"}]
    assert ed["editor"] == [{"family": "Müller", "given": "Martin Anton"},
                            {"family": "Susen", "given": "Gerd-Hermann"},
                            {"literal": "Uwe Kretschmer"}, {"literal": "Jonas Epple"}]
    assert ed["URL"] == ed["custom"]["identifier"] == "https://hdl.handle.net/21.11115/0000-000E-6C8C-C"
    assert ed["issued"] == {"date-parts": [[2023, 1, 1], [2023, 6, 30]]}
    assert ed["custom"]["license"] == "http://creativecommons.org/licenses/by/3.0/"
    assert ed["publisher"] == "Austrian Centre for Digital Humanities"


def test_journal_header_a_periodical_issue_in_several_languages():
    recs = _records("journal")
    ed, issue = recs["edition"], recs["print"]
    assert ed["title"] == "مجلة المقتبس: نسخة رقمية"  # the subtitle in the title's language
    assert ed["author"] == [{"family": "كرد علي", "given": "محمد"}]
    assert ed["publisher"] == "Special Collections, Bodleian Libraries, University of Oxford"
    assert (issue["type"], issue["title"], issue["volume"], issue["issue"]) == (
        "periodical", "المقتبس", "2", "7")
    assert (issue["publisher"], issue["publisher-place"]) == ("مطبعة الظاهر", "القاهرة")
    assert issue["issued"] == {"date-parts": [[1907, 8, 10], [1907, 9, 8]]}
    assert "author" not in issue  # its editor edits it; the edition's author is not its author


def test_dracor_header_nested_print_source_and_isbd_punctuation():
    recs = _records("dracor")
    ed, book = recs["edition"], recs["print"]
    assert ed["title"] == "Машенька: Пьеса в 3-х актах 7-ми сценах"
    assert ed["author"] == [{"family": "Афиногенов", "given": "Александр"}]
    assert ed["publisher-place"] == "At London"
    assert ed["issued"] == {"date-parts": [[-44, 3, 15], [-44, 3, 17]]}
    assert ed["id"] == "anon-44bc-edition"
    assert (book["title"], book["publisher-place"], book["issued"]) == (
        "Избранное", "Москва", {"date-parts": [[1951]]})
    assert book["publisher"] == "Printed by Thomas Purfoot and Thomas Creede"


def test_a_manuscript_is_the_source_when_no_printed_one_is_described():
    recs = _records("letter")
    ms, ed = recs["print"], recs["edition"]
    assert (ms["type"], ms["title"]) == (
        "manuscript", "Arthur Schnitzler an Richard Beer-Hofmann, 19. 8. 1894")
    assert (ms["archive"], ms["archive-place"], ms["archive_collection"], ms["archive_location"]) == (
        "Beinecke Rare Book and Manuscript Library", "New Haven", "Yale Collection of German Literature",
        "MSS 31")
    assert "author" not in ms  # the description names no writer; the titleStmt's may be the edition's maker
    assert not any(key.startswith("original-") for key in ed)  # a manuscript was never published


def test_a_source_that_is_part_of_a_journal_or_book_is_an_article_or_chapter_with_pages():
    from teikit.cite.records import _source_item, _sources, tei_header

    tree = xmlio.parse_file(HEADERS / "article.xml")
    article, chapter = (_source_item(node, None, "en") for node in _sources(tei_header(tree)))
    assert article is not None and chapter is not None
    assert (article["type"], article["title"], article["container-title"]) == (
        "article-journal", "On the Edition of Letters", "Journal of Editing")
    assert (article["volume"], article["issue"], article["page"]) == ("12", "3", "201-230")
    assert article["author"] == [{"family": "Example", "given": "Ada"}]
    assert article["issued"] == {"date-parts": [[1931, 3]]}
    assert (chapter["type"], chapter["title"], chapter["container-title"], chapter["page"]) == (
        "chapter", "Predigt: Offenbarung 1,8", "Predigten 1915", "3-11")
    edition = _records("article")["edition"]
    assert edition["original-date"] == {"date-parts": [[1931, 3]]}
    assert edition["original-title"] == "On the Edition of Letters"  # the edition adds a subtitle
