"""An OCFL 1.1 object of the deposit's payload, written and validated with ``ocfl-py``.

The object (``0=ocfl_object_1.1``, ``inventory.json`` with SHA-512 digests, ``v1/content/``)
holds the payload as version 1, identified by the edition's identifier. The version's
``created`` time is the edition's date (the TEI's, never the clock), so the same input
makes a byte-identical object.
"""

from __future__ import annotations

from pathlib import Path

import ocfl

from teikit.deposit.metadata import DepositMetadata
from teikit.errors import TeikitError


def _created(date: str) -> str:
    """OCFL wants a full RFC 3339 time; the edition's date at midnight UTC."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def write_ocfl(meta: DepositMetadata, payload: Path, target: Path) -> Path:
    """Write the files under ``payload`` as an OCFL object at ``target`` (a new folder), validated."""
    obj = ocfl.Object(identifier=meta.identifier or meta.title)
    metadata = ocfl.VersionMetadata(created=_created(meta.date), message=f"Deposit of {meta.title}",
                                    name=meta.publisher or "teikit", address="")
    obj.create(srcdir=str(payload), metadata=metadata, objdir=str(target))
    passed, validator = ocfl.Object(path=str(target)).validate(str(target), log_warnings=False)
    if not passed:
        raise TeikitError(f"the OCFL object does not validate: {validator}", file=target,
                          hint="report this as a teikit bug")
    return target
