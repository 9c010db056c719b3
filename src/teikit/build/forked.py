"""One function run in a forked child process while this process goes on with other work.

A build writes the HTML site in a child while the main process writes the EPUB, the CSV and
the citations (:func:`teikit.build.run.build_formats`): two cores for one edition. The child
is forked, so it inherits the edition already parsed (lxml trees cannot be pickled, and
parsing again would cost what it saves); it must be forked before this process starts Saxon
(:func:`teikit.saxon.started`): the threads of Saxon's runtime do not survive a fork.

The child's return value, or the exception it raised, comes back pickled through a pipe;
a :class:`teikit.errors.TeikitError` arrives as itself (with its file, line and hint), any
other exception as a ``RuntimeError`` carrying the child's traceback (a bug, reported as
one). The child leaves with ``os._exit``: it never runs the parent's exit handlers nor
flushes the parent's buffered output a second time.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any

from teikit.errors import TeikitError, ended_abruptly

# In a child: the pipe on which notify() tells the parent that the child reached a point,
# and the one on which wait() hears the parent's go (Forked.go).
_notify_fd: int | None = None
_go_fd: int | None = None


def notify() -> None:
    """In a forked child: tell the parent it may go on (:meth:`Forked.notified`); elsewhere nothing."""
    global _notify_fd
    if _notify_fd is not None:
        fd, _notify_fd = _notify_fd, None
        with contextlib.suppress(OSError):
            os.write(fd, b"1")
            os.close(fd)


def wait() -> None:
    """In a forked child: wait until the parent says go (:meth:`Forked.go`), or leaves without
    saying it; elsewhere nothing."""
    global _go_fd
    if _go_fd is not None:
        fd, _go_fd = _go_fd, None
        with contextlib.suppress(OSError):
            os.read(fd, 1)
            os.close(fd)


def available() -> bool:
    """Can this process fork a child that will run Saxon? (POSIX, and Saxon not started here.)"""
    from teikit import saxon

    return "fork" in multiprocessing.get_all_start_methods() and not saxon.started()


class Forked:
    """``fn(*args)`` running in a child process; :meth:`result` waits for it.

    Use as a context manager: leaving the block without asking for the result (an
    exception in the parent) stops the child and reaps it.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        global _notify_fd, _go_fd
        read, write = os.pipe()
        said, say = os.pipe()
        hear, tell = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read)
            os.close(said)
            os.close(tell)
            _notify_fd = say
            _go_fd = hear
            code = 0
            try:
                payload = pickle.dumps((True, fn(*args)))
            except BaseException as exc:  # everything goes back to the parent, which decides
                code = 1
                payload = _pickled_failure(exc)
            if _notify_fd is not None:
                # a parent waiting in notified() hears the child is done without notify(): it
                # would wait there while the child waits for it to read a result larger than
                # the pipe holds (build --jobs 3: the site's child divides its pages, whose
                # workers count their words, so it never notifies; the memoir hung)
                with contextlib.suppress(OSError):
                    os.close(_notify_fd)
                _notify_fd = None
            try:
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(code)
        os.close(write)
        os.close(say)
        os.close(hear)
        self.pid = pid
        self._read: int | None = read
        self._said: int | None = said
        self._tell: int | None = tell
        self._done = False

    def go(self) -> None:
        """Let the child past its :func:`wait` (said once; leaving the block says it too)."""
        if self._tell is not None:
            fd, self._tell = self._tell, None
            with contextlib.suppress(OSError):
                os.write(fd, b"1")
            os.close(fd)

    def notified(self) -> bool:
        """Wait until the child calls :func:`notify` (True) or ends without it (False)."""
        if self._said is None:
            return False
        try:
            got = os.read(self._said, 1)
        finally:
            os.close(self._said)
            self._said = None
        return got == b"1"

    def result(self) -> Any:
        """The child's return value (or its exception, raised here)."""
        if self._read is None:
            raise RuntimeError("the result of a forked child is read once")
        self.go()  # a child waiting for the parent would never answer
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        self._read = None
        if self._said is not None:
            os.close(self._said)
            self._said = None
        _, status = os.waitpid(self.pid, 0)
        self._done = True
        if not data:  # killed before it could answer (SIGKILL, out of memory)
            raise ended_abruptly(
                f"the build's child process {self.pid} (exit status {os.waitstatus_to_exitcode(status)})",
                hint="build again; with --jobs 1 one process does one thing at a time, which needs "
                     "the least memory (docs/cli.md)")
        ok, value = pickle.loads(data)  # noqa: S301 - our own child's bytes, through our own pipe
        if ok:
            return value
        raise value

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._done:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGTERM)
        for fd in (self._read, self._said, self._tell):  # closed first: a child writing is not left blocked
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._read = self._said = self._tell = None
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        self._done = True


def _pickled_failure(exc: BaseException) -> bytes:
    if isinstance(exc, TeikitError):
        try:
            return pickle.dumps((False, exc))
        except Exception:  # noqa: BLE001 - an exception that cannot travel is described instead
            pass
    text = "".join(traceback.format_exception(exc)).strip()
    return pickle.dumps((False, RuntimeError(f"in the build's child process: {text}")))
