"""A correspondence: a folder of letters described by correspDesc and a separate person
register, built as one collection. The letters index, the previous/next letters, the person
pages, letters.csv and the CSL-JSON letters all read the letters alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.check import check_paths
from teikit.cite.export import all_items, write_citations
from teikit.collection import load_collection, tei_files
from tests.build.test_epub import epubcheck, problems

LETTERS = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
BY_DATE = ["l1", "l2", "l3", "l4"]  # 1807-01-29, 1807-03-02, May 1810, undated


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("letters")
    edition = load_collection(tei_files(LETTERS), name=LETTERS)
    run = build_formats(edition, ["html", "epub", "csv"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    assert not [d for d in run.diagnostics if d.code.startswith("build.text")], run.diagnostics
    return out


def _page(site: Path, name: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / "html" / name).read_bytes())


def test_letters_csv_lists_them_by_date_with_senders_and_addressees(site):
    with (site / "csv" / "letters.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == BY_DATE
    first = rows[0]
    assert (first["sender"], first["addressee"]) == ("Adelbert von Chamisso", "Louis de La Foye")
    assert (first["sender_id"], first["addressee_id"]) == ("chamisso", "lafoye")
    assert (first["place_sent"], first["place_received"]) == ("Vertus", "Caen")
    assert (rows[2]["date"], rows[2]["date_text"]) == ("1810-05-01", "May 1810")
    assert rows[3]["date"] == ""  # undated, last
    meta = json.loads((site / "csv" / "csv-metadata.json").read_text(encoding="utf-8"))
    assert "letters.csv" in [t["url"] for t in meta["tables"]]


def test_the_letters_index_agrees_with_the_csv(site):
    index = _page(site, "letters.html")
    rows = index.xpath("//section[@id='by-date']//tbody/tr")
    titles = [r.xpath("string(td[5])").strip() for r in rows]
    with (site / "csv" / "letters.csv").open(encoding="utf-8", newline="") as f:
        assert titles == [r["title"] for r in csv.DictReader(f)]
    assert [r.get("data-date") for r in rows] == ["1807-01-29", "1807-03-02", "1810-05-01", ""]
    assert rows[3].xpath("string(td[1])") == "undated"
    assert [h.text_content() for h in index.xpath("//section[@id='by-correspondent']/h3")] == [
        "Adelbert von Chamisso", "Germaine de Staël", "Louis de La Foye"]
    assert index.xpath("//section[@id='by-correspondent']/h3/a/@href")[0] == "chamisso.html"
    assert index.xpath("//section[@id='by-place']/h3/text()") == ["Caen", "Coppet", "Paris", "Vertus"]
    # every page's navigation leads to it
    assert _page(site, "index.html").xpath("//nav[@class='site-nav']//a[@href='letters.html']")


def test_a_letter_shows_its_neighbours_in_time_and_in_its_correspondence(site):
    page = _page(site, "l2.html")  # a short letter is one page, named by its xml:id
    meta = page.xpath("string(//p[@class='letter-meta'])")
    assert " ".join(meta.split()) == ("From Louis de La Foye (Caen) to Adelbert von Chamisso (Vertus), "
                                      "2 March 1807")
    nav = [" ".join(li.text_content().split()) for li in page.xpath("//nav[@class='letter-nav']//li")]
    assert nav == ["Previous letter: Chamisso to La Foye, 29 January 1807",
                   "Next letter: Chamisso to de Staël, May 1810",
                   "Previous in this correspondence: Chamisso to La Foye, 29 January 1807",
                   "All letters"]


def test_a_persons_page_lists_the_letters_written_and_received(site):
    page = _page(site, "chamisso.html")
    headings = page.xpath("//h2/text()")
    assert "Letters written (2)" in headings and "Letters received (2)" in headings


def test_pointers_into_other_documents_are_links_and_mentions(site):
    answer = _page(site, "l1.html").xpath("//a[normalize-space()='your answer']/@href")
    assert answer == ["l2.html#l2-text"]
    mentions = _page(site, "chamisso.html").xpath("//h2[starts-with(., 'Mentions')]/text()")
    assert mentions == ["Mentions (1)"]  # 'Adelbert' in the second letter, ref="persons.xml#chamisso"
    assert check_paths([LETTERS]).diagnostics == []  # check resolves them file by file


def test_the_collection_epub_passes_epubcheck(site):
    assert problems(epubcheck(next(site.glob("*.epub")))) == []


def test_letters_are_cited_as_letters(tmp_path):
    edition = load_collection(tei_files(LETTERS), name=LETTERS)
    items = {i["id"]: i for i in all_items(edition.tree)[0]}
    first = items["l1"]
    assert (first["type"], first["genre"]) == ("personal_communication", "letter")
    assert first["title"] == "Chamisso to La Foye, 29 January 1807"
    assert first["author"] == [{"literal": "Adelbert von Chamisso"}]
    assert first["recipient"] == [{"literal": "Louis de La Foye"}]
    assert first["issued"] == {"date-parts": [[1807, 1, 29]]} and first["publisher-place"] == "Vertus"
    assert "issued" not in items["l4"]
    # valid against the official CSL-JSON schema (which has no type "letter")
    schema_path = Path(__file__).resolve().parents[3] / "shared" / "reference" / "csl-data.json"
    if schema_path.is_file():
        import jsonschema

        jsonschema.validate([items[k] for k in BY_DATE], json.loads(schema_path.read_text(encoding="utf-8")))
    write_citations(edition.tree, tmp_path / "cit", stem="letters")
    assert "@letter{l1," in (tmp_path / "cit" / "letters.bib").read_text(encoding="utf-8")
    ris = (tmp_path / "cit" / "letters.ris").read_text(encoding="utf-8")
    assert "TY  - PCOMM" in ris and "A3  - Louis de La Foye" in ris


def test_a_names_own_type_gives_its_side_in_index_csv_and_citations(tmp_path):
    """Editions that put both parties in the 'sent' action and tell them apart by the name's
    @type (the Escher letters): the addressee is the addressee everywhere, not a second sender."""
    letter = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="K1"><teiHeader><fileDesc><titleStmt>'
        '<title>Escher an Stocker</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
        '</sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent">'
        '<persName type="addressee">Johann Stocker</persName><persName type="sender">Alfred Escher</persName>'
        '<placeName>Zürich</placeName><date when="1850-04-05">5. April 1850</date></correspAction>'
        '</correspDesc></profileDesc></teiHeader><text><body><p>Lieber Freund.</p></body></text></TEI>')
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "K1.xml").write_text(letter, encoding="utf-8")
    out = tmp_path / "out"
    edition = load_collection(tei_files(folder), name=folder)
    run = build_formats(edition, ["html", "csv"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    with (out / "csv" / "letters.csv").open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["sender"], row["addressee"]) == ("Alfred Escher", "Johann Stocker")
    (tr,) = _page(out, "letters.html").xpath("//section[@id='by-date']//tbody/tr")
    assert (tr.xpath("string(td[2])").strip(), tr.xpath("string(td[3])").strip()) == (
        "Alfred Escher", "Johann Stocker")
    (item,) = [i for i in all_items(edition.tree)[0] if i.get("type") == "personal_communication"]
    assert item["author"] and item["recipient"]
    assert "Stocker" in json.dumps(item["recipient"]) and "Stocker" not in json.dumps(item["author"])


def test_the_title_page_says_what_the_collection_holds(site):
    """Not the source description teikit wrote into the collection's header ("Transcribes:
    the documents listed in the teiCorpus"), but how many documents and letters, of which
    years, and a way into the letters."""
    title_page = _page(site, "index.html")
    assert title_page.xpath("string(//*[@class='collection-summary'])").split() == \
        ["5", "documents", "·", "4", "letters,", "1807–1810"]  # persons.xml is read as a member here
    assert not title_page.xpath("//*[@class='source']")
    assert "letters.html" in title_page.xpath("//p[@class='start']/a/@href")
