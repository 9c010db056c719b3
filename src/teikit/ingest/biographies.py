"""Ingest pass ``biographies``: birth and death years and a description from the notes.

An annotated edition introduces people in its notes the way reference works do: "E. M.
Skliansky (1892-1925) was Trotsky's military deputy ...". Once the persons and dates
passes have run, every ``persName`` in a note that is followed by a parenthesised
lifespan gives that person

* ``<birth when="1892">1892</birth>`` and ``<death when="1925">1925</death>``, with
  ``@source`` pointing at the note and ``cert="low"`` where the note doubts the year
  ("1891-1966?", "1900?-"); an open lifespan ("1893-?") gives the birth only, one with
  the birth unknown ("?-1937") the death only;
* when a note is about a person (their name opens it, with or without years), the note's
  first sentence as a
  ``<note source="#ch05-n06">`` with a ``ref type="note"`` to it, labelled the way the
  printed index cites notes ("252 n6"), so the person's page shows the biography and
  leads to it.

Nothing is changed in the text; the facts are added to the person's entry in
``standOff``. A year the persons pass could not attach to a person stays where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from teikit.ingest.context import IngestContext
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
# abbreviations whose full stop does not end a sentence
_ABBREVIATIONS = {"St", "Dr", "Mr", "Mrs", "Gen", "Lt", "Col", "Jr", "Sr", "ca", "cf", "No", "vs",
                  "op", "cit", "pp", "p", "Prof", "Capt", "ed", "eds", "vol", "Ed", "Mt", "Fr"}
_SENTENCE_END = re.compile(r"([\w’']+)?([.!?])[\"”’)]*(?=\s+[A-Z\"“(]|\s*$)")


@dataclass(frozen=True)
class Life:
    """Years a note gives for a person."""

    person: str
    note: str  # the note's xml:id
    birth: str | None
    death: str | None
    birth_doubt: bool = False
    death_doubt: bool = False


def reading(el: etree._Element) -> str:
    """The text of ``el`` as read: a repair's corrected reading, not what the extraction gave."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == T + "sic" or (node.tag == T + "ref" and node.get("type") == "noteref"):
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (full stops after initials and abbreviations do not end it)."""
    for m in _SENTENCE_END.finditer(text):
        word = m.group(1) or ""
        if m.group(2) == "." and (len(word) == 1 and word.isupper() or word in _ABBREVIATIONS):
            continue
        return text[: m.end()].strip()
    return text.strip()


def _lifespan(name: etree._Element) -> tuple[str | None, str | None, bool, bool] | None:
    """(birth, death, birth doubted, death doubted) from "(1892-1925" right after ``name``;
    "(?-1937" gives the death only."""
    opening = re.fullmatch(r"\s*\(\s*(\?\s*[-–]\s*)?", name.tail or "")
    if not opening:
        return None
    nxt = name.getnext()
    if nxt is None:
        return None
    date = nxt if nxt.tag == T + "date" else nxt.find(f"{T}corr/{T}date") if nxt.tag == T + "choice" else None
    if date is None:
        return None
    after = nxt.tail or ""
    if opening.group(1):  # the birth year unknown: "(?-1937)"
        year = date.get("when", "")
        closed = len(year) == 4 and after.startswith(")")
        return (None, year, False, False) if closed else None
    if date.get("from") and date.get("to"):
        return date.get("from"), date.get("to"), False, after.startswith("?")
    if date.get("when") and len(date.get("when", "")) == 4 and re.match(r"\??[-–]", after):
        return date.get("when"), None, after.startswith("?"), False
    return None


def _page_of(note: etree._Element) -> str | None:
    """The page a note begins on: the last page break before it."""
    pb = note.xpath("preceding::tei:pb[1]", namespaces={"tei": TEI_NS})
    return pb[0].get("n") if pb else None


def lives(root: etree._Element) -> tuple[list[Life], dict[str, etree._Element]]:
    """The lifespans the notes give, and for each person the note that is about them."""
    out: list[Life] = []
    about: dict[str, etree._Element] = {}
    for note in root.iter(T + "note"):
        if note.get("type") != "endnote" or not note.get(XML_ID):
            continue
        for name in note.iter(T + "persName"):
            ref = (name.get("ref") or "").lstrip("#")
            span = _lifespan(name) if ref else None
            if span is not None:
                out.append(Life(ref, note.get(XML_ID, ""), *span))
        # a note that opens with a name is about that person ("S. Dmitrievsky is the former ...")
        first = note.find(T + "p")
        opening = first[0] if first is not None and len(first) and not (first.text or "").strip() else None
        if opening is not None and opening.tag == T + "persName" and opening.get("ref"):
            about.setdefault(opening.get("ref", "").lstrip("#"), note)
    return out, about


def _fact(tag: str, year: str, note: str, doubt: bool) -> etree._Element:
    el = etree.Element(T + tag, when=year, source="#" + note)
    if doubt:
        el.set("cert", "low")
    el.text = year
    return el


def _biography(note: etree._Element) -> etree._Element:
    first = note.find(T + "p")
    text = first_sentence(reading(first)) if first is not None else ""
    bio = etree.Element(T + "note", source="#" + note.get(XML_ID, ""))
    bio.text = text + " "
    ref = etree.SubElement(bio, T + "ref", type="note", target="#" + note.get(XML_ID, ""))
    page = _page_of(note)
    ref.text = f"{page} n{note.get('n')}" if page else f"n{note.get('n')}"
    return bio


def enrich(root: etree._Element) -> int:
    """Add the notes' years and biographies to the persons; return how many persons gained."""
    found, about = lives(root)
    persons = {p.get(XML_ID): p for p in root.iter(T + "person")}
    gained: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    for life in found:
        person = persons.get(life.person)
        if person is None:
            continue
        for tag, year, doubt in (("birth", life.birth, life.birth_doubt),
                                 ("death", life.death, life.death_doubt)):
            if year and (life.person, tag, year) not in seen:
                seen.add((life.person, tag, year))
                person.append(_fact(tag, year, life.note, doubt))
                gained.add(life.person)
    for pid, note in about.items():
        person = persons.get(pid)
        if person is not None:
            person.append(_biography(note))
            gained.add(pid)
    return len(gained)


def run(ctx: IngestContext) -> None:
    """Enrich the personography from the notes (see the module docstring)."""
    if ctx.tree is not None:
        enrich(ctx.root)
