"""A simple Dublin Core record (``oai_dc:dc``) and the DSpace ``dublin_core.xml`` form of it.

Both are flattened from the same :class:`DepositMetadata` as the MODS record: title,
creator (authors), contributor (translators, editors), publisher, date, type, format,
identifier, language, relation (the print edition), rights, description.
"""

from __future__ import annotations

from lxml import etree

from teikit.deposit.metadata import DepositMetadata

DC_NS = "http://purl.org/dc/elements/1.1/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"


def _name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def _display(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return " ".join(p for p in (name.get("given"), name.get("family")) if p)


def dc_pairs(meta: DepositMetadata) -> list[tuple[str, str | None, str]]:
    """(element, DSpace qualifier or None, value) triples, in a fixed order.

    Every qualifier exists in DSpace's default Dublin Core registry, so a SAF import does
    not fail on an unknown field.
    """
    ed = meta.edition
    out: list[tuple[str, str | None, str]] = [("title", None, meta.title)]
    out += [("creator", None, _name(n)) for n in ed.get("author", [])]
    # Qualifiers are those of DSpace's default dc registry (no "translator" there): the
    # translator is contributor.other, and the role is kept in statementofresponsibility.
    out += [("contributor", "other", _name(n)) for n in ed.get("translator", [])]
    out += [("contributor", "editor", _name(n)) for n in ed.get("editor", [])]
    if ed.get("translator"):
        who = " and ".join(_display(n) for n in ed["translator"])
        out.append(("description", "statementofresponsibility", f"Translated by {who}"))
    if meta.publisher:
        out.append(("publisher", None, meta.publisher))
    out.append(("date", "issued", meta.date))
    out += [("type", None, "Text"), ("format", "mimetype", "application/tei+xml")]
    out.append(("identifier", "other", meta.identifier))
    if ed.get("DOI"):
        out.append(("identifier", "uri", f"https://doi.org/{ed['DOI']}"))
    if ed.get("URL"):
        out.append(("identifier", "uri", ed["URL"]))
    if meta.language:
        out.append(("language", "iso", meta.language))
    book = meta.print or {}
    if book.get("ISBN"):
        out.append(("relation", "isversionof", f"urn:isbn:{book['ISBN']}"))
    if meta.rights:
        out.append(("rights", None, meta.rights))
    if meta.license_url:
        out.append(("rights", "uri", meta.license_url))
    out.append(("description", "abstract", meta.description()))
    return out


def dc_element(meta: DepositMetadata) -> etree._Element:
    """``oai_dc:dc`` with unqualified ``dc:*`` children (the OAI-PMH simple DC container)."""
    root = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS})
    for element, _qualifier, value in dc_pairs(meta):
        etree.SubElement(root, f"{{{DC_NS}}}{element}").text = value
    return root


def dspace_dublin_core(meta: DepositMetadata) -> bytes:
    """The ``dublin_core.xml`` of a DSpace Simple Archive Format item."""
    root = etree.Element("dublin_core", schema="dc")
    for element, qualifier, value in dc_pairs(meta):
        if element == "creator":  # DSpace records authors as contributor.author
            element, qualifier = "contributor", "author"
        etree.SubElement(root, "dcvalue", element=element, qualifier=qualifier or "none").text = value
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
