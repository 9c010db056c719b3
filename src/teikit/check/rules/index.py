"""Pages and the index: locators lead to pages (or to notes printed on the page they name).

Applies to ``ref`` elements of ``@type`` page, range or note inside ``div type="index"``
(docs/encoding.md, "Index"); other documents have no such locators and get no report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from teikit.check.context import Context, make
from teikit.check.model import Document, local_name
from teikit.diagnostics import Diagnostic, Severity
from teikit.meaning import reading_text
from teikit.xmlio import XML_ID

RULES = {
    "index.locator-not-page": (Severity.ERROR, "a page locator points at something that is not a page (pb)"),
    "index.locator-label": (Severity.WARNING, "a page locator's text differs from its page, or names a note"),
    "index.locator-not-note": (Severity.ERROR, "a note locator ('245 n11') points at something not a note"),
    "index.note-page": (Severity.ERROR, "a note locator names a page the note is not printed on"),
    "index.note-number": (Severity.ERROR, "a note locator names a note number other than its note's"),
    "index.person-unlinked": (Severity.WARNING, "an index entry names a person but does not point at one"),
}

_NOTE_LOCATOR = re.compile(r"^\s*(?P<page>[0-9ivxlcdm]+)\s*n\.?\s*(?P<n>\d+)\s*$", re.IGNORECASE)


def _indexes(doc: Document) -> list[etree._Element]:
    return [d for d in doc.tree.getroot().iter("{*}div") if d.get("type") == "index"]


def _pages_of_notes(doc: Document) -> dict[etree._Element, list[str]]:
    """For every note, the pages it is printed on: the page it starts on (the last page
    break before it) and every page that begins inside it (a note may run across pages,
    and an index cites the page of the mention)."""
    pages: dict[etree._Element, list[str]] = {}
    current: str | None = None
    for el in doc.tree.getroot().iter("{*}pb", "{*}note"):
        if local_name(el) == "note":
            pages[el] = [current] if current is not None else []
            continue
        current = el.get("n", current)
        for note in el.iterancestors("{*}note"):
            if current is not None:
                pages.setdefault(note, []).append(current)
    return pages


def run(ctx: Context, doc: Document) -> Iterator[Diagnostic]:
    indexes = _indexes(doc)
    if not indexes:
        return
    note_pages: dict[etree._Element, list[str]] | None = None
    for index in indexes:
        for ref in index.iter("{*}ref"):
            kind = ref.get("type")
            targets = ctx.targets(doc, ref, "target")
            if kind in ("page", "range"):
                yield from _check_pages(doc, ref, kind, targets)
            elif kind == "note":
                if note_pages is None:
                    note_pages = _pages_of_notes(doc)
                yield from _check_note(doc, ref, targets, note_pages)
        for term_name in index.iter("{*}persName"):
            if any(local_name(a) == "term" for a in term_name.iterancestors()) and not (
                term_name.get("ref") or term_name.get("key")
            ):
                yield make(doc, term_name, "index.person-unlinked", Severity.WARNING,
                           f"index entry for {reading_text(term_name)!r} points at no person",
                           'add ref="#pers-…" naming the person in the personography')


def _check_pages(doc: Document, ref: etree._Element, kind: str, targets: list) -> Iterator[Diagnostic]:
    for target in targets:
        if local_name(target) != "pb":
            yield make(doc, ref, "index.locator-not-page", Severity.ERROR,
                       f"{kind} locator points at a <{local_name(target)}> "
                       f"(#{target.get(XML_ID)}), not a page",
                       "point page locators at a pb's xml:id (#p45)")
    text = reading_text(ref)
    if kind == "page" and _NOTE_LOCATOR.match(text):
        yield make(doc, ref, "index.locator-label", Severity.WARNING,
                   f"locator {text!r} names a note but is encoded as a page locator",
                   'encode it as <ref type="note" target="#…-nNN"> pointing at that note')
    elif kind == "page" and len(targets) == 1 and local_name(targets[0]) == "pb":
        printed = targets[0].get("n")
        if printed is not None and text and text.lower() != printed.lower():
            yield make(doc, ref, "index.locator-label", Severity.WARNING,
                       f"locator reads {text!r} but points at page {printed}",
                       f"point it at #p{text.lower()} or correct its text")


def _check_note(doc: Document, ref: etree._Element, targets: list,
                note_pages: dict[etree._Element, list[str]]) -> Iterator[Diagnostic]:
    for target in targets:
        if local_name(target) != "note":
            yield make(doc, ref, "index.locator-not-note", Severity.ERROR,
                       f"note locator points at a <{local_name(target)}>, not a note",
                       "point note locators at the note's xml:id (#ch17-n11)")
            continue
        match = _NOTE_LOCATOR.match(reading_text(ref))
        if not match:
            continue
        page, number = match.group("page"), int(match.group("n"))
        printed_on = note_pages.get(target) or []
        if printed_on and page.lower() not in (p.lower() for p in printed_on):
            yield make(doc, ref, "index.note-page", Severity.ERROR,
                       f"locator says page {page}, but note #{target.get(XML_ID)} "
                       f"is printed on page {'-'.join(dict.fromkeys(printed_on))}",
                       "check the page of the locator or the note it points at")
        if target.get("n", "").isdigit() and int(target.get("n")) != number:
            yield make(doc, ref, "index.note-number", Severity.ERROR,
                       f"locator says note {number}, but it points at note {target.get('n')}",
                       "point the locator at the note with that number")
