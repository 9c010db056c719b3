"""Where the margin's furniture stands in Chromium: a paragraph written from right to left
(the Digital Syriac Corpus, Al-Muqtabas) starts at the right and has its page numbers in the
left margin; page breaks of two editions at one place (Al-Muqtabas' p. 90 and n38-p14) stand
one under the other, not one over the other."""

from __future__ import annotations

import pytest

from tests.browser.conftest import serve
from tests.xslt.support import build_text

pytestmark = pytest.mark.browser

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc><titleStmt>
  <title>Margins</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>
  </fileDesc></teiHeader><text><body><div xml:id="d"><head>Issue</head>
  <p>An English paragraph <pb n="89"/> with a page break.</p>
  <p xml:lang="ar"><pb n="n38-p14"/><pb n="90"/>العشر لغة جزوء من عشرة وجمعه أعشار وعشور.</p>
  </div></body></text></TEI>"""


def test_right_to_left_paragraphs_and_their_page_breaks_stand_where_a_reader_looks(tmp_path, open_page):
    folder, _ = build_text(TEI, tmp_path)
    server, base = serve(folder)
    try:
        page = open_page(base, "d.html", viewport={"width": 1280, "height": 900})

        def box(selector: str, index: int = 0) -> dict:
            return page.evaluate(f"JSON.parse(JSON.stringify("
                                 f"document.querySelectorAll('{selector}')[{index}].getBoundingClientRect()))")

        english, arabic = box("main p.p", 0), box("main p.p", 1)
        assert page.evaluate("getComputedStyle(document.querySelectorAll('main p.p')[1]).direction") == "rtl"
        # the Arabic line starts at the right: its text ends nearer the right edge than the left
        words = page.evaluate("(() => { const r = document.createRange();"
                              " r.selectNodeContents(document.querySelectorAll('main p.p')[1].lastChild);"
                              " return JSON.parse(JSON.stringify(r.getClientRects()[0])); })()")
        assert arabic["right"] - words["right"] < 2 < words["left"] - arabic["left"]
        # page numbers: the English one in the right margin, the Arabic ones in the left
        assert box(".pb", 0)["left"] >= english["right"]
        first, second = box(".pb", 1), box(".pb", 2)
        assert first["right"] <= arabic["left"] and second["right"] <= arabic["left"]
        assert first["bottom"] <= second["top"]  # one under the other
    finally:
        server.shutdown()
