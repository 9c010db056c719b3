"""`teikit assemble`: one TEI file from a document that includes others with XInclude."""

from __future__ import annotations

from pathlib import Path

import click

from teikit.cli._common import verbosity


@click.command("assemble")
@click.argument("main", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The joined TEI file to write (not one of the files read).")
@click.option("--root", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="The edition's folder: inclusions may name files inside it only [default: MAIN's folder].")
def command(main: Path, output: Path, root: Path | None) -> None:
    """Join MAIN and the files it includes with XInclude into one TEI file.

    teikit never follows XInclude while it reads an edition (an inclusion may name any
    file or address); this command does, safely: only files inside the edition's folder,
    named by relative paths, each parsed with teikit's safe parser; parse="text",
    xpointer by ID or element(), xi:fallback for a missing file. Then build, validate and
    check the joined file. Exit status: 0 joined, 2 an inclusion that cannot be followed
    (the message names the file, line and what to do).

    \b
    Example:
      teikit assemble book/main.xml -o book.xml && teikit build --edition book.xml
    """
    from teikit import api

    log = verbosity()
    joined = api.assemble(main, output, root=root)
    for d in joined.diagnostics:
        log.info(d.render())
    click.echo(f"assemble: {joined.inclusions} inclusion(s), {len(joined.files)} file(s) read, "
               f"written to {output}", err=True)
