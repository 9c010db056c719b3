"""A large EPUB's content files made by several short-lived processes (shards).

One Saxon process writing a 50 MB book grew its heap with the book (what the collector
sweeps grows with what stays alive: the document's tree, the maps over the whole book, every
file's ids) and peaked at 1.3 GB (docs/performance.md, "EPUB at 50 MB (session 11)"). Here
the content files are divided among shards as the HTML site's pages are
(xslt/html/shards.xsl: a file falls to the shard :func:`teikit.build.parallel.shard_of`
names for its path in the publication, ``EPUB/text/NAME.xhtml``), in two phases of
processes that each end with their phase (xslt/epub/epub.xsl's ``phase`` parameter):

1. ``render``: every shard, on the TEI, renders its own files once, writes each one's content
   as it is before its links are resolved (``parts/NAME.xml``), and gives their facts and ids;
2. the shards' lists are merged into one index (:data:`INDEX`), in the book's reading order;
3. ``write``: every shard writes its own content files from their parts, every link checked
   against the ids of the whole book (the TEI is not read); beside them one ``package`` task,
   on the TEI, writes the package documents (OPF, navigation, cover) and says the messages
   about the whole document, once.

The processes are spawned, never forked: a forked worker would count this process's lxml
tree among its own pages. The publication is byte-identical to one process's
(``tests/build/test_epub_shards.py``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import resource
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from teikit.diagnostics import Diagnostic
from teikit.errors import ended_abruptly

if TYPE_CHECKING:
    from teikit.saxon import Serialized

INDEX = "index.xml"  # every file's facts and the ids links point at, beside the serialized document
NAV_INDEX = "nav-index.xml"  # every file's facts and the ids of pages and divisions
NOTHING = "nothing.xml"  # the document of a `write` task, which reads no TEI


def shards_for(jobs: int) -> int:
    """How many shards a build with ``jobs`` processes divides the files among (two at least:
    one process at a time then writes half the book)."""
    return max(2, jobs)


@dataclass(frozen=True)
class Task:
    """What one task of a sharded build cost in its own process (for benchmarks/epub_shards_bench.py)."""

    phase: str
    shard: int | None
    cpu: float  # seconds of CPU of the stylesheet's run (parse, compile and transform)
    peak: int  # the process's peak resident memory so far, MiB


def _run(stylesheet: str, document: Serialized, params: dict[str, Any], source_name: str,
         folder: str) -> tuple[str, list[Diagnostic], Task]:
    """A worker's task: one run of the stylesheet; its principal output, messages and cost."""
    from teikit import saxon

    start = time.process_time()
    result = saxon.transform(stylesheet, document, params=params, output_dir=folder, source_name=source_name)
    phase = str(params.get("phase", ""))
    cost = Task(phase, None if phase == "package" else params.get("shard"), time.process_time() - start,
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    return result.output or "", result.messages, cost


def merged_index(lists: list[str]) -> etree._Element:
    """One index of the shards' lists (each the book's ``<book lang title/>``, then a
    ``<file n=…>`` per file of the shard): ``<files lang title>`` with every file, in reading
    order (``n``): the order in which the first file holding an id is found."""
    whole = etree.Element("files")
    files: list[etree._Element] = []
    for text in lists:
        found = etree.fromstring(f"<files>{text}</files>".encode())
        book, *mine = list(found)
        for name, value in book.attrib.items():
            whole.set(name, value)
        files += mine
    whole.extend(sorted(files, key=lambda f: int(f.get("n", "0"))))
    return whole


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def index_for(whole: etree._Element, keep: Callable[[etree._Element], bool]) -> bytes:
    """``whole`` with, of each file's ids (``i``), only those ``keep`` keeps, and no ``w``: the
    ids a phase may ask for. Every file stays listed, each id in every file holding it, so
    whatever is asked is answered as by the whole index (the first file holding an id too);
    the maps Saxon builds of them are smaller (at 50 MB, 360,000 ids in all)."""
    index = etree.Element("files", dict(whole.attrib))
    for file in whole:
        copy = etree.SubElement(index, "file", dict(file.attrib))
        for child in file:
            if _local(child) == "i" and keep(child):
                etree.SubElement(copy, "i").text = child.text
    return etree.tostring(index, encoding="utf-8", xml_declaration=True)


def _serialized(path: Path, data: bytes) -> Serialized:
    from teikit.saxon import Serialized

    path.write_bytes(data)
    return Serialized(path, hashlib.sha256(data).digest())


def _pool(jobs: int) -> ProcessPoolExecutor:
    # a fresh process for every task: none holds the garbage of another's render
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               max_tasks_per_child=1)


def write(stylesheet: Path, document: Serialized, params: dict[str, str | bool], source_name: str,
          folder: Path, jobs: int, costs: list[Task] | None = None) -> list[Diagnostic]:
    """Write the publication's files (``EPUB/…``) of ``document`` into ``folder`` in shards, by
    ``jobs`` processes at a time; the stylesheet's messages. The parts and the index are
    written beside ``document`` (its folder is the caller's, removed after). What each task
    cost is added to ``costs``, when given."""
    shards = shards_for(jobs)
    handover = document.path.parent
    sheet = str(stylesheet)
    try:
        with _pool(jobs) as pool:
            rendered = [pool.submit(_run, sheet, document, {**params, "phase": "render", "shard": k,
                                                            "shards": shards}, source_name, str(handover))
                        for k in range(shards)]
            lists = [f.result()[0] for f in rendered]
            tasks = [f.result()[2] for f in rendered]
            whole = merged_index(lists)
            # the content files ask for the ids links point at; the navigation, for pages and divisions
            wanted = {w.text or "" for file in whole for w in file if _local(w) == "w"}
            linked = _serialized(handover / INDEX, index_for(whole, lambda i: (i.text or "") in wanted))
            nav = _serialized(handover / NAV_INDEX, index_for(whole, lambda i: i.get("nav") == "1"))
            nothing = _serialized(handover / NOTHING, b"<nothing/>")
            after = {**params, "shards": shards}
            package: Future[tuple[str, list[Diagnostic], Task]] = pool.submit(
                _run, sheet, document, {**after, "phase": "package", "index": nav.path.resolve().as_uri()},
                source_name, str(folder))
            written = [pool.submit(_run, sheet, nothing, {**after, "phase": "write", "shard": k,
                                                          "index": linked.path.resolve().as_uri()},
                                   source_name, str(folder)) for k in range(shards)]
            tasks += [f.result()[2] for f in [*written, package]]
            if costs is not None:
                costs += tasks
            return package.result()[1]
    except BrokenProcessPool as exc:
        raise ended_abruptly("a worker process writing the EPUB", hint=(
            "build again; with --jobs 1 one process at a time writes the EPUB's files, which needs "
            "the least memory (docs/performance.md)")) from exc
