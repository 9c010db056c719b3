"""Small readers for TEI bibliographic markup, shared by the citation and deposit code.

They turn TEI elements (``persName``, ``author``, ``imprint``, ``date``, ``idno``) into the
plain values CSL-JSON uses, and degrade gracefully on any TEI P5 header: a name without
``surname`` becomes ``{"literal": ...}``, a date without ``@when`` is read from its text.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.meaning import reading_text
from teikit.xmlio import NSMAP, TEI_NS

_YEAR = re.compile(r"\b(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")
_SPACE = re.compile(r"\s+")
_LIFE_DATES = re.compile(r",?\s*\((?:b\.|d\.|fl\.|ca?\.|\s|\d|[-–?])+\)\.?$")


def tei(local: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{local}"


def xp(node: etree._Element, path: str) -> list:
    """XPath with the ``tei:`` prefix bound."""
    return node.xpath(path, namespaces=NSMAP)


def first(node: etree._Element | None, path: str) -> etree._Element | None:
    """The first element ``path`` selects under ``node``, or None."""
    if node is None:
        return None
    found = xp(node, path)
    return found[0] if found else None


def text(node: etree._Element | None) -> str:
    """The text a reader sees in the element, white space normalised ("" for None):
    :func:`teikit.meaning.reading_text` (a ``choice``'s corrected/regularised/expanded
    branch, so OCR repairs read as the edition prints them; no notes, no page furniture)."""
    return reading_text(node)


def csl_name(node: etree._Element) -> dict[str, str]:
    """A TEI person or organisation name (author, editor, persName, orgName) as a CSL name."""
    pers = first(node, "descendant-or-self::tei:persName[1]")
    scope = pers if pers is not None else node
    surnames = xp(scope, ".//tei:surname")
    if surnames:
        family = " ".join(text(s) for s in surnames)
        given = " ".join(text(f) for f in xp(scope, ".//tei:forename"))
        name = {"family": family}
        if given:
            name["given"] = given
        return name
    # A catalogue heading's life dates are not part of the name: "Trollope, Frances (1780-1863)."
    literal = _LIFE_DATES.sub("", text(scope))
    if first(node, "descendant-or-self::tei:orgName") is None and "," in literal:
        # "Brook-Shepherd, Gordon" as printed in many bibliographies.
        family, given = (part.strip() for part in literal.split(",", 1))
        if family and given:
            return {"family": family, "given": given}
    return {"literal": literal}


def date_parts(node: etree._Element | None) -> list[int] | None:
    """``[year, month?, day?]`` from ``@when`` (or ``@notBefore``/``@from``) or the text."""
    if node is None:
        return None
    for attr in ("when", "when-iso", "from", "notBefore"):
        value = node.get(attr)
        if value:
            match = _YEAR.search(value)
            if match:
                return [int(g) for g in match.groups() if g]
    match = _YEAR.search(text(node))
    return [int(match.group(1))] if match else None


def csl_date(node: etree._Element | None) -> dict | None:
    parts = date_parts(node)
    return {"date-parts": [parts]} if parts else None


def idnos(node: etree._Element | None) -> dict[str, str]:
    """``idno`` children of ``node`` by ``@type`` (first of each type, untyped as "")."""
    found: dict[str, str] = {}
    if node is None:
        return found
    for idno in xp(node, "tei:idno"):
        found.setdefault(idno.get("type", ""), text(idno))
    return found


def isbn(ids: dict[str, str]) -> str | None:
    """The preferred ISBN: ISBN-13, then ISBN-10, then any ISBN-ish type."""
    for key in ("ISBN-13", "ISBN13", "ISBN-10", "ISBN10", "ISBN", "isbn"):
        if ids.get(key):
            return ids[key]
    return None


def is_translator(resp_stmt: etree._Element) -> bool:
    """A ``respStmt`` (or ``editor``) whose role is translation."""
    role = " ".join(
        [text(r) for r in xp(resp_stmt, "tei:resp")]
        + [resp_stmt.get("role", ""), *(r.get("key", "") for r in xp(resp_stmt, "tei:resp"))]
    )
    return "transl" in role.lower() or role.strip().lower() in {"trl", "trans"}


def responsible(node: etree._Element) -> list[etree._Element]:
    """The named agents of a respStmt or editor (persName/orgName/name, else the element)."""
    named = xp(node, "tei:persName | tei:orgName | tei:name")
    return named or [node]


def agent_name(node: etree._Element | None) -> str:
    """A publisher's (distributor's, authority's) name: its name child when it has one, since
    it may also hold an email or address that would run into the name ("(KNAW)info@…")."""
    if node is None:
        return ""
    named = first(node, "(tei:name | tei:orgName | tei:persName)[normalize-space()]")
    return text(named if named is not None else node)
