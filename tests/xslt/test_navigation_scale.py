"""The contents beside a division's text stay bounded in a long edition (xslt/html/navigation.xsl).

Every page once carried the whole contents, so a site of N divisions held N² links (a
generated 50 MB edition of 5,000 chapters: 25 million). Up to 60 divisions (the
``contents-window`` parameter) every page lists all of them (the memoir's 27 unchanged);
beyond, the 60 around the page's own (as many after it as before, moved inward at the
ends), with "…" linking to the full contents where the list is cut.
"""

from __future__ import annotations

from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""


def chapters(n: int) -> str:
    return "".join(f'<div xml:id="c{i}"><head>Chapter {i}</head><p>Text {i}.</p></div>'
                   for i in range(1, n + 1))


def aside(folder, name: str) -> list[tuple[str, str, bool]]:
    """(href, text, is the current page) of each entry of the contents beside the text."""
    return [(a.get("href"), a.text_content().strip(), a.get("aria-current") == "page")
            for a in page(folder, name).xpath("//nav[@class='toc-aside']/ol/li/a")]


def test_an_edition_of_60_divisions_lists_them_all_on_every_page(tmp_path):
    folder, _ = build_text(TEI.format(body=chapters(60)), tmp_path)
    for name in ("c1.html", "c31.html", "c60.html"):
        entries = aside(folder, name)
        assert [href for href, _, _ in entries] == [f"c{i}.html" for i in range(1, 61)]
        assert [href for href, _, current in entries if current] == [name]


def test_a_longer_edition_lists_the_nearest_sixty_and_links_the_rest(tmp_path):
    folder, _ = build_text(TEI.format(body=chapters(100)), tmp_path)
    middle = aside(folder, "c50.html")
    assert middle[0] == ("toc.html", "…", False) and middle[-1] == ("toc.html", "…", False)
    assert [href for href, _, _ in middle[1:-1]] == [f"c{i}.html" for i in range(20, 80)]
    assert ("c50.html", "Chapter 50", True) in middle
    first = aside(folder, "c1.html")
    assert [href for href, _, _ in first] == [f"c{i}.html" for i in range(1, 61)] + ["toc.html"]
    last = aside(folder, "c100.html")
    assert [href for href, _, _ in last] == ["toc.html"] + [f"c{i}.html" for i in range(41, 101)]
    # the full contents still list every division
    assert len(page(folder, "toc.html").xpath("//ol[@class='toc']/li")) == 100


def test_page_breaks_between_divisions_open_the_next_division(tmp_path):
    body = ('<pb n="1"/><div xml:id="a"><head>A</head><p>One.</p></div>'
            '<pb n="2"/><milestone unit="part"/><pb n="3"/><div xml:id="b"><head>B</head><p>Two.</p></div>'
            '<div xml:id="c"><head>C</head><p>Three.</p></div><pb n="4"/>')
    folder, _ = build_text(TEI.format(body=body), tmp_path)

    def pages_on(name: str) -> list[str]:
        links = page(folder, name).xpath("//main//a[contains(@class, 'pb')]")
        return [a.text_content().strip() for a in links]

    assert pages_on("a.html") == ["p. 1"]
    assert pages_on("b.html") == ["p. 2", "p. 3"]
    assert pages_on("c.html") == ["p. 4"]  # the last division also takes what follows it
