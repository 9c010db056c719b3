"""How many cores this process may use: the default of every ``--jobs`` option."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may use (its CPU affinity on Linux, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
