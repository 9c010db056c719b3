"""Registers given apart (build --register): a bibliography register is shown (works.html and
a page per cited work), an entry nothing points at is shown whole on its register's page
rather than on a page of its own, every word of the registers is counted by the text check,
and a member named like a register entry keeps a name of its own, not its position
(tests/xslt/test_member_page_names.py: more names).

The fixture (tests/fixtures/registers/) is a diary of three entries with three registers:
persons (one named, one not), places (two named, three not) and works (three cited, by a
ref, a quote's @source, a bibl's @corresp and a title's @ref; one not). One entry is
weimar.xml, named like the place "weimar".
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from teikit.build import BuildSettings, preservation
from teikit.build.run import build_formats
from teikit.collection import load_collection, tei_files
from tests.build.test_epub import epubcheck, problems
from tests.xslt.support import FIXTURES, broken_links, norm, page

DIARY = FIXTURES / "registers" / "diary"
REGISTERS = [FIXTURES / "registers" / "registers" / f"{name}.xml" for name in ("persons", "places", "works")]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("registers")
    edition = load_collection(tei_files(DIARY), name=DIARY, registers=REGISTERS)
    run = build_formats(edition, ["html", "epub", "csv"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    assert not [d for d in run.diagnostics if d.code.startswith("build.text")], run.diagnostics
    return out


def _rows(site: Path, table: str) -> list[dict[str, str]]:
    with (site / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_bibliography_register_is_listed_with_a_page_per_cited_work(site):
    html = site / "html"
    works = page(html, "works.html")
    assert norm(works.xpath("string(//h1)")) == "Works cited"
    listed = [norm(li.text_content()) for li in works.xpath("//ul[@class='register']/li")]
    # filed by title, with how often it is cited, and the citation whole (session 15)
    assert listed[0] == "Faust. Ein Fragment (2) Goethe, Faust. Ein Fragment, Leipzig: Göschen, 1790."
    assert works.xpath("//li[@id = 'faust']/a[@class = 'entity-name']/@href") == ["faust.html"]
    assert len(listed) == 4 and any("Metamorphose der Pflanzen" in t for t in listed)
    # each cited work: its citation as written, and the entries citing it, by any pointer
    faust = page(html, "faust.html")
    assert "Leipzig: Göschen, 1790" in norm(faust.xpath("string(//div[@class='work-citation'])"))
    assert faust.xpath("//ul[@class='citing-units']//a/@href") == ["1821-05-03.html", "1821-05-04.html"]
    assert page(html, "farbenlehre.html").xpath("//ul[@class='citing-units']//a/@href") == ["1821-05-03.html"]
    assert page(html, "divan.html").xpath("//ul[@class='citing-units']//a/@href") == ["1821-05-04.html"]
    # the entry's ref to the work is a link to it (it was a span marked "unresolved")
    entry = page(html, "1821-05-03.html")
    assert entry.xpath("//a[normalize-space()='the Faust fragment']/@href") == ["faust.html"]
    # so is a title naming it
    assert page(html, "1821-05-04.html").xpath("//a[cite[normalize-space()='Faust']]/@href") == ["faust.html"]
    assert page(html, "toc.html").xpath("//ul[@class='toc-registers']//a[@href='works.html']")


def test_the_works_are_in_the_epub_and_the_bibliography_csv(site):
    import zipfile

    with zipfile.ZipFile(site / "diary.epub") as book:
        register = book.read("EPUB/text/tk-register.xhtml").decode("utf-8")
    assert "Zur Farbenlehre" in register and "Metamorphose der Pflanzen" in register
    ids = {r["id"]: r for r in _rows(site, "bibliography")}
    assert {"faust", "farbenlehre", "divan", "metamorphose"} <= set(ids)
    assert ids["metamorphose"]["pub_place"] == "Gotha"


def test_the_text_check_counts_the_registers_words(site, tmp_path):
    edition = load_collection(tei_files(DIARY), name=DIARY, registers=REGISTERS)
    source, where = preservation.edition_words(edition)
    assert source["pflanzen"] == 1 and source["philologist"] == 1
    assert "works.xml" in where["pflanzen"]
    # the site holds them; without the works page (as before the works register was shown),
    # the check says which words are missing and that they come from works.xml
    assert preservation.site_report(source, where, site / "html").lost_count == 0
    copy = tmp_path / "html"
    shutil.copytree(site / "html", copy)
    (copy / "works.html").unlink()
    report = preservation.site_report(source, where, copy)
    assert report.lost["pflanzen"] == 1
    found = preservation.diagnostics(report, "diary")
    assert found[0].code == "build.text-lost" and "works.xml" in found[0].message
    # and the links to the page taken away lead nowhere
    dead = [d.message for d in found[1:] if d.code == "build.broken-link"]
    assert dead and len(dead) == len(found) - 1 and all("holds no file works.html" in m for m in dead)


def test_entries_nothing_points_at_are_shown_on_their_register_page(site):
    html = site / "html"
    # a page only for what the diary names; every entry listed
    for name in ("weimar", "jena", "eckermann", "faust", "farbenlehre", "divan"):
        assert (html / f"{name}.html").is_file(), name
    for name in ("ilmenau", "karlsbad", "dornburg", "riemer", "metamorphose"):
        assert not (html / f"{name}.html").exists(), name
    places = page(html, "places.html")
    assert places.xpath("//ul[@class='register']/li/a/@href") == ["jena.html", "weimar.html"]
    karlsbad = places.xpath("//li[@id='karlsbad']")[0]
    assert norm(karlsbad.text_content()) == ("Karlsbad NamesKarlovy Vary (modern)"
                                             "DescriptionSpa visited in summers")
    assert "51.01 11.65" in places.xpath("string(//li[@id='dornburg'])")
    riemer = page(html, "persons.html").xpath("//li[@id='riemer']")[0]
    assert "1774–1845" in riemer.text_content() and "never named in this diary" in riemer.text_content()
    assert "Metamorphose" in page(html, "works.html").xpath("string(//li[@id='metamorphose'])")
    # the cards point at the entry where it is shown
    assert '"places.html#ilmenau"' in (html / "entities-data.js").read_text(encoding="utf-8")
    # the CSVs still list every entry
    assert [r["id"] for r in _rows(site, "places")] == ["weimar", "jena", "ilmenau", "karlsbad", "dornburg"]
    assert [r["id"] for r in _rows(site, "persons")] == ["eckermann", "riemer"]


def test_entries_the_text_names_are_shown_whole_on_their_register_page_too(site):
    """An entry of a register file that the diary names was a bare link on the register page
    ("Jena (1)"): the authority file is the only place the edition says who or what it is, and
    a reader scanning the register saw names only. Now the link, the count and the entry."""
    html = site / "html"
    jena = page(html, "places.html").xpath("//li[@id='jena']")[0]
    assert jena.xpath("a[@class = 'entity-name']/@href") == ["jena.html"]
    assert norm(jena.text_content()) == "Jena (1) descUniversity town on the Saale"
    eckermann = page(html, "persons.html").xpath("//li[@id='eckermann']")[0]
    assert eckermann.xpath("a/@href") == ["eckermann.html"]
    assert "1792–1854" in eckermann.text_content() and "secretary" in eckermann.text_content()
    # one name each: the link is the name, not repeated beside it
    assert norm(eckermann.text_content()).count("Eckermann") == 1


def test_links_resolve_and_the_epub_passes_epubcheck(site):
    assert broken_links(site / "html") == []
    assert problems(epubcheck(site / "diary.epub")) == []


def test_epubs_per_document_hold_the_entries_their_document_names_and_say_what_none_holds(tmp_path):
    edition = load_collection(tei_files(DIARY), name=DIARY, registers=REGISTERS)
    run = build_formats(edition, ["epub"], BuildSettings(exports_dir=tmp_path, epub_per_document=True))
    assert run.committed, [d.render() for d in run.diagnostics]
    assert not [d for d in run.diagnostics if d.code.startswith("build.text")], run.diagnostics
    (said,) = [d for d in run.diagnostics if d.code == "build.register-unbooked"]
    assert said.message.startswith("5 entries")  # ilmenau, karlsbad, dornburg, riemer, metamorphose
    books = sorted((tmp_path / "epub").glob("*.epub"))
    assert [b.name for b in books] == ["1821-05-03.epub", "1821-05-04.epub", "weimar.epub"]
    import zipfile

    with zipfile.ZipFile(books[0]) as book:  # the works it cites by a ref and by a quote's source
        register = book.read("EPUB/text/tk-register.xhtml").decode("utf-8")
    assert "Faust. Ein Fragment" in register and "Zur Farbenlehre" in register
    for book_path in books:
        assert problems(epubcheck(book_path)) == [], book_path.name


def test_a_member_named_like_a_register_entry_keeps_a_name_of_its_own(site):
    html = site / "html"
    assert page(html, "weimar.html").xpath("string(//h1)") == "Weimar"  # the place
    # weimar.xml was "text-3.html": named by its position among the units, it would change
    # when an entry is added before it
    assert not list(html.glob("text-*.html"))
    assert norm(page(html, "weimar.xml.html").xpath("string(//h1)")) == "Notes written at Weimar"
