"""One meaning of TEI: Python's reading text (teikit.meaning, used by check, the CSV tables
and the citations) and the XSLT layer's tk:plain (used by the HTML site and the EPUB) give
the same answer for every element of real TEI by other projects, of the memoir and of the
rendering fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from teikit import meaning, paths, saxon, xmlio

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "tei-samples"
OURS = [ROOT / "tei" / "bazhanov.xml", ROOT / "tests" / "fixtures" / "mini-edition.xml",
        *sorted((ROOT / "tests" / "fixtures" / "render").glob("*.xml"))]
SEPARATOR = "\ue001"


@pytest.fixture(scope="module")
def plain_stylesheet(tmp_path_factory) -> Path:
    """A stylesheet that imports teikit's common layer and says tk:plain of every element."""
    common = (paths.XSLT_DIR / "common" / "common.xsl").resolve().as_uri()
    path = tmp_path_factory.mktemp("meaning") / "plain.xsl"
    path.write_text(f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:tk="urn:teikit:xslt" exclude-result-prefixes="#all">
      <xsl:import href="{common}"/>
      <xsl:output method="text" encoding="UTF-8"/>
      <xsl:template match="/">
        <xsl:value-of select="string-join(//* ! tk:plain(.), '{SEPARATOR}')"/>
      </xsl:template>
    </xsl:stylesheet>""", encoding="utf-8")
    return path


def _disagreements(path: Path, stylesheet: Path) -> list[tuple[str, str, str]]:
    tree = xmlio.parse_file(path)
    xslt = saxon.transform(stylesheet, tree, source_name=str(path)).output.split(SEPARATOR)
    elements = [el for el in tree.getroot().iter() if isinstance(el.tag, str)]
    assert len(xslt) == len(elements), path
    python = [meaning.reading_text(el) for el in elements]
    return [(etree.QName(el).localname + f"@{el.sourceline}", p, x)
            for el, p, x in zip(elements, python, xslt, strict=True) if p != x]


@pytest.mark.parametrize("path", OURS, ids=[p.name for p in OURS])
def test_python_and_xslt_read_our_files_alike(path, plain_stylesheet):
    assert _disagreements(path, plain_stylesheet) == []


def test_python_and_xslt_read_other_projects_tei_alike(plain_stylesheet):
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): the samples by other projects are not here")
    checked = 0
    for path in sorted(SHARED.glob("*.xml")):
        tree = xmlio.parse_file(path)
        if xmlio.tei_root_problem(tree):
            continue  # TEI P4: not read by any stage
        assert _disagreements(path, plain_stylesheet) == [], path.name
        checked += 1
    assert checked >= 6


@pytest.mark.parametrize("tei, expected", [
    ('<p>a <choice><sic>teh</sic><corr>the</corr></choice> cat</p>', "a the cat"),
    ('<p><choice><abbr>Dr.</abbr><expan>Doctor</expan></choice> Who; <abbr>etc.</abbr></p>',
     "Doctor Who; etc."),
    ('<p>as printed: <sic>teh</sic></p>', "as printed: teh"),
    ('<p>magna<note>a variant</note> <fw type="header">HEAD</fw>laus</p>', "magna laus"),
    ('<p><app><lem>magna</lem><rdg wit="#b">magma</rdg><rdgGrp><rdg>maga</rdg></rdgGrp></app> laus</p>',
     "magna laus"),
    # without a lem, the first reading stands in the text (as the HTML shows it), the others
    # are variants: a heading with an apparatus was once labelled with every reading
    ('<p><app><rdg wit="#a">one</rdg> <rdg wit="#b">two</rdg></app></p>', "one"),
    ('<p><app><lem>a <app><lem>b</lem><rdg>c</rdg></app> d</lem><rdgGrp><rdg>e</rdg></rdgGrp>'
     '<witDetail wit="#x">leaf lost</witDetail></app> f</p>', "a b d f"),
    ('<p><app><rdgGrp><rdg>g <app><rdg>h</rdg><rdg>i</rdg></app></rdg></rdgGrp><rdg>j</rdg></app></p>',
     "g h"),
    ('<p>ἐλλεί<cb break="no"/>πει, trans<milestone unit="section" break="no"/>\n  lation<cb/> x</p>',
     "ἐλλείπει, translation x"),
    ('<p>Gesell-\n   <lb break="no"/>\n   schaft and <lb/>more</p>', "Gesell-schaft and more"),
    ('<p>Gesell<lb break="no"/> schaft\u00a0x</p>', "Gesellschaft\u00a0x"),
    # a pair side by side outside a choice reads as a choice (Konrad von Würzburg's critical
    # texts pair every word: "dvdu"); one standing alone, or apart from its partner, is kept
    ('<p><w><orig>dv</orig><reg>du</reg></w> <w><reg>wart</reg>\n <!-- c --> <orig>wart</orig></w></p>',
     "du wart"),
    ('<p><sic>teh</sic> <corr>the</corr>; <abbr>Dr.</abbr>, <expan>Doctor</expan>; <orig>x</orig></p>',
     "the; Dr., Doctor; x"),
])
def test_what_a_reader_sees(tei, expected, plain_stylesheet, tmp_path):
    el = etree.fromstring(tei.replace("<p>", f'<p xmlns="{xmlio.TEI_NS}">', 1))
    assert meaning.reading_text(el) == expected
    body = etree.tostring(el, encoding="unicode")
    tei_doc = f'<TEI xmlns="{xmlio.TEI_NS}"><text><body>{body}</body></text></TEI>'
    doc = etree.ElementTree(etree.fromstring(tei_doc))
    xslt = saxon.transform(plain_stylesheet, doc).output.split(SEPARATOR)
    assert xslt[3] == expected  # TEI, text, body, p


def test_notes_are_kept_when_asked():
    el = etree.fromstring(f'<p xmlns="{xmlio.TEI_NS}">text<note>and a note</note></p>')
    assert meaning.reading_text(el, notes=True) == "textand a note"
    assert meaning.reading_text(el) == "text"


_PAGED = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>
<pb n="10" xml:id="p10"/><div xml:id="d1"><head>One</head><p>a <pb ed="reprint" n="201" xml:id="r201"/>b</p>
<p>c <pb n="11" xml:id="p11"/>d <pb/>e</p></div>
<div xml:id="d2"><head>Two</head><p>f <pb ed="reprint" n="205"/>g</p></div></body></text></TEI>"""


def test_pages_are_counted_once_for_csv_and_citations():
    """A reprint's pb (``@ed``) renumbers nothing; an unnumbered pb is an unknown page, not
    the previous one. The CSV tables and the citations ask teikit.meaning alike."""
    from teikit.build.csv_text import Locator
    from teikit.cite.pages import page_range

    root = xmlio.parse_bytes(_PAGED).getroot()
    ns = {"t": xmlio.TEI_NS}
    assert meaning.pagination(root) is None
    loc = Locator(root)
    paras = root.findall(".//t:p", ns)
    assert [loc.page_of(p) for p in paras] == ["10", "10", ""]  # d2 starts on the unnumbered page
    assert loc.page_of(paras[1].find("t:pb", ns)) == "11"
    last_pb = root.findall(".//t:pb", ns)[-2]
    assert last_pb.get("n") is None and loc.page_of(last_pb) == ""
    assert loc.pb_page == {"p10": "10", "r201": "201", "p11": "11"}
    d1, d2 = root.findall(".//t:div", ns)
    assert page_range(d1) == "10"  # the unnumbered last page makes the end unknown: the start alone
    assert page_range(d2) == ""    # it starts on the unnumbered page
    reprint_only = xmlio.parse_bytes(_PAGED.replace(b'<pb n="10" xml:id="p10"/>', b"")
                                     .replace(b'<pb n="11" xml:id="p11"/>', b"")
                                     .replace(b"<pb/>", b"")).getroot()
    assert meaning.pagination(reprint_only) == "reprint"  # every pb names it: its pages count
    assert page_range(reprint_only.findall(".//t:div", ns)[1]) == "201-205"
