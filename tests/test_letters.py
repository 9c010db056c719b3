"""teikit.letters: what a correspDesc says. A header with several correspDesc (a CMIF file)
describes several letters; a letter is dated by its date sent, else by the date received,
and a date without words is written from its attributes."""

from __future__ import annotations

from lxml import etree

from teikit.letters import date_written, letters

TEI = "http://www.tei-c.org/ns/1.0"


def _tei(profile: str, xml_id: str = "doc") -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="{TEI}" xml:id="{xml_id}"><teiHeader><fileDesc><titleStmt><title>The file</title>'
        f'</titleStmt></fileDesc><profileDesc>{profile}</profileDesc></teiHeader>'
        '<text><body><p/></body></text></TEI>')


def _date(attrs: str, text: str = "") -> etree._Element:
    return etree.fromstring(f'<date xmlns="{TEI}" {attrs}>{text}</date>')


def test_a_date_without_words_is_written_from_its_attributes():
    assert date_written(_date('when="1819-08-05"')) == "1819-08-05"
    assert date_written(_date('notBefore="1810-07-11" notAfter="1810-07-18" cert="medium"')) == \
        "1810-07-11–1810-07-18?"
    assert date_written(_date('notAfter="1907-08-17"')) == "–1907-08-17"
    assert date_written(_date('from="1904" to="1904"')) == "1904"
    assert date_written(_date('cert="low"')) == ""


def test_several_correspdesc_are_several_letters_each_with_its_own_id_and_url():
    root = _tei(
        '<correspDesc xml:id="A1" ref="https://example.org/A1"><correspAction type="sent">'
        '<persName>Weber</persName><date when="1825-05-07"/></correspAction>'
        '<correspAction type="received"><persName>Dietrichstein</persName></correspAction></correspDesc>'
        '<correspDesc><correspAction type="sent"><persName>Gänsbacher</persName>'
        '<date notBefore="1810-07-11" notAfter="1810-07-18"/></correspAction></correspDesc>')
    found = letters(root)
    assert [(x.id, x.date, x.date_text, x.title, x.url) for x in found] == [
        ("doc-2", "1810-07-11", "1810-07-11–1810-07-18", "Gänsbacher → ", ""),
        ("A1", "1825-05-07", "1825-05-07", "Weber → Dietrichstein", "https://example.org/A1")]
    # one correspDesc: the document is the letter, named and titled as before
    (one,) = letters(_tei('<correspDesc ref="https://example.org/x"><correspAction type="sent">'
                          '<persName>Tillich</persName></correspAction></correspDesc>', "L1"))
    assert (one.id, one.title, one.url, one.date_of) == ("L1", "The file", "https://example.org/x", "")


def test_a_letter_known_only_by_its_arrival_is_dated_so():
    """Tillich's L00038: the date stands in the received action alone."""
    (letter,) = letters(_tei(
        '<correspDesc><correspAction type="sent"><persName>Glokke</persName><placeName>Berlin</placeName>'
        '</correspAction><correspAction type="received"><persName>Paul Tillich</persName>'
        '<date when="1904-09-22">22.09.1904</date></correspAction></correspDesc>'))
    assert (letter.date, letter.date_text, letter.date_of) == ("1904-09-22", "22.09.1904", "received")
    (sent,) = letters(_tei(
        '<correspDesc><correspAction type="sent"><date notAfter="1907-08-17">08.1907</date></correspAction>'
        '<correspAction type="received"><date when="1907-09-01"/></correspAction></correspDesc>'))
    assert (sent.date, sent.date_text, sent.date_of) == ("1907-08-17", "08.1907", "sent")
