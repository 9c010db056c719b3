"""teikit.cite.tei: names, dates, identifiers and publishers as other projects' headers write them."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit.cite.tei import agent_name, csl_date, csl_name, idnos, isbd, persons

T = 'xmlns="http://www.tei-c.org/ns/1.0"'


def tei(xml: str) -> etree._Element:
    """``xml`` with the TEI namespace declared on its root element."""
    name_end = next(i for i, c in enumerate(xml) if c in " >/" and i > 0)
    return etree.fromstring(f"{xml[:name_end]} {T}{xml[name_end:]}")


@pytest.mark.parametrize(("xml", "expected"), [
    # a library heading's life dates, with and without brackets (EEBO-TCP, ELTeC)
    ("<author>Bacon, Francis, 1561-1626.</author>", {"family": "Bacon", "given": "Francis"}),
    ("<author>White, William Hale (1831-1913).</author>", {"family": "White", "given": "William Hale"}),
    ("<author>Smith, John, b. 1920</author>", {"family": "Smith", "given": "John"}),
    ("<author>Schnitzler, Arthur, 1862–1931</author>", {"family": "Schnitzler", "given": "Arthur"}),
    # an e-mail, an identifier or an address beside the name is not the name (CMIF, DraCor)
    ("<editor> Uwe Kretschmer <email>k@example.org</email></editor>", {"literal": "Uwe Kretschmer"}),
    ("<author>Büchner, Georg<idno type='wikidata'>Q154014</idno></author>",
     {"family": "Büchner", "given": "Georg"}),
])
def test_names_as_catalogues_and_correspondence_files_write_them(xml, expected):
    assert csl_name(tei(xml)) == expected


def test_one_element_naming_several_people_is_several_names_one_person_in_two_languages_is_one():
    two = tei("<editor><name>Müller, Martin Anton</name><name>Susen, Gerd-Hermann</name></editor>")
    assert [csl_name(p) for p in persons(two)] == [{"family": "Müller", "given": "Martin Anton"},
                                                    {"family": "Susen", "given": "Gerd-Hermann"}]
    one = tei("<author><persName><surname>Афиногенов</surname></persName>"
              "<persName xml:lang='en'><surname>Afinogenov</surname></persName></author>")
    assert len(persons(one)) == 1


@pytest.mark.parametrize(("xml", "expected"), [
    ("<date when='1990'/>", {"date-parts": [[1990]]}),
    # a timestamp as the text (DTA): the day, not only the year
    ("<date type='publication'>2016-10-10T16:34:28Z</date>", {"date-parts": [[2016, 10, 10]]}),
    ("<date>1605.</date>", {"date-parts": [[1605]]}),
    # an interval the date lies in: a CSL range, which citeproc prints "1907–1907"
    ("<date notBefore='1907-08-10' notAfter='1907-09-08'/>", {"date-parts": [[1907, 8, 10], [1907, 9, 8]]}),
    ("<date from='1967' to='1971'>1967–1971</date>", {"date-parts": [[1967], [1971]]}),
    ("<date notAfter='1400'/>", {"date-parts": [[1400]], "circa": True}),
    # before the common era: a negative year, not the year 44
    ("<date when='-0044-03-15'/>", {"date-parts": [[-44, 3, 15]]}),
    ("<date when='1990' notAfter='1995'/>", {"date-parts": [[1990]]}),
    ("<date>undated</date>", None),
])
def test_dates_points_ranges_and_timestamps(xml, expected):
    assert csl_date(tei(xml)) == expected


def test_grouped_idnos_are_read_one_by_one():
    pub = tei("<publicationStmt><idno><idno type='URLWeb'>http://x.org/a</idno>"
              "<idno type='URN'>urn:nbn:de:1</idno></idno><idno type='DOI'>10.1/x</idno></publicationStmt>")
    assert idnos(pub) == {"URLWeb": "http://x.org/a", "URN": "urn:nbn:de:1", "DOI": "10.1/x"}


def test_a_publisher_of_several_parts_in_one_language_and_not_its_email():
    bodleian = tei("<publisher><orgName type='department'>Special Collections</orgName>"
                   "<orgName type='unit'>Bodleian Libraries</orgName><orgName>University of Oxford</orgName>"
                   "<email>x@example.org</email></publisher>")
    assert agent_name(bodleian) == "Special Collections, Bodleian Libraries, University of Oxford"
    two_scripts = tei("<publisher><orgName xml:lang='ar'>مطبعة الظاهر</orgName>"
                      "<orgName xml:lang='ar-Latn-x-ijmes'>Maṭbaʿa al-Ẓāhir</orgName></publisher>")
    assert agent_name(two_scripts) == "مطبعة الظاهر"
    assert agent_name(tei("<publisher>Text Creation Partnership,</publisher>")) == "Text Creation Partnership"
    with_address = tei("<publisher>ACDH <address><addrLine>Wien</addrLine></address></publisher>")
    assert agent_name(with_address) == "ACDH"


def test_isbd_punctuation_ends_no_value():
    assert isbd("Ann Arbor, MI ; Oxford (UK) :") == "Ann Arbor, MI ; Oxford (UK)"
    assert isbd("Athens, Ohio") == "Athens, Ohio"
