"""teikit.cite.fields: titles, series and editors as other projects' titleStmts give them."""

from __future__ import annotations

from lxml import etree

from teikit.cite.fields import editors, series_title, title_parts

T = "http://www.tei-c.org/ns/1.0"


def stmt(body: str, lang: str = "de") -> etree._Element:
    root = etree.fromstring(f'<TEI xmlns="{T}" xml:lang="{lang}"><titleStmt>{body}</titleStmt></TEI>')
    return root[0]


def test_a_letters_own_title_wins_over_its_editions_series_title():
    title_stmt = stmt('<title level="s">Briefwechsel</title><title type="iso-date">1894-08-19</title>'
                      '<title level="a">Schnitzler an Beer-Hofmann, 19. 8. 1894</title>')
    assert title_parts(title_stmt) == ("Schnitzler an Beer-Hofmann, 19. 8. 1894", "")
    assert series_title(title_stmt) == "Briefwechsel"


def test_the_series_title_alone_is_never_the_title():
    assert title_parts(stmt('<title level="s">Series</title><title>Own</title>'))[0] == "Own"


def test_title_and_subtitle_in_the_documents_language():
    title_stmt = stmt('<title xml:lang="en">Mashenka</title><title>Машенька</title>'
                      '<title type="sub" xml:lang="en">A Play</title><title type="sub">Пьеса</title>',
                      "ru")
    assert title_parts(title_stmt) == ("Машенька", "Пьеса")


def test_series_from_the_series_statement():
    root = etree.fromstring(f'<fileDesc xmlns="{T}"><titleStmt><title>T</title></titleStmt>'
                            '<seriesStmt><title>Early English books online.</title></seriesStmt></fileDesc>')
    assert series_title(root[0], root[1]) == "Early English books online."


def test_a_resp_statement_naming_editors_names_editors_and_no_other():
    title_stmt = stmt('<editor role="translator">Tr</editor><editor>Ed, One</editor>'
                      '<respStmt><resp>Editor</resp><name>Jonas Epple</name></respStmt>'
                      '<respStmt><resp>Hrsg.</resp><persName>Anna Alt</persName></respStmt>'
                      '<respStmt><resp key="http://id.loc.gov/vocabulary/relators/edt">edition</resp>'
                      '<persName>Rel Ator</persName></respStmt>'
                      '<respStmt><resp>Transkription und Kommentierung</resp>'
                      '<persName>X</persName></respStmt>'
                      '<respStmt><resp>TEI encoding and editorial data</resp><orgName>Y</orgName></respStmt>')
    assert editors(title_stmt) == [{"family": "Ed", "given": "One"}, {"literal": "Jonas Epple"},
                                   {"literal": "Anna Alt"}, {"literal": "Rel Ator"}]


def test_a_titlestmt_of_series_titles_only_is_titled_by_the_first_and_in_the_second():
    # the Digital Syriac Corpus: the work and the corpus, both at level "s"
    title_stmt = stmt('<title level="s">Book of the Laws of the Countries</title>'
                      '<title level="s">Digital Syriac Corpus</title>')
    assert title_parts(title_stmt)[0] == "Book of the Laws of the Countries"
    assert series_title(title_stmt) == "Digital Syriac Corpus"


def test_empty_titles_are_no_title():
    # IOSPE: empty Russian and Ukrainian titles before the English one
    title_stmt = stmt('<title xml:lang="ru"/><title xml:lang="uk"/>'
                      '<title xml:lang="en">Hourglass mark</title>')
    assert title_parts(title_stmt)[0] == "Hourglass mark"


def test_a_bibliography_entry_keeps_the_title_it_was_published_under():
    root = etree.fromstring(f'<TEI xmlns="{T}" xml:lang="en"><monogr>'
                            '<title xml:lang="ru">Воспоминания</title><title xml:lang="en">Memoirs</title>'
                            '</monogr></TEI>')
    assert title_parts(root[0])[0] == "Воспоминания"
