"""The HTML reading edition of the mini edition: what each kind of page holds.

XPath assertions state the intent (notes and back-links, printed pages, people, metadata);
tests/fixtures/mini-edition.xml follows docs/encoding.md.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.xslt.support import MINI, broken_links, built, norm, page, pages


@pytest.fixture(scope="module")
def site():
    folder, _diags, _copy = built(MINI)
    return folder


def one(doc, xpath):
    found = doc.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def test_one_page_per_division_plus_title_contents_registers(site):
    names = {p.name for p in site.glob("*.html")}
    assert {"index.html", "toc.html", "contents.html", "intro.html", "ch01.html", "ch02.html", "notes.html",
            "bibliography.html", "div-index.html", "search.html", "pages.html"} <= names
    assert {"persons.html", "pers-stalin.html", "pers-ivanov.html", "pers-josse.html"} <= names
    assert {"places.html", "place-kiev.html", "organizations.html", "org-ogpu.html"} <= names
    assert (site / "assets" / "teikit.css").is_file() and (site / "assets" / "teikit.js").is_file()


def test_every_page_has_language_landmarks_and_one_h1(site):
    for name, doc in pages(site).items():
        assert doc.get("lang") == "en", name
        for landmark in ("header", "main", "footer"):
            assert len(doc.xpath(f"//{landmark}")) == 1, (name, landmark)
        assert len(doc.xpath("//h1")) == 1, name
        assert doc.xpath("//title/text()"), name


def test_chapter_heading_joins_label_and_title(site):
    h1 = one(page(site, "ch02.html"), "//h1")
    assert norm(h1.text_content()) == "2. Moscow"


def test_note_marker_links_to_note_which_links_back(site):
    doc = page(site, "ch01.html")
    marker = one(doc, "//a[@class='noteref'][@id='ch01-n01-ref']")
    assert marker.get("href") == "#ch01-n01"
    assert marker.text_content() == "1"
    note = one(doc, "//section[@class='notes']//li[@id='ch01-n01']")
    assert "Kiev is a city." in note.text_content()
    back = one(note, ".//a[@class='backlink']")
    assert back.get("href") == "ch01.html#ch01-n01-ref"


def test_conjectured_marker_keeps_its_supplied_number(site):
    marker = one(page(site, "ch02.html"), "//a[@class='noteref']")
    assert marker.get("href") == "#ch02-n01"
    assert one(marker, ".//span[@class='tei-supplied']").text == "1"


def test_notes_division_shows_every_note_linking_back_to_its_chapter(site):
    doc = page(site, "notes.html")
    note = one(doc, "//*[@id='ch01-n02']")
    assert one(note, ".//a[@class='backlink']").get("href") == "ch01.html#ch01-n02-ref"
    bibl = one(note, ".//a[contains(@class, 'tei-ref')]")
    assert bibl.get("href") == "bibliography.html#bib-brookshepherd-1977"


def test_printed_pages_have_stable_anchors_in_the_text(site):
    doc = page(site, "ch01.html")
    pb = one(doc, "//span[@id='p2']")
    assert norm(pb.text_content()) == "p. 2"
    # the page break sits inside the paragraph that runs across it
    assert pb.getparent().tag == "p"
    inferred = one(page(site, "ch02.html"), "//span[@id='p3']")
    assert "inferred" in inferred.get("class")


def test_go_to_page_data_maps_every_printed_page(site):
    text = (site / "pages-data.js").read_text(encoding="utf-8")
    data = json.loads(re.match(r"window\.TK_PAGES = (.*);\s*$", text, re.S).group(1))
    assert all(n.lower() == key for key, _href, n in data)  # the key is what a reader types
    assert {key: href for key, href, _n in data} == {
        "vii": "intro.html#pvii", "1": "ch01.html#p1", "2": "ch01.html#p2",
        "3": "ch02.html#p3", "4": "notes.html#p4", "5": "div-index.html#p5"}


def test_person_mentions_link_to_person_page_and_back(site):
    ch02 = page(site, "ch02.html")
    link = one(ch02, "//a[contains(@class, 'entity')][. = 'Koba']")
    assert link.get("href") == "pers-stalin.html"
    person = page(site, "pers-stalin.html")
    assert norm(one(person, "//h1").text_content()) == "Stalin, Iosif Vissarionovich"
    assert "Koba" in one(person, "//dl[@class='entity-facts']").text_content()
    mentions = person.xpath("//ol[@class='mentions']/li")
    assert len(mentions) == 1  # in chapter 2; the printed index's entry is listed apart
    assert person.xpath("//ul[@class='index-entries']/li/a/@href") == ["div-index.html#idx-stalin"]
    mention = mentions[0]
    assert mention.xpath("a/@href") == [f"ch02.html#{link.get('id')}"]
    assert norm(mention.xpath("a")[0].text_content()) == "p. 3"
    # mentions are grouped by the unit they are in, whose heading links to it
    group = one(mention, "ancestor::section[@class='mentions-unit']")
    assert norm(one(group, "h3/a").text_content()) == "2. Moscow"
    assert one(group, "h3/a").get("href") == "ch02.html"
    assert one(mention, ".//mark").text == "Koba"
    # the context is the text as read: spaces kept at the mention's edges, note markers left out
    assert norm(one(mention, ".//span[@class='kwic']").text_content()) == "Koba and the OGPU."


def test_person_page_shows_index_description_and_name_notes(site):
    josse = page(site, "pers-josse.html")
    facts = norm(one(josse, "//dl[@class='entity-facts']").text_content())
    assert "first name unknown" in facts and "not in the printed index" in facts
    # the mention is in a note: its context names the division whose notes list shows it
    assert one(josse, "//ol[@class='mentions']/li/a").get("href").startswith("notes.html#m")
    # a name inside a note keeps its text in the context (notes are left out only when
    # they stand inside the context, not when the context is inside one)
    assert norm(one(josse, "//ol[@class='mentions']/li//mark").text_content()) == "Lieutenant Colonel Josse"


def test_register_is_alphabetical_with_letters(site):
    doc = page(site, "persons.html")
    assert [norm(h.text_content()) for h in doc.xpath("//h2")] == ["I", "J", "S"]
    assert [a.text for a in doc.xpath("//ul[@class='register']//a")] == [
        "Ivanov, Ivan", "Lieutenant Colonel Josse", "Stalin, Iosif Vissarionovich"]


def test_printed_index_locators_are_live_links(site):
    doc = page(site, "div-index.html")
    hrefs = doc.xpath("//a[contains(@class, 'tei-ref')]/@href")
    assert "intro.html#pvii" in hrefs and "ch01.html#p1" in hrefs and "intro.html#intro-n01" in hrefs
    assert "pers-ivanov.html" in doc.xpath("//a[contains(@class, 'entity')]/@href")


def test_bibliography_entry_is_formatted_and_anchored(site):
    entry = one(page(site, "bibliography.html"), "//*[@id='bib-brookshepherd-1977']")
    text = norm(entry.text_content())
    assert text.startswith("Brook-Shepherd, Gordon. The Storm Petrels. London: Collins, 1977")


def test_chapter_metadata_for_citation_managers(site):
    doc = page(site, "ch01.html")

    def meta(name):
        return doc.xpath(f"//meta[@name='{name}']/@content")

    assert meta("citation_title") == ["Beginnings"]
    assert meta("citation_inbook_title") == ["A Small Memoir"]
    assert meta("citation_author") == ["Ivanov, Ivan"]
    assert meta("citation_firstpage") == ["1"] and meta("citation_lastpage") == ["2"]
    assert meta("citation_publication_date") == ["1990"]
    assert meta("citation_isbn") == ["9780821409480"]
    assert meta("DC.title") == ["Beginnings"] and meta("DC.relation.ispartof") == ["A Small Memoir"]
    coins = one(doc, "//span[@class='Z3988']").get("title")
    assert "rft.genre=bookitem" in coins and "rft.spage=1" in coins and "rft.epage=2" in coins
    assert "rft.atitle=Beginnings" in coins


def test_title_page_has_metadata_and_credits(site):
    doc = page(site, "index.html")
    text = norm(doc.xpath("//main")[0].text_content())
    assert "A Small Memoir" in text and "A teikit test edition" in text
    assert "Translation and commentary: Anna Smith" in text
    assert "CC BY 4.0" in text and "Test Press" in text
    assert doc.xpath("//meta[@name='citation_title']/@content") == ["A Small Memoir: A teikit test edition"]


def test_previous_next_navigation_follows_reading_order(site):
    doc = page(site, "ch01.html")
    assert doc.xpath("//a[@rel='prev']/@href") == ["intro.html"]
    assert doc.xpath("//a[@rel='next']/@href") == ["ch02.html"]


def test_search_index_holds_the_text_as_read(site):
    text = (site / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(re.match(r"window\.TK_SEARCH = (.*);\s*$", text, re.S).group(1))
    hits = [e for e in data["docs"] if "runs on across a page" in e[2]]
    assert hits == [["ch01.html#ch01.p1", "1. Beginnings, p. 1", hits[0][2], 2]]


def test_no_page_requests_anything_from_another_host(site):
    for name, doc in pages(site).items():
        for ref in doc.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src"):
            assert not re.match(r"^([a-z]+:|//)", ref), (name, ref)


def test_same_input_gives_byte_identical_output(tmp_path):
    from teikit.build import BuildSettings
    from teikit.build.html import build
    from teikit.edition import Edition

    edition = Edition.load(MINI)
    for run in ("a", "b"):
        build(edition, tmp_path / run, BuildSettings(exports_dir=tmp_path / run))
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_single_page_option_puts_every_division_in_one_file():
    folder, _diags, _copy = built(MINI, single_page=True)
    doc = page(folder, "edition.html")
    ids = set(doc.xpath("//article/@id"))
    assert {"intro", "ch01", "ch02", "notes", "bibliography", "index"} <= ids
    assert not (folder / "ch01.html").exists()
    mentions = page(folder, "pers-stalin.html").xpath("//ol[@class='mentions']/li/a/@href")
    assert mentions[0].startswith("edition.html#m")
    assert broken_links(folder) == []
    assert len(doc.xpath("//*[@id='ch01-n01']")) == 1  # the notes division does not repeat it
