"""`teikit deposit` end to end: bad headers refused cleanly, missing parts explained,
and a full deposit that runs the real html/epub/csv builders in-process."""

from __future__ import annotations

import json

import bagit
from click.testing import CliRunner

from teikit import paths
from teikit.cli import cli
from tests.deposit.conftest import HEADER_FIXTURE, MINI

WITHOUT_BUILT = ["--without", "html", "--without", "epub", "--without", "csv"]


def _without(source: bytes, old: bytes) -> bytes:
    assert old in source
    return source.replace(old, b"")


def _run(*args: str):
    return CliRunner().invoke(cli, ["deposit", *args])


def test_missing_identifier_names_the_element_and_writes_nothing(tmp_path):
    bad = tmp_path / "no-idno.xml"
    bad.write_bytes(_without(MINI.read_bytes(), b'<idno type="teikit">mini-edition</idno>'))
    exports = tmp_path / "exports"
    previous = exports / "deposit" / "old.txt"
    previous.parent.mkdir(parents=True)
    previous.write_text("previous deposit")
    result = _run(str(bad), "--exports", str(exports), *WITHOUT_BUILT)
    assert result.exit_code == 2
    assert "publicationStmt/idno" in result.output
    assert f"{bad}:14:" in result.output  # the publicationStmt's line
    assert 'hint: add <idno type="teikit">' in result.output
    assert previous.read_text() == "previous deposit"
    assert sorted(p.name for p in exports.iterdir()) == ["deposit"]  # no temporary left behind


def test_missing_title_is_refused(tmp_path):
    bad = tmp_path / "no-title.xml"
    source = MINI.read_bytes()
    source = _without(source, b'<title type="main">A Small Memoir</title>')
    bad.write_bytes(_without(source, b'<title type="sub">A teikit test edition</title>'))
    result = _run(str(bad), "--exports", str(tmp_path), *WITHOUT_BUILT)
    assert result.exit_code == 2
    assert "fileDesc/titleStmt/title" in result.output
    assert not (tmp_path / "deposit").exists()


def test_missing_date_is_refused_unless_source_date_epoch(tmp_path, monkeypatch):
    bad = tmp_path / "no-date.xml"
    bad.write_bytes(_without(MINI.read_bytes(), b'<date when="2026-11-26">2026-11-26</date>'))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = _run(str(bad), "--exports", str(tmp_path), *WITHOUT_BUILT)
    assert result.exit_code == 2, result.output
    assert "publicationStmt/date/@when" in result.output
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = _run(str(bad), "--exports", str(tmp_path), *WITHOUT_BUILT)
    assert result.exit_code == 0, result.output
    assert bagit.Bag(str(tmp_path / "deposit" / "no-date")).info["Bagging-Date"] == "2023-11-14"


def test_missing_built_output_says_what_to_run(tmp_path):
    result = _run(str(MINI), "--exports", str(tmp_path), "--without", "epub", "--without", "csv")
    assert result.exit_code == 2
    assert "the html output is missing" in result.output
    assert "teikit build html" in result.output and "--without html" in result.output


def test_outputs_in_exports_are_bagged_as_they_are(tmp_path):
    exports = tmp_path / "exports"
    (exports / "html" / "chapters").mkdir(parents=True)
    (exports / "html" / "index.html").write_text("<!DOCTYPE html><title>x</title>")
    (exports / "html" / "chapters" / "ch01.html").write_text("<!DOCTYPE html><title>1</title>")
    (exports / "mini-edition.epub").write_bytes(b"PK\x03\x04 not really")
    (exports / "csv").mkdir()
    (exports / "csv" / "persons.csv").write_text("id,name\r\n")
    result = _run(str(MINI), "--exports", str(exports), "--format", "json")
    assert result.exit_code == 0, result.output
    data = exports / "deposit" / "mini-edition" / "data"
    for rel in ("html/index.html", "html/chapters/ch01.html", "epub/mini-edition.epub", "csv/persons.csv"):
        assert (data / rel).is_file(), rel
    report = json.loads(result.stdout)
    assert report["outputs"] == [str(exports / "deposit" / "mini-edition")]


def test_full_deposit_of_the_edition_runs_the_real_builders(tmp_path):
    exports = tmp_path / "exports"
    result = _run(str(paths.EDITION), "--exports", str(exports), "--build", "--zip", "--dspace")
    assert result.exit_code == 0, result.output
    bag_dir = exports / "deposit" / "bazhanov"
    data = bag_dir / "data"
    assert (data / "tei" / "bazhanov.xml").read_bytes() == paths.EDITION.read_bytes()
    assert (data / "html" / "index.html").is_file()
    assert list((data / "epub").glob("*.epub"))
    assert list((data / "csv").glob("*.csv"))
    assert list((data / "citations").glob("*.ris"))
    bag = bagit.Bag(str(bag_dir))
    assert bag.validate(fast=False)
    assert bag.info["External-Identifier"] == "teikit-bazhanov-1990"
    verify = _run("--verify", str(exports / "deposit" / "bazhanov.zip"))
    assert verify.exit_code == 0, verify.output
    contents = (exports / "deposit" / "dspace" / "item_000" / "contents").read_text()
    assert "bazhanov.epub\tbundle:ORIGINAL" in contents and "html.zip\tbundle:ORIGINAL" in contents
    # what teikit built is linked into the bag, not copied; the TEI (which an editor may
    # change in place) is a copy
    built = exports / "html" / "index.html"
    assert (data / "html" / "index.html").stat().st_ino == built.stat().st_ino
    assert (data / "tei" / "bazhanov.xml").stat().st_ino != paths.EDITION.stat().st_ino


def test_header_fixture_deposit_via_cli(tmp_path):
    result = _run(str(HEADER_FIXTURE), "--exports", str(tmp_path), *WITHOUT_BUILT, "--checksum", "sha256")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "deposit" / "bazhanov-header").glob("manifest-*")) == [
        "manifest-sha256.txt"]
