"""`teikit lint`: schema validation and cross-reference checks in one report."""

from __future__ import annotations

import dataclasses

import click

from teikit.cli._common import stdin_as_file
from teikit.diagnostics import Severity
from teikit.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--schema", default="auto", show_default=True, metavar="NAME|PATH",
              help="As for `teikit validate` (auto: the project's, else the declared one, else tei_all).")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=str),
              help="A register file resolving @key/@ref values (as for `teikit check`). Repeatable.")
@click.option("--ignore", multiple=True, metavar="CODES",
              help="Rule codes or families not to report; '@attr' declares pointers external. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="Report format on stdout.")
def command(paths: tuple[str, ...], schema: str, registers: tuple[str, ...], ignore: tuple[str, ...],
            fmt: str) -> None:
    """Validate and check TEI files in one run: one list, one line per problem.

    PATHS default to the project's TEI files (teikit.toml). Each problem is printed as
    `path:line:col: severity: message [code]` (no indentation, so editors jump to it), with
    its hint on the next line. Exit status: 0 no error or warning, 1 problems found, 2 an
    input that cannot be used.

    \b
    Example:
      teikit lint
      teikit lint --format sarif letters/ > lint.sarif
    """
    from teikit import project
    from teikit.lint import lint_paths

    current = project.require("file to lint") if not paths else project.current()
    registers_ = list(registers)
    bare: list[str] = []
    ignored = [c.strip() for v in ignore for c in v.split(",") if c.strip()]
    if not paths and current is not None:
        paths = tuple(str(p) for p in current.tei_files())
        registers_ = registers_ or [str(p) for p in current.registers]
        ignored += [c for c in current.check_ignore if c not in ignored]
        bare = list(current.check_bare_ids)
    schemas = current.schema_map() if current is not None else {}
    with stdin_as_file(paths) as (given, named):  # "-": standard input
        result = lint_paths(given, schema=schema, registers=registers_, ignore=ignored,
                            project_schemas=schemas, bare_ids=bare)
    result.diagnostics = [dataclasses.replace(d, file=named(d.file)) for d in result.diagnostics]
    result.files = [named(f) for f in result.files]
    if fmt == "json":
        from teikit.diagnostics import render_json

        click.echo(render_json(result.diagnostics, tool="teikit lint", files=result.files))
    elif fmt == "sarif":
        from teikit.check.sarif import render_sarif

        click.echo(render_sarif(result.diagnostics, result.files))
    else:
        for d in result.diagnostics:
            if d.severity is not Severity.INFO:
                click.echo(d.render())
        counts = {s: sum(1 for d in result.diagnostics if d.severity is s) for s in Severity}
        click.echo(f"{len(result.files)} file(s) linted: {counts[Severity.ERROR]} error(s), "
                   f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info")
    if result.unusable:
        raise SystemExit(EXIT_USAGE)
    failed = any(d.severity in (Severity.ERROR, Severity.WARNING) for d in result.diagnostics)
    raise SystemExit(EXIT_PROBLEMS if failed else EXIT_OK)
