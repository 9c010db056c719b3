"""The MODS record of other projects' headers: valid against the official MODS 3.8 schema,
with their languages, series and date ranges as MODS states them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import xmlio
from teikit.deposit.metadata import deposit_metadata
from teikit.deposit.mods import language_terms, mods_element
from teikit.deposit.verify import deposit_schema

HEADERS = Path(__file__).parents[1] / "cite" / "fixtures" / "headers"
M = {"mods": "http://www.loc.gov/mods/v3"}


@pytest.mark.parametrize(("tag", "terms"), [
    ("en", [("iso639-2b", "eng")]),
    ("de-AT", [("iso639-2b", "ger"), ("rfc5646", "de-AT")]),  # the country kept beside the code
    ("ger", [("iso639-2b", "ger")]),
    ("deu", [("iso639-3", "deu")]),  # a terminology code is not a bibliographic one
    ("ar-Latn-x-ijmes", [("iso639-2b", "ara"), ("rfc5646", "ar-Latn-x-ijmes")]),
    ("xx", [("rfc5646", "xx")]),
    ("", []),
])
def test_language_terms_never_put_a_tag_under_an_authority_it_is_not_a_code_of(tag, terms):
    assert language_terms(tag) == terms


def _mods(name: str) -> etree._Element:
    return mods_element(deposit_metadata(xmlio.parse_file(HEADERS / f"{name}.xml")))


@pytest.mark.parametrize("name", ["dta", "eltec", "letter", "journal", "dracor"])
def test_other_projects_mods_is_valid_mods_3_8(name, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # letter and dracor are dated by an interval
    errors = list(deposit_schema().iter_errors(etree.tostring(_mods(name))))
    assert errors == []


def test_a_date_known_as_an_interval_is_refused_naming_the_interval(monkeypatch):
    from teikit.errors import MetadataError

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(MetadataError, match="an interval") as caught:
        _mods("letter")
    lines = (HEADERS / "letter.xml").read_text(encoding="utf-8").splitlines()
    date_line = next(n for n, line in enumerate(lines, 1) if "<date notBefore" in line)
    assert caught.value.line == date_line and "when=" in (caught.value.hint or "")


def test_a_letters_mods_has_its_series_its_country_and_its_editors(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mods = _mods("letter")
    assert mods.xpath("mods:relatedItem[@type='series']/mods:titleInfo/mods:title/text()", namespaces=M) == [
        "Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren"]
    assert mods.xpath("mods:language/mods:languageTerm/text()", namespaces=M) == ["ger"]
    editors = mods.xpath("mods:name[mods:role/mods:roleTerm = 'edt']", namespaces=M)
    assert len(editors) == 4


def test_a_journal_issues_date_range_is_a_start_and_an_end():
    mods = _mods("journal")
    dates = mods.xpath("mods:relatedItem[@type='original']/mods:originInfo/mods:dateIssued", namespaces=M)
    assert [(d.get("point"), d.text) for d in dates] == [("start", "1907-08-10"), ("end", "1907-09-08")]
    assert mods.xpath("mods:language/mods:languageTerm/text()", namespaces=M) == ["ara"]


def test_the_originals_title_language_comes_from_the_tei():
    root = etree.fromstring(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Stalin</title>'
        b'</titleStmt><publicationStmt><date when="2020"/><idno type="teikit">x</idno></publicationStmt>'
        b'<sourceDesc><biblStruct><monogr><title>Stalin</title><imprint><date>1990</date></imprint></monogr>'
        b'<relatedItem type="original"><biblStruct><monogr><title xml:lang="de">Stalin (deutsch)</title>'
        b'<imprint/></monogr></biblStruct></relatedItem></biblStruct></sourceDesc></fileDesc></teiHeader>'
        b'<text><body><p>x</p></body></text></TEI>')
    mods = mods_element(deposit_metadata(etree.ElementTree(root)))
    uniform = mods.xpath("mods:relatedItem[@type='original']/mods:titleInfo[@type='uniform']", namespaces=M)
    assert [u.get("lang") for u in uniform] == ["ger"]


def test_a_manuscript_source_is_located_in_its_archive(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    ms = _mods("letter").xpath("mods:relatedItem[@type='original']", namespaces=M)[0]
    assert ms.get("displayLabel") == "Manuscript"
    assert ms.xpath("mods:typeOfResource/@manuscript", namespaces=M) == ["yes"]
    assert ms.xpath("mods:location/mods:physicalLocation/text()", namespaces=M) == [
        "Beinecke Rare Book and Manuscript Library, New Haven"]
    assert ms.xpath("mods:location/mods:shelfLocator/text()", namespaces=M) == [
        "Yale Collection of German Literature, MSS 31"]


def test_the_isbn_of_a_source_described_by_a_bibl_reaches_the_mods():
    ms = _mods("eltec").xpath("mods:relatedItem[@type='original']", namespaces=M)[0]
    assert ms.xpath("mods:identifier[@type='isbn']/text()", namespaces=M) == ["9780000000002"]
    assert ms.get("displayLabel") == "Print edition"
