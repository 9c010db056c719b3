"""teikit.cores: the cores a process may use, and work divided among forked processes."""

from __future__ import annotations

import os
import signal

import pytest

from teikit.cores import available_cores, in_forked_shares
from teikit.errors import EnvironmentError_

ITEMS = list(range(10))  # what the workers inherit (forked after it was made)


def _squares(start: int, stop: int) -> list[tuple[int, int]]:
    return [(os.getpid(), i * i) for i in ITEMS[start:stop]]


def _killed(start: int, stop: int) -> list[int]:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer ends a process
    return []


def test_shares_are_worked_in_other_processes_and_joined_in_order():
    assert available_cores() >= 1
    done = in_forked_shares(_squares, len(ITEMS), 3, "squaring", "square")
    assert [square for _, square in done] == [i * i for i in ITEMS]
    assert os.getpid() not in {pid for pid, _ in done} and len({pid for pid, _ in done}) >= 1


def test_a_worker_that_dies_is_said_as_what_it_is():
    with pytest.raises(EnvironmentError_) as said:
        in_forked_shares(_killed, len(ITEMS), 2, "squaring the items", "square")
    assert "a worker process squaring the items" in str(said.value) and "ended abruptly" in str(said.value)
    assert (said.value.hint or "").startswith("square again; with --jobs 1")
