"""How a collection's documents name their pages (xslt/common/units.xsl, tk:member-keys):
by the document's xml:id, else its file name, else (when that is taken by an ID or by another
folder's file) its path, its file name with ".xml", its whole path escaped; never by its
position among the collection's pages. File names as SARIT and other corpora write them
(spaces, accents, "#", "%", "?") give valid, unique page names and links that resolve, and
the downloads page links to the EPUB of each document by an escaped URL.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from teikit.build import BuildSettings
from teikit.build import html as html_builder
from teikit.build.run import build_formats
from teikit.collection import load_collection, tei_files
from tests.build.test_epub import epubcheck, problems
from tests.xslt.support import broken_links, norm, page

TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="{pid}">{title}</p></body></text></TEI>"""


def _member_pages(folder: Path, files: dict[str, str]) -> dict[str, str]:
    """Build a collection of ``files`` (path -> title); {title: its page}."""
    for i, (name, title) in enumerate(files.items()):
        path = folder / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEI.format(title=title, pid=f"p{i}"), encoding="utf-8")
    edition = load_collection(tei_files(folder / "in"), name=folder / "in")
    html_builder.build(edition, folder / "out", BuildSettings(exports_dir=folder / "out"))
    html = folder / "out" / "html"
    assert broken_links(html) == []
    toc = etree.HTML((html / "toc.html").read_bytes())
    return {norm(a.xpath("string()")): a.get("href") for a in toc.xpath("//ol[@class='toc']/li/a")}


def test_members_whose_file_names_are_taken_are_named_by_their_paths(tmp_path):
    files = {"1891/letter.xml": "First", "1892/letter.xml": "Second", "p1.xml": "Named like an ID",
             "1893/p0.xml": "Every name taken", "1894/p0.xml": "Named like an ID, in a folder",
             "1893-p0.xml": "Taking a path's name", "plain.xml": "Plain"}
    named = _member_pages(tmp_path / "a", files)
    assert named == {"First": "1891-letter.html", "Second": "1892-letter.html",
                     "Named like an ID": "p1.xml.html",
                     "Every name taken": "tk-_47_1893_47_p0.xml.html",
                     "Named like an ID, in a folder": "1894-p0.html",
                     "Taking a path's name": "1893-p0.html", "Plain": "plain.html"}
    # another member added before them renames none of them
    again = _member_pages(tmp_path / "b", {"1890/letter.xml": "Zeroth", **files})
    assert {t: again[t] for t in named} == named


SARIT_LIKE = {"Nyāya sūtra.xml": "With accents", "Nyaya sutra.xml": "Without accents", "a#b.xml": "Hash",
              "100% pure.xml": "Percent", "why?.xml": "Question", "plain.xml": "Plain"}


def test_file_names_that_need_escaping_give_valid_unique_pages_and_working_links(tmp_path):
    named = _member_pages(tmp_path / "a", SARIT_LIKE)
    # the two Nyaya give one readable name: both are escaped, each its own
    assert named == {"With accents": "tk-_78_y_257_ya_32_s_363_tra.html",
                     "Without accents": "tk-_78_yaya_32_sutra.html", "Hash": "a-b.html",
                     "Percent": "100-pure.html", "Question": "why.html", "Plain": "plain.html"}
    # the same names however the documents are listed (a second folder, one more document)
    again = _member_pages(tmp_path / "b", {"0 first.xml": "First", **SARIT_LIKE})
    assert {t: again[t] for t in named} == named


def test_epubs_per_document_of_such_names_are_linked_escaped_and_pass_epubcheck(tmp_path):
    for i, (name, title) in enumerate(SARIT_LIKE.items()):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(TEI.format(title=title, pid=f"p{i}"), encoding="utf-8")
    edition = load_collection(tei_files(tmp_path / "in"), name=tmp_path / "in")
    out = tmp_path / "out"
    run = build_formats(edition, ["html", "epub"], BuildSettings(exports_dir=out, epub_per_document=True,
                                                                 products=("html", "epub")))
    assert run.committed, [d.render() for d in run.diagnostics]
    links = page(out / "html", "downloads.html").xpath("//a[contains(@href, '.epub')]/@href")
    # with one EPUB per document the page linked "../in.epub", which is not made
    assert len(links) == len(SARIT_LIKE) and "../epub/why%3F.epub" in links and "../epub/a%23b.epub" in links
    for href in links:
        assert (out / "html" / unquote(href)).is_file(), href
    for href in ("../epub/why%3F.epub", "../epub/a%23b.epub", "../epub/100%25%20pure.epub"):
        assert problems(epubcheck(out / "html" / unquote(href))) == [], href
