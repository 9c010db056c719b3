"""BagIt (RFC 8493, version 1.0) bags made with the maintained ``bagit`` library, and zips.

``bagit.make_bag`` writes the payload manifests (sorted) and bag-info.txt; two things are
adjusted after it, then the bag is validated again with ``bagit``: ``bagit.txt`` declares
version 1.0 (bagit 1.9 writes 0.97), and tag manifests are rewritten in sorted order
(bagit lists tag files in directory order, which varies between file systems).
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from pathlib import Path

import bagit

from teikit import __version__, xmlio

DEFAULT_CHECKSUMS = ("sha512", "sha256")
_COMPRESSED = {".epub", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".woff", ".woff2", ".gz"}
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def make_bag(
    directory: Path, bag_info: dict[str, str], checksums: tuple[str, ...] = DEFAULT_CHECKSUMS
) -> None:
    """Turn ``directory`` (the payload) into a bag in place."""
    unknown = [c for c in checksums if c not in bagit.CHECKSUM_ALGOS]
    if unknown:
        raise ValueError(f"unknown checksum algorithm(s): {', '.join(unknown)}")
    logging.getLogger("bagit").setLevel(logging.WARNING)
    info = dict(bag_info)
    info.setdefault("Bag-Software-Agent", f"teikit {__version__} (bagit.py {bagit.VERSION})")
    bagit.make_bag(str(directory), bag_info=info, checksums=list(checksums), processes=1)
    (directory / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    for algorithm in checksums:
        _write_tag_manifest(directory, algorithm)


def _tag_files(directory: Path) -> list[str]:
    rels = (p.relative_to(directory) for p in directory.rglob("*") if p.is_file())
    return sorted(r.as_posix() for r in rels if r.parts[0] != "data" and not r.name.startswith("tagmanifest"))


def _write_tag_manifest(directory: Path, algorithm: str) -> None:
    lines = []
    for rel in _tag_files(directory):
        digest = hashlib.new(algorithm, (directory / rel).read_bytes()).hexdigest()
        lines.append(f"{digest}  {rel}\n")
    (directory / f"tagmanifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")


def zip_directory(directory: Path, archive: Path, *, date: str, top: str) -> None:
    """Zip ``directory`` under ``top/`` deterministically: sorted entries, fixed time and modes.

    ``date`` (ISO, the edition's) is the timestamp of every entry; ZIP cannot store dates
    before 1980, so earlier dates become 1980-01-01.
    """
    year, month, day = (int(x) for x in (date + "-01-01")[:10].split("-"))
    stamp = (max(year, 1980), month, day, 0, 0, 0) if year >= 1980 else (1980, 1, 1, 0, 0, 0)
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    tmp = archive.with_name(f".{archive.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(directory).as_posix()}", date_time=stamp)
            # Already-compressed files are stored: deflating them again costs time for nothing.
            packed = path.suffix.lower() in _COMPRESSED
            info.compress_type = zipfile.ZIP_STORED if packed else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the mode above is honoured everywhere
            zf.writestr(info, path.read_bytes(), compresslevel=None if packed else 9)
    os.replace(tmp, archive)


def write_text(path: Path, text: str) -> None:
    """A payload text file, written atomically (UTF-8, LF)."""
    xmlio.atomic_write_text(path, text)
