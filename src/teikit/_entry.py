"""The console script's entry point: `teikit --version` answers before click is imported.

A command leaves through :func:`leave`, not through the interpreter's own teardown: a build
of 1,000 letters spent 0.09 s freeing their trees (object by object) only to exit, which the
operating system does at once. What a normal exit does that matters is done first.
"""

from __future__ import annotations

import sys
from typing import NoReturn


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from teikit import __version__

        print(f"teikit, version {__version__}")
        return
    from teikit.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        # the exception keeps the command's frames, and so its trees, alive until the process ends
        leave(exc.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """End the process with ``code`` (as ``sys.exit(code)`` would) without freeing its objects:
    the threads that a normal exit waits for are joined (threading's own exit hooks: a process
    pool lets its workers go), the atexit handlers run (temporary folders removed), and the
    standard streams are flushed; then ``os._exit``."""
    import atexit
    import os
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): said on stderr, exit status 1
        print(code, file=sys.stderr)
        status = 1
    try:
        # what Py_FinalizeEx does first: join non-daemon threads and run threading's exit
        # hooks (concurrent.futures'); private, so only where it is there
        shutdown = getattr(threading, "_shutdown", None)
        if shutdown is not None and threading.current_thread() is threading.main_thread():
            shutdown()
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe (teikit ... | head): nothing more to say
                if stream is sys.stdout and status == 0:
                    status = 120  # what Python's own exit gives when stdout cannot be flushed
        os._exit(status)
