"""Which files of a commit are TEI: pre-commit hands a hook every staged ``*.xml``.

A repository holds other XML too (build configurations, SVG saved as .xml, data exports);
they are not the edition and must not fail the commit. A file counts as TEI when its root
element is in the TEI namespace (``TEI``, ``teiCorpus``, or a TEI fragment) or is TEI P4's
``TEI.2``; only the start of the file is read, with entities and the network off. A file
that is not well-formed before its root element counts as TEI when its first bytes name
the TEI namespace or a TEI root, so a broken edition is still reported, not skipped.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from teikit.xmlio import TEI_NS

_HEAD_BYTES = 64 * 1024
_TEI_MENTION = re.compile(rb"http://www\.tei-c\.org/ns/1\.0|<(?:TEI|teiCorpus|TEI\.2)[\s>]")
_P4_ROOTS = {"TEI.2", "teiCorpus.2"}


def root_namespace(path: Path) -> str | None:
    """The namespace of the root of ``path``, read from its first bytes (None when it has none
    or cannot be read: the commands then say why, naming the file)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            head = handle.read(_HEAD_BYTES)
        events = etree.iterparse(io.BytesIO(head), events=("start",), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
        _, root = next(events)
    except (OSError, etree.XMLSyntaxError, StopIteration):
        return None
    return etree.QName(root).namespace


def is_tei_file(path: Path) -> bool:
    """Whether ``path`` is a TEI document (P5 by namespace, or P4 by root name)."""
    try:
        # without blocking: a FIFO (or a link to one) would wait for a writer forever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return True  # not a file: the command refuses it, naming it
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return True  # unreadable: let the command say why, naming the file
    try:
        events = etree.iterparse(io.BytesIO(head), events=("start",), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
        _, root = next(events)
    except (etree.XMLSyntaxError, StopIteration):
        return bool(_TEI_MENTION.search(head))
    name = etree.QName(root)
    return name.namespace == TEI_NS or (name.namespace is None and name.localname in _P4_ROOTS)


def partition(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """(TEI files, other files), each in the order given."""
    tei: list[Path] = []
    other: list[Path] = []
    for raw in paths:
        path = Path(raw)
        (tei if is_tei_file(path) else other).append(path)
    return tei, other
