"""`teikit cite` end to end: files written, bad headers refused, previous output kept."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "bazhanov-header.xml"
NO_TITLE = b"""<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><author>Someone</author></titleStmt>
    </fileDesc>
  </teiHeader>
</TEI>
"""


def test_cite_writes_every_format(tmp_path):
    out = tmp_path / "citations"
    result = CliRunner().invoke(cli, ["cite", str(FIXTURE), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if p.name != ".teikit-output")
    assert names == sorted([
        "bazhanov-header.json", "bazhanov-header.bib", "bazhanov-header-bibtex.bib", "bazhanov-header.ris",
        "bazhanov-header-bibliography.json", "bazhanov-header-bibliography.bib",
        "bazhanov-header-bibliography-bibtex.bib", "bazhanov-header-bibliography.ris",
    ])
    report = json.loads(result.stdout)
    assert report["counts"]["bazhanov-header.json"] == 9
    assert report["counts"]["bazhanov-header-bibliography.ris"] == 3


def test_cite_is_deterministic(tmp_path):
    runs = []
    for name in ("a", "b"):
        CliRunner().invoke(cli, ["cite", str(FIXTURE), "-o", str(tmp_path / name)])
        runs.append({p.name: p.read_bytes() for p in (tmp_path / name).iterdir()})
    assert runs[0] == runs[1]


def test_missing_title_names_the_element_and_keeps_previous_output(tmp_path):
    out = tmp_path / "citations"
    out.mkdir()
    (out / "previous.json").write_text("[]")
    bad = tmp_path / "bad.xml"
    bad.write_bytes(NO_TITLE)
    result = CliRunner().invoke(cli, ["cite", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{bad}:5:" in result.output
    assert "fileDesc/titleStmt/title" in result.output
    assert "hint:" in result.output
    assert [p.name for p in out.iterdir()] == ["previous.json"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_only_selects_formats(tmp_path):
    out = tmp_path / "c"
    result = CliRunner().invoke(cli, ["cite", str(FIXTURE), "-o", str(out), "--only", "ris"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir() if p.name != ".teikit-output") == [".ris", ".ris"]


def test_unwritable_output_is_a_message_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    result = CliRunner().invoke(cli, ["cite", str(FIXTURE), "-o", str(blocker / "citations")])
    assert result.exit_code == 2
    assert "cannot write the output" in result.output
    assert "Traceback" not in result.output
