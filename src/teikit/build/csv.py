"""The csv builder: the edition's indexes as RFC 4180 CSV files plus CSVW metadata.

``build(edition, out_dir, settings)`` writes into ``out_dir/csv`` (``out_dir`` is the
exports folder, as for every builder): ``persons.csv``, ``places.csv``,
``organizations.csv``, ``mentions.csv``, ``dates.csv``, ``notes.csv``,
``bibliography.csv``, ``index.csv`` and ``csv-metadata.json``. The rows are computed in
Python from the already-parsed tree (docs/csv.md says why not XSLT); the folder is
replaced atomically, so a failed build leaves the previous one intact.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from teikit import xmlio
from teikit.build import BuildResult, BuildSettings
from teikit.build.csv_schema import Table, csvw_metadata
from teikit.build.csv_tables import all_tables
from teikit.build.csv_text import T, text_of
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition

CSV_DIR = "csv"
METADATA_FILE = "csv-metadata.json"
# A spreadsheet treats a cell beginning with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# A value of a column teikit fills (an id, a count, a page number, a date) that a spreadsheet
# may compute but that cannot call a function or reach another program: digits with signs and
# date punctuation ("-0044-03-15", "+1"). Ids are NCNames, which never begin with a trigger.
_PLAIN = re.compile(r"[-+0-9.:/TZ ]*")


def neutralise(cell: str) -> str:
    """Prefix a formula-looking cell with an apostrophe, so spreadsheets show it as text."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def neutralise_value(cell: str) -> str:
    """A cell of a column teikit fills: left as it is unless it holds more than a number or a
    date after a trigger. Its values come from attributes (``pb/@n``, ``date/@when``, ``@ref``,
    ``@type``) that a hostile edition may set to ``=HYPERLINK(...)`` as freely as its text."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) and not _PLAIN.fullmatch(cell) else cell


def to_csv(table: Table) -> bytes:
    """The table as RFC 4180 CSV (CRLF, minimal quoting, header row), UTF-8 without BOM."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.header)
    free_text = [c.text for c in table.columns]
    for row in table.rows:
        writer.writerow([neutralise(v) if is_text else neutralise_value(v)
                         for v, is_text in zip(row, free_text, strict=True)])
    return buf.getvalue().encode("utf-8")


def tables_of(edition: Edition) -> list[Table]:
    """Every table of ``edition`` (refuses a document that is not TEI)."""
    xmlio.require_tei(edition.tree, edition.path)  # the one TEI P5 guard
    return all_tables(edition.root)


def build(edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult:
    """Write the CSV indexes of ``edition`` into ``out_dir/csv``, replacing that folder atomically."""
    tables = tables_of(edition)
    title = text_of(edition.root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title"))
    result = BuildResult("csv")
    out_dir = Path(out_dir) / CSV_DIR
    with xmlio.atomic_directory(out_dir) as tmp:
        for table in tables:
            (tmp / table.filename).write_bytes(to_csv(table))
            result.outputs.append(out_dir / table.filename)
        meta = json.dumps(csvw_metadata(tables, title), indent=2, ensure_ascii=False) + "\n"
        (tmp / METADATA_FILE).write_text(meta, encoding="utf-8")
        result.outputs.append(out_dir / METADATA_FILE)
    result.diagnostics.extend(_dangling(tables, str(edition.path)))
    return result


def _dangling(tables: list[Table], file: str) -> list[Diagnostic]:
    """Mentions whose @ref names nothing in the edition: reported, kept with an empty id."""
    mentions = next(t for t in tables if t.name == "mentions")
    out = []
    ref_col = mentions.header.index("ref")
    ids = [mentions.header.index(c) for c in ("person_id", "place_id", "org_id")]
    for row in mentions.rows:
        if row[ref_col].startswith("#") and not any(row[i] for i in ids):
            out.append(Diagnostic(file, None, None, Severity.INFO, "csv.unresolved-mention",
                                  f"mention {row[0]} ({row[ref_col]}) names no person, place or "
                                  "organisation of the edition; its id column is left empty"))
    return out
