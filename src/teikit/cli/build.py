"""`teikit build`: transform an edition into html, epub and csv under exports/.

The edition is parsed once (:meth:`teikit.edition.Edition.load`) and every requested
builder of :data:`teikit.build.BUILDERS` runs on that one tree, in one process (so each
stylesheet is compiled once). Every requested builder is attempted; their outputs replace
the previous ones together, only when all succeeded (:mod:`teikit.build.run`). A builder's
input error becomes a diagnostic naming file and line and the exit code of that error; a
bug in a builder is not hidden.
"""

from __future__ import annotations

from pathlib import Path

import click

from teikit.build import BUILDERS, BuildSettings
from teikit.build.run import build_formats
from teikit.cli._common import (
    FORMAT_OPTION,
    Verbosity,
    project_exports,
    project_stylesheets,
    verbosity,
)
from teikit.diagnostics import Severity, render_json, render_text
from teikit.edition import Edition
from teikit.errors import EXIT_OK, EXIT_PROBLEMS

FORMATS = (*BUILDERS, "all")


def _requested(formats: tuple[str, ...]) -> tuple[list[str], bool]:
    """(builder names in registry order, whether they were named explicitly)."""
    if not formats or "all" in formats:
        return list(BUILDERS), False
    return [name for name in BUILDERS if name in formats], True


@click.command("build")
@click.argument("formats", nargs=-1, type=click.Choice(FORMATS))
@click.option("--edition", "edition_path", type=click.Path(path_type=Path), default=None,
              help="The TEI file, or a folder of TEI files built as one collection "
                   "[default: the project's, from teikit.toml].")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder the outputs go into (html/, *.epub, csv/) "
                   "[default: the project's output, else ./exports].")
@click.option("--single-page", is_flag=True, help="HTML: all divisions in one page (edition.html).")
@click.option("--cite", "then_cite", is_flag=True,
              help="Then write the citations into OUT/citations (as `teikit cite`), in the same process.")
@click.option("--deposit", "then_deposit", is_flag=True,
              help="Then bag everything into OUT/deposit (as `teikit deposit`), in the same process.")
@FORMAT_OPTION
def command(formats: tuple[str, ...], edition_path: Path | None, out_dir: Path | None, single_page: bool,
            then_cite: bool, then_deposit: bool, fmt: str) -> None:
    """Build the edition into exports/ (html, epub, csv, or all; default all).

    Outputs replace the previous ones together, only when every builder succeeds (else
    all previous outputs are kept). Exit status: 0 built
    cleanly, 1 a builder reported an error, 2 unusable input, 3 a missing tool.

    \b
    Example:
      teikit build            # everything, from the project's teikit.toml
      teikit build --cite --deposit   # the whole job in one process (one parse, one Saxon)
      teikit build html epub
      teikit build html --edition letter.xml --out /tmp/letter --single-page
    """
    names, _explicit = _requested(formats)
    edition = _load(edition_path)
    out_dir = project_exports(out_dir)
    # what this run makes (the reading edition's downloads page offers it)
    products = (*names, *(["citations"] if then_cite else []), *(["deposit"] if then_deposit else []))
    settings = BuildSettings(exports_dir=out_dir, single_page=single_page, stylesheets=project_stylesheets(),
                             products=products)
    log = verbosity()
    run = build_formats(edition, names, settings)
    if run.committed:
        for result in run.results:
            if result.outputs:
                log.info(f"build: {result.format}: {len(result.outputs)} file(s) under {out_dir}")
    diags = run.diagnostics
    if fmt == "json":
        click.echo(render_json(diags, tool="teikit build", files=[str(edition.path)]))
    elif diags:
        shown = [d for d in diags if d.severity is not Severity.INFO or log.level >= 1]
        if shown:
            click.echo(render_text(shown))
    failed = any(d.severity is Severity.ERROR for d in diags)
    if run.committed and not failed and (then_cite or then_deposit):
        _publish(edition, out_dir, names, then_cite, then_deposit, log)
    codes = [exc.exit_code for exc in run.failures]
    raise SystemExit(max(codes) if codes else EXIT_PROBLEMS if failed else EXIT_OK)


def _publish(edition: Edition, out_dir: Path, names: list[str], cite: bool, deposit: bool,
             log: Verbosity) -> None:
    """Citations and the deposit from the edition already parsed and the outputs just built."""
    from teikit import outputs

    source_hash = outputs.content_hash(edition.path)
    if cite:
        from teikit.cite.export import write_citations

        with outputs.built_from(source_hash):
            made = write_citations(edition.tree, out_dir / "citations", stem=edition.stem,
                                   inputs=(edition.path,))
        log.info(f"build: citations: {len(made.outputs)} file(s) under {out_dir / 'citations'}")
    if deposit:
        from teikit.deposit.package import DepositSettings, build_deposit

        result = build_deposit(edition, DepositSettings(exports_dir=out_dir, include=tuple(names)))
        log.info(f"build: deposit: bag of {result.files} payload files in {result.bag_dir}")


def _load(given: Path | None) -> Edition:
    """The edition to build: a file, a folder (a collection), or the project's TEI (one file,
    or several as a collection)."""
    from teikit import collection, project

    if given is not None and given.is_dir():
        return collection.load_collection(collection.tei_files(given), name=given)
    if given is not None:
        return Edition.load(given)
    proj = project.require("TEI file")
    files = proj.tei_files()
    if len(files) > 1:
        return collection.load_collection(files, name=proj.root, title=proj.title)
    return Edition.load(proj.edition)
