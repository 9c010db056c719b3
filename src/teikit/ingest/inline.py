"""Wrap matches found in running text into new inline elements.

The enrichment passes of ingest (dates, persons, ...) all do the same thing: find spans
in the text of a tree and wrap each in an element, without disturbing existing markup.
They share this one mechanism. A span never crosses an element boundary: each text node
(an element's ``.text`` or ``.tail``) is searched on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from lxml import etree

# A finder returns (start, end, payload) spans, sorted and non-overlapping.
Finder = Callable[[str], Iterable[tuple[int, int, Any]]]
# A factory builds the wrapping element for the matched text and payload (text is set by us).
Factory = Callable[[str, Any], etree._Element]


def _inside(el: etree._Element, skip: Collection[str]) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if node.tag in skip:
            return True
        node = node.getparent()
    return False


def _build(text: str, spans: list[tuple[int, int, Any]], factory: Factory) -> tuple[str, list]:
    """Return the leading text and the new elements (with tails) for one text node."""
    lead = text[: spans[0][0]]
    made = []
    for i, (start, end, payload) in enumerate(spans):
        el = factory(text[start:end], payload)
        el.text = text[start:end]
        nxt = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        el.tail = text[end:nxt] or None
        made.append(el)
    return lead, made


def wrap_matches(
    root: etree._Element,
    finder: Finder,
    factory: Factory,
    *,
    skip: Collection[str] = (),
    only: Callable[[etree._Element], bool] | None = None,
) -> int:
    """Wrap every span ``finder`` reports in the text under ``root``; return the count.

    ``skip`` holds Clark-notation tags whose content (text inside them, at any depth) is
    left alone, e.g. existing ``persName`` or ``note`` refs. The tail of a skipped element
    is outside it and is searched. ``only`` restricts the search to elements it accepts.
    """
    jobs: list[tuple[etree._Element, str, str]] = []
    for el in root.iter(etree.Element):
        if only is not None and not only(el):
            continue
        if el.text and not _inside(el, skip):
            jobs.append((el, "text", el.text))
        parent = el.getparent()
        if el.tail and el is not root and parent is not None and not _inside(parent, skip):
            jobs.append((el, "tail", el.tail))
    count = 0
    for el, where, text in jobs:
        spans = sorted(finder(text))
        if not spans:
            continue
        lead, made = _build(text, spans, factory)
        count += len(made)
        if where == "text":
            el.text = lead or None
            for i, new in enumerate(made):
                el.insert(i, new)
        else:
            el.tail = lead or None
            parent = el.getparent()
            idx = parent.index(el)
            for i, new in enumerate(made, start=1):
                parent.insert(idx + i, new)
    return count
