"""The console script's exit (teikit._entry.leave): what a normal exit does that matters is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_leave_runs_atexit_handlers_joins_threads_and_flushes(tmp_path: Path):
    marker, joined = tmp_path / "atexit.txt", tmp_path / "thread.txt"
    done = _run(
        "import atexit, sys, threading, time\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ran'))\n"
        f"t = threading.Thread(target=lambda: (time.sleep(0.2), open({str(joined)!r}, 'w').write('ran')))\n"
        "t.start()\n"
        "print('buffered', end='')\n"
        "from teikit._entry import leave\n"
        "leave(3)\n")
    assert done.returncode == 3, done.stderr
    assert done.stdout == "buffered"
    assert marker.read_text() == "ran" and joined.read_text() == "ran"


def test_leave_with_a_message_says_it_and_exits_1():
    done = _run("from teikit._entry import leave; leave('no luck')")
    assert (done.returncode, done.stderr.strip()) == (1, "no luck")


def test_the_installed_command_keeps_its_exit_statuses(tmp_path: Path):
    missing = tmp_path / "missing.xml"
    done = subprocess.run([sys.executable, "-m", "teikit", "check", str(missing)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "no such file" in done.stdout + done.stderr
    done = subprocess.run([sys.executable, "-m", "teikit", "no-such-command"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "No such command" in done.stderr
