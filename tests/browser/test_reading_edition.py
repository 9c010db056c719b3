"""The reading edition in headless Chromium: notes, back-links, people, search, printed pages.

Built from tests/fixtures/mini-edition.xml and served on localhost; every page is checked
for console errors and requests to other hosts (conftest.open_page).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_clicking_a_note_marker_opens_the_note_in_place(mini_site, open_page):
    page = open_page(mini_site, "ch01.html")
    page.click("a.noteref[href='#ch01-n01']")
    popover = page.locator("#tk-note-popover")
    popover.wait_for(state="visible")
    assert "Kiev is a city." in popover.inner_text()
    assert page.url.endswith("ch01.html")  # opened in place, not by jumping
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == "ch01-n01-ref"


def test_a_note_opens_from_the_keyboard(mini_site, open_page):
    page = open_page(mini_site, "ch01.html")
    page.focus("#ch01-n02-ref")
    page.keyboard.press("Enter")
    popover = page.locator("#tk-note-popover")
    popover.wait_for(state="visible")
    assert "The Storm Petrels" in popover.inner_text()
    # the popover's own link leads to the note in the notes list
    popover.get_by_role("link", name="Go to the note").click()
    assert page.url.endswith("#ch01-n02")


def test_note_back_link_returns_to_the_marker(mini_site, open_page):
    page = open_page(mini_site, "ch01.html#ch01-n02")
    page.click("#ch01-n02 a.backlink")
    page.wait_for_url(re.compile(r"ch01\.html#ch01-n02-ref$"))
    assert page.locator("#ch01-n02-ref").is_visible()


def test_person_link_leads_to_person_page_and_mention_leads_back(mini_site, open_page):
    page = open_page(mini_site, "ch02.html")
    page.click("a.entity:text('Koba')")
    page.wait_for_url(re.compile(r"pers-stalin\.html$"))
    assert page.locator("h1").inner_text() == "Stalin, Iosif Vissarionovich"
    page.click("ol.mentions li:first-child a")
    page.wait_for_url(re.compile(r"ch02\.html#m\d+$"))
    anchor = page.url.split("#")[1]
    assert page.locator(f"#{anchor}").inner_text() == "Koba"


def test_search_finds_a_known_phrase(mini_site, open_page):
    page = open_page(mini_site, "search.html")
    page.fill("#search-input", '"across a page"')
    page.press("#search-input", "Enter")
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() == 1
    assert "across a page" in results.first.locator("mark").inner_text()
    results.first.locator("a").click()
    page.wait_for_url(re.compile(r"ch01\.html\?hl=%22across\+a\+page%22#ch01\.p1$"))
    assert page.locator("#ch01\\.p1 mark.tk-hit").inner_text() == "across a page"


def test_search_folds_case_and_accents_and_says_when_nothing_is_found(mini_site, open_page):
    page = open_page(mini_site, "search.html?q=KÍEV")
    page.locator("#search-results li").first.wait_for()
    assert "result" in page.locator("#search-status").inner_text()
    page.fill("#search-input", "no such words here")
    page.press("#search-input", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('Nothing')")


def test_go_to_printed_page(mini_site, open_page):
    page = open_page(mini_site, "index.html")
    page.fill("#goto-page-input", "2")
    page.press("#goto-page-input", "Enter")
    page.wait_for_url(re.compile(r"ch01\.html#p2$"))
    page.fill("#goto-page-input", "999")
    page.press("#goto-page-input", "Enter")
    page.wait_for_function("document.querySelector('.goto-status').textContent.includes('999')")


def test_narrow_screen_has_no_horizontal_scroll(mini_site, open_page):
    page = open_page(mini_site, "ch01.html", viewport={"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
