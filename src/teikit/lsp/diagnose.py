"""Diagnostics for the text in the editor: teikit's checker run on it, placed to the character.

:func:`check_text` runs the same rule families as ``teikit check`` on the text as typed
(not the file on disk), with files it points to and any registers loaded from disk as
``teikit check --registers`` would. A text that is not well-formed XML yields the parser's
one diagnostic. :func:`place` turns a diagnostic's line (and column, when the checker gives
one) into the exact span of the id or pointer value it is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from teikit import xmlio
from teikit.check import paused_gc
from teikit.check.context import Context
from teikit.check.model import Document, DocumentSet
from teikit.check.rules import FAMILIES
from teikit.diagnostics import Diagnostic, Severity, sort_key
from teikit.errors import InputError
from teikit.lsp.scan import Index, Span

_DECLARED_ENCODING = re.compile(r"""(^\s*<\?xml[^>]*?\sencoding\s*=\s*["'])[^"']*(["'])""")


def check_text(
    text: str, path: Path, registers: Iterable[Path] = ()
) -> tuple[list[Diagnostic], Document | None]:
    """Check ``text`` as if it were the content of ``path``: (diagnostics, the parsed document)."""
    name = str(path)
    # The editor hands over decoded text: re-encoded as UTF-8, it must not claim another encoding.
    data = _DECLARED_ENCODING.sub(r"\g<1>UTF-8\g<2>", text, count=1).encode("utf-8")
    try:
        tree = xmlio.parse_bytes(data, name, collect_ids=False)
    except InputError as exc:
        return [Diagnostic(name, exc.line, exc.column, Severity.ERROR, "input.unusable", exc.message,
                           exc.hint)], None
    if not xmlio.is_tei(tree):
        return [], None  # not TEI: nothing for teikit to say (other XML may be open too)
    with paused_gc():
        docs = DocumentSet()
        for reg in registers:
            try:
                docs.add(reg, str(reg), register=True)
            except InputError as exc:
                return [Diagnostic(str(reg), exc.line, exc.column, Severity.ERROR, "input.unusable",
                                   f"register {reg}: {exc.message}", exc.hint)], None
        doc = Document(path=path.resolve(), name=name, tree=tree)
        # columns from the editor's buffer, never from the file on disk (it may be unsaved)
        doc.use_source(data)
        doc._index()  # the checker's own indexing of ids and pointers, on the in-memory tree
        docs.checked.append(doc)
        ctx = Context(docs)
        found = [d for run in FAMILIES.values() for d in run(ctx, doc)]
    return sorted(found, key=sort_key), doc


def place(diag: Diagnostic, index: Index, lines: list[str]) -> Span:
    """The span a diagnostic is about, on its line (0-based).

    The checker names the value at fault in its message ("@ref points at #pers-stalinn"):
    the id or pointer token on that line whose value the message quotes is the span. Failing
    that, the checker's column, else the line's text from its first non-blank character.
    """
    line = max((diag.line or 1) - 1, 0)
    text = lines[line] if line < len(lines) else ""
    on_line = [t for t in index.tokens() if t.span.line == line and t.value and t.value in diag.message]
    if on_line:
        best = max(on_line, key=lambda t: len(t.value))
        return best.span
    start = (diag.column - 1) if diag.column else len(text) - len(text.lstrip())
    end = len(text.rstrip("\r\n"))
    return Span(line, min(start, end), max(end, start))
