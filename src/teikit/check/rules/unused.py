"""Entries nothing points at: persons, places, organisations, bibliography entries (information).

Registers given with ``--register`` are not reported on; their entries are meant for
many documents.
"""

from __future__ import annotations

from collections.abc import Iterator

from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.diagnostics import Diagnostic, Severity

RULES = {
    "unused.person": (Severity.INFO, "a person with an xml:id that nothing points at"),
    "unused.place": (Severity.INFO, "a place with an xml:id that nothing points at"),
    "unused.org": (Severity.INFO, "an organisation with an xml:id that nothing points at"),
    "unused.bibl": (Severity.INFO, "a bibliography entry with an xml:id that nothing points at"),
}

_KINDS = {
    "person": ("unused.person", "person"), "personGrp": ("unused.person", "person group"),
    "place": ("unused.place", "place"), "org": ("unused.org", "organisation"),
    "bibl": ("unused.bibl", "bibliography entry"), "biblStruct": ("unused.bibl", "bibliography entry"),
    "biblFull": ("unused.bibl", "bibliography entry"),
}


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    for xml_id, el in doc.ids.items():
        kind = _KINDS.get(local_name(el))
        if kind is None or ctx.incoming(el):
            continue
        code, label = kind
        yield make(doc, el, code, Severity.INFO, f"{label} #{xml_id} is not referenced anywhere",
                   "link its mentions (ref/@key), or remove the entry if it is not needed")
