"""The whole job, teikit beside the TEI Consortium toolchain, on the memoir and on generated TEI.

teikit's job, one command (README's main command; --separate: the three commands of before):
    teikit build --edition FILE --out DIR --validate --schema tei_all --check --cite --deposit --force
        (Jing validating in its own process, the check, HTML written by a forked child while the
        main process writes EPUB 3, CSV and citations, then the bag; --force: nothing cached)
    --separate:  teikit validate --schema tei_all --no-cache FILE;  teikit check FILE;
                 teikit build --edition FILE --out DIR --cite --deposit
The TEIC toolchain on the same file:
    jing tei_all.rng FILE                                     (Debian's jing, the same tei_all.rng)
    java -jar Saxon-HE.jar profiles/default/html5/to.xsl      (Java Saxon, one HTML page)
    java -jar Saxon-HE.jar profiles/default/epub3/to.xsl      (the EPUB's files)
    zip                                                        (the .epub)

Runs alternate (teikit then TEIC, then TEIC then teikit, ...), so both meet the same load
on this shared machine; each pair prints wall and CPU seconds (user + system of the child
processes, from wait4) and the peak resident memory of the largest process, with the ratio
teikit/TEIC. Medians close each input. The result cache of `teikit validate` is off
(Jing has none); the memoir is read in place, generated TEI (benchmarks/check_bench.py's
generator, given a publicationStmt with an idno and a date so it can be deposited) is
written to a temporary folder.

TEIC renames: its EPUB writes index.html and titlepage.html of its own and stops when the
book has an xml:id "index" or "titlepage" (both the memoir and the generated TEI have an
"index"), so TEIC reads a copy with those IDs renamed (and the pointers to them).

    .venv/bin/python benchmarks/whole_job_bench.py --teic /work/corpora/teic-stylesheets
    .venv/bin/python benchmarks/whole_job_bench.py --teic DIR --sizes 10 50 --pairs 1 --no-edition

--teic is a checkout of https://github.com/TEIC/Stylesheets outside this project (the
`fetch` tool, or git clone); --saxon-jar is Java Saxon HE (default: Debian's
libsaxonhe-java, /usr/share/java/Saxon-HE.jar). Without either, only teikit's job runs and
the script says why. Prints figures; asserts nothing.

teikit's modules are compiled to bytecode first (``compileall``), as an installation has them
and as Python writes them on a first run: where PYTHONDONTWRITEBYTECODE is set (this
development machine sets it), each run would otherwise compile about 80 modules from source,
0.1 s before any work.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from check_bench import generate

from teikit import paths

TEIKIT = Path(sys.executable).with_name("teikit")
TEI_ALL = paths.TEI_ALL
DEBIAN_SAXON = Path("/usr/share/java/Saxon-HE.jar")
IDNO = ('<publicationStmt><publisher>teikit benchmarks</publisher><idno type="teikit">generated</idno>'
        '<date when="2026-01-01">2026</date></publicationStmt>')


@dataclass
class Run:
    """One job: wall seconds, CPU seconds of its processes, the largest peak RSS (MiB), steps."""

    wall: float
    cpu: float
    peak: float
    steps: list[tuple[str, float, int]]


def step(argv: list[str], cwd: Path | None = None) -> tuple[float, float, float, int]:
    """Run one process: (wall s, CPU s, peak RSS MiB, exit status); its output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def job(steps: list[tuple[str, list[str], Path | None]]) -> Run:
    wall = cpu = peak = 0.0
    done = []
    for name, argv, cwd in steps:
        w, c, m, rc = step(argv, cwd)
        wall, cpu, peak = wall + w, cpu + c, max(peak, m)
        done.append((name, w, rc))
    return Run(wall, cpu, peak, done)


def teikit_steps(tei: Path, out: Path, separate: bool = False) -> list[tuple[str, list[str], Path | None]]:
    if not separate:
        return [("validate+check+build+cite+deposit",
                 [str(TEIKIT), "build", "--edition", str(tei), "--out", str(out), "--validate", "--schema",
                  "tei_all", "--check", "--cite", "--deposit", "--force"], None)]
    return [
        ("validate", [str(TEIKIT), "validate", "--schema", "tei_all", "--no-cache", str(tei)], None),
        ("check", [str(TEIKIT), "check", str(tei)], None),
        ("build+cite+deposit", [str(TEIKIT), "build", "--edition", str(tei), "--out", str(out),
                                "--cite", "--deposit"], None),
    ]


def teic_copy(tei: Path, folder: Path) -> Path:
    """The input with the IDs TEIC's EPUB collides with renamed (see the module docstring)."""
    data = tei.read_bytes()
    for old, new in ((b"index", b"printed-index"), (b"titlepage", b"title-page")):
        data = data.replace(b'xml:id="' + old + b'"', b'xml:id="' + new + b'"')
        data = data.replace(b'"#' + old + b'"', b'"#' + new + b'"')
    copy = folder / f"teic-{tei.name}"
    copy.write_bytes(data)
    return copy


def teic_steps(tei: Path, out: Path, teic: Path, jar: Path) -> list[tuple[str, list[str], Path | None]]:
    css = str(paths.XSLT_DIR / "epub" / "epub.css")  # TEIC's defaults are URLs on tei-c.org: no network
    epub = out / "epub"
    return [
        ("jing tei_all", ["jing", str(TEI_ALL), str(tei)], None),
        ("saxon html5", ["java", "-jar", str(jar), f"-s:{tei}", f"-xsl:{teic}/profiles/default/html5/to.xsl",
                         f"-o:{out}/html/index.html"], None),
        ("saxon epub3", ["java", "-jar", str(jar), f"-s:{tei}", f"-xsl:{teic}/profiles/default/epub3/to.xsl",
                         f"-o:{epub}/principal.out", f"directory={epub}", f"outputDir={epub}/OPS",
                         f"cssFile={css}", f"cssPrintFile={css}", f"cssODDFile={css}"], None),
        ("zip", ["sh", "-c", "printf application/epub+zip > mimetype && zip -qX0 ../book.epub mimetype"
                 " && zip -qXr9 ../book.epub . -x mimetype principal.out"], epub),
    ]


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def compare(label: str, tei: Path, work: Path, pairs: int, teic: Path | None, jar: Path | None,
            separate: bool = False) -> None:
    size = tei.stat().st_size / 1e6
    print(f"\n{label}: {tei} ({size:.1f} MB)")
    copy = teic_copy(tei, work) if teic and jar else None
    ours, theirs = [], []
    for i in range(pairs):
        order = ["teikit", "teic"] if i % 2 == 0 else ["teic", "teikit"]
        for who in order:
            if who == "teikit":
                ours.append(job(teikit_steps(tei, fresh(work / "teikit-out"), separate)))
            elif copy is not None:
                theirs.append(job(teic_steps(copy, fresh(work / "teic-out"), teic, jar)))  # type: ignore[arg-type]
        t = ours[-1]
        line = f"  pair {i + 1}: teikit wall {t.wall:6.2f} s  CPU {t.cpu:6.2f} s  peak {t.peak:5.0f} MiB"
        if theirs:
            c = theirs[-1]
            line += (f" | TEIC wall {c.wall:6.2f} s  CPU {c.cpu:6.2f} s  peak {c.peak:5.0f} MiB"
                     f" | teikit/TEIC wall {t.wall / c.wall:.3f}  CPU {t.cpu / c.cpu:.3f}")
        print(line, flush=True)
    for who, runs in (("teikit", ours), ("TEIC", theirs)):
        if not runs:
            continue
        steps = "  ".join(
            f"{name} {statistics.median(r.steps[k][1] for r in runs):.2f} s"
            + ("" if all(r.steps[k][2] == 0 for r in runs) else f" (exit {runs[0].steps[k][2]})")
            for k, (name, _, _) in enumerate(runs[0].steps))
        print(f"  {who:6} median wall {statistics.median(r.wall for r in runs):6.2f} s"
              f"  CPU {statistics.median(r.cpu for r in runs):6.2f} s"
              f"  peak {max(r.peak for r in runs):5.0f} MiB"
              f"   [{steps}]")
    if theirs:
        ratios = [t.wall / c.wall for t, c in zip(ours, theirs, strict=True)]
        print(f"  teikit/TEIC wall, median of pairs: {statistics.median(ratios):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teic", type=Path, default=Path("/work/corpora/teic-stylesheets"),
                        help="a TEIC/Stylesheets checkout (outside the project)")
    parser.add_argument("--saxon-jar", type=Path, default=DEBIAN_SAXON, help="Java Saxon HE jar")
    parser.add_argument("--pairs", type=int, default=3, help="alternating pairs per input")
    parser.add_argument("--sizes", type=float, nargs="*", default=[10.0, 50.0], help="generated TEI, MB")
    parser.add_argument("--no-edition", action="store_true", help="skip the memoir")
    parser.add_argument("--separate", action="store_true",
                        help="teikit's job as three commands (validate, check, build --cite --deposit)")
    args = parser.parse_args(argv)
    teic: Path | None = args.teic
    jar: Path | None = args.saxon_jar
    if teic is None or not (teic / "profiles" / "default" / "html5" / "to.xsl").is_file():
        print(f"TEIC Stylesheets not found at {teic} (expected profiles/default/html5/to.xsl): "
              "only teikit's job runs; fetch github:TEIC/Stylesheets and pass --teic DIR")
        teic = None
    if jar is None or not jar.is_file() or not shutil.which("java") or not shutil.which("jing"):
        print(f"Java Saxon ({jar}), java or jing missing: only teikit's job runs "
              "(Debian: apt-get install libsaxonhe-java jing)")
        jar = None
    if not TEI_ALL.is_file():
        print(f"{TEI_ALL} is missing: run scripts/setup.sh")
        return 3
    if teic and jar:
        said = subprocess.run(["java", "-cp", str(jar), "net.sf.saxon.Version"],
                              capture_output=True, text=True)
        version = (said.stdout + said.stderr).strip().split("\n")[0]
        print(f"TEIC: {teic}; Java Saxon: {jar} ({version or 'version unknown'})")
    # as installed: bytecode beside the modules (see the module's doc)
    compileall.compile_dir(Path(paths.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.no_edition:
            compare("memoir", paths.EDITION, work, args.pairs, teic, jar, args.separate)
        for mb in args.sizes:
            tei = work / f"generated-{mb:g}mb.xml"
            tei.write_text(generate(int(mb * 1e6)).replace(
                "<publicationStmt><p>benchmark</p></publicationStmt>", IDNO), "utf-8")
            compare(f"{mb:g} MB generated", tei, work, args.pairs, teic, jar, args.separate)
            tei.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
