"""Diagnostics as values: what validate, check and the builders report.

A :class:`Diagnostic` has a stable ``code`` (``notes.dangling-target``), a severity, a
message, a location (file, line, column, and an XPath or xml:id) and an optional hint.
Renderers turn a list of them into text (``path:line:col: severity: message [code]``) or
JSON; the checker adds SARIF. Stages return diagnostics; only the CLI prints them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum

# What a terminal would act on rather than show: C0 and C1 control characters (ESC starts a
# sequence that can rewrite the screen or the window's title; a newline would start a line
# that looks like another diagnostic) and the bidirectional controls that reorder what is
# shown ("Trojan Source"). A file name or a quoted value from a stranger's edition may hold
# any of them; in the text report each is shown as its escape.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as its escape (``\\x1b``)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem (or note) found in an input."""

    file: str
    line: int | None
    column: int | None
    severity: Severity = field(compare=False)
    code: str
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)
    xpath: str | None = field(default=None, compare=False)
    xml_id: str | None = field(default=None, compare=False)

    def render(self) -> str:
        """One line (two with a hint) for a terminal: nothing in it can start another line."""
        loc = printable(self.file)
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        text = f"{loc}: {self.severity.value}: {printable(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return {k: v for k, v in data.items() if v is not None}


def sort_key(d: Diagnostic) -> tuple:
    return (d.file, d.line or 0, d.column or 0, d.code, d.message)


def counts(diags: Iterable[Diagnostic]) -> dict[str, int]:
    c = Counter(d.severity.value for d in diags)
    return {s.value: c.get(s.value, 0) for s in Severity}


def summary_line(diags: Sequence[Diagnostic], files: int) -> str:
    c = counts(diags)
    return (
        f"{files} file(s) checked: {c['error']} error(s), {c['warning']} warning(s), "
        f"{c['info']} info"
    )


def render_text(diags: Sequence[Diagnostic]) -> str:
    """Group by file, sorted by position; one line per diagnostic."""
    return "\n".join(d.render() for d in sorted(diags, key=sort_key))


def render_json(diags: Sequence[Diagnostic], *, tool: str, files: Sequence[str]) -> str:
    payload = {
        "tool": tool,
        "files": list(files),
        "counts": counts(diags),
        "diagnostics": [d.to_dict() for d in sorted(diags, key=sort_key)],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def worst(diags: Iterable[Diagnostic]) -> Severity | None:
    ranked = sorted((d.severity for d in diags), key=lambda s: s.rank, reverse=True)
    return ranked[0] if ranked else None
