"""How many cores this process may use: the default of every ``--jobs`` option."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def available_cores() -> int:
    """The cores this process may use (its CPU affinity on Linux, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def in_forked_shares(work: Callable[[int, int], list[T]], count: int, jobs: int, doing: str,
                     again: str) -> list[T]:
    """``work(start, stop)`` over ``count`` items divided into ``jobs`` consecutive shares, each
    in a process forked from this one (which inherits what this process has read: the caller
    keeps it where ``work`` finds it), the shares' results joined in order. A worker killed
    (by the system's out-of-memory killer above all) is said as what it is: ``doing`` names
    the work ("checking the files"), ``again`` the command to run again."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from teikit.errors import ended_abruptly

    bounds = [count * i // jobs for i in range(jobs + 1)]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            shares = list(pool.map(work, bounds[:-1], bounds[1:]))
    except BrokenProcessPool as exc:
        raise ended_abruptly(f"a worker process {doing}", hint=(
            f"{again} again; with --jobs 1 one process does it all, which needs the least memory")) from exc
    return [item for share in shares for item in share]
