"""`teikit build`: transform an edition into html, epub and csv under exports/."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE

FORMATS = ("html", "epub", "csv", "all")


@click.command("build")
@click.argument("formats", nargs=-1, type=click.Choice(FORMATS))
def command(formats: tuple[str, ...]) -> None:
    """Build the edition into exports/ (html, epub, csv, or all; default all).

    \b
    Example:
      teikit build            # everything, from tei/bazhanov.xml
      teikit build html epub
    """
    click.echo("teikit build: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
