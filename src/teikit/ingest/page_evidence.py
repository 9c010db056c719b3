"""Ingest pass `page_evidence`: move inferred page breaks to where the printed index puts names.

The ``pages`` pass places a missing page's ``pb`` by an estimate (even spread of text,
joints). Once the index and the persons passes have run, the book's own index is better
evidence: its locators say on which page each person (organisation, place, event) is named
("Agabekov …, viii", "NKGB, ix"). For
every inferred ``pb`` in the front matter and the body, this pass tries each block start
between the neighbouring page breaks (and the current place) and keeps the place that
satisfies the most (entry, page) pairs of the index for the two pages it separates: a
pair is satisfied when the entry's subject has a name (``persName``, ``orgName``,
``placeName``, ``name``) on that page. Ties keep the current
place, so without evidence nothing moves. Notes are left alone (the index pass has already
resolved "245 n11" locators against them). The result stays ``cert="low"``.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from teikit import xmlio
from teikit.ingest.context import IngestContext
from teikit.ingest.pages import page_number, to_roman

T = f"{{{xmlio.TEI_NS}}}"
CANDIDATES = {T + name for name in ("p", "head", "item", "row", "figure", "argument")}
NAMES = tuple(T + name for name in ("persName", "orgName", "placeName", "name"))
Pairs = dict[str, set[str]]


def index_pairs(root: etree._Element) -> Pairs:
    """Page number -> IDs of the persons (orgs, places, events) the index lists on that page."""
    pairs: Pairs = defaultdict(set)
    for index in root.iter(T + "div"):
        if index.get("type") != "index":
            continue
        for ref in index.iter(T + "ref"):
            if ref.get("type") not in ("page", "range"):
                continue
            person = _subject_of(ref)
            if person:
                for page in _pages(ref.get("target", "")):
                    pairs[page].add(person)
    return pairs


def _subject_of(ref: etree._Element) -> str | None:
    """The subject (person, org, place, event) of the index entry (or parent entry) a
    locator belongs to."""
    for item in ref.iterancestors(T + "item"):
        term = item.find(T + "term")
        if term is not None:
            name = next((n for n in term.iter(*NAMES) if n.get("ref", "").startswith("#")), None)
            if name is not None:
                return name.get("ref")[1:]
    return None


def _pages(target: str) -> list[str]:
    tokens = [t[2:] for t in target.split() if t.startswith("#p")]
    if len(tokens) == 2:
        a, b = page_number(tokens[0]), page_number(tokens[1])
        if a and b and a[0] == b[0] and 0 < b[1] - a[1] < 50:
            return [to_roman(v) if a[0] else str(v) for v in range(a[1], b[1] + 1)]
    return tokens


def _events(part: etree._Element) -> list[etree._Element]:
    """Page breaks, name mentions and candidate blocks in document order."""
    return [el for el in part.iter(T + "pb", *NAMES, *CANDIDATES)
            if el.tag not in NAMES or el.get("ref")]


def _score(events: list[etree._Element], a: int, cut: int, b: int, before: set[str],
           after: set[str]) -> int:
    seen_before = {e.get("ref")[1:] for e in events[a + 1:cut] if e.tag in NAMES}
    seen_after = {e.get("ref")[1:] for e in events[cut:b] if e.tag in NAMES}
    return len(before & seen_before) + len(after & seen_after)


def _move(pb: etree._Element, before: etree._Element) -> None:
    parent = pb.getparent()
    prev = pb.getprevious()
    if pb.tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + pb.tail
        else:
            parent.text = (parent.text or "") + pb.tail
    pb.tail = None
    parent.remove(pb)
    target_parent = before.getparent()
    target_parent.insert(target_parent.index(before), pb)


def refine(part: etree._Element, pairs: Pairs) -> list[str]:
    """Move the inferred page breaks under ``part``; return the numbers of those moved."""
    moved = []
    events = _events(part)
    for k, pb in enumerate(events):
        if pb.tag != T + "pb" or pb.get("type") != "inferred":
            continue
        a = max((i for i in range(k) if events[i].tag == T + "pb"), default=-1)
        b = next((i for i in range(k + 1, len(events)) if events[i].tag == T + "pb"), len(events))
        before = pairs.get(events[a].get("n", "") if a >= 0 else "", set())
        after = pairs.get(pb.get("n", ""), set())
        if not before and not after:
            continue
        rest = events[:k] + events[k + 1:]
        cuts = [i for i in range(a + 1, b - 1) if rest[i].tag in CANDIDATES]
        if b < len(events):
            cuts.append(b - 1)  # right before the next page break
        here = _score(rest, a, k, b - 1, before, after)
        best = max(cuts, key=lambda c: (_score(rest, a, c, b - 1, before, after), -abs(c - k)),
                   default=None)
        if best is not None and _score(rest, a, best, b - 1, before, after) > here:
            _move(pb, rest[best])
            moved.append(pb.get("n", ""))
            events = _events(part)
    return moved


def run(ctx: IngestContext) -> None:
    """Refine inferred page breaks in the front matter and the body (see the docstring)."""
    pairs = index_pairs(ctx.root)
    if not pairs:
        return
    for name in ("front", "body"):
        part = ctx.root.find(f"{T}text/{T}{name}")
        if part is not None:
            refine(part, pairs)
