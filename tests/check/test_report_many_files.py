"""A check of many files (a collection) counts by rule over all files, not a block per file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from teikit.check.report import PER_FILE_COUNTS, render_text
from teikit.diagnostics import Diagnostic, Severity


def _d(file: str, code: str) -> Diagnostic:
    return Diagnostic(file, 1, 1, Severity.ERROR, code, "a problem")


def test_few_files_are_counted_file_by_file() -> None:
    diags = [_d("a.xml", "pointers.dangling"), _d("b.xml", "pointers.dangling")]
    text = render_text(diags, ["a.xml", "b.xml"])
    assert "a.xml: 1 error\n  [pointers.dangling] error, 1" in text


def test_many_files_are_counted_by_rule() -> None:
    files = [f"L{i:03}.xml" for i in range(PER_FILE_COUNTS + 5)]
    diags = [_d(f, "pointers.dangling") for f in files] + [_d(files[0], "ids.duplicate")]
    text = render_text(diags, files)
    assert f"  [pointers.dangling] error, {len(files)} in {len(files)} file(s)" in text
    assert "  [ids.duplicate] error, 1 in 1 file(s)" in text
    assert "L000.xml: " not in text.replace("L000.xml:1:1", "")
    assert text.endswith(f"{len(files)} file(s) checked: {len(files) + 1} error(s), 0 warning(s), 0 info")


def test_the_rules_divided_among_processes_say_what_one_process_says(monkeypatch):
    """check --jobs N: forked workers take consecutive files (they inherit them already read);
    the diagnostics, cross-file ones included, are the same and in the same order."""
    import teikit.check as check

    fixtures = Path(__file__).parent.parent / "fixtures"
    files = sorted((fixtures / "check").glob("*.xml")) + sorted((fixtures / "letters").glob("*.xml"))
    one = check.check_paths(files, jobs=1)
    monkeypatch.setattr(check, "PARALLEL_BYTES", 1)  # divide even these small files
    for jobs in (2, 3):
        many = check.check_paths(files, jobs=jobs)
        assert many.diagnostics == one.diagnostics and len(one.diagnostics) > 40


def _killed(start: int, stop: int) -> list:
    os.kill(os.getpid(), signal.SIGKILL)  # as the system's out-of-memory killer ends a process
    return []


def test_a_check_worker_that_dies_is_said_as_what_it_is(monkeypatch):
    """A worker killed mid-check is not "an internal error, a bug in teikit": the check says a
    worker ended abruptly and that --jobs 1 needs the least memory (exit status 3)."""
    import teikit.check as check
    from teikit.errors import EnvironmentError_

    files = sorted((Path(__file__).parent.parent / "fixtures" / "letters").glob("*.xml"))
    monkeypatch.setattr(check, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(check, "_rules_for", _killed)  # the worker itself really dies
    with pytest.raises(EnvironmentError_) as said:
        check.check_paths(files, jobs=2)
    assert "ended abruptly" in str(said.value) and "--jobs 1" in (said.value.hint or "")
