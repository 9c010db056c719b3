"""`teikit cite` (to be filled in by its issue)."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE


@click.command("cite")
def command() -> None:
    """Not implemented yet.

    \b
    Example:
      teikit cite
    """
    click.echo("teikit cite: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
