"""`teikit build`: transform an edition into html, epub and csv under exports/.

The edition is parsed once (:meth:`teikit.edition.Edition.load`) and every requested
builder of :data:`teikit.build.BUILDERS` runs on that one tree, in one process (so each
stylesheet is compiled once). A builder that is not available yet is reported as a
diagnostic, not a crash: a warning when it was only implied by ``all``, an error when it
was asked for by name.
"""

from __future__ import annotations

from pathlib import Path

import click

from teikit import paths
from teikit.build import BUILDERS, BuildResult, BuildSettings, builder
from teikit.cli._common import FORMAT_OPTION, verbosity
from teikit.diagnostics import Diagnostic, Severity, render_json, render_text
from teikit.edition import Edition
from teikit.errors import EXIT_OK, EXIT_PROBLEMS

FORMATS = (*BUILDERS, "all")


def _requested(formats: tuple[str, ...]) -> tuple[list[str], bool]:
    """(builder names in registry order, whether they were named explicitly)."""
    if not formats or "all" in formats:
        return list(BUILDERS), False
    return [name for name in BUILDERS if name in formats], True


def run_builder(name: str, edition: Edition, settings: BuildSettings, explicit: bool) -> BuildResult:
    """Run one builder; an unavailable one becomes a diagnostic."""
    try:
        module = builder(name)
        return module.build(edition, settings.exports_dir, settings)
    except (NotImplementedError, ImportError, AttributeError) as exc:
        severity = Severity.ERROR if explicit else Severity.WARNING
        diag = Diagnostic(
            str(edition.path), None, None, severity, "build.unavailable",
            f"the {name} builder is not available in this version ({exc or 'not implemented'})",
            hint=f"build the other formats, e.g. teikit build {' '.join(n for n in BUILDERS if n != name)}",
        )
        return BuildResult(format=name, diagnostics=[diag])


@click.command("build")
@click.argument("formats", nargs=-1, type=click.Choice(FORMATS))
@click.option("--edition", "edition_path", type=click.Path(path_type=Path), default=paths.EDITION,
              show_default="tei/bazhanov.xml", help="The TEI file to build.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=paths.EXPORTS_DIR,
              show_default="exports/", help="Folder the outputs go into (html/, *.epub, csv/).")
@click.option("--single-page", is_flag=True, help="HTML: all divisions in one page (edition.html).")
@FORMAT_OPTION
def command(formats: tuple[str, ...], edition_path: Path, out_dir: Path, single_page: bool, fmt: str) -> None:
    """Build the edition into exports/ (html, epub, csv, or all; default all).

    Outputs replace the previous ones only when a builder succeeds. Exit status: 0 built
    cleanly, 1 a builder reported an error, 2 unusable input, 3 a missing tool.

    \b
    Example:
      teikit build            # everything, from tei/bazhanov.xml
      teikit build html epub
      teikit build html --edition letter.xml --out /tmp/letter --single-page
    """
    names, explicit = _requested(formats)
    edition = Edition.load(edition_path)
    settings = BuildSettings(exports_dir=out_dir, single_page=single_page)
    log = verbosity()
    results: list[BuildResult] = []
    for name in names:
        log.debug(f"build: {name} ...")
        result = run_builder(name, edition, settings, explicit)
        results.append(result)
        if result.outputs:
            log.info(f"build: {name}: {len(result.outputs)} file(s) under {out_dir}")
    diags = [d for r in results for d in r.diagnostics]
    if fmt == "json":
        click.echo(render_json(diags, tool="teikit build", files=[str(edition_path)]))
    elif diags:
        shown = [d for d in diags if d.severity is not Severity.INFO or log.level >= 1]
        if shown:
            click.echo(render_text(shown))
    failed = any(d.severity is Severity.ERROR for d in diags)
    raise SystemExit(EXIT_PROBLEMS if failed else EXIT_OK)
