"""A demanding reader in Chromium (session 14): the pages under their own
Content-Security-Policy, read from a server and from disk (file://); with JavaScript off;
registers filed as a reader looks for them; a letter read aloud in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.xslt.support import MINI, built

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def _file_base(folder: Path) -> str:
    return folder.resolve().as_uri() + "/"


@pytest.mark.parametrize("where", ["server", "disk"])
def test_the_site_works_under_its_own_policy(where, mini_site, open_page):
    """Every script, the stylesheet and the data files load under the policy (a refused one
    is a console error, which fails the test), from a server and from a folder on disk."""
    base = mini_site if where == "server" else _file_base(built(MINI)[0])
    page = open_page(base, "ch01.html", **DESKTOP)
    policy = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert page.evaluate("!!window.teikit && (window.TK_PAGES || []).length > 0")
    assert page.locator("#tk-cite-button").is_visible()  # cite.js ran and read its data block
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    page.locator("a.noteref").first.click()
    page.locator("#tk-note-popover").wait_for(state="visible")
    search = open_page(base, "search.html?q=Kiev", **DESKTOP)
    search.locator("#search-results li").first.wait_for()


def test_the_policy_refuses_a_script_that_is_not_the_sites(browser, mini_site):
    """What an injected inline script or style attribute would do is refused: the policy is
    in force, not only written."""
    context = browser.new_context()
    try:
        page = context.new_page()
        refused = []
        page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text
                and refused.append(m.text))
        page.goto(mini_site + "ch01.html")
        ran = page.evaluate("""() => {
            const s = document.createElement('script');
            s.textContent = 'window.__injected = true';
            document.head.appendChild(s);
            const p = document.querySelector('main p');
            const before = getComputedStyle(p).color;
            p.setAttribute('style', 'color: rgb(1, 2, 3)');
            return [window.__injected === true, getComputedStyle(p).color === before];
        }""")
        assert ran == [False, True]
        assert len(refused) == 2
    finally:
        context.close()


def _letter(ident: str, lang: str, text: str) -> str:
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{ident}"><teiHeader><fileDesc><titleStmt>
  <title>Brief {ident}</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
  </fileDesc><profileDesc><langUsage><language ident="{lang}">…</language></langUsage>
  <correspDesc><correspAction type="sent"><persName>Bahr</persName><date when="1891-0{ident[-1]}-02"/>
  </correspAction><correspAction type="received"><persName>Schnitzler</persName></correspAction></correspDesc>
  </profileDesc></teiHeader>
  <text><body><div><p>{text}</p></div></body></text></TEI>"""


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    """Two letters whose headers name their language (langUsage) and nothing else does, as
    in Schnitzler's letters: one in Czech (a language teikit has no interface words for, so
    they are English), one in English."""
    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.collection import load_collection, tei_files

    root = tmp_path_factory.mktemp("languages")
    folder = root / "letters"
    folder.mkdir()
    (folder / "a.xml").write_text(_letter("L1", "cs", "Milý příteli<note>Pozn.</note>, děkuji Vám."),
                                  encoding="utf-8")
    (folder / "b.xml").write_text(_letter("L2", "en", "Dear friend, thank you."), encoding="utf-8")
    edition = load_collection(tei_files(folder), name=folder)
    html_builder.build(edition, root / "out", BuildSettings(exports_dir=root / "out"))
    return root / "out" / "html"


def test_each_letter_is_read_in_its_own_language_and_the_interface_in_english(two_languages, open_page):
    """A screen reader picks its voice by the nearest lang: a German letter was lang="en"
    (the collection's header names no language), and the English interface words of a German
    edition ("Contents", "Search") were read with a German voice. (A German edition's words
    are German now, test_the_interface_speaks_german_in_the_browser; a Czech one's English.)"""
    base = _file_base(two_languages)

    def language_of(page, selector: str) -> str:
        return page.evaluate(f"document.querySelector({selector!r}).closest('[lang]').lang")

    german = open_page(base, "L1.html", **DESKTOP)
    assert language_of(german, "main p.tei-p") == "cs"
    for interface in ("nav.site-nav a", "form.goto-page label", "a.skip-link", "#tk-settings-button"):
        assert language_of(german, interface) == "en", interface
    # what the scripts add: a note's "Go to the note" and "Close", the Cite dialog's words
    german.locator("a.noteref").first.click()
    german.locator("#tk-note-popover").wait_for(state="visible")
    assert language_of(german, "#tk-note-popover .popover-close") == "en"
    assert language_of(german, "#tk-note-popover .popover-body") == "cs"
    german.keyboard.press("Escape")
    german.locator("#tk-cite-button").click()
    assert language_of(german, "#tk-cite-title") == "en"
    assert language_of(german, "#tk-cite-quote") == "cs"
    english = open_page(base, "L2.html", **DESKTOP)
    assert language_of(english, "main p.tei-p") == "en"
    assert language_of(english, "main h1") == "en"


GERMAN = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>
  <title>Briefe</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
  </fileDesc></teiHeader><text xml:lang="de"><body><div xml:id="a"><head>Erster</head><pb n="1"/>
  <p>Lieber Freund<note>Eine Anmerkung.</note>, ich danke Ihnen.</p></div>
  <div xml:id="b"><head>Zweiter</head><p>Noch ein Brief.</p></div></body></text></TEI>"""


def test_the_interface_speaks_german_in_the_browser(tmp_path, browser, open_page):
    """A German text under an English header: the words the pages and the scripts show are
    German (the note's buttons, the search's answer, the no-script message), marked de."""
    from tests.xslt.support import build_text

    folder, _ = build_text(GERMAN, tmp_path)
    base = _file_base(folder)
    page = open_page(base, "a.html", **DESKTOP)
    assert page.locator("nav.site-nav a[href='toc.html']").inner_text() == "Inhalt"
    assert page.locator("nav.site-nav").get_attribute("lang") == "de"
    page.locator("a.noteref").first.click()
    popover = page.locator("#tk-note-popover")
    popover.wait_for(state="visible")
    assert popover.locator(".popover-close").inner_text() == "Schließen"
    search = open_page(base, "search.html?q=Quallenfisch", **DESKTOP)
    search.wait_for_function("document.querySelector('#search-status') && "
                             "document.querySelector('#search-status').textContent.length > 0")
    assert search.locator("#search-status").inner_text() == "Nichts gefunden."
    context = browser.new_context(java_script_enabled=False, **DESKTOP)
    try:
        off = context.new_page()
        off.goto(base + "search.html")
        assert "braucht JavaScript" in off.locator(".search-no-script").inner_text()
    finally:
        context.close()


def test_without_javascript_the_search_page_says_so_and_leads_on(browser, mini_site):
    """With JavaScript off the search form found nothing and said nothing; now it is gone
    and the page lists the ways in that need no script, and notes and registers still read."""
    context = browser.new_context(java_script_enabled=False, **DESKTOP)
    try:
        page = context.new_page()
        page.goto(mini_site + "search.html?q=Kiev")
        assert not page.locator("#search-form").is_visible()
        message = page.locator(".search-no-script")
        assert message.is_visible() and "JavaScript" in message.inner_text()
        links = message.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert {"toc.html", "persons.html", "pages.html"} <= set(links)
        # a note marker is a plain link to the note, the note links back
        chapter = context.new_page()
        chapter.goto(mini_site + "ch01.html")
        marker = chapter.locator("a.noteref").first
        marker.click()
        note_id = chapter.evaluate("decodeURIComponent(location.hash.slice(1))")
        note = chapter.locator(f"[id='{note_id}']")
        assert note.is_visible() and note.inner_text().strip()
        note.locator("a.backlink").first.click()
        assert chapter.evaluate("location.hash") == "#" + marker.get_attribute("id")
    finally:
        context.close()


HEADER = """<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p/>
  </publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"""


@pytest.fixture(scope="module")
def long_register(tmp_path_factory):
    """A letter beside a register of 2,000 places given apart, which nothing names, so each is
    shown whole on the register's page (Schnitzler's places beside a few letters)."""
    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.collection import load_collection

    root = tmp_path_factory.mktemp("register")
    names = [f"{chr(65 + i % 26)}ort {i:04d}" for i in range(2000)]
    places = "".join(f'<place xml:id="pl{i}"><placeName>{n}</placeName><note>Ein Ort, {n}, mit Beschreibung.'
                     f'</note></place>' for i, n in enumerate(names))
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'
    body = f"<text><body><listPlace>{places}</listPlace></body></text>"
    (root / "places.xml").write_text(f"{tei}{HEADER.format('Orte')}{body}</TEI>", encoding="utf-8")
    (root / "letters").mkdir()
    letter = root / "letters" / "brief.xml"
    body = "<text><body><div><p>Ein Brief.</p></div></body></text>"
    letter.write_text(f"{tei}{HEADER.format('Brief')}{body}</TEI>", encoding="utf-8")
    edition = load_collection([letter], name=root / "letters", registers=[root / "places.xml"])
    html_builder.build(edition, root / "out", BuildSettings(exports_dir=root / "out"))
    return root / "out" / "html"


# the heading stands at the top of the screen (below its scroll margin, main [id] in the CSS)
AT_TOP = ("sel => { const top = document.querySelector(sel).getBoundingClientRect().top; "
          "return top >= 0 && top < 120 }")
LAID_OUT = "getComputedStyle(document.querySelector('.register-letter')).contentVisibility"


def test_a_long_register_lays_out_near_the_screen_only_and_still_leads_everywhere(long_register, open_page):
    """The entries are laid out as they come near the screen (content-visibility), yet the
    A–Z anchors land on their heading, the last entry is in the page's text for the
    browser's search and for screen readers, and a printout holds every entry laid out."""
    page = open_page(_file_base(long_register), "places.html#letter-Z", **PHONE)
    assert page.evaluate(LAID_OUT) == "auto"
    heading = page.locator("#letter-Z")
    page.wait_for_function(AT_TOP, arg="#letter-Z")
    page.locator("nav.az a[href='#letter-M']").click()
    page.wait_for_function(AT_TOP, arg="#letter-M")
    assert heading.text_content() == "Z"
    # the Z's, now far from the screen and not laid out, are in the page's accessibility tree
    # (what a screen reader reads) and found by the browser's search (window.find)
    assert "Zort 1975" in page.locator("#letter-Z").locator("xpath=..").aria_snapshot()
    assert page.evaluate("() => window.find('Zort 1975')")
    page.emulate_media(media="print")
    assert page.evaluate(LAID_OUT) == "visible"


ARABIC = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang=""><teiHeader><fileDesc><titleStmt>
  <title>مجلة</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
  </teiHeader><text xml:lang="ar"><body><div xml:id="a"><head>اليونان</head>
  <pb n="366" facs="https://babel.hathitrust.org/cgi/imgsrv/image?id=umn.1;seq=366"/>
  <p>البطل في بلاد اليونان رجل معروف يغدو بعد موته روحاً ذات سلطان ولا تتم له الربوبية.</p></div>
  <div xml:id="b"><head>Laws - سير العلم - Title</head><p>نص.</p></div></body></text></TEI>"""


def test_a_page_written_from_right_to_left_reads_from_the_right(tmp_path, open_page):
    """al-Muqtabas (TEI xml:lang="" around text xml:lang="ar") was lang="" (no language for a
    screen reader, a serious axe finding), and once right to left, the skip link parked at
    left: -999rem made the page scroll 18,000 px sideways into nothing, and the contents
    beside the text covered the page numbers in the left margin."""
    from tests.xslt.support import build_text

    folder, _ = build_text(ARABIC, tmp_path)
    page = open_page(_file_base(folder), "a.html", **DESKTOP)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    aside = page.locator("nav.toc-aside").bounding_box()
    main = page.locator("main article").bounding_box()
    number = page.locator(".pb-link").first.bounding_box()
    assert aside["x"] >= main["x"] + main["width"]  # the contents on the right
    assert number["x"] + number["width"] <= main["x"]  # the page number in the left margin
    # a label of the contents reads in its own direction: "Laws - سير العلم - Title" began
    # at the right in a right-to-left list ("Title - … - Laws" to the eye)
    laws, title = page.evaluate("""() => {
        const a = document.querySelector('nav.toc-aside a[href="b.html"]');
        const text = a.firstChild, at = w => { const r = document.createRange();
            const i = text.data.indexOf(w); r.setStart(text, i); r.setEnd(text, i + w.length);
            return r.getBoundingClientRect().left; };
        return [at('Laws'), at('Title')];
    }""")
    assert laws < title
    # the scan on another server (al-Muqtabas' HathiTrust pages): its English word reads in
    # its own direction, "facsimile↗", not "↗facsimile"
    word, arrow = page.evaluate("""() => {
        const a = document.querySelector('a.pb-facs.remote'), r = document.createRange();
        r.selectNodeContents(a.firstChild);
        return [r.getBoundingClientRect().left, a.querySelector('span').getBoundingClientRect().left];
    }""")
    assert word < arrow
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280 and 0 <= box["y"] < 100


def test_keyboard_only_every_control_on_the_way_is_named_in_words(mini_site, open_page):
    """Tabbing from the top of a chapter: the skip link first, then the site's links and
    controls, each named in words for a screen reader (the "go to printed page" button was
    named by its arrow alone: "right arrow, button")."""
    page = open_page(mini_site, "ch01.html", **DESKTOP)
    names = []
    for _ in range(12):
        page.keyboard.press("Tab")
        names.append(page.locator(":focus").aria_snapshot())
    assert "Skip to the text" in names[0]
    assert '- button "Go to printed page": →' in names, names
    assert all(any(c.isalpha() for c in name) for name in names), names


def _png() -> bytes:
    """A 1x1 grey PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


SCANNED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Scans</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <facsimile><surface xml:id="s1"><graphic url="scans/p1.png"/></surface>
  <surface xml:id="s2"><graphic url="../elsewhere/p2.png"/></surface></facsimile>
  <text><body><div xml:id="d"><pb n="1" facs="#s1"/><p>Erste Seite.</p><pb n="2" facs="#s2"/><p>Zweite.</p>
  </div></body></text></TEI>"""


def test_a_page_break_leads_to_its_scan(tmp_path, open_page):
    """pb/@facs pointing at a surface showed nothing: the scan of the page is a link beside
    its number (named "facsimile, p. 1" for a screen reader); a scan not copied (outside the
    edition's folder) gets no link."""
    from tests.xslt.support import build_text

    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "p1.png").write_bytes(_png())
    folder, _ = build_text(SCANNED, tmp_path)
    page = open_page(_file_base(folder), "d.html", **DESKTOP)
    links = page.locator("a.pb-facs")
    assert links.count() == 1
    assert links.first.get_attribute("aria-label") == "facsimile, p. 1"
    links.first.click()
    page.wait_for_url("**/images/scans/p1.png")
    assert page.evaluate("document.images[0].naturalWidth") == 1


FACSIMILE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Scans</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <facsimile><surface xml:id="s1"><graphic url="scans/p1.png"/></surface></facsimile>
  <text><body><div xml:id="d"><pb n="1" facs="#s1"/><p>{words}</p>
  <pb n="2" facs="scans/p2.png"/><p>{words}</p><pb n="3" facs="https://example.org/iiif/p3/full/max/0/default.jpg"/><p>{words}</p>
  </div></body></text></TEI>""".format(words="Erste Seite, lang genug um neben einem Bild zu stehen. " * 30)


def test_the_scans_stand_beside_the_text_when_asked_for(tmp_path, open_page):
    """pb/@facs (a surface's image, or the image's own path) gave a link only: a Scans button
    (keyboard reachable, remembered) shows each page's scan beside its text, fetched only then;
    a scan on another server is a link, never fetched."""
    from tests.xslt.support import build_text

    (tmp_path / "scans").mkdir()
    for name in ("p1.png", "p2.png"):
        (tmp_path / "scans" / name).write_bytes(_png())
    folder, _ = build_text(FACSIMILE, tmp_path)
    assert (folder / "images" / "scans" / "p2.png").is_file()  # named by pb/@facs alone, copied
    base = _file_base(folder)
    page = open_page(base, "d.html", **DESKTOP)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.reload()
    assert not [u for u in fetched if "/images/" in u]  # nothing fetched before it is asked for
    assert page.locator(".pb-scan").first.is_hidden()
    remote = page.locator("a.pb-facs.remote")
    assert remote.get_attribute("href") == "https://example.org/iiif/p3/full/max/0/default.jpg"
    # the button is reached from the keyboard and pressed with it
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "tk-scans-button":
            break
    else:
        raise AssertionError("Tab never reaches the Scans button")
    page.keyboard.press("Enter")
    button = page.locator("#tk-scans-button")
    assert button.get_attribute("aria-pressed") == "true"
    scan = page.locator(".pb-scan img").first
    scan.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.pb-scan img').naturalWidth === 1")
    assert scan.get_attribute("alt") == "Scan of p. 1"
    text = page.locator("main p.tei-p").first.bounding_box()
    box = page.locator(".pb-scan").first.bounding_box()
    assert box["x"] > text["x"] + text["width"] / 3 and box["width"] < text["width"]  # beside, not above
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.reload()  # remembered
    assert page.locator("#tk-scans-button").get_attribute("aria-pressed") == "true"
    # a wide screen: the scan in the margin, past the page numbers, the text at full measure
    wide = open_page(base, "d.html", viewport={"width": 1600, "height": 900})
    wide.evaluate("localStorage.setItem('teikit.scans', 'on')")
    wide.reload()
    box = wide.locator(".pb-scan").first.bounding_box()
    article = wide.locator("main article").bounding_box()
    number = wide.locator(".pb").first.bounding_box()
    text = wide.locator("main p.tei-p").first.bounding_box()
    assert box["x"] >= number["x"] + number["width"] and box["x"] + box["width"] <= 1600
    assert text["width"] > article["width"] - 2
    assert wide.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # a phone: the scan above its page's text, as wide as the text, nothing to scroll sideways
    phone = open_page(base, "d.html", **PHONE)
    phone.evaluate("localStorage.setItem('teikit.scans', 'on')")
    phone.reload()
    box = phone.locator(".pb-scan").first.bounding_box()
    text = phone.locator("main p.tei-p").first.bounding_box()
    assert abs(box["width"] - text["width"]) < 2
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_each_letter_of_the_index_is_a_card_with_its_title_first(two_languages, open_page):
    """At 375 px the letters table's fifth column, the letter's title (its link), was off the
    screen: a reader had to scroll the table sideways to open a letter. Now each row is a card,
    the title first, each other cell named by its column; still a table to a screen reader."""
    page = open_page(_file_base(two_languages), "letters.html",
                     viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    row = page.locator("table.letters tbody tr").first
    link = row.locator("td:last-child a")
    date = row.locator("td").first
    assert link.bounding_box()["y"] < date.bounding_box()["y"]
    assert link.bounding_box()["x"] + link.bounding_box()["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("getComputedStyle(document.querySelector('table.letters td'), '::before').content") \
        == '"Date: "'
    tree = page.locator("table.letters").first.aria_snapshot()
    assert "- row" in tree and "- cell" in tree, tree


def test_the_letters_index_names_each_landmark_once(two_languages, open_page):
    """The letters index's table box was a second region named "By date" inside the section
    "By date" (axe: landmark-unique): a screen reader's landmark list said it twice."""
    page = open_page(_file_base(two_languages), "letters.html", **PHONE)
    names = page.evaluate("""() => [...document.querySelectorAll('section[aria-labelledby], [role=region]')]
        .map(e => document.getElementById(e.getAttribute('aria-labelledby')).textContent)""")
    assert len(names) == len(set(names)) and "By date" in names
    assert page.locator(".table-wrap").first.get_attribute("tabindex") == "0"


UNNAMED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Ohne IDs</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div><head>Eins</head>{first}<p>Erster Absatz.</p></div>
  <div><head>Zwei</head><pb n="7"/><p>Ein Absatz<note place="foot">Die Note.</note>.</p>
  <p>Noch einer, zitiert.</p></div></body></text></TEI>"""


def test_deep_links_survive_a_rebuild_after_an_edit_elsewhere(tmp_path, open_page):
    """An edition without any xml:id (Bacon's, EEBO-TCP's): a link to a paragraph, a printed
    page and a note of the second division, copied before a paragraph and a note were added
    to the first, still leads to the same passage in the rebuilt site (anchors are paths
    through the TEI, notes numbered within their division)."""
    from tests.xslt.support import build_text

    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    before, _ = build_text(UNNAMED.format(first=""), tmp_path / "before")
    links = {}
    page = open_page(_file_base(before), "div-2.html", **DESKTOP)
    for selector in ("main p.tei-p", "span.pb", "li.note"):
        for element in page.locator(selector).all():
            links[element.get_attribute("id")] = element.text_content()
    assert len(links) == 4
    edit = "<p>Neu<note place=\"foot\">Neue Note.</note>.</p>"
    after, _ = build_text(UNNAMED.format(first=edit), tmp_path / "after")
    for anchor, text in links.items():
        reopened = open_page(_file_base(after), f"div-2.html#{anchor}", **DESKTOP)
        assert reopened.locator(f"[id='{anchor}']").text_content() == text, anchor


@pytest.mark.parametrize("viewport", [(1280, 900, "light"), (375, 740, "dark")],
                         ids=["desktop", "phone-dark"])
def test_the_new_states_meet_wcag_2_1_aa(tmp_path, two_languages, open_page, viewport):
    """Session 15's states, checked as test_accessibility checks the memoir's: the scans shown
    beside the text, the letters index as cards, a German interface, registers given apart
    shown whole."""
    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.collection import load_collection, tei_files
    from tests.browser.conftest import serve
    from tests.browser.test_accessibility import axe_wcag_violations
    from tests.xslt.support import FIXTURES, build_text

    width, height, scheme = viewport
    opts = {"viewport": {"width": width, "height": height}, "color_scheme": scheme}
    (tmp_path / "scans").mkdir()
    for name in ("p1.png", "p2.png"):
        (tmp_path / "scans" / name).write_bytes(_png())
    scans, _ = build_text(FACSIMILE, tmp_path)
    # (served: axe-core reads the page's resources, which a file: page refuses it)
    servers = []

    def base(folder: Path) -> str:
        server, url = serve(folder)
        servers.append(server)
        return url

    page = open_page(base(scans), "d.html", **opts)
    page.click("#tk-scans-button")
    page.wait_for_timeout(300)
    assert axe_wcag_violations(page) == [], "scans"
    assert axe_wcag_violations(open_page(base(two_languages), "letters.html", **opts)) == [], "letters"
    (tmp_path / "de").mkdir()
    german, _ = build_text(GERMAN, tmp_path / "de")
    assert axe_wcag_violations(open_page(base(german), "a.html", **opts)) == [], "german"
    diary = FIXTURES / "registers" / "diary"
    registers = [FIXTURES / "registers" / "registers" / f"{n}.xml" for n in ("persons", "places", "works")]
    html_builder.build(load_collection(tei_files(diary), name=diary, registers=registers), tmp_path / "reg",
                       BuildSettings(exports_dir=tmp_path / "reg"))
    registers_base = base(tmp_path / "reg" / "html")
    for name in ("places.html", "persons.html", "works.html"):
        assert axe_wcag_violations(open_page(registers_base, name, **opts)) == [], name
    for server in servers:
        server.shutdown()
