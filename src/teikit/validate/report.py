"""Reports of ``teikit validate``: text (grouped by file, with counts) and JSON.

The JSON form is described by ``schemas/validate-report.schema.json``; a test validates
real output against it.
"""

from __future__ import annotations

import json
from itertools import groupby

from teikit import __version__
from teikit.diagnostics import Diagnostic, Severity, counts, printable, sort_key
from teikit.validate.runner import Report


def to_dict(report: Report) -> dict:
    """The JSON-ready form of a report (see validate-report.schema.json)."""
    diags = sorted(report.diagnostics, key=sort_key)
    return {
        "tool": "teikit validate",
        "version": __version__,
        "schema": report.schema,
        "schemas": report.schemas,
        "engine": report.engine,
        "files": report.files,
        "counts": counts(diags),
        "unusable": report.unusable,
        "diagnostics": [d.to_dict() for d in diags],
    }


def render_json(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


# An info note said of more files than this (a collection declaring one remote schema) is
# listed once, with the number of the others: 2,000 copies of it hid the errors.
REPEATED_NOTES = 3


def render_text(report: Report) -> str:
    """One block per file with problems, then a summary line with the counts."""
    lines: list[str] = []
    diags = sorted(report.diagnostics, key=sort_key)
    said: dict[tuple[str, str, str | None], list[Diagnostic]] = {}
    for d in diags:
        if d.severity is Severity.INFO:
            said.setdefault((d.code, d.message, d.hint), []).append(d)
    for _file, group in groupby(diags, key=lambda d: d.file):
        for d in group:
            same = said.get((d.code, d.message, d.hint), [])
            if len(same) > REPEATED_NOTES and d.severity is Severity.INFO:
                if d is not same[0]:
                    continue
                lines.append(d.render() + f"\n    (the same note for {len(same) - 1} other file(s); "
                                          "--format json lists each)")
            else:
                lines.append(d.render())
    c = counts(diags)
    # the files with errors or warnings: an info note is no problem
    problem_files = len({d.file for d in diags if d.severity is not Severity.INFO})
    used = printable(", ".join(report.schemas))  # a schema a file names (xml-model) is the file's text
    if any(label.endswith(".rng") for label in report.schemas):
        used += f"; RELAX NG by {report.engine}"
    lines.append(
        f"{len(report.files)} file(s) validated against {report.schema} ({used}): "
        f"{c['error']} error(s), {c['warning']} warning(s) in {problem_files} file(s)"
    )
    return "\n".join(lines) + "\n"
