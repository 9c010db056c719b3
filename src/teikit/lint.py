"""``teikit lint``: one report of everything wrong with some TEI files, schema and references.

It runs :func:`teikit.validate.runner.validate_paths` (the schema each file asks for, see
``--schema auto``) and :func:`teikit.check.check_paths` (cross-references) on the same files
and merges their diagnostics into one sorted list, each once: a typo'd ``@ref`` (check) and
a month 13 in ``date/@when`` (validate) are reported side by side, in the form editors jump
from (``path:line:col: severity: message [code]``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from teikit.diagnostics import Diagnostic, sort_key


@dataclass
class LintResult:
    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unusable: bool = False


_DATE_ATTRIBUTE_ERROR = re.compile(r'value of attribute "(when|from|to|notBefore|notAfter)" is invalid')


def lint_paths(paths: Sequence[str | Path], *, schema: str = "auto", registers: Sequence[str | Path] = (),
               ignore: Sequence[str] = (), project_schemas: dict[Path, str] | None = None,
               bare_ids: Sequence[str] = ()) -> LintResult:
    """Validate and check ``paths``; one merged, de-duplicated list of diagnostics."""
    import dataclasses

    from teikit.check import check_paths, matches
    from teikit.check.context import display_path
    from teikit.validate.runner import validate_paths

    checked = check_paths(list(paths), registers=registers, ignore=ignore, bare_ids=bare_ids)
    validated = validate_paths(list(paths), schema, project_schemas=project_schemas, cache_dir=None)
    seen: set[tuple] = set()
    # check's ids.duplicate already says what validate's xml.duplicate-id says
    dup_lines = {(d.file, d.line) for d in checked.diagnostics if d.code == "ids.duplicate"}
    # and check's dates.invalid says, with a hint, what the schema's datatype error says
    date_lines = {(d.file, d.line) for d in checked.diagnostics if d.code == "dates.invalid"}
    # a file that is not TEI P5 is unusable to check and invalid to validate: one message, said once
    unusable = {(d.file, d.line, d.message) for d in checked.diagnostics if d.code == "input.unusable"}
    merged: list[Diagnostic] = []
    # one spelling of each file in the report (check's: relative to the working directory)
    named = [dataclasses.replace(d, file=display_path(Path(d.file))) if Path(d.file).exists() else d
             for d in validated.diagnostics]
    for d in [*checked.diagnostics, *named]:
        if matches(d.code, [p for p in ignore if not p.startswith("@") and "/@" not in p]):
            continue
        if d.code in ("tei.p4", "tei.not-tei") and (d.file, d.line, d.message) in unusable:
            continue
        if d.code == "xml.duplicate-id" and (d.file, d.line) in dup_lines:
            continue
        if (d.code.startswith("rng.") and (d.file, d.line) in date_lines
                and _DATE_ATTRIBUTE_ERROR.match(d.message)):
            continue
        key = (d.file, d.line, d.code, d.message)
        if key not in seen:  # an unusable file is reported by both: say it once
            seen.add(key)
            merged.append(d)
    return LintResult(files=checked.files, diagnostics=sorted(merged, key=sort_key),
                      unusable=checked.unusable or bool(validated.unusable))
