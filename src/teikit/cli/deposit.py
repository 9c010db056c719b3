"""`teikit deposit` (to be filled in by its issue)."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE


@click.command("deposit")
def command() -> None:
    """Not implemented yet.

    \b
    Example:
      teikit deposit
    """
    click.echo("teikit deposit: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
