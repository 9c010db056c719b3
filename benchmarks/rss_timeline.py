"""Resident memory of every process of one command, over time: which process peaks, when, and how.

Runs the command given after ``--`` (a `teikit` command: its first word may be left out) and,
every ``--interval`` seconds until it ends, reads ``/proc/PID/status`` of the command and of
every process descended from it: VmRSS (resident), RssAnon (its private and copy-on-write
memory: Python's heap, Saxon's heap), RssFile (mapped files: libraries, the native image of
saxonche) and VmHWM (the peak resident memory so far, as the kernel keeps it). It prints, per
process, its sampled peak and VmHWM, then a line of ``seconds:VmRSS/RssAnon`` samples.

VmHWM is the figure a benchmark's ``ru_maxrss`` reports for the process (scale_bench.py
reports the largest of them). It can exceed every sample by tens of MiB: a full collection
of saxonche's heap copies what is alive before it frees the rest, for a fraction of a second
(docs/performance.md, "HTML at 50 MB (session 12)"). Counting a page shared with another
process in both is what the kernel does for resident memory; a forked child's RssAnon
includes the pages it still shares with its parent.

    .venv/bin/python benchmarks/rss_timeline.py -- build html --edition gen50.xml --out /tmp/o --force

Linux only (it reads /proc). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

FIELDS = ("VmRSS", "RssAnon", "RssFile", "VmHWM")
TEIKIT = Path(sys.executable).with_name("teikit")


def descendants(root: int) -> list[int]:
    """``root`` and every living process descended from it."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces
    found = [root]
    for pid in found:  # grows while it is walked: children of children
        found += [child for child, parent in parents.items() if parent == pid and child not in found]
    return found


def status(pid: int) -> dict[str, int] | None:
    """FIELDS of ``pid`` in MiB (None once it has ended)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    values = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name in FIELDS:
            values[name] = int(value.split()[0]) // 1024
    return values if "VmRSS" in values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between samples")
    parser.add_argument("--columns", type=int, default=25, help="samples printed per process")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="after --: the command")
    args = parser.parse_args(argv)
    command = [a for a in args.command if a != "--"] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    if not Path(command[0]).is_file() and not command[0].startswith("/"):
        command = [str(TEIKIT), *command]
    load = os.getloadavg()
    print(f"{' '.join(command)}\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    samples: dict[int, list[tuple[float, dict[str, int]]]] = {}
    while proc.poll() is None:
        now = time.perf_counter() - start
        for pid in descendants(proc.pid):
            found = status(pid)
            if found is not None:
                samples.setdefault(pid, []).append((now, found))
        time.sleep(args.interval)
    wall = time.perf_counter() - start
    for pid, series in samples.items():
        if len(series) < 2:  # a helper that came and went between two samples
            continue
        when, top = max(series, key=lambda s: s[1]["VmRSS"])
        print(f"pid {pid}  {series[0][0]:6.1f}-{series[-1][0]:6.1f} s  sampled peak {top['VmRSS']:5d} MiB at "
              f"{when:6.1f} s (anon {top.get('RssAnon', 0)}, file {top.get('RssFile', 0)})  "
              f"VmHWM {series[-1][1].get('VmHWM', 0):5d} MiB (last sample)")
        step = max(1, len(series) // args.columns)
        print("    " + " ".join(f"{t:.0f}:{s['VmRSS']}/{s.get('RssAnon', 0)}" for t, s in series[::step]))
    print(f"exit {proc.returncode}, wall {wall:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
