"""Ingest pass `pages`: an inferred ``pb`` for every printed page whose marker is missing.

The source lacks about 49 page markers (7, 11, 19, ...). Between two recorded page
breaks *a* and *b* (same numbering, roman or arabic) the pages *a+1 … b-1* are missing;
each gets ``<pb n=".." xml:id="p.." type="inferred" cert="low" resp="#teikit"/>``.

Where: the text between *a* and *b* is taken to be spread evenly over the pages, so page
*a+i* ideally starts at the fraction i/(m+1) of it (m pages missing), counted in
characters. The break is put at the candidate place nearest that point, in order:

1. a *joint* — a place where the structure pass rejoined a paragraph the extraction
   broke with no page marker (``<?teikit-joint?>``); a missing page marker is the
   likeliest cause of such a break — or the heading of a top-level division (which
   begins a new page in print): these get a bonus of a third of a page;
2. the start of a block (paragraph, heading, note, list item, table row).

Joints not used are removed. The pass is idempotent: run again after the index pass
(which adds the page breaks of its region) it fills only the gaps still open.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from teikit import xmlio
from teikit.ingest.context import IngestContext
from teikit.ingest.flow import JOINT, pb_element
from teikit.ingest.typography import RESP

T = f"{{{xmlio.TEI_NS}}}"
BLOCKS = {T + name for name in ("p", "head", "note", "item", "row", "argument", "figure")}
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
          ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
JOINT_BONUS = 1 / 3


def to_roman(n: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def from_roman(text: str) -> int:
    values = dict(_ROMAN)
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        total += -v if i + 1 < len(text) and values[text[i + 1]] > v else v
    return total


def page_number(n: str) -> tuple[bool, int] | None:
    """(roman?, value) of a page's @n, or None if it is neither."""
    if n.isdigit():
        return False, int(n)
    if n and set(n) <= set("ivxlcdm"):
        return True, from_roman(n)
    return None


@dataclass
class Spot:
    """A place in document order where a page break may go."""

    offset: int  # characters of text before it
    node: etree._Element  # a joint PI, a block element (insert before it) or a pb
    joint: bool = False
    strong: bool = False  # a joint or a top-level division's heading: favoured


def spots(root: etree._Element) -> list[Spot]:
    """Page breaks, joints and block starts under ``root``, with their text offsets."""
    out: list[Spot] = []
    count = 0

    def walk(el: etree._Element) -> None:
        nonlocal count
        if isinstance(el, etree._ProcessingInstruction):
            if el.target == JOINT:
                out.append(Spot(count, el, joint=True, strong=True))
        elif isinstance(el.tag, str):
            if el.tag == T + "pb" or el.tag in BLOCKS:
                out.append(Spot(count, el, strong=_opens_division(el)))
            count += len(el.text or "")
            for child in el:
                walk(child)
                count += len(child.tail or "")

    walk(root)
    return out


def _opens_division(el: etree._Element) -> bool:
    div = el.getparent()
    part = div.getparent() if div is not None else None
    return (el.tag == T + "head" and div is not None and div.tag == T + "div" and part is not None
            and part.tag in (T + "front", T + "body", T + "back") and div.find(T + "head") is el)


def _inferred(n: str) -> etree._Element:
    pb = pb_element(n)
    pb.set("type", "inferred")
    pb.set("cert", "low")
    pb.set("resp", RESP)
    return pb


def _place(spot: Spot, pb: etree._Element) -> None:
    node = spot.node
    parent = node.getparent()
    if spot.joint:
        pb.tail = node.tail
        parent.replace(node, pb)
    else:
        parent.insert(parent.index(node), pb)


def _fill_gap(all_spots: list[Spot], a: int, b: int, numbers: list[str]) -> None:
    """Place inferred breaks for ``numbers`` between spots ``a`` and ``b`` (indexes)."""
    start, end = all_spots[a].offset, all_spots[b].offset
    page = max(end - start, 1) / (len(numbers) + 1)
    lo = a + 1
    for i, n in enumerate(numbers, start=1):
        ideal = start + page * i
        # Leave room for the pages still to place after this one.
        candidates = [k for k in range(lo, b - (len(numbers) - i))
                      if all_spots[k].node.tag != T + "pb"]
        if not candidates:
            _before_pb(all_spots[b], _inferred(n))
            continue

        def score(k: int, ideal: float = ideal) -> float:
            return _score(all_spots[k], ideal, page)

        best = min(candidates, key=score)
        _place(all_spots[best], _inferred(n))
        lo = best + 1


def _score(spot: Spot, ideal: float, page: float) -> float:
    """Distance from the ideal place, joints favoured (see the module docstring)."""
    return abs(spot.offset - ideal) - (page * JOINT_BONUS if spot.strong else 0)


def _before_pb(spot: Spot, pb: etree._Element) -> None:
    parent = spot.node.getparent()
    parent.insert(parent.index(spot.node), pb)


def _remove_joints(root: etree._Element) -> None:
    for pi in list(root.iter(etree.ProcessingInstruction)):
        if pi.target != JOINT:
            continue
        parent = pi.getparent()
        prev = pi.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + (pi.tail or "")
        else:
            parent.text = (parent.text or "") + (pi.tail or "")
        parent.remove(pi)


def infer(root: etree._Element) -> list[str]:
    """Add inferred page breaks under ``root``; return their numbers."""
    all_spots = spots(root)
    pbs = [(k, page_number(s.node.get("n", ""))) for k, s in enumerate(all_spots)
           if s.node.tag == T + "pb"]
    added: list[str] = []
    for roman in (True, False):
        series = [(k, v) for k, num in pbs if num is not None and num[0] is roman for v in (num[1],)]
        for (a, va), (b, vb) in zip(series, series[1:], strict=False):
            if vb > va + 1:
                numbers = [to_roman(v) if roman else str(v) for v in range(va + 1, vb)]
                _fill_gap(all_spots, a, b, numbers)
                added.extend(numbers)
    _remove_joints(root)
    return added


def run(ctx: IngestContext) -> None:
    """Infer the missing page breaks (see the module docstring)."""
    text = ctx.root.find(T + "text")
    if text is not None:
        infer(text)
