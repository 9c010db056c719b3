"""Typed targets: a name points at the right kind of thing.

``persName`` at a ``person`` (or ``personGrp``/``persona``), ``placeName`` at a ``place``,
``orgName`` at an ``org``, and a bibliographic reference (``ref``/``ptr`` of ``@type`` bibl)
at a ``bibl``/``biblStruct``/``biblFull``. Only pointers that resolve are judged; external
URIs (e.g. GND) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.diagnostics import Diagnostic, Severity
from teikit.xmlio import XML_ID

RULES = {
    "typed.persname-target": (Severity.ERROR, "a persName points at something that is not a person"),
    "typed.placename-target": (Severity.ERROR, "a placeName points at something that is not a place"),
    "typed.orgname-target": (Severity.ERROR, "an orgName points at something that is not an organisation"),
    "typed.bibl-target": (Severity.ERROR, "a bibliographic reference points at no bibliography entry"),
}

# element name -> (attributes judged, kinds accepted, code)
_EXPECT = {
    "persName": (("ref", "key"), {"person", "personGrp", "persona"}, "typed.persname-target"),
    "placeName": (("ref", "key"), {"place"}, "typed.placename-target"),
    "orgName": (("ref", "key"), {"org"}, "typed.orgname-target"),
}
_BIBL = ({"bibl", "biblStruct", "biblFull"}, "typed.bibl-target")
_BIBL_TYPES = {"bibl", "biblio", "bibliography", "biblref"}


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    for p, res in ctx.resolved(doc):
        if res.target is None or res.status != "ok":
            continue
        name = local_name(p.element)
        expect = _EXPECT.get(name)
        if expect and p.attr in expect[0]:
            kinds, code = expect[1], expect[2]
        elif name in ("ref", "ptr") and p.attr == "target" and p.element.get("type") in _BIBL_TYPES:
            kinds, code = _BIBL
        else:
            continue
        got = local_name(res.target)
        if got not in kinds:
            wanted = " or ".join(f"<{k}>" for k in sorted(kinds))
            yield make(doc, p.element, code, Severity.ERROR,
                       f"<{name} {p.attr}={p.value!r}> points at a <{got}> (#{res.target.get(XML_ID)}), "
                       f"expected {wanted}",
                       "point it at the right entry of the person, place, organisation or bibliography list",
                       attr=p.attr)
