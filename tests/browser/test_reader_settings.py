"""Reading comfort in Chromium: dark mode (the system's, or the reader's choice,
remembered), text size, and keys for the previous and next section."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def _dark(page) -> bool:
    r, g, b = map(int, re.findall(r"\d+", page.evaluate(BACKGROUND))[:3])
    return r + g + b < 200


def _choose(page, name, value):
    page.click("#tk-settings-button")
    page.check(f"#tk-settings input[name={name}][value={value}]")
    page.keyboard.press("Escape")


def test_dark_mode_follows_the_system_unless_the_reader_chooses(mini_site, open_page, screenshots):
    light = open_page(mini_site, "ch01.html", color_scheme="light", **DESKTOP)
    assert not _dark(light)
    dark = open_page(mini_site, "ch01.html", color_scheme="dark", **DESKTOP)
    assert _dark(dark)
    dark.screenshot(path=str(screenshots / "dark-system.png"))
    # the reader's choice wins over the system's, and is remembered
    _choose(dark, "theme", "light")
    assert not _dark(dark)
    dark.goto(mini_site + "ch02.html")
    assert not _dark(dark)
    _choose(light, "theme", "dark")
    assert _dark(light)
    light.reload()
    assert _dark(light)
    light.click("a.noteref")
    light.screenshot(path=str(screenshots / "dark-chosen-note.png"))


def test_text_size_is_remembered(mini_site, open_page):
    page = open_page(mini_site, "ch01.html", **DESKTOP)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    _choose(page, "size", "xl")
    bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert bigger > size * 1.2
    page.reload()
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") == bigger
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_arrow_keys_and_j_k_go_to_the_next_and_previous_section(mini_site, open_page):
    page = open_page(mini_site, "ch01.html", **DESKTOP)
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/ch02.html")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/ch01.html")
    page.keyboard.press("k")
    page.wait_for_url("**/intro.html")
    page.keyboard.press("j")
    page.wait_for_url("**/ch01.html")
    # not while typing
    page.focus("#goto-page-input")
    page.keyboard.press("j")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.url.endswith("ch01.html")
    assert page.input_value("#goto-page-input") == "j"


def test_the_settings_are_documented_in_the_panel(mini_site, open_page):
    page = open_page(mini_site, "index.html", **DESKTOP)
    page.click("#tk-settings-button")
    assert page.locator("#tk-settings-button").get_attribute("aria-expanded") == "true"
    assert "←" in page.locator("#tk-settings .keys").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#tk-settings").is_hidden()
