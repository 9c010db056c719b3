"""OCF packaging: a directory of EPUB files into one deterministic ``.epub`` zip.

The EPUB Open Container Format wants ``mimetype`` as the first entry, stored (not
compressed), with no extra field; the rest may be deflated. For byte-identical builds
every entry gets the same fixed timestamp and permissions and the entries come in sorted
order, so the archive depends only on the files' contents.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

MIMETYPE = b"application/epub+zip"
CONTAINER_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
# The earliest time a zip can hold; any fixed value would do. The real date of the
# edition is in the package metadata (dcterms:modified), not in the zip.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, so the attributes mean the same everywhere
    return info


def package(root: Path) -> bytes:
    """Zip the publication files under ``root`` (EPUB/, META-INF/) into EPUB bytes."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name != "mimetype")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(_entry("mimetype", zipfile.ZIP_STORED), MIMETYPE)
        for path in files:
            name = path.relative_to(root).as_posix()
            zf.writestr(_entry(name, zipfile.ZIP_DEFLATED), path.read_bytes(), compresslevel=6)
    return buf.getvalue()
