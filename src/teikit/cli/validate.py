"""`teikit validate` (to be filled in by its issue)."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE


@click.command("validate")
def command() -> None:
    """Not implemented yet.

    \b
    Example:
      teikit validate
    """
    click.echo("teikit validate: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
