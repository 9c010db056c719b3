"""Time the citation records, the citation files, a deposit bag and its verification.

    .venv/bin/python benchmarks/cite_deposit_bench.py [EDITION] [--repeat N]

Prints, for one process: loading the edition, the best of N runs of ``citation_records``
+ ``bibliography_records``, of writing all citation files, of a deposit (TEI, schemas,
citations, METS/MODS/DC, sha512+sha256 manifests, zip) with the built parts found in
``exports/`` (or ``--exports DIR``) when they are there, and of ``--verify`` on it (every checksum).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _timing import best

from teikit import paths
from teikit.cite.export import all_items, write_citations
from teikit.deposit.package import BUILT_PARTS, DepositSettings, build_deposit, locate_part
from teikit.deposit.verify import verify_bag
from teikit.edition import Edition


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", nargs="?", type=Path, default=paths.EDITION)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--exports", type=Path, default=paths.EXPORTS_DIR, help="where built parts are")
    args = parser.parse_args()

    start = time.perf_counter()
    edition = Edition.load(args.edition)
    print(f"edition: {args.edition} ({args.edition.stat().st_size / 1e6:.2f} MB)")
    print(f"load (parse once):                {time.perf_counter() - start:7.3f} s")
    items, bibliography = all_items(edition.tree)
    t = best(lambda: all_items(edition.tree), args.repeat)
    print(f"citation + bibliography records:  {t:7.3f} s  ({len(items)} items, "
          f"{len(bibliography)} of them the bibliography)")
    with tempfile.TemporaryDirectory() as tmp:
        t = best(lambda: write_citations(edition.tree, Path(tmp) / "c", stem=edition.stem), args.repeat)
        print(f"write CSL-JSON, BibLaTeX, BibTeX, RIS: {t:7.3f} s")
        parts = tuple(p for p in BUILT_PARTS if locate_part(p, args.exports))
        settings = DepositSettings(exports_dir=args.exports, out_dir=Path(tmp) / "deposit",
                                   include=parts, zip=True)
        t = best(lambda: build_deposit(edition, settings), args.repeat)
        bag = Path(tmp) / "deposit" / edition.stem
        files = sum(1 for p in (bag / "data").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (bag / "data").rglob("*") if p.is_file())
        zipped = (Path(tmp) / "deposit" / f"{edition.stem}.zip").stat().st_size
        print(f"deposit (bag + zip, parts: {', '.join(parts) or 'none built'}): {t:7.3f} s"
              f"  ({files} files, {size / 1e6:.1f} MB; zip {zipped / 1e6:.1f} MB)")
        t = best(lambda: verify_bag(bag), args.repeat)
        print(f"verify (every checksum):          {t:7.3f} s")


if __name__ == "__main__":
    main()
