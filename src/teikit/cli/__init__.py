"""The teikit command line: one click group, one module per subcommand.

This layer only parses options, calls the library and turns its results into output
and exit codes. Exceptions derived from :class:`teikit.errors.TeikitError` are caught at
one boundary (:class:`TeikitGroup`) and printed as a single message on stderr.
"""

from __future__ import annotations

import click

from teikit import __version__
from teikit.cli._common import TeikitGroup, Verbosity

EPILOG = """\b
Exit codes:
  0  clean: the command did what was asked and found no problem
  1  problems found in the input (invalid, broken references, ...)
  2  usage error, or input that cannot be read or used (missing, not XML, unsafe)
  3  a required tool (Java, EPUBCheck, Saxon) is missing or failed, or teikit failed (a bug)

\b
Examples:
  teikit build                  build the project's edition (teikit.toml) into exports/
  teikit validate tei/          validate every TEI file in a folder
  teikit check --format json edition.xml
"""


@click.group(cls=TeikitGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="teikit")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """teikit: ingest, validate, check, transform and package TEI-XML editions.

    Diagnostics go to stderr, data and reports to stdout.
    """
    ctx.obj = Verbosity(level=-1 if quiet else verbose)


# Subcommands are imported when used (teikit.cli.<name>.command), so `teikit --version` and
# `teikit check` do not pay for Saxon, the builders or the language server.
for _name in ("init", "ingest", "assemble", "validate", "check", "lint", "build", "cite", "deposit", "lsp",
              "serve", "hook"):
    cli.lazy_commands[_name] = f"teikit.cli.{_name}"


def main() -> None:
    from teikit.outputs import install_signal_handlers

    install_signal_handlers()  # SIGTERM removes temporary outputs on the way out
    cli(prog_name="teikit")
