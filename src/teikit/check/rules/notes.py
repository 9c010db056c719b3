"""Notes: markers and notes point at each other, once, in order, with matching numbers.

Where a document follows the edition's conventions (``ref type="noteref"`` markers, notes
in ``div type="notes-section"`` with ``@n``), every rule applies. Elsewhere the rules
degrade: any ``ref``/``ptr`` whose target is a ``note`` counts as a marker, and a note's
``@target`` back-pointer (as in the Van Gogh letters) must lead to an element that does not
point at a different note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.check.rules.pointers import INDEX_LOCATOR_TYPES, in_index
from teikit.diagnostics import Diagnostic, Severity
from teikit.meaning import reading_text
from teikit.xmlio import XML_ID

RULES = {
    "notes.marker-not-note": (Severity.ERROR, "a note marker points at an element that is not a note"),
    "notes.unreferenced": (Severity.ERROR, "a note in a notes section has no marker in the text"),
    "notes.multiple-markers": (Severity.INFO, "a note has more than one marker"),
    "notes.backlink-mismatch": (Severity.ERROR, "a note's @target leads to a marker of another note"),
    "notes.number-duplicate": (Severity.ERROR, "two notes of one notes section have the same number"),
    "notes.number-gap": (Severity.ERROR, "the numbering of a notes section skips a number"),
    "notes.number-mismatch": (Severity.ERROR, "a marker's printed number differs from its note's"),
    "notes.marker-order": (Severity.WARNING, "markers in the text are not in the order of their notes"),
    "notes.cross-chapter": (Severity.ERROR, "a marker points into the notes of another division"),
}

_DIGITS = re.compile(r"\d+")


def _markers(ctx: Context, doc: Document) -> list[tuple[etree._Element, etree._Element | None]]:
    """(marker, note or None), in document order.

    A document that uses ``ref type="noteref"`` has those as its markers, and its other
    references to notes ("see note 3") are cross-references. Elsewhere any ref/ptr whose
    target is a note is a marker (index locators excepted).
    """
    candidates = [(p, res) for p, res in ctx.resolved(doc)
                  if p.attr == "target" and local_name(p.element) in ("ref", "ptr")]
    uses_noteref = any(p.element.get("type") == "noteref" for p, _ in candidates)
    found: list[tuple[etree._Element, etree._Element | None]] = []
    for p, res in candidates:
        el = p.element
        is_note = res.target is not None and local_name(res.target) == "note"
        if el.get("type") == "noteref":
            found.append((el, res.target if is_note else None))
        elif is_note and not uses_noteref and not (el.get("type") in INDEX_LOCATOR_TYPES and in_index(el)):
            found.append((el, res.target))
    return found


def _number(el: etree._Element) -> int | None:
    """The printed number of a note or marker: @n, else the digits of its text."""
    raw = el.get("n")
    if raw is None and local_name(el) in ("ref", "ptr"):
        raw = reading_text(el)
    match = _DIGITS.fullmatch(raw.strip()) if raw else None
    return int(match.group()) if match else None


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    by_note: dict[etree._Element, list[etree._Element]] = {}
    order: dict[etree._Element, int] = {}  # markers in document order (pointers are collected in it)
    for marker, note in _markers(ctx, doc):
        order.setdefault(marker, len(order))
        if note is None:
            target = next(iter(ctx.targets(doc, marker, "target")), None)
            if target is not None:
                yield make(doc, marker, "notes.marker-not-note", Severity.ERROR,
                           f"note marker points at a <{local_name(target)}>, not at a <note>",
                           "point the marker's @target at the note's xml:id")
            continue
        by_note.setdefault(note, []).append(marker)
        yield from _check_number(doc, marker, note)
    yield from _check_backlinks(ctx, doc)
    # A book may number its notes through the book, not afresh in each section: a section
    # may then begin one after the last number of the section before it.
    run_on: dict[etree._Element | None, int] = {}
    for section in _sections(doc):
        parent = section.getparent()
        yield from _check_section(ctx, doc, section, by_note, order, run_on.get(parent, 0) + 1)
        numbers = [n for n in map(_number, _section_notes(section)) if n is not None]
        if numbers:
            run_on[parent] = max(numbers)


def _check_number(doc: Document, marker: etree._Element, note: etree._Element) -> Iterator[Diagnostic]:
    m, n = _number(marker), _number(note)
    if m is not None and n is not None and m != n:
        yield make(doc, marker, "notes.number-mismatch", Severity.ERROR,
                   f"marker {m} points at note {n} (#{note.get(XML_ID)})",
                   "make the marker's number (and @n) equal the note's, or point it at the right note")


def _check_backlinks(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    for p, res in ctx.resolved(doc):
        note = p.element
        if p.attr != "target" or local_name(note) != "note" or res.target is None:
            continue
        back = res.target
        if local_name(back) not in ("ref", "ptr"):
            continue
        # Only a marker of another note is wrong; a note may well comment on a cross-reference.
        pointed = [t for t in ctx.targets(doc, back, "target") if local_name(t) == "note"]
        if pointed and all(t is not note for t in pointed):
            yield make(doc, note, "notes.backlink-mismatch", Severity.ERROR,
                       f"the note's @target {p.value!r} leads to a marker of another note",
                       "the note's @target and its marker's @target must name each other")


def _sections(doc: Document) -> Iterator[etree._Element]:
    for el in doc.tree.getroot().iter("{*}div"):
        if el.get("type") == "notes-section":
            yield el


def _section_notes(section: etree._Element) -> list[etree._Element]:
    """Notes of a section, not those nested inside other notes or subsections."""
    return [n for n in section.iter("{*}note")
            if next((a for a in n.iterancestors("{*}div")), None) is section
            and not any(local_name(a) == "note" for a in n.iterancestors())]


def _check_section(ctx: Context, doc: Document, section: etree._Element,
                   by_note: dict[etree._Element, list[etree._Element]],
                   order: dict[etree._Element, int], continued: int = 1) -> Iterator[Diagnostic]:
    notes = _section_notes(section)
    yield from _check_numbering(doc, notes, continued)
    division = _corresponding_division(ctx, doc, section)
    firsts: list[tuple[etree._Element, int]] = []
    for position, note in enumerate(notes):
        markers = by_note.get(note, [])
        if not markers:
            yield make(doc, note, "notes.unreferenced", Severity.ERROR,
                       f"note {note.get('n', '?')} has no marker pointing at it",
                       "add the marker in the text (ref type=\"noteref\"), or remove the note")
            continue
        if len(markers) > 1:
            lines = ", ".join(str(m.sourceline) for m in markers)
            yield make(doc, note, "notes.multiple-markers", Severity.INFO,
                       f"note {note.get('n', '?')} has {len(markers)} markers (lines {lines})",
                       "keep one marker per note unless the print edition repeats it")
        firsts.append((markers[0], position))
        if division is not None:
            for marker in markers:
                if not _inside(marker, division):
                    yield make(doc, marker, "notes.cross-chapter", Severity.ERROR,
                               f"marker points into the notes of #{division.get(XML_ID)} from outside it",
                               "point the marker at a note of its own division's notes section")
    yield from _check_order(doc, firsts, order)



def _check_numbering(doc: Document, notes: list[etree._Element], continued: int = 1) -> Iterator[Diagnostic]:
    """Numbers run 1, 2, 3 ... in a section, or on from the section before (``continued``)."""
    seen: set[int] = set()
    first = next((n for n in map(_number, notes) if n is not None), None)
    expected = continued if first == continued else 1
    for note in notes:
        n = _number(note)
        if n is None:
            continue
        if n in seen:
            yield make(doc, note, "notes.number-duplicate", Severity.ERROR,
                       f"note number {n} is used twice in this notes section", "renumber the notes")
            continue
        if n != expected:
            missing = f"{expected}" if n == expected + 1 else f"{expected}-{n - 1}"
            if n > expected:
                yield make(doc, note, "notes.number-gap", Severity.ERROR,
                           f"note {n} follows note {expected - 1}: {missing} missing",
                           "add the missing note(s) or renumber")
        seen.add(n)
        expected = max(expected, n + 1)


def _check_order(
    doc: Document, firsts: list[tuple[etree._Element, int]], order: dict[etree._Element, int]
) -> Iterator[Diagnostic]:
    """Markers, taken in document order, must lead to notes in increasing order."""
    ranked = sorted(firsts, key=lambda mp: order[mp[0]])
    highest = -1
    for marker, position in ranked:
        if position < highest:
            yield make(doc, marker, "notes.marker-order", Severity.WARNING,
                       "this marker comes after the marker of a later note",
                       "check the marker's target: markers should follow the notes' order")
        highest = max(highest, position)


def _corresponding_division(ctx: Context, doc: Document, section: etree._Element) -> etree._Element | None:
    return next(iter(ctx.targets(doc, section, "corresp")), None)


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in el.iterancestors())
