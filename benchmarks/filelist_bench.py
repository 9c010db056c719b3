"""Linear in the number of files: `teikit check` and `teikit validate` on N small generated
TEI files (each pointing into the next), wall time and time per 1,000 files.

    .venv/bin/python benchmarks/filelist_bench.py [--sizes 1000 5000 20000] [--skip-validate]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D{i}</title>'
       '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
       '</teiHeader><text><body><p xml:id="p{i}">Text <ref target="doc{j:05d}.xml#p{j}">next</ref>.</p>'
       '</body></text></TEI>')


def make(folder: Path, n: int) -> None:
    for i in range(n):
        (folder / f"doc{i:05d}.xml").write_text(TEI.format(i=i, j=(i + 1) % n))


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--skip-validate", action="store_true")
    args = parser.parse_args()
    teikit = str(Path(sys.executable).parent / "teikit")
    print(f"{'files':>7} {'check s':>9} {'per 1k':>7} {'validate s':>11} {'per 1k':>7}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make(Path(tmp), n)
            c = timed([teikit, "check", tmp])
            validate = [teikit, "validate", "--no-cache", "--schema", "tei_all", tmp]
            v = 0.0 if args.skip_validate else timed(validate)
            print(f"{n:7d} {c:9.2f} {c / n * 1000:7.2f} {v:11.2f} {v / n * 1000:7.2f}")


if __name__ == "__main__":
    main()
