"""Who a division is by, what kind of thing a bibliography entry is, and the edition as itself.

The fixture states authorship in each of the ways TEI allows (a byline, ``@resp``, a
titleStmt respStmt naming the division's type); the memoir states it by its respStmt.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from teikit import paths, xmlio
from teikit.cite.csl import to_csl_json
from teikit.cite.export import all_items
from teikit.cite.records import bibliography_records, citation_records

PARATEXT = Path(__file__).parent / "fixtures" / "paratext.xml"
DOYLE = [{"family": "Doyle", "given": "David W."}]
BAZHANOV = [{"family": "Bazhanov", "given": "Boris"}]


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return citation_records(xmlio.parse_file(PARATEXT))


def test_translators_introduction_is_the_translators_and_untranslated(records):
    intro = records["intro"]
    assert intro["author"] == DOYLE
    assert intro["container-author"] == BAZHANOV
    assert "translator" not in intro and "original-title" not in intro


def test_byline_names_the_author(records):
    assert records["foreword"]["author"] == [{"family": "Conquest", "given": "Robert"}]


def test_resp_on_a_division_points_at_its_author(records):
    assert records["appendix"]["author"] == [{"literal": "teikit editors"}]


def test_notes_by_the_respstmt_and_the_preface_by_the_author(records):
    assert records["notes"]["author"] == DOYLE
    preface = records["preface"]
    assert preface["author"] == BAZHANOV and preface["translator"] == DOYLE


def test_body_chapters_stay_the_authors_even_when_a_respstmt_word_matches(records):
    # respStmt "Translation, introduction and notes" never re-attributes the body.
    assert records["ch01"]["author"] == BAZHANOV and records["ch01"]["translator"] == DOYLE


def test_periodicals_and_articles_are_typed(tmp_path):
    bib = {k.removeprefix("bib-"): v for k, v in bibliography_records(xmlio.parse_file(PARATEXT)).items()}
    assert bib["deutscher-1949"]["type"] == "article-journal"
    assert bib["deutscher-1949"]["container-title"] == "Foreign Affairs"
    assert bib["pravda-1928"]["type"] == "article-newspaper"
    assert bib["pravda-1928"]["container-title"] == "Pravda"
    assert bib["russian-review"] == {"id": "russian-review", "type": "periodical", "title": "Russian Review"}
    assert bib["brookshepherd-1977"]["type"] == "book"


def test_the_digital_edition_is_cited_as_itself(records):
    edition = records["edition"]
    assert edition["URL"] == "https://example.org/teikit/bazhanov/"
    assert edition["version"] == "1.0"
    assert edition["issued"] == {"date-parts": [[2026, 11, 26]]}
    assert "publisher-place" not in edition  # the pubPlace is the address, not a place
    assert edition["custom"]["identifier"] == "https://example.org/teikit/bazhanov/"


@pytest.mark.shared
def test_paratext_csl_json_is_valid(shared_dir):
    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    everything, _ = all_items(xmlio.parse_file(PARATEXT))
    jsonschema.validate(json.loads(to_csl_json(everything)), schema)


def test_the_memoir_credits_its_translator_with_introduction_and_notes():
    tree = xmlio.parse_file(paths.EDITION)
    records = citation_records(tree)
    assert records["intro"]["author"] == DOYLE and "translator" not in records["intro"]
    assert records["notes"]["author"] == DOYLE
    assert records["preface"]["author"] == BAZHANOV and records["preface"]["translator"] == DOYLE
    assert records["edition"]["number"] == "teikit-bazhanov-1990"
    periodicals = [i["title"] for i in bibliography_records(tree).values() if i["type"] == "periodical"]
    assert len(periodicals) == 7 and "Slavic Review" in periodicals


def test_a_catalogue_heading_and_a_typed_doi_ref_as_other_corpora_write_them():
    records = citation_records(xmlio.parse_file(Path(__file__).parent / "fixtures" / "catalogue-header.xml"))
    edition = records["edition"]
    assert edition["author"] == [{"family": "Tupper", "given": "Martin Farquhar"}]  # no life dates
    assert edition["DOI"] == "10.5281/zenodo.3462435"  # the resolver prefix is not part of a DOI
    assert "URL" not in edition  # a DOI is not the edition's address
    assert edition["custom"]["identifier"] == "10.5281/zenodo.3462435"
    assert edition["issued"] == {"date-parts": [[2019, 11, 9]]}
    assert records["print"]["title"] == "The Twins"
    # No respStmt names a preface here: it is the author's, like the chapter.
    assert records["preface"]["author"] == records["ch1"]["author"] == [{"literal": "Martin F. Tupper"}]
    assert "container-author" not in records["preface"]


PLAIN_BIBL = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letters</title>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><p>See <bibl>a reference in prose</bibl>.</p></body><back><div type="bibliography"><listBibl>
<bibl xml:id="bib-a"><author>Smith, Ann</author>, <title level="a">On letters</title>, in
  <title level="j">Journal of Letters</title> <biblScope unit="volume">4</biblScope>
  (<date when="1999">1999</date>), <biblScope unit="page" from="10" to="20">10-20</biblScope>.</bibl>
<bibl xml:id="bib-c"><author>Roe, R.</author>, <title level="a">A chapter</title>, in
  <title level="m">A Book</title>, <pubPlace>Leiden</pubPlace>: <publisher>Brill</publisher>,
  <date>2001</date>.</bibl>
<bibl xml:id="bib-m"><author>Doe, John</author>, <title level="m">A Monograph</title>,
  <date>1990</date>.</bibl>
<bibl xml:id="bib-j"><title level="j">The Times</title></bibl>
</listBibl></div></back></text></TEI>"""


@pytest.mark.shared
def test_plain_bibl_entries_are_typed_by_their_title_levels(tmp_path, shared_dir):
    path = tmp_path / "letters.xml"
    path.write_text(PLAIN_BIBL, encoding="utf-8")
    bib = bibliography_records(xmlio.parse_file(path))
    assert set(bib) == {"bib-a", "bib-c", "bib-m", "bib-j"}  # the bibl in prose is not an entry
    article = bib["bib-a"]
    assert (article["type"], article["title"], article["container-title"]) == \
        ("article-journal", "On letters", "Journal of Letters")
    assert (article["volume"], article["page"], article["author"]) == \
        ("4", "10-20", [{"family": "Smith", "given": "Ann"}])
    chapter = bib["bib-c"]
    assert (chapter["type"], chapter["container-title"]) == ("chapter", "A Book")
    assert (chapter["publisher"], chapter["publisher-place"]) == ("Brill", "Leiden")
    assert (bib["bib-m"]["type"], bib["bib-m"]["title"]) == ("book", "A Monograph")
    assert bib["bib-j"] == {"id": "j", "type": "periodical", "title": "The Times"}
    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    jsonschema.validate(json.loads(to_csl_json(bib.values())), schema)
