"""The reviewable corrections file: every repair the ingest makes to the source text.

``tei/editorial/corrections.tsv`` is tab-separated with a header row
``line  found  replacement  reason``: on source line ``line`` (1-based), the text
``found`` is encoded as ``<choice><sic>found</sic><corr>replacement</corr></choice>``.
Lines starting with ``#`` are comments. The reason ``conjectured-marker`` is special:
``replacement`` is a note number, and an editorially conjectured marker for that note is
placed right after ``found``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from teikit.errors import InputError

FILENAME = "corrections.tsv"
HEADER = ["line", "found", "replacement", "reason"]
CONJECTURED = "conjectured-marker"


@dataclass(frozen=True)
class Correction:
    line: int  # 1-based source line
    found: str
    replacement: str
    reason: str
    row: int  # 1-based row in the TSV, for messages


def load(editorial_dir: Path) -> dict[int, list[Correction]]:
    """Corrections grouped by 1-based source line; an absent file means none."""
    path = editorial_dir / FILENAME
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)]
    out: dict[int, list[Correction]] = {}
    seen_header = False
    for number, row in enumerate(rows, start=1):
        if not row or row[0].startswith("#"):
            continue
        if not seen_header:
            if row != HEADER:
                raise InputError("the first row must be the header: line, found, replacement, reason (tabs)",
                                 file=path, line=number)
            seen_header = True
            continue
        out.setdefault(_line(row, path, number), []).append(_parse(row, path, number))
    return out


def _line(row: list[str], path: Path, number: int) -> int:
    try:
        return int(row[0])
    except ValueError:
        raise InputError(f"'line' must be a source line number, not {row[0]!r}",
                         file=path, line=number) from None


def _parse(row: list[str], path: Path, number: int) -> Correction:
    if len(row) != 4 or not row[1]:
        raise InputError("a row needs 4 tab-separated fields: line, found, replacement, reason",
                         file=path, line=number, hint="check for spaces where tabs belong")
    return Correction(int(row[0]), row[1], row[2], row[3], number)
