"""A result cache for validation, keyed by content hashes (in ``.cache/validate/``).

A verdict depends only on the document's bytes, the bytes of every schema file involved
(including files a RELAX NG grammar includes, such as tei_all.rng for teikit.rng), the
engine and teikit's version; the key hashes exactly those, so a stale hit is impossible
short of a SHA-256 collision. Entries are written atomically; an unreadable entry is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from teikit import __version__, xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError

# Bump when the stored form or the meaning of a verdict changes.
FORMAT = "1"
_RNG_NS = "http://relaxng.org/ns/structure/1.0"
_XSD_NS = "http://www.w3.org/2001/XMLSchema"


def _references(path: Path) -> list[Path]:
    """Files a RELAX NG or XSD schema pulls in (include, externalRef, import)."""
    try:
        root = xmlio.parse_file(path).getroot()
    except InputError:
        return []
    hrefs = [e.get("href") for e in root.iter(f"{{{_RNG_NS}}}include", f"{{{_RNG_NS}}}externalRef")]
    hrefs += [e.get("schemaLocation") for e in root.iter(f"{{{_XSD_NS}}}include", f"{{{_XSD_NS}}}import")]
    return [(path.parent / h).resolve() for h in hrefs if h and "://" not in h]


def schema_digest(paths: Iterable[Path]) -> str:
    """SHA-256 over the schema files and, recursively, the files they include."""
    digest = hashlib.sha256()
    seen: set[Path] = set()
    todo = [Path(p).resolve() for p in paths]
    while todo:
        p = todo.pop(0)
        if p in seen or not p.is_file():
            continue
        seen.add(p)
        digest.update(p.name.encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
        if p.suffix.lower() in (".rng", ".xsd"):
            todo.extend(_references(p))
    return digest.hexdigest()


def key(schema_hash: str, engine: str, data: bytes) -> str:
    """The cache key of one document under one schema set and engine."""
    text = f"{FORMAT}\0{__version__}\0{engine}\0{schema_hash}\0".encode()
    return hashlib.sha256(text + hashlib.sha256(data).digest()).hexdigest()


def _entry(directory: Path, k: str) -> Path:
    return directory / k[:2] / f"{k}.json"


def load(directory: Path, k: str, name: str) -> list[Diagnostic] | None:
    """The cached diagnostics for key ``k`` (reported for file ``name``), or None."""
    try:
        items = json.loads(_entry(directory, k).read_text(encoding="utf-8"))
        return [
            Diagnostic(name, i.get("line"), i.get("column"), Severity(i["severity"]), i["code"], i["message"],
                       hint=i.get("hint"), xpath=i.get("xpath"), xml_id=i.get("xml_id"))
            for i in items
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(directory: Path, k: str, diags: Sequence[Diagnostic]) -> None:
    """Remember ``diags`` under key ``k`` (without the file name)."""
    items = []
    for d in diags:
        item = d.to_dict()
        item.pop("file", None)
        items.append(item)
    # A read-only checkout still validates, just without the cache.
    with contextlib.suppress(OSError):
        xmlio.atomic_write_text(_entry(directory, k), json.dumps(items, ensure_ascii=False))

