"""`teikit check`: cross-reference integrity of TEI files (notes, pointers, IDs, pages, index)."""

from __future__ import annotations

import dataclasses

import click

from teikit.check import check_paths, is_attribute_pattern, unknown_patterns
from teikit.check.report import render_json, render_text
from teikit.check.sarif import render_sarif
from teikit.cli._common import JOBS, stdin_as_file
from teikit.diagnostics import Severity
from teikit.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif}
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def _codes(values: tuple[str, ...]) -> list[str]:
    """Codes from repeated and comma-separated options."""
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Report format on stdout (json: schemas/check-report.schema.json; sarif: SARIF 2.1.0).")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=str),
              help="A file (e.g. a personography) that resolves @key values; not reported on. Repeatable.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Report only these rule codes or families (e.g. notes,ids.duplicate). Repeatable.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these rule codes or families; "
              "'@attr' or 'element/@attr' declares that attribute's pointers external (not checked, "
              "counted once: pointers.external). Repeatable.")
@click.option("--bare-ids", "bare_ids", multiple=True, metavar="PATTERNS",
              help="'element/@attr' or '@attr' whose values are IDs written without '#' "
                   "(e.g. sp/@who): each value must name an xml:id. Repeatable.")
@click.option("--fail-on", type=click.Choice(sorted(FAIL_ON)), default="warning", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("--show", type=click.Choice(sorted(FAIL_ON)), default="warning", show_default=True,
              help="Text format: lowest severity whose items are listed (rules below it are "
                   "only counted). JSON and SARIF always hold every item.")
@click.option("--jobs", type=JOBS, default=None,
              help="Processes the rules of a large set of files (2 MB or more) are divided among "
                   "[default: the cores].")
def command(paths: tuple[str, ...], fmt: str, registers: tuple[str, ...], select: tuple[str, ...],
            ignore: tuple[str, ...], bare_ids: tuple[str, ...], fail_on: str, show: str,
            jobs: int | None) -> None:
    """Check cross-references: IDs, pointers, notes, pages and the index.

    PATHS are TEI files or folders (searched for *.xml); default: the project's TEI files
    (teikit.toml), with its registers and its [check] ignore and bare-ids lists.
    Rules and their codes are listed in docs/checks.md. Exit status: 0 clean, 1 problems
    at or above --fail-on, 2 unusable input or bad usage.

    \b
    Example:
      teikit check edition.xml
      teikit check --show info edition.xml
      teikit check --format sarif --ignore unused tei/ > check.sarif
      teikit check letter.xml --register persons.xml
      teikit check --ignore @facs --ignore catRef --bare-ids sp/@who play.xml
    """
    selected, ignored, bare = _codes(select), _codes(ignore), _codes(bare_ids)
    if not paths:
        from teikit import project

        proj = project.require("file to check")
        paths = tuple(str(p) for p in proj.tei_files())
        registers = registers or tuple(str(p) for p in proj.registers)
        ignored += [c for c in proj.check_ignore if c not in ignored]
        bare += [c for c in proj.check_bare_ids if c not in bare]
    unknown = unknown_patterns(selected + ignored)
    if unknown:
        raise click.UsageError(f"unknown rule code(s): {', '.join(unknown)} (see docs/checks.md)")
    not_patterns = [b for b in bare if not is_attribute_pattern(b)]
    if not_patterns:
        raise click.UsageError(f"--bare-ids takes 'element/@attr' or '@attr', not: {', '.join(not_patterns)}")
    from teikit.cores import available_cores

    with stdin_as_file(paths) as (given, named):  # "-": standard input
        result = check_paths(given, registers=registers, select=selected, ignore=ignored, bare_ids=bare,
                             jobs=jobs or available_cores())
    result.diagnostics = [dataclasses.replace(d, file=named(d.file)) for d in result.diagnostics]
    result.files = [named(f) for f in result.files]
    if fmt == "text":
        click.echo(render_text(result.diagnostics, result.files, show=FAIL_ON[show]))
    else:
        click.echo(RENDERERS[fmt](result.diagnostics, result.files))
    if result.unusable:
        raise SystemExit(EXIT_USAGE)
    threshold = FAIL_ON[fail_on].rank
    failed = any(d.severity.rank >= threshold for d in result.diagnostics)
    raise SystemExit(EXIT_PROBLEMS if failed else EXIT_OK)
