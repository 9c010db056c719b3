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
# An ISO date (a year of at least four digits, signed before the common era) at the start of
# an attribute or of a date's text ("2016-10-10T16:34:28Z", "-0044-03-15").
_ISO = re.compile(r"^\s*(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(?![\d])")
_SPACE = re.compile(r"\s+")
# A catalogue heading's life dates: "(1780-1863)" or, as library headings write them,
# ", 1561-1626." / ", b. 1920" / ", d. 1450".
_LIFE_DATES = re.compile(
    r",?\s*\((?:b\.|d\.|fl\.|ca?\.|\s|\d|[-–?])+\)\.?$"
    r"|,\s*(?:(?:b\.|d\.|fl\.|ca?\.)\s*)?\d{3,4}\??(?:\s*[-–]\s*(?:(?:ca?\.\s*)?\d{3,4}\??)?)?\.?$")
# What a name element holds beside the name: contact details and identifiers, never read as the name.
_NOT_NAME = {f"{{{TEI_NS}}}{local}" for local in ("email", "address", "affiliation", "idno", "note", "ptr")}
# Punctuation the ISBD puts between the areas of a catalogue record ("Ann Arbor, MI ;",
# "Text Creation Partnership,"): not part of the value.
_ISBD_TAIL = re.compile(r"\s*[,:;/=]\s*$")


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


def isbd(value: str) -> str:
    """``value`` without the ISBD punctuation a catalogue record ends an area with."""
    return _ISBD_TAIL.sub("", value)


def _name_scope(node: etree._Element) -> etree._Element:
    """``node`` without the e-mail, address, affiliation and identifiers it may hold beside the name."""
    if not any(child.tag in _NOT_NAME for child in node.iter()):
        return node
    copy = etree.fromstring(etree.tostring(node, with_tail=False))
    for child in [c for c in copy.iter() if c.tag in _NOT_NAME]:
        parent = child.getparent()
        if parent is not None:
            if child.tail:  # the text after it stays
                prev = child.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + child.tail
                else:
                    parent.text = (parent.text or "") + child.tail
            parent.remove(child)
    return copy


def csl_name(node: etree._Element) -> dict[str, str]:
    """A TEI person or organisation name (author, editor, persName, orgName) as a CSL name."""
    pers = first(node, "descendant-or-self::tei:persName[1]")
    scope = _name_scope(pers if pers is not None else node)
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


def _iso_parts(value: str | None) -> list[int] | None:
    match = _ISO.match(value or "")
    return [int(g) for g in match.groups() if g] if match else None


def date_parts(node: etree._Element | None) -> list[int] | None:
    """``[year, month?, day?]`` from ``@when`` (or ``@notBefore``/``@from``) or the text: an ISO
    date the text starts with in full ("2016-10-10T16:34:28Z"), else the first year in it."""
    if node is None:
        return None
    for attr in ("when", "when-iso", "from", "from-iso", "notBefore", "notBefore-iso"):
        parts = _iso_parts(node.get(attr))
        if parts:
            return parts
    written = text(node)
    parts = _iso_parts(written)
    if parts:
        return parts
    match = _YEAR.search(written)
    return [int(match.group(1))] if match else None


def _end_parts(node: etree._Element) -> list[int] | None:
    """The end of a date's interval: ``@to`` / ``@notAfter`` (without ``@when``)."""
    if node.get("when") or node.get("when-iso"):
        return None
    for attr in ("to", "to-iso", "notAfter", "notAfter-iso"):
        parts = _iso_parts(node.get(attr))
        if parts:
            return parts
    return None


def csl_date(node: etree._Element | None) -> dict | None:
    """A CSL date: one day, month or year, or a range from ``@from``/``@notBefore`` to
    ``@to``/``@notAfter`` (citeproc prints "1350–1400"); a date known only as not after a
    day is that day, ``circa``."""
    if node is None:
        return None
    parts = date_parts(node)
    end = _end_parts(node)
    if parts and end and end != parts:
        return {"date-parts": [parts, end]}
    if parts:
        return {"date-parts": [parts]}
    if end:
        return {"date-parts": [end], "circa": True}
    return None


def idnos(node: etree._Element | None) -> dict[str, str]:
    """``idno`` children of ``node`` by ``@type`` (first of each type, untyped as "")."""
    found: dict[str, str] = {}
    if node is None:
        return found
    # An idno may group others (<idno><idno type="URN">…</idno>…</idno>, as the DTA writes):
    # the grouped ones are read, never the group's run-together text.
    for idno in xp(node, "tei:idno[not(tei:idno)] | tei:idno/tei:idno[not(tei:idno)]"):
        found.setdefault(idno.get("type", ""), text(idno))
    return found


def isbn(ids: dict[str, str]) -> str | None:
    """The preferred ISBN: ISBN-13, then ISBN-10, then any ISBN-ish type."""
    for key in ("ISBN-13", "ISBN13", "ISBN-10", "ISBN10", "ISBN", "isbn"):
        if ids.get(key):
            return ids[key]
    return None


# What a respStmt's resp says when its people are the editors (MARC relator "edt" in @key/@ref).
_EDITOR_RESPS = {"editor", "editors", "edited by", "ed", "eds", "herausgeber", "herausgeberin",
                 "herausgeberinnen", "hrsg", "herausgegeben von", "éditeur", "éditrice", "édité par",
                 "editore", "a cura di", "editora", "editorial direction"}


def is_editor(resp_stmt: etree._Element) -> bool:
    """A ``respStmt`` whose ``resp`` is the editors' ("Editor", "Hrsg.", relator ``edt``)."""
    for resp in xp(resp_stmt, "tei:resp"):
        if text(resp).lower().rstrip(".: ") in _EDITOR_RESPS:
            return True
        if any((resp.get(a) or "").rstrip("/").rsplit("/", 1)[-1] == "edt" for a in ("key", "ref")):
            return True
    return False


def is_translator(resp_stmt: etree._Element) -> bool:
    """A ``respStmt`` (or ``editor``) whose role is translation."""
    role = " ".join(
        [text(r) for r in xp(resp_stmt, "tei:resp")]
        + [resp_stmt.get("role", ""), *(r.get("key", "") for r in xp(resp_stmt, "tei:resp"))]
    )
    return "transl" in role.lower() or role.strip().lower() in {"trl", "trans"}


def _lang(node: etree._Element) -> str:
    found = node.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else ""


def responsible(node: etree._Element) -> list[etree._Element]:
    """The named agents of a respStmt or editor (persName/orgName/name, else the element)."""
    named = xp(node, "tei:persName | tei:orgName | tei:name")
    return named or [node]


def persons(node: etree._Element) -> list[etree._Element]:
    """The people an ``author`` or ``editor`` names: one, or each of its names when it holds
    several in one language (``<editor><name>Müller, M.</name><name>Susen, G.</name></editor>``).
    Names in different languages are one person's (``persName xml:lang="ru"`` and ``"en"``)."""
    named = xp(node, "tei:persName | tei:orgName | tei:name")
    if len(named) > 1 and len({_lang(n) for n in named}) == 1:
        return named
    return [node]


def agent_name(node: etree._Element | None) -> str:
    """A publisher's (distributor's, authority's) name: its name child when it has one, since
    it may also hold an email or address that would run into the name ("(KNAW)info@…")."""
    if node is None:
        return ""
    named = xp(node, "(tei:name | tei:orgName | tei:persName)[normalize-space()]")
    if not named:
        return isbd(text(_name_scope(node)))
    # The parts of a hierarchy (department, library, university) are all the publisher's; the
    # same name in another language is not another part.
    lang = _lang(named[0])
    return isbd(", ".join(text(n) for n in named if _lang(n) == lang))
