"""Where a `teikit build` run spends its time: each step's start and end, per process.

Runs the teikit command given after ``--`` in this process, with the main steps of the whole
job wrapped to print, on stderr, ``[pid] step: start -> end (seconds, CPU seconds)`` (seconds since this
script started), with the process's resident memory and its peak so far (MiB) at the step's
start and end, so the work of the forked HTML child and of the main process can be read
side by side. The command's own report (stdout) is discarded.

    .venv/bin/python benchmarks/job_timeline.py -- build --out /tmp/wj --validate --schema tei_all \\
        --check --cite --deposit --force

Prints figures; asserts nothing. The wrapped functions are listed in STEPS.
"""

from __future__ import annotations

import compileall
import contextlib
import functools
import importlib
import importlib.util
import os
import sys
import time
from pathlib import Path

# teikit's modules as an installation has them, compiled to bytecode (where
# PYTHONDONTWRITEBYTECODE is set, as on this development machine, every run would compile
# about 80 modules from source first: 0.1 s); done before the clock starts
_SPEC = importlib.util.find_spec("teikit")
if _SPEC and _SPEC.origin:
    compileall.compile_dir(Path(_SPEC.origin).parent, quiet=1)

T0 = time.perf_counter()

STEPS = [
    ("teikit.saxon", "compile_stylesheet"),
    ("teikit.build.html", "render"),
    ("teikit.build.search_index", "write"),
    ("teikit.build.preservation", "site_counts"),
    ("teikit.build.html", "fill"),
    ("teikit.validate.runner", "validate_paths"),
    ("teikit.validate.jing", "_validate_batch"),
    ("teikit.check", "check_paths"),
    ("teikit.cite.export", "write_citations"),
    ("teikit.build.epub", "build"),
    ("teikit.build.epub", "released_bytes"),
    ("teikit.build.csv", "build"),
    ("teikit.saxon", "_saxon_tree"),
    ("teikit.build.preservation", "tei_words"),
    ("teikit.build.preservation", "epub_report"),
    ("teikit.deposit.package", "build_deposit"),
]


def memory() -> str:
    """This process's resident memory now and its peak so far (VmRSS, VmHWM), in MiB."""
    try:
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
    except OSError:
        return ""
    rss, hwm = (int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
    return f"  rss {rss} MiB  peak {hwm} MiB"


def _say(text: str) -> None:
    os.write(2, (text + "\n").encode())  # unbuffered: a forked child leaves with os._exit


def wrap(module_name: str, name: str) -> None:
    module = importlib.import_module(module_name)
    function = getattr(module, name)

    @functools.wraps(function)
    def timed(*args: object, **kwargs: object) -> object:
        start, cpu = time.perf_counter(), time.process_time()
        before = memory()
        try:
            return function(*args, **kwargs)
        finally:
            end = time.perf_counter()
            _say(f"[{os.getpid()}] {module_name}.{name}: {start - T0:7.3f} -> {end - T0:7.3f}"
                 f" ({end - start:.3f} s, CPU {time.process_time() - cpu:.3f} s){before and ' |'}{before}"
                 f" ->{memory()}")

    setattr(module, name, timed)


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__)
        return 2
    command = argv[argv.index("--") + 1:]
    for module_name, name in STEPS:
        wrap(module_name, name)
    _say(f"[{os.getpid()}] imports of the wrapped modules done at {time.perf_counter() - T0:.3f}")
    from teikit.cli import cli

    code = 0
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        try:
            cli(args=command, prog_name="teikit")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    _say(f"[{os.getpid()}] end {time.perf_counter() - T0:.3f} (exit {code}, CPU of this process"
         f" {time.process_time():.3f} s){memory()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
