"""SARIF 2.1.0 output, so code-hosting sites show check problems inline in a file.

One run, the tool ``teikit check`` with every rule of :data:`teikit.check.rules.RULES`
described; one result per diagnostic, located by an artifact URI relative to the
working directory (``uriBaseId`` ``%SRCROOT%``), a line and, as a logical location,
the XPath of the element.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from teikit import __version__
from teikit.check.rules import RULES
from teikit.diagnostics import Diagnostic, Severity, sort_key

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(file: str) -> str:
    return Path(file).as_posix()


def _result(d: Diagnostic, rule_index: dict[str, int]) -> dict:
    physical: dict = {"artifactLocation": {"uri": _uri(d.file), "uriBaseId": "%SRCROOT%"}}
    if d.line is not None:
        physical["region"] = {"startLine": d.line}
    location: dict = {"physicalLocation": physical}
    if d.xpath:
        location["logicalLocations"] = [{"fullyQualifiedName": d.xpath, "kind": "element"}]
    text = d.message + (f" Hint: {d.hint}" if d.hint else "")
    result: dict[str, object] = {
        "ruleId": d.code,
        "level": _LEVEL[d.severity],
        "message": {"text": text},
        "locations": [location],
    }
    if d.code in rule_index:
        result["ruleIndex"] = rule_index[d.code]
    return result


def to_sarif(diags: Sequence[Diagnostic], files: Sequence[str]) -> dict:
    codes = sorted(RULES)
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": code.replace(".", "-"),
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": _LEVEL[RULES[code].severity]},
        }
        for code in codes
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "teikit check", "version": __version__, "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(f), "uriBaseId": "%SRCROOT%"}} for f in files],
            "results": [_result(d, rule_index) for d in sorted(diags, key=sort_key)],
            "columnKind": "unicodeCodePoints",
        }],
    }


def render_sarif(diags: Sequence[Diagnostic], files: Sequence[str]) -> str:
    return json.dumps(to_sarif(diags, files), indent=2, ensure_ascii=False)
