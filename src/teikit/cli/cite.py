"""`teikit cite`: citation files (CSL-JSON, BibLaTeX, BibTeX, RIS) for an edition."""

from __future__ import annotations

import json
from pathlib import Path

import click

from teikit import outputs
from teikit.cite.export import WRITERS, write_citations
from teikit.cli._common import FORMAT_OPTION, edition_source, project_exports, verbosity
from teikit.errors import TeikitError


@click.command("cite")
@click.argument("edition", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output folder [default: exports/citations].")
@click.option("--only", "only", multiple=True, type=click.Choice(list(WRITERS)),
              help="Write only this format (repeatable) [default: all].")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A separate register (a TEI file of listPerson, listPlace...) read with the edition; "
                   "repeatable [default: the project's registers].")
@FORMAT_OPTION
def command(edition: Path | None, output: Path | None, only: tuple[str, ...], registers: tuple[Path, ...],
            fmt: str) -> None:
    """Write citations of EDITION (default: the project's, from teikit.toml) into exports/citations/.

    EDITION is a TEI file or a folder of them (a collection: a correspondence's letters are
    cited each as a letter). Cites the digital edition, the printed book it transcribes, each
    chapter (with its printed pages) and every entry of its bibliography, in CSL-JSON,
    BibLaTeX, BibTeX and RIS. A header without a title is reported with the element to add (exit 2) and the
    previous exports/citations/ is left as it was.

    \b
    Example:
      teikit cite                          # the project's edition -> exports/citations/
      teikit cite --only ris -o out/ my-edition.xml
      teikit cite letters/ --register persons.xml
    """
    ed = edition_source(edition, registers).load()
    out_dir = output or project_exports(None) / "citations"
    try:
        with outputs.built_from(ed.input_hash()):
            result = write_citations(ed.tree, out_dir, stem=ed.stem, formats=only or tuple(WRITERS),
                                     inputs=ed.input_files)
    except OSError as exc:  # disk full, permissions: a message, not a traceback
        raise TeikitError(f"cannot write the output: {exc.strerror or exc}", file=exc.filename,
                          hint="check free space and permissions; the previous output was kept") from exc
    if fmt == "json":
        report = {"outputs": [str(p) for p in result.outputs], "counts": result.counts}
        click.echo(json.dumps(report, indent=2))
    else:
        for path in result.outputs:
            click.echo(f"{path}  ({result.counts[path.name]} items)")
    verbosity().info(f"teikit cite: wrote {len(result.outputs)} file(s) to {out_dir}")
