"""Helpers shared by the subcommands: the error boundary, verbosity, report formats."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import click

from teikit.errors import TeikitError

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format on stdout.",
)


@dataclass
class Verbosity:
    level: int = 0  # -1 quiet, 0 normal, 1+ verbose

    def info(self, message: str) -> None:
        if self.level >= 0:
            click.echo(message, err=True)

    def debug(self, message: str) -> None:
        if self.level >= 1:
            click.echo(message, err=True)


def verbosity() -> Verbosity:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Verbosity) if ctx else None
    return obj or Verbosity()


class TeikitGroup(click.Group):
    """A group whose subcommands' TeikitErrors become one message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TeikitError as exc:
            click.echo(f"teikit: error: {exc}", err=True)
            sys.exit(exc.exit_code)
