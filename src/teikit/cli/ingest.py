"""`teikit ingest`: up-convert the plain-text source into the TEI edition."""

from __future__ import annotations

import json
from pathlib import Path

import click

from teikit import project
from teikit.cli._common import FORMAT_OPTION
from teikit.diagnostics import Severity, render_text
from teikit.errors import EXIT_OK, EXIT_PROBLEMS, InputError
from teikit.ingest import pipeline

PATH = click.Path(path_type=Path)


def _text_summary(counts: dict, output: Path, written: bool) -> str:
    lines = [
        f"chapters: {counts['chapters']}" + (f" in {counts['parts']} parts" if counts["parts"] else ""),
        f"notes: {counts['notes']} ({counts['notes_linked']} linked both ways), markers: {counts['markers']}",
        f"pages: {counts['pages']} ({counts['pages_inferred']} inferred)",
        f"persons: {counts['persons']} ({counts['person_mentions']} mentions linked)",
        f"dates: {counts['dates']}",
        f"duplicate IDs: {counts['duplicate_ids']}"
        + (f" ({', '.join(counts['duplicate_id_values'])})" if counts["duplicate_id_values"] else ""),
        f"{'wrote' if written else 'not written:'} {output}",
    ]
    return "\n".join(lines)


def _from_project(source: Path | None, editorial: Path | None,
                  output: Path | None) -> tuple[Path, Path, Path]:
    """Fill what the command line left out from the working directory's teikit.toml."""
    if source is not None and editorial is not None and output is not None:
        return source, editorial, output
    proj = project.require("--source/--editorial/--output")
    source = source or proj.ingest_source
    editorial = editorial or proj.ingest_editorial
    output = output or proj.ingest_output or proj.edition
    if source is None or editorial is None:
        raise InputError("the project has no [ingest] source and editorial folder", file=proj.file,
                         hint="add them to teikit.toml (docs/project.md) or pass --source and --editorial")
    return source, editorial, output


@click.command("ingest")
@click.option("--source", type=PATH, default=None,
              help="The plain-text e-book extraction [default: the project's [ingest] source].")
@click.option("--editorial", type=PATH, default=None,
              help="Folder of editorial data (corrections.tsv, persons.toml, edition.toml) "
                   "[default: the project's [ingest] editorial].")
@click.option("--output", type=PATH, default=None,
              help="Where to write the TEI edition (replaced atomically) [default: the project's "
                   "[ingest] output, else its edition].")
@FORMAT_OPTION
@click.option("--check-only", is_flag=True, help="Run every pass and report, but write nothing.")
def command(source: Path | None, editorial: Path | None, output: Path | None, fmt: str,
            check_only: bool) -> None:
    """Up-convert the plain-text source into the TEI edition (docs/encoding.md).

    Prints a summary (chapters, notes linked, pages, persons, dates) on stdout and
    diagnostics on stderr. The edition is written only when no error was found, through
    a temporary file, so a failed run leaves the previous edition untouched. Exit status:
    0 written (or clean with --check-only), 1 errors found (nothing written), 2 a source
    that cannot be read or recognised.

    \b
    Example:
      teikit ingest
      teikit ingest --check-only --format json
      teikit ingest --source book.txt --editorial editorial/ --output book.xml
    """
    source, editorial, output = _from_project(source, editorial, output)
    ctx = pipeline.run(source, editorial)
    failed = any(d.severity is Severity.ERROR for d in ctx.diagnostics)
    written = not failed and not check_only
    if written:
        pipeline.write(ctx, output)
    if ctx.diagnostics:
        click.echo(render_text(ctx.diagnostics), err=True)
    counts = pipeline.summary(ctx)
    if fmt == "json":
        click.echo(json.dumps({"tool": "teikit ingest", "output": str(output), "written": written,
                               "summary": counts}, indent=2, sort_keys=True))
    else:
        click.echo(_text_summary(counts, output, written))
    raise SystemExit(EXIT_PROBLEMS if failed else EXIT_OK)
