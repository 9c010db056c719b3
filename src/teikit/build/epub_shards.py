"""A large EPUB's content files written by several short-lived processes (shards).

One Saxon process writing a 50 MB book grows its heap with the book: what the collector
has to sweep grows with what stays alive (the document's tree, the site-wide maps, every
file's ids), so the time per MB grew 1.4-1.6x from 10 to 50 MB and the process peaked at
1.3 GB (docs/performance.md, "EPUB at 50 MB (session 11)"). Here the files are divided among
shards as the HTML site's pages are (xslt/html/shards.xsl: a file falls to the shard that
:func:`teikit.build.parallel.shard_of` names for its path in the publication):

1. every shard gives the ids of its own files (``index-only``: each file rendered once, kept
   as its ids; nothing written);
2. the ids of every file are merged into one index (an XML file beside the document);
3. every shard writes its own files from that index (each file rendered once more, with
   every link resolved against the whole book), and the shard that falls to
   ``EPUB/package.opf`` writes the package documents (OPF, navigation, cover) and says the
   document's messages, once.

Each phase runs in a pool of fresh processes (spawned: never a copy of this process's lxml
tree) that ends with the phase, so no process holds the garbage of both renders. The
publication is byte-identical to one process's (``tests/build/test_epub_shards.py``).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from teikit.diagnostics import Diagnostic
from teikit.errors import TeikitError, ended_abruptly

if TYPE_CHECKING:
    from teikit.saxon import Serialized

INDEX = "index.xml"  # the ids of every file, beside the serialized document
PACKAGE = "EPUB/package.opf"  # its shard writes the package documents


def shards_for(jobs: int) -> int:
    """How many shards a build with ``jobs`` processes divides the files among."""
    return max(2, jobs)


def _index_task(stylesheet: str, document: Serialized, params: dict[str, str | bool | int],
                source_name: str, shard: int, shards: int) -> str:
    """A worker's first task: the ids of shard ``shard``'s files (an XML list)."""
    from teikit import saxon

    result = saxon.transform(stylesheet, document, params={**params, "index-only": True, "shard": shard,
                                                          "shards": shards}, source_name=source_name)
    return result.output or ""


def _files_task(stylesheet: str, document: Serialized, params: dict[str, str | bool | int],
                source_name: str, folder: str, shard: int, shards: int) -> list[Diagnostic]:
    """A worker's second task: write shard ``shard``'s files into ``folder``; its messages."""
    from teikit import saxon

    result = saxon.transform(stylesheet, document, params={**params, "shard": shard, "shards": shards},
                             output_dir=folder, source_name=source_name)
    return result.messages


def merged_index(lists: list[str]) -> bytes:
    """One index of the shards' lists of files (each ``<files><file name=…>…</file></files>``)."""
    whole = etree.Element("files")
    for text in lists:
        whole.extend(etree.fromstring(text.encode("utf-8")))
    return etree.tostring(whole, encoding="utf-8", xml_declaration=True)


def _pool(jobs: int) -> ProcessPoolExecutor:
    # spawned: a forked worker would count this process's tree among its own pages
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def write(stylesheet: Path, document: Serialized, params: dict[str, str | bool], source_name: str,
          folder: Path, jobs: int) -> list[Diagnostic]:
    """Write the publication's files (EPUB/…) of ``document`` into ``folder`` in shards, by
    ``jobs`` processes at a time; the stylesheet's messages."""
    shards = shards_for(jobs)
    common: dict[str, str | bool | int] = {**params, "lean": True}
    try:
        with _pool(jobs) as pool:
            lists = [f.result() for f in [pool.submit(_index_task, str(stylesheet), document, common,
                                                      source_name, k, shards) for k in range(shards)]]
        index = document.path.parent / INDEX
        index.write_bytes(merged_index(lists))
        common["index"] = index.resolve().as_uri()
        with _pool(jobs) as pool:
            said = [f.result() for f in [pool.submit(_files_task, str(stylesheet), document, common,
                                                     source_name, str(folder), k, shards)
                                         for k in range(shards)]]
    except TeikitError:
        raise
    except Exception as exc:
        if type(exc).__name__ != "BrokenProcessPool":
            raise
        raise ended_abruptly("a worker process writing the EPUB", hint=(
            "build again; with --jobs 1 one process at a time writes the EPUB's files, which needs "
            "the least memory (docs/performance.md)")) from exc
    return [d for found in said for d in found]
