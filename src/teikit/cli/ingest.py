"""`teikit ingest` (to be filled in by its issue)."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE


@click.command("ingest")
def command() -> None:
    """Not implemented yet.

    \b
    Example:
      teikit ingest
    """
    click.echo("teikit ingest: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
