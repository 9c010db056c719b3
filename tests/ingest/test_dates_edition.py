"""The header, bibliography and dates passes inside the full ingest of the real source."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from teikit import paths
from teikit.ingest import pipeline
from teikit.ingest.context import IngestContext
from teikit.xmlio import NSMAP, TEI_NS

T = f"{{{TEI_NS}}}"


@pytest.fixture(scope="module")
def ctx() -> IngestContext:
    return pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR)


def _valid_iso(value: str) -> bool:
    if re.fullmatch(r"\d{4}", value):
        return True
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return 1 <= int(value[5:]) <= 12
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def test_my_passes_report_nothing(ctx: IngestContext) -> None:
    mine = [d for d in ctx.diagnostics if d.code.split(".")[0] in {"header", "bibliography", "dates"}]
    assert mine == []


def test_every_date_has_a_valid_iso_value(ctx: IngestContext) -> None:
    dates = ctx.root.xpath("//tei:text//tei:date[not(ancestor::tei:div[@type='bibliography'])]",
                           namespaces=NSMAP)
    assert len(dates) > 1000
    for date in dates:
        when, start, end = date.get("when"), date.get("from"), date.get("to")
        if when is not None:
            assert _valid_iso(when) and start is None and end is None, date.text
        else:
            assert start and end and _valid_iso(start) and _valid_iso(end) and start < end, date.text


def test_no_dates_where_numbers_are_not_dates(ctx: IngestContext) -> None:
    bad = ctx.root.xpath(
        "//tei:div[@type='index']//tei:date | //tei:ref[@type='noteref']//tei:date"
        " | //tei:teiHeader//tei:date[ancestor::tei:p] | //tei:sic//tei:date", namespaces=NSMAP)
    assert bad == []


def test_known_dates_of_the_memoir(ctx: IngestContext) -> None:
    values = {(d.text, d.get("when") or f"{d.get('from')}/{d.get('to')}")
              for d in ctx.root.iter(T + "date")}
    assert ("1 January 1928", "1928-01-01") in values
    assert ("9 August 1923", "1923-08-09") in values
    assert ("1879-1926", "1879/1926") in values
    assert ("July/August 1903", "1903-07/1903-08") in values


def test_bibliography_and_header_in_place(ctx: IngestContext) -> None:
    div = ctx.root.xpath("//tei:div[@type='bibliography']", namespaces=NSMAP)[0]
    assert len(div.findall(f".//{T}biblStruct")) == 77
    assert div.findtext(f"{T}head") == "Select Bibliography"
    header = ctx.root.find(f"{T}teiHeader")
    kinds = header.xpath(".//tei:sourceDesc/tei:biblStruct/tei:monogr/tei:idno/@type", namespaces=NSMAP)
    assert kinds == ["ISBN-10", "ISBN-13", "eISBN-13", "LCCN", "LCC", "DDC"]
    # Every @resp="#teikit" in the edition points at the header's respStmt.
    assert ctx.root.xpath("//tei:respStmt/@xml:id", namespaces=NSMAP).count("teikit") == 1
    pages = [pb.get("n") for pb in ctx.root.iter(T + "pb")]
    around = ["273", "274", "275", "276", "277"]
    assert [n for n in pages if n in around] == around
    # Imprint dates: a year, or empty for periodicals printed without an imprint.
    for date in div.iter(T + "date"):
        assert (date.text is None and date.get("when") is None) or date.get("when") == date.text
