"""A block's anchor among many siblings (xslt/html/anchors.xsl, tk:sibling-number).

The anchor of a block without xml:id names its position among the siblings of its name.
Beyond 256 siblings the positions are numbered once per parent (a memo function) instead of
counting the preceding siblings for every block (quadratic: 50,000 paragraphs in one
division); both ways must give the same anchors as counting does.
"""

from __future__ import annotations

from tests.xslt.support import build_text, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div><head>Many</head>{blocks}</div></body></text></TEI>"""


def test_anchors_of_hundreds_of_siblings_count_only_those_of_their_name(tmp_path):
    blocks, expected, p = [], [], 0
    for i in range(700):
        if i % 3 == 2:
            blocks.append(f"<ab>b{i}</ab>")  # other names between the paragraphs
        elif i == 400:
            blocks.append(f'<p xml:id="own">w{i}</p>')  # its own ID, still counted among the p
            p += 1
            expected.append(("own", f"w{i}"))
        else:
            p += 1
            blocks.append(f"<p>w{i}</p>")
            expected.append((f"text.body.div1.p{p}", f"w{i}"))
    folder, _ = build_text(TEI.format(blocks="".join(blocks)), tmp_path)
    found = [(el.get("id"), el.text_content()) for el in page(folder, "div-1.html").xpath("//main//*[@id]")]
    assert [f for f in found if f[1].startswith("w")] == expected
    assert len(expected) > 400  # past the 256 siblings where the numbering takes over
    abs_ = [f for f in found if f[1].startswith("b")]
    assert abs_ == [(f"text.body.div1.ab{k}", f"b{3 * k - 1}") for k in range(1, len(abs_) + 1)]
    assert len(abs_) == 233


def test_a_table_heads_keep_their_anchors_which_the_search_results_link_to(tmp_path):
    """A table's heads are shown as its caption: each keeps the anchor of its block, or the
    search results' links to the words of a head led to no anchor (the build's link check,
    build.broken-link, found it in a TEI sample's table)."""
    from teikit.build import BuildSettings
    from teikit.build.run import build_formats
    from teikit.edition import Edition

    tei = TEI.format(blocks="<p>before</p><table><head>Rates</head><head>by year</head>"
                            "<row><cell>1</cell><cell>one</cell></row></table>")
    src = tmp_path / "doc.xml"
    src.write_text(tei, encoding="utf-8")
    out = tmp_path / "out"
    run = build_formats(Edition.load(src), ["html", "epub"], BuildSettings(exports_dir=out))
    assert run.committed
    assert [d.message for d in run.diagnostics if d.code == "build.broken-link"] == []
    (caption,) = page(out / "html", "div-1.html").xpath("//caption")
    assert caption.get("id") == "text.body.div1.table1.head1"
    assert [s.get("id") for s in caption.xpath("span")] == ["text.body.div1.table1.head2"]
    index = (out / "html" / "search-index.js").read_text(encoding="utf-8")
    assert all(f"div-1.html#text.body.div1.table1.head{n}" in index for n in (1, 2))


def test_search_results_lead_to_where_a_continued_note_and_an_entry_note_are_shown(tmp_path):
    """A note continuing another (@prev) is shown inside the note it continues, on that note's
    page; a note in a register entry is part of the entry, with no note anchor: the search
    results led to anchors neither page had (the build's link check found both)."""
    from pathlib import Path

    from teikit.build import BuildSettings
    from teikit.build.run import build_formats
    from teikit.edition import Edition

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "notes.xml"
    out = tmp_path / "out"
    run = build_formats(Edition.load(fixture), ["html"], BuildSettings(exports_dir=out))
    assert run.committed
    assert [d.message for d in run.diagnostics if d.code == "build.broken-link"] == []
    index = (out / "html" / "search-index.js").read_text(encoding="utf-8")
    assert '"d1.html#nx","Notes","continuation lilac.' in index  # shown in note nx, on d1's page
    assert '"back-3.html","Back matter","Mathematician daisy.' in index  # the entry's page, no anchor
