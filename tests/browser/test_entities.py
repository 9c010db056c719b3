"""Names in Chromium: the reader's setting for links on names (every name, the first in
each paragraph, none; remembered), and the cards names show on hover and focus."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}

LINKS_PER_BLOCK = """() => {
    const blocks = new Map();
    for (const a of document.querySelectorAll('#main a.entity')) {
        const b = a.closest('p, li, dd, td, th, blockquote, figcaption, h1, h2, h3, h4, h5, h6, '
                            + '.tei-l, .p, .note-body');
        const list = blocks.get(b) || [];
        list.push(a.getAttribute('href'));
        blocks.set(b, list);
    }
    return [...blocks.values()];
}"""


def _choose(page, name, value):
    page.click("#tk-settings-button")
    page.check(f"#tk-settings input[name={name}][value={value}]")
    page.keyboard.press("Escape")


def test_links_on_names_first_in_each_paragraph_every_name_or_none(edition_site, open_page, screenshots):
    base, _folder = edition_site
    page = open_page(base, "ch05.html", **DESKTOP)
    names = page.locator("#main a.entity, #main span.entity-off").count()
    # the default: each entity linked once per paragraph, never in a heading
    per_block = page.evaluate(LINKS_PER_BLOCK)
    assert per_block and all(len(hrefs) == len(set(hrefs)) for hrefs in per_block)
    assert page.locator("#main :is(h1, h2, h3) a.entity").count() == 0
    first = page.locator("#main a.entity").count()
    assert 0 < first < names
    page.screenshot(path=str(screenshots / "links-first.png"))
    _choose(page, "links", "none")
    assert page.locator("#main a.entity").count() == 0
    assert page.locator("#main span.entity-off").count() == names
    # remembered, on this page and the next
    page.reload()
    assert page.locator("#main a.entity").count() == 0
    assert page.locator("#tk-settings input[value=none]").is_checked()
    page.screenshot(path=str(screenshots / "links-none.png"))
    _choose(page, "links", "all")
    assert page.locator("#main a.entity").count() == names
    # a mention keeps its anchor whatever the setting (entity pages link to it)
    assert page.locator("#main [id^=m]").count() >= names


def test_a_name_shows_a_card_on_hover_and_on_focus(mini_site, open_page, screenshots):
    page = open_page(mini_site, "ch02.html", **DESKTOP)
    link = page.locator("#main a.entity", has_text="Koba")
    link.hover()
    card = page.locator("#tk-entity-card")
    card.wait_for(state="visible")
    assert card.locator(".card-name").inner_text() == "Stalin, Iosif Vissarionovich"
    assert "mentioned 1 times" in card.inner_text()
    assert card.locator("a.card-open").get_attribute("href") == "pers-stalin.html"
    page.screenshot(path=str(screenshots / "entity-card.png"))
    # the pointer can move onto the card, and its link works
    card.locator("a.card-open").click()
    page.wait_for_url("**/pers-stalin.html")


def test_the_card_follows_keyboard_focus_and_escape_hides_it(mini_site, open_page):
    page = open_page(mini_site, "intro.html", **DESKTOP)
    page.focus("#main a.entity")
    card = page.locator("#tk-entity-card")
    card.wait_for(state="visible")
    assert "Ivanov, Ivan" in card.inner_text() and "author of the memoir" in card.inner_text()
    describedby = page.locator("#main a.entity").first.get_attribute("aria-describedby")
    assert page.locator(f"#{describedby}").inner_text().startswith("Ivanov, Ivan")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
