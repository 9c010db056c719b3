"""axe-core in Chromium: no serious or critical violations; screenshots to look at.

axe.min.js comes from the npm package axe-core (scripts/setup.sh puts it in .cache/axe-core).
It is injected as a script's text, so the page makes no request for it. Screenshots of a
chapter page and a person page of the real edition go to exports/screenshots/.
"""

from __future__ import annotations

import pytest

from teikit import paths
from tests.browser.conftest import serve
from tests.xslt.support import built, page

pytestmark = pytest.mark.browser

AXE = paths.CACHE_DIR / "axe-core" / "axe.min.js"
SCREENSHOTS = paths.EXPORTS_DIR / "screenshots"
MINI_PAGES = ["index.html", "toc.html", "ch01.html", "notes.html", "div-index.html", "bibliography.html",
              "persons.html", "pers-stalin.html", "search.html?q=Kiev", "pages.html"]


def axe_violations(pw_page) -> list[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh (it fetches axe-core from npm)")
    # evaluated through the DevTools protocol: an inline <script> is refused by the pages'
    # Content-Security-Policy, as it would be for any script not of the site
    pw_page.evaluate(AXE.read_text(encoding="utf-8"))
    result = pw_page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    return [f"{v['impact']}: {v['id']} at {v['nodes']}" for v in serious]


@pytest.mark.parametrize("path", MINI_PAGES)
def test_mini_edition_pages_have_no_serious_accessibility_violations(mini_site, open_page, path):
    pw_page = open_page(mini_site, path)
    assert axe_violations(pw_page) == []


def _person_with_most_mentions(folder) -> str:
    register = page(folder, "persons.html")
    entries = register.xpath("//ul[@class='register']/li")
    assert entries, "the edition has no persons"

    def count(li):
        text = "".join(li.xpath("span[@class='count']/text()")).strip("()")
        return int(text) if text else 0

    return max(entries, key=count).xpath("a/@href")[0]


def test_edition_chapter_and_person_page_accessible_and_screenshotted(edition_site, open_page):
    base, folder = edition_site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {"chapter.png": "ch01.html", "person.png": _person_with_most_mentions(folder)}
    for name, path in shots.items():
        pw_page = open_page(base, path, viewport={"width": 1280, "height": 900})
        assert axe_violations(pw_page) == [], path
        pw_page.screenshot(path=str(SCREENSHOTS / name))
        assert (SCREENSHOTS / name).stat().st_size > 10_000


@pytest.mark.parametrize("path", ["index.html", "toc.html", "notes.html", "div-index.html", "persons.html",
                                  "search.html?q=Politburo"])
def test_edition_pages_have_no_serious_accessibility_violations(edition_site, open_page, path):
    base, _folder = edition_site
    pw_page = open_page(base, path)
    assert axe_violations(pw_page) == [], path


def test_edition_note_popover_works_on_a_real_chapter(edition_site, open_page):
    base, _folder = edition_site
    pw_page = open_page(base, "ch01.html", viewport={"width": 1280, "height": 900})
    marker = pw_page.locator("a.noteref").first
    marker.click()
    popover = pw_page.locator("#tk-note-popover")
    popover.wait_for(state="visible")
    assert popover.inner_text().strip()
    pw_page.screenshot(path=str(SCREENSHOTS / "chapter-note.png"))


@pytest.mark.shared
@pytest.mark.parametrize("name", ["vangogh_let695.xml", "kbga_barth_sermon_27005.xml",
                                  "teic_stylesheets_testNotes1.xml"])
def test_tei_of_other_projects_reads_accessibly(tei_samples, open_page, name):
    folder, _diags, _copy = built(tei_samples / name)
    server, base = serve(folder)
    try:
        for path in sorted(p.name for p in folder.glob("*.html"))[:6]:
            assert axe_violations(open_page(base, path)) == [], (name, path)
    finally:
        server.shutdown()


def axe_wcag_violations(pw_page) -> list[str]:
    """Every WCAG 2.1 A/AA violation, whatever its impact, plus content outside landmarks."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/setup.sh (it fetches axe-core from npm)")
    # evaluated through the DevTools protocol: an inline <script> is refused by the pages'
    # Content-Security-Policy, as it would be for any script not of the site
    pw_page.evaluate(AXE.read_text(encoding="utf-8"))
    result = pw_page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, rules: {region: {enabled: true}}});
        return r.violations.map(v =>
            `${v.impact}: ${v.id} at ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`);
    }""")
    return list(result)


# The reading edition's states: settings open, a long note open, a name's card shown, the
# Cite dialog, search results, a page opened from a result.
STATES = {
    "settings": ("ch05.html", ["click:#tk-settings-button"]),
    "long-note": ("ch10.html", ["click:#ch10-n07-ref"]),
    "card": ("ch05.html", ["hover:#main a.entity >> nth=2"]),
    "cite": ("ch05.html", ["click:#tk-cite-button"]),
    "search": ("search.html?q=Bronstein", []),
    "landing": ("ch03.html?hl=stalin#ch03.p20", []),
    "index": ("div-index.html", []),
    "downloads": ("downloads.html", []),
}


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("viewport", [(1280, 900, "light"), (390, 844, "dark")],
                         ids=["desktop", "phone-dark"])
def test_every_reading_state_meets_wcag_2_1_aa(edition_site, open_page, state, viewport):
    base, _folder = edition_site
    path, actions = STATES[state]
    width, height, scheme = viewport
    pw_page = open_page(base, path, viewport={"width": width, "height": height}, color_scheme=scheme)
    for action in actions:
        verb, _, target = action.partition(":")
        getattr(pw_page, verb)(target)
        pw_page.wait_for_timeout(350)
    assert axe_wcag_violations(pw_page) == [], (state, viewport)
