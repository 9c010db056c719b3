"""Safe XML reading and atomic writing, shared by every stage.

Reading: no network, no external DTD or entity, no entity expansion (a DOCTYPE that
declares entities is refused outright, which also stops "billion laughs" bombs), no huge
trees. Every failure becomes an :class:`~teikit.errors.InputError` naming file and line.

Writing: outputs are written to a temporary sibling and moved into place with
``os.replace``, so a failed build never destroys the previous output.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from teikit.errors import InputError, UnsafeInputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"

# How far into a file we look for a DOCTYPE's internal subset.
_PROLOG_BYTES = 64 * 1024
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def safe_parser(*, remove_blank_text: bool = False, collect_ids: bool = True) -> etree.XMLParser:
    """A parser that never reads outside its input.

    ``collect_ids=False`` lets libxml2 accept duplicate or malformed ``xml:id`` values
    instead of failing, so that ``teikit check`` can report them as diagnostics.
    """
    return etree.XMLParser(
        collect_ids=collect_ids,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=remove_blank_text,
        remove_comments=False,
    )


def _refuse_unsafe_prolog(data: bytes, name: str) -> None:
    head = data[:_PROLOG_BYTES]
    doctype = _DOCTYPE.search(head)
    if doctype and _ENTITY_DECL.search(head, doctype.start()):
        line = head[: doctype.start()].count(b"\n") + 1
        raise UnsafeInputError(
            "the DOCTYPE declares entities; teikit does not expand entities "
            "(external entities can read files or the network, nested ones can explode)",
            file=name,
            line=line,
            hint="replace entity references with the characters they stand for and remove the DOCTYPE",
        )


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning the usual failures into InputError."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", file=p, hint="check the path")
    if p.is_dir():
        raise InputError("is a directory, not a file", file=p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=p) from exc
    return data


def parse_bytes(data: bytes, name: str = "<input>", *, collect_ids: bool = True) -> etree._ElementTree:
    """Parse XML bytes safely; ``name`` is used in messages and as the base URL."""
    if not data.strip():
        raise InputError("empty file: expected an XML document", file=name)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file: expected an XML document", file=name)
    _refuse_unsafe_prolog(data, name)
    try:
        root = etree.fromstring(data, safe_parser(collect_ids=collect_ids), base_url=name)
    except etree.XMLSyntaxError as exc:
        line, col = (exc.position if exc.position else (exc.lineno, None))
        msg = exc.msg or str(exc)
        # libxml2 prefixes messages with the location; keep only the reason.
        msg = re.sub(r"^.*?line \d+, column \d+\s*", "", msg) or msg
        raise InputError(
            f"not well-formed XML: {msg}", file=name, line=line, column=col,
            hint="fix the markup at this position (an editor with XML support shows it)",
        ) from exc
    return root.getroottree()


def parse_file(path: str | Path, *, collect_ids: bool = True) -> etree._ElementTree:
    """Read and parse an XML file safely."""
    return parse_bytes(read_bytes(path), str(path), collect_ids=collect_ids)


def is_tei(tree: etree._ElementTree) -> bool:
    root = tree.getroot()
    return isinstance(root.tag, str) and root.tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """The one serialization of TEI that teikit writes (UTF-8, declaration, final newline)."""
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
    return data if data.endswith(b"\n") else data + b"\n"


# TEI elements whose content is a sequence of blocks. Whitespace between their children
# carries no meaning, so the edition can be written one block per line (and diagnostics
# get useful line numbers). Mixed content (p, head, item, ...) is never touched.
_BLOCK_CONTAINERS = frozenset(
    f"{{{TEI_NS}}}{name}"
    for name in re.split(r"\s+", """TEI teiCorpus teiHeader fileDesc titleStmt editionStmt
    publicationStmt seriesStmt notesStmt sourceDesc biblStruct monogr analytic series imprint
    relatedItem encodingDesc
    editorialDecl projectDesc classDecl taxonomy profileDesc langUsage textClass keywords
    revisionDesc listChange standOff listPerson person listOrg org listPlace place listEvent event
    text front body back group div listBibl table row list argument availability respStmt
    titlePage figure note correction normalization hyphenation quotation segmentation
    interpretation""")
)


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def indent_blocks(element: etree._Element, level: int = 0) -> None:
    """Put each child of a block container on its own indented line, in place.

    Only containers whose content is element-only (no text around the children) are
    indented, so no character of the text changes.
    """
    if (
        element.tag in _BLOCK_CONTAINERS
        and len(element)
        and _blank(element.text)
        and all(_blank(child.tail) for child in element)
    ):
        pad = "\n" + "  " * (level + 1)
        element.text = pad
        for child in element:
            child.tail = pad
        element[-1].tail = "\n" + "  " * level
    for child in element:
        if isinstance(child.tag, str):
            indent_blocks(child, level + 1)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling and ``os.replace``."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield a fresh temporary directory that replaces ``path`` only if the block succeeds.

    On an exception the temporary directory is removed and ``path`` is left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    os.chmod(tmp, 0o755)
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
