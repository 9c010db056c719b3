"""Dead links (teikit.build.links): the build says every link of the site and the EPUB that
leads to no file or to an anchor its page lacks, gathered as the text check reads the pages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from teikit.build import BuildSettings, preservation
from teikit.build.links import SHOWN, Links, diagnostics
from teikit.build.run import build_formats
from teikit.edition import Edition

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini-edition.xml"
PAGE = ('<html xmlns="http://www.w3.org/1999/xhtml"><head><link rel="stylesheet" href="{}assets/a.css"/>'
        "</head><body>{}</body></html>")


def _site(folder: Path) -> Path:
    """A site of three pages (two in a folder) holding every kind of link, good and dead."""
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "a.css").write_text("p {}")
    (folder / "letters").mkdir()
    (folder / "index.html").write_text(PAGE.format(
        "", '<nav><a href="letters/one.html">one</a> <a href="gone.html">gone</a></nav>'
        '<p id="top"><a href="#top">top</a> <a href="#nowhere">x</a> <a href="https://example.org/">web</a>'
        ' <a href="mailto:a@example.org">mail</a> <img src="data:image/png;base64,AA=="/>'
        ' <a href="letters/one.html#n1">n1</a> <a href="letters/one.html#n9">n9</a>'
        ' <a href="../csv/persons.csv">csv</a> <a href="../csv/places.csv">csv</a>'
        ' <a href="letters/two%20words.html">two</a> <img src="images/missing.png"/></p>'))
    (folder / "letters" / "one.html").write_text(PAGE.format(
        "../", '<p id="n1"><a href="../index.html#top">back</a> <a href="../gone.html">gone</a>'
        ' <a href="../../outside.html">out</a> <a href="../../../far.html">far</a></p>'))
    (folder / "letters" / "two words.html").write_text(PAGE.format("../", '<p id="t">two</p>'))
    return folder


def _dead(folder: Path, counted: preservation.PageCounts | None = None) -> list[tuple[str, str, str]]:
    counted = counted or preservation.site_counts(folder)
    found = counted.links.dead(preservation._files(folder), lambda name: name == "csv/persons.csv")
    return [(d.page, d.ref, d.says("the site")) for d in found]


def test_every_dead_link_of_a_site_is_found_and_no_good_one(tmp_path):
    site = _site(tmp_path / "site")
    assert _dead(site) == [
        ("index.html", "#nowhere", "index.html links to '#nowhere': index.html has no id 'nowhere'"),
        ("index.html", "../csv/places.csv",
         "index.html links to '../csv/places.csv': the build's exports folder holds no file csv/places.csv"),
        ("index.html", "gone.html",
         "index.html links to 'gone.html' (one of 2 links to it): the site holds no file gone.html"),
        ("index.html", "images/missing.png",
         "index.html links to 'images/missing.png': the site holds no file images/missing.png"),
        ("index.html", "letters/one.html#n9",
         "index.html links to 'letters/one.html#n9': letters/one.html has no id 'n9'"),
        ("letters/one.html", "../../../far.html",
         "letters/one.html links to '../../../far.html': ../../far.html lies outside the site"),
        ("letters/one.html", "../../outside.html",
         "letters/one.html links to '../../outside.html': the build's exports folder holds no file "
         "outside.html"),
    ]


def test_the_links_of_pages_counted_apart_add_up_to_those_counted_together(tmp_path):
    """A divided build counts its pages in several processes (teikit.build.parallel, the
    forked child and its parent): their links, added up, are those of one reading."""
    site = _site(tmp_path / "site")
    pages = preservation.html_pages(site)
    first, second = (preservation.page_counts(part, site) for part in (pages[:1], pages[1:]))
    first.update(second)
    whole = preservation.site_counts(site)
    assert first == whole and first.links == whole.links
    assert _dead(site, first) == _dead(site)


def test_past_a_few_dead_links_the_rest_are_counted():
    links = Links()
    links.add([f"p{i:02}.html" for i in range(SHOWN + 5)], "index.html")
    said = diagnostics(links.dead({"index.html"}), "the site", "e.xml")
    assert len(said) == SHOWN + 1 and {d.code for d in said} == {"build.broken-link"}
    assert all(d.severity.value == "warning" for d in said)
    assert said[-1].message.startswith(f"5 more dead links in the site (of {SHOWN + 5};")


def test_the_search_and_script_data_links_are_checked(tmp_path):
    site = _site(tmp_path / "site")
    (site / "pages-data.js").write_text('window.TK_PAGES = [["1","letters/one.html#n1","1"],'
                                        '["2","letters/one.html#pb2","2"]];\n')
    (site / "entities-data.js").write_text('window.TK_ENTITIES = {"person/p1.html": ["P"]};\n')
    links = Links()
    links.add_data(site)
    assert sorted(links.targets) == [("letters/one.html", "n1"), ("letters/one.html", "pb2"),
                                     ("person/p1.html", "")]
    counted = preservation.site_counts(site)  # the pages' ids, against which the fragments are checked
    counted.links.update(links)
    dead = [d for d in counted.links.dead(preservation._files(site)) if d.page.endswith(".js")]
    assert [d.says("the site") for d in dead] == [
        "entities-data.js links to 'person/p1.html': the site holds no file person/p1.html",
        "pages-data.js links to 'letters/one.html#pb2': letters/one.html has no id 'pb2'"]
    from teikit.build import search_index

    (site / search_index.DOCS).write_text(
        '{"units": [["letters/one.html", "One"]], "entities": {"p1": {"name": "P", "href": "p1.html", '
        '"kind": "persons", "names": ["P"]}}, "docs": [["letters/one.html#n1", "One", "two", 0, []]]}')
    found = Links()
    assert search_index.write(site, found) is not None
    assert sorted(found.targets) == [("letters/one.html", ""), ("letters/one.html", "n1"), ("p1.html", "")]


def _customized(tmp_path: Path, fmt: str) -> Path:
    """A customization that adds to every paragraph a link to a page nobody writes, and an
    image nobody copies (the EPUB's stylesheet unlinks an ``a`` that leads nowhere in the book:
    xslt/epub/xhtml.xsl, tk:book-href)."""
    custom = tmp_path / f"{fmt}.xsl"
    custom.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:import href="teikit:{fmt}/{fmt}.xsl"/>'
        '<xsl:template match="tei:p"><xsl:next-match/><a href="unwritten.html#there">more</a>'
        '<img src="unwritten.png" alt=""/></xsl:template>'
        '</xsl:stylesheet>')
    return custom


def test_a_build_whose_stylesheet_writes_a_dead_link_says_so_and_still_builds(tmp_path):
    """Both outputs, each its own: the site's page and the EPUB's content document are named
    with the link and where it leads; a warning (the outputs are whole), so the build is made."""
    out = tmp_path / "out"
    stylesheets = {"html": _customized(tmp_path, "html"), "epub": _customized(tmp_path, "epub")}
    run = build_formats(Edition.load(MINI), ["html", "epub"],
                        BuildSettings(exports_dir=out, stylesheets=stylesheets))
    dead = [d for d in run.diagnostics if d.code == "build.broken-link"]
    site = [d.message for d in dead if "the HTML site" in d.message]
    book = [d.message for d in dead if "the EPUB" in d.message]
    assert site and book, [d.render() for d in run.diagnostics]
    assert all(d.severity.value == "warning" and d.file == str(MINI) for d in dead)
    assert {m.split(" links to ", 1)[1] for m in site} == {
        "'unwritten.html#there' (one of 4 links to it): the HTML site holds no file unwritten.html",
        "'unwritten.png' (one of 4 links to it): the HTML site holds no file unwritten.png"}
    assert all(m.split(": ", 2)[1].split(" links to")[0].endswith(".html") for m in site)
    assert book and all("holds no file EPUB/text/unwritten.png" in m
                        and ".xhtml links to 'unwritten.png'" in m for m in book), book
    assert run.committed and (out / "html" / "index.html").is_file()


def test_the_cli_exits_0_with_a_dead_link_and_names_it(tmp_path, monkeypatch):
    import shutil

    from teikit.cli import cli

    project = tmp_path / "p"
    (project / "tei").mkdir(parents=True)
    shutil.copyfile(MINI, project / "tei" / "mini.xml")
    shutil.copyfile(_customized(tmp_path, "html"), project / "custom.xsl")
    (project / "teikit.toml").write_text('[edition]\ntei = ["tei/mini.xml"]\noutput = "site"\n'
                                         '[build]\nhtml-stylesheet = "custom.xsl"\n')
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output
    assert "[build.broken-link]" in result.output and "'unwritten.html#there'" in result.output
    assert (project / "site" / "html" / "index.html").is_file()


def test_a_clean_build_has_no_dead_link_in_the_site_or_the_epub(tmp_path):
    out = tmp_path / "out"
    run = build_formats(Edition.load(MINI), ["html", "epub", "csv"], BuildSettings(exports_dir=out,
                        products=("html", "epub", "csv")))
    assert run.committed
    assert [d.message for d in run.diagnostics if d.code == "build.broken-link"] == []
    # the check did read them: the downloads page's links to the outputs beside the site, the
    # EPUB's package and spine
    counted = preservation.site_counts(out / "html")
    assert ("../csv/persons.csv", "") in counted.links.targets
    book = preservation.epub_counts(next(out.glob("*.epub")))
    assert ("EPUB/package.opf", "") in book.links.targets  # the container's rootfile
    assert any(target == "EPUB/package.opf" and fragment for target, fragment in book.links.targets)  # spine


def test_an_epub_missing_a_manifest_item_is_said(tmp_path):
    """The package's links are checked: a manifest item whose file is not in the book."""
    run = build_formats(Edition.load(MINI), ["epub"], BuildSettings(exports_dir=tmp_path / "out"))
    assert run.committed
    book = next((tmp_path / "out").glob("*.epub"))
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if item.filename != "EPUB/text/ch02.xhtml":
                target.writestr(item, source.read(item.filename))
    source_words, where = preservation.tei_words(Edition.load(MINI).tree)
    report = preservation.epub_report(source_words, where, broken)
    said = [d.message for d in preservation.diagnostics(report, "e.xml") if d.code == "build.broken-link"]
    # the manifest, the navigation document and the contents: the first, by name, is said
    assert any("EPUB/package.opf links to 'text/ch02.xhtml' (one of 3 links to it): the EPUB holds no "
               "file EPUB/text/ch02.xhtml" in m for m in said), said
    assert any("links to 'ch02.xhtml#" in m for m in said), said  # the links into its notes


_MODES = """
import sys
from pathlib import Path
from teikit import saxon
from teikit.build import BuildSettings, memory
from teikit.build.run import build_formats
from teikit.edition import Edition

mini, custom, out = (Path(a) for a in sys.argv[1:4])

def said(name, jobs, names):
    run = build_formats(Edition.load(mini), names, BuildSettings(exports_dir=out / name, jobs=jobs,
                                                                  stylesheets={"html": custom}))
    assert run.committed, run.diagnostics
    return sorted(d.message for d in run.diagnostics if d.code == "build.broken-link")

found = {}
memory.LARGE = 1  # every edition is large: Saxon in children that free their tree
found["lean, --jobs 2"] = said("lean2", 2, ["html", "epub"])
found["lean, --jobs 1"] = said("lean1", 1, ["html", "epub"])
memory.LARGE = 10 ** 12
found["site in a child"] = said("child", 2, ["html", "epub"])  # halves: the child and this process
found["divided"] = said("divided", 2, ["html"])  # the pages among workers, which count them
assert saxon.started()
found["one process"] = said("one", 1, ["html"])
first = found["one process"]
assert first and any("unwritten.html" in m for m in first), first
for mode, messages in found.items():
    assert messages == first, (mode, messages, first)
print("ok")
"""


def test_the_links_are_checked_alike_however_the_site_is_written(tmp_path):
    """The pages' links are gathered where their words are counted: in a forked child and its
    parent (half each), in the workers of a divided build, in a large build's lean child and
    its parent; added up they are those one process finds (the same dead links, each with
    the same count). A process of its own: once Saxon has run here, a build forks nothing."""
    import subprocess
    import sys

    custom = _customized(tmp_path, "html")
    args = [str(MINI), str(custom), str(tmp_path / "out")]
    done = subprocess.run([sys.executable, "-c", _MODES, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


def test_an_entry_of_a_register_standing_in_the_text_is_an_anchor(tmp_path):
    # The TEI's own place test (testplace.xml): a listPlace in the body; the search results
    # linked to "div-2.html#ESB" and the EPUB's names to its entry, and no element had that id
    src = tmp_path / "places.xml"
    src.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        "<text><body><div xml:id='d1'><head>Text</head>"
        "<p>Up the <placeName ref='#ESB'>Empire State</placeName>."
        "</p></div><div xml:id='d2'><head>Places</head><listPlace><place xml:id='ESB'>"
        "<placeName>Empire State Building</placeName><bibl>Jackson, Encyclopedia, 375</bibl></place>"
        "</listPlace></div></body></text></TEI>", encoding="utf-8")
    out = tmp_path / "out"
    run = build_formats(Edition.load(src), ["html", "epub"], BuildSettings(exports_dir=out,
                        products=("html", "epub")))
    assert run.committed
    assert [d.message for d in run.diagnostics if d.code == "build.broken-link"] == []
    assert 'id="ESB"' in (out / "html" / "d2.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next(out.glob("*.epub"))) as book:
        text = book.read("EPUB/text/d1.xhtml").decode()
        assert 'href="d2.xhtml#ESB"' in text
        assert 'id="ESB"' in book.read("EPUB/text/d2.xhtml").decode()


def test_a_pointer_to_a_text_of_a_group_leads_to_that_text(tmp_path):
    # EVT's Codice Pelavicino: ref target="#CI_118" (a text of a group, its front and body the
    # pages) led to the next text's page, at an anchor no page had
    src = tmp_path / "group.xml"
    src.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>G</title></titleStmt>'
        "<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        "<text><front><p>See <ref target='#t1'>document 1</ref> and <ref target='#t2'>2</ref>.</p></front>"
        "<group><text xml:id='t1'><front xml:id='t1f'><titlePart>118</titlePart><div><p>Regest one.</p></div>"
        "</front><body><div xml:id='t1d'><p>One.</p></div></body></text>"
        "<text xml:id='t2'><front xml:id='t2f'><titlePart>119</titlePart><div><p>Regest two.</p></div>"
        "</front><body><div xml:id='t2d'><p>Two.</p></div></body></text></group></text></TEI>",
        encoding="utf-8")
    out = tmp_path / "out"
    run = build_formats(Edition.load(src), ["html", "epub"], BuildSettings(exports_dir=out,
                        products=("html", "epub")))
    assert run.committed
    assert [d.message for d in run.diagnostics if d.code == "build.broken-link"] == []
    front = (out / "html" / "front-1.html").read_text(encoding="utf-8")
    assert 'href="t1f.html">document 1</a>' in front and 'href="t2f.html">2</a>' in front
