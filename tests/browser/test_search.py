"""Search in Chromium, on the prebuilt index: several words, phrases, other names of a
person, paging past 200 results, every hit marked in the snippet and on the page the
result opens. Screenshots go to exports/screenshots/ (look at them)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from teikit.build.search_index import words

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def _search(open_page, base, query, **kwargs):
    page = open_page(base, "search.html?q=" + quote(query), **kwargs)
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    return page


def _status_count(page) -> int:
    text = page.locator("#search-status").inner_text()
    m = re.match(r"(\d+) ", text)
    return int(m.group(1)) if m else 0


def test_several_words_find_the_passage_holding_them_all(mini_site, open_page):
    page = _search(open_page, mini_site, "ogpu KOBA")
    results = page.locator("#search-results li")
    assert results.count() == 1
    marks = results.first.locator(".snippet mark").all_inner_texts()
    assert marks == ["Koba", "OGPU"]


def test_a_phrase_in_quotes_is_found_only_as_a_phrase(edition_site, open_page):
    base, _folder = edition_site
    words_page = _search(open_page, base, "committee central")
    phrase_page = _search(open_page, base, '"central committee"')
    assert 0 < _status_count(phrase_page) < _status_count(words_page)
    for snippet in phrase_page.locator("#search-results .snippet").all_inner_texts():
        assert "central committee" in snippet.lower()
    for mark in phrase_page.locator("#search-results mark").all_inner_texts():
        assert mark.lower() == "central committee"


def test_another_name_finds_the_person(edition_site, open_page, screenshots):
    base, _folder = edition_site
    page = _search(open_page, base, "Bronstein", **DESKTOP)
    box = page.locator("#search-entities")
    assert "another name of" in box.inner_text()
    assert box.locator("a").first.get_attribute("href") == "pers-trotsky.html"
    assert _status_count(page) > 50  # the passages that mention Trotsky
    assert page.locator("#search-results li").first.locator("mark").first.inner_text() == "Trotsky"
    page.screenshot(path=str(screenshots / "search-alias.png"))


def test_paging_goes_past_200_results_and_back(edition_site, open_page, screenshots):
    base, _folder = edition_site
    page = _search(open_page, base, "Stalin", **DESKTOP)
    total = _status_count(page)
    assert total > 220
    last = (total + 19) // 20
    page.locator("#search-pager a[rel='next']").click()
    assert "21–40" in page.locator("#search-status").inner_text()
    page.locator(f"#search-pager a[data-page='{last}']").click()
    assert page.locator("#search-results li").count() == total - (last - 1) * 20
    assert page.locator("#search-results").get_attribute("start") == str((last - 1) * 20 + 1)
    assert f"page={last}" in page.url
    page.screenshot(path=str(screenshots / "search-last-page.png"))
    page.go_back()
    page.wait_for_function("document.getElementById('search-status').textContent.includes('21–40')")
    # every hit in every snippet of the page is marked (aliases from the register, such as
    # "Djughashvili", are marked too)
    for li in page.locator("#search-results li").all():
        snippet = li.locator(".snippet")
        marked = [m.inner_text() for m in snippet.locator("mark").all()]
        literal = len(re.findall(r"\bStalin\b", snippet.inner_text()))
        assert sum(1 for m in marked if m.lower() == "stalin") == literal, snippet.inner_text()


def test_a_result_opens_its_page_with_every_hit_marked_and_the_hit_in_view(edition_site, open_page,
                                                                           screenshots):
    base, _folder = edition_site
    page = _search(open_page, base, '"central committee" Politburo', **DESKTOP)
    link = page.locator("#search-results li").nth(3).locator("a.where")
    href = link.get_attribute("href")
    assert "?hl=" in href and "#" in href
    link.click()
    page.wait_for_selector("mark.tk-hit-current")
    block = page.url.split("#")[1]
    current = page.locator("mark.tk-hit-current")
    assert current.evaluate("(m, id) => m.closest('[id=\"' + id + '\"]') !== null", block)
    box = current.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 900
    marked = {m.lower() for m in page.locator(f"[id='{block}'] mark.tk-hit").all_inner_texts()}
    assert marked == {"central committee", "politburo"}
    assert "Search hits" in page.locator(".hits-bar").inner_text()
    page.screenshot(path=str(screenshots / "search-landing.png"))
    page.locator(".hits-bar button").click()
    assert page.locator("mark.tk-hit").count() == 0


def test_the_search_page_works_on_a_phone(mini_site, open_page, screenshots):
    page = _search(open_page, mini_site, "kiev", **PHONE)
    assert page.locator("#search-results li").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(screenshots / "search-phone.png"))


def test_a_word_prefix_and_a_filter_by_division(mini_site, open_page):
    page = _search(open_page, mini_site, "escap*")
    marks = page.locator("#search-results mark").all_inner_texts()
    assert {"escaped", "escape"} <= set(marks) and all(m.startswith("escap") for m in marks)
    everywhere = _status_count(page)
    page.select_option("#search-unit", "ch02.html")
    page.fill("#search-input", "koba")
    page.press("#search-input", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('result')")
    assert all(h.startswith("ch02.html") for h in page.locator("#search-results a.where").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"))
    assert everywhere >= 1


@pytest.mark.parametrize("text", ["Straße Œuvre", "Ærøskøbing İstanbul", "Stalin's “Koba”",
                                  "Ma\u0301laga Zürich",
                                  "l'État, 1920-21", "Кузнецова Ёлка", "ǅemal ﬁne"])
def test_the_browser_cuts_words_as_the_index_does(mini_site, open_page, text):
    page = open_page(mini_site, "search.html")
    assert page.evaluate("t => window.teikit.words(t)", text) == words(text)
