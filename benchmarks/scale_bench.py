"""Every command at 1, 10 and 50 MB: does each one's time per MB stay flat as the input grows?

Generated TEI of each size (benchmarks/check_bench.py's generator, made valid against
teikit's customization as validate_errors_bench.py's *valid* version, with a language, and
given a publicationStmt with an idno, a licence and a date so it can be cited and deposited) is written to a
temporary folder, and each command runs on it as a user runs it, one `teikit` process each,
from that folder (no teikit.toml there, so no project settings apply). `check` exits 1 with warnings: the
generator's notes sections take one page number after each chapter, so the body's numbering
skips it (pages.number-gap), a warning per chapter, reported as a user would see them.

    validate          teikit validate --schema teikit --no-cache FILE     (RELAX NG by Jing + Schematron)
    validate-tei_all  teikit validate --schema tei_all --no-cache FILE
    check             teikit check FILE
    build-html        teikit build html --edition FILE --out OUT --force
    build-epub        teikit build epub --edition FILE --out OUT --force
    build-csv         teikit build csv --edition FILE --out OUT --force
    cite              teikit cite -o OUT/citations FILE
    deposit           teikit deposit -o OUT/deposit --exports OUT FILE    (after the three builds)

For each command and size it prints wall seconds, CPU seconds (user + system of the
process and the children it waited for, from wait4), peak resident memory (the largest of
them) and the exit status; then a table of seconds per MB (CPU and wall) at each size and
the ratio of the largest size's per-MB CPU time to the smallest's and the largest ratio
between two consecutive sizes, marked "GROWS" above 1.5 (issue 20: within 1.5x between 1
and 50 MB). A fixed start-up cost (Python, the JVM,
compiling a stylesheet) makes the smallest size's per-MB figure the highest: a ratio well
below 1 is that, not speed. With --runs N each command runs N times and the fastest run
(by CPU) is kept.

    .venv/bin/python benchmarks/scale_bench.py                       # 1 10 50 MB, every command
    .venv/bin/python benchmarks/scale_bench.py --sizes 1 10 --commands check build-html --runs 3

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_bench import generate
from validate_errors_bench import make_valid

from teikit import paths

TEIKIT = Path(sys.executable).with_name("teikit")
IDNO = ('<publicationStmt><publisher>teikit benchmarks</publisher><idno type="teikit">generated</idno>'
        '<availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence>'
        '</availability><date when="2026-01-01">2026</date></publicationStmt>')
COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "--schema", "teikit", "--no-cache", "{tei}"],
    "validate-tei_all": ["validate", "--schema", "tei_all", "--no-cache", "{tei}"],
    "check": ["check", "{tei}"],
    "build-html": ["build", "html", "--edition", "{tei}", "--out", "{out}", "--force"],
    "build-epub": ["build", "epub", "--edition", "{tei}", "--out", "{out}", "--force"],
    "build-csv": ["build", "csv", "--edition", "{tei}", "--out", "{out}", "--force"],
    "cite": ["cite", "-o", "{out}/citations", "{tei}"],
    "deposit": ["deposit", "-o", "{out}/deposit", "--exports", "{out}", "{tei}"],
}
GROWTH_LIMIT = 1.5


def edition_text(megabytes: float) -> str:
    """Generated TEI of about ``megabytes`` MB, valid against teikit's schema, depositable."""
    text = make_valid(generate(int(megabytes * 1e6)))
    text = text.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0">',
                        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">')
    return text.replace("<publicationStmt><p>benchmark</p></publicationStmt>", IDNO)


def run(argv: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """One process: (wall s, CPU s of it and its waited children, peak RSS MiB, exit status)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()  # read before wait4, or a chatty command blocks on a full pipe
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    wall = time.perf_counter() - start
    if code != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"    exit {code}: {' | '.join(tail)}", flush=True)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.0, 10.0, 50.0], help="MB of TEI")
    parser.add_argument("--commands", nargs="+", choices=list(COMMANDS), default=list(COMMANDS),
                        metavar="NAME", help=f"among {', '.join(COMMANDS)} [default: all]")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command; the fastest is kept")
    args = parser.parse_args(argv)
    if not args.sizes or args.runs < 1:
        parser.error("give at least one size and one run")
    # as installed: bytecode beside the modules (see whole_job_bench.py)
    compileall.compile_dir(Path(paths.__file__).parent, quiet=1)
    load = os.getloadavg()
    print(f"teikit {TEIKIT}; {os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    # results[command][size] = (wall, cpu, peak, exit)
    results: dict[str, dict[float, tuple[float, float, float, int]]] = {c: {} for c in args.commands}
    megabytes: dict[float, float] = {}
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            tei = work / f"generated-{size:g}mb.xml"
            tei.write_text(edition_text(size), "utf-8")
            megabytes[size] = tei.stat().st_size / 1e6
            out = work / f"out-{size:g}"
            print(f"\n{size:g} MB: {tei.name} ({megabytes[size]:.2f} MB)", flush=True)
            for name in args.commands:
                command = [str(TEIKIT)] + [a.format(tei=tei, out=out) for a in COMMANDS[name]]
                best = min((run(command, work) for _ in range(args.runs)), key=lambda r: r[1])
                results[name][size] = best
                wall, cpu, peak, code = best
                print(f"  {name:<17} wall {wall:7.2f} s  CPU {cpu:7.2f} s  peak {peak:6.0f} MiB"
                      f"  exit {code}", flush=True)
            tei.unlink()
            shutil.rmtree(out, ignore_errors=True)
    summary(results, megabytes, args.sizes)
    return 0


def summary(results: dict[str, dict[float, tuple[float, float, float, int]]],
            megabytes: dict[float, float], sizes: list[float]) -> None:
    """Seconds per MB at each size; the largest size's per-MB CPU time over the smallest's, and
    the largest such ratio between two consecutive sizes (a fixed start-up cost can hide growth
    from the first ratio, not from this one). Flags use CPU: a process run under `nice` beside
    other work can wait for a core far longer than it works, so its wall time says little."""
    sizes = sorted(sizes)
    first, last = sizes[0], sizes[-1]
    heads = "".join(f"{f'{s:g} MB':>9}" for s in sizes)
    print(f"\n{'s/MB':<22}{heads}   {f'{last:g}/{first:g} MB':>9} {'worst step':>10}   peak at {last:g} MB")
    for name, by_size in results.items():
        cpu = {s: by_size[s][1] / megabytes[s] for s in sizes}
        wall = {s: by_size[s][0] / megabytes[s] for s in sizes}
        ratio = cpu[last] / cpu[first]
        step = max((cpu[b] / cpu[a] for a, b in zip(sizes, sizes[1:], strict=False)), default=1.0)
        flag = "  GROWS" if max(ratio, step) > GROWTH_LIMIT else ""
        failed = [f"{s:g} MB exit {by_size[s][3]}" for s in sizes if by_size[s][3] != 0]
        print(f"  {name:<17} CPU{''.join(f'{cpu[s]:9.3f}' for s in sizes)}   {ratio:9.2f} {step:10.2f}"
              f"   {by_size[last][2]:6.0f} MiB{flag}{'  (' + ', '.join(failed) + ')' if failed else ''}")
        print(f"  {'':<17} wall{''.join(f'{wall[s]:9.3f}' for s in sizes)}")

if __name__ == "__main__":
    sys.exit(main())
