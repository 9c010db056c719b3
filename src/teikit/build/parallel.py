"""The HTML site written by several processes: ``build --jobs N`` or ``--executor dask://HOST:PORT``.

The site's pages are divided among N shards (xslt/html/shards.xsl): every shard runs the
same stylesheet on the same edition and writes only its own files into the one output
folder, so the site is byte-identical to a single run while the pages are made in
parallel. The work goes to any :class:`concurrent.futures.Executor`: a local process pool,
or a Dask cluster's executor (``distributed.Client(address).get_executor()``). A task
carries no tree (lxml and Saxon objects cannot be pickled): the process that read the
edition writes it once, serialized for Saxon, into the output folder, and each task
(:class:`Prepared`) names that file; the stylesheet's parameters follow beside it
(:data:`PARAMS`), worked out while the workers parse it. A worker compiles the
stylesheet once for its life and parses the file (its tree is kept, keyed by a digest of
the bytes, so a long-lived Dask worker never serves a stale edition); it reads no TEI file.

Workers write into the output folder themselves: on a cluster of several machines, the
folder must be on a file system every worker sees at the same path.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from teikit import xmlio
from teikit.build import BuildSettings
from teikit.diagnostics import Diagnostic
from teikit.edition import Edition
from teikit.errors import EnvironmentError_, TeikitError, ended_abruptly

if TYPE_CHECKING:
    from teikit.build.preservation import PageCounts
    from teikit.saxon import Serialized

DASK = "dask://"


@dataclass(frozen=True)
class Source:
    """How to load an edition again: its files, registers and (for a collection) name and title."""

    files: tuple[str, ...]
    registers: tuple[str, ...] = ()
    collection: bool = False
    name: str = ""
    title: str | None = None
    stamp: tuple[tuple[int, int], ...] = ()  # (size, mtime_ns) of every file: a new edit, a new key

    @classmethod
    def of(cls, files: list[Path], registers: tuple[Path, ...] | list[Path] = (), *, collection: bool,
           name: Path | None = None, title: str | None = None) -> Source:
        paths = [*files, *registers]
        for path in paths:
            # the message Edition.load gives (no such file, a FIFO, a device), before any build
            xmlio.require_regular_file(path)
        stamp = tuple((st.st_size, st.st_mtime_ns) for st in (os.stat(p) for p in paths))
        return cls(tuple(str(p) for p in files), tuple(str(p) for p in registers), collection,
                   str(name or ""), title, stamp)

    @classmethod
    def given(cls, path: Path | None, registers: tuple[Path, ...] | list[Path] = ()) -> Source:
        """The edition a command reads: ``path`` a file, or a folder (a collection), else the
        project's TEI (one file, or several as a collection), with its registers (given, else
        the project's). ``build``, ``cite``, ``deposit`` and ``serve`` read an edition so."""
        from teikit import collection, project

        registers = tuple(registers)
        if path is not None and path.is_dir():
            given_registers = {r.resolve() for r in registers}  # a register inside the folder is no member
            files = [f for f in collection.tei_files(path)
                     if not given_registers or f.resolve() not in given_registers]
            # resolved: "." or "letters/.." name no folder, and the outputs take its name
            return cls.of(files, registers, collection=True, name=path.resolve())
        if path is not None:
            return cls.of([path], registers, collection=False)
        proj = project.require("TEI file")
        files = proj.tei_files()
        registers = registers or tuple(proj.registers)
        if len(files) > 1:
            return cls.of(files, registers, collection=True, name=proj.root, title=proj.title)
        return cls.of([proj.edition], registers, collection=False)

    def load(self) -> Edition:
        from teikit import collection

        registers = [Path(r) for r in self.registers]
        if self.collection:
            return collection.load_collection([Path(f) for f in self.files], name=Path(self.name),
                                              title=self.title, registers=registers)
        return collection.with_registers(Edition.load(Path(self.files[0])), registers)


def shard_of(file: str, shards: int) -> int:
    """The shard that writes ``file`` (a path relative to the site): the same sum as
    tk:my-file in xslt/html/shards.xsl (a test holds them together)."""
    return sum(ord(c) * i for i, c in enumerate(file, 1)) % shards


@dataclass(frozen=True)
class Prepared:
    """A worker's task: what it needs to write its pages, from the process that read the
    edition: the edition serialized for Saxon, and the stylesheet's parameters (None: they
    follow, in the file PARAMS beside the document, see :func:`render_site`)."""

    document: Serialized
    params: dict[str, object] | None
    source_name: str


PARAMS = "params.json"  # the stylesheet's parameters, beside the serialized edition
_PATIENCE = 600.0  # seconds a worker waits for them before it gives up


def _hand_params(folder: Path, params: dict[str, object]) -> None:
    """Write ``params`` for the workers waiting in :func:`_awaited_params` (whole, or not at all)."""
    part = folder / (PARAMS + ".part")
    part.write_text(json.dumps(params, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(part, folder / PARAMS)


def _awaited_params(folder: Path) -> dict[str, object]:
    """The parameters :func:`_hand_params` writes into ``folder``, once they are there."""
    path = folder / PARAMS
    deadline = time.monotonic() + _PATIENCE
    while True:
        try:
            return cast(dict[str, object], json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            # the handover folder goes when the build that made it stops
            if not folder.is_dir() or time.monotonic() > deadline:
                raise TeikitError("the build stopped before this worker was given its parameters",
                                  hint="see the build's own report") from None
        time.sleep(0.002)


# A C1 control character (U+0080-U+009F) in UTF-8: what xslt/html/text.xsl's tk:has-c1 looks for.
_C1 = re.compile(b"\xc2[\x80-\x9f]")


def holds_c1(path: Path) -> bool:
    """Whether the UTF-8 file ``path`` holds a C1 control character (read 1 MB at a time)."""
    with open(path, "rb") as data:
        tail = b""
        while chunk := data.read(1 << 20):
            if _C1.search(tail + chunk):
                return True
            tail = chunk[-1:]
    return False


def render_prepared(prepared: Prepared, settings: BuildSettings, folder: str, shard: int,
                    shards: int) -> list[Diagnostic]:
    """A worker's task: write shard ``shard``'s pages from the serialized edition (Saxon parses
    it once per worker); their diagnostics. Their words are counted by :func:`count_pages`
    tasks afterwards."""
    from teikit import saxon
    from teikit.build import html

    params = prepared.params
    if params is None:  # they follow: Saxon parses the edition meanwhile
        saxon.preload(prepared.document)
        params = _awaited_params(prepared.document.path.parent)
    return html.write_pages(prepared.document, params, settings, Path(folder), prepared.source_name,
                            shard, shards)


def count_pages(pages: list[str], site: str) -> PageCounts:
    """A worker's task: the words and links of ``pages`` of the site in ``site`` (see
    :func:`teikit.build.preservation.page_counts`)."""
    from teikit.build import preservation

    return preservation.page_counts((Path(p) for p in pages), Path(site))


COUNTS_PER_SHARD = 3  # count_pages tasks per shard: whichever worker is free takes the next


def _count_tasks(pool: Executor, site: Path, shard: int,
                 shards: int) -> list[Future[PageCounts]]:
    """Submit the counting of shard ``shard``'s pages (all written: its task is done) in a few
    tasks, interleaved so each holds pages of every kind. Counting is a fifth of a worker's
    work; as small tasks any free worker takes, a shard that finished early no longer waits
    idle for the other, and the counts are the same (they are sums)."""
    from teikit.build import preservation

    mine = [os.path.join(site, name) for name in preservation.html_names(site)
            if shard_of(name, shards) == shard]
    return [pool.submit(count_pages, mine[i::COUNTS_PER_SHARD], os.fspath(site))
            for i in range(COUNTS_PER_SHARD)
            if mine[i::COUNTS_PER_SHARD]]


# Workers started before the edition was read (see ahead()): the pool, and its size.
_ahead: tuple[Executor, int] | None = None


def _compile_ahead(stylesheet: str, gate: Any = None) -> None:
    from teikit import saxon

    # a stylesheet that does not compile is said by the task, which compiles it again with the
    # edition's name; an initializer that raised would break the pool without a word of why
    with gate if gate is not None else contextlib.nullcontext(), contextlib.suppress(Exception):
        saxon.compile_stylesheet(stylesheet)


def compile_gate(jobs: int, cores: int) -> Any:
    """A semaphore letting at most ``cores - 1`` of ``jobs`` workers compile at once (None when
    they all may): the process reading the edition meanwhile keeps a core of its own. With
    every worker compiling beside it (0.35 s each), three processes shared two cores and the
    reading, which every worker then waits for, took a third longer."""
    return multiprocessing.get_context("fork").BoundedSemaphore(cores - 1) if jobs >= cores > 1 else None


def _ready() -> None:
    """Nothing: submitted once per worker, so every worker starts (and compiles) at once."""


def starts_ahead(settings: BuildSettings, names: Sequence[str], tasks: Sequence[object] = ()) -> bool:
    """Whether :func:`ahead` starts workers for a build of ``names`` with these settings: a
    site alone (no other format or task), divided among the workers of a Dask cluster, or
    among local processes forked from this one before Saxon ran here."""
    from teikit import saxon
    from teikit.build import forked

    if list(names) != ["html"] or tasks or not divided(settings):
        return False
    return bool(settings.executor) or (settings.jobs > 1 and forked.available() and not saxon.started())


@contextmanager
def ahead(settings: BuildSettings, names: Sequence[str], tasks: Sequence[object] = ()) -> Iterator[None]:
    """Start the site's workers now, before the edition is read, when :func:`starts_ahead`:
    each compiles the stylesheet while this process reads and links the files (one core was
    idle then; a Dask cluster's workers are told to compile it). Elsewhere nothing:
    :func:`render_site` starts the workers, and says why it cannot."""
    global _ahead
    if not starts_ahead(settings, names, tasks):
        yield
        return
    from teikit.build import html

    workers = contextlib.ExitStack()
    warming: list[Any] = []
    try:
        stylesheet = str(html.stylesheet(settings))
        if settings.executor:
            pool, shards, client = workers.enter_context(_dask(settings.executor))
            # one task on each worker (kept referenced: Dask cancels a task nobody holds)
            warming = [client.submit(_compile_ahead, stylesheet, workers=[address], pure=False)
                       for address in client.scheduler_info()["workers"]]
        else:
            pool = ProcessPoolExecutor(max_workers=settings.jobs,
                                       mp_context=multiprocessing.get_context("fork"),
                                       initializer=_compile_ahead,
                                       initargs=(stylesheet, compile_gate(settings.jobs, default_jobs())))
            # their exit is not waited for: concurrent.futures joins them when this process ends
            workers.callback(pool.shutdown, wait=False, cancel_futures=True)
            shards = settings.jobs
            for _ in range(shards):  # forks them all now (the fork context starts every worker)
                pool.submit(_ready)
    except TeikitError:  # an unusable customization, no scheduler: the build says so, where it runs
        workers.close()
        yield
        return
    with workers:
        _ahead = (pool, shards)
        try:
            yield
        finally:
            _ahead = None
            del warming[:]


def default_jobs() -> int:
    """The cores this process may use."""
    from teikit.cores import available_cores

    return available_cores()


@contextmanager
def executor(jobs: int, address: str = "") -> Iterator[tuple[Executor, int]]:
    """(an executor, how many shards to give it): a Dask cluster's when ``address`` is
    ``dask://HOST:PORT`` (one shard per worker thread), else ``jobs`` local processes: forked
    when this process has not started Saxon yet (quicker to start), else spawned fresh (a
    process that holds Saxon's runtime is not forked)."""
    if address:
        with _dask(address) as (pool, workers, _):
            yield pool, workers
        return
    from teikit import saxon

    fork = "fork" in multiprocessing.get_all_start_methods() and not saxon.started()
    pool = ProcessPoolExecutor(max_workers=jobs,
                               mp_context=multiprocessing.get_context("fork" if fork else "spawn"))
    try:
        yield pool, jobs
    finally:
        # the workers' exit (each frees a Saxon heap of a few hundred MiB) is not waited for:
        # it overlaps what this process does next; concurrent.futures joins them at its exit
        pool.shutdown(wait=False, cancel_futures=True)


@contextmanager
def _dask(address: str) -> Iterator[tuple[Executor, int, Any]]:
    """(the executor, its worker threads, the client) of the Dask scheduler at ``address``."""
    if not address.startswith(DASK):
        raise TeikitError(f"unknown executor {address!r}", hint="give dask://HOST:PORT (a Dask scheduler)")
    try:
        from distributed import Client
    except ImportError as exc:
        raise EnvironmentError_("--executor dask:// needs the dask distributed client",
                                hint='pip install "teikit[dask]"') from exc
    try:
        client = Client(address.removeprefix(DASK), timeout=30)
    except OSError as exc:
        raise EnvironmentError_(f"no Dask scheduler answers at {address}: {exc}", hint="start one with "
                                "`dask scheduler` and workers with `dask worker`") from exc
    try:
        yield client.get_executor(pure=False), sum(client.nthreads().values()) or 1, client
    finally:
        client.close()


HANDOVER = ".teikit-handover"  # the serialized edition, in the site's folder while workers read it


@contextmanager
def _workers(settings: BuildSettings) -> Iterator[tuple[Executor, int]]:
    """The workers started ahead (:func:`ahead`), else those of :func:`executor`."""
    if _ahead is not None:
        yield _ahead
        return
    with executor(settings.jobs, settings.executor) as found:
        yield found


@contextmanager
def _workers_said(settings: BuildSettings) -> Iterator[None]:
    """A worker that ended abruptly (killed, above all by the system when memory ran out) is said
    as what it is, with what to do, not as a bug in teikit."""
    try:
        yield
    except Exception as exc:
        # a local pool's BrokenProcessPool, a Dask cluster's KilledWorker (distributed may be absent)
        if type(exc).__name__ not in ("BrokenProcessPool", "KilledWorker"):
            raise
        where = "a Dask worker" if settings.executor else "a worker process"
        raise ended_abruptly(f"{where} writing the site's pages", hint=(
            "build again; with --jobs 1 one process writes the site, which needs the least memory "
            "(docs/collections.md)")) from exc


def divided(settings: BuildSettings) -> bool:
    """Whether :func:`render_site` divides the pages among workers."""
    return settings.jobs > 1 or bool(settings.executor)


def render_site(edition: Edition, settings: BuildSettings, folder: Path,
                meanwhile: Callable[[Serialized | None], object] | None = None,
                then: Callable[[], object] | None = None,
                ) -> tuple[list[Diagnostic], PageCounts | None]:
    """Write the HTML site of ``edition`` into ``folder``: in this process, or divided among
    processes when the settings ask for it. Returns the diagnostics and, from workers, the
    words of the pages (else None: count them after). ``meanwhile`` is called while the
    pages are written (after them in one process), with the edition as serialized for the
    workers when there are any; ``then`` once every page is written (while the workers count
    their words)."""
    from teikit import saxon
    from teikit.build import html, preservation

    if not divided(settings):
        found = html.render(edition, settings, folder)
        if meanwhile is not None:
            meanwhile(None)
        if then is not None:
            then()
        return found, None
    task_settings = replace(settings, source=None, jobs=1, executor="")
    # in the output folder: on a cluster, the one place every worker is known to see
    handover = folder / HANDOVER
    handover.mkdir()
    try:
        # the edition first: the workers parse it while this process works out the parameters
        document = saxon.serialized(edition.tree, handover)
        prepared = Prepared(document, None, str(edition.path))
        with _workers(settings) as (pool, shards):
            futures = [pool.submit(render_prepared, prepared, task_settings, str(folder), i, shards)
                       for i in range(shards)]
            params, diags = html.page_params(edition, settings)
            if not holds_c1(document.path):  # each worker would look for them in the whole text
                params["control-characters"] = False
            _hand_params(handover, params)
            # this process's own share, while the workers write pages
            if settings.check_text:
                preservation.edition_words(edition)
            if meanwhile is not None:
                meanwhile(document)
            shard = {f: i for i, f in enumerate(futures)}
            counting: list[Future[PageCounts]] = []
            counts = preservation.PageCounts(Counter(), Counter(), preservation.Links())
            with _workers_said(settings):
                for done in as_completed(futures):
                    done.result()  # a shard that failed stops the build here
                    if settings.check_text:  # its pages are all written: count them
                        counting += _count_tasks(pool, folder, shard[done], shards)
                results = [f.result() for f in futures]
                if then is not None:
                    then()
                for counted in as_completed(counting):  # added up as they come, not all at the end
                    counts.update(counted.result())
            if isinstance(pool, ProcessPoolExecutor):  # done: let them go while this process goes on
                pool.shutdown(wait=False)
    finally:
        shutil.rmtree(handover, ignore_errors=True)
    found = diags + [d for shard_found in results for d in shard_found]
    # what every shard says about the whole edition (unhandled elements...) is said once
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in found:
        key = (d.file, d.line, d.column, d.severity, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out, counts if settings.check_text else None
