"""Exceptions for the program and its environment.

Content problems in a document are *collected* as :class:`teikit.diagnostics.Diagnostic`
values; exceptions are for input that cannot be used at all (unreadable, not XML, unsafe)
and for a broken environment. Every exception carries the exit code the CLI turns it into
and, where known, a location, so the message can name file, line and what to do.
"""

from __future__ import annotations

from pathlib import Path

# Exit codes, documented in `teikit --help` and docs/cli.md.
EXIT_OK = 0
EXIT_PROBLEMS = 1  # the input was read and problems were found in it
EXIT_USAGE = 2  # bad usage, or input that cannot be read or used at all
EXIT_ENVIRONMENT = 3  # a required tool (Java, Saxon, ...) is missing or failed


class TeikitError(Exception):
    """Base class: a message, an optional location, a hint and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        parts = [p for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class InputError(TeikitError):
    """Input that cannot be read or used: missing, empty, binary, not well-formed, unsafe."""

    exit_code = EXIT_USAGE


class UnsafeInputError(InputError):
    """Input that asks for something teikit refuses to do (external entities, entity bombs)."""


class SourceFormatError(InputError):
    """A plain-text source that does not look like the kind of book ingest expects."""


class MetadataError(InputError):
    """A TEI header lacks what a citation, deposit or package needs."""


class EnvironmentError_(TeikitError):  # noqa: N801 - avoid shadowing the builtin
    """A required external tool is missing or failed (Java, EPUBCheck, a browser)."""

    exit_code = EXIT_ENVIRONMENT


ToolError = EnvironmentError_


def ended_abruptly(what: str, hint: str) -> EnvironmentError_:
    """A worker or child process that died without a word (SIGKILL: above all the system's
    out-of-memory killer) said as what it is, with what to do, not as a bug in teikit."""
    return EnvironmentError_(f"{what} ended abruptly (killed, most often by the system when memory "
                             "ran out)", hint=hint)
