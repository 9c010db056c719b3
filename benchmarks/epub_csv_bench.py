"""Time the EPUB and CSV builds of the edition, and the TEI Consortium's EPUB 3 conversion.

    .venv/bin/python benchmarks/epub_csv_bench.py [EDITION] [--teic DIR] [--repeat N]

Prints, for one process: loading the edition, compiling xslt/epub/epub.xsl, then the best
of N builds of the EPUB and of the CSV indexes (after compilation), in the same process
as one HTML build before them, as `teikit build` runs them. With ``--teic DIR`` (a
checkout of TEIC/Stylesheets fetched into /tmp; nothing of it enters this project) it
also times
``profiles/default/epub3/to.xsl`` on the same tree in the same Saxon processor, without
zipping. That conversion writes its own ``titlepage.html`` and ``index.html``, so on a
book whose divisions have those ids (this one) it stops with "Cannot write more than one
result document to the same URI"; the benchmark runs it on a copy with those two ids
renamed, and says so.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _timing import best

from teikit import paths, saxon, xmlio
from teikit.build import BuildSettings
from teikit.build import csv as csv_builder
from teikit.build import epub as epub_builder
from teikit.build import html as html_builder
from teikit.edition import Edition
from teikit.errors import TeikitError


def teic_epub3(teic: Path, edition: Edition, repeat: int) -> None:
    stylesheet = teic / "profiles" / "default" / "epub3" / "to.xsl"
    if not stylesheet.exists():
        print(f"TEIC Stylesheets: {stylesheet} not found; skipped")
        return
    data = xmlio.serialize(edition.tree)
    for old, new in ((b"index", b"printed-index"), (b"titlepage", b"title-page")):
        data = data.replace(b'xml:id="' + old + b'"', b'xml:id="' + new + b'"')
        data = data.replace(b'"#' + old + b'"', b'"#' + new + b'"')
    tree = xmlio.parse_bytes(data, "renamed-copy.xml")
    start = time.perf_counter()
    saxon.compile_stylesheet(stylesheet)
    print(f"TEIC epub3/to.xsl compile:        {time.perf_counter() - start:7.3f} s")
    css = str(paths.XSLT_DIR / "epub" / "epub.css")  # its defaults are URLs on tei-c.org: no network here

    def run() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            params = {"directory": tmp, "outputDir": f"{tmp}/OPS", "cssFile": css, "cssPrintFile": css,
                      "cssODDFile": css}
            saxon.transform(stylesheet, tree, params=params, output_dir=tmp)

    try:
        seconds = best(run, repeat)
        print(f"TEIC epub3/to.xsl transform:      {seconds:7.3f} s  (ids renamed; not zipped)")
    except TeikitError as exc:
        print(f"TEIC epub3/to.xsl failed: {exc}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", nargs="?", type=Path, default=paths.EDITION)
    parser.add_argument("--teic", type=Path, help="a TEIC/Stylesheets checkout to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    edition = Edition.load(args.edition)
    print(f"edition: {args.edition} ({args.edition.stat().st_size / 1e6:.2f} MB)")
    print(f"load (parse once):                {time.perf_counter() - start:7.3f} s")
    start = time.perf_counter()
    saxon.compile_stylesheet(epub_builder.STYLESHEET)
    print(f"compile xslt/epub/epub.xsl:       {time.perf_counter() - start:7.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        settings = BuildSettings(exports_dir=out)
        start = time.perf_counter()
        html_builder.build(edition, out, settings)
        html_s = time.perf_counter() - start
        print(f"HTML build (once, same process):  {html_s:7.3f} s  (incl. its compilation)")
        epub_s = best(lambda: epub_builder.build(edition, out, settings), args.repeat)
        size = (out / f"{edition.stem}.epub").stat().st_size
        print(f"EPUB build (best of {args.repeat}):        {epub_s:7.3f} s  ({size / 1e3:.0f} kB)")
        csv_s = best(lambda: csv_builder.build(edition, out, settings), args.repeat)
        rows = sum(p.read_bytes().count(b"\r\n") - 1 for p in (out / "csv").glob("*.csv"))
        print(f"CSV build (best of {args.repeat}):         {csv_s:7.3f} s  ({rows} rows in 8 tables)")
    if args.teic:
        teic_epub3(args.teic, edition, args.repeat)


if __name__ == "__main__":
    main()
