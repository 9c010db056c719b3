"""Derive ``schemas/teikit.rng`` from ``schemas/teikit.odd`` and TEI's ``tei_all.rng``.

The TEI's own ODD processor (the TEI Stylesheets) is not on PyPI, so teikit reads the small
part of ODD its customization uses and writes a RELAX NG grammar that ``<include>``s
tei_all.rng and overrides each changed element. Only *narrowing* changes are understood:

- ``attDef usage="req"``: an optional attribute becomes required;
- ``valList type="closed"``: the attribute's datatype becomes a choice of values;
- ``datatype`` with a ``dataRef`` (optionally ``@restriction``) or inline RELAX NG, which the
  ODD uses to allow only XSD types that tei_all allows there, further restricted by patterns.

The override copies tei_all's element definition with its attribute classes expanded in
place (so one attribute can be changed without touching the class other elements share)
and changes only those attributes. Everything else (content models, other elements) is
tei_all's, which is why a document valid against teikit.rng is valid against tei_all; the
tests check that on the edition and every valid fixture.

Regenerate after editing the ODD::

    .venv/bin/python -m teikit.validate.customization
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.errors import InputError
from teikit.validate import schemas

RNG_NS = "http://relaxng.org/ns/structure/1.0"
ANN_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
TEI = f"{{{xmlio.TEI_NS}}}"
RNG = f"{{{RNG_NS}}}"
HEADER = " Generated from teikit.odd by `python -m teikit.validate.customization`; do not edit. "


def _defines(grammar: etree._ElementTree) -> dict[str, etree._Element]:
    return {d.get("name"): d for d in grammar.getroot().iter(f"{RNG}define")}


def _expand_attribute_classes(element: etree._Element, defines: dict[str, etree._Element]) -> None:
    """Replace every ``ref`` to an ``att.*`` define with that define's (expanded) content."""
    while True:
        refs = [r for r in element.iter(f"{RNG}ref") if r.get("name", "").startswith("att.")]
        if not refs:
            return
        for ref in refs:
            body = defines[ref.get("name")]
            parent = ref.getparent()
            index = parent.index(ref)
            parent.remove(ref)
            for offset, child in enumerate(c for c in body if isinstance(c.tag, str)):
                parent.insert(index + offset, copy.deepcopy(child))


def _own_attribute(element: etree._Element, name: str, spec_path: str) -> etree._Element:
    """The ``attribute`` pattern called ``name`` that belongs to ``element`` itself."""
    found = [
        a for a in element.iter(f"{RNG}attribute")
        if a.get("name") == name and next(a.iterancestors(f"{RNG}element")) is element
    ]
    if len(found) != 1:
        raise InputError(
            f"{spec_path}: tei_all gives <{element.get('name')}> {len(found)} attribute(s) named {name!r}; "
            "the customization can only change an existing attribute",
            file=schemas.TEIKIT_ODD,
        )
    return found[0]


def _replace_datatype(attribute: etree._Element, pattern: etree._Element) -> None:
    for child in list(attribute):
        if isinstance(child.tag, str) and not child.tag.startswith(f"{{{ANN_NS}}}"):
            attribute.remove(child)
    attribute.append(pattern)


def _closed_values(val_list: etree._Element) -> etree._Element:
    choice = etree.Element(f"{RNG}choice")
    for item in val_list.iter(f"{TEI}valItem"):
        etree.SubElement(choice, f"{RNG}value").text = item.get("ident")
    return choice


def _restricted_types(datatype: etree._Element) -> etree._Element:
    """The datatype's pattern: a ``dataRef`` (with optional pattern) or inline RELAX NG."""
    ref = datatype.find(f"{TEI}dataRef")
    if ref is None:
        inline = [c for c in datatype if isinstance(c.tag, str) and c.tag.startswith(RNG)]
        if len(inline) != 1:
            raise InputError("a datatype needs one dataRef or one RELAX NG pattern", file=schemas.TEIKIT_ODD)
        return copy.deepcopy(inline[0])
    data = etree.Element(f"{RNG}data", type=ref.get("name"))
    if ref.get("restriction"):
        etree.SubElement(data, f"{RNG}param", name="pattern").text = ref.get("restriction")
    return data


def _apply_att_def(element: etree._Element, att_def: etree._Element, spec_path: str) -> None:
    attribute = _own_attribute(element, att_def.get("ident"), spec_path)
    val_list = att_def.find(f"{TEI}valList[@type='closed']")
    if val_list is not None:
        _replace_datatype(attribute, _closed_values(val_list))
    datatype = att_def.find(f"{TEI}datatype")
    if datatype is not None:
        _replace_datatype(attribute, _restricted_types(datatype))
    parent = attribute.getparent()
    if att_def.get("usage") == "req" and parent.tag == f"{RNG}optional":
        parent.getparent().replace(parent, attribute)


def _override(spec: etree._Element, defines: dict[str, etree._Element]) -> etree._Element:
    ident = spec.get("ident")
    if ident not in defines:
        raise InputError(f"elementSpec {ident!r}: tei_all has no such element", file=schemas.TEIKIT_ODD)
    define = copy.deepcopy(defines[ident])
    element = define.find(f"{RNG}element")
    _expand_attribute_classes(element, defines)
    for att_def in spec.iter(f"{TEI}attDef"):
        _apply_att_def(element, att_def, f"elementSpec {ident}")
    return define


def generate(odd_path: Path | None = None, tei_all_path: Path | None = None) -> bytes:
    """The RELAX NG grammar teikit.odd stands for, as bytes (deterministic)."""
    odd = xmlio.parse_file(odd_path or schemas.TEIKIT_ODD)
    tei_all_path = tei_all_path or schemas.require_tei_all()
    defines = _defines(xmlio.parse_file(tei_all_path))
    grammar = etree.Element(
        f"{RNG}grammar", nsmap={None: RNG_NS, "a": ANN_NS}, datatypeLibrary=XSD_DATATYPES, ns=xmlio.TEI_NS
    )
    grammar.append(etree.Comment(HEADER))
    href = os.path.relpath(tei_all_path, schemas.TEIKIT_RNG.parent)
    include = etree.SubElement(grammar, f"{RNG}include", href=Path(href).as_posix())
    for spec in odd.iter(f"{TEI}elementSpec"):
        if spec.get("mode") == "change":
            include.append(_override(spec, defines))
    for el in grammar.iter():
        if el.tail is not None and not el.tail.strip():
            el.tail = None
        if isinstance(el.tag, str) and el.text is not None and not el.text.strip():
            el.text = None
    etree.cleanup_namespaces(grammar, top_nsmap={None: RNG_NS, "a": ANN_NS})
    return etree.tostring(grammar, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def main() -> int:
    """Write schemas/teikit.rng (atomically)."""
    xmlio.atomic_write_bytes(schemas.TEIKIT_RNG, generate())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
