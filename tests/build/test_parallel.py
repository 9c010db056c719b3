"""The HTML site written by several processes (--jobs) or a Dask cluster (--executor) is
byte-identical to the one a single process writes."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("address", ["spark://x", "garbage", "dask://", "dask://x:0", "dask://a b:1",
                                     "dask://x:99999"])
def test_an_unknown_executor_or_an_absent_scheduler_is_said(tmp_path, address):
    """A usage error before any work (a bad address once hung the build, or was an internal error)."""
    edition = tmp_path / "letters"
    shutil.copytree(FIXTURE, edition)
    out = str(tmp_path / "o")
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(edition), "--out", out,
                                      "--executor", address])
    assert result.exit_code == 2 and "dask://HOST:PORT" in result.output
    assert not (tmp_path / "o").exists()


def test_each_shard_writes_the_files_python_says_it_does(tmp_path):
    """parallel.shard_of (which pages a worker counts the words of) agrees with tk:my-file
    (which pages it writes): every page is written, and counted, by exactly one shard."""
    from teikit.build import BuildSettings, html, parallel
    from teikit.collection import load_collection, tei_files

    edition = load_collection(tei_files(FIXTURE), name=FIXTURE)
    written = {}
    for shard in range(3):
        folder = tmp_path / str(shard)
        html.render(edition, BuildSettings(exports_dir=tmp_path), folder, shard, 3)
        written[shard] = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    every = set().union(*written.values())
    assert len(every) > 15 and sum(len(w) for w in written.values()) == len(every)
    for shard, files in written.items():
        assert {f for f in files if parallel.shard_of(f, 3) == shard} == files


def test_workers_count_the_words_as_one_process_reads_them(tmp_path):
    from teikit.build import BuildSettings, parallel
    from teikit.build.run import build_formats
    from teikit.collection import load_collection, tei_files

    files = tei_files(FIXTURE)
    edition = load_collection(files, name=FIXTURE)
    source = parallel.Source.of(files, collection=True, name=FIXTURE)
    settings = BuildSettings(exports_dir=tmp_path / "two", jobs=2, source=source)
    run = build_formats(edition, ["html"], settings)
    (html,) = [r for r in run.results if r.format == "html"]
    assert html.words is not None  # counted by the workers
    from teikit.build import preservation

    whole = preservation.site_counts(tmp_path / "two" / "html")
    assert html.words[:2] == whole[:2]
    # the same pages' links, and those of the search and script data besides
    links = html.words.links
    assert links.ids == whole.links.ids and set(whole.links.targets) < set(links.targets)
    codes = [d.code for d in run.diagnostics]
    assert run.committed and "build.text-lost" not in codes


def test_a_finished_shards_pages_are_counted_in_tasks_any_worker_takes(tmp_path):
    """Once a shard's pages are written its words are counted in a few interleaved tasks (so a
    worker that finished early takes some of the other's): every page of that shard once, none
    of another's, and the same counts as one reading of them."""
    from concurrent.futures import ThreadPoolExecutor

    from teikit.build import BuildSettings, html, parallel, preservation
    from teikit.collection import load_collection, tei_files

    edition = load_collection(tei_files(FIXTURE), name=FIXTURE)
    site = tmp_path / "site"
    html.render(edition, BuildSettings(exports_dir=tmp_path), site)
    every = preservation.html_pages(site)
    mine = [p for p in every if parallel.shard_of(p.relative_to(site).as_posix(), 2) == 1]
    assert 0 < len(mine) < len(every)
    with ThreadPoolExecutor(2) as pool:
        tasks = parallel._count_tasks(pool, site, 1, 2)
        counted = [t.result() for t in tasks]
    assert len(tasks) == parallel.COUNTS_PER_SHARD
    words, reading, _links = preservation.page_counts(mine)
    assert sum((c[0] for c in counted), Counter()) == words
    assert sum((c[1] for c in counted), Counter()) == reading


def test_the_search_index_is_made_while_the_workers_count(tmp_path):
    """render_site's ``then`` runs once every shard's pages and search documents are written,
    before the words are all in: the index is made beside the counting, not after it."""
    from teikit.build import BuildSettings, parallel, preservation, search_index
    from teikit.collection import load_collection, tei_files

    edition = load_collection(tei_files(FIXTURE), name=FIXTURE)
    site = tmp_path / "site"
    site.mkdir()
    seen = []

    def then() -> None:
        seen.append(len(preservation.html_pages(site)))
        assert search_index.write(site) is not None  # every shard's part is there

    _, counts = parallel.render_site(edition, BuildSettings(exports_dir=tmp_path, jobs=2), site, then=then)
    assert seen == [len(preservation.html_pages(site))] and counts is not None
    assert counts == preservation.site_counts(site)


def test_a_divided_build_counts_the_tei_words_as_one_process_does(tmp_path):
    """The process that read the edition counts the TEI's words while the workers write the
    pages: the counts one process makes, word for word and in the same order (a report's
    examples are the first words by count, ties in text order, so jobs 1 and jobs N name the
    same), and the workers never read a TEI file (the edition is handed over serialized)."""
    from teikit.build import BuildSettings, parallel, preservation
    from teikit.build.run import build_formats
    from teikit.collection import load_collection, tei_files

    files = tei_files(FIXTURE)
    whole, _ = preservation.tei_words(load_collection(files, name=FIXTURE).tree)
    edition = load_collection(files, name=FIXTURE)
    settings = BuildSettings(exports_dir=tmp_path, jobs=2)  # no Source: the workers need none
    (tmp_path / "site").mkdir()
    parallel.render_site(edition, settings, tmp_path / "site")
    assert "tei_words" in edition.memo  # counted while the workers wrote
    assert not (tmp_path / "site" / parallel.HANDOVER).exists()  # the handed-over copy is gone
    counted, _ = preservation.edition_words(edition)
    assert list(counted.items()) == list(whole.items())
    run = build_formats(edition, ["html"], replace(settings, exports_dir=tmp_path / "out"))
    assert run.committed and preservation.edition_words(edition)[0] == whole


_AHEAD = """
import sys
from pathlib import Path
from teikit.build import BuildSettings, parallel
from teikit.build.run import build_formats

folder, register, out = (Path(a) for a in sys.argv[1:4])
files = [f for f in sorted(folder.glob("*.xml")) if f != register]
source = parallel.Source.of(files, [register], collection=True, name=folder)
settings = BuildSettings(exports_dir=out, jobs=2, source=source)
assert parallel.starts_ahead(settings, ["html"])
with parallel.ahead(settings, ["html"]):
    assert parallel._ahead is not None  # the workers run, and compile, before the edition is read
    run = build_formats(source.load(), ["html"], settings)
assert run.committed, run.diagnostics
(html,) = [r for r in run.results if r.format == "html"]
assert html.words is not None  # counted by the workers
print("ahead")
"""


def test_workers_started_ahead_write_the_same_site(tmp_path):
    """In a process where Saxon has not run (a fresh `teikit build html --jobs 2`), the workers
    start before the edition is read and are handed it serialized: the same site, every word
    counted. (In this test process Saxon has run, so ahead() starts nothing here.)"""
    import subprocess
    import sys

    from teikit.build import BuildSettings, parallel, preservation
    from teikit.saxon import started

    one = _build(tmp_path / "one", "--jobs", "1")
    out = tmp_path / "ahead"
    args = [str(FIXTURE), str(FIXTURE / "persons.xml"), str(out)]
    done = subprocess.run([sys.executable, "-c", _AHEAD, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "ahead" in done.stdout, done.stderr
    assert _files(out / "html") == one
    assert preservation.site_counts(out / "html") == preservation.site_counts(tmp_path / "one" / "html")
    settings = BuildSettings(exports_dir=out, jobs=2, source=parallel.Source.of([MINI], collection=False))
    assert started() and not parallel.starts_ahead(settings, ["html"])  # forks only before Saxon runs
    assert not parallel.starts_ahead(replace(settings, jobs=1), ["html"])
    assert not parallel.starts_ahead(settings, ["html", "epub"])


_AHEAD_BROKEN = """
import sys
from pathlib import Path
from teikit.build import BuildSettings, parallel
from teikit.build.run import build_formats

folder, stylesheet, out = (Path(a) for a in sys.argv[1:4])
files = [f for f in sorted(folder.glob("*.xml")) if f.name != "persons.xml"]
source = parallel.Source.of(files, collection=True, name=folder)
settings = BuildSettings(exports_dir=out, jobs=2, source=source, stylesheets={"html": stylesheet})
with parallel.ahead(settings, ["html"]):
    assert parallel._ahead is not None
    run = build_formats(source.load(), ["html"], settings)
assert not run.committed
print(" | ".join(f"{type(e).__name__}: {e}" for e in run.failures))
"""


def test_workers_started_ahead_say_why_a_stylesheet_does_not_compile(tmp_path):
    """A customization that does not compile: the workers started ahead compile it first (and
    fail), the task compiles it again and the build reports Saxon's message, as a single
    process does, instead of a broken pool."""
    import subprocess
    import sys

    broken = tmp_path / "custom.xsl"
    broken.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                      '<xsl:template match="/"><xsl:value-of select="1 +"/></xsl:template>'
                      "</xsl:stylesheet>", encoding="utf-8")
    args = [str(FIXTURE), str(broken), str(tmp_path / "out")]
    done = subprocess.run([sys.executable, "-c", _AHEAD_BROKEN, *args], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "cannot compile stylesheet" in done.stdout and "XPST0003" in done.stdout
    assert "Broken" not in done.stdout
    assert not (tmp_path / "out" / "html").exists()


def test_workers_wait_for_their_parameters_and_stop_when_the_build_does(tmp_path):
    """The workers parse the edition while the parameters are worked out: they read them
    once written whole, and give up (no endless wait) when the build removed the handover."""
    import threading
    import time

    import pytest

    from teikit.build import parallel
    from teikit.errors import TeikitError

    handover = tmp_path / parallel.HANDOVER
    handover.mkdir()
    given = {"single-page": False, "images": "a.png b.png", "citations": "[]"}
    later = threading.Timer(0.05, parallel._hand_params, (handover, given))
    later.start()
    started = time.monotonic()
    assert parallel._awaited_params(handover) == given
    assert time.monotonic() - started >= 0.04 and not list(handover.glob("*.part"))
    later.join()
    shutil.rmtree(handover)
    with pytest.raises(TeikitError, match="stopped before"):
        parallel._awaited_params(handover)


def test_a_divided_build_still_finds_c1_control_characters(tmp_path):
    """The workers are told the document holds no C1 control character only when its bytes
    hold none: an edition with some gets the same pages, and the warning, from --jobs 2."""
    from teikit.build import parallel

    edition = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "control-characters.xml"
    one = _build(tmp_path / "one", "--jobs", "1", edition=edition)
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(edition), "--out",
                                      str(tmp_path / "two"), "--jobs", "2"])
    assert result.exit_code == 0 and "render.control-characters" in result.output
    assert _files(tmp_path / "two" / "html") == one
    # the bytes are read a megabyte at a time: a character split between two reads is found
    split = tmp_path / "split.xml"
    split.write_bytes(b"<a>" + b"x" * ((1 << 20) - 4) + "\u0086</a>".encode())
    plain = tmp_path / "plain.xml"
    plain.write_bytes(b"<a>" + "\u00e9\u2020".encode() * 400_000 + b"</a>")
    assert parallel.holds_c1(split) and not parallel.holds_c1(plain)


def test_workers_started_ahead_leave_the_reading_process_a_core():
    """At most cores - 1 workers compile at once while the main process reads the files: on two
    cores one at a time; with cores to spare, or one worker, no gate at all."""
    from teikit.build import parallel

    gate = parallel.compile_gate(2, 2)
    assert gate.acquire(block=False) and not gate.acquire(block=False)
    gate.release()
    three = parallel.compile_gate(8, 4)
    assert all(three.acquire(block=False) for _ in range(3)) and not three.acquire(block=False)
    assert parallel.compile_gate(1, 2) is None and parallel.compile_gate(2, 4) is None
    assert parallel.compile_gate(4, 1) is None


def test_a_worker_that_dies_is_said_as_what_it_is_not_as_a_bug(tmp_path):
    """A worker killed mid-build (by the system, when memory runs out) breaks the pool: the build
    says so, with what to do and exit status 3, instead of an internal error."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    import pytest

    from teikit.build import BuildSettings, parallel
    from teikit.errors import EXIT_ENVIRONMENT, EnvironmentError_

    settings = BuildSettings(exports_dir=tmp_path, jobs=2)
    with (ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool,
          pytest.raises(EnvironmentError_) as said, parallel._workers_said(settings)):
        pool.submit(os._exit, 9).result()  # the worker really ends, as a killed one does
    assert "ended abruptly" in str(said.value) and "--jobs 1" in (said.value.hint or "")
    assert said.value.exit_code == EXIT_ENVIRONMENT
    with pytest.raises(ZeroDivisionError), parallel._workers_said(BuildSettings(exports_dir=tmp_path)):
        raise ZeroDivisionError  # anything else is not dressed up
