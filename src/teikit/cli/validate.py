"""`teikit validate`: RELAX NG + Schematron validation of TEI files and folders."""

from __future__ import annotations

import click

from teikit.cli._common import FORMAT_OPTION, JOBS, verbosity
from teikit.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from teikit.validate import report as reports
from teikit.validate.runner import DEFAULT_CACHE, ENGINES, validate_paths


@click.command("validate")
@click.argument("inputs", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--schema",
    default="auto",
    show_default=True,
    metavar="NAME|PATH",
    help="auto (the project's schema for its files, else what each file declares in <?xml-model?>, "
         "else tei_all), teikit (teikit.rng + teikit.sch), tei_all (TEI P5 conformance), or a "
         ".rng/.rnc/.xsd/.sch file.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="RELAX NG engine: auto picks Jing when Java has it (faster), else lxml.",
)
@click.option("--jobs", type=JOBS, default=None,
              help="Jing processes run at once on a large set of files (4 MB or more each), and "
                   "processes the Schematron and XSD of many files (40 or more each) are divided "
                   "among [default: the cores].")
@click.option("--no-cache", is_flag=True, help="Do not use or fill the result cache in .cache/validate/.")
@FORMAT_OPTION
def command(inputs: tuple[str, ...], schema: str, engine: str, jobs: int | None, no_cache: bool,
            fmt: str) -> None:
    """Validate TEI files (or every .xml file in given folders; default: the edition).

    Problems are printed as `file:line:col: severity: message [rule]`, grouped by file,
    with a count. Exit 0 when valid, 1 when problems were found, 2 when an input cannot
    be read or parsed (missing, empty, binary, not well-formed, unsafe DOCTYPE), 3 when
    a required tool is missing.

    \b
    Examples:
      teikit validate edition.xml
      teikit validate --schema tei_all ../shared/tei-samples/
      teikit validate --schema my.rng --format json a.xml b.xml
    """
    cache_dir = None if no_cache else DEFAULT_CACHE
    from teikit import project

    current = project.require("file to validate") if not inputs else project.current()
    if not inputs and current is not None:
        inputs = tuple(str(p) for p in current.tei_files())
    project_schemas = current.schema_map() if current is not None else {}
    from teikit.cores import available_cores

    report = validate_paths(list(inputs), schema, project_schemas=project_schemas, engine=engine,
                            cache_dir=cache_dir, jobs=jobs or available_cores())
    verbosity().debug(f"validate: {len(report.files)} file(s), engine {report.engine}")
    click.echo(reports.render_json(report) if fmt == "json" else reports.render_text(report), nl=False)
    if report.unusable:
        raise SystemExit(EXIT_USAGE)
    raise SystemExit(EXIT_PROBLEMS if report.errors else EXIT_OK)
