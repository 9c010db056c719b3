"""The CSV tables' column dictionary, and the CSV on the Web metadata made from it.

One declaration per table (columns, datatypes, keys) serves three readers: the writer
(which columns, in which order, which are free text to neutralise), the CSVW file
``csv-metadata.json`` (W3C "Metadata Vocabulary for Tabular Data") and ``docs/csv.md``,
which a test compares with these declarations so the documentation cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Multi-valued cells join their values with this; CSVW's "separator" says so to machines.
SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    datatype: str  # an XSD datatype name as CSVW uses it: string, integer, anyURI
    description: str
    multi: bool = False  # several values joined by SEPARATOR
    required: bool = False
    # Free text copied from the edition; neutralised against formula injection. Columns
    # teikit fills itself (ids, numbers, page numbers) are not.
    text: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # file stem: persons -> persons.csv
    description: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, referenced table); refers to its id
    rows: list[list[str]] = field(default_factory=list, compare=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def csvw_metadata(tables: list[Table], title: str) -> dict:
    """The CSVW table-group description of ``tables``."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "dc:title": f"Indexes of {title}" if title else "Indexes of a TEI edition",
        "dc:description": "CSV indexes exported by teikit from a TEI edition; see docs/csv.md.",
        "dialect": {"encoding": "utf-8", "lineTerminators": ["\r\n"], "header": True, "doubleQuote": True},
        "tables": [_table(t) for t in tables],
    }


def _table(table: Table) -> dict:
    schema: dict = {"columns": [_column(c) for c in table.columns]}
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"columnReference": col, "reference": {"resource": f"{ref}.csv", "columnReference": "id"}}
            for col, ref in table.foreign_keys
        ]
    return {"url": table.filename, "dc:description": table.description, "tableSchema": schema}


def _column(col: Column) -> dict:
    out: dict = {"name": col.name, "titles": col.name, "datatype": col.datatype,
                 "dc:description": col.description}
    if col.multi:
        out["separator"] = SEPARATOR
    if col.required:
        out["required"] = True
    return out
