"""Start-up of the command line: wall time of `teikit --version` and `teikit check --help`,
and the import time of the CLI, as whole processes (median of N runs).

    .venv/bin/python benchmarks/startup_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _time(cmd: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(cmd, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    teikit = shutil.which("teikit", path=str(Path(sys.executable).parent)) or "teikit"
    rows = [
        ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
        ("teikit --version", [teikit, "--version"]),
        ("python -c 'import teikit.cli'", [sys.executable, "-c", "import teikit.cli"]),
        ("teikit check --help", [teikit, "check", "--help"]),
        ("teikit build --help", [teikit, "build", "--help"]),
    ]
    print(f"{'command':34} {'median ms':>10} {'min ms':>8}   ({args.runs} runs)")
    for label, cmd in rows:
        median, best = _time(cmd, args.runs)
        print(f"{label:34} {median * 1000:10.1f} {best * 1000:8.1f}")


if __name__ == "__main__":
    main()
