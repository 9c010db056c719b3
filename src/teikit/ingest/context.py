"""The state the ingest passes hand to each other.

The ingest is a list of passes (see :mod:`teikit.ingest.pipeline`); each pass is a
module with ``run(ctx: IngestContext) -> None`` that reads what earlier passes left in
``ctx`` and adds to the tree. Content problems go to ``ctx.diagnostics``; a source that
cannot be recognised at all raises :class:`teikit.errors.SourceFormatError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.diagnostics import Diagnostic, Severity
from teikit.ingest import book as book_file


@dataclass
class SourceText:
    """The plain-text source: its path and its lines (without line ends)."""

    path: Path
    lines: list[str]

    def line_no(self, index: int) -> int:
        """1-based line number for a 0-based index into ``lines``."""
        return index + 1


@dataclass
class IngestContext:
    source: SourceText
    editorial_dir: Path
    # The TEI document being built (root element TEI). The structure pass creates it.
    tree: etree._ElementTree | None = None
    # Line ranges [start, end) (0-based indexes into source.lines) of the regions the
    # structure pass recognised: "metadata", "front", "body", then one per back-matter
    # region of book.toml, named by its kind ("notes", "bibliography", "index") or, for
    # tables, by its ID, for texts by "text:" and its ID; "outside": the lines after the
    # book's end ([source] end), when the file goes on.
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # How this book is laid out (``book.toml`` of the editorial folder), read on first use.
    layout: book_file.Book | None = None

    @property
    def book(self) -> book_file.Book:
        if self.layout is None:
            self.layout = book_file.load(self.editorial_dir)
        return self.layout

    @property
    def root(self) -> etree._Element:
        assert self.tree is not None, "the structure pass runs first"
        return self.tree.getroot()

    def report(self, severity: Severity, code: str, message: str, index: int | None = None,
               hint: str | None = None) -> None:
        """Record a diagnostic about the source at 0-based line ``index``."""
        line = None if index is None else self.source.line_no(index)
        self.diagnostics.append(Diagnostic(str(self.source.path), line, None, severity, code, message, hint))
