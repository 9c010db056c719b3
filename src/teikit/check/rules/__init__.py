"""Rule families: one module per family, each with a ``RULES`` table and a ``run`` function.

``RULES`` maps a stable code (``family.name``) to its severity and a one-line summary; it
is what ``--select``/``--ignore`` accept, what ``docs/checks.md`` lists (a test keeps the
two in step) and what SARIF's ``tool.driver.rules`` describes. ``run(ctx, doc)`` yields
the family's diagnostics for one checked document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from teikit.check.context import Context
from teikit.check.model import Document
from teikit.check.rules import dates, ids, index, notes, pages, pointers, typed, unused
from teikit.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


RunFn = Callable[[Context, Document], Iterable[Diagnostic]]

FAMILIES: dict[str, RunFn] = {
    "ids": ids.run,
    "pointers": pointers.run,
    "notes": notes.run,
    "index": index.run,
    "typed": typed.run,
    "unused": unused.run,
    "pages": pages.run,
    "dates": dates.run,
}

# Not a family run on documents: reported when an input cannot be used at all.
INPUT_RULES = {"input.unusable": (Severity.ERROR, "a file is not readable, not XML, unsafe or not TEI P5"),
               "input.skipped": (Severity.INFO, "XML files of a folder checked that are not TEI (another "
                                                "vocabulary's root) were left out, counted once per folder")}

RULES: dict[str, Rule] = {
    code: Rule(code, sev, summary)
    for table in (ids.RULES, pointers.RULES, notes.RULES, index.RULES, typed.RULES, unused.RULES, pages.RULES,
                  dates.RULES, INPUT_RULES)
    for code, (sev, summary) in table.items()
}
