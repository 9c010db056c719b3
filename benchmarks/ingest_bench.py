"""Time `teikit ingest` pass by pass and print what the edition contains.

Run: ``.venv/bin/python benchmarks/ingest_bench.py [--runs N]``. Prints, for the bundled
source and editorial data: seconds per pass (best of N runs), total, and the measured
targets of issue 3 — chapters, notes linked both ways, dangling pointers, duplicate IDs,
pages accounted for (and how many inferred), and whether two runs give identical bytes.
"""

from __future__ import annotations

import argparse
import time

from teikit import paths, xmlio
from teikit.ingest import pipeline
from teikit.ingest.context import IngestContext

T = f"{{{xmlio.TEI_NS}}}"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
         "xvi", "xvii", "xviii"]
LAST_PAGE = 285


def timed_run() -> tuple[IngestContext, list[tuple[str, float]]]:
    timings = []
    start = time.perf_counter()
    ctx = IngestContext(source=pipeline.read_source(paths.SOURCE_TEXT), editorial_dir=paths.EDITORIAL_DIR)
    timings.append(("read", time.perf_counter() - start))
    for step in pipeline.PASSES:
        t = time.perf_counter()
        step.run(ctx)
        timings.append((step.__name__.rsplit(".", 1)[-1], time.perf_counter() - t))
    t = time.perf_counter()
    pipeline.serialize(ctx)
    timings.append(("serialize", time.perf_counter() - t))
    return ctx, timings


def figures(ctx: IngestContext) -> dict[str, object]:
    root = ctx.root
    ids = {el.get(xmlio.XML_ID): el for el in root.iter() if el.get(xmlio.XML_ID)}
    all_ids = [el.get(xmlio.XML_ID) for el in root.iter() if el.get(xmlio.XML_ID)]
    notes = [n for n in root.iter(T + "note") if n.get("type") == "endnote"]
    both = 0
    for note in notes:
        ref = ids.get((note.get("target") or "#")[1:])
        if ref is not None and ref.get("target") == f"#{note.get(xmlio.XML_ID)}":
            both += 1
    dangling = 0
    for el in root.iter():
        for attr in ("target", "ref", "corresp"):
            for token in (el.get(attr) or "").split():
                if token.startswith("#") and token[1:] not in ids:
                    dangling += 1
    pages = [pb.get("n") for pb in root.iter(T + "pb")]
    expected = ROMAN + [str(n) for n in range(1, LAST_PAGE + 1)]
    return {
        "chapters": sum(1 for d in root.iter(T + "div") if d.get("type") == "chapter"),
        "notes linked both ways": f"{both}/{len(notes)}",
        "dangling pointers": dangling,
        "duplicate IDs": len(all_ids) - len(set(all_ids)),
        "pages accounted for": f"{len(set(pages) & set(expected))}/{len(expected)}"
                               f" ({sum(1 for pb in root.iter(T + 'pb') if pb.get('type') == 'inferred')}"
                               f" inferred, {len(pages) - len(set(pages))} duplicated)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, float] = {}
    outputs = set()
    ctx = None
    for _ in range(args.runs):
        ctx, timings = timed_run()
        outputs.add(pipeline.serialize(ctx))
        # `pages` runs twice: its two runs are added up.
        run_totals: dict[str, float] = {}
        for name, seconds in timings:
            run_totals[name] = run_totals.get(name, 0.0) + seconds
        for name, seconds in run_totals.items():
            best[name] = min(best.get(name, float("inf")), seconds)
    print(f"ingest of {paths.SOURCE_TEXT.name}, best of {args.runs} run(s):")
    for name, seconds in best.items():
        print(f"  {name:<14} {seconds * 1000:8.1f} ms")
    print(f"  {'total':<14} {sum(best.values()) * 1000:8.1f} ms")
    print(f"deterministic (identical bytes on every run): {len(outputs) == 1}")
    assert ctx is not None
    for key, value in figures(ctx).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
