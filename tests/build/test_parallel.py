"""The HTML site written by several processes (--jobs) or a Dask cluster (--executor) is
byte-identical to the one a single process writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-edition.xml"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(out: Path, *options: str, edition: Path | None = None) -> dict[str, bytes]:
    args = ["build", "html", "--out", str(out), *options]
    args += ["--edition", str(edition)] if edition else ["--edition", str(FIXTURE),
                                                         "--register", str(FIXTURE / "persons.xml")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return _files(out / "html")


def test_two_processes_write_the_same_site_as_one(tmp_path):
    one = _build(tmp_path / "one", "--jobs", "1")
    two = _build(tmp_path / "two", "--jobs", "2")
    assert len(one) > 20 and one == two
    book_one = _build(tmp_path / "book1", "--jobs", "1", edition=MINI)
    assert book_one == _build(tmp_path / "book3", "--jobs", "3", edition=MINI)


def test_a_dask_cluster_of_two_workers_writes_the_same_site(tmp_path):
    import distributed  # dask[distributed] is part of the test setup (pyproject's test extra)

    one = _build(tmp_path / "one", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        assert _build(tmp_path / "dask", "--executor", f"dask://{address}") == one


def test_an_unknown_executor_or_an_absent_scheduler_is_said(tmp_path):
    edition = tmp_path / "letters"
    shutil.copytree(FIXTURE, edition)
    out = str(tmp_path / "o")
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(edition), "--out", out,
                                      "--executor", "spark://x"])
    assert result.exit_code == 2 and "dask://HOST:PORT" in result.output
