"""`teikit build`: transform an edition into html, epub and csv under exports/.

The edition is parsed once (:meth:`teikit.edition.Edition.load`) and every requested
builder of :data:`teikit.build.BUILDERS` runs on that one tree, in one process (so each
stylesheet is compiled once). Every requested builder is attempted; their outputs replace
the previous ones together, only when all succeeded (:mod:`teikit.build.run`). A builder's
input error becomes a diagnostic naming file and line and the exit code of that error; a
bug in a builder is not hidden.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from teikit.build import BUILDERS, BuildSettings
from teikit.cli._common import (
    FORMAT_OPTION,
    JOBS,
    Verbosity,
    edition_source,
    project_exports,
    project_stylesheets,
    project_trusts_stylesheets,
    verbosity,
)
from teikit.diagnostics import Severity, render_json, render_text
from teikit.errors import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:  # the build's modules (lxml, the pool) are imported when a build runs
    from teikit.build.alongside import Task
    from teikit.build.parallel import Source
    from teikit.edition import Edition

FORMATS = (*BUILDERS, "all")
PARALLEL_FROM_BYTES = 1_000_000  # below this, one process is faster than starting workers


def _requested(formats: tuple[str, ...]) -> tuple[list[str], bool]:
    """(builder names in registry order, whether they were named explicitly)."""
    if not formats or "all" in formats:
        return list(BUILDERS), False
    return [name for name in BUILDERS if name in formats], True


_DASK_ADDRESS = re.compile(r"dask://(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})")


def _executor_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A usage error (exit 2) before any work, not a build that fails or waits on a bad address."""
    match = _DASK_ADDRESS.fullmatch(value)
    if value and not (match and 0 < int(match.group(1)) < 65536):
        raise click.BadParameter(f"{value!r} is not a Dask scheduler's address: give dask://HOST:PORT "
                                 "(e.g. dask://127.0.0.1:8786)", ctx, param)
    return value


@click.command("build")
@click.argument("formats", nargs=-1, type=click.Choice(FORMATS))
@click.option("--edition", "edition_path", type=click.Path(path_type=Path), default=None,
              help="The TEI file, or a folder of TEI files built as one collection "
                   "[default: the project's, from teikit.toml].")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder the outputs go into (html/, *.epub, csv/) "
                   "[default: the project's output, else ./exports].")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A separate register (a TEI file of listPerson, listPlace, listOrg...) whose entries "
                   "get pages and resolve @ref; repeatable [default: the project's registers].")
@click.option("--jobs", type=JOBS, default=None,
              help="Processes that write the HTML site [default: the cores, for an edition of 1 MB "
                   "or more; else 1].")
@click.option("--executor", "executor", default="", metavar="dask://HOST:PORT", callback=_executor_address,
              help="Write the HTML site on a Dask cluster (its scheduler's address) instead.")
@click.option("--force", is_flag=True,
              help="Build even when nothing changed since the last build (see docs/collections.md).")
@click.option("--single-page", is_flag=True, help="HTML: all divisions in one page (edition.html).")
@click.option("--epub-per-document", is_flag=True,
              help="A collection: one EPUB per document (OUT/epub/NAME.epub) instead of one for all.")
@click.option("--validate", "then_validate", is_flag=True,
              help="Also validate the edition (as `teikit validate`, against --schema), in the same run; "
                   "an invalid edition replaces no output.")
@click.option("--schema", default="auto", show_default=True, metavar="NAME|PATH",
              help="The schema --validate uses: auto (the project's, else what the file declares, else "
                   "tei_all), teikit, tei_all, or a .rng/.xsd/.sch file.")
@click.option("--check", "then_check", is_flag=True,
              help="Also check cross-references (as `teikit check`, with the project's settings), in the "
                   "same run; a check error replaces no output (warnings are reported).")
@click.option("--cite", "then_cite", is_flag=True,
              help="Also write the citations into OUT/citations (as `teikit cite`), in the same process.")
@click.option("--deposit", "then_deposit", is_flag=True,
              help="Then bag everything into OUT/deposit (as `teikit deposit`), in the same process.")
@FORMAT_OPTION
def command(formats: tuple[str, ...], edition_path: Path | None, out_dir: Path | None,
            registers: tuple[Path, ...], jobs: int | None, executor: str, force: bool, single_page: bool,
            epub_per_document: bool, then_validate: bool, schema: str, then_check: bool,
            then_cite: bool, then_deposit: bool, fmt: str) -> None:
    """Build the edition into exports/ (html, epub, csv, or all; default all).

    Outputs replace the previous ones together, only when every builder succeeds (else
    all previous outputs are kept); with --validate or --check, only when the edition is
    also valid and its references hold. Exit status: 0 built cleanly, 1 a builder, the
    validation or the check reported an error, 2 unusable input, 3 a missing tool.

    \b
    Example:
      teikit build            # everything, from the project's teikit.toml
      teikit build --validate --check --cite --deposit   # the whole job, one process, both cores
      teikit build html epub
      teikit build html --edition letter.xml --out /tmp/letter --single-page
      teikit build --edition letters/ --register persons.xml --jobs 2
    """
    from teikit.build import cache, parallel
    from teikit.build.run import build_formats, run_tasks

    names, _explicit = _requested(formats)
    source = edition_source(edition_path, registers)
    out_dir = project_exports(out_dir)
    # what this run makes (the reading edition's downloads page offers it)
    products = (*names, *(["citations"] if then_cite else []), *(["deposit"] if then_deposit else []))
    settings = BuildSettings(exports_dir=out_dir, single_page=single_page,
                             epub_per_document=epub_per_document,
                             stylesheets=project_stylesheets(),
                             trust_stylesheets=project_trusts_stylesheets(),
                             products=products, jobs=jobs or _default_jobs(source), executor=executor,
                             source=source)
    log = verbosity()
    # an unchanged input (same bytes, stylesheets, options) keeps the last build's outputs
    build_key = cache.key([*source.files, *source.registers, *settings.stylesheets.values()],
                          {"formats": names, "single_page": single_page, "products": products,
                           "epub_per_document": epub_per_document, "title": source.title,
                           "name": source.name, "epoch": os.environ.get("SOURCE_DATE_EPOCH", "")})
    kept = None if force else cache.unchanged(out_dir, build_key)
    tasks = _tasks(source, edition_path, out_dir, then_validate, schema, then_check, then_cite, force)
    if kept is not None:
        log.info(f"build: nothing changed since the last build into {out_dir}; its outputs are kept")
        edition = source.load() if tasks else None
        # validation, check and citations are still done (cheap: validation's own cache)
        extra = run_tasks(edition, tasks) if edition is not None else None
        diags, committed = kept + (extra.diagnostics if extra else []), True
        codes = [exc.exit_code for exc in extra.failures] if extra else []
    else:
        # the record stays until a build succeeds: a failed one keeps the outputs it describes
        # a divided site's workers start now, compiling while this process reads the files
        with parallel.ahead(settings, names, tasks):
            edition = source.load()
            run = build_formats(edition, names, settings, tasks)
        if run.committed:
            for result in run.results:
                if result.outputs:
                    where = out_dir / "citations" if result.format == "citations" else out_dir
                    log.info(f"build: {result.format}: {len(result.outputs)} file(s) under {where}")
        diags, committed, codes = run.diagnostics, run.committed, [exc.exit_code for exc in run.failures]
    if fmt == "json":
        click.echo(render_json(diags, tool="teikit build", files=[source.name or source.files[0]]))
    elif diags:
        shown = [d for d in diags if d.severity is not Severity.INFO or log.level >= 1]
        if shown:
            click.echo(render_text(shown))
    failed = any(d.severity is Severity.ERROR for d in diags)
    if kept is None and committed and not failed:
        top = out_dir.parts  # compared part by part: relative_to took 0.06 s for 2,500 pages
        made = {p.parts[len(top)] for r in run.results for p in r.outputs
                if len(p.parts) > len(top) and p.parts[:len(top)] == top}
        source_hash = edition.input_hash() if edition is not None else None
        cache.record(out_dir, build_key, made,
                     [d for r in run.results if r.format not in _TASKS for d in r.diagnostics],
                     built={name: source_hash for name in names} if source_hash is not None else None)
    if committed and not failed and then_deposit:
        _deposit(edition or source.load(), out_dir, names, log, then_cite)
    raise SystemExit(max(codes) if codes else EXIT_PROBLEMS if failed else EXIT_OK)


_TASKS = ("validate", "check", "citations")  # their findings are not the build's: not recorded as kept


def _tasks(source: Source, given: Path | None, out_dir: Path, validate: bool, schema: str, check: bool,
           cite: bool, force: bool) -> list[Task]:
    """The rest of the job, run beside the builders (teikit.build.alongside): validation first
    (Jing runs in its own process meanwhile), the check, the citations."""
    from teikit.build import alongside

    tasks = []
    files = [Path(f) for f in source.files]
    current = None
    if given is None:
        from teikit import project

        current = project.current()
    if validate:
        from teikit.validate.runner import DEFAULT_CACHE  # only then: the validator's modules take 0.06 s

        project_schemas = current.schema_map() if current is not None else {}
        # --force: validated again too, as `teikit validate --no-cache` would
        tasks.append(alongside.validation(files, schema, project_schemas=project_schemas,
                                          cache_dir=None if force else DEFAULT_CACHE))
    if check:
        ignore = list(current.check_ignore) if current is not None else []
        bare = list(current.check_bare_ids) if current is not None else []
        tasks.append(alongside.checking(files, registers=[Path(r) for r in source.registers],
                                        ignore=ignore, bare_ids=bare))
    if cite:
        tasks.append(alongside.citations(out_dir / "citations"))
    return tasks


def _deposit(edition: Edition, out_dir: Path, names: list[str], log: Verbosity, cited: bool) -> None:
    """The deposit, from the edition already parsed and the outputs just built (and the
    citations, when this run wrote them: linked into the bag, not made again)."""
    from teikit.deposit.package import DepositSettings, build_deposit

    result = build_deposit(edition, DepositSettings(exports_dir=out_dir, include=tuple(names),
                                                    citations=out_dir / "citations" if cited else None))
    log.info(f"build: deposit: bag of {result.files} payload files in {result.bag_dir}")


def _default_jobs(source: Source) -> int:
    """The cores, for an edition big enough that starting workers costs less than it saves."""
    from teikit.build.parallel import default_jobs

    size = sum(Path(f).stat().st_size for f in source.files)
    return default_jobs() if size >= PARALLEL_FROM_BYTES else 1
