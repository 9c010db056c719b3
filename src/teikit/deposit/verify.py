"""Checking a deposit: the bag's every checksum (bagit), and METS/MODS/DC against XSDs.

Problems come back as :class:`~teikit.diagnostics.Diagnostic` values naming the file that
is wrong, every one of them (not the first): payload files changed, missing or added, payload
and tag manifests, a missing tag manifest, bag-info.txt changed, a wrong Payload-Oxum, and a
manifest line edited after bagging (blamed on the manifest when another manifest, or the tag
manifest, shows the file itself is intact). Only a bag that cannot be opened at all raises.

A zipped bag is verified in place, member by member, without extracting it; its members are
bounded in number, size and compression ratio, and paths that leave the bag (absolute,
``..``, links) are refused, so a crafted zip can neither fill the disk nor write anywhere.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import xmlschema

from teikit import paths, xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError

XSD_DIR = paths.SCHEMAS_DIR / "xsd"


# The official MODS 3.8 schema imports XLink by its web address; the same file (LoC's XLink
# v2, which METS imports too) is bundled, so validation never reaches the network.
_LOCAL_COPIES = {"http://www.loc.gov/standards/xlink/xlink.xsd": XSD_DIR / "xlink.xsd"}


# Prefixes for the element paths in messages (/mets:mets/mets:dmdSec[1]/.../mods:mods).
_PREFIXES = {
    "mets": "http://www.loc.gov/METS/",
    "mods": "http://www.loc.gov/mods/v3",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "xlink": "http://www.w3.org/1999/xlink",
}


@functools.cache
def deposit_schema() -> xmlschema.XMLSchema10:
    """METS 1.12 + MODS 3.8 + DC + XLink, built once per process from schemas/xsd (no network).

    xmlschema rather than lxml: libxml2 refuses MODS 3.8 ("duplicate attribute use") and would
    fetch the XML namespace's schema from the web, while xmlschema carries it; its messages name
    the element's path. Building it takes about 0.4 s of pure Python, most of a deposit; the
    built schema is kept in teikit's cache (:func:`_cached_schema`), which loads in 0.03 s.
    """
    return _cached_schema(paths.CACHE_DIR / "deposit", _build_schema)


def _build_schema() -> xmlschema.XMLSchema10:
    mapped = {url: path.resolve().as_uri() for url, path in _LOCAL_COPIES.items()}
    return xmlschema.XMLSchema10(str(XSD_DIR / "deposit.xsd"), uri_mapper=mapped, allow="local",
                                 defuse="always")


def _schema_key() -> str:
    """What the built schema depends on: the XSD files' bytes, xmlschema's and Python's versions."""
    h = hashlib.sha256(f"{xmlschema.__version__} {sys.version}".encode())
    for path in sorted(XSD_DIR.glob("*.xsd")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


def _cached_schema(folder: Path, build: Callable[[], xmlschema.XMLSchema10]) -> xmlschema.XMLSchema10:
    """The schema from ``folder`` when a copy built from the same files is there, else built
    (and stored, atomically; a cache that cannot be written is no error).

    A pickle runs code when loaded, so a cached copy is read only when it is a regular file of
    this user's that nobody else may write, in a folder nobody else may write: the same trust
    as the installed code itself. Anything else, or a copy that does not load, is rebuilt.
    """
    cached = folder / f"schema-{_schema_key()}.pickle"
    try:
        if _private(folder) and _private(cached):
            schema = pickle.loads(cached.read_bytes())
            if isinstance(schema, xmlschema.XMLSchema10):
                return schema
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    schema = build()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = folder / f".{cached.name}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL))
        os.chmod(tmp, 0o600)
        os.replace(tmp, cached)
    except OSError:
        pass
    return schema


def _private(path: Path) -> bool:
    """A path owned by this user, not writable by group or others (not a link)."""
    info = path.lstat()
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not (info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)) and not stat.S_ISLNK(info.st_mode)


def validate_metadata(data: bytes, name: str) -> list[Diagnostic]:
    """Validate a METS (or MODS, or oai_dc) document against the bundled XML Schemas: every error."""
    schema = deposit_schema()
    tree = xmlio.parse_bytes(data, name)
    return [
        Diagnostic(name, getattr(err, "sourceline", None) or None, None, Severity.ERROR,
                   "deposit.xsd-invalid", _message(err))
        for err in schema.iter_errors(tree, namespaces=_PREFIXES)
    ]


def _message(err: xmlschema.XMLSchemaValidationError) -> str:
    """The reason and where: 'at /mets:mets/...: reason' (the schema's own words)."""
    reason = (err.reason or str(err.message)).strip()
    return f"{err.path}: {reason}" if err.path else reason


# Bounds on a zipped bag (a deposit is large, but not a bomb).
MAX_MEMBERS = 200_000
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, per member above 1 MiB

ALGORITHMS = ("md5", "sha1", "sha256", "sha384", "sha512")


def _error(
    file: str, code: str, message: str, hint: str | None = None, line: int | None = None
) -> Diagnostic:
    return Diagnostic(file, line, None, Severity.ERROR, code, message, hint=hint)


class _Bag:
    """The files of a bag, as {posix relative path: opener}, from a folder or a zip."""

    def __init__(self, name: str, files: dict[str, Callable[[], Iterator[bytes]]]) -> None:
        self.name = name
        self.files = files

    def where(self, rel: str) -> str:
        return f"{self.name}/{rel}" if not self.name.endswith(".zip") else f"{self.name}!/{rel}"

    def text(self, rel: str) -> str | None:
        if rel not in self.files:
            return None
        return b"".join(self.files[rel]()).decode("utf-8", errors="replace")

    def digest(self, rel: str, algorithm: str) -> str:
        h = hashlib.new(algorithm)
        for chunk in self.files[rel]():
            h.update(chunk)
        return h.hexdigest()

    def size(self, rel: str) -> int:
        return sum(len(chunk) for chunk in self.files[rel]())


def _chunks_of(path: Path) -> Callable[[], Iterator[bytes]]:
    def read() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            yield from iter(lambda: fh.read(1 << 20), b"")
    return read


def _folder_bag(root: Path, problems: list[Diagnostic]) -> _Bag:
    files: dict[str, Callable[[], Iterator[bytes]]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            if full.is_symlink():
                problems.append(_error(str(full), "bag.link",
                                       "a link inside the bag (links are not bag files)",
                                       hint="replace the link by the file it points to, or remove it"))
            elif name in filenames and full.is_file():
                files[rel] = _chunks_of(full)
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
    return _Bag(str(root), files)


def _zip_bag(archive: Path) -> tuple[_Bag, zipfile.ZipFile]:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a readable zip: {exc}", file=archive) from exc
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"the zip holds {len(infos)} files, more than teikit verifies ({MAX_MEMBERS})",
                         file=archive, hint="verify the unzipped folder instead")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in name.split("/") or ":" in name.split("/")[0]:
            raise InputError(f"unsafe path in zip: {name}", file=archive,
                             hint="a bag's zip holds relative paths inside one folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputError(f"a link in the zip: {name}", file=archive, hint="bags hold files, not links")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1 << 20 and ratio > MAX_RATIO:
            raise InputError(f"zip member {name} expands {ratio:.0f} times (a zip bomb?)", file=archive,
                             hint=f"teikit refuses members compressed more than {MAX_RATIO}:1")
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"the zip expands to {total} bytes, more than teikit verifies", file=archive)
    names = [i.filename for i in infos]
    tops = {n.split("/", 1)[0] for n in names}
    prefix = f"{tops.pop()}/" if len(tops) == 1 and all("/" in n for n in names) else ""

    def opener(info: zipfile.ZipInfo) -> Callable[[], Iterator[bytes]]:
        def read() -> Iterator[bytes]:
            with zf.open(info) as fh:
                yield from iter(lambda: fh.read(1 << 20), b"")
        return read

    files = {i.filename[len(prefix):]: opener(i) for i in infos}
    return _Bag(str(archive), files), zf


def _manifest(bag: _Bag, rel: str, problems: list[Diagnostic]) -> dict[str, tuple[str, int]]:
    """{path: (checksum, line)} of one manifest; malformed lines reported against it."""
    entries: dict[str, tuple[str, int]] = {}
    for number, line in enumerate((bag.text(rel) or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.strip().split(None, 1)
        if len(parts) != 2:
            problems.append(_error(bag.where(rel), "bag.manifest-invalid", f"line {number} is not "
                                   "'checksum path'", line=number, hint="the manifest was edited"))
            continue
        checksum, path = parts
        path = path.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        entries[path] = (checksum.lower(), number)
    return entries


def verify_bag(path: str | Path) -> list[Diagnostic]:
    """Verify a bag folder or a zipped bag; every discrepancy is a diagnostic."""
    p = Path(path)
    problems: list[Diagnostic] = []
    zf = None
    if p.is_file() and zipfile.is_zipfile(p):
        bag, zf = _zip_bag(p)
    elif p.is_dir():
        bag = _folder_bag(p, problems)
    else:
        raise InputError("not a bag: expected a bag directory or a .zip of one", file=p,
                         hint="pass the folder holding bagit.txt, or the .zip of teikit deposit --zip")
    try:
        if "bagit.txt" not in bag.files:
            raise InputError("not a valid bag: there is no bagit.txt", file=p,
                             hint="a bag has bagit.txt, manifests and data/")
        problems += _verify(bag)
    finally:
        if zf is not None:
            zf.close()
    return sorted(problems, key=lambda d: (d.file, d.line or 0, d.code, d.message))


def _verify(bag: _Bag) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    manifests = {a: _manifest(bag, f"manifest-{a}.txt", problems)
                 for a in ALGORITHMS if f"manifest-{a}.txt" in bag.files}
    tagmanifests = {a: _manifest(bag, f"tagmanifest-{a}.txt", problems)
                    for a in ALGORITHMS if f"tagmanifest-{a}.txt" in bag.files}
    if not manifests:
        problems.append(_error(bag.where("bagit.txt"), "bag.no-manifest", "the bag has no payload manifest",
                               hint="a bag lists its payload in manifest-<algorithm>.txt"))
    # Tag files first: which of them were changed after bagging?
    edited_tags: set[str] = set()
    tag_files = sorted(r for r in bag.files if "/" not in r and not r.startswith("tagmanifest-"))
    if not tagmanifests:
        problems.append(_error(bag.where("bagit.txt"), "bag.tagmanifest-missing",
                               "the tag manifests are missing: bag-info.txt and the manifests are "
                               "not protected by any checksum",
                               hint="teikit bags carry tagmanifest-*.txt; this bag was altered or made by "
                                    "a tool that does not write them"))
    for algorithm, entries in tagmanifests.items():
        for rel in tag_files:
            if rel not in entries:
                problems.append(_error(bag.where(rel), "bag.tag-unlisted",
                                       f"a tag file not listed in tagmanifest-{algorithm}.txt"))
        for rel, (checksum, line) in entries.items():
            if rel not in bag.files:
                problems.append(_error(bag.where(rel), "bag.tag-missing",
                                       f"listed in tagmanifest-{algorithm}.txt (line {line}) but missing"))
            elif bag.digest(rel, algorithm) != checksum:
                edited_tags.add(rel)
    for rel in sorted(edited_tags):
        code = "bag.info-changed" if rel == "bag-info.txt" else "bag.tag-checksum-mismatch"
        what = "bag-info.txt was changed after bagging" if rel == "bag-info.txt" else \
            f"{rel} was changed after bagging"
        problems.append(_error(bag.where(rel), code, what + " (its tag-manifest checksum differs)",
                               hint="restore it from the original deposit"))
    problems += _payload(bag, manifests, edited_tags)
    problems += _oxum(bag)
    return problems


def _payload(
    bag: _Bag, manifests: dict[str, dict[str, tuple[str, int]]], edited: set[str]
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    payload = {r for r in bag.files if r.startswith("data/")}
    listed = set().union(*(set(m) for m in manifests.values())) if manifests else set()
    for rel in sorted(payload - listed):
        problems.append(_error(bag.where(rel), "bag.unexpected-file",
                               "a file not listed in any manifest was added",
                               hint="remove it, or make a new deposit that includes it"))
    for rel in sorted(listed):
        if rel not in bag.files:
            names = ", ".join(f"manifest-{a}.txt" for a, m in manifests.items() if rel in m)
            problems.append(_error(bag.where(rel), "bag.file-missing",
                                   f"a file listed in {names} is missing",
                                   hint="restore it from the original deposit"))
            continue
        verdicts = {a: bag.digest(rel, a) == m[rel][0] for a, m in manifests.items() if rel in m}
        wrong = sorted(a for a, ok in verdicts.items() if not ok)
        if not wrong:
            continue
        intact = [a for a, ok in verdicts.items() if ok]
        for algorithm in wrong:
            manifest = f"manifest-{algorithm}.txt"
            line = manifests[algorithm][rel][1]
            if intact or manifest in edited:
                problems.append(_error(
                    bag.where(manifest), "bag.manifest-edited",
                    f"line {line} (for {rel}) was edited after bagging: the file itself matches "
                    + (f"manifest-{intact[0]}.txt" if intact else "its original checksum"),
                    line=line, hint="restore the manifest from the original deposit"))
        if not intact and f"manifest-{wrong[0]}.txt" not in edited:
            problems.append(_error(bag.where(rel), "bag.checksum-mismatch",
                                   f"the file was changed after bagging "
                                   f"({', '.join(wrong)} checksums differ)",
                                   hint="restore it from the original deposit"))
    return problems


def _oxum(bag: _Bag) -> list[Diagnostic]:
    info = bag.text("bag-info.txt") or ""
    for line in info.splitlines():
        if line.lower().startswith("payload-oxum:"):
            value = line.split(":", 1)[1].strip()
            try:
                octets, count = (int(x) for x in value.split(".", 1))
            except ValueError:
                return [_error(bag.where("bag-info.txt"), "bag.oxum-invalid",
                               f"Payload-Oxum {value!r} is not 'bytes.files'")]
            payload = [r for r in bag.files if r.startswith("data/")]
            size = sum(bag.size(r) for r in payload)
            if (octets, count) != (size, len(payload)):
                return [_error(bag.where("bag-info.txt"), "bag.oxum-mismatch",
                               f"Payload-Oxum says {octets} bytes in {count} files; the payload has {size} "
                               f"bytes in {len(payload)} files",
                               hint="files were added, removed or changed in size (see the other problems)")]
    return []
