"""What each process of a sharded EPUB build costs (teikit.build.epub_shards): CPU and peak.

Generated TEI of each size (scale_bench.py's, or a file given with --edition) is read, written
for Saxon once, and its EPUB made in shards as `teikit build epub` makes a large edition's,
with --jobs processes at a time; then it prints, per task (render and write of each shard,
the package), the seconds of CPU of its stylesheet run (its parse, compile and transform)
and its process's peak resident memory, and the main process's own peak. With --compare the
same EPUB is also made in one process (the stylesheet run once on the whole book, in this
process) and the bytes are compared.

    .venv/bin/python benchmarks/epub_shards_bench.py --sizes 10 50
    .venv/bin/python benchmarks/epub_shards_bench.py --edition tei/bazhanov.xml --compare

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from scale_bench import edition_text

from teikit import saxon
from teikit.build import epub, epub_shards
from teikit.edition import Edition


def one(path: Path, jobs: int, compare: bool) -> None:
    edition = Edition.load(path)
    book = epub.book_of(edition, lean=True)
    costs: list[epub_shards.Task] = []
    with tempfile.TemporaryDirectory(prefix="epub-shards-bench-") as tmp:
        document = saxon.serialized(edition.tree, Path(tmp))
        start = time.perf_counter()
        sharded, _ = epub.sharded_bytes(book, document, jobs, costs=costs)
        wall = time.perf_counter() - start
    print(f"{path.name} ({path.stat().st_size / 1e6:.2f} MB), --jobs {jobs}: wall {wall:.2f} s, "
          f"CPU of the tasks {sum(c.cpu for c in costs):.2f} s", flush=True)
    for cost in costs:
        shard = "" if cost.shard is None else f" {cost.shard}"
        print(f"  {cost.phase + shard:10}  CPU {cost.cpu:6.2f} s  peak {cost.peak:5d} MiB")
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"  this process (the edition's lxml tree): peak {main} MiB")
    if compare:
        whole, _ = epub.epub_bytes(edition)
        same = "the same bytes" if whole == sharded else "DIFFERENT BYTES"
        print(f"  one process: {same} ({len(whole)} bytes)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10.0], help="MB of generated TEI")
    parser.add_argument("--edition", type=Path, help="a TEI file instead of generated ones")
    parser.add_argument("--jobs", type=int, default=2, help="processes at a time")
    parser.add_argument("--compare", action="store_true", help="also make it in one process; compare")
    args = parser.parse_args()
    if args.edition:
        one(args.edition, args.jobs, args.compare)
        return 0
    with tempfile.TemporaryDirectory(prefix="epub-shards-bench-") as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"generated-{size:g}mb.xml"
            path.write_text(edition_text(size), "utf-8")
            one(path, args.jobs, args.compare)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
