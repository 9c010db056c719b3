"""Read the plain-text source as blocks and find its regions.

The e-book extraction writes one paragraph (or one piece of a paragraph broken by a page
or a line) per line, separated by blank lines; page markers are lines such as ``Page 45``
or ``Page xii`` (the pattern is the edition's, :mod:`teikit.ingest.book`). This module
turns the lines into :class:`Block` values and finds the regions the structure pass
encodes (metadata, front, body and the back-matter regions the edition's ``book.toml``
lists). Anything it cannot recognise raises :class:`teikit.errors.SourceFormatError`
naming the lines it looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

from teikit.errors import SourceFormatError
from teikit.ingest.book import Book
from teikit.ingest.context import SourceText


@dataclass(frozen=True)
class Block:
    """One non-blank line: a page marker (``page`` set) or a piece of text."""

    index: int  # 0-based line index in the source
    text: str
    page: str | None = None


def blocks(source: SourceText, start: int, end: int, book: Book | None = None) -> list[Block]:
    """The non-blank lines in [start, end) as blocks (page markers recognised)."""
    book = book or Book()
    out = []
    for i in range(start, end):
        line = source.lines[i].strip()
        if not line:
            continue
        out.append(Block(i, line, book.page(line)))
    return out


def _find(source: SourceText, headings: tuple[str, ...], start: int, what: str) -> int:
    for i in range(start, len(source.lines)):
        if source.lines[i].strip() in headings:
            return i
    raise SourceFormatError(
        f"no {what} heading found after line {start + 1}",
        file=source.path,
        line=start + 1,
        hint="the source must have a line reading just " + " or ".join(repr(h) for h in headings)
             + " (the headings come from book.toml in the editorial folder)",
    )


def _page_before(source: SourceText, index: int, book: Book) -> int:
    """The index of the page marker right before line ``index`` (blank lines between), else ``index``."""
    i = index - 1
    while i >= 0 and not source.lines[i].strip():
        i -= 1
    if i >= 0 and book.page(source.lines[i]) is not None:
        return i
    return index


def _check_shape(source: SourceText, book: Book) -> None:
    if not any(line.strip() for line in source.lines):
        raise SourceFormatError("the source is empty", file=source.path, line=1,
                                hint="give the plain-text e-book extraction of the book")
    if not any(book.page(line) is not None for line in source.lines):
        raise SourceFormatError(
            f"no page markers found (lines matching {book.page_marker.pattern!r})",
            file=source.path, line=1,
            hint="ingest expects an e-book extraction that records printed pages "
                 "(the marker's pattern is [pages] marker in book.toml)",
        )


def region_name(kind: str, xml_id: str) -> str:
    """The key of a back-matter region in ``ctx.regions``: its kind, or a table's ID."""
    return xml_id if kind == "table" else kind


def find_regions(source: SourceText, book: Book | None = None) -> dict[str, tuple[int, int]]:
    """Return the 0-based [start, end) line ranges of the source's regions.

    The front begins at the first page marker, the body at the marker of page
    ``book.body_starts`` after the contents heading, each back-matter region of ``book``
    at the page marker before its heading (so the page's pb belongs to the region), in the
    order ``book.toml`` lists them.
    """
    book = book or Book()
    _check_shape(source, book)
    first_page = next(i for i, line in enumerate(source.lines) if book.page(line) is not None)
    contents = _find(source, (book.contents_heading,), first_page, "contents")
    body_page = next((i for i in range(contents, len(source.lines))
                      if book.page(source.lines[i]) == book.body_starts), None)
    if body_page is None:
        raise SourceFormatError(
            f"no marker of page {book.body_starts!r} (the start of the body) after the contents",
            file=source.path, line=contents + 1,
            hint="the body begins at the page named by [contents] body_starts in book.toml")
    starts = [("metadata", 0), ("front", first_page), ("body", body_page)]
    at = body_page
    for spec in book.back:
        heading = _find(source, spec.headings, at + 1, spec.kind if spec.kind != "table" else spec.id)
        starts.append((region_name(spec.kind, spec.id), _page_before(source, heading, book)))
        at = heading
    regions = {}
    for k, (name, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(source.lines)
        regions[name] = (start, end)
    return regions
