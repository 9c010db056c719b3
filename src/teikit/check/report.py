"""Rendering a check for people and programs: grouped text, and JSON (schemas/check-report.schema.json)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence

from teikit import __version__
from teikit.diagnostics import Diagnostic, Severity, counts, printable, sort_key, summary_line


def render_text(diags: Sequence[Diagnostic], files: Sequence[str], show: Severity = Severity.INFO) -> str:
    """One unindented ``path:line:col: severity: message [code]`` line per problem, in file
    and position order (editors and CI problem matchers jump to it), its hint and place in
    the file on the lines below; then the counts by file and rule, and a summary line.

    Rules whose severity is below ``show`` keep their count line but their items are not
    listed, so a long tail of information does not bury the problems."""
    ordered = sorted(diags, key=sort_key)
    lines = [_render(d) for d in ordered if d.severity.rank >= show.rank]
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in ordered:
        by_file[d.file].append(d)
    if lines and by_file:
        lines.append("")
    if len(by_file) > PER_FILE_COUNTS:
        # a collection: one count per rule over all files (a block per file of a thousand
        # letters would bury the totals)
        lines += _rule_counts(ordered, show, by_files=True)
    else:
        for file in sorted(by_file):
            lines.append(f"{printable(file)}: {_count_phrase(by_file[file])}")
            lines += _rule_counts(by_file[file], show)
    lines.append(summary_line(diags, len(files)))
    return "\n".join(lines)


# Above this many files with problems, the counts are given by rule for all files at once.
PER_FILE_COUNTS = 10


def _rule_counts(diags: Sequence[Diagnostic], show: Severity, by_files: bool = False) -> list[str]:
    by_code: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diags:
        by_code[d.code].append(d)
    out = []
    for code in sorted(by_code, key=lambda c: (-by_code[c][0].severity.rank, c)):
        group = by_code[code]
        severity = group[0].severity
        hidden = "" if severity.rank >= show.rank else f" (not listed: --show {severity.value} lists them)"
        where = f" in {len({d.file for d in group})} file(s)" if by_files else ""
        out.append(f"  [{code}] {severity.value}, {len(group)}{where}{hidden}")
    return out


def _render(d: Diagnostic) -> str:
    """One diagnostic with where it is inside the file: a file written on one line (as
    generated TEI often is) gives every problem the same line, so the XPath follows."""
    text = d.render()
    if d.xpath:
        text += f"\n    at: {d.xpath}" + (f" (#{d.xml_id})" if d.xml_id else "")
    return text


def _count_phrase(diags: Sequence[Diagnostic]) -> str:
    c = Counter(d.severity.value for d in diags)
    return ", ".join(f"{c[s]} {s}" for s in ("error", "warning", "info") if c[s])


def to_json(diags: Sequence[Diagnostic], files: Sequence[str]) -> dict:
    by_code = Counter(d.code for d in diags)
    return {
        "tool": "teikit check",
        "version": __version__,
        "files": list(files),
        "counts": counts(diags),
        "rules": dict(sorted(by_code.items())),
        "diagnostics": [d.to_dict() for d in sorted(diags, key=sort_key)],
    }


def render_json(diags: Sequence[Diagnostic], files: Sequence[str]) -> str:
    return json.dumps(to_json(diags, files), indent=2, ensure_ascii=False, sort_keys=False)
