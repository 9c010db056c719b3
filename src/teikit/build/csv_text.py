"""Reading text, pages and divisions out of a TEI tree, for the CSV tables.

These are the few questions every CSV table asks of an element: what does it say (the
corrected reading of a ``choice``), on which printed page does it stand, in which
division, in which note. They are answered once per document in one pass
(:class:`Locator`), so building eight tables stays linear in the size of the edition.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.meaning import is_hidden, pages, reading_text
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:)])")


def norm(text: str | None) -> str:
    """Collapse runs of whitespace and strip, as a reader would see the text."""
    return " ".join((text or "").split())  # str.split: the same whitespace as regex \s, faster


def text_of(el: etree._Element | None, *, skip_notes: bool = False) -> str:
    """The text a reader sees in ``el`` (:func:`teikit.meaning.reading_text`: corrected
    readings, no page furniture, broken words whole); its notes kept unless ``skip_notes``."""
    return reading_text(el, notes=not skip_notes)


def spaced_text(el: etree._Element | None) -> str:
    """Text of a structured element (biblStruct) whose parts have no spaces between them."""
    if el is None:
        return ""
    joined = norm(" ".join(t for t in el.itertext() if t.strip()))
    return _SPACE_BEFORE_PUNCT.sub(r"\1", joined)


def local_ids(value: str | None) -> list[str]:
    """The local targets (``#id``) of a pointer attribute, in order, without the ``#``."""
    return [tok[1:] for tok in (value or "").split() if tok.startswith("#") and len(tok) > 1]


class Locator:
    """Page, division and enclosing note of every element of ``<text>``, from one pass."""

    def __init__(self, root: etree._Element) -> None:
        self.page: dict[etree._Element, str] = {}
        self.pb_page: dict[str, str] = {}  # pb xml:id -> @n
        self.by_id: dict[str, etree._Element] = {}
        for el in root.iter():
            if isinstance(el.tag, str) and el.get(XML_ID):
                self.by_id.setdefault(el.get(XML_ID), el)
        # pages as teikit.meaning counts them (another edition's pb renumbers nothing)
        self.page, self.pb_page = pages(root)

    def page_of(self, el: etree._Element) -> str:
        """The printed page (``pb/@n``) on which ``el`` starts; '' before the first pb."""
        return self.page.get(el, "")

    @staticmethod
    def division_of(el: etree._Element) -> str:
        """The xml:id of the innermost ``div`` holding ``el`` ('' when none has an id)."""
        for anc in el.iterancestors(T + "div"):
            if anc.get(XML_ID):
                return anc.get(XML_ID)
        return ""

    @staticmethod
    def note_of(el: etree._Element) -> etree._Element | None:
        """The outermost ``note`` holding ``el``, if any."""
        found = None
        for anc in el.iterancestors(T + "note"):
            found = anc
        return found


def block_of(el: etree._Element) -> etree._Element:
    """The paragraph-like element holding ``el`` (its parent when there is none)."""
    for anc in el.iterancestors():
        if anc.tag in _BLOCKS:
            return anc
    parent = el.getparent()
    return parent if parent is not None else el


def contexts(block: etree._Element, targets: set[etree._Element], width: int = 40) -> dict:
    """A short context for each of ``targets`` inside ``block``: up to ``width`` characters
    either side, from one walk over the block (so a paragraph with many names is read once).

    Note markers and nested notes are left out: they would interrupt the sentence.
    """
    parts: list[str] = []
    spans: dict[etree._Element, list[int]] = {}
    size = 0

    def add(text: str | None) -> None:
        nonlocal size
        if text:
            parts.append(text)
            size += len(text)

    def walk(node: etree._Element) -> None:
        if node in targets:
            spans[node] = [size, size]
        add(node.text)
        for child in node:
            if isinstance(child.tag, str) and not _left_out(child, node, targets):
                walk(child)
            add(child.tail)
        if node in spans:
            spans[node][1] = size

    walk(block)
    raw = "".join(parts)
    out = {}
    margin = width * 4  # raw text may hold runs of spaces that norm() collapses
    for el, (start, end) in spans.items():
        left = norm(raw[max(0, start - margin):start] + "x")[:-1]  # keep a trailing space
        right = norm("x" + raw[end:end + margin])[1:]
        left = ("…" + left[-width:].lstrip()) if len(left) > width else left.lstrip()
        right = (right[:width].rstrip() + "…") if len(right) > width else right.rstrip()
        out[el] = f"{left}{norm(raw[start:end])}{right}"
    return out


def context(el: etree._Element, width: int = 40) -> str:
    """A short context of one element (see :func:`contexts`)."""
    return contexts(block_of(el), {el}, width).get(el, "")


def _left_out(child: etree._Element, parent: etree._Element, targets: set[etree._Element]) -> bool:
    if child.tag == T + "ref" and child.get("type") == "noteref":
        return True
    # A nested note interrupts the sentence, unless the mention is inside it.
    if child.tag == T + "note":
        return child not in targets and not any(
            t in targets for t in child.iter(T + "persName", T + "placeName", T + "orgName", T + "date"))
    # otherwise what a reader does not see (the other reading of a choice, variants, fw)
    return is_hidden(child, parent, notes=True)


_BLOCKS = {T + name for name in (
    "p", "head", "item", "cell", "l", "note", "quote", "bibl", "biblStruct", "ab", "argument", "person",
)}
