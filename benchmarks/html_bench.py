"""Time the HTML reading edition: compile once, transform N times; compare with the TEI
Consortium Stylesheets' html5 conversion of the same file, in the same process and Saxon.

    .venv/bin/python benchmarks/html_bench.py [--edition tei/bazhanov.xml] [--runs 5]
        [--teic /work/corpora/teic-stylesheets] [--parts]

--parts also times each kind of page alone (through a stylesheet, written to a temporary
folder, that imports html.xsl and calls one of its page templates), over a run that only
hands the document to Saxon.

--sizes 1 10 50 instead builds generated TEI of those sizes (check_bench.py's generator)
in one process (compile, transform: its time and peak memory), then with `teikit build
html` (a process, as a user runs it: also the text-preservation report), and converts it
with the TEIC html5 profile on Java Saxon (Debian's libsaxonhe-java, --saxon-jar), each a
process of its own, and prints wall, CPU, peak memory, seconds per MB and the teikit/TEIC
ratio per size.

--teic is a checkout of https://github.com/TEIC/Stylesheets (outside the project; at
least its html/, common/, profiles/default/html5/ and i18n.xml). Without it, only
teikit's figures are printed. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from teikit import paths, saxon
from teikit.build import BuildSettings
from teikit.build import html as html_builder
from teikit.edition import Edition


def timed(fn, runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per run. CPU time counts Saxon's threads too (it runs in-process),
    so it stays meaningful when other work shares the machine's cores."""
    out = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - wall, time.process_time() - cpu))
    return out


def line(label: str, runs: list[tuple[float, float]]) -> str:
    wall = statistics.median(r[0] for r in runs) * 1000
    cpu = statistics.median(r[1] for r in runs) * 1000
    best = min(r[0] for r in runs) * 1000
    return (f"{label:<52} wall median {wall:7.0f} ms (min {best:7.0f})   "
            f"CPU median {cpu:7.0f} ms   (n={len(runs)})")


# Pages are written into a memory-backed folder when the machine has one, so the transform
# figure is Saxon's work rather than this disk's; the build figure writes to disk as usual.
RAM = Path("/dev/shm") if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None


def teikit_figures(edition: Edition, runs: int, transform_only: bool = False) -> float:
    compile_s = timed(lambda: saxon.compile_stylesheet(html_builder.STYLESHEET), 1)
    print(line("teikit: compile html.xsl (once per process)", compile_s))
    citations, _ = html_builder.citations_json(edition)
    params = {"single-page": False, "citations": citations}
    with tempfile.TemporaryDirectory() as tmp:
        saxon.transform(html_builder.STYLESHEET, edition.tree, params=params, output_dir=tmp)
        files = [p for p in Path(tmp).rglob("*") if p.is_file()]
        megabytes = sum(p.stat().st_size for p in files) / 1e6
    print(f"teikit: {len(files)} files, {megabytes:.1f} MB of HTML/JS")

    def run() -> None:
        with tempfile.TemporaryDirectory(dir=RAM) as tmp:
            saxon.transform(html_builder.STYLESHEET, edition.tree, params=params, output_dir=tmp)

    runs_s = timed(run, runs)
    where = "to memory" if RAM else "to disk"
    print(line(f"teikit: transform whole edition (pages written {where})", runs_s))
    if transform_only:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"teikit: peak memory of this process (parse, citations, transform) {peak:.0f} MiB")
        return statistics.median(r[1] for r in runs_s)
    with tempfile.TemporaryDirectory() as tmp:
        settings = BuildSettings(exports_dir=Path(tmp))
        build_s = timed(lambda: html_builder.build(edition, Path(tmp), settings), runs)
    print(line("teikit: build html to disk (citations, transform, assets)", build_s))
    return statistics.median(r[1] for r in runs_s)


# Each part is one or more of html.xsl's named page templates ("" = none: the document is
# only handed over, which every part pays too).
PARTS = {
    "document only": "",
    "report of unhandled elements": "tk:report-unhandled",
    "title page and contents": "tk:title-page tk:toc",
    "division pages (with notes)": "tk:unit-pages",
    "registers and entity pages": "tk:registers",
    "printed pages and search pages": "tk:pages-page tk:search-page",
    "downloads and letters pages": "tk:downloads-page tk:letters-page",
    "search and page data": "tk:data-scripts",
}


def part_stylesheet(folder: Path) -> Path:
    """A stylesheet importing html.xsl whose $part names the templates to call."""
    calls = "".join(
        f'<xsl:when test="$part = {i}">'
        + "".join(f'<xsl:call-template name="{t}"/>' for t in templates.split())
        + "</xsl:when>"
        for i, templates in enumerate(PARTS.values()))
    path = folder / "parts.xsl"
    path.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tk="urn:teikit:xslt">'
        f'<xsl:import href="{html_builder.STYLESHEET.as_uri()}"/>'
        '<xsl:param name="part" as="xs:integer" select="0"/>'
        f'<xsl:template match="/"><xsl:choose>{calls}</xsl:choose></xsl:template>'
        "</xsl:stylesheet>", encoding="utf-8")
    return path


def part_figures(edition: Edition, runs: int) -> None:
    citations, _ = html_builder.citations_json(edition)
    with tempfile.TemporaryDirectory() as folder:
        sheet = part_stylesheet(Path(folder))
        for i, label in enumerate(PARTS):
            params = {"single-page": False, "citations": citations, "part": i}

            def run(params=params) -> None:
                with tempfile.TemporaryDirectory(dir=RAM) as tmp:
                    saxon.transform(sheet, edition.tree, params=params, output_dir=tmp)

            timed(run, 1)  # the first run also compiles
            print(line(f"teikit part: {label}", timed(run, runs)))


def teic_figures(teic: Path, edition: Edition, runs: int) -> float | None:
    entry = teic / "profiles" / "default" / "html5" / "to.xsl"
    if not entry.is_file():
        print(f"TEIC Stylesheets not found at {teic} (expected {entry}): no comparison")
        return None
    compile_s = timed(lambda: saxon.compile_stylesheet(entry), 1)
    print(line("TEIC html5: compile profiles/default/html5/to.xsl", compile_s))
    with tempfile.TemporaryDirectory() as tmp:
        def run() -> None:
            saxon.transform(entry, edition.tree, output_dir=tmp)

        runs_s = timed(run, runs)
    print(line("TEIC html5: transform whole edition", runs_s))
    return statistics.median(r[1] for r in runs_s)


def scale_figures(sizes: list[float], teic: Path, jar: Path) -> None:
    """`teikit build html` and TEIC html5 on Java Saxon, one process each, per generated size."""
    from check_bench import generate
    from whole_job_bench import TEIKIT, step

    entry = teic / "profiles" / "default" / "html5" / "to.xsl"
    java = entry.is_file() and jar.is_file()
    if not java:
        print(f"TEIC html5 ({entry}) or Java Saxon ({jar}) missing: teikit's figures only")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            tei = Path(tmp) / f"generated-{mb:g}mb.xml"
            tei.write_text(generate(int(mb * 1e6)), "utf-8")
            size = tei.stat().st_size / 1e6
            subprocess.run([sys.executable, __file__, "--edition", str(tei), "--runs", "1",
                            "--transform-only"], check=False)
            wall, cpu, peak, rc = step([str(TEIKIT), "build", "html", "--edition", str(tei),
                                        "--out", f"{tmp}/out"])
            line = (f"{size:5.1f} MB  teikit build html: wall {wall:6.2f} s ({wall / size:5.2f} s/MB)"
                    f"  CPU {cpu:6.2f} s  peak {peak:5.0f} MiB" + (f"  exit {rc}" if rc else ""))
            if java:
                t_wall, t_cpu, t_peak, t_rc = step(["java", "-jar", str(jar), f"-s:{tei}", f"-xsl:{entry}",
                                                    f"-o:{tmp}/teic/index.html"])
                line += (f"  | TEIC html5 (Java): wall {t_wall:6.2f} s  CPU {t_cpu:6.2f} s"
                         f"  peak {t_peak:5.0f} MiB" + (f"  exit {t_rc}" if t_rc else "")
                         + f"  | teikit/TEIC wall {wall / t_wall:.2f}")
            print(line, flush=True)
            shutil.rmtree(f"{tmp}/out", ignore_errors=True)
            shutil.rmtree(f"{tmp}/teic", ignore_errors=True)
            tei.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", type=Path, default=paths.EDITION)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--teic", type=Path, default=Path("/work/corpora/teic-stylesheets"))
    parser.add_argument("--parts", action="store_true", help="also time each kind of page alone")
    parser.add_argument("--sizes", type=float, nargs="*", help="generated TEI of these sizes (MB) instead")
    parser.add_argument("--transform-only", action="store_true",
                        help="only compile and transform, then print this process's peak memory")
    parser.add_argument("--saxon-jar", type=Path, default=Path("/usr/share/java/Saxon-HE.jar"))
    args = parser.parse_args(argv)
    if args.sizes:
        scale_figures(args.sizes, args.teic, args.saxon_jar)
        return 0
    edition = Edition.load(args.edition)
    size = args.edition.stat().st_size
    print(f"edition: {args.edition} ({size / 1e3:.0f} kB, {sum(1 for _ in edition.root.iter())} elements)")
    ours = teikit_figures(edition, args.runs, args.transform_only)
    if args.transform_only:
        return 0
    if args.parts:
        part_figures(edition, args.runs)
    theirs = teic_figures(args.teic, edition, max(1, min(args.runs, 3)))
    if theirs:
        print(f"ratio of CPU medians, TEIC html5 / teikit transform: {theirs / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
