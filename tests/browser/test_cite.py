"""Citing a passage in Chromium: the Cite button cites the passage in view (or the one
under the pointer), with its printed page and URL; BibTeX, RIS and CSL-JSON that the
usual parsers read back. Screenshots go to exports/screenshots/ (look at them)."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def _bib(text: str) -> list[dict[str, str]]:
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert not library.failed_blocks
    return [{"ENTRYTYPE": e.entry_type, **{f.key: f.value for f in e.fields}} for e in library.entries]


def _open_cite(page):
    page.click("#tk-cite-button")
    dialog = page.locator("#tk-cite-dialog")
    dialog.wait_for(state="visible")
    return dialog


def test_cite_a_passage_with_its_printed_page_and_url(mini_site, open_page, screenshots):
    page = open_page(mini_site, "ch01.html#ch01.p1", **DESKTOP)
    dialog = _open_cite(page)
    text = dialog.locator("#tk-cite-text").inner_text()
    # the paragraph starts on p. 1 and runs over onto p. 2
    assert text.startswith("Ivanov, Ivan. “Beginnings.” In A Small Memoir")
    assert ", p. 1–2. " in text and text.endswith("ch01.html#ch01.p1.")
    assert dialog.locator("#tk-cite-quote").inner_text().startswith("I studied in Kiev")
    page.screenshot(path=str(screenshots / "cite-passage.png"))

    entries = _bib(dialog.locator("#tk-cite-bibtex").text_content())
    assert len(entries) == 1 and entries[0]["ENTRYTYPE"] == "inbook"
    assert entries[0]["pages"] == "1–2"  # "1--2", read back through LaTeX decoding
    assert entries[0]["url"].endswith("ch01.html#ch01.p1")
    assert entries[0]["booktitle"] == "A Small Memoir" and entries[0]["title"] == "Beginnings"

    ris = rispy.loads(dialog.locator("#tk-cite-ris").text_content())
    assert ris[0]["type_of_reference"] == "CHAP" and ris[0]["start_page"] == "1" and ris[0]["end_page"] == "2"
    assert ris[0]["authors"] == ["Ivanov, Ivan"]

    csl = json.loads(dialog.locator("#tk-cite-csl").text_content())
    assert csl[0]["type"] == "chapter" and csl[0]["page"] == "1–2" and csl[0]["URL"].endswith("#ch01.p1")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "tk-cite-button"


def test_the_passage_csl_json_is_valid_csl(mini_site, open_page, shared_dir):
    import jsonschema

    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    page = open_page(mini_site, "ch02.html", **DESKTOP)
    dialog = _open_cite(page)
    jsonschema.validate(json.loads(dialog.locator("#tk-cite-csl").text_content()), schema)


def test_copy_puts_the_citation_on_the_clipboard(mini_site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], **DESKTOP)
    try:
        page = context.new_page()
        page.goto(mini_site + "ch02.html")
        dialog = _open_cite(page)
        dialog.locator("details").nth(1).locator("summary").click()
        dialog.locator("button[data-format=ris]").click()
        page.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()").startswith("TY  - CHAP")
    finally:
        context.close()


def test_on_a_long_chapter_the_button_cites_the_passage_in_view(edition_site, open_page, screenshots):
    base, _folder = edition_site
    page = open_page(base, "ch05.html", **PHONE)
    page.evaluate("document.querySelectorAll('#main p[id]')[12].scrollIntoView()")
    target = page.evaluate("document.querySelectorAll('#main p[id]')[12].id")
    dialog = _open_cite(page)
    assert dialog.locator("#tk-cite-text").inner_text().endswith("#" + target + ".")
    assert "p. " in dialog.locator("#tk-cite-text").inner_text()
    assert page.url.endswith("#" + target)
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(screenshots / "cite-phone.png"))


def test_a_mouse_cites_the_paragraph_under_the_pointer(mini_site, open_page):
    page = open_page(mini_site, "ch02.html", **DESKTOP)
    page.hover("#ch02\\.p1")
    page.click("button.cite-btn")
    dialog = page.locator("#tk-cite-dialog")
    dialog.wait_for(state="visible")
    assert dialog.locator("#tk-cite-text").inner_text().endswith("ch02.html#ch02.p1.")


def test_a_page_that_is_not_the_text_cites_the_edition(mini_site, open_page):
    page = open_page(mini_site, "pers-stalin.html", **DESKTOP)
    dialog = _open_cite(page)
    entries = _bib(dialog.locator("#tk-cite-bibtex").text_content())
    assert entries[0]["ENTRYTYPE"] == "book"
    assert entries[0]["title"] == "A Small Memoir: A teikit test edition"


EDITED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
  <title>Letters to a Nephew</title><editor><persName><forename>Rachel</forename>
  <surname>Georg</surname></persName></editor></titleStmt>
  <publicationStmt><publisher>A Press</publisher><date from="2021" to="2023">2021-2023</date>
  </publicationStmt>
  <sourceDesc><p>Manuscripts.</p></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="d"><head>One</head><p>Words.</p></div></body></text></TEI>"""


def test_an_edited_edition_of_several_years_is_cited_with_its_editors_and_its_years(tmp_path, open_page):
    # the dialog printed neither the editors of an edition without authors nor the end of
    # a date range ("2021"), and its BibLaTeX gave the range's first date alone
    from tests.browser.conftest import serve
    from tests.xslt.support import build_text

    folder, _ = build_text(EDITED, tmp_path)
    server, base = serve(folder)
    try:
        page = open_page(base, "d.html", **DESKTOP)
        dialog = _open_cite(page)
        text = dialog.locator("#tk-cite-text").inner_text()
        assert "Letters to a Nephew. Edited by Rachel Georg. A Press, 2021\u20132023" in text
        entries = _bib(dialog.locator("#tk-cite-bibtex").text_content())
        assert entries[0]["date"] == "2021/2023" and entries[0]["editor"] == "Georg, Rachel"
        ris = rispy.loads(dialog.locator("#tk-cite-ris").text_content())
        assert ris[0]["year"] == "2021"
    finally:
        server.shutdown()
