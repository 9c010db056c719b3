"""`teikit lint`: the five everyday editor errors reported together, one line each, with hints."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

FIVE = Path("tests") / "fixtures" / "lint" / "five-editor-errors.xml"  # as an editor passes it


def test_the_five_editor_errors_in_one_run_with_line_column_and_hint(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = CliRunner().invoke(cli, ["lint", str(FIVE)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    expected = {
        "pointers.dangling": f"{FIVE}:14:77:",      # a typo'd @ref, at the attribute
        "dates.invalid": f"{FIVE}:14:28:",          # month 13 in date/@when, at the attribute
        "pages.number-repeated": f"{FIVE}:15:9:",    # a repeated page number
        "ids.duplicate": f"{FIVE}:16:9:",           # a duplicated xml:id: reported, the file still read
        "notes.unreferenced": f"{FIVE}:20:9:",      # an orphan note
    }
    for code, where in expected.items():
        hit = [i for i, line in enumerate(lines) if line.startswith(where) and f"[{code}]" in line]
        assert hit, (code, result.output)
        assert lines[hit[0] + 1].startswith("    hint: "), (code, lines[hit[0] + 1])
    assert not [line for line in lines if line.startswith(" ") and not line.startswith("    hint: ")]
    assert "xml.duplicate-id" not in result.output  # said once, by check
    assert 'value of attribute "when"' not in result.output  # said once, by check, with a hint


def test_lint_json_and_sarif(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["lint", "--format", "json", str(FIVE)]).output)
    codes = {d["code"] for d in data["diagnostics"]}
    assert {"pointers.dangling", "ids.duplicate", "notes.unreferenced"} <= codes
    sarif = json.loads(runner.invoke(cli, ["lint", "--format", "sarif", str(FIVE)]).output)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_validate_reports_a_duplicate_id_instead_of_refusing_the_file(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(FIVE)])
    assert result.exit_code == 1, result.output
    assert "xml.duplicate-id" in result.output and "not well-formed" not in result.output


def test_standard_input_is_read_for_dash():
    data = (Path(__file__).resolve().parent / "fixtures" / "lint" / "five-editor-errors.xml").read_bytes()
    runner = CliRunner()
    linted = runner.invoke(cli, ["lint", "-"], input=data)
    assert linted.exit_code == 1 and "<stdin>:14:77: error:" in linted.output
    checked = runner.invoke(cli, ["check", "-"], input=data)
    assert checked.exit_code == 1 and "\n<stdin>:14:77: error:" in "\n" + checked.output
    assert "teikit-stdin-" not in linted.output + checked.output


def test_check_alone_reports_the_five_with_line_column_and_hint(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    result = CliRunner().invoke(cli, ["check", str(FIVE)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    for where, code in [("14:28", "dates.invalid"), ("14:77", "pointers.dangling"),
                        ("15:9", "pages.number-repeated"), ("16:9", "ids.duplicate"),
                        ("20:9", "notes.unreferenced")]:
        hit = [i for i, line in enumerate(lines)
               if line.startswith(f"{FIVE}:{where}: ") and f"[{code}]" in line]
        assert hit, (code, result.output)
        assert lines[hit[0] + 1].startswith("    hint: "), code
