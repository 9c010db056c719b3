"""What a TEI element says to a reader: the one answer for every stage.

``check``, the CSV tables and the citations ask the same question of an element — what
text does a reader see in it? — and used to answer it three ways (the CSV kept an
abbreviation beside its expansion, citations kept page furniture, neither joined a word
broken across a line). This module is the one answer in Python; the XSLT layer's
``tk:plain`` (xslt/common/units.xsl) gives the same one, and ``tests/test_meaning.py``
compares the two on every element of real TEI by other projects.

What a reader sees of an element (its *reading text*):

* the reading a ``choice`` shows: ``corr``, ``reg``, ``expan``, not the ``sic``, ``orig`` or
  ``abbr`` beside it (a ``sic`` standing alone is the text as printed, and is kept); a pair
  written side by side outside a ``choice`` (``<w><orig>dv</orig><reg>du</reg></w>``, only
  white space between) is read as a choice: :func:`paired_reading`;
* the lemma of an apparatus entry (its ``lem``, else its first ``rdg``): the other readings
  of the ``app`` (an ``app`` nested in a reading has its own) are variants, and a
  ``witDetail`` or ``wit`` says what the witnesses do; they are shown apart (in HTML, in the
  apparatus entry), not in the running text;
* not the notes it holds (they are read where they are listed), unless asked;
* not page furniture (``fw``: running heads, catchwords, signatures);
* a word broken across a line, column or section (``lb``, ``cb``, ``milestone`` with
  ``break="no"``) whole, the white space around the break dropped;
* white space collapsed as XPath's ``normalize-space`` does (space, tab, CR, LF only, so a
  no-break space stays).
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
_CHOICE = T + "choice"
_ALTERNATIVES = frozenset({T + "sic", T + "orig", T + "abbr"})
_VARIANTS = frozenset({T + "rdg", T + "rdgGrp"})
_APP, _LEM, _RDG, _NOTE, _FW = T + "app", T + "lem", T + "rdg", T + "note", T + "fw"
_WITNESS_DETAILS = frozenset({T + "witDetail", T + "wit"})
# breaks that join the word they split when break="no"
_JOINING_BREAKS = frozenset({T + "lb", T + "cb", T + "milestone"})
# a word broken across lines: marked while walking, joined with its white space removed
_JOIN = "\ue000"
_JOINS = re.compile(r"[ \t\r\n]*\ue000[ \t\r\n]*")
_SPACE = re.compile(r"[ \t\r\n]+")


def normalize_space(text: str) -> str:
    """XPath's normalize-space: runs of space, tab, CR and LF become one space; trimmed."""
    return _SPACE.sub(" ", text).strip(" \t\r\n")


def is_hidden(child: etree._Element, parent: etree._Element, *, notes: bool = False) -> bool:
    """Whether ``child`` (an element of ``parent``) is left out of the text a reader sees."""
    tag = child.tag
    if tag == _NOTE:
        return not notes
    if tag == _FW:
        return True
    if tag in _ALTERNATIVES:
        return parent.tag == _CHOICE or paired_reading(child) is not None
    if tag in _VARIANTS:
        app = next(child.iterancestors(_APP), None)
        base = _base_reading(app) if app is not None else None
        return base is not None and base is not child and child not in base.iterancestors()
    if tag in _WITNESS_DETAILS:
        return parent.tag in (_APP, T + "rdgGrp")
    return False


_PARTNERS = {T + "sic": T + "corr", T + "orig": T + "reg", T + "abbr": T + "expan"}


def _neighbour(el: etree._Element, forward: bool) -> etree._Element | None:
    """The node next to ``el`` (after it, or before) when only white space and comments stand
    between; None when text does, or when there is none."""
    node = el
    while True:
        if forward and node.tail and node.tail.strip(" \t\r\n"):
            return None
        node = node.getnext() if forward else node.getprevious()
        if node is None or (not forward and node.tail and node.tail.strip(" \t\r\n")):
            return None
        if node.tag is not etree.Comment:
            return node


def paired_reading(el: etree._Element) -> etree._Element | None:
    """The ``corr``, ``reg`` or ``expan`` a ``sic``, ``orig`` or ``abbr`` outside a ``choice``
    stands beside (only white space or comments between; before or after it): such a pair is
    an alternative as a choice is, and shown both they read as one word ("dvdu"). None for
    one standing alone, one inside a choice, and any other element (xslt/common/units.xsl's
    ``tk:paired-reading`` is the same test)."""
    partner = _PARTNERS.get(el.tag)
    parent = el.getparent()
    if partner is None or parent is None or parent.tag == _CHOICE:
        return None
    for forward in (False, True):
        near = _neighbour(el, forward)
        if near is not None and near.tag == partner:
            return near
    return None


def _base_reading(app: etree._Element) -> etree._Element | None:
    """The reading of ``app`` that stands in the text: its lem, else its first rdg (not those of
    an app nested in a reading)."""
    own = [r for r in app.iter(_LEM, _RDG) if next(r.iterancestors(_APP), None) is app]
    return next((r for r in own if r.tag == _LEM), own[0] if own else None)


def reading_text(el: etree._Element | None, *, notes: bool = False) -> str:
    """The text a reader sees in ``el`` (see the module docstring), white space normalized.

    ``el`` itself is always read, whatever it is (a note's own text, a ``sic``'s); only
    what it holds is judged. ``notes=True`` keeps the notes it holds.
    """
    if el is None:
        return ""
    out: list[str] = []
    _walk(el, out, notes)
    text = "".join(out)
    if _JOIN in text:
        text = _JOINS.sub("", text)
    return normalize_space(text)


def _walk(el: etree._Element, out: list[str], notes: bool) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            if child.tag in _JOINING_BREAKS and child.get("break") == "no":
                out.append(_JOIN)
            elif not is_hidden(child, el, notes=notes):
                _walk(child, out, notes)
        if child.tail:
            out.append(child.tail)


# --- pages --------------------------------------------------------------------------------
# Which printed page an element stands on. A ``pb`` with ``@ed`` marks a page of another
# edition (a reprint's pagination recorded beside the source's); it must not renumber the
# text. The pages that locate text are the ``pb``s without ``@ed``, or, when every ``pb``
# names an edition, those of the first one named. ``check``'s pages rules count each
# ``@ed`` apart for the same reason.
_PB = T + "pb"


def pagination(root: etree._Element) -> str | None:
    """The ``@ed`` whose ``pb``s locate text: None for the ``pb``s without ``@ed``."""
    first_ed: str | None = None
    for pb in root.iter(_PB):
        ed = pb.get("ed")
        if ed is None:
            return None
        first_ed = first_ed or ed
    return first_ed


def locates(pb: etree._Element, ed: str | None) -> bool:
    """Whether ``pb`` begins a page of the pagination ``ed`` (see :func:`pagination`)."""
    return pb.get("ed") == ed


def page_number(pb: etree._Element | None) -> str:
    """The printed number of the page ``pb`` begins (its ``@n``); '' when unnumbered."""
    return "" if pb is None else pb.get("n", "")


def pages(root: etree._Element) -> tuple[dict[etree._Element, str], dict[str, str]]:
    """The printed page every element of ``text`` starts on ('' before the first page or on
    an unnumbered one), and each page's number by its ``pb``'s xml:id; one pass."""
    ed = pagination(root)
    page: dict[etree._Element, str] = {}
    by_id: dict[str, str] = {}
    current = ""
    for text in root.iter(T + "text"):
        for el in text.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == _PB:
                if locates(el, ed):
                    current = page_number(el)
                xml_id = el.get(XML_ID)
                if xml_id:  # a pointer at another edition's page means that page's number
                    by_id[xml_id] = page_number(el) if not locates(el, ed) else current
            page[el] = current
    return page, by_id
