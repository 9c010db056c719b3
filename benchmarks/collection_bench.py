"""Time a collection of many TEI documents (a correspondence) through teikit, as a user runs it.

Points at a corpus on this machine (never copied into the repository): a folder of TEI files,
e.g. the Arthur Schnitzler correspondence (`fetch` github:arthur-schnitzler/schnitzler-briefe-data,
then `data/editions/`). The first N files (by name) are copied into a temporary folder, and
each step runs as its own `teikit` process:

- `validate` and `check` of the whole set;
- `build html` with `--jobs 1`, `--jobs 2`, and through a local Dask cluster of 2 workers
  (`--executor dask://…`, skipped with --no-dask); the three sites are compared byte for byte;
- a second build after touching one file (its bytes unchanged), and after editing one;
- `build html` of the largest document alone, for the memory comparison.

Each line gives wall time and the peak resident memory of the process tree (the command and
its workers, sampled every 20 ms from /proc). The timed `--jobs 1` / `--jobs 2` pairs are run
without the sampler: scanning /proc every 20 ms costs the benchmark's own process about an
eighth of a core, nothing to a build on one core but taken from a build using both, so it
would bias the speed-up; the collection's peak comes from one more `--jobs 1` run, sampled.
The pairs alternate their order (1 then 2, 2 then 1, ...). Figures vary with the machine's
load: compare rows of one run.

    .venv/bin/python benchmarks/collection_bench.py /work/corpora/schnitzler-briefe/data/editions -n 1000
    .venv/bin/python benchmarks/collection_bench.py CORPUS -n 200 --no-dask --register persons.xml
    .venv/bin/python benchmarks/collection_bench.py CORPUS -n 1000 --pairs 3   # three alternating pairs

Each line also gives the CPU time (user + system) of the command and every worker it started.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TEIKIT = Path(sys.executable).with_name("teikit")


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo += children.get(p, [])
    return total


def run(args: list[str], label: str, *, sample: bool = True) -> tuple[float, int, int]:
    """Run ``teikit args``; print and return (wall seconds, peak tree RSS, exit code); the
    peak is 0 when not ``sample``d (the sampler's CPU is taken from a build using every core)."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen([str(TEIKIT), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample_tree() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample_tree)
    if sample:
        sampler.start()
    _, err = proc.communicate()
    done.set()
    if sample:
        sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, reaped
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if proc.returncode not in (0, 1) else []
    shown = f"{peak / 2**20:7.0f} MiB" if sample else "      - MiB"
    print(f"{label:<44} {wall:8.2f} s  cpu {cpu:6.2f} s  peak {shown}  exit {proc.returncode}"
          + (f"  ({tail[0][:100]})" if tail else ""), flush=True)
    return wall, peak, proc.returncode


def same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of TEI files")
    parser.add_argument("-n", type=int, default=1000, help="how many files (the first by name)")
    parser.add_argument("--register", type=Path, action="append", default=[],
                        help="a register file (listPerson, ...) given to every command")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster run")
    parser.add_argument("--pairs", type=int, default=1,
                        help="alternating --jobs 1 / --jobs 2 builds; each pair's ratio and the median")
    opts = parser.parse_args()
    if not opts.corpus.is_dir():
        sys.exit(f"{opts.corpus}: no such folder (fetch a corpus first; see this script's doc)")
    files = sorted(opts.corpus.glob("*.xml"))[: opts.n]
    size = sum(f.stat().st_size for f in files)
    largest = max(files, key=lambda f: f.stat().st_size)
    print(f"{len(files)} TEI files, {size / 2**20:.1f} MiB; largest {largest.name} "
          f"({largest.stat().st_size / 1024:.0f} kB); {os.cpu_count()} cores")
    regs = [a for r in opts.register for a in ("--register", str(r.resolve()))]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        coll = work / "letters"
        coll.mkdir()
        for f in files:
            (coll / f.name).write_bytes(f.read_bytes())  # a copy: the benchmark edits one file
        run(["validate", str(coll), "--no-cache"], "validate (tei_all or declared schema)")
        run(["check", str(coll), *regs], "check")
        common = ["build", "html", "--edition", str(coll), *regs, "--force"]
        ratios = []
        for pair in range(max(1, opts.pairs)):  # alternating, so a change in the machine's load hits both
            walls = {}
            for jobs in ((1, 2) if pair % 2 == 0 else (2, 1)):
                walls[jobs], _, _ = run([*common, "--jobs", str(jobs), "--out", str(work / f"j{jobs}")],
                                        f"build html --jobs {jobs}", sample=False)
            one, two = walls[1], walls[2]
            ratios.append(one / two)
            print(f"{'  --jobs 2 speed-up':<44} {one / two:8.2f} x   identical to --jobs 1: "
                  f"{same_tree(work / 'j1' / 'html', work / 'j2' / 'html')}")
        if len(ratios) > 1:
            print(f"{'  --jobs 2 speed-up, median of pairs':<44} {statistics.median(ratios):8.2f} x   "
                  f"({', '.join(f'{r:.2f}' for r in ratios)})")
        _, peak_one, _ = run([*common, "--jobs", "1", "--out", str(work / "j1")],
                             "build html --jobs 1, memory sampled")
        if not opts.no_dask:
            dask_build(common, work, one)
        again = [a for a in common if a != "--force"] + ["--jobs", "1", "--out", str(work / "j1")]
        os.utime(coll / files[0].name)
        touched, _, _ = run(again, "second build, one file touched")
        print(f"{'  speed-up':<44} {one / touched:8.2f} x")
        edited = coll / files[len(files) // 2].name
        edited.write_text(edited.read_text("utf-8") + "\n<!-- edited -->\n", "utf-8")
        run(again, "second build, one file edited (all rebuilt)")
        alone = work / "alone"
        alone.mkdir()
        (alone / largest.name).write_bytes(largest.read_bytes())
        _, peak_alone, _ = run(["build", "html", "--edition", str(alone / largest.name), *regs, "--jobs", "1",
                                "--out", str(work / "alone-out"), "--force"],
                               "build html, the largest file alone")
        print(f"{'  peak memory, collection / largest alone':<44} {peak_one / peak_alone:8.2f} x")


def dask_build(common: list[str], work: Path, one: float) -> None:
    try:
        import distributed
    except ImportError:
        print("dask: not installed (pip install 'teikit[dask]'); skipped")
        return
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        wall, _, _ = run([*common, "--executor", f"dask://{address}", "--out", str(work / "dask")],
                         "build html, Dask local cluster (2 workers)")
    print(f"{'  Dask speed-up':<44} {one / wall:8.2f} x   identical to --jobs 1: "
          f"{same_tree(work / 'j1' / 'html', work / 'dask' / 'html')}")


if __name__ == "__main__":
    main()
