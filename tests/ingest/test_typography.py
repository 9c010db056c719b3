"""Inline encoding of a line: escaping, italics, markers, year ranges, corrections."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from teikit import xmlio
from teikit.ingest.corrections import Correction
from teikit.ingest.typography import convert, is_title

T = f"{{{xmlio.TEI_NS}}}"


def test_markup_characters_are_escaped():
    p, _ = convert('a < b & c > "d"')
    assert p.text == 'a < b & c > "d"'


def test_superscripts_become_markers():
    p, _ = convert("the end.¹² Next")
    ref = p.find(T + "ref")
    assert ref.get("type") == "noteref" and ref.get("n") == "12" and ref.text == "12"
    assert ref.tail == " Next"


def test_year_range_superscripts_are_repaired_not_markers():
    p, repairs = convert("superfluous in 1948⁵⁰ Stalin")
    assert p.find(T + "ref") is None
    choice = p.find(T + "choice")
    assert choice.findtext(T + "sic") == "1948⁵⁰"
    assert choice.findtext(T + "corr") == "1948–50"
    assert choice.find(T + "corr").get("resp") == "#teikit"
    assert repairs.year_ranges == 1


def test_four_digit_year_range_superscripts():
    p, _ = convert("Ivanov (1887¹⁹³⁷), an old Bolshevik")
    assert p.find(T + "choice").findtext(T + "corr") == "1887–1937"
    assert p.find(T + "ref") is None


def test_superscript_after_a_year_that_is_not_later_is_a_marker():
    p, _ = convert("in 1925¹² and")
    assert p.find(T + "ref").get("n") == "12"


def test_italics_and_titles():
    p, _ = convert("use *any* means; read *Avec Staline dans le Kremlin* and *glasnost*")
    assert [(el.tag, el.text) for el in p] == [
        (T + "hi", "any"), (T + "title", "Avec Staline dans le Kremlin"), (T + "hi", "glasnost")]
    assert p[1].get("level") == "m"
    assert is_title("The Storm Petrels") and not is_title("Rezident") and not is_title("by conviction")
    assert not is_title("For Politburo members only.")


def test_html_italics_in_table_cells():
    cell, _ = convert("(Gorbachev's <i>glasnost</i>)", tag="cell")
    assert cell.tag == T + "cell" and cell.find(T + "hi").text == "glasnost"


def test_corrections_become_choices():
    c = Correction(10, "Sovietsformerly", "Soviets—formerly", "lost dash", 2)
    p, repairs = convert("the Sovietsformerly the", [c])
    choice = p.find(T + "choice")
    assert choice.findtext(T + "sic") == "Sovietsformerly"
    assert choice.findtext(T + "corr") == "Soviets—formerly"
    assert repairs.applied == [c]


def test_conjectured_marker():
    c = Correction(5, "She killed herself.", "9", "conjectured-marker", 3)
    p, _ = convert("She killed herself. (I was", [c])
    ref = p.find(T + "ref")
    assert p.text == "She killed herself."
    assert ref.get("cert") == "low" and ref.get("resp") == "#teikit" and ref.get("n") == "9"
    assert ref.find(T + "supplied").text == "9"


SPECIAL = "*⁰¹²³⁴⁵⁶⁷⁸⁹\ue000\ue001"
plain = st.text(st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters=SPECIAL))


@given(plain)
def test_plain_text_survives_unchanged(text):
    p, _ = convert(text)
    assert "".join(p.itertext()) == text


def test_day_ranges_that_lost_their_dash_are_repaired() -> None:
    """The memoir's two cases (issue #18): "910 November 1799", "(1618 January)"."""
    from teikit.ingest.typography import convert as _convert

    el, repairs = _convert("the 910 November 1799 coup", years=(1700, 1999))
    assert repairs.day_ranges == 1
    assert el.findtext(f"{{{xmlio.TEI_NS}}}choice/{{{xmlio.TEI_NS}}}sic") == "910 November 1799"
    assert el.findtext(f"{{{xmlio.TEI_NS}}}choice/{{{xmlio.TEI_NS}}}corr") == "9–10 November 1799"
    el, _ = _convert("conference (1618 January) of", years=(1700, 1999))
    assert el.findtext(f"{{{xmlio.TEI_NS}}}choice/{{{xmlio.TEI_NS}}}corr") == "16–18 January"
    # no pair of days (19 is not before 17), or a year of the edition's span
    for text in ("in 1917 November came", "the 1925 May Day parade", "on 2011 May"):
        _el, repairs = _convert(text, years=(1700, 1999))
        assert repairs.day_ranges == 0 and _el.find(f"{{{xmlio.TEI_NS}}}choice") is None, text
    _el, repairs = _convert("the 1925 May Day parade", years=(1700, 1899))
    assert repairs.day_ranges == 1  # 1925 is no year of this book: days 19-25
