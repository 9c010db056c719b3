"""Letters: what a document's ``correspDesc`` says (who wrote to whom, from where, when).

A letter is a TEI document whose header describes it with ``profileDesc/correspDesc``; in a
collection edition (a ``teiCorpus``) every member may be one. A document whose header holds
several ``correspDesc`` describes several letters, one each (a CMIF file of correspSearch
lists a whole correspondence so, without its texts): each is a letter of its own, named by its
``xml:id`` and found where its ``@ref`` says. The same reading gives
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
    document: etree._Element  # the TEI element the letter is, or that describes it
    senders: list[Party] = field(default_factory=list)
    addressees: list[Party] = field(default_factory=list)
    place_sent: str = ""
    place_received: str = ""
    date: str = ""  # ISO: @when, else @notBefore, @from, @notAfter, @to of the date sent, else received
    date_text: str = ""  # as the description writes it
    date_of: str = ""  # "sent", or "received" when only the date it arrived is known ("" undated)
    url: str = ""  # where the letter is published (its correspDesc's @ref: a CMIF file's letters)
    source: str = ""  # the edition it is printed in (the bibl its correspDesc's @source names)

    @property
    def sort_key(self) -> tuple[bool, str]:
        return (self.date == "", self.date)


_NAMES = (T + "persName", T + "orgName", T + "placeName", T + "name")
_ENTRIES = etree.XPath("//*[@xml:id][self::t:person or self::t:personGrp or self::t:org or self::t:place]",
                       namespaces={"t": TEI_NS})


class _Named:
    """The words a name says, else (an empty ``<persName ref="#BS"/>`` that names a person of
    the header's particDesc, as the correspondence SIG's examples write it) the name of the
    entry its @ref points at. The entries are found once, when first asked for."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._entries: dict[str, etree._Element] | None = None

    def __call__(self, el: etree._Element | None) -> str:
        text = reading_text(el)
        ref = (el.get("ref") or "").split() if el is not None else []
        if text or not ref or not ref[0].startswith("#"):
            return text
        if self._entries is None:
            self._entries = {}
            for entry in _ENTRIES(self.root):
                self._entries.setdefault(entry.get(XML_ID), entry)
        entry = self._entries.get(ref[0][1:])
        return reading_text(next(entry.iterchildren(*_NAMES), None)) if entry is not None else ""


def _party(el: etree._Element, named: _Named) -> Party:
    ref = (el.get("ref") or "").split()
    return Party(named(el), ref[0].rsplit("#", 1)[-1] if ref else "")


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


# Where a date says when: a day (@when), else the earliest it can be (@notBefore, @from),
# else the latest (@notAfter, @to: a letter "before 1 May" sorts on 1 May).
DATE_ATTRIBUTES = ("when", "notBefore", "from", "notAfter", "to")


def _date(action: etree._Element | None) -> tuple[str, etree._Element | None]:
    date = action.find(T + "date") if action is not None else None
    if date is None:
        return "", None
    return next((v.strip() for v in map(date.get, DATE_ATTRIBUTES) if v and v.strip()), ""), date


UNCERTAIN = ("low", "medium", "unknown")


def date_written(date: etree._Element) -> str:
    """A date element without words of its own, written from its attributes: the day, else
    the span it lies in ("1810-07-11–1810-07-18", "–1810-07-18" when only its latest is
    known), with "?" when its @cert is low, medium or unknown (as tk:date-written)."""
    when = (date.get("when") or "").strip()
    if not when:
        start = next((v.strip() for v in map(date.get, ("notBefore", "from")) if v and v.strip()), "")
        end = next((v.strip() for v in map(date.get, ("notAfter", "to")) if v and v.strip()), "")
        when = f"{start}–{end}" if start != end else start
        when = "" if when == "–" else when
    return when + "?" if when and date.get("cert") in UNCERTAIN else when


def _letter(doc: etree._Element, corresp: etree._Element, position: int, several: bool,
            named: _Named) -> Letter:
    base = doc.get(f"{{{XML_NS}}}base")
    # a member's name without ".xml", its folder kept (1891/letter: two letter.xml in folders)
    doc_id = doc.get(XML_ID) or (PurePosixPath(base).with_suffix("").as_posix() if base
                                 else f"letter-{position}")
    if several:  # one of the letters a document describes: its own ID, else its place in it
        index = 1 + sum(1 for _ in corresp.itersiblings(T + "correspDesc", preceding=True))
        letter_id, title = corresp.get(XML_ID) or f"{doc_id}-{index}", ""
    else:
        letter_id = doc_id
        title = reading_text(doc.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title"))
    letter = Letter(letter_id, title, doc)
    sent, received = _action(corresp, "sent"), _action(corresp, "received")
    letter.senders = [_party(p, named) for p in _parties(corresp, "sent")]
    letter.addressees = [_party(p, named) for p in _parties(corresp, "received")]
    if sent is not None:
        letter.place_sent = named(sent.find(T + "placeName"))
    if received is not None:
        letter.place_received = named(received.find(T + "placeName"))
    for kind, action in (("sent", sent), ("received", received)):
        iso, date = _date(action)
        if date is not None and (iso or reading_text(date)):
            letter.date, letter.date_of = iso, kind
            letter.date_text = reading_text(date) or date_written(date)
            break
    url = (corresp.get("ref") or "").split()
    if url and url[0].startswith(("http://", "https://")):
        letter.url = url[0]
    source = (corresp.get("source") or "").split()
    if source and source[0].startswith("#"):
        bibl = next(iter(doc.xpath(".//*[@xml:id = $id]", id=source[0][1:])), None)
        letter.source = reading_text(bibl) if bibl is not None else ""
    if not letter.title:
        letter.title = (", ".join(p.name for p in letter.senders) + " → "
                        + ", ".join(p.name for p in letter.addressees))
    return letter


def letters(root: etree._Element) -> list[Letter]:
    """The letters of a document or collection, by date sent (undated last), then in order."""
    docs = [root] if root.tag == T + "TEI" else list(root.iter(T + "TEI"))
    found = []
    named = _Named(root)
    for i, doc in enumerate(docs, start=1):
        described = doc.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc")
        found += [_letter(doc, corresp, i, len(described) > 1, named) for corresp in described]
    return sorted(found, key=lambda letter: letter.sort_key)  # stable: document order breaks ties
