"""The usual @rend and @rendition values look as they say in Chromium: a DTA letter's
rendition="#g" (gesperrt) is spaced, "#s" struck through, "#uu" doubly underlined, "#aq"
(antiqua in a Fraktur text) in another face; the TEI Stylesheets' typewriter, allcaps,
color(red) and it too (a colour only when named by letters alone)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import serve
from tests.xslt.support import build_text

pytestmark = pytest.mark.browser

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Renditions</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="d"><head>Brief</head><p>Plain <hi rendition="#g">gesperrt</hi>
  <hi rendition="#s">gestrichen</hi> <hi rendition="#uu">doppelt</hi> <hi rendition="#aq">Wien</hi>
  <hi rend="k">Kapitälchen</hi> <hi rend="typewriter">tt</hi> <hi rend="allcaps">caps</hi>
  <hi rend="color(red)">rot</hi> <hi rend="color(expression(alert))">bad</hi> <hi rend="it">kursiv</hi></p>
  </div></body></text></TEI>"""


def test_common_renditions_are_shown(tmp_path, open_page):
    folder, _ = build_text(TEI, tmp_path)
    server, base = serve(folder)
    try:
        page = open_page(base, "d.html")

        def style(word: str, prop: str) -> str:
            return page.evaluate(f"getComputedStyle([...document.querySelectorAll('main .hi')]"
                                 f".find(e => e.textContent === '{word}')).{prop}")

        plain = page.evaluate("getComputedStyle(document.querySelector('main p')).fontFamily")
        assert style("gesperrt", "letterSpacing") not in ("normal", "0px")
        assert "line-through" in style("gestrichen", "textDecorationLine")
        assert style("doppelt", "textDecorationStyle") == "double"
        assert style("Wien", "fontFamily") != plain
        assert style("Kapitälchen", "fontVariantCaps") == "small-caps"
        # the TEI Stylesheets' own test file's renditions
        assert "monospace" in style("tt", "fontFamily")
        assert style("caps", "textTransform") == "uppercase"
        assert style("rot", "color") == "rgb(255, 0, 0)"
        text_colour = page.evaluate("getComputedStyle(document.querySelector('main p')).color")
        assert style("bad", "color") == text_colour
        assert style("kursiv", "fontStyle") == "italic"
    finally:
        server.shutdown()


ALIGNED = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Aligned</title>
  </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="d"><head>Brief</head><opener><seg type="letterhead"><seg rend="left">Neues
  Journal</seg><seg rend="right">Wien, IX.</seg></seg><dateline rend="right">Wien, 5. 10. 1895</dateline>
  <salute rend="center">Verehrter Freund!</salute></opener><p rendition="#c">Mitte</p>
  <p style="text-align: right">Rechts</p><p rend="italic">Links</p>
  <closer><signed rend="italic rightJustified">David</signed></closer></div></body></text></TEI>"""


def test_alignment_is_shown_and_aligned_phrases_stand_apart(tmp_path, open_page):
    """A letterhead's two segs (left, right, no space between them) read as two lines, not
    as "JournalWien"; a dateline on the right, a salute centred, as @rend, @rendition and
    @style say."""
    folder, _ = build_text(ALIGNED, tmp_path)
    server, base = serve(folder)
    try:
        page = open_page(base, "d.html")

        def align(text: str) -> str:
            return page.evaluate(f"getComputedStyle([...document.querySelectorAll('main *')].reverse()"
                                 f".find(e => e.textContent.trim() === '{text}')).textAlign")

        assert align("Wien, 5. 10. 1895") == "right" and align("Rechts") == "right"
        assert align("Verehrter Freund!") == "center" and align("Mitte") == "center"
        assert align("David") == "right"
        assert align("Links") in ("start", "left")
        tops = page.evaluate("[...document.querySelectorAll('main .tei-seg .tei-seg')]"
                             ".map(e => e.getBoundingClientRect().top)")
        assert len(tops) == 2 and tops[1] > tops[0]  # one line each
    finally:
        server.shutdown()
