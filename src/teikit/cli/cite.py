"""`teikit cite`: citation files (CSL-JSON, BibLaTeX, BibTeX, RIS) for an edition."""

from __future__ import annotations

import json
from pathlib import Path

import click

from teikit import outputs
from teikit.cite.export import WRITERS, write_citations
from teikit.cli._common import FORMAT_OPTION, project_edition, project_exports, verbosity
from teikit.edition import Edition
from teikit.errors import TeikitError


@click.command("cite")
@click.argument("edition", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output folder [default: exports/citations].")
@click.option("--only", "only", multiple=True, type=click.Choice(list(WRITERS)),
              help="Write only this format (repeatable) [default: all].")
@FORMAT_OPTION
def command(edition: Path | None, output: Path | None, only: tuple[str, ...], fmt: str) -> None:
    """Write citations of EDITION (default: the project's, from teikit.toml) into exports/citations/.

    Cites the digital edition, the printed book it transcribes, each chapter (with its
    printed pages) and every entry of its bibliography, in CSL-JSON, BibLaTeX, BibTeX and
    RIS. A header without a title is reported with the element to add (exit 2) and the
    previous exports/citations/ is left as it was.

    \b
    Example:
      teikit cite                          # the project's edition -> exports/citations/
      teikit cite --only ris -o out/ my-edition.xml
    """
    ed = Edition.load(project_edition(edition))
    out_dir = output or project_exports(None) / "citations"
    try:
        with outputs.built_from(outputs.content_hash(ed.path)):
            result = write_citations(ed.tree, out_dir, stem=ed.stem, formats=only or tuple(WRITERS),
                                     inputs=(ed.path,))
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
