"""Printed page ranges of divisions, from the edition's ``pb`` elements."""

from __future__ import annotations

from collections.abc import Sequence

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
    ``preceding::tei:pb[last()]``), found by walking back from ``node``. Used only where
    :func:`_starts` meets a ``pb`` that holds elements (not TEI, but not to be misread)."""
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            inner = [pb for pb in sibling.iter(_PB) if locates(pb, ed)]
            if inner:
                return inner[-1]
        node = node.getparent()
    return None


def _starts(root: etree._Element, anchors: Sequence[etree._Element],
            ed: str | None) -> dict[etree._Element, etree._Element | None]:
    """For each of ``anchors`` (elements of ``root``'s tree), the nearest ``pb`` of ``ed``
    before it in document order, all in one walk of the tree. Walking back from each anchor
    instead crossed every earlier element of the book when its pages were few or none, for
    each division: 10,000 divisions without a ``pb`` took minutes."""
    wanted = set(anchors)  # lxml gives one proxy per node while it is referenced: `in` is identity
    found: dict[etree._Element, etree._Element | None] = {}
    last = None
    for el in root.iter():
        if el in wanted:
            # preceding:: excludes ancestors: a pb holding the anchor is not its page
            found[el] = _last_pb_before(el, ed) if last is not None and len(last) else last
            if len(found) == len(wanted):
                break
        if el.tag == _PB and locates(el, ed):
            last = el
    return found


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
    return page_ranges([div])[0]


def page_ranges(divs: Sequence[etree._Element]) -> list[str]:
    """:func:`page_range` of each of ``divs`` (divisions of one document), the pages before
    them found in one walk of the document."""
    if not divs:
        return []
    root = divs[0].getroottree().getroot()
    ed = pagination(root)  # pages as teikit.meaning counts them
    anchors = [first(div, "(tei:head | *[not(self::tei:pb)])[1]") for div in divs]
    starts = _starts(root, [a for a in anchors if a is not None], ed)
    return [_range(div, None if anchor is None else starts[anchor], ed)
            for div, anchor in zip(divs, anchors, strict=True)]


def _range(div: etree._Element, start: etree._Element | None, ed: str | None) -> str:
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
