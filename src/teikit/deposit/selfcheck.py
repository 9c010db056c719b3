"""The deposit checks the METS, MODS and DC it has just generated against their XML Schemas.

A schema error here is a teikit bug, so the check must be complete, and it should be cheap:
it ran on every deposit and was most of one (xmlschema, pure Python, 0.25 s for the memoir's
METS of 538 files, plus 0.2 s importing it). Now:

- **METS** is validated by libxml2 (lxml) against ``schemas/xsd/mets.xsd`` and the bundled
  XLink it imports (no network: both local). Its ``xmlData`` is ``processContents="lax"``
  and libxml2 is given no MODS or DC declarations, so it checks the METS structure, file
  section and checksums' form and leaves the records inside to the next step.
- **MODS** and **DC** (``metadata/mods.xml``, ``metadata/dc.xml``: the same records METS
  wraps, made by the same functions) are validated by xmlschema, as ``teikit deposit
  --verify`` does: libxml2 refuses MODS 3.8 ("duplicate attribute use"). Their verdict is
  remembered in teikit's cache (``deposit/valid/``), keyed by the SHA-256 of the record's
  bytes, the XSD files and xmlschema's version: the records change only when the TEI header
  does, so a deposit of an unchanged edition does not import xmlschema at all. Only a valid
  verdict is remembered; an invalid record is validated (and reported) every time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import sys
from pathlib import Path

from lxml import etree

from teikit import paths, xmlio
from teikit.diagnostics import Diagnostic, Severity

XSD_DIR = paths.SCHEMAS_DIR / "xsd"
VERDICTS = paths.CACHE_DIR / "deposit" / "valid"


@functools.cache
def mets_schema() -> etree.XMLSchema:
    """METS 1.12 with XLink, compiled by libxml2 from the bundled files (never the network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "mets.xsd"), parser))


def check_mets(data: bytes, name: str) -> list[Diagnostic]:
    """Every error of a METS document against METS 1.12 (its MODS and DC records not included)."""
    schema = mets_schema()
    if schema.validate(xmlio.parse_bytes(data, name)):
        return []
    return [Diagnostic(name, err.line or None, None, Severity.ERROR, "deposit.xsd-invalid", err.message)
            for err in schema.error_log]


@functools.cache
def _schemas_key() -> bytes:
    h = hashlib.sha256(f"{importlib.metadata.version('xmlschema')} {sys.version}".encode())
    for path in sorted(XSD_DIR.glob("*.xsd")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def check_record(data: bytes, name: str, verdicts: Path | None = VERDICTS) -> list[Diagnostic]:
    """Every error of a MODS or DC record (xmlschema), or none when these bytes were found
    valid before (``verdicts``: the folder of remembered valid verdicts; None: none kept)."""
    marker = None
    if verdicts is not None:
        marker = verdicts / hashlib.sha256(_schemas_key() + data).hexdigest()
        if marker.is_file():
            return []
    from teikit.deposit.verify import validate_metadata

    found = validate_metadata(data, name)
    if not found and marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            marker.touch()
        except OSError:  # a cache that cannot be written is no error
            pass
    return found
