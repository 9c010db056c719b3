"""A correspSearch CMIF file: one TEI file whose header lists a correspondence, a correspDesc
per letter, no texts, persons and places by authorities' URIs (tests/fixtures/letters-cmif/).
Each correspDesc is a letter of the index, of letters.csv and of the citations, linked to where
its @ref says it is published; the file's page lists them; a register entry that declares a
person's GND URI is that person, with the letters written and received on its page."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.cite.export import all_items
from teikit.collection import load_collection, tei_files

CMIF = Path(__file__).resolve().parents[1] / "fixtures" / "letters-cmif"
REGISTER = CMIF / "persons.xml"


def _edition():
    files = [f for f in tei_files(CMIF) if f != REGISTER]  # the register is given apart, as --register
    return load_collection(files, name=CMIF, registers=[REGISTER])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cmif")
    run = build_formats(_edition(), ["html", "csv"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    assert not [d for d in run.diagnostics if d.code == "build.text-lost"], run.diagnostics
    return out


def _page(site: Path, name: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / "html" / name).read_bytes())


def test_each_correspdesc_is_a_row_of_letters_csv(site):
    with (site / "csv" / "letters.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["id"], r["date"], r["date_text"], r["date_of"]) for r in rows] == [
        ("A044980", "1810-07-11", "1810-07-11–1810-07-18?", "sent"),
        ("cmif-3", "1819-08-05", "5. August 1819", "sent"),
        ("cmif-2", "1825-05-12", "12. Mai 1825", "received")]
    assert rows[0]["url"] == "http://www.weber-gesamtausgabe.de/A044980" and rows[1]["url"] == ""
    # the edition its @source names, a bibl of the file's sourceDesc
    assert {r["source"] for r in rows} == {"Carl-Maria-von-Weber-Gesamtausgabe. Digitale Edition."}
    # Weber is the register's, by the GND number its idno declares (http or https, final slash)
    assert [r["addressee_id"] for r in rows][0] == "weber" and rows[2]["sender_id"] == "weber"
    assert rows[0]["sender_id"] == "http://d-nb.info/gnd/118814044"  # an authority alone: its URI


def test_the_letters_index_links_each_letter_where_it_is_published(site):
    rows = _page(site, "letters.html").xpath("//section[@id='by-date']//tbody/tr")
    assert [r.get("data-date") for r in rows] == ["1810-07-11", "1819-08-05", "1825-05-12"]
    assert rows[0].xpath("td[5]/a/@href") == ["http://www.weber-gesamtausgabe.de/A044980"]
    assert rows[1].xpath("td[5]/a/@href") == ["cmif.html"]  # no @ref: the file that describes it
    assert rows[2].xpath("string(td[1])") == "12. Mai 1825 (received)"
    assert rows[1].xpath("string(td[5]/small[@class='letter-source'])") == \
        "Carl-Maria-von-Weber-Gesamtausgabe. Digitale Edition."
    # a person the register knows links to its page, one known by an authority alone to it
    assert rows[0].xpath("td[3]/a/@href") == ["weber.html"]
    assert rows[0].xpath("td[2]/a/@href") == ["http://d-nb.info/gnd/118814044"]


def test_one_correspondent_written_two_ways_is_one_group(site):
    """Weber is "Weber, Carl Maria von" in two letters and "C. M. v. Weber" in the third: one
    group, headed by the name his first letter gives, linked to his page."""
    index = _page(site, "letters.html")
    groups = {" ".join(h.text_content().split()): len(h.xpath("following-sibling::ul[1]/li"))
              for h in index.xpath("//section[@id='by-correspondent']/h3")}
    assert groups == {"Dietrichstein, Moritz von": 1, "Gänsbacher, Johann": 1, "Pastenaci, E.": 1,
                      "Weber, Carl Maria von": 3}
    heading = "//section[@id='by-correspondent']/h3/a[.='Weber, Carl Maria von']/@href"
    assert index.xpath(heading) == ["weber.html"]


def test_the_files_page_lists_the_letters_it_describes_and_claims_none(site):
    page = _page(site, "cmif.html")
    assert page.xpath("string(//section[@class='letters-described']/h2)") == "Letters described (3)"
    assert len(page.xpath("//section[@class='letters-described']//tbody/tr")) == 3
    assert not page.xpath("//p[@class='letter-meta'] | //nav[@class='letter-nav']")


def test_the_registers_person_lists_the_letters_written_and_received(site):
    headings = _page(site, "weber.html").xpath("//h2/text()")
    assert "Letters written (2)" in headings and "Letters received (1)" in headings


def test_each_letter_is_cited_with_where_it_is_published():
    items = {i["id"]: i for i in all_items(_edition().tree)[0] if i.get("genre") == "letter"}
    assert sorted(items) == ["A044980", "cmif-2", "cmif-3"]
    assert items["A044980"]["URL"] == "http://www.weber-gesamtausgabe.de/A044980"
    assert items["A044980"]["title"] == "Gänsbacher, Johann → Weber, Carl Maria von"
    assert items["cmif-2"]["author"] == [{"literal": "C. M. v. Weber"}]
    assert "URL" not in items["cmif-3"]
    assert items["cmif-3"]["note"] == "Printed in: Carl-Maria-von-Weber-Gesamtausgabe. Digitale Edition."
