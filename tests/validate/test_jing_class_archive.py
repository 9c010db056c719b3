"""Jing's class archive (class data sharing): written by a first run, mapped by the next,
never changing a verdict; an archive the JVM cannot map is removed and the run repeated."""

from __future__ import annotations

import pytest

from teikit.validate import jing
from teikit.validate.runner import validate_paths
from tests.validate.conftest import INVALID, VALID

FILES = VALID[:2] + [p for p in INVALID if p.stem.startswith("rng-")][:3]


def _verdicts(files):
    report = validate_paths(files, "teikit", engine="jing", cache_dir=None)
    return sorted((d.file, d.line, d.column, d.message)
                  for d in report.diagnostics if d.code.startswith("rng"))


@pytest.fixture
def archive_dir(tmp_path, monkeypatch):
    folder = tmp_path / "jing"
    monkeypatch.setattr(jing, "CLASS_ARCHIVE_DIR", folder)
    return folder


@pytest.mark.java
def test_first_run_writes_the_archive_the_next_maps(archive_dir, tmp_path):
    first = _verdicts(FILES)
    archives = list(archive_dir.glob("*.jsa"))
    assert len(archives) == 1 and archives[0].stat().st_size > 0
    assert oct(archives[0].stat().st_mode & 0o777) == "0o600"
    options, used, to_write = jing._sharing(tmp_path)
    assert used == archives[0] and to_write is None
    assert f"-XX:SharedArchiveFile={archives[0]}" in options
    assert _verdicts(FILES) == first
    assert first, "the invalid fixtures should give RELAX NG errors"


@pytest.mark.java
def test_an_archive_the_jvm_cannot_map_is_removed_and_the_run_repeated(archive_dir, tmp_path):
    first = _verdicts(FILES)
    archive = next(archive_dir.glob("*.jsa"))
    archive.write_bytes(archive.read_bytes()[:5000])  # truncated: the JVM crashes mapping it
    assert _verdicts(FILES) == first
    assert not archive.exists()
    assert _verdicts(FILES) == first and archive.exists()  # written again


@pytest.mark.java
def test_an_archive_others_may_write_is_not_used(archive_dir, tmp_path):
    _verdicts(FILES)
    archive = next(archive_dir.glob("*.jsa"))
    archive.chmod(0o666)
    options, used, _ = jing._sharing(tmp_path)
    assert used is None and not any(o.startswith("-XX:SharedArchiveFile") for o in options)


def test_alternatives_are_listed_in_one_order_whatever_order_jing_gives():
    """Jing lists a datatype's alternatives in hash-set order (another with each JVM and class
    archive): the same file must give the same message."""
    head = 'value of attribute "from" is invalid; '
    orders = [
        "must be an ISO date, must be a year or must be an ISO year and month",
        "must be a year, must be an ISO year and month or must be an ISO date",
        "must be an ISO year and month, must be a year or must be an ISO date",
    ]
    assert {jing.in_order(head + m) for m in orders} == {
        head + "must be a year, must be an ISO date or must be an ISO year and month"}
    assert jing.in_order('element "x" not allowed here') == 'element "x" not allowed here'
    assert jing.in_order("x is invalid; must be a year") == "x is invalid; must be a year"
