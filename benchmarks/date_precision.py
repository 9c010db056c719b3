"""Print a deterministic random sample of the edition's ``date`` elements in context.

Precision is judged by reading: run this, read every line, count the wrong ones.
The sample leaves out the bibliography's imprint dates (the bibliography pass writes
them from parsed fields, not by recognition in running text).

    .venv/bin/python benchmarks/date_precision.py [EDITION.xml] [--n 200] [--seed 3]

Without an edition path it runs the ingest in memory on the committed source.
"""

from __future__ import annotations

import argparse
import random
import sys

from teikit import paths, xmlio
from teikit.xmlio import TEI_NS

NS = {"t": TEI_NS}
WIDTH = 70


def load(path: str | None):
    if path:
        return xmlio.parse_file(path).getroot()
    from teikit.ingest import pipeline

    return pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR).root


def context(date) -> str:
    """The date in [[ ]] with up to WIDTH characters of its block's text on each side."""
    block = date.xpath("ancestor::*[self::t:p or self::t:cell or self::t:item or self::t:head][1]",
                       namespaces=NS)
    holder = block[0] if block else date.getparent()
    marker = "\ue000"
    saved = date.text
    date.text = marker + (saved or "") + marker
    text = " ".join("".join(holder.itertext()).split())
    date.text = saved
    a = text.index(marker)
    b = text.index(marker, a + 1)
    return f"…{text[max(0, a - WIDTH):a]}[[{text[a + 1:b]}]]{text[b + 1:b + 1 + WIDTH]}…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("edition", nargs="?")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    root = load(args.edition)
    dates = root.xpath("//t:text//t:date[not(ancestor::t:div[@type='bibliography'])]", namespaces=NS)
    sample = random.Random(args.seed).sample(dates, min(args.n, len(dates)))
    for k, date in enumerate(sample, 1):
        attrs = " ".join(f"{a}={date.get(a)}" for a in ("when", "from", "to") if date.get(a))
        print(f"{k:3d} {attrs:32s} {context(date)}")
    print(f"# {len(sample)} of {len(dates)} dates in text and notes (seed {args.seed})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
