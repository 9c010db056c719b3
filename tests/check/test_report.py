"""Report formats: grouped text, JSON valid against our schema, SARIF valid against SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from teikit import paths
from teikit.check import check_paths
from teikit.check.report import render_json, render_text
from teikit.check.sarif import render_sarif

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"
SARIF_SCHEMA = paths.PROJECT_ROOT / ".cache" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def result():
    names = ["notes.number-gap.xml", "ids.duplicate.xml", "unused.person.xml"]
    return check_paths([FIXTURES / n for n in names])


def test_text_lists_problems_unindented_then_counts_by_file_and_rule(result):
    text = render_text(result.diagnostics, result.files)
    lines = text.splitlines()
    assert lines[-1] == "3 file(s) checked: 2 error(s), 0 warning(s), 3 info"
    # one unindented path:line:col line per problem, so editors and problem matchers jump to it
    gap = next(i for i, line in enumerate(lines) if line.endswith("[notes.number-gap]"))
    assert re.match(r"^\S*notes\.number-gap\.xml:27:\d+: error: note 4 follows note 2: 3 missing "
                    r"\[notes\.number-gap\]$", lines[gap])
    where = "/tei:TEI/tei:text[1]/tei:back[1]/tei:div[1]/tei:div[1]/tei:note[3]"
    assert f"    at: {where} (#ch01-n04)" in lines[gap + 1:gap + 3]
    indented = ("    hint: ", "    at: ", "  [")
    assert not [line for line in lines if line.startswith(" ") and not line.startswith(indented)]
    counts = next(i for i, line in enumerate(lines) if line.endswith("notes.number-gap.xml: 1 error"))
    assert lines[counts + 1] == "  [notes.number-gap] error, 1"
    assert any(line.endswith("unused.person.xml: 3 info") for line in lines)


def test_clean_text_is_only_the_summary():
    res = check_paths([Path(__file__).parent.parent / "fixtures" / "mini-edition.xml"])
    assert render_text(res.diagnostics, res.files) == "1 file(s) checked: 0 error(s), 0 warning(s), 0 info"


def test_json_is_valid_against_its_schema(result, project_root):
    schema = json.loads((project_root / "schemas" / "check-report.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(render_json(result.diagnostics, result.files))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["counts"] == {"error": 2, "warning": 0, "info": 3}
    assert data["rules"]["ids.duplicate"] == 1
    dup = next(d for d in data["diagnostics"] if d["code"] == "ids.duplicate")
    assert dup["line"] == 15 and dup["xml_id"] == "a" and dup["xpath"].startswith("/")


def test_json_schema_rejects_a_report_without_diagnostics(project_root):
    schema = json.loads((project_root / "schemas" / "check-report.schema.json").read_text("utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tool": "teikit check", "files": []}, schema)


def _sarif_schema() -> dict:
    if not SARIF_SCHEMA.is_file():
        pytest.fail(f"{SARIF_SCHEMA} is missing: run scripts/setup.sh (it fetches the SARIF 2.1.0 schema)")
    return json.loads(SARIF_SCHEMA.read_text("utf-8"))


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(result):
    schema = _sarif_schema()
    data = json.loads(render_sarif(result.diagnostics, result.files))
    jsonschema.Draft4Validator(schema).validate(data)
    run = data["runs"][0]
    assert data["version"] == "2.1.0"
    rules = run["tool"]["driver"]["rules"]
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["ids.duplicate"] == "error" and levels["unused.person"] == "note"
    gap = next(r for r in run["results"] if r["ruleId"] == "notes.number-gap")
    assert gap["locations"][0]["physicalLocation"]["region"]["startLine"] == 27


def test_sarif_schema_catches_a_broken_log():
    schema = _sarif_schema()
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_every_fixture_report_is_valid_json_and_sarif(project_root):
    """All rules at once, including file-level diagnostics (no line) and unusable input."""
    schema = json.loads((project_root / "schemas" / "check-report.schema.json").read_text("utf-8"))
    res = check_paths(sorted(FIXTURES.glob("*.xml")))
    data = json.loads(render_json(res.diagnostics, res.files))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert any("line" not in d for d in data["diagnostics"])
    jsonschema.Draft4Validator(_sarif_schema()).validate(json.loads(render_sarif(res.diagnostics, res.files)))
