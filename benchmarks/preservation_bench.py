"""Nothing dropped: for each TEI file, the share of its words the HTML site and the EPUB lose.

    .venv/bin/python benchmarks/preservation_bench.py FILE_OR_DIR [...] [--out /tmp/pres]

Builds each file (html + epub, in-process, one Saxon per process) into a temporary folder
and prints words in, lost in HTML, lost in EPUB, and the most lost words with the element
they come from (teikit.build.preservation). Folders are searched for *.xml.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from teikit.build import BuildSettings
from teikit.build.preservation import compare, epub_words, site_words, tei_words
from teikit.build.run import build_formats
from teikit.edition import Edition
from teikit.errors import TeikitError


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out += sorted(p.rglob("*.xml")) if p.is_dir() else [p]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="at most N files")
    parser.add_argument("--show", type=int, default=4, help="lost words listed per file")
    args = parser.parse_args()
    todo = files(args.paths)[: args.limit or None]
    print(f"{'file':48} {'words':>8} {'HTML lost':>10} {'EPUB lost':>10}  worst")
    totals = [0, 0, 0]
    start = time.perf_counter()
    for path in todo:
        try:
            edition = Edition.load(path)
        except TeikitError as exc:
            print(f"{path.name[:48]:48} unusable: {exc.message[:60]}")
            continue
        source, where = tei_words(edition.tree)
        with tempfile.TemporaryDirectory() as tmp:
            run = build_formats(edition, ["html", "epub"], BuildSettings(exports_dir=Path(tmp)))
            if not run.committed:
                codes = sorted({d.code for d in run.diagnostics})
                print(f"{path.name[:48]:48} build failed: {codes}")
                continue
            html = compare(source, where, site_words(Path(tmp) / "html"), "HTML")
            epub = compare(source, where, epub_words(next(Path(tmp).glob("*.epub"))), "EPUB")
        worst = ", ".join(f"{w}×{n}@{where.get(w, '?').split(' ')[0]}"
                          for w, n in (html.lost + epub.lost).most_common(args.show))
        shares = f"{html.lost_share:10.2%} {epub.lost_share:10.2%}"
        print(f"{path.name[:48]:48} {html.words_in:8d} {shares}  {worst}")
        totals[0] += html.words_in
        totals[1] += html.lost_count
        totals[2] += epub.lost_count
    if totals[0]:
        print(f"{'ALL':48} {totals[0]:8d} {totals[1] / totals[0]:10.2%} {totals[2] / totals[0]:10.2%}"
              f"  ({len(todo)} files, {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
