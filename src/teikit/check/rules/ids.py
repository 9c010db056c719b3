"""IDs: every ``xml:id`` is unique and a valid NCName."""

from __future__ import annotations

import re
from collections.abc import Iterator

from teikit.check.context import Context, make
from teikit.check.model import Document
from teikit.diagnostics import Diagnostic, Severity

RULES = {
    "ids.duplicate": (Severity.ERROR, "an xml:id is used by more than one element"),
    "ids.not-ncname": (Severity.ERROR, "an xml:id is not a valid NCName (XML name without ':')"),
}

# XML 1.0 NCName, approximated with Unicode classes: a letter or '_' first, then letters,
# digits, '.', '-', '_', combining marks. Good enough to catch spaces, ':' and leading digits.
NCNAME = re.compile(r"^[^\W\d][\w.\-\u00b7\u0300-\u036f\u203f\u2040]*$")


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    for xml_id, el in doc.duplicate_ids:
        first = doc.ids[xml_id]
        yield make(
            doc, el, "ids.duplicate", Severity.ERROR,
            f"duplicate xml:id {xml_id!r} (first used on line {first.sourceline})",
            "give one of the two elements another ID and update the pointers that meant it",
        )
    for xml_id, el in list(doc.ids.items()) + doc.duplicate_ids:
        name = xml_id.strip()
        if not NCNAME.match(xml_id) and name != xml_id and NCNAME.match(name):
            # a name with a space around it (EVT's Codice Pelavicino: xml:id="AlbertusCruce "):
            # the hint about letters and digits did not say where the fault was
            yield make(
                doc, el, "ids.not-ncname", Severity.ERROR,
                f"xml:id {xml_id!r} has white space around the name {name!r}",
                f'write xml:id="{name}": a pointer "#{name}" names no ID with a space in it',
            )
        elif not NCNAME.match(xml_id):
            yield make(
                doc, el, "ids.not-ncname", Severity.ERROR,
                f"xml:id {xml_id!r} is not a valid NCName",
                "start with a letter or '_', and use only letters, digits, '.', '-' and '_'",
            )
