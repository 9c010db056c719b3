"""Finding one's way in Chromium: contents without doubled numbers or a "Title page" entry,
the contents beside the text on wide screens, previous/next links, an A–Z bar over the
printed index. Screenshots go to exports/screenshots/ (look at them)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def test_contents_are_numbered_once_and_list_no_title_page(edition_site, open_page):
    base, _folder = edition_site
    page = open_page(base, "toc.html", **DESKTOP)
    assert page.evaluate("getComputedStyle(document.querySelector('ol.toc')).listStyleType") == "none"
    entries = page.locator("ol.toc > li > a").all_inner_texts()
    assert "1. Entering the Party" in entries
    assert not [e for e in entries if e.lower().replace(" ", "") in ("titlepage", "title-page")]
    # the printed title page is still there, from the edition's title page
    title = open_page(base, "index.html")
    assert title.locator(".printed-title-page a").get_attribute("href") == "titlepage.html"


def test_the_contents_stand_beside_the_text_on_wide_screens_only(edition_site, open_page, screenshots):
    base, _folder = edition_site
    wide = open_page(base, "ch05.html", **DESKTOP)
    aside = wide.locator("nav.toc-aside")
    assert aside.is_visible()
    assert aside.locator("a[aria-current=page]").inner_text() == "5. Observations of the Politburo Secretary"
    box, main = aside.bounding_box(), wide.locator("main article").bounding_box()
    assert box["x"] + box["width"] <= main["x"]
    # the footer keeps to the text's column: the fixed contents once covered its first words
    footer = wide.locator("footer.site-footer").bounding_box()
    assert footer["x"] >= box["x"] + box["width"]
    wide.screenshot(path=str(screenshots / "contents-aside.png"))
    assert not open_page(base, "ch05.html", **PHONE).locator("nav.toc-aside").is_visible()


def test_previous_and_next_links_follow_the_contents(edition_site, open_page):
    base, _folder = edition_site
    page = open_page(base, "ch05.html", **DESKTOP)
    assert page.locator("nav.prevnext a[rel=prev]").get_attribute("href") == "ch04.html"
    assert page.locator("nav.prevnext a[rel=next]").get_attribute("href") == "ch06.html"


def test_the_printed_index_has_an_a_to_z_bar_and_letter_headings(edition_site, open_page, screenshots):
    base, _folder = edition_site
    page = open_page(base, "div-index.html", **DESKTOP)
    bar = page.locator("nav.az")
    letters = bar.locator("a").all_inner_texts()
    assert letters[:3] == ["A", "B", "C"] and len(letters) > 15
    headings = page.locator("main .letter-head").all_inner_texts()
    assert headings == letters
    bar.locator("a", has_text="M").click()
    heading = page.locator("main .letter-head", has_text="M")
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert bar.evaluate("b => b.getBoundingClientRect().bottom") <= top < 900
    # the bar stays at hand while the reader scrolls
    assert bar.evaluate("b => b.getBoundingClientRect().top") == 0
    page.screenshot(path=str(screenshots / "index-a-z.png"))


def test_phone_pages_do_not_scroll_sideways(edition_site, open_page):
    base, _folder = edition_site
    for path in ("index.html", "toc.html", "ch05.html", "div-index.html", "persons.html", "downloads.html"):
        page = open_page(base, path, **PHONE)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


LONG_URL = "https://example.org/" + "a-very-long-path-segment-" * 8 + "end"
WIDE_TABLE = "<table><head>Accounts</head><row>" + "".join(
    f"<cell>Column{i}Heading</cell>" for i in range(12)) + "</row></table>"


@pytest.fixture(scope="module")
def letters_site(tmp_path_factory):
    """The letters fixture, one letter given a bibliography entry of a long URL and a table
    of twelve columns, built as a collection and served."""
    import shutil
    from pathlib import Path

    from teikit.build import BuildSettings
    from teikit.build.run import build_formats
    from teikit.collection import load_collection, tei_files
    from tests.browser.conftest import serve

    source = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
    folder = tmp_path_factory.mktemp("phone-letters")
    shutil.copytree(source, folder / "letters")
    letter = folder / "letters" / "1807-01-29-chamisso.xml"
    text = letter.read_text(encoding="utf-8")
    at = text.rindex("</div>")
    letter.write_text(text[:at] + f"<p>See <bibl>{LONG_URL}</bibl>.</p>{WIDE_TABLE}" + text[at:],
                      encoding="utf-8")
    edition = load_collection(tei_files(folder / "letters"), name=folder / "letters")
    run = build_formats(edition, ["html"], BuildSettings(exports_dir=folder / "out"))
    assert run.committed, [d.render() for d in run.diagnostics]
    server, base = serve(folder / "out" / "html")
    yield base, folder / "out" / "html"
    server.shutdown()


def test_phone_letters_pages_do_not_scroll_sideways(letters_site, open_page):
    """A long URL breaks across lines; a wide table (the letters index, a TEI table) scrolls
    in a box of its own, which the keyboard can reach, and the page itself never does."""
    base, folder = letters_site
    letter = next(p.name for p in folder.glob("*.html") if LONG_URL.split("/")[3][:10] in p.read_text())
    for path in ("letters.html", letter, "chamisso.html"):
        page = open_page(base, path, **PHONE)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page = open_page(base, letter, **PHONE)
    box = page.locator(".table-wrap").first
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label") == "Accounts"
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the table is wider: its box scrolls
    assert page.locator(".table-wrap table.letters").count() == 0
    index = open_page(base, "letters.html", **PHONE)
    assert index.locator(".table-wrap table.letters").count() == 1


def test_a_page_asks_the_server_for_nothing_it_lacks(browser, tmp_path):
    """Every request the first page makes is answered, the icon included (a browser asks for
    /favicon.ico unless the page names its icon: a 404 in the console and the server's log)."""
    import functools
    import http.server
    import threading

    from tests.xslt.support import MINI, built

    folder, _diags, _copy = built(MINI)
    missing: list[str] = []

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
            pass

        def send_error(self, code, message=None, explain=None):
            missing.append(f"{code} {self.path}")
            super().send_error(code, message, explain)

    handler = functools.partial(Recording, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", wait_until="networkidle")
        icon = page.evaluate("fetch(document.querySelector('link[rel=icon]').href).then(r => r.status)")
        context.close()
    finally:
        server.shutdown()
    assert missing == [] and icon == 200
