"""DSpace Simple Archive Format (SAF): one item folder ready for DSpace's batch import.

``dspace/item_000/`` holds ``dublin_core.xml`` (from the same Dublin Core as the bag),
``contents`` (one bitstream per line with its bundle) and the bitstreams: the TEI file,
the EPUB, the METS document, the citation files and a zip of the HTML site, plus the
rights statement in the LICENSE bundle. Import with
``dspace import --add --collection=<handle> --source=dspace --mapfile=map``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

from teikit.deposit.bag import zip_directory
from teikit.deposit.dc import dspace_dublin_core
from teikit.deposit.metadata import DepositMetadata

# A bitstream's name in ``contents`` is a line's first tab-separated field, and DSpace's
# importer reads the file it names from the item folder: a name from a stranger's file name
# ("a.xml\tpermissions:…", "x\n../../etc/passwd") must hold no tab, newline or path.
_SAF_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _saf_name(name: str, taken: set[str]) -> str:
    """``name`` as a plain file name (other characters as ``_``, no leading dot), unique."""
    safe = _SAF_UNSAFE.sub("_", name).lstrip(".") or "file"
    stem, dot, suffix = safe.rpartition(".")
    candidate, n = safe, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}" if dot else f"{safe}-{n}"
    return candidate


def write_saf(meta: DepositMetadata, data: Path, out_dir: Path, *, tei_rel: PurePosixPath) -> Path:
    """Write the SAF item for the payload in ``data`` into ``out_dir``; returns the item folder."""
    item = out_dir / "item_000"
    item.mkdir(parents=True)
    (item / "dublin_core.xml").write_bytes(dspace_dublin_core(meta))
    bitstreams: list[tuple[str, str]] = []

    def add(src: Path, name: str, bundle: str = "ORIGINAL") -> None:
        name = _saf_name(name, {n for n, _ in bitstreams})
        shutil.copyfile(src, item / name)
        bitstreams.append((name, bundle))

    add(data / tei_rel, tei_rel.name)
    # one flat item folder: epub/1891/letter.epub (documents in folders) as 1891_letter.epub
    for epub in sorted((data / "epub").rglob("*.epub")):
        add(epub, epub.relative_to(data / "epub").as_posix().replace("/", "_"))
    add(data / "metadata" / "mets.xml", "mets.xml")
    for cite in sorted((data / "citations").iterdir()):
        add(cite, cite.name)
    if (data / "html").is_dir():
        zip_directory(data / "html", item / "html.zip", date=meta.date, top="html")
        bitstreams.append(("html.zip", "ORIGINAL"))
    add(data / "RIGHTS.txt", "license.txt", "LICENSE")
    contents = "".join(f"{name}\tbundle:{bundle}\n" for name, bundle in bitstreams)
    (item / "contents").write_text(contents, encoding="utf-8")
    return item
