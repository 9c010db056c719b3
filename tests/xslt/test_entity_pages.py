"""Entity pages: mention counts that agree with the CSV, the printed index apart, dates and
a one-line description from the register, the data behind the cards."""

from __future__ import annotations

import csv
import json
import re

import pytest

from teikit import paths
from teikit.build import BuildSettings
from teikit.build import csv as csv_builder
from teikit.edition import Edition
from tests.xslt.support import MINI, build_text, built, page


def _csv_mentions(path, tmp) -> dict[str, int]:
    csv_builder.build(Edition.load(path), tmp, BuildSettings(exports_dir=tmp))
    counts = {}
    for table in ("persons", "places", "organizations"):
        with (tmp / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            counts.update({row["id"]: int(row["mentions"]) for row in csv.DictReader(f)})
    return counts


def _page_count(folder, file) -> int:
    heading = [h for h in page(folder, file).xpath("//h2/text()") if h.startswith("Mentions")]
    return int(re.search(r"\((\d+)\)", heading[0]).group(1))


def _cards(folder) -> dict:
    text = (folder / "entities-data.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"window\.TK_ENTITIES = (.*);\s*$", text, re.S).group(1))


@pytest.mark.parametrize("edition", [MINI, paths.EDITION], ids=["mini", "edition"])
def test_mention_counts_agree_with_the_csv(edition, tmp_path):
    expected = _csv_mentions(edition, tmp_path)
    folder = built(edition)[0]
    cards = _cards(folder)
    register = {}
    for name in ("persons", "places", "organizations"):
        if (folder / f"{name}.html").is_file():
            for li in page(folder, f"{name}.html").xpath("//ul[@class='register']/li"):
                register[li.xpath("string(a/@href)")] = li
    assert expected
    for eid, n in expected.items():
        file = f"{eid}.html"
        assert _page_count(folder, file) == n, eid
        assert cards[file][4] == n, eid
        count = register[file].xpath("string(span[@class='count'])")
        assert count == (f"({n})" if n else ""), eid


def test_the_printed_index_entry_is_listed_apart(tmp_path):
    folder = built(MINI)[0]
    doc = page(folder, "pers-stalin.html")
    assert doc.xpath("//h2/text()") == ["Mentions (1)", "In the printed index"]
    assert doc.xpath("//ul[@class='index-entries']/li/a/@href") == ["div-index.html#idx-stalin"]


def test_dates_and_description_come_from_the_register(tmp_path):
    tei = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <standOff><listPerson><person xml:id="p1"><persName>Ada Lovelace</persName>
        <birth when="1815-12-10"/><death when="1852-11-27">27 November 1852</death>
        <occupation>mathematician and writer, known for her work on Charles Babbage's proposed mechanical
          general-purpose computer, the Analytical Engine, and the first to see that it had uses beyond pure
          calculation</occupation></person>
        <person xml:id="p2"><persName>Someone</persName>
          <floruit notBefore="1600" notAfter="1620"/></person></listPerson>
        <listEvent><event xml:id="e1" from="1914" to="1918"><label>The war</label></event></listEvent>
      </standOff>
      <text><body><p><persName ref="#p1">Ada</persName> met <persName ref="#p2">someone</persName> in
        <name ref="#e1">the war</name>.</p></body></text></TEI>"""
    folder, _diags = build_text(tei, tmp_path)
    cards = _cards(folder)
    assert cards["p1.html"][:2] == ["Ada Lovelace", "1815–1852"]
    assert cards["p1.html"][2].startswith("mathematician and writer") and cards["p1.html"][2].endswith("…")
    assert len(cards["p1.html"][2]) <= 161
    assert cards["p2.html"][1] == "fl. 1600–1620"
    assert cards["e1.html"][1] == "1914–1918"
    person = page(folder, "p1.html")
    # the dates lead; the description is said once, whole, among the facts
    assert person.xpath("string(//p[@class='entity-summary'])") == "1815–1852"
    assert person.xpath("//dl[@class='entity-facts']/dt/text()") == ["death", "occupation"]
    assert person.xpath("string(//dl/dd[2])").strip().endswith("beyond pure\n          calculation")
    assert person.xpath("count(//*[contains(., 'mathematician and writer')][not(*)])") == 1


GEO = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Geo</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div><head>Brief</head><p><persName ref="#as">Schnitzler</persName> in
  <placeName ref="#wien">Wien</placeName> and
  <placeName ref="#nowhere">Nirgendwo</placeName>.</p></div></body>
  <back><listPerson><person xml:id="as"><persName>Arthur Schnitzler</persName>
    <birth><date when="1862-05-15">15. 5. 1862</date><settlement><placeName>Wien</placeName>
      <location><geo>48,208333 16,373056</geo></location></settlement></birth>
    <death><date when="1931-10-21">21. 10. 1931</date></death></person></listPerson>
  <listPlace><place xml:id="wien"><placeName>Wien</placeName>
    <location><geo>48.2083, 16.3731</geo></location></place>
    <place xml:id="nowhere"><placeName>Nirgendwo</placeName>
    <location><geo>north of the river</geo></location></place>
  </listPlace></back></text></TEI>"""


def test_coordinates_link_to_a_map_and_a_birth_is_dated_by_its_date(tmp_path):
    """geo in decimal commas or points becomes a map link (its text kept as written); other
    text in geo stays text; a birth holding a date, a place and coordinates is dated by its
    date alone ("1862–1931", not "15. 5. 1862 Wien 48,208333 16,373056–...")."""
    folder, _diags = build_text(GEO, tmp_path)
    person = page(folder, "as.html")
    assert person.xpath("string(//*[@class='entity-dates'])") == "1862–1931"
    links = {a.text_content(): a.get("href") for p in ("as.html", "wien.html", "nowhere.html")
             for a in page(folder, p).xpath("//*[@class='tei-geo']/a")}
    osm = "https://www.openstreetmap.org/?mlat={0}&mlon={1}#map=12/{0}/{1}"
    assert links == {"48,208333 16,373056": osm.format("48.208333", "16.373056"),
                     "48.2083, 16.3731": osm.format("48.2083", "16.3731")}
    assert page(folder, "nowhere.html").xpath("string(//*[@class='tei-geo'])") == "north of the river"
    cards = _cards(folder)
    assert cards["as.html"][1] == "1862–1931"


KEYED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Keys</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div><head>Brief</head><p><persName key="Beckh August von">Beckh</persName> an
  <persName key="escher">Escher</persName>, <persName key="Müller">Müller</persName>.</p></div></body>
  <back><listPerson><person xml:id="beckh" n="Beckh August von"><persName>August von Beckh</persName></person>
  <person xml:id="escher"><persName>Alfred Escher</persName></person></listPerson></back></text></TEI>"""


def test_a_key_naming_an_entry_links_to_its_page_and_counts_as_a_mention(tmp_path):
    """@key names an entry by its xml:id or by the entry's @n (the Escher letters' form,
    one value with spaces): the name links to the page and is counted there and in the CSV;
    a key naming nothing ("Müller") stays plain text."""
    source = tmp_path / "keyed.xml"
    source.write_text(KEYED, encoding="utf-8")
    (tmp_path / "site").mkdir()
    folder, _diags = build_text(KEYED, tmp_path / "site")
    links = page(folder, "div-1.html").xpath("//a[contains(@class, 'entity')]")
    assert [(a.text_content(), a.get("href")) for a in links] == [("Beckh", "beckh.html"),
                                                                  ("Escher", "escher.html")]
    assert _page_count(folder, "beckh.html") == 1
    assert _csv_mentions(source, tmp_path / "csv") == {"beckh": 1, "escher": 1}


FILED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Filed</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <standOff><listPlace><place xml:id="daubigny"><placeName>10, Rue Daubigny</placeName></place>
  <place xml:id="zuerich"><placeName>Zürich</placeName></place>
  <place xml:id="nfp"><placeName>„Neue Freie Presse“</placeName></place>
  <place xml:id="aachen"><placeName>Aachen</placeName></place>
  <place xml:id="berlin"><placeName>Berlin</placeName></place>
  <place xml:id="unbekannt"><placeName>[?]</placeName></place>
  <place xml:id="oesterreich"><placeName>Österreich</placeName></place></listPlace></standOff>
  <text><body><div xml:id="d"><p><placeName ref="#daubigny">Rue Daubigny</placeName>,
  <placeName ref="#zuerich">Zürich</placeName>, <placeName ref="#nfp">NFP</placeName>,
  <placeName ref="#aachen">Aachen</placeName>, <placeName ref="#berlin">Berlin</placeName>,
  <placeName ref="#unbekannt">?</placeName>, <placeName ref="#oesterreich">Wien</placeName>.</p></div></body>
  </text></TEI>"""


def test_a_register_is_filed_under_the_character_it_is_sorted_by(tmp_path):
    """Schnitzler's places: a name beginning with a digit ("10, Rue Daubigny") sorted among
    the numbers but was filed under R, so the headings ran R, A, T, A, R, … before A–Z (and
    two regions were both named "R"). Each heading now holds the entries of one character
    once, in order, anchored by that character (a link to the K's survives a new A)."""
    folder, _ = build_text(FILED, tmp_path)
    places = page(folder, "places.html")
    sections = places.xpath("//section[@class='register-letter']")
    filed = {s.xpath("string(h2)"): [a.text_content() for a in s.xpath(".//ul/li/a")] for s in sections}
    assert list(filed) == ["#", "0–9", "A", "B", "N", "O", "Z"]
    assert filed["0–9"] == ["10, Rue Daubigny"] and filed["N"] == ["„Neue Freie Presse“"]
    assert filed["O"] == ["Österreich"] and filed["#"] == ["[?]"]
    assert [s.xpath("string(h2/@id)") for s in sections] == [
        "letter-other", "letter-0-9", "letter-A", "letter-B", "letter-N", "letter-O", "letter-Z"]
    assert places.xpath("//nav[@class='az']//a/@href") == ["#" + s.xpath("string(h2/@id)") for s in sections]
    assert [s.get("aria-labelledby") for s in sections] == [s.xpath("string(h2/@id)") for s in sections]
