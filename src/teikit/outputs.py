"""Output folders and files: what teikit may replace, how, and what it records.

The rules (docs/cli.md, "Output folders"):

* teikit replaces a folder only if it wrote it: every folder it swaps into place carries a
  marker file (:data:`MARKER`). A non-empty folder without the marker belongs to the user
  and is refused (exit 2); teikit never deletes a file it did not write.
* An output may not be, or contain, one of the command's inputs (``deposit --exports X -o
  X`` would delete what it packages), nor be an existing regular file where a folder is
  wanted.
* Outputs are built in a temporary sibling (``.<name>.<pid>.<random>``) and moved into
  place with ``os.replace`` only when complete. Inside :func:`staged` nothing is moved until
  every output of the block is complete, so a multi-format build is all or nothing.
* Temporary siblings left by a process that no longer runs (killed, power cut) are removed
  by the next writer of the same output; SIGTERM and SIGINT are turned into exceptions by
  :func:`install_signal_handlers` so a running build cleans up after itself.
* The marker records the content hash of the input the folder was built from, so that
  ``deposit`` can refuse to package outputs built from different inputs.
* Two teikit processes writing into one folder at once (two editions built into one exports
  folder, a build beside a deposit reading it) take turns where it matters: the moves into
  place and the merge of the build record hold the folder's lock (:func:`folder_lock`),
  and a deposit holds it shared while it reads the built files, so that each sees, and
  leaves, whole outputs rather than one process's site beside the other's half-moved one.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from teikit.errors import TeikitError

MARKER = ".teikit-output"
"""The file that marks a folder as written by teikit (JSON: tool, input hash)."""

RECORD = ".teikit-build.json"
"""In an exports folder: which input each built format was made from."""


class OutputError(TeikitError):
    """An output location teikit must not write to (a user's folder, an input, a file)."""


# (temporary path, final path) pairs waiting for the end of a staged block; None outside one.
_staging: contextvars.ContextVar[list[tuple[Path, Path]] | None] = contextvars.ContextVar(
    "teikit_staging", default=None)
# Content hash of the input being built, written into each folder's marker.
_input_hash: contextvars.ContextVar[str | None] = contextvars.ContextVar("teikit_input_hash", default=None)
# Temporary folders being filled now: what is written inside them is part of them, so it is
# neither staged nor marked on its own.
_open: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("teikit_open", default=())
# Build records to merge when a staged block ends ({exports folder: {format: input hash}}):
# merged under the folder's lock, so that a record another process wrote meanwhile is kept.
_records: contextvars.ContextVar[dict[Path, dict[str, str]] | None] = contextvars.ContextVar(
    "teikit_records", default=None)

LOCK_WAIT_NOTICE = 2.0
"""Seconds a process waits for another's lock before it says so on stderr."""


def _lock_file(folder: Path) -> Path | None:
    """The lock file of ``folder``: in a private folder of the system's temporary folder,
    named by a hash of the folder's real path (nothing is left in the user's folders; any
    path to one folder, a symbolic link's too, names one lock). None where no private folder
    can be had (another user owns it): the caller then works without the lock."""
    base = Path(tempfile.gettempdir()) / f"teikit-locks-{os.getuid() if hasattr(os, 'getuid') else 0}"
    try:
        base.mkdir(mode=0o700, exist_ok=True)
        st = base.lstat()
    except OSError:
        return None
    if not os.path.isdir(base) or base.is_symlink() or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return None
    key = hashlib.sha256(os.fsencode(os.path.realpath(folder))).hexdigest()[:40]
    return base / f"{key}.lock"


@contextlib.contextmanager
def folder_lock(folder: str | Path, *, shared: bool = False) -> Iterator[None]:
    """Hold ``folder``'s lock for the block: exclusive (moving outputs into it) or shared
    (reading outputs from it). Waits for another process's conflicting lock, saying so once
    on stderr after :data:`LOCK_WAIT_NOTICE` seconds; Ctrl+C or SIGTERM ends the wait as any
    other. Advisory (``flock``): on a system without it (Windows) the block runs unlocked.
    Not re-entrant: a process must not ask for a folder's lock while it holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: os.replace is still atomic; two writers are not kept apart
        yield
        return
    path = _lock_file(Path(folder))
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
                 0o600)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            _wait_for(fd, mode, Path(folder))
        yield
    finally:
        os.close(fd)  # releases the lock


def _wait_for(fd: int, mode: int, folder: Path) -> None:
    import fcntl
    deadline = time.monotonic() + LOCK_WAIT_NOTICE
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            continue
    print(f"teikit: waiting for another teikit process writing into or reading from {folder}",
          file=sys.stderr, flush=True)
    fcntl.flock(fd, mode)


@contextlib.contextmanager
def _locked(folders: Iterable[Path]) -> Iterator[None]:
    """Hold the exclusive locks of ``folders`` (each once, in one order: no two processes
    wait for each other)."""
    with contextlib.ExitStack() as stack:
        for folder in sorted({os.path.realpath(f) for f in folders}):
            stack.enter_context(folder_lock(folder))
        yield


def _nested(target: Path) -> bool:
    t = target.absolute()
    return any(_inside(t, tmp) for tmp in _open.get())


def content_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes (the identity of an input for provenance records)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def built_from(input_hash: str | None) -> Iterator[None]:
    """Within the block, folders written record ``input_hash`` in their marker."""
    token = _input_hash.set(input_hash)
    try:
        yield
    finally:
        _input_hash.reset(token)


def marker_of(folder: str | Path) -> dict[str, Any] | None:
    """The parsed marker of ``folder``, {} for an unreadable one, None when there is none."""
    path = Path(folder) / MARKER
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(target: str | Path, *, inputs: Iterable[str | Path] = (), folder: bool = True) -> None:
    """Refuse an output location that would destroy something teikit did not write."""
    t = Path(target).resolve()
    for item in inputs:
        src = Path(item).resolve()
        if _inside(src, t):
            raise OutputError(
                "the output would replace an input of this command" + ("" if src == t else f" ({item})"),
                file=target, hint="choose an output folder outside the inputs, e.g. a new folder")
    if not os.path.lexists(t):
        return
    if folder and not t.is_dir():
        raise OutputError("the output exists and is not a folder", file=target,
                          hint="name a new or empty folder (teikit will not replace a file with a folder)")
    if folder and any(t.iterdir()) and marker_of(t) is None and marker_of(t.parent) is None:
        raise OutputError(
            "the output folder is not empty and was not written by teikit; nothing was changed",
            file=target,
            hint=f"name a new or empty folder; teikit replaces only folders it wrote (they hold {MARKER})")
    if not folder and t.is_dir():
        raise OutputError("the output exists and is a folder", file=target, hint="name a file path")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _temp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


# ".{name}.{pid}.{random}" (a folder), ".{name}.{pid}.{random}.tmp" (a file),
# ".{name}.old-{pid}.x" (a folder being replaced). Anchored at the end: the pid is the number
# just before the last part, whatever dots and digits the name holds (an edition "3.140.xml"
# stages ".3.140.epub.4242.k2j3h4g5.tmp", whose pid was once read as 140: a build of all
# formats took its own EPUB for a dead process's and deleted it mid-build).
_TEMP_NAME = re.compile(r"^\..+?\.(?:old-)?(\d+)\.[^.]+(?:\.tmp)?$")


def clean_stale(folder: str | Path) -> list[Path]:
    """Remove the temporary outputs in ``folder`` left by processes that no longer run."""
    parent = Path(folder)
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for sibling in parent.iterdir():
        m = _TEMP_NAME.match(sibling.name)
        if not m or _pid_alive(int(m.group(1))):
            continue
        if sibling.is_dir() and not sibling.is_symlink():
            shutil.rmtree(sibling, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                sibling.unlink()
        removed.append(sibling)
    return removed


def _swap_dir(tmp: Path, target: Path) -> None:
    os.chmod(tmp, 0o755)
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}.x"
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _swap(tmp: Path, target: Path) -> None:
    if tmp.is_dir():
        _swap_dir(tmp, target)
    else:
        os.replace(tmp, target)


def _discard(tmp: Path) -> None:
    if tmp.is_dir():
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def staged() -> Iterator[list[tuple[Path, Path]]]:
    """Defer every swap of the block to its end: all outputs move into place, or none."""
    outer = _staging.get()
    if outer is not None:  # nested: the outermost block decides
        yield outer
        return
    pending: list[tuple[Path, Path]] = []
    records: dict[Path, dict[str, str]] = {}
    token = _staging.set(pending)
    records_token = _records.set(records)
    try:
        yield pending
    except BaseException:
        _staging.reset(token)
        _records.reset(records_token)
        for tmp, _ in pending:
            _discard(tmp)
        raise
    _staging.reset(token)
    _records.reset(records_token)
    with _locked([*(target.parent for _, target in pending), *records]):
        for tmp, target in pending:
            _swap(tmp, target)
        for exports, built in records.items():
            _merge_record(exports, built)


def _finish(tmp: Path, target: Path) -> None:
    pending = _staging.get()
    if _nested(target):  # inside a folder being filled: moves with it
        _swap(tmp, target)
    elif pending is None:
        with folder_lock(target.parent):
            _swap(tmp, target)
    else:
        pending.append((tmp, target))


@contextlib.contextmanager
def owned_directory(
    path: str | Path, *, inputs: Iterable[str | Path] = (), mark: bool = True
) -> Iterator[Path]:
    """Yield a fresh temporary folder that replaces ``path`` only if the block succeeds.

    ``path`` must be new, empty, or a folder teikit wrote (see :func:`check_target`). The
    new folder gets the marker (``mark=False`` for a folder whose format allows no extra
    file, such as an OCFL object; it is then owned through its marked parent); on an
    exception the temporary folder is removed and ``path`` is left untouched.
    """
    target = Path(path)
    nested = _nested(target)
    if not nested:
        check_target(target, inputs=inputs)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not nested:
        clean_stale(target.parent)
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(target.name), dir=target.parent))
    token = _open.set((*_open.get(), tmp.absolute()))
    try:
        yield tmp
        if mark and not nested:
            record = {"tool": "teikit", "input_sha256": _input_hash.get()}
            (tmp / MARKER).write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        _open.reset(token)
    _finish(tmp, target)


def write_file_now(path: str | Path, data: bytes) -> None:
    """Write ``path`` through a temporary sibling and move it into place now, for a caller
    that holds the folder's lock itself (:func:`write_file` would ask for it again)."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(p.name), suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary sibling (staged inside :func:`staged`)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.is_dir() and not p.is_symlink():
        raise OutputError("the output exists and is a folder", file=p, hint="name a file path")
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(p.name), suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _finish(Path(tmp), p)


def read_record(exports: str | Path) -> dict[str, str]:
    """{format: input hash} from an exports folder's build record ({} when absent)."""
    path = Path(exports) / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    formats = data.get("formats") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in formats.items()} if isinstance(formats, dict) else {}


def write_record(exports: str | Path, built: dict[str, str]) -> None:
    """Merge ``built`` ({format: input hash}) into the exports folder's build record: when
    the staged block ends (with its outputs), else now; under the folder's lock either way,
    so that what another process recorded meanwhile is kept."""
    records = _records.get()
    folder = Path(exports)
    if records is not None:
        records.setdefault(folder, {}).update(built)
        return
    with folder_lock(folder):
        _merge_record(folder, built)


def _merge_record(exports: Path, built: dict[str, str]) -> None:
    """Read, merge and replace the record (the caller holds ``exports``'s lock)."""
    formats = read_record(exports)
    formats.update(built)
    text = json.dumps({"tool": "teikit", "formats": dict(sorted(formats.items()))}, indent=2) + "\n"
    exports.mkdir(parents=True, exist_ok=True)
    write_file_now(exports / RECORD, text.encode("utf-8"))


class Interrupted(SystemExit):
    """Raised by the SIGTERM handler so that temporary outputs are removed on the way out."""


def install_signal_handlers() -> None:
    """Turn SIGTERM into an exception (SIGINT already is one: KeyboardInterrupt)."""

    def _on_term(signum: int, frame: Any) -> None:
        raise Interrupted(128 + signum)

    with contextlib.suppress(ValueError):  # not the main thread: leave the defaults
        signal.signal(signal.SIGTERM, _on_term)
