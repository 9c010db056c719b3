"""What a build does differently when its input is large: memory bounded per process.

A process that holds the edition's lxml tree (about 5.4 times the TEI's size: 270 MiB for
50 MB) and runs Saxon beside it (its runtime, its own tree of the document, about 3 times
the TEI's size, and what the stylesheet keeps) held two copies of the edition at once. For an
edition of :data:`LARGE` bytes or more, ``teikit build`` of the HTML site and another
output (:func:`teikit.build.run.build_formats`; not with ``--executor``, and where processes
can be forked) therefore runs each Saxon transform in a forked
child that writes the document for Saxon, then frees its own copy of the lxml tree
(:func:`release`) before Saxon parses it; the EPUB's child works beside the site's (after
it with ``--jobs 1``, one process at a time: two Saxon heaps never stand side by side), and
has the EPUB made in shards by short-lived processes, each a share of its files
(:mod:`teikit.build.epub_shards`, as ``build epub`` alone does from
``teikit.build.epub.SHARDED_FROM``). The outputs are byte-identical either way; below
:data:`LARGE` (the memoir: 1.5 MB) nothing changes, since the memory is small and the time
counts.
"""

from __future__ import annotations

import ctypes
import gc
from pathlib import Path

from lxml import etree

from teikit.edition import Edition

# 8 MB of TEI: the whole job's largest process then stays near 600 MiB with either design;
# above it, holding two trees does not (docs/performance.md, "Memory").
LARGE = 8_000_000


def input_size(edition: Edition) -> int:
    """The bytes of the edition's files (its TEI files and registers)."""
    total = 0
    for path in edition.input_files:
        try:
            total += Path(path).stat().st_size
        except OSError:
            continue
    return total


def is_large(edition: Edition) -> bool:
    """Is ``edition`` large enough for the memory-bounded build (see the module's doc)?"""
    return input_size(edition) >= LARGE


# What a released edition's tree is replaced by: an element no stage reads, so a use after
# release fails as "not TEI" instead of reading a half-freed tree.
RELEASED = "{urn:teikit:memory}released"


def release(edition: Edition) -> None:
    """Free this process's copy of ``edition``'s lxml tree and give the memory back to the
    system. Only in a forked child that needs the tree no more: the parent's tree is not
    touched (the child's pages are its own copies), but in the child the edition is unusable."""
    edition.tree = etree.ElementTree(etree.Element(RELEASED))
    edition.memo.clear()
    gc.collect()
    trim()


def trim() -> None:
    """Return freed heap memory to the system (glibc's ``malloc_trim``; elsewhere nothing):
    libxml2 frees a tree's nodes one by one, and without this the pages stay resident."""
    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim  # this process's own C library
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return
    malloc_trim(0)
