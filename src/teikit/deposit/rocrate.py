"""An RO-Crate of the deposit's payload, written with the ``rocrate`` library.

The crate is a folder: the payload files (the TEI, schemas, citations, built outputs) and
``ro-crate-metadata.json`` describing them. The root dataset carries the edition's title,
description, date (the TEI's, never the clock: the crate is byte-identical for the same
input), licence, identifier, authors and translator as ``Person`` entities, and the
printed book as a ``Book`` it is ``isBasedOn``. Each file is a data entity with its
``encodingFormat``.
"""

from __future__ import annotations

import json
from pathlib import Path

from rocrate.model.contextentity import ContextEntity
from rocrate.model.person import Person
from rocrate.rocrate import ROCrate

from teikit.deposit.metadata import DepositMetadata

# What each kind of payload file is, by suffix.
_FORMATS = {
    ".xml": "application/xml", ".html": "text/html", ".xhtml": "application/xhtml+xml", ".css": "text/css",
    ".js": "text/javascript", ".json": "application/json", ".bib": "application/x-bibtex",
    ".ris": "application/x-research-info-systems", ".csv": "text/csv", ".epub": "application/epub+zip",
    ".rng": "application/xml", ".sch": "application/xml", ".xsd": "application/xml", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".woff2": "font/woff2",
}


def _display(name: dict) -> str:
    return name.get("literal") or " ".join(filter(None, (name.get("given"), name.get("family"))))


def write_rocrate(meta: DepositMetadata, payload: Path, tei_rel: str, target: Path) -> Path:
    """Write an RO-Crate of the files under ``payload`` into ``target`` (a new folder)."""
    crate = ROCrate()
    root = crate.root_dataset
    crate.name = meta.title
    crate.description = meta.description()
    root["datePublished"] = meta.date
    if meta.license_url:
        root["license"] = meta.license_url
    if meta.identifier:
        root["identifier"] = meta.identifier
    if meta.language:
        root["inLanguage"] = meta.language
    if meta.publisher:
        publisher = {"@type": "Organization", "name": meta.publisher}
        root["publisher"] = crate.add(ContextEntity(crate, "#publisher", properties=publisher))
    people: list = []
    for role in ("author", "translator", "editor"):
        entities = []
        for name in meta.edition.get(role, []):
            people.append(name)
            entities.append(crate.add(Person(crate, f"#person-{len(people)}",
                                             properties={"name": _display(name)})))
        if entities:
            root[role] = entities
    book = meta.print or {}
    if book.get("title"):
        # schema.org's type for what the source is: a book, a periodical's issue, a manuscript
        kind = {"periodical": "PublicationIssue", "manuscript": "Manuscript"}.get(book.get("type", ""),
                                                                                   "Book")
        props = {"@type": kind, "name": book["title"]}
        if book.get("ISBN"):
            props["isbn"] = book["ISBN"]
        if book.get("publisher"):
            props["publisher"] = book["publisher"]
        parts = book.get("issued", {}).get("date-parts", [[]])[0]
        if parts:
            props["datePublished"] = str(parts[0])
        root["isBasedOn"] = crate.add(ContextEntity(crate, "#print", properties=props))
    for path in sorted(p for p in payload.rglob("*") if p.is_file()):
        rel = path.relative_to(payload).as_posix()
        props = {"name": path.name, "contentSize": str(path.stat().st_size)}
        fmt = "application/tei+xml" if rel == tei_rel else _FORMATS.get(path.suffix.lower())
        if fmt:
            props["encodingFormat"] = fmt
        crate.add_file(path, dest_path=rel, properties=props)
    crate.write(target)
    _normalise(target / "ro-crate-metadata.json")
    return target


def _normalise(path: Path) -> None:
    """Keys sorted and indented the same way every run, so the crate is byte-identical."""
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
