"""`teikit check` (to be filled in by its issue)."""

from __future__ import annotations

import click

from teikit.errors import EXIT_USAGE


@click.command("check")
def command() -> None:
    """Not implemented yet.

    \b
    Example:
      teikit check
    """
    click.echo("teikit check: not implemented yet", err=True)
    raise SystemExit(EXIT_USAGE)
