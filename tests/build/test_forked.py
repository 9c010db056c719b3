"""A function run in a forked child: its value, its input errors and its bugs reach the parent."""

from __future__ import annotations

import os
import signal
import time

import pytest

from teikit.build.forked import Forked, notify
from teikit.errors import EnvironmentError_, InputError


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _refuse(name: str) -> None:
    raise InputError("cannot use it", file=name, line=7, hint="fix line 7")


def _bug() -> None:
    raise KeyError("not-there")


def _sleep() -> None:
    time.sleep(60)


def test_the_value_comes_back_from_another_process():
    with Forked(_pid_and, 21) as job:
        pid, value = job.result()
    assert value == 42 and pid == job.pid != os.getpid()


def test_an_input_error_arrives_as_itself_with_its_location():
    with Forked(_refuse, "letter.xml") as job, pytest.raises(InputError) as raised:
        job.result()
    assert (raised.value.file, raised.value.line, raised.value.hint) == ("letter.xml", 7, "fix line 7")


def test_a_bug_arrives_as_a_runtime_error_with_the_childs_traceback():
    with Forked(_bug) as job, pytest.raises(RuntimeError, match="KeyError: 'not-there'"):
        job.result()


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer ends a process


def test_a_killed_child_is_said_as_what_it_is_not_as_a_bug():
    with Forked(_killed) as job, pytest.raises(EnvironmentError_) as said:
        job.result()
    assert "ended abruptly" in str(said.value) and "--jobs 1" in (said.value.hint or "")
    assert said.value.exit_code == 3


def test_leaving_the_block_without_the_result_stops_the_child():
    start = time.perf_counter()
    with Forked(_sleep) as job:
        pid = job.pid
    assert time.perf_counter() - start < 30
    with pytest.raises(ChildProcessError):  # reaped: no such child any more
        os.waitpid(pid, os.WNOHANG)


def _notify_then(value: int) -> int:
    notify()
    time.sleep(0.2)
    return value


def test_the_parent_hears_when_the_child_reached_its_point():
    with Forked(_notify_then, 7) as job:
        assert job.notified() is True
        assert job.result() == 7
    with Forked(_pid_and, 1) as job:  # a child that never says: the parent hears it ended
        assert job.notified() is False
        assert job.result()[1] == 2


def _large() -> bytes:
    return b"x" * 4_000_000  # far more than a pipe holds (64 KiB on Linux)


def test_a_parent_waiting_for_a_notice_hears_a_child_done_without_one():
    """A child that ends without notify() while its parent waits in notified() (build --jobs 3:
    the site's child has its pages counted by workers): the parent is told at once, then reads
    the result, however large, instead of both waiting for the other forever."""
    def timeout(*_: object) -> None:
        raise TimeoutError("the parent still waits for its child")

    before = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(60)
    try:
        with Forked(_large) as job:
            assert job.notified() is False
            assert job.result() == _large()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
