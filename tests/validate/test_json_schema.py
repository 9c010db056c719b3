"""Every JSON Schema in schemas/ is itself valid; validate_json reports problems by path."""

from __future__ import annotations

import json

import pytest
from jsonschema.validators import validator_for

from teikit import paths
from teikit.errors import InputError
from teikit.validate.json_schema import validate_json

SCHEMA_FILES = sorted(paths.SCHEMAS_DIR.glob("*.schema.json"))


def test_there_are_json_schemas():
    assert any(p.name == "validate-report.schema.json" for p in SCHEMA_FILES)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_against_its_metaschema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    declared = schema.get("$schema", "")
    assert "2020-12" in declared or "draft-07" in declared, f"{path.name}: declare Draft 2020-12 or 7"
    validator_for(schema).check_schema(schema)  # raises SchemaError when invalid


def test_validate_json_reports_by_path():
    good = {
        "tool": "teikit validate", "version": "0.1.0", "schema": "teikit", "schemas": ["teikit.rng"],
        "engine": "jing", "files": ["a.xml"], "counts": {"error": 1, "warning": 0, "info": 0}, "unusable": [],
        "diagnostics": [
            {"file": "a.xml", "line": 3, "severity": "error", "code": "tk.isbn", "message": "bad"},
        ],
    }
    assert validate_json(good, "validate-report") == []
    bad = json.loads(json.dumps(good))
    bad["diagnostics"][0]["severity"] = "fatal"
    del bad["engine"]
    problems = validate_json(bad, "validate-report.schema.json")
    assert len(problems) == 2
    assert any(p.startswith("$.diagnostics[0].severity:") for p in problems)
    assert any("'engine' is a required property" in p for p in problems)


def test_unknown_schema_name_is_an_input_error():
    with pytest.raises(InputError, match="no such JSON Schema"):
        validate_json({}, "no-such-thing")


@pytest.mark.shared
def test_a_schema_path_works_too_such_as_the_official_csl_json(shared_dir):
    csl = shared_dir / "reference" / "csl-data.json"
    assert validate_json([{"id": "bazhanov-1990", "type": "book", "title": "Bazhanov"}], str(csl)) == []
    problems = validate_json([{"id": "x", "type": "novel"}], str(csl))
    assert len(problems) == 1 and problems[0].startswith("$[0].type: 'novel' is not one of")
