"""JSON Schema validation of the JSON files teikit writes, for producers' tests.

``validate_json(data, "validate-report")`` checks ``data`` against
``schemas/validate-report.schema.json`` and returns the problems as readable strings
(empty when valid). The schema itself is checked against its metaschema first.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema.validators import validator_for

from teikit.errors import InputError
from teikit.validate import schemas


def schema_path(schema_name: str) -> Path:
    """``schemas/<name>.schema.json`` (a path or a name with the suffix is accepted too)."""
    p = Path(schema_name)
    if p.suffix == ".json" and p.is_file():
        return p
    name = schema_name.removesuffix(".json").removesuffix(".schema")
    return schemas.SCHEMAS_DIR / f"{name}.schema.json"


@cache
def _validator(path: Path) -> Any:
    if not path.is_file():
        raise InputError("no such JSON Schema", file=path, hint="see schemas/*.schema.json for the names")
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the JSON Schema: {exc}", file=path) from exc
    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate_json(data: Any, schema_name: str) -> list[str]:
    """Problems of ``data`` against the named schema, as ``"<json path>: <message>"`` strings."""
    validator = _validator(schema_path(schema_name).resolve())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{e.json_path}: {e.message}" for e in errors]
