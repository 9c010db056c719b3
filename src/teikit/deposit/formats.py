"""Other packages repositories take, made from the bag's payload: RO-Crate, OCFL, DataCite,
a zipped DSpace archive.

``teikit deposit --package rocrate --package ocfl --package datacite --package dspace-zip``
writes, beside the bag in the deposit folder, ``<stem>.ro-crate/``
(:mod:`teikit.deposit.rocrate`), ``<stem>.ocfl/`` (:mod:`teikit.deposit.ocfl`),
``<stem>.datacite.xml`` (:mod:`teikit.deposit.datacite`) and ``<stem>.dspace.zip`` (the
DSpace Simple Archive of :mod:`teikit.deposit.dspace`, with a ``collections`` file naming
the target collection when one is given). Each is written to a staging name and moved into place
only when complete, so a failure leaves the previous one.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from teikit import xmlio
from teikit.deposit.bag import zip_directory
from teikit.deposit.dspace import write_saf
from teikit.deposit.metadata import deposit_metadata
from teikit.edition import Edition

PACKAGES = ("rocrate", "ocfl", "datacite", "dspace-zip")
DSPACE_TOP = "archive"  # the zip's one folder: DSpace's import takes it as the source directory


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    # ocfl-py logs progress on the root logger; teikit reports what it wrote itself.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.setLevel(level)


def write_packages(edition: Edition, bag_dir: Path, packages: tuple[str, ...],
                   collections: tuple[str, ...] = ()) -> list[Path]:
    """Write the chosen packages beside ``bag_dir`` from its ``data/`` payload; their paths.

    ``collections``: DSpace collection handles for the zipped archive's ``collections`` file.
    """
    meta = deposit_metadata(edition.tree)
    payload = bag_dir / "data"
    out: list[Path] = []
    stem = bag_dir.name
    if "rocrate" in packages:
        from teikit.deposit.rocrate import write_rocrate

        target = bag_dir.parent / f"{stem}.ro-crate"
        with xmlio.atomic_directory(target, mark=False) as tmp:
            tmp.rmdir()  # the library makes the folder itself
            write_rocrate(meta, payload, f"tei/{edition.input_names[0]}", tmp)
        out.append(target)
    if "ocfl" in packages:
        from teikit.deposit.ocfl import write_ocfl

        target = bag_dir.parent / f"{stem}.ocfl"
        with xmlio.atomic_directory(target, mark=False) as tmp, _quiet_root_logger():
            tmp.rmdir()  # OCFL refuses to create an object in an existing folder
            write_ocfl(meta, payload, tmp)
        out.append(target)
    if "datacite" in packages:
        # Imported here: the datacite library pulls in requests/urllib3, which open a socket
        # at import (an IPv6 probe); no other command may touch the network stack.
        from teikit.deposit.datacite import datacite_xml

        target = bag_dir.parent / f"{stem}.datacite.xml"
        xmlio.atomic_write_bytes(target, datacite_xml(edition.tree))
        out.append(target)
    if "dspace-zip" in packages:
        target = bag_dir.parent / f"{stem}.dspace.zip"
        with tempfile.TemporaryDirectory(dir=bag_dir.parent, prefix=f".{stem}.dspace.") as staging:
            archive = Path(staging) / DSPACE_TOP
            primary = PurePosixPath("tei", edition.input_names[0])
            item = write_saf(meta, payload, archive, tei_rel=primary)
            if collections:
                # One handle a line; the first is the owning collection.
                (item / "collections").write_text("".join(f"{c}\n" for c in collections), encoding="utf-8")
            zip_directory(archive, target, date=meta.date, top=DSPACE_TOP)
        out.append(target)
    return out
