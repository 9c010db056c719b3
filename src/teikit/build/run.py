"""Run several builders on one edition as one all-or-nothing build.

Every requested builder is attempted, even after one fails, so the report names every
problem at once. Their outputs are staged (:func:`teikit.outputs.staged`): they replace the
previous outputs together, and only when every builder succeeded; otherwise every previous
output stays as it was and the failure is reported as an error (exit 1 at the CLI, or the
failing input error's own code). Each output folder's marker, and the exports folder's build
record, name the content hash of the edition it was built from, which ``teikit deposit``
reads to refuse a mix of outputs built from different inputs.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from teikit import outputs, xmlio
from teikit.build import BuildResult, BuildSettings, builder, memory, preservation
from teikit.build.alongside import Task
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.errors import TeikitError


@dataclass
class BuildRun:
    """What a multi-format build did."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[TeikitError] = field(default_factory=list)
    committed: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        # what two formats say alike (an image refused, an unhandled element) is said once
        seen: set[tuple[object, ...]] = set()
        out: list[Diagnostic] = []
        for d in (d for r in self.results for d in r.diagnostics):
            key = (d.file, d.line, d.column, d.severity, d.code, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out


class _Abandon(Exception):
    """Raised inside the staged block to discard every staged output."""


def _failure(edition: Edition, name: str, exc: TeikitError) -> Diagnostic:
    return Diagnostic(
        exc.file or str(edition.path), exc.line, exc.column, Severity.ERROR, "build.failed",
        f"the {name} build failed: {exc.message}", hint=exc.hint,
    )


def _preservation(edition: Edition, settings: BuildSettings, pending: list[tuple[Path, Path]],
                  counted: preservation.PageCounts | None = None, *, site: bool = True,
                  books: bool = True, site_files: list[Path] | None = None) -> list[Diagnostic]:
    """Nothing dropped: the words of the TEI against the staged HTML site (``site``) and EPUBs
    (``books``); no dead link in them. ``site_files``: the site's files as they will stand
    (:func:`teikit.build.html.listed`), when the site was written by a child (not staged yet)."""
    from teikit.build import preservation

    staged = {target.resolve(): tmp for tmp, target in pending}
    source, where = preservation.edition_words(edition)
    if not source:
        return []
    found: list[Diagnostic] = []
    html = staged.get((settings.exports_dir / "html").resolve())
    if site and (html is not None or counted is not None):  # a child's site: counted, not yet staged
        target = settings.exports_dir / "html"
        files = ({p.relative_to(target).as_posix() for p in site_files}
                 if site_files is not None and html is None else None)
        report = preservation.site_report(source, where, html, counted, files,
                                          functools.partial(_in_exports, settings, staged))
        found += preservation.diagnostics(report, str(edition.path))
    for target, tmp in staged.items() if books else ():
        if target.suffix == ".epub":
            report = preservation.epub_report(source, where, tmp)
            found += preservation.diagnostics(report, str(edition.path))
        elif target.name == "epub" and target.parent == settings.exports_dir.resolve():
            # one EPUB per document of a collection: together they must hold every word, but
            # for the register entries no document names, which no book holds: said, not lost
            from teikit.build.epub import unbooked_entries

            left = unbooked_entries(edition)
            report = preservation.epubs_report(source - preservation.words_of(left) if left else source,
                                               where, sorted(tmp.rglob("*.epub")), tmp)
            found += preservation.diagnostics(report, str(edition.path))
            if left:
                found.append(Diagnostic(
                    str(edition.path), None, None, Severity.INFO, "build.register-unbooked",
                    f"{len(left)} entries of the registers no document points at are in none of the "
                    "EPUBs made per document (each holds the entries its document names); the site's "
                    "register pages and the CSV tables hold them",
                    hint="build one EPUB for the collection (without --epub-per-document) "
                         "to have them in a book"))
    return found


def _in_exports(settings: BuildSettings, staged: dict[Path, Path], name: str) -> bool:
    """Will the exports folder hold the file ``name`` (a "/"-separated path in it) once this
    build is in place? An output this build made, as staged (it replaces the one there); else
    a file there now (the downloads page offers only outputs there or being made:
    :mod:`teikit.build.downloads`); the deposit, made from the outputs once they are in place,
    when this run makes it."""
    path = settings.exports_dir.resolve() / name
    for target, tmp in staged.items():
        if path == target:
            return tmp.is_file()
        if path.is_relative_to(target):
            return (tmp / path.relative_to(target)).is_file()
    return path.is_file() or ("deposit" in settings.products and name.startswith("deposit/"))


def _forks_site(names: list[str], settings: BuildSettings, alongside: Sequence[Task],
                large: bool = False) -> bool:
    """Write the HTML site in a child process while this one does the rest? When the build
    may use more than one process, writes the site and has other work to do meanwhile; and
    for a ``large`` edition, to bound memory (teikit.build.memory: its child frees the tree
    this process keeps), unless the site alone is to be divided among processes (``--jobs``
    above 1: the pages in parallel, each process holding the edition, as asked)."""
    from teikit.build import forked

    others = [n for n in names if n != "html"] or alongside
    divided = settings.jobs > 1 and not others
    return ("html" in names and not settings.executor and forked.available()
            and ((bool(others) and settings.jobs > 1) or (large and not divided)))


@contextlib.contextmanager
def _site_in_child(edition: Edition, settings: BuildSettings,
                   lean: bool = False) -> Iterator[Callable[[], BuildResult]]:
    """Start writing the HTML site in a forked child; yield the function that waits for it.

    The site's temporary folder is this process's (named for its pid, staged here), so it is
    swapped into place with the other outputs, or discarded with them; leaving the block by
    an exception stops the child and removes the folder.

    ``lean`` (a large edition, :mod:`teikit.build.memory`): the child frees its tree, and
    once its pages are written this process writes the search index (the child's memory is
    Saxon's heap by then) besides counting its half of the pages' words."""
    from teikit.build import forked, html, search_index

    target = settings.exports_dir / html.FOLDER
    # the child's share of the processes: the rest of --jobs, if it would divide the pages
    child = replace(settings, jobs=max(1, settings.jobs - 1))
    lean = lean and child.jobs == 1  # the child frees its tree (teikit.build.memory)
    with xmlio.atomic_directory(target) as tmp, forked.Forked(html.fill, edition, child, tmp, False,
                                                               True, lean) as job:
        def finish() -> BuildResult:
            # the child says when its pages are written; this process counts half of them
            # meanwhile (the child the other half), unless one process at a time is asked
            # (--jobs 1): then once the child has ended
            written = settings.check_text and job.notified()
            ended = job.result() if written and settings.jobs == 1 else None
            searched = preservation.Links()  # the search data's links, gathered as its index is made
            if lean and written:  # not in the child, whose memory Saxon's heap holds (+175 MiB at 50 MB)
                search_index.write(tmp, searched)
            mine = preservation.page_counts(html.half_of_pages(tmp, 1), tmp) if written else None
            diags, words = ended if ended is not None else job.result()
            if lean and not written:  # the child ended without saying its pages were written
                search_index.write(tmp, searched)
            if mine is not None and words is not None:
                words.update(mine)
            if words is not None:
                words.links.update(searched)
            return BuildResult(format="html", outputs=html.listed(target, tmp), diagnostics=diags,
                               words=words)

        yield finish


@contextlib.contextmanager
def _book_in_child(edition: Edition, settings: BuildSettings) -> Iterator[Callable[[], BuildResult]]:
    """A large build's EPUB (:mod:`teikit.build.memory`): a forked child frees its copy of
    the tree at once, then waits to be let go and sends back the EPUB's bytes, which this
    process writes (staged with the other outputs). With ``--jobs 1`` (one process at a time,
    the least memory: it is forked once the site's child has ended) it is let go when its
    result is asked for, so two Saxon runs never stand side by side. With more processes
    allowed it goes at once, beside the site's child, each holding a Saxon of its own: the
    largest process is as large either way, and both cores work (1,000 letters, 19 MB,
    ``build --jobs 2``: 14.1 -> 8.9 s)."""
    from teikit.build import epub, forked

    with forked.Forked(epub.released_bytes, edition, settings, forked.wait) as job:
        if settings.jobs > 1:
            job.go()

        def finish() -> BuildResult:
            data, messages = job.result()  # says go first
            target = settings.exports_dir / f"{edition.stem}.epub"
            xmlio.atomic_write_bytes(target, data)
            return BuildResult("epub", outputs=[target], diagnostics=list(messages))

        yield finish


def _attempt(run: BuildRun, edition: Edition, name: str, work: Callable[[], BuildResult]) -> None:
    """Run one builder or task; its input error becomes a diagnostic (the others still run)."""
    try:
        result = work()
    except TeikitError as exc:
        run.failures.append(exc)
        run.results.append(BuildResult(format=name, diagnostics=[_failure(edition, name, exc)]))
        return
    run.results.append(result)


def _start(run: BuildRun, edition: Edition,
           tasks: Sequence[Task]) -> list[tuple[str, Callable[[], BuildResult]]]:
    """Start ``tasks`` in order; (name, finish) of those started, the others' errors recorded."""
    finishes = []
    for task in tasks:
        try:
            finishes.append((task.name, task.start(edition)))
        except TeikitError as exc:
            run.failures.append(exc)
            run.results.append(BuildResult(task.name, diagnostics=[_failure(edition, task.name, exc)]))
    return finishes


def build_formats(edition: Edition, names: list[str], settings: BuildSettings,
                  alongside: Sequence[Task] = ()) -> BuildRun:
    """Run ``names`` on ``edition``, and the ``alongside`` tasks (validation, check, citations:
    :mod:`teikit.build.alongside`); swap all their outputs into place only if all succeed
    and none reported an error.

    With ``settings.jobs`` > 1 the HTML site is written by a forked child while this process
    starts the tasks (validation first: Jing runs in a process of its own) and runs the other
    builders: the outputs are independent and byte-identical to those of one process. With
    ``settings.jobs`` == 1 one process works at a time: a large edition's site child (forked
    to bound memory) ends before anything else is done, and the tasks (Jing's validation
    too) end before the builders run."""
    xmlio.require_tei(edition.tree, edition.path)  # one message for every format, before any runs
    edition.memo.clear()  # what an earlier run computed from the tree may no longer hold
    run = BuildRun()
    source_hash = edition.input_hash()
    outputs.clean_stale(settings.exports_dir)
    # a large edition: Saxon only in children that freed their tree, one after the other
    large = memory.is_large(edition)
    fork = _forks_site(names, settings, alongside, large)
    large = large and fork
    try:
        with outputs.built_from(source_hash), outputs.staged() as pending, contextlib.ExitStack() as stack:
            done = ""  # a builder already run
            site = stack.enter_context(_site_in_child(edition, settings, large)) if fork else None
            in_turn = settings.jobs == 1  # one process at a time: each step ends before the next
            if site is not None and in_turn:  # a large edition's site: its child frees memory
                _attempt(run, edition, "html", site)
                site, done = None, "html"
            book = (stack.enter_context(_book_in_child(edition, settings))
                    if large and "epub" in names and not (settings.epub_per_document and edition.members)
                    else None)
            finishes = _start(run, edition, alongside)
            if in_turn:  # Jing's validation too, before the Python work goes on
                for name, finish in finishes:
                    _attempt(run, edition, name, finish)
                finishes = []
            for name in names:
                if (name == "html" and site is not None) or (name == "epub" and book is not None) \
                        or name == done:
                    continue
                _attempt(run, edition, name,
                         functools.partial(builder(name).build, edition, settings.exports_dir, settings))
            for name, finish in finishes:
                _attempt(run, edition, name, finish)
            checked = not run.failures and settings.check_text
            books: list[Diagnostic] = []
            if checked and book is None:  # the EPUB's words while the child may still be writing pages
                preservation.edition_words(edition)
                books = _preservation(edition, settings, pending, site=False)
            if book is not None:  # before the site: the book's words are counted while it is written
                _attempt(run, edition, "epub", book)
                if checked and not run.failures:
                    books = _preservation(edition, settings, pending, site=False)
            if site is not None:
                _attempt(run, edition, "html", site)
            # the results in the registry's order (builders, then tasks), whoever finished first
            order = {name: i for i, name in enumerate([*names, *(task.name for task in alongside)])}
            run.results.sort(key=lambda r: order.get(r.format, len(order)))
            if checked and not run.failures:
                site_result = next((r for r in run.results if r.format == "html"), None)
                counted = site_result.words if site_result is not None else None
                run.results.append(BuildResult("text", diagnostics=_preservation(
                    edition, settings, pending, counted, books=False,
                    site_files=site_result.outputs if site_result is not None else None) + books))
            if run.failures or any(d.severity is Severity.ERROR for d in run.diagnostics):
                raise _Abandon
            if source_hash is not None:
                outputs.write_record(settings.exports_dir, {name: source_hash for name in names})
    except _Abandon:
        kept = Diagnostic(str(edition.path), None, None, Severity.ERROR, "build.kept-previous",
                          "nothing was replaced: the previous outputs are kept as they were, "
                          "because a build reported an error",
                          hint="fix the errors above and build again")
        run.results.append(BuildResult(format="all", diagnostics=[kept]))
        return run
    run.committed = True
    return run


def run_tasks(edition: Edition, tasks: Sequence[Task]) -> BuildRun:
    """The ``tasks`` alone (the build itself was kept: nothing changed since it was made)."""
    run = BuildRun()
    with outputs.built_from(edition.input_hash()):
        for name, finish in _start(run, edition, tasks):
            _attempt(run, edition, name, finish)
    run.committed = not run.failures
    return run
