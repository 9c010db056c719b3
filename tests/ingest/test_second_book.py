"""A second plain-text book, with editorial data of its own, ingests into valid, linked TEI.

The fixture (``tests/fixtures/ingest/skerry/``) is an invented book laid out unlike the
memoir: page markers ``-- 3 --``, a "Table of Contents", chapters numbered in roman
("I. The Crossing", labelled "Chapter I", notes headed "To Chapter I"), a foreword and an
afterword, an appendix table, "Endnotes", "Works Cited" and an "Index of Names" with
places and an organisation. Nothing in the code changes for it: only its editorial folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from teikit import api
from teikit.diagnostics import Severity
from teikit.ingest import pipeline
from teikit.xmlio import NSMAP

BOOK = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "skerry"
SOURCE, EDITORIAL = BOOK / "source.txt", BOOK / "editorial"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture ingested by the command line, as an editor would run it."""
    out = tmp_path_factory.mktemp("skerry") / "skerry.xml"
    done = subprocess.run([sys.executable, "-m", "teikit", "ingest", "--source", str(SOURCE),
                           "--editorial", str(EDITORIAL), "--output", str(out)],
                          capture_output=True, text=True, cwd=out.parent)
    assert done.returncode == 0, done.stderr
    assert "notes: 6 (6 linked both ways), markers: 6" in done.stdout
    return out


@pytest.fixture(scope="module")
def root(written: Path) -> etree._Element:
    return etree.parse(str(written)).getroot()


def xp(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=NSMAP)


def test_the_api_gives_the_same_bytes(written: Path) -> None:
    ctx = api.ingest(SOURCE, EDITORIAL)
    assert pipeline.serialize(ctx) == written.read_bytes()
    assert not [d for d in ctx.diagnostics if d.severity is not Severity.INFO]


def test_valid_against_the_customization_and_tei_all(written: Path) -> None:
    for schema in ("teikit", "tei_all"):
        report = api.validate([written], schema=schema)
        assert report.files and report.errors == 0, [str(d) for d in report.diagnostics]


def test_check_is_clean(written: Path) -> None:
    result = api.check([written])
    assert not [d for d in result.diagnostics if d.severity is not Severity.INFO], \
        [str(d) for d in result.diagnostics]


def test_divisions_from_its_own_layout(root: etree._Element) -> None:
    ids = [d.get("{http://www.w3.org/XML/1998/namespace}id") for d in xp(root, "//tei:text/*/tei:div")]
    assert ids == ["titlepage", "contents", "foreword", "ch01", "ch02", "ch03", "afterword", "tides",
                   "endnotes", "works-cited", "names"]
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:head[@type='label']/text()") == ["Chapter II"]
    assert xp(root, "//tei:div[@xml:id='ch02']/tei:head[not(@type)]/text()") == ["Winter on the Rock"]
    assert not xp(root, "//tei:argument")  # this book prints no chapter summaries
    assert xp(root, "//tei:div[@xml:id='foreword']/@type") == ["preface"]
    targets = xp(root, "//tei:div[@type='contents']//tei:ref/@target")
    assert len(targets) == 9 and all(xp(root, f"//*[@xml:id='{t[1:]}']") for t in targets)


def test_pages_recorded_and_inferred(root: etree._Element) -> None:
    pages = xp(root, "//tei:pb/@n")
    assert pages == ["i", "ii", "iii", "iv", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    assert xp(root, "//tei:pb[@n='3']/@type") == ["inferred"]


def test_notes_linked_both_ways_under_its_headings(root: etree._Element) -> None:
    sections = xp(root, "//tei:div[@type='notes-section']")
    assert [s.get("corresp") for s in sections] == ["#foreword", "#ch01", "#ch02", "#ch03", "#afterword"]
    assert xp(root, "//tei:div[@type='notes-section']/tei:head/text()")[1] == "To Chapter I"
    for note in xp(root, "//tei:note[@type='endnote']"):
        marker = xp(root, f"//tei:ref[@xml:id='{note.get('target')[1:]}']")[0]
        assert marker.get("target") == "#" + note.get("{http://www.w3.org/XML/1998/namespace}id")


def test_table_correction_and_dates(root: etree._Element) -> None:
    assert len(xp(root, "//tei:div[@xml:id='tides']/tei:table/tei:row")) == 3
    assert xp(root, "//tei:choice[tei:sic='Skerrv']/tei:corr//text()") == ["Skerry"]
    assert xp(root, "//tei:date[.='3 March 1871']/@when") == ["1871-03-03"]
    assert xp(root, "//tei:date[.='1871 to 1873']/@from") == ["1871"]


def test_persons_places_and_index(root: etree._Element) -> None:
    assert xp(root, "//tei:person/@xml:id") == ["pers-calder", "pers-mair", "pers-ross", "pers-stevenson",
                                                "pers-wren-margaret", "pers-wren-thomas"]
    assert xp(root, "//tei:place/@xml:id") == ["place-edinburgh", "place-leith", "place-skerry"]
    assert xp(root, "//tei:body//tei:persName[.='Hector Mair']/@ref") == ["#pers-mair", "#pers-mair"]
    # "Wren" alone names two people; the index lists only Thomas on that page
    assert xp(root, "//tei:note//tei:persName[.='Wren']/@ref") == ["#pers-wren-thomas"]
    assert xp(root, "//tei:div[@type='index']/tei:head/text()") == ["Index of Names"]
    refs = xp(root, "//tei:div[@type='index']//tei:ref[@type]")
    assert refs and all(xp(root, f"//*[@xml:id='{t[1:]}']") for r in refs for t in r.get("target").split())


def test_note_locators_find_their_section(root: etree._Element) -> None:
    """Four notes 1 are printed on page 7: each locator goes to the one naming its entry."""
    def target(entry: str) -> list[str]:
        return xp(root, f"//tei:item[@xml:id='idx-{entry}']/tei:ref[@type='note']/@target")
    assert target("calder") == ["#ch03-n01"] and target("mair") == ["#ch01-n01"]
    assert target("skerry") == ["#foreword-n01"]  # both foreword and chapter 2 name it: the data says
