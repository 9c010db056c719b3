"""Helpers shared by the subcommands: the error boundary, verbosity, report formats."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from teikit.diagnostics import printable
from teikit.errors import EXIT_ENVIRONMENT, EXIT_USAGE, TeikitError
from teikit.outputs import Interrupted

if TYPE_CHECKING:
    from teikit.build.parallel import Source

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
            # line by line: a rendered diagnostic's hint is its own line
            click.echo("\n".join(printable(line) for line in message.split("\n")), err=True)

    def debug(self, message: str) -> None:
        if self.level >= 1:
            click.echo(message, err=True)


def verbosity() -> Verbosity:
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_object(Verbosity) if ctx else None
    return obj or Verbosity()


class TeikitGroup(click.Group):
    """A group whose subcommands' TeikitErrors become one message and an exit code.

    Subcommands may be registered lazily (:attr:`lazy_commands`: name -> module whose
    ``command`` attribute is the click command), imported only when run or listed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            import importlib

            module = importlib.import_module(self.lazy_commands[cmd_name])
            self.add_command(module.command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TeikitError as exc:
            click.echo(f"teikit: error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except (KeyboardInterrupt, Interrupted) as exc:
            # said, not silent: a SIGTERM left the terminal with nothing, Ctrl+C with "Aborted!"
            how = "Ctrl+C" if isinstance(exc, KeyboardInterrupt) else "SIGTERM"
            click.echo(f"teikit: stopped ({how}) before the command finished: its temporary outputs were "
                       "removed; an output is only ever replaced whole, so each holds the previous "
                       "run's files or this one's", err=True)
            sys.exit(128 + signal.SIGINT if isinstance(exc, KeyboardInterrupt) else exc.code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader of stdout went away (| head): nothing more to say
            sys.stderr.close()
            sys.exit(141)
        except OSError as exc:  # the system refused a read or write teikit did not foresee
            where = f"{printable(str(exc.filename))}: " if exc.filename else ""
            click.echo(f"teikit: error: {where}{exc.strerror or exc} (hint: check the path, its permissions "
                       "and free disk space; previous outputs were kept)", err=True)
            sys.exit(EXIT_USAGE)
        except Exception as exc:  # a bug: one line, not a traceback (-v shows it)
            if verbosity().level >= 1:
                raise
            click.echo(f"teikit: internal error: {type(exc).__name__}: {printable(str(exc))} (hint: this is "
                       "a bug in teikit; run again with -v for details and report it)", err=True)
            sys.exit(EXIT_ENVIRONMENT)


def project_exports(given: Path | None) -> Path:
    """``given``, or the project's output folder, or ``exports`` in the working directory."""
    if given is not None:
        return given
    from teikit import project

    current = project.current()
    return current.exports if current else Path("exports")


def project_stylesheets() -> dict[str, Path]:
    """Per-format customization stylesheets of the working directory's project."""
    from teikit import project

    current = project.current()
    return dict(current.stylesheets) if current else {}


def project_trusts_stylesheets() -> bool:
    """``build.trust-stylesheets`` of the working directory's project (docs/security.md)."""
    from teikit import project

    current = project.current()
    return bool(current and current.trust_stylesheets)


# At most this many processes for --jobs: each holds a Saxon or Jing of its own (hundreds of
# MiB); `build --jobs 100000` forked until the machine gave out and then ignored SIGTERM.
MAX_JOBS = 256
JOBS = click.IntRange(min=1, max=MAX_JOBS)

STDIN_NAME = "<stdin>"
STDIN_LIMIT = 512 * 1024 * 1024  # the same order as teikit's other input caps


@contextmanager
def stdin_as_file(paths: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Callable[[str], str]]]:
    """Replace a ``-`` among ``paths`` by a temporary copy of standard input; yield the paths
    and a function that names that copy ``<stdin>`` in reports."""
    if "-" not in paths:
        yield paths, lambda name: name
        return
    import tempfile

    data = sys.stdin.buffer.read(STDIN_LIMIT + 1)
    if len(data) > STDIN_LIMIT:
        from teikit.errors import InputError

        raise InputError("standard input is larger than teikit reads (512 MB)", file=STDIN_NAME,
                         hint="give a file instead of -")
    with tempfile.TemporaryDirectory(prefix="teikit-stdin-") as tmp:
        copy = Path(tmp) / "stdin.xml"
        copy.write_bytes(data)
        spellings = {str(copy), str(copy.resolve())}
        yield (tuple(str(copy) if p == "-" else p for p in paths),
               lambda name: STDIN_NAME if name in spellings or name.startswith(tmp) else name)


def edition_source(given: Path | None, registers: tuple[Path, ...] = ()) -> Source:
    """The edition a command reads (:meth:`teikit.build.parallel.Source.given`)."""
    from teikit.build.parallel import Source

    if given is not None and given.is_dir():
        hidden_notice(given)
    return Source.given(given, registers)


def hidden_notice(folder: Path) -> None:
    """Name the files a collection folder's walk leaves out: hidden ones and XML of another
    vocabulary (teikit.collection.hidden_files, foreign_files)."""
    from teikit.collection import foreign_files, hidden_files

    _left_out(folder, hidden_files(folder), "hidden file(s) left out of the collection (names beginning "
              "with '.')", "rename a file without its leading '.' to make it a member")
    _left_out(folder, foreign_files(folder), "XML file(s) that are not TEI left out of the collection "
              "(another vocabulary)", "a TEI document must have a TEI root in the TEI namespace; move "
              "other files out of the folder to silence this")


def _left_out(folder: Path, files: list[Path], what: str, hint: str) -> None:
    """One notice naming the first five of ``files`` a collection's walk left out."""
    if files:
        more = f" and {len(files) - 5} more" if len(files) > 5 else ""
        shown = ", ".join(str(p) for p in files[:5]) + more
        verbosity().info(f"{folder}: notice: {len(files)} {what}: {shown}\n    hint: {hint}")
