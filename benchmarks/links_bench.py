"""What the build's link check costs (teikit.build.links): reading a built site and EPUB back
with the links gathered, and without (the text check's reading alone), and following them.

    .venv/bin/python benchmarks/links_bench.py EXPORTS [--repeat N]

EXPORTS is a folder a build wrote (`teikit build --edition tei/bazhanov.xml --out /tmp/x`):
its `html/` and its EPUB(s) are read as the build's text check reads them
(teikit.build.preservation.site_counts / epub_counts), best of N runs each way, alternated; the
"without" runs replace Links.read by a function doing nothing, so the difference is what
gathering the ids and links adds to the reading (on a loaded machine the two vary by more
than that: "gather" times Links.read alone on the pages parsed beforehand, best of N). Then
the time to follow every link (Links.dead), the links and ids gathered, and the dead links.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from _timing import best

from teikit.build import links, preservation


def pages_of(label: str, site: Path, books: list[Path]) -> list[tuple[object, str]]:
    """The parsed pages of one output (as the reading parses them), with their names."""
    if label == "HTML site":
        return [(preservation._page_root(site / name), name) for name in preservation.html_names(site)]
    book = next(b for b in books if label == f"EPUB {b.name}")
    with zipfile.ZipFile(book) as zf:
        return [(preservation._page_root(zf.read(n)), n) for n in sorted(zf.namelist())
                if n.endswith((".xhtml", ".html"))]


def gather(roots: list[tuple[object, str]]) -> links.Links:
    """Links.read of every parsed page: what the reading adds, measured alone."""
    found = links.Links()
    for root, name in roots:
        found.read(root, name)  # type: ignore[arg-type]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exports", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    site = args.exports / "html"
    books = sorted(args.exports.glob("*.epub")) + sorted((args.exports / "epub").rglob("*.epub"))
    real = links.Links.read

    def nothing(self: links.Links, root: object, name: str) -> None:
        return None

    rows = []
    if site.is_dir():
        rows.append(("HTML site", lambda: preservation.site_counts(site),
                     lambda counted: counted.links.dead(preservation._files(site), lambda _: True)))
    for book in books:
        rows.append((f"EPUB {book.name}", lambda book=book: preservation.epub_counts(book),
                     lambda counted, book=book: counted.links.dead(preservation._epub_files(book))))
    print(f"{'output':<28} {'read, no links':>15} {'read + links':>13} {'added':>8} {'gather':>8} "
          f"{'follow':>8} {'pages':>6} {'targets':>8} {'ids':>8} {'dead':>5}")
    for label, read, follow in rows:
        # alternated, run by run: a load on the machine then weighs on both ways alike
        without, with_links = float("inf"), float("inf")
        for _ in range(args.repeat):
            links.Links.read = nothing  # type: ignore[method-assign]
            without = min(without, best(read, 1))
            links.Links.read = real  # type: ignore[method-assign]
            with_links = min(with_links, best(read, 1))
        counted = read()
        roots = pages_of(label, site, books)
        gathering = best(lambda roots=roots: gather(roots), args.repeat)
        following = best(lambda counted=counted, follow=follow: follow(counted), args.repeat)
        dead = follow(counted)
        ids = sum(v.count("\0") + 1 for v in counted.links.ids.values() if v)
        print(f"{label:<28} {without:>14.3f}s {with_links:>12.3f}s {with_links - without:>+7.3f}s "
              f"{gathering:>7.3f}s {following:>7.4f}s {len(counted.links.ids):>6} "
              f"{len(counted.links.targets):>8} {ids:>8} {len(dead):>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
