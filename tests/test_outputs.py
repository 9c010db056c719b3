"""Output folders: teikit never deletes what it did not write, builds are all or nothing,
interrupted builds leave nothing behind, and deposit refuses outputs of different inputs.

Each test drives the real command (click's runner or a real subprocess) on real fixtures.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit import outputs
from teikit.build import BUILDERS, BuildSettings
from teikit.build.run import build_formats
from teikit.cli import cli
from teikit.edition import Edition
from teikit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini-edition.xml"
HEADER = ROOT / "tests" / "cite" / "fixtures" / "bazhanov-header.xml"
MEMOIR = ROOT / "tei" / "bazhanov.xml"


def _users_folder(path: Path) -> Path:
    (path / "sub").mkdir(parents=True)
    (path / "thesis.txt").write_text("three years of work\n")
    (path / "sub" / "notes.md").write_text("# notes\n")
    return path


def _assert_untouched(path: Path) -> None:
    assert (path / "thesis.txt").read_text() == "three years of work\n"
    assert (path / "sub" / "notes.md").read_text() == "# notes\n"
    assert not [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if outputs._TEMP_NAME.match(p.name))


@pytest.mark.parametrize("command", [["cite", str(HEADER)], ["deposit", str(HEADER), "--without", "html",
                                                              "--without", "epub", "--without", "csv"]])
def test_a_users_folder_is_refused_not_emptied(tmp_path, command):
    mine = _users_folder(tmp_path / "mine")
    result = CliRunner().invoke(cli, [*command, "-o", str(mine)])
    assert result.exit_code == 2, result.output
    assert "not empty and was not written by teikit" in result.output and "hint:" in result.output
    _assert_untouched(mine)


def test_build_refuses_a_users_html_folder(tmp_path):
    _users_folder(tmp_path / "out" / "html")
    args = ["build", "html", "--edition", str(MINI), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    _assert_untouched(tmp_path / "out" / "html")


def test_a_folder_teikit_wrote_is_replaced(tmp_path):
    out = tmp_path / "cites"
    runner = CliRunner()
    assert runner.invoke(cli, ["cite", str(HEADER), "-o", str(out)]).exit_code == 0
    assert outputs.marker_of(out)["input_sha256"] == outputs.content_hash(HEADER)
    (out / "stale.ris").write_text("from an earlier run")  # inside teikit's folder: teikit's to replace
    assert runner.invoke(cli, ["cite", str(HEADER), "-o", str(out)]).exit_code == 0
    assert not (out / "stale.ris").exists()


def test_output_naming_a_file_is_refused(tmp_path):
    target = tmp_path / "thesis.txt"
    target.write_text("keep me")
    result = CliRunner().invoke(cli, ["cite", str(HEADER), "-o", str(target)])
    assert result.exit_code == 2 and "is not a folder" in result.output
    assert target.read_text() == "keep me"


def test_deposit_into_its_own_exports_is_refused(tmp_path):
    exports = tmp_path / "x"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "html", "--edition", str(MINI), "--out", str(exports)]).exit_code == 0
    before = sorted(p.relative_to(exports) for p in exports.rglob("*"))
    result = runner.invoke(cli, ["deposit", str(MINI), "--exports", str(exports), "-o", str(exports),
                                 "--without", "epub", "--without", "csv"])
    assert result.exit_code == 2, result.output
    assert "would replace an input" in result.output
    assert sorted(p.relative_to(exports) for p in exports.rglob("*")) == before


class _Failing:
    """A builder that fails on its input, as a real one does on a bad document."""

    @staticmethod
    def build(edition, out_dir, settings):
        raise InputError("this builder cannot use the input", file=edition.path, line=1)


def test_a_failing_format_keeps_every_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "exports"
    settings = BuildSettings(exports_dir=out)
    first = build_formats(Edition.load(MINI), ["html", "csv"], settings)
    assert first.committed
    page = next((out / "html").glob("*.html"))
    page.write_text("previous build")
    monkeypatch.setitem(BUILDERS, "failing", "tests.test_outputs")
    monkeypatch.setattr(sys.modules[__name__], "build", _Failing.build, raising=False)
    run = build_formats(Edition.load(MINI), ["html", "failing", "csv"], settings)
    assert not run.committed
    assert [r.format for r in run.results][:3] == ["html", "failing", "csv"]  # every builder attempted
    codes = [d.code for d in run.diagnostics]
    assert "build.failed" in codes and "build.kept-previous" in codes
    assert page.read_text() == "previous build"  # html not replaced although it succeeded
    assert _temporaries(out) == []


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".html.{dead.pid}.abcd"
    (stale / "sub").mkdir(parents=True)
    (stale / "sub" / "page.html").write_text("partial")
    live = out / f".csv.{os.getpid()}.efgh"  # a running process's: left alone
    live.mkdir()
    build_formats(Edition.load(MINI), ["csv"], BuildSettings(exports_dir=out))
    assert not stale.exists() and live.exists()


def test_a_temporary_is_read_by_its_last_number_whatever_the_name_holds(tmp_path):
    # an edition named "3.140.xml" stages ".3.140.epub.PID.RANDOM.tmp": its pid was read as 140
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = [f".3.140.epub.{os.getpid()}.k2j3h4g5.tmp", f".3.140.{os.getpid()}.12345678",
            f".2.1.1.454.epub.old-{os.getpid()}.x", f".a.{os.getpid()}.00000000.tmp"]
    stale = [f".3.140.epub.{dead.pid}.k2j3h4g5.tmp", f".3.140.html.{dead.pid}.abcdefgh"]
    for name in live + stale:
        (tmp_path / name).write_text("x")
    assert sorted(p.name for p in outputs.clean_stale(tmp_path)) == sorted(stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(live)


def test_an_edition_named_with_numbers_builds_every_format(tmp_path):
    # EpiDoc corpora name inscriptions by number ("3.140.xml"): the CSV's staging deleted
    # the EPUB staged before it, and the build failed with "No such file or directory"
    source = tmp_path / "3.140.xml"
    shutil.copyfile(MINI, source)
    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["build", "epub", "csv", "--edition", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "3.140.epub").is_file() and (out / "csv").is_dir()


@pytest.mark.skipif(not MEMOIR.is_file(), reason="the bundled edition is part of the checkout")
@pytest.mark.parametrize("delay", [0.5, 1.0, 2.0])
def test_sigterm_during_build_all_leaves_no_temporary(tmp_path, delay):
    out = tmp_path / "exports"
    cmd = [sys.executable, "-m", "teikit", "build", "all", "--edition", str(MEMOIR), "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    if out.exists():
        assert _temporaries(out) == [], "the interrupted build left temporaries"
    # The next build runs cleanly and leaves none either.
    subprocess.run([*cmd[:4], "csv", *cmd[5:]], check=True, capture_output=True)
    assert _temporaries(out) == []


def test_deposit_refuses_outputs_of_another_input(tmp_path):
    exports = tmp_path / "exports"
    edition = tmp_path / "edition.xml"
    shutil.copyfile(MINI, edition)
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "html", "csv", "--edition", str(edition),
                               "--out", str(exports)]).exit_code == 0
    assert outputs.read_record(exports) == {"html": outputs.content_hash(edition),
                                            "csv": outputs.content_hash(edition)}
    edition.write_bytes(edition.read_bytes().replace(b"</body>", b"<p>A new paragraph.</p></body>", 1))
    result = runner.invoke(cli, ["deposit", str(edition), "--exports", str(exports), "--without", "epub"])
    assert result.exit_code == 2, result.output
    assert "another version of the edition" in result.output
    assert not (exports / "deposit").exists()


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    if os.geteuid() == 0:
        target = Path("/proc/version/out")  # not a folder even for root
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "out"
    result = CliRunner().invoke(cli, ["cite", str(HEADER), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "teikit: error:" in result.output


class _FullDisk:
    """A file object whose writes fail as on a full disk (the fault injected at the write call)."""

    def __init__(self, fd: int, mode: str) -> None:
        os.close(fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def write(self, data: bytes) -> int:
        import errno

        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("command", [["build", "epub", "--edition", str(MINI), "--force"],
                                     ["cite", str(MINI)]])
def test_a_full_disk_is_a_message_and_keeps_the_previous_output(tmp_path, monkeypatch, command):
    out = tmp_path / "out"
    runner = CliRunner()
    target = ["--out", str(out)] if command[0] == "build" else ["-o", str(out / "citations")]
    args = [*command, *target]
    assert runner.invoke(cli, args).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real_fdopen = os.fdopen  # the inputs are still read (xmlio.read_bytes opens them by descriptor too)

    def fdopen(fd: int, mode: str = "r", *args: object, **kwargs: object) -> object:
        return _FullDisk(fd, mode) if "w" in mode else real_fdopen(fd, mode, *args, **kwargs)

    monkeypatch.setattr(outputs.os, "fdopen", fdopen)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in out.rglob(".*") if outputs._TEMP_NAME.match(p.name)]


# --- two processes writing into one folder (outputs.folder_lock) ---------------------------

# Another teikit process holding ``folder``'s lock (exclusive, or shared with "shared"),
# recording a CSV build made from input "theirs" while it holds it (as a build of another
# edition would at its end); it says "locked" and holds on until its stdin closes.
_HOLDER = """
import sys
from pathlib import Path
from teikit import outputs
folder, mode = Path(sys.argv[1]), sys.argv[2]
with outputs.folder_lock(folder, shared=mode == "shared"):
    if mode == "record":
        outputs._merge_record(folder, {"csv": "theirs"})
    print("locked", flush=True)
    sys.stdin.read()
"""


def _holder(folder: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder), mode], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def test_a_build_moves_its_outputs_in_only_when_the_other_process_is_done(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    other = _holder(exports, "record")

    def build() -> None:
        with outputs.staged():
            with outputs.owned_directory(exports / "html") as tmp:
                (tmp / "index.html").write_text("ours")
            outputs.write_record(exports, {"html": "ours"})

    worker = threading.Thread(target=build)
    worker.start()
    worker.join(timeout=1.0)
    # the other process holds the folder: nothing of ours has moved in yet
    assert worker.is_alive() and not (exports / "html").exists()
    _release(other)
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert (exports / "html" / "index.html").read_text() == "ours"
    # merged when our outputs moved in, under the lock: the other build's record is kept
    # (read when the block began, it would have been lost)
    assert outputs.read_record(exports) == {"csv": "theirs", "html": "ours"}


def test_a_lock_names_the_folder_not_the_path_and_leaves_nothing_in_it(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    alias = tmp_path / "alias"
    alias.symlink_to(folder)
    same = tmp_path / "." / "exports"
    assert outputs._lock_file(folder) == outputs._lock_file(alias) == outputs._lock_file(same)
    assert outputs._lock_file(folder) != outputs._lock_file(tmp_path)
    with outputs.folder_lock(alias):
        pass
    assert list(folder.iterdir()) == []


def test_readers_share_a_folder_and_a_writer_waits_for_them(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    reader = _holder(exports, "shared")
    with outputs.folder_lock(exports, shared=True):  # a second reader is not kept waiting
        pass
    wrote = threading.Event()

    def write() -> None:
        outputs.write_record(exports, {"html": "x"})
        wrote.set()

    threading.Thread(target=write, daemon=True).start()
    assert not wrote.wait(timeout=1.0)
    _release(reader)
    assert wrote.wait(timeout=30)


def test_deposit_waits_for_a_build_moving_outputs_into_its_exports(tmp_path):
    exports = tmp_path / "exports"
    runner = CliRunner()
    built = runner.invoke(cli, ["build", "html", "csv", "--edition", str(MINI), "--out", str(exports)])
    assert built.exit_code == 0
    other = _holder(exports, "exclusive")
    cmd = [sys.executable, "-m", "teikit", "deposit", str(MINI), "--exports", str(exports),
           "--without", "epub", "-o", str(tmp_path / "bag")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(outputs.LOCK_WAIT_NOTICE + 1.5)
    assert proc.poll() is None and not (tmp_path / "bag").exists()
    _release(other)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert f"teikit: waiting for another teikit process writing into or reading from {exports}" in err
    assert (tmp_path / "bag").is_dir()
