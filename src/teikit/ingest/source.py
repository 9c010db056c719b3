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

import re
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
    indent: int = 0  # spaces before the text (hard-wrapped sources set verse off so)


def blocks(source: SourceText, start: int, end: int, book: Book | None = None) -> list[Block]:
    """The non-blank lines in [start, end) as blocks (page markers recognised)."""
    book = book or Book()
    out = []
    for i in range(start, end):
        line = source.lines[i].strip()
        if not line:
            continue
        raw = source.lines[i]
        out.append(Block(i, line, book.page(line), len(raw) - len(raw.lstrip(" "))))
    return out


def _find(source: SourceText, headings: tuple[str, ...], start: int, what: str,
          end: int | None = None) -> int:
    """The first line from ``start`` (before ``end``: the book's end) reading one of ``headings``."""
    for i in range(start, len(source.lines) if end is None else end):
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
    if book.paged and not any(book.page(line) is not None for line in source.lines):
        raise SourceFormatError(
            f"no page markers found (lines matching {book.page_marker.pattern!r})",
            file=source.path, line=1,
            hint="ingest expects an e-book extraction that records printed pages "
                 "(the marker's pattern is [pages] marker in book.toml; marker = \"\" for a "
                 "source with none)",
        )


def region_name(kind: str, xml_id: str) -> str:
    """The key of a back-matter region in ``ctx.regions``: its kind, a table's ID, or "text:"
    and a text's ID (a text region called "index" is not the index the index pass reads)."""
    if kind in ("text", "entries"):
        return f"{kind}:{xml_id}"
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
    begin, finish = book_bounds(source, book)
    if book.paged:
        first_page = next((i for i in range(begin, finish) if book.page(source.lines[i]) is not None), None)
        if first_page is None:
            raise SourceFormatError("no page marker inside the book ([source] start and end)",
                                    file=source.path, line=begin + 1,
                                    hint="move [source] start or end in book.toml")
        contents = _find(source, (book.contents_heading,), first_page, "contents")
        body_page = next((i for i in range(contents, len(source.lines))
                          if book.page(source.lines[i]) == book.body_starts), None)
        if body_page is None:
            raise SourceFormatError(
                f"no marker of page {book.body_starts!r} (the start of the body) after the contents",
                file=source.path, line=contents + 1,
                hint="the body begins at the page named by [contents] body_starts in book.toml")
    elif not book.contents_heading:
        # No pages, no contents list: the book is one run of text, its divisions found in it
        # (the structure pass tells the title pages from the body)
        first_page = body_page = begin
    else:
        # No printed pages: the front begins with the book, the body where the contents end.
        first_page = begin
        contents = _find(source, (book.contents_heading,), first_page, "contents")
        body_page = contents_end(source, book, contents)
    starts = [("metadata", 0), ("front", first_page), ("body", body_page)]
    at = body_page
    for spec in book.back:
        what = spec.id if spec.kind in ("table", "text", "entries") else spec.kind
        heading = _find(source, spec.headings, at + 1, what, finish)  # not in the licence after it
        starts.append((region_name(spec.kind, spec.id), _page_before(source, heading, book)))
        at = heading
    regions = {}
    for k, (name, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else finish
        regions[name] = (start, end)
    if finish < len(source.lines):
        regions["outside"] = (finish, len(source.lines))
    return regions


def book_bounds(source: SourceText, book: Book) -> tuple[int, int]:
    """The 0-based [begin, end) of the book inside the file: after the line matching
    ``[source] start`` and before the first line from there matching ``[source] end``."""
    begin, end = 0, len(source.lines)
    if book.start is not None:
        begin = 1 + _match(source, book.start, 0, "start")
    if book.end is not None:
        end = _match(source, book.end, begin, "end")
    return begin, end


def _match(source: SourceText, pattern: re.Pattern[str], start: int, key: str) -> int:
    for i in range(start, len(source.lines)):
        if pattern.fullmatch(source.lines[i].strip()):
            return i
    raise SourceFormatError(
        f"no line after line {start + 1} matches [source] {key} ({pattern.pattern!r})",
        file=source.path, line=start + 1,
        hint=f"fix [source] {key} in book.toml, or remove it if the file holds the book alone")


def contents_end(source: SourceText, book: Book, contents: int) -> int:
    """Where the contents list of a source with no page markers ends: before the first line
    after it that reads one of ``[contents] ends_before``; with none given, before the first
    line that repeats the list's first entry (the text opening with the division it lists
    first: "Book the First--Recalled to Life")."""
    if not book.contents_ends_before:
        first = next((i for i in range(contents + 1, len(source.lines)) if source.lines[i].strip()), None)
        if first is not None:
            entry = source.lines[first].strip()
            again = next((i for i in range(first + 1, len(source.lines)) if source.lines[i].strip() == entry),
                         None)
            if again is not None:
                return again
        raise SourceFormatError(
            "the source has no page markers, so the end of the contents list must be named "
            "(no line after the list repeats its first entry)",
            file=source.path, line=contents + 1,
            hint="set [contents] ends_before in book.toml to the heading that follows the contents list")
    return _find(source, book.contents_ends_before, contents + 1, "end-of-contents")
