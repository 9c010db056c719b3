"""What the reading edition's downloads page offers: the TEI, and the other outputs of the
build beside the site (``exports/``: the EPUB, the CSV tables, the citation files, the
deposit bag), each only when it is there or being made by this run.

The HTML builder copies the TEI into the site (so the page can always offer it) and passes
:func:`entries` to the stylesheet as JSON (parameter ``downloads``); ``xslt/html/downloads.xsl``
writes ``downloads.html`` from it. Links to the other outputs are relative (``../csv/...``),
so they work wherever the exports folder is served or opened from.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from lxml import etree

from teikit.build import BuildSettings
from teikit.edition import Edition

if TYPE_CHECKING:
    from teikit.saxon import Serialized

# The files the csv builder writes (teikit.build.csv; a test keeps the two lists the same).
CSV_FILES = ("persons.csv", "places.csv", "organizations.csv", "mentions.csv", "dates.csv", "notes.csv",
             "bibliography.csv", "index.csv", "csv-metadata.json")
# The citation files `teikit cite` writes for a stem (teikit.cite.export), with their format.
CITATION_FILES = (("{stem}.bib", "BibLaTeX"), ("{stem}-bibtex.bib", "BibTeX"), ("{stem}.ris", "RIS"),
                  ("{stem}.json", "CSL-JSON"))


def tei_name(edition: Edition) -> str:
    """Where the TEI is in the site (a folder of its own, beside the pages)."""
    return f"tei/{edition.stem}.xml"


# What etree.tostring(tree, xml_declaration=True, encoding="UTF-8") puts before the root.
_DECLARATION = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def copy_tei(edition: Edition, folder: Path, serialized: Serialized | None = None) -> Path:
    """Put the edition's TEI into the site: the file as it is, or a collection as parsed (the
    bytes already ``serialized`` for Saxon when given: a collection's tree has no DOCTYPE or
    nodes beside its root, so they are the same after the XML declaration)."""
    target = Path(folder) / tei_name(edition)
    target.parent.mkdir(parents=True, exist_ok=True)
    if edition.path.is_file():
        shutil.copyfile(edition.path, target)
    elif serialized is not None and edition.members:
        with open(serialized.path, "rb") as source, open(target, "wb") as out:
            out.write(_DECLARATION)
            shutil.copyfileobj(source, out, 1 << 20)
    else:
        target.write_bytes(etree.tostring(edition.tree, xml_declaration=True, encoding="UTF-8"))
    return target


def _present(settings: BuildSettings, product: str, path: Path) -> bool:
    """Is an output there, or made by this run?"""
    return product in settings.products or path.exists()


def entries(edition: Edition, settings: BuildSettings) -> list[dict[str, str]]:
    """The downloads, in the order the page lists them: {"format", "label", "href"}."""
    stem = edition.stem
    exports = Path(settings.exports_dir)
    found = [{"format": "TEI", "label": f"{stem}.xml", "href": tei_name(edition)}]
    if settings.epub_per_document and edition.members:
        # one EPUB per document (teikit.build.epub), named by its path in the collection: a
        # file name may hold what a URL must escape ("why?.xml", "a#b.xml", spaces, accents)
        if _present(settings, "epub", exports / "epub"):
            for base in edition.members:  # in the reading order
                name = PurePosixPath(base).with_suffix(".epub").as_posix()
                found.append({"format": "EPUB", "label": name, "href": f"../epub/{quote(name)}"})
    elif _present(settings, "epub", exports / f"{stem}.epub"):
        found.append({"format": "EPUB", "label": f"{stem}.epub", "href": f"../{stem}.epub"})
    if _present(settings, "csv", exports / "csv"):
        found += [{"format": "CSV", "label": name, "href": f"../csv/{name}"} for name in CSV_FILES]
    if _present(settings, "citations", exports / "citations"):
        for name, fmt in CITATION_FILES:
            file = name.format(stem=stem)
            found.append({"format": fmt, "label": file, "href": f"../citations/{file}"})
    if _present(settings, "deposit", exports / "deposit" / stem):
        found.append({"format": "BagIt", "label": f"deposit/{stem}/",
                      "href": f"../deposit/{stem}/bag-info.txt"})
    return found
