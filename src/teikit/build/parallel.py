"""The HTML site written by several processes: ``build --jobs N`` or ``--executor dask://HOST:PORT``.

The site's pages are divided among N shards (xslt/html/shards.xsl): every shard runs the
same stylesheet on the same edition and writes only its own files into the one output
folder, so the site is byte-identical to a single run while the pages are made in
parallel. The work goes to any :class:`concurrent.futures.Executor`: a local process pool,
or a Dask cluster's executor (``distributed.Client(address).get_executor()``). A task
carries no tree (lxml and Saxon objects cannot be pickled): it carries a :class:`Source`,
the recipe to load the edition again from its files, and each worker process loads it and
compiles the stylesheet once (both cached for the life of the process, keyed by the files'
sizes and modification times, so a long-lived Dask worker never serves a stale edition).

Workers write into the output folder themselves: on a cluster of several machines, the
folder (and the edition's files) must be on a file system every worker sees at the same
path.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from teikit.build import BuildSettings
from teikit.diagnostics import Diagnostic
from teikit.edition import Edition
from teikit.errors import EnvironmentError_, InputError, TeikitError

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
            if not Path(path).is_file():  # the message Edition.load gives, before any build
                raise InputError(f"{path}: no such file", file=path, hint="check the path")
        stamp = tuple((st.st_size, st.st_mtime_ns) for st in (os.stat(p) for p in paths))
        return cls(tuple(str(p) for p in files), tuple(str(p) for p in registers), collection,
                   str(name or ""), title, stamp)

    def load(self) -> Edition:
        from teikit import collection

        registers = [Path(r) for r in self.registers]
        if self.collection:
            return collection.load_collection([Path(f) for f in self.files], name=Path(self.name),
                                              title=self.title, registers=registers)
        return collection.with_registers(Edition.load(Path(self.files[0])), registers)


# The edition a forked worker inherits from the process that forked it (see executor()).
_inherited: tuple[Source, Edition] | None = None


@functools.lru_cache(maxsize=2)
def _edition(source: Source) -> Edition:
    if _inherited is not None and _inherited[0] == source:
        return _inherited[1]
    return source.load()


@dataclass
class Shard:
    """What a worker sends back: its diagnostics, and the words of the pages it wrote (the
    text-preservation count, done where the pages were made instead of reading them all again)."""

    diagnostics: list[Diagnostic]
    words: Counter[str] | None = None
    reading: Counter[str] | None = None
    #: the words of this shard's block of the TEI's texts (preservation.tei_words_part)
    tei: Counter[str] | None = None


def shard_of(file: str, shards: int) -> int:
    """The shard that writes ``file`` (a path relative to the site): the same sum as
    tk:my-file in xslt/html/shards.xsl (a test holds them together)."""
    return sum(ord(c) * i for i, c in enumerate(file, 1)) % shards


def render_shard(source: Source, settings: BuildSettings, folder: str, shard: int,
                 shards: int) -> Shard:
    """A worker's task: load the edition (once per process), write shard ``shard``'s pages,
    and count their words when the build checks the text."""
    from teikit.build import html, preservation

    site = Path(folder)
    edition = _edition(source)
    found = html.render(edition, settings, site, shard, shards)
    if not settings.check_text:
        return Shard(found)
    mine = [page for page in sorted(site.rglob("*.html"))
            if shard_of(page.relative_to(site).as_posix(), shards) == shard]
    words, reading = preservation.page_counts(mine)
    # the TEI's words too, a block of texts per shard: the parent would count them all alone
    return Shard(found, words, reading, preservation.tei_words_part(edition.tree, shard, shards))


@dataclass(frozen=True)
class Prepared:
    """What a worker started ahead (:func:`ahead`) needs to write its pages, from the process
    that read the edition: the edition serialized for Saxon, and the stylesheet's parameters."""

    document: Any  # teikit.saxon.Serialized
    params: dict[str, object]
    source_name: str


def render_prepared(prepared: Prepared, settings: BuildSettings, folder: str, shard: int,
                    shards: int) -> Shard:
    """A worker's task when it was started ahead: no edition here, only the serialized one
    (Saxon parses it) and its parameters; write shard ``shard``'s pages and count their words.
    The TEI's words are counted by the process that read the edition, meanwhile."""
    from teikit.build import html, preservation

    site = Path(folder)
    found = html.write_pages(prepared.document, prepared.params, settings, site, prepared.source_name,
                             shard, shards)
    if not settings.check_text:
        return Shard(found)
    mine = [page for page in sorted(site.rglob("*.html"))
            if shard_of(page.relative_to(site).as_posix(), shards) == shard]
    words, reading = preservation.page_counts(mine)
    return Shard(found, words, reading)


# Workers started before the edition was read (see ahead()): the pool, and its size.
_ahead: tuple[Executor, int] | None = None


def _compile_ahead(stylesheet: str) -> None:
    from teikit import saxon

    saxon.compile_stylesheet(stylesheet)


def _ready() -> None:
    """Nothing: submitted once per worker, so every worker starts (and compiles) at once."""


def starts_ahead(settings: BuildSettings, names: Sequence[str], tasks: Sequence[object] = ()) -> bool:
    """Whether :func:`ahead` starts workers for a build of ``names`` with these settings: a
    site alone (no other format or task), divided among local processes forked from this one
    before Saxon ran here."""
    from teikit import saxon
    from teikit.build import forked

    return (list(names) == ["html"] and not tasks and divided(settings) and settings.jobs > 1
            and forked.available() and not saxon.started())


@contextmanager
def ahead(settings: BuildSettings, names: Sequence[str], tasks: Sequence[object] = ()) -> Iterator[None]:
    """Start the site's workers now, before the edition is read, when :func:`starts_ahead`:
    each compiles the stylesheet while this process reads and links the files (one core was
    idle then), and :func:`render_site` later hands them the edition serialized. Elsewhere
    nothing: the workers are started by render_site, and load or inherit the edition."""
    global _ahead
    if not starts_ahead(settings, names, tasks):
        yield
        return
    from teikit.build import html

    pool = ProcessPoolExecutor(max_workers=settings.jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_compile_ahead, initargs=(str(html.stylesheet(settings)),))
    try:
        for _ in range(settings.jobs):  # forks them all now (the fork context starts every worker)
            pool.submit(_ready)
        _ahead = (pool, settings.jobs)
        yield
    finally:
        _ahead = None
        pool.shutdown(cancel_futures=True)


def default_jobs() -> int:
    """The cores this process may use."""
    from teikit.cores import available_cores

    return available_cores()


@contextmanager
def executor(jobs: int, address: str = "",
             inherit: tuple[Source, Edition] | None = None) -> Iterator[tuple[Executor, int]]:
    """(an executor, how many shards to give it): a Dask cluster's when ``address`` is
    ``dask://HOST:PORT`` (one shard per worker thread), else ``jobs`` local processes.

    Local workers are forked when this process has not started Saxon yet: they inherit the
    edition already read (``inherit``) instead of reading every file again, which for a
    thousand letters took longer than the pages they then wrote. Once Saxon runs here (its
    threads do not survive a fork), they are spawned fresh and load the edition themselves.
    """
    if address:
        if not address.startswith(DASK):
            raise TeikitError(f"unknown executor {address!r}",
                              hint="give dask://HOST:PORT (a Dask scheduler)")
        try:
            from distributed import Client
        except ImportError as exc:
            raise EnvironmentError_("--executor dask:// needs the dask distributed client",
                             hint='pip install "teikit[dask]"') from exc
        try:
            client = Client(address.removeprefix(DASK), timeout=30)
        except OSError as exc:
            raise EnvironmentError_(f"no Dask scheduler answers at {address}: {exc}",
                             hint="start one with `dask scheduler` and workers with `dask worker`") from exc
        try:
            workers = sum(client.nthreads().values()) or 1
            yield client.get_executor(pure=False), workers
        finally:
            client.close()
        return
    global _inherited
    from teikit import saxon

    fork = "fork" in multiprocessing.get_all_start_methods() and not saxon.started()
    _inherited = inherit if fork else None
    try:
        with ProcessPoolExecutor(max_workers=jobs,
                                 mp_context=multiprocessing.get_context("fork" if fork else "spawn")) as pool:
            yield pool, jobs
    finally:
        _inherited = None


def _render_ahead(edition: Edition, settings: BuildSettings, task_settings: BuildSettings, folder: Path,
                  meanwhile: Callable[[], object] | None) -> list[Shard]:
    """The pages written by the workers started ahead (:func:`ahead`), from the edition
    serialized here; this process counts the TEI's words meanwhile."""
    from teikit import saxon
    from teikit.build import html, preservation

    assert _ahead is not None
    pool, shards = _ahead
    params, diags = html.page_params(edition, settings)
    with tempfile.TemporaryDirectory(prefix="teikit-handover-") as handover:
        prepared = Prepared(saxon.serialized(edition.tree, Path(handover)), params, str(edition.path))
        futures = [pool.submit(render_prepared, prepared, task_settings, str(folder), i, shards)
                   for i in range(shards)]
        if settings.check_text:
            preservation.edition_words(edition)
        if meanwhile is not None:
            meanwhile()
        results = [f.result() for f in futures]
    results[0].diagnostics[:0] = diags
    return results


def divided(settings: BuildSettings) -> bool:
    """Whether :func:`render_site` divides the pages among workers (which then also count the
    TEI's words, block by block)."""
    return isinstance(settings.source, Source) and (settings.jobs > 1 or bool(settings.executor))


def render_site(edition: Edition, settings: BuildSettings, folder: Path,
                meanwhile: Callable[[], object] | None = None,
                ) -> tuple[list[Diagnostic], tuple[Counter[str], Counter[str]] | None]:
    """Write the HTML site of ``edition`` into ``folder``: in this process, or divided among
    processes when the settings ask for it and say how to load the edition again. Returns
    the diagnostics and, from workers, the words of the pages (else None: count them after)."""
    from teikit.build import html, preservation

    source = settings.source
    if not divided(settings) or not isinstance(source, Source):
        found = html.render(edition, settings, folder)
        if meanwhile is not None:
            meanwhile()
        return found, None
    html.check_tei(edition)
    html.local_images(edition)  # found once here: forked workers inherit it
    task_settings = replace(settings, source=None, jobs=1, executor="")
    if _ahead is not None:
        results = _render_ahead(edition, settings, task_settings, folder, meanwhile)
    else:
        with executor(settings.jobs, settings.executor, inherit=(source, edition)) as (pool, shards):
            futures = [pool.submit(render_shard, source, task_settings, str(folder), i, shards)
                       for i in range(shards)]
            if meanwhile is not None:  # this process's own share, while the workers write pages
                meanwhile()
            results = [f.result() for f in futures]
    found = [d for r in results for d in r.diagnostics]
    if all(r.tei is not None for r in results):
        preservation.remember_words(edition, [r.tei or Counter() for r in results])
    counts = None
    if all(r.words is not None and r.reading is not None for r in results):
        words: Counter[str] = Counter()
        reading: Counter[str] = Counter()
        for r in results:
            words.update(r.words or Counter())
            reading.update(r.reading or Counter())
        counts = (words, reading)
    # what every shard says about the whole edition (unhandled elements...) is said once
    seen: set[tuple[object, ...]] = set()
    out = []
    for d in found:
        key = (d.file, d.line, d.column, d.severity, d.code, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out, counts
