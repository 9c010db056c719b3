"""Letters: what a document's ``correspDesc`` says (who wrote to whom, from where, when).

A letter is a TEI document whose header describes it with ``profileDesc/correspDesc``; in a
collection edition (a ``teiCorpus``) every member may be one. The same reading gives
``letters.csv`` (:mod:`teikit.build.csv_tables`), CSL-JSON items of type ``letter``
(:mod:`teikit.cite.export`) and, in XSLT, the HTML letters index
(``xslt/html/letters.xsl``); ``tests/build/test_letters.py`` checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from teikit.meaning import reading_text
from teikit.xmlio import TEI_NS, XML_ID, XML_NS

T = f"{{{TEI_NS}}}"
_PARTIES = (T + "persName", T + "orgName", T + "name")


@dataclass
class Party:
    name: str
    id: str  # the ID its @ref names ("" when it names none)


@dataclass
class Letter:
    id: str
    title: str
    document: etree._Element  # the TEI element the letter is
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    place_sent: str = ""
    place_received: str = ""
    date: str = ""  # ISO: @when, else @notBefore, else @from of the date sent ("" undated)
    date_text: str = ""  # as the description writes it

    @property
    def sort_key(self) -> tuple[bool, str]:
        return (self.date == "", self.date)


def _party(el: etree._Element) -> Party:
    ref = (el.get("ref") or "").split()
    return Party(reading_text(el), ref[0].rsplit("#", 1)[-1] if ref else "")


def _action(corresp: etree._Element, kind: str) -> etree._Element | None:
    return next((a for a in corresp.iterchildren(T + "correspAction") if a.get("type") == kind), None)


# A name's own @type says its side where an edition puts both in one action
# (<correspAction type="sent"><persName type="addressee">, the Escher letters).
SENDER_ROLES = ("sender", "author", "writer")
ADDRESSEE_ROLES = ("addressee", "recipient", "receiver")


def _parties(corresp: etree._Element, kind: str) -> list[etree._Element]:
    """The names on one side (sent: the senders, received: the addressees) in document order:
    a name whose @type gives this side, or a name in an action of this kind whose @type does
    not give the other (as tk:letter-parties in xslt/html/letters.xsl)."""
    mine, theirs = (SENDER_ROLES, ADDRESSEE_ROLES) if kind == "sent" else (ADDRESSEE_ROLES, SENDER_ROLES)
    return [p for action in corresp.iterchildren(T + "correspAction") for p in action.iterchildren(*_PARTIES)
            if p.get("type") in mine or (action.get("type") == kind and p.get("type") not in theirs)]


def _letter(doc: etree._Element, position: int) -> Letter | None:
    corresp = doc.find(f"{T}teiHeader/{T}profileDesc/{T}correspDesc")
    if corresp is None:
        return None
    base = doc.get(f"{{{XML_NS}}}base")
    # a member's name without ".xml", its folder kept (1891/letter: two letter.xml in folders)
    letter_id = doc.get(XML_ID) or (PurePosixPath(base).with_suffix("").as_posix() if base
                                    else f"letter-{position}")
    title = reading_text(doc.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title"))
    letter = Letter(letter_id, title, doc)
    sent, received = _action(corresp, "sent"), _action(corresp, "received")
    letter.senders = [_party(p) for p in _parties(corresp, "sent")]
    letter.addressees = [_party(p) for p in _parties(corresp, "received")]
    if sent is not None:
        letter.place_sent = reading_text(sent.find(T + "placeName"))
        date = sent.find(T + "date")
        if date is not None:
            letter.date = next((v.strip() for v in (date.get("when"), date.get("notBefore"), date.get("from"))
                                if v and v.strip()), "")
            letter.date_text = reading_text(date) or letter.date
    if received is not None:
        letter.place_received = reading_text(received.find(T + "placeName"))
    if not letter.title:
        letter.title = (", ".join(p.name for p in letter.senders) + " → "
                        + ", ".join(p.name for p in letter.addressees))
    return letter


def letters(root: etree._Element) -> list[Letter]:
    """The letters of a document or collection, by date sent (undated last), then in order."""
    docs = [root] if root.tag == T + "TEI" else list(root.iter(T + "TEI"))
    found = [letter for i, doc in enumerate(docs, start=1) if (letter := _letter(doc, i)) is not None]
    return sorted(found, key=lambda letter: letter.sort_key)  # stable: document order breaks ties
