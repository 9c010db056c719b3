"""BagIt (RFC 8493, version 1.0) bags, and zips.

teikit writes the bag itself (payload moved under ``data/``, manifests and tag manifests
in sorted order, ``bagit.txt`` declaring 1.0, ``bag-info.txt`` with Payload-Oxum), so
that each file is read once: :class:`Digests` computes every checksum a deposit needs
(the bag's SHA-512 and SHA-256, METS's SHA-256) in one read per file and remembers it by
inode, size and modification time, which survive the move into ``data/``. The maintained
``bagit`` library validates the result in the tests.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import bagit

from teikit import __version__, xmlio

DEFAULT_CHECKSUMS = ("sha512", "sha256")
_COMPRESSED = {".epub", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".woff", ".woff2", ".gz"}
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


class Digests:
    """Checksums of files, each file read once for all algorithms (see the module docstring)."""

    ALGORITHMS = ("sha256", "sha512")

    def __init__(self) -> None:
        self._known: dict[tuple[int, int, int, int], dict[str, str]] = {}

    def of(self, path: Path, algorithm: str) -> str:
        info = path.stat()
        key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        found = self._known.get(key)
        if found is None or algorithm not in found:
            names = sorted({*self.ALGORITHMS, algorithm})
            hashes = {a: hashlib.new(a) for a in names}
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    for h in hashes.values():
                        h.update(block)
            found = self._known[key] = {a: h.hexdigest() for a, h in hashes.items()}
        return found[algorithm]


def _manifest_path(rel: str) -> str:
    """A path as BagIt manifests write it (RFC 8493 §2.1.3: CR, LF and % percent-encoded)."""
    return rel.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")


def make_bag(
    directory: Path, bag_info: dict[str, str], checksums: tuple[str, ...] = DEFAULT_CHECKSUMS,
    digests: Digests | None = None,
) -> None:
    """Turn ``directory`` (the payload) into a bag in place; ``digests`` may already know
    the payload's checksums (a deposit computed them for METS)."""
    unknown = [c for c in checksums if c not in bagit.CHECKSUM_ALGOS]
    if unknown:
        raise ValueError(f"unknown checksum algorithm(s): {', '.join(unknown)}")
    digests = digests or Digests()
    data = directory / "data"
    entries = sorted(directory.iterdir())
    data.mkdir()
    for entry in entries:
        entry.rename(data / entry.name)
    payload = sorted((p for p in data.rglob("*") if p.is_file()),
                     key=lambda p: p.relative_to(directory).as_posix())
    for algorithm in checksums:
        lines = [f"{digests.of(p, algorithm)}  {_manifest_path(p.relative_to(directory).as_posix())}\n"
                 for p in payload]
        (directory / f"manifest-{algorithm}.txt").write_text("".join(lines), encoding="utf-8")
    info = dict(bag_info)
    info.setdefault("Bag-Software-Agent", f"teikit {__version__}")
    info["Payload-Oxum"] = f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"
    fields = "".join(f"{key}: {' '.join(value.split())}\n" for key, value in sorted(info.items()))
    (directory / "bag-info.txt").write_text(fields, encoding="utf-8")
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
