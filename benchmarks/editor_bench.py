"""What an editor waits for: `teikit lsp` per change and per request, `teikit serve` per save.

On the edition (default tei/bazhanov.xml), best of five runs each:
- lsp check: the checker on the text in the editor (what each change costs after the pause);
- lsp scan: finding every id and pointer with its position (each request after a change);
- lsp completion pool: the ids offered for "#pers-";
- serve rebuild: the HTML edition rebuilt into the preview's folder.

    .venv/bin/python benchmarks/editor_bench.py [EDITION]
"""

from __future__ import annotations

import sys
from pathlib import Path

from _timing import best

from teikit import paths
from teikit.lsp.diagnose import check_text
from teikit.lsp.scan import scan
from teikit.serve import Preview


def main() -> None:
    edition = Path(sys.argv[1]) if len(sys.argv) > 1 else paths.EDITION
    text = edition.read_text(encoding="utf-8")
    index = scan(text)
    print(f"{edition}: {len(text) / 1e6:.2f} MB, {text.count(chr(10))} lines, "
          f"{len(index.ids)} ids, {len(index.pointers)} pointer tokens")
    print(f"lsp check (per change)        {best(lambda: check_text(text, edition), 5) * 1000:7.1f} ms")
    print(f"lsp scan (per request)        {best(lambda: scan(text), 5) * 1000:7.1f} ms")
    pool = [i for i in index.ids if i.startswith("pers-")]
    print(f"lsp completion pool '#pers-'  {len(pool):7d} ids")
    preview = Preview(edition)
    try:
        first = best(preview.build, 1)
        again = best(preview.build, 5)
    finally:
        preview.close()
    print(f"serve first build             {first:7.2f} s")
    print(f"serve rebuild (per save)      {again:7.2f} s")


if __name__ == "__main__":
    main()
