"""Ingest pass `page_evidence`: move inferred page breaks to where the printed index puts names.

The ``pages`` pass places a missing page's ``pb`` by an estimate (even spread of text,
joints). Once the index and the persons passes have run, the book's own index is better
evidence: its locators say on which page each person (organisation, place, event) is named
("Agabekov …, viii", "NKGB, ix"). For
every inferred ``pb`` in the front matter and the body, this pass tries each block start
between the neighbouring page breaks (and the current place) and keeps the place that
satisfies the most (entry, page) pairs of the index for the two pages it separates: a
pair is satisfied when the entry's subject has a name (``persName``, ``orgName``,
``placeName``, ``name``, or a referring ``rs``) on that page. Ties keep the current
place, so without evidence nothing moves. A printed page usually ends inside a paragraph:
when no block start does as well, a sentence start inside a paragraph may take the break
("NKGB, ix" named in the last sentence of a paragraph that runs across the missing marker
of p. ix); among equal places a block start wins, then the one nearest the estimate. Notes
are left alone (the index pass has already resolved "245 n11" locators against them). The
result stays ``cert="low"``.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from teikit import xmlio
from teikit.ingest.context import IngestContext
from teikit.ingest.pages import page_number, to_roman

T = f"{{{xmlio.TEI_NS}}}"
CANDIDATES = {T + name for name in ("p", "head", "item", "row", "figure", "argument")}
NAMES = tuple(T + name for name in ("persName", "orgName", "placeName", "name", "rs"))
# a temporary, zero-width mark at each sentence start inside a paragraph: a place a page
# break may take when no block start satisfies as many index pairs; removed after the pass
CUT = T + "anchor"
CUT_TYPE = "tk-sentence-start"
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"”’)\]]?\d*\s+(?=[\"“]?[A-Z])")
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
    """Page breaks, name mentions, candidate blocks and sentence starts in document order."""
    return [el for el in part.iter(T + "pb", *NAMES, *CANDIDATES, CUT)
            if (el.tag not in NAMES or el.get("ref")) and (el.tag != CUT or el.get("type") == CUT_TYPE)]


def _adjacent_blocks(place: etree._Element) -> set[etree._Element]:
    """The paragraphs a printed page break at ``place`` (a page break, or the block it would
    go before) could fall inside: the paragraph holding it, else the blocks just before and
    at it. A break is never moved into the middle of a paragraph farther away."""
    parent = place.getparent()
    if place.tag == T + "pb" and parent is not None and parent.tag == T + "p":
        return {parent}
    around = [place.getprevious(), place.getnext() if place.tag == T + "pb" else place]
    return {el for el in around if el is not None and el.tag == T + "p"}


def _mark_sentences(part: etree._Element) -> None:
    """Put a temporary cut mark at each sentence start of the paragraphs' own text (not
    inside a name, a note or a quotation element: only ``p.text`` and its children's tails)."""
    for block in part.iter(T + "p"):
        if any(a.tag == T + "note" for a in block.iterancestors()):
            continue
        for owner, is_tail in [(block, False), *((child, True) for child in block)]:
            text = owner.tail if is_tail else owner.text
            pieces = _split(text or "")
            if len(pieces) < 2:
                continue
            if is_tail:
                owner.tail = pieces[0]
                after = owner
                for piece in pieces[1:]:
                    mark = etree.Element(CUT, type=CUT_TYPE)
                    mark.tail = piece
                    after.addnext(mark)
                    after = mark
            else:
                owner.text = pieces[0]
                for i, piece in enumerate(pieces[1:]):
                    mark = etree.Element(CUT, type=CUT_TYPE)
                    mark.tail = piece
                    owner.insert(i, mark)


def _split(text: str) -> list[str]:
    """``text`` cut at its sentence starts (each piece after the first opens a sentence)."""
    cuts = [m.end() for m in _SENTENCE_START.finditer(text)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)] if cuts else [text]


def _unmark(part: etree._Element) -> None:
    """Remove the cut marks, joining their text back (a break moved to one keeps it after)."""
    for mark in list(part.iter(CUT)):
        if mark.get("type") != CUT_TYPE:
            continue
        parent = mark.getparent()
        prev = mark.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + (mark.tail or "")
        else:
            parent.text = (parent.text or "") + (mark.tail or "")
        parent.remove(mark)


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
        # then the sentence starts of the paragraphs at the edges of the chosen place (or of
        # the current one): taken only when one satisfies more pairs than any block start
        edge = rest[best] if best is not None and _score(rest, a, best, b - 1, before, after) > here else pb
        near = _adjacent_blocks(edge)
        inner = [i for i in range(a + 1, b - 1) if rest[i].tag == CUT and rest[i].getparent() in near]
        top = max(here, _score(rest, a, best, b - 1, before, after) if best is not None else here)
        better = [i for i in inner if _score(rest, a, i, b - 1, before, after) > top]
        if better:
            best = max(better, key=lambda c: (_score(rest, a, c, b - 1, before, after),
                                              -abs(c - rest.index(edge)) if edge in rest else -abs(c - k)))
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
            _mark_sentences(part)
            try:
                refine(part, pairs)
            finally:
                _unmark(part)
