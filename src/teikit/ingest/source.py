"""Read the plain-text source as blocks and find its regions.

The e-book extraction writes one paragraph (or one piece of a paragraph broken by a
page or a line) per line, separated by blank lines; page markers are lines such as
``Page 45`` or ``Page xii``. This module turns the lines into :class:`Block` values and
finds the regions the structure pass encodes (metadata, front, body, congresses, notes,
bibliography, index). Anything it cannot recognise raises
:class:`teikit.errors.SourceFormatError` naming the lines it looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from teikit.errors import SourceFormatError
from teikit.ingest.context import SourceText

PAGE_RE = re.compile(r"Page ([0-9]+|[ivxlc]+)")

# Region name -> the heading line that opens it (the region starts at the page marker
# just before the heading, so the page's pb belongs to the region).
BACK_HEADINGS = (
    ("congresses", re.compile(r"Party Congresses")),
    ("notes", re.compile(r"Notes")),
    ("bibliography", re.compile(r"(Select )?Bibliography")),
    ("index", re.compile(r"Index")),
)


@dataclass(frozen=True)
class Block:
    """One non-blank line: a page marker (``page`` set) or a piece of text."""

    index: int  # 0-based line index in the source
    text: str
    page: str | None = None


def blocks(source: SourceText, start: int, end: int) -> list[Block]:
    """The non-blank lines in [start, end) as blocks (page markers recognised)."""
    out = []
    for i in range(start, end):
        line = source.lines[i].strip()
        if not line:
            continue
        m = PAGE_RE.fullmatch(line)
        out.append(Block(i, line, m.group(1) if m else None))
    return out


def _find(source: SourceText, pattern: re.Pattern[str], start: int, what: str) -> int:
    for i in range(start, len(source.lines)):
        if pattern.fullmatch(source.lines[i].strip()):
            return i
    raise SourceFormatError(
        f"no {what} heading found after line {start + 1}",
        file=source.path,
        line=start + 1,
        hint=f"the source must have a line reading just '{pattern.pattern}'",
    )


def _page_before(source: SourceText, index: int) -> int:
    """The index of the page marker right before line ``index`` (blank lines between), else ``index``."""
    i = index - 1
    while i >= 0 and not source.lines[i].strip():
        i -= 1
    if i >= 0 and PAGE_RE.fullmatch(source.lines[i].strip()):
        return i
    return index


def _check_shape(source: SourceText) -> None:
    if not any(line.strip() for line in source.lines):
        raise SourceFormatError("the source is empty", file=source.path, line=1,
                                hint="give the plain-text e-book extraction of the book")
    if not any(PAGE_RE.fullmatch(line.strip()) for line in source.lines):
        raise SourceFormatError(
            "no page markers found ('Page 1', 'Page xii' on lines of their own)",
            file=source.path, line=1,
            hint="ingest expects an e-book extraction that records printed pages",
        )


def find_regions(source: SourceText) -> dict[str, tuple[int, int]]:
    """Return the 0-based [start, end) line ranges of the source's regions."""
    _check_shape(source)
    first_page = next(i for i, line in enumerate(source.lines) if PAGE_RE.fullmatch(line.strip()))
    contents = _find(source, re.compile(r"Contents"), first_page, "Contents")
    body_page = _find(source, re.compile(r"Page 1"), contents, "'Page 1' (start of the body)")
    starts = [("metadata", 0), ("front", first_page), ("body", body_page)]
    at = body_page
    for name, pattern in BACK_HEADINGS:
        heading = _find(source, pattern, at + 1, name)
        starts.append((name, _page_before(source, heading)))
        at = heading
    regions = {}
    for k, (name, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(source.lines)
        regions[name] = (start, end)
    return regions
