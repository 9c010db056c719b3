"""Cite (and describe for a deposit) other projects' TEI files, and count what came through.

    .venv/bin/python benchmarks/cite_headers.py FILE_OR_GLOB... [--schema ../shared/reference/csl-data.json]

For each file: its citation items (``teikit.cite.export.all_items``), the CSL-JSON checked
against the official schema (when ``--schema`` exists), the BibLaTeX parsed back by
bibtexparser and the RIS by rispy (one entry per item), and, when the header has what a
deposit needs, its MODS validated against MODS 3.8. Prints one line per file that was
refused or failed a check, then the counts, and how many edition items carry each field:
what a librarian or a citing reader gets from headers written by other projects.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
from pathlib import Path

FIELDS = ("author", "editor", "translator", "issued", "publisher", "publisher-place", "URL", "DOI",
          "number", "collection-title", "original-date", "language")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--schema", type=Path, default=Path("../shared/reference/csl-data.json"))
    args = parser.parse_args()
    # a header dated by an interval is still described
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

    import bibtexparser
    import jsonschema
    import rispy
    from lxml import etree

    from teikit import xmlio
    from teikit.cite.biblatex import to_bib
    from teikit.cite.csl import to_csl_json
    from teikit.cite.export import all_items
    from teikit.cite.records import citation_records
    from teikit.cite.ris import to_ris
    from teikit.deposit.metadata import deposit_metadata
    from teikit.deposit.mods import mods_element
    from teikit.deposit.verify import deposit_schema
    from teikit.errors import InputError

    schema = json.loads(args.schema.read_text(encoding="utf-8")) if args.schema.is_file() else None
    files = sorted({f for pattern in args.inputs for f in (glob.glob(pattern, recursive=True) or [pattern])})
    counts: collections.Counter[str] = collections.Counter()
    fields: collections.Counter[str] = collections.Counter()
    sources: collections.Counter[str] = collections.Counter()
    for name in files:
        try:
            tree = xmlio.parse_file(name)
            items, _ = all_items(tree)
        except InputError as exc:
            counts["refused"] += 1
            print(f"refused  {exc}"[:200])
            continue
        counts["cited"] += 1
        records = citation_records(tree)
        fields.update(key for key in FIELDS if key in records["edition"])
        sources[records["print"]["type"] if "print" in records else "none"] += 1
        if schema is not None:
            try:
                jsonschema.validate(json.loads(to_csl_json(items)), schema)
            except jsonschema.ValidationError as exc:
                counts["csl-invalid"] += 1
                print(f"csl      {name}: {exc.message}"[:200])
        library = bibtexparser.parse_string(to_bib(items))
        if library.failed_blocks or len(library.entries) != len(items):
            counts["biblatex-unreadable"] += 1
            print(f"biblatex {name}: {len(library.entries)} of {len(items)} entries read back")
        if len(rispy.loads(to_ris(items))) != len(items):
            counts["ris-unreadable"] += 1
            print(f"ris      {name}")
        try:
            meta = deposit_metadata(tree)
        except InputError:
            counts["not depositable (no identifier or date)"] += 1
            continue
        errors = list(deposit_schema().iter_errors(etree.tostring(mods_element(meta))))
        counts["mods valid" if not errors else "mods INVALID"] += 1
        if errors:
            print(f"mods     {name}: {errors[0]}"[:200])
    print(f"files: {len(files)}; " + "; ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    print("CSL-JSON checked against the schema" if schema is not None
          else f"no schema at {args.schema}: not checked")
    print("source item: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    print("edition items with: " + ", ".join(f"{k} {fields[k]}" for k in FIELDS))


if __name__ == "__main__":
    main()
