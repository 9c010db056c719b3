"""`teikit cite`: write every citation format of an edition into one folder, atomically.

The folder (``exports/citations/`` by default) holds ``<stem>.json`` (CSL-JSON),
``<stem>.bib`` (BibLaTeX), ``<stem>-bibtex.bib`` (classic BibTeX) and ``<stem>.ris``, each
with the edition, its print source, its divisions and its bibliography, plus
``<stem>-bibliography.*`` files holding only the bibliography. The whole folder is replaced
only when every file was written, so a failed run leaves the previous one in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.cite.biblatex import to_bib
from teikit.cite.csl import to_csl_json
from teikit.cite.fields import put
from teikit.cite.records import bibliography_records, citation_records
from teikit.cite.ris import to_ris
from teikit.letters import letters

WRITERS: dict[str, tuple[str, Callable[[list[dict]], str]]] = {
    "csl-json": (".json", to_csl_json),
    "biblatex": (".bib", lambda items: to_bib(items, "biblatex")),
    "bibtex": ("-bibtex.bib", lambda items: to_bib(items, "bibtex")),
    "ris": (".ris", to_ris),
}


@dataclass
class CiteResult:
    """What :func:`write_citations` wrote and how many items each file holds."""

    out_dir: Path
    outputs: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


_ISO = re.compile(r"^(-?\d{4,})(?:-(\d\d))?(?:-(\d\d))?")


def letter_items(root: etree._Element) -> list[dict]:
    """CSL-JSON items of letters (:mod:`teikit.letters`), type personal_communication with
    genre letter: the senders are the authors, the addressees the recipients, the date sent
    the date issued."""
    items = []
    for letter in letters(root):
        # CSL has no type "letter" (the official schema rejects it): a personal communication
        # whose genre is letter, as citeproc styles and Zotero read it
        item: dict = {"id": letter.id, "type": "personal_communication", "genre": "letter",
                      "title": letter.title}
        put(item, "author", [{"literal": p.name} for p in letter.senders if p.name])
        put(item, "recipient", [{"literal": p.name} for p in letter.addressees if p.name])
        m = _ISO.match(letter.date)
        if m:
            put(item, "issued", {"date-parts": [[int(g) for g in m.groups() if g]]})
        put(item, "publisher-place", letter.place_sent)
        put(item, "URL", letter.url)
        put(item, "note", f"Printed in: {letter.source}" if letter.source else "")
        items.append(item)
    return items


def all_items(tree: etree._ElementTree) -> tuple[list[dict], list[dict]]:
    """(edition + print + divisions + letters + bibliography, bibliography only), in document order.

    Keys must be unique across one file: a bibliography entry whose key equals one of the
    edition's (the book citing its own print edition) gets a ``-bib`` suffix.
    """
    own = list(citation_records(tree).values())
    taken = {item["id"] for item in own}
    for item in letter_items(tree.getroot()):
        while item["id"] in taken:
            item["id"] += "-letter"
        taken.add(item["id"])
        own.append(item)
    bibliography = []
    for item in bibliography_records(tree).values():
        if item["id"] in taken:
            item = dict(item, id=f"{item['id']}-bib")
        taken.add(item["id"])
        bibliography.append(item)
    return own + bibliography, bibliography


def write_citations(
    tree: etree._ElementTree, out_dir: Path, *, stem: str, formats: tuple[str, ...] = tuple(WRITERS),
    inputs: tuple[Path, ...] = (),
) -> CiteResult:
    """Write the chosen formats for ``tree`` into ``out_dir`` (replaced as a whole)."""
    everything, bibliography = all_items(tree)  # raises MetadataError before anything is written
    result = CiteResult(out_dir=out_dir)
    with xmlio.atomic_directory(out_dir, inputs=inputs) as tmp:
        for name in formats:
            suffix, writer = WRITERS[name]
            for label, items in ((stem, everything), (f"{stem}-bibliography", bibliography)):
                if not items:
                    continue
                path = tmp / f"{label}{suffix}"
                xmlio.atomic_write_text(path, writer(items))
                result.outputs.append(out_dir / path.name)
                result.counts[path.name] = len(items)
    return result
