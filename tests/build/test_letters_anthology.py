"""Several letters in one file (tests/fixtures/letters-anthology/): a correspDesc each, the
text of each in a div whose @decls points at it, names that only point at the header's
particDesc. The letters index links each letter to its division, the division says who wrote
to whom, and the names are the persons' and places' the pointers name."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.collection import load_collection, tei_files

ANTHOLOGY = Path(__file__).resolve().parents[1] / "fixtures" / "letters-anthology"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("anthology")
    edition = load_collection(tei_files(ANTHOLOGY), name=ANTHOLOGY)
    run = build_formats(edition, ["html", "csv"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    assert not [d for d in run.diagnostics if d.code.startswith(("build.text", "build.broken"))], \
        [d.render() for d in run.diagnostics]
    return out


def test_empty_names_take_the_names_of_the_entries_they_point_at(site):
    with (site / "csv" / "letters.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["id"], r["sender"], r["addressee"], r["place_sent"], r["title"]) for r in rows] == [
        ("letter1", "Amalia Beer", "Giacomo Meyerbeer", "Berlin", "Amalia Beer → Giacomo Meyerbeer"),
        ("letter2", "L. Schoenberger", "Giacomo Meyerbeer", "London", "L. Schoenberger → Giacomo Meyerbeer")]


def test_each_letter_links_to_the_division_that_holds_it(site):
    index = lxml_html.fromstring((site / "html" / "letters.html").read_bytes())
    links = index.xpath("//section[@id='by-date']//tbody/tr/td[5]/a/@href")
    assert len(links) == 2 and all(link.startswith("anthology.html#") for link in links)
    page = lxml_html.fromstring((site / "html" / "anthology.html").read_bytes())
    said = ["From Amalia Beer (Berlin) to Giacomo Meyerbeer, 1815-02-28",
            "From L. Schoenberger (London) to Giacomo Meyerbeer, 4 March 1815"]
    for link, who in zip(links, said, strict=True):
        (div,) = page.xpath(f"//section[@id='{link.split('#')[1]}']")
        assert " ".join(div.xpath("string(p[@class='letter-meta'])").split()) == who
    # the person's page lists the letters received
    person = lxml_html.fromstring((site / "html" / "meyerbeer.html").read_bytes())
    assert "Letters received (2)" in person.xpath("//h2/text()")
