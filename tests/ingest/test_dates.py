"""The dates pass: recognition (positives and negatives), ISO values, wrapping in a tree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teikit import paths
from teikit.ingest import book, dates
from teikit.ingest.context import IngestContext, SourceText
from teikit.ingest.dates_parse import MONTHS, find_dates, range_end
from teikit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
# The memoir's span of years (book.toml [dates] years): its sentences are the cases here.
YEARS = book.load(paths.EDITORIAL_DIR).years


def found(text: str, years: tuple[int, int] = YEARS) -> list[tuple[str, dict[str, str]]]:
    return [(text[a:b], attrs) for a, b, attrs in find_dates(text, years)]


def test_the_span_of_years_is_the_editions() -> None:
    assert YEARS == (1700, 1999)
    assert found("in 2015 and 1650 he") == []
    assert found("in 2015 and 1650 he", (1600, 2099)) == [("2015", {"when": "2015"}),
                                                          ("1650", {"when": "1650"})]
    assert found("on 9 May 2015", (1600, 2099)) == [("9 May 2015", {"when": "2015-05-09"})]

@pytest.mark.parametrize(("text", "expected"), [
    # Real sentences of the source.
    ("Bazhanov escaped from the USSR on 1 January 1928. He was",
     [("1 January 1928", {"when": "1928-01-01"})]),
    ("settled in Paris in September 1928. The French", [("September 1928", {"when": "1928-09"})]),
    ("from 1923 until 1925. Prior to that he had spent 1922 and half of 1923",
     [("1923 until 1925", {"from": "1923", "to": "1925"}), ("1922", {"when": "1922"}),
      ("1923", {"when": "1923"})]),
    ("S. V. Petliura (1879-1926) was", [("1879-1926", {"from": "1879", "to": "1926"})]),
    ("From 1917-20, he was engaged", [("1917-20", {"from": "1917", "to": "1920"})]),
    ("in 1920/21, secretary of the", [("1920/21", {"from": "1920", "to": "1921"})]),
    ("Serebriakova (1905-?), a well-", [("1905", {"when": "1905"})]),
    ("(1897-) was", [("1897", {"when": "1897"})]),
    ("(1896-, also known as", [("1896", {"when": "1896"})]),
    ("the decisive struggle of 1925-6, ", [("1925-6", {"from": "1925", "to": "1926"})]),
    ("2\tJuly/August 1903\tBrussels", [("July/August 1903", {"from": "1903-07", "to": "1903-08"})]),
    ("the Thirteenth Congress was 22 to 31 May 1924)",
     [("22 to 31 May 1924", {"from": "1924-05-22", "to": "1924-05-31"})]),
    ("In those years, the 1920s, Stalin", [("1920s", {"from": "1920", "to": "1929"})]),
    ("in the mid-1930s", [("1930s", {"from": "1930", "to": "1939"})]),
    ("on August 9, 1923 the", [("August 9, 1923", {"when": "1923-08-09"})]),
    ("between 1923 and 1925", [("1923 and 1925", {"from": "1923", "to": "1925"})]),
    ("the abortive insurrection of July [1917], Lenin", [("July [1917]", {"when": "1917-07"})]),
    ("the 1920–25 period", [("1920–25", {"from": "1920", "to": "1925"})]),
    ("Aleksandrovich Potemkin (1739-1791), famous", [("1739-1791", {"from": "1739", "to": "1791"})]),
    ("the 910 November 1799 coup", [("November 1799", {"when": "1799-11"})]),
    ("the 9-10 November 1799 coup", [("9-10 November 1799", {"from": "1799-11-09", "to": "1799-11-10"})]),
])
def test_dates_found(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "they would fetch me at 1600 hours, to meet",  # a time
    "book (*Avec Staline*, p. 1014):",  # a page
    "the Fifteenth Party conference (1618 January) of",  # a mangled day range, not a year
    "DK268.S8B3213 1990",  # a call number
    "ISBN 0-8214-0948-4", "89-35310", "947.084 '2 '092dc20",
    "Page 245", "245 n11", "about 1500 men", "1,923 rubles", "19230", "1923.5",
    "48°.27'N", "a ransom of $1920", "1990eb", "government1917-1936",
    "in 1938-1883", "on 31 June", "the 1st of January", "No. 1924", "1650 versts",
])
def test_not_dates(text: str) -> None:
    assert found(text) == []


def test_impossible_day_falls_back_to_month() -> None:
    assert found("on 31 June 1923") == [("June 1923", {"when": "1923-06"})]


def test_range_end() -> None:
    assert range_end("1918", "22") == 1922
    assert range_end("1925", "6") == 1926
    assert range_end("1925", "3") is None
    assert range_end("1883", "1938") == 1938
    assert range_end("1918", "12") is None  # would run backwards
    assert range_end("1700", "1899") is None  # longer than a lifespan


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(1999, 12, 31)),
       st.sampled_from(["dmy", "mdy"]))
def test_any_real_day_round_trips(day: dt.date, style: str) -> None:
    month = MONTHS[day.month - 1]
    text = f"{day.day} {month} {day.year}" if style == "dmy" else f"{month} {day.day}, {day.year}"
    assert found(f"It happened on {text}, they said.") == [(text, {"when": day.isoformat()})]


@settings(max_examples=200, deadline=None)
@given(st.integers(1700, 1998), st.integers(1, 60))
def test_any_year_range_round_trips(start: int, length: int) -> None:
    end = start + length
    short = f"{end % 100:02d}" if end // 100 == start // 100 else str(end)
    assert found(f"from {start}-{short} he") == [(f"{start}-{short}", {"from": str(start), "to": str(end)})]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 99999).filter(lambda n: not 1700 <= n <= 1999),
       st.sampled_from(["in {}", "p. {}", "{} men", "page {}", "{}", "({})", "on {} March"]))
def test_numbers_outside_the_year_span_are_never_dates(n: int, template: str) -> None:
    assert found(template.format(n)) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1700, 1999), st.sampled_from(["p. {}", "pp. {}", "{} men", "at {} hours", "{}5",
                                                 "1{}", "{},000", "No. {}", "$ {}"]))
def test_years_in_non_date_context_are_not_dates(n: int, template: str) -> None:
    assert found(template.format(n)) == []


def _tree() -> etree._Element:
    root = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><p>1990</p></fileDesc></teiHeader><text>'
        '<front><div type="preface"><p>Written in 1979.</p></div></front>'
        '<body><div type="chapter"><p>I was born in 1900<ref type="noteref" n="1">1</ref> and '
        '<persName>Tsar 1917</persName> in <hi>May 1923</hi>.<pb n="1923"/></p></div></body>'
        '<back><div type="notes"><note><p>Petliura (1879-1926).</p></note></div>'
        '<div type="bibliography"><listBibl><bibl>Putnam, New York, 1945.</bibl></listBibl></div>'
        '<div type="index"><list><item>Stalin, 1923, 1924</item></list></div></back></text></TEI>')
    return root


def test_pass_tags_text_and_notes_only() -> None:
    ctx = IngestContext(source=SourceText(Path("x.txt"), []), editorial_dir=paths.EDITORIAL_DIR)
    ctx.tree = _tree().getroottree()
    dates.run(ctx)
    tagged = [(d.text, dict(d.attrib)) for d in ctx.root.iter(T + "date")]
    assert tagged == [("1979", {"when": "1979"}), ("1900", {"when": "1900"}),
                      ("May 1923", {"when": "1923-05"}), ("1879-1926", {"from": "1879", "to": "1926"})]
    # Untouched: header, the marker's number, names, the bibliography and the index.
    assert ctx.root.find(f".//{T}ref").text == "1"
    assert ctx.root.find(f".//{T}bibl").text == "Putnam, New York, 1945."
    assert ctx.root.find(f".//{T}item").text == "Stalin, 1923, 1924"
    # Re-running finds nothing new (dates already tagged are skipped).
    dates.run(ctx)
    assert len(list(ctx.root.iter(T + "date"))) == 4


@pytest.mark.parametrize(("text", "expected"), [
    # the memoir's four coordinated dates (issue #18), each of the pair tagged
    ("In April and May 1921 the", [("April", {"when": "1921-04"}), ("May 1921", {"when": "1921-05"})]),
    ("On 14 and 15 January 1924 he", [("14", {"when": "1924-01-14"}),
                                      ("15 January 1924", {"when": "1924-01-15"})]),
    ("in March and April 1922.", [("March", {"when": "1922-03"}), ("April 1922", {"when": "1922-04"})]),
    ("on 1, 2 and 3 May 1920", [("1", {"when": "1920-05-01"}), ("2", {"when": "1920-05-02"}),
                                ("3 May 1920", {"when": "1920-05-03"})]),
    # not a pair: a real day range, and no day 31 in April
    ("from 9-10 November 1799", [("9-10 November 1799", {"from": "1799-11-09", "to": "1799-11-10"})]),
    ("on 30 and 31 April 1921", [("April 1921", {"when": "1921-04"})]),
])
def test_coordinated_dates(text: str, expected: list) -> None:
    assert found(text) == expected
