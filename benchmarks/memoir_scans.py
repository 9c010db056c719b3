"""Whole-text scans of an ingested edition: one count per kind of systematic error (issue #18).

Usage:
    .venv/bin/python benchmarks/memoir_scans.py [tei/bazhanov.xml] [--cases] [--ingest]

Prints, for each kind of :mod:`teikit.ingest.quality` (short spans, wrong-section note
links, split paragraphs, hyphens at joins, lost coordinated dates, OCR day ranges, names
tagged inside works, untagged forename + patronymic), how many cases the edition still has,
and the time the scans took. ``--cases`` lists each case with where it is. A kind at 0 is
gone; a rise is a regression. ``--ingest`` regenerates the edition from the project's source
and editorial data first and also counts what only the ingest can see: words hyphenated at a
line end that the source cannot decide and the data does not settle
(``ingest.hyphen-undecided``), and mentions left unlinked between namesakes
(``persons.ambiguous``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from teikit import paths, xmlio
from teikit.ingest import pipeline, quality


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?", default="tei/bazhanov.xml")
    ap.add_argument("--cases", action="store_true", help="list every case")
    ap.add_argument("--ingest", action="store_true", help="regenerate from the source first")
    args = ap.parse_args(argv)
    path = Path(args.edition)
    if args.ingest:
        ctx = pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR)
        root = ctx.root
        for code in ("ingest.hyphen-undecided", "persons.ambiguous"):
            found_diags = [d for d in ctx.diagnostics if d.code == code]
            print(f"{code:24} {len(found_diags):4}")
            for d in found_diags if args.cases else ():
                print(f"    line {d.line}: {d.message}")
    elif not path.exists():
        print(f"{path}: no such file (run `teikit ingest` first)", file=sys.stderr)
        return 2
    else:
        root = xmlio.parse_file(path).getroot()
    started = time.perf_counter()
    found = quality.scan(root)
    elapsed = time.perf_counter() - started
    for kind, cases in found.items():
        print(f"{kind:24} {len(cases):4}")
        if args.cases:
            for case in cases:
                print(f"    {case.where}: {case.text}")
    print(f"{'total':24} {sum(len(c) for c in found.values()):4}   ({elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
