"""Printed page ranges of divisions, from the edition's ``pb`` elements."""

from __future__ import annotations

from lxml import etree

from teikit.cite.tei import first, xp
from teikit.meaning import locates, page_number, pagination
from teikit.xmlio import TEI_NS

_PB = f"{{{TEI_NS}}}pb"


def _pages_with_text_after(div: etree._Element, ed: str | None) -> list[etree._Element]:
    """The ``pb``s of ``div`` (of the pagination ``ed``) followed by some text still inside ``div``.

    A ``pb`` at the very end of a division marks a page the division does not reach.
    """
    pbs = [pb for pb in xp(div, ".//tei:pb") if locates(pb, ed)]
    while pbs and not _text_follows(pbs[-1], div):
        pbs.pop()
    return pbs


def _last_pb_before(node: etree._Element, ed: str | None) -> etree._Element | None:
    """The nearest ``pb`` of the pagination ``ed`` before ``node`` in document order (XPath's
    ``preceding::tei:pb[last()]``), found by walking back from ``node``: ``preceding::`` listed
    every earlier ``pb`` of the book for each division, which grew with the square of its size."""
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            inner = [pb for pb in sibling.iter(_PB) if locates(pb, ed)]
            if inner:
                return inner[-1]
        node = node.getparent()
    return None


def _has_text(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and bool(node.xpath("normalize-space(.)"))


def _text_follows(pb: etree._Element, div: etree._Element) -> bool:
    """Whether any text comes after ``pb`` before ``div`` ends (walking up, not the whole tree)."""
    node = pb
    while node is not div and node is not None:
        if (node.tail or "").strip():
            return True
        for sibling in node.itersiblings():
            if _has_text(sibling) or (sibling.tail or "").strip():
                return True
        node = node.getparent()
    return False


def page_range(div: etree._Element) -> str:
    """The printed pages of a division: "45-67", "vii-xii", "45", or "" when unknown.

    The first page is the last ``pb`` before the division's first heading (which may be
    before the division, when it begins mid-page); the last is its last ``pb`` with text.
    """
    ed = pagination(div.getroottree().getroot())  # pages as teikit.meaning counts them
    anchor = first(div, "(tei:head | *[not(self::tei:pb)])[1]")
    start = None
    if anchor is not None:
        start = _last_pb_before(anchor, ed)
    inner = _pages_with_text_after(div, ed)
    if start is None and inner:
        start = inner[0]
    if start is None:
        return ""
    end = inner[-1] if inner else start
    first_n, last_n = page_number(start), page_number(end)
    if not first_n:
        return ""
    return first_n if last_n in ("", first_n) else f"{first_n}-{last_n}"
