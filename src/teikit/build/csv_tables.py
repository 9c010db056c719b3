"""The rows of the CSV indexes, computed from the parsed TEI tree.

Each ``*_table`` function returns a :class:`~teikit.build.csv_schema.Table` with its
column declarations and rows (lists of strings, in document order). They read the
encoding of docs/encoding.md and degrade on other TEI: a document without a
personography gets an empty ``persons.csv``; one without an index, an empty ``index.csv``.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from teikit.build.csv_schema import SEPARATOR, Column, Table
from teikit.build.csv_text import Locator, T, block_of, contexts, local_ids, norm, spaced_text, text_of
from teikit.letters import letters
from teikit.xmlio import XML_ID

# Which list holds which kind of named entity, and the name element that mentions it.
ENTITY_KINDS = (
    ("person", "persons", T + "person", T + "persName"),
    ("place", "places", T + "place", T + "placeName"),
    ("organization", "organizations", T + "org", T + "orgName"),
)
_MENTION_TAGS = {tag: kind for kind, _, _, tag in ENTITY_KINDS}
# Generic mentions: <rs ref="#p1" type="person">, <name ref="#pl1">; their kind comes from
# @type, else from the entity they name (the HTML links and counts them the same way).
_GENERIC_TAGS = (T + "rs", T + "name")
_RS_TYPES = {"person": "person", "place": "place", "org": "organization", "organisation": "organization",
             "organization": "organization"}
# Mentions that are apparatus, not text: the printed index's terms and bibliography authors.
_NOT_COUNTED = ("index",)

ID = Column("id", "string", "The xml:id in the edition.", required=True)
PAGES = Column("pages", "string", "Printed pages (pb/@n) where it is mentioned, in order.", multi=True)
MENTIONS = Column("mentions", "integer", "Mentions in text, notes and front matter (not the index).")
FK_COLUMNS = (
    Column("person_id", "string", "The person (persons.csv id) this names."),
    Column("place_id", "string", "The place (places.csv id) this names."),
    Column("org_id", "string", "The organisation (organizations.csv id) this names."),
)
FOREIGN_KEYS = (("person_id", "persons"), ("place_id", "places"), ("org_id", "organizations"))


# The column (0, 1, 2: person_id, place_id, org_id) of each entity kind, in ENTITY_KINDS' order.
_KIND_COLUMN = {kind: i for i, (kind, *_) in enumerate(ENTITY_KINDS)}


class Extractor:
    """Computes every table of one document; shares one :class:`Locator` between them."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.loc = Locator(root)
        # The outermost texts: one for a TEI document, one per member of a teiCorpus.
        self.texts = [t for t in root.iter(T + "text") if next(t.iterancestors(T + "text"), None) is None]
        self.entities: dict[str, str] = {}  # entity id -> kind
        for kind, _, tag, _ in ENTITY_KINDS:
            for el in root.iter(tag):
                if el.get(XML_ID):
                    self.entities[el.get(XML_ID)] = kind
        self.mention_els = [el for t in self.texts for el in t.iter(*_MENTION_TAGS, *_GENERIC_TAGS)
                            if el.tag in _MENTION_TAGS or self._generic_kind(el)]
        self._usage_cache: dict[str, tuple[int, list[str]]] | None = None

    def _generic_kind(self, el: etree._Element) -> str:
        """The kind of an rs/name mention ("" when it names no entity kind teikit lists)."""
        kind = _RS_TYPES.get((el.get("type") or "").lower(), "")
        for ref in local_ids(el.get("ref")):
            kind = kind or self.entities.get(ref, "")
        return kind

    def kind_of(self, el: etree._Element) -> str:
        return _MENTION_TAGS.get(el.tag) or self._generic_kind(el)

    def _entity_columns(self, el: etree._Element | None) -> list[str]:
        """person_id, place_id, org_id: the first local @ref that names a known entity."""
        cells = ["", "", ""]
        for ref in local_ids(el.get("ref") if el is not None else None):
            kind = self.entities.get(ref)
            if kind:
                cells[_KIND_COLUMN[kind]] = ref
                break
        return cells

    # -- named entities ------------------------------------------------------------
    def mentions_table(self) -> Table:
        cols = (
            Column("mention", "integer", "Sequence number of the mention in document order.", required=True),
            Column("kind", "string", "person, place or organization (from the element name, or for "
                   "rs/name from @type or the entity named)."),
            *FK_COLUMNS,
            Column("ref", "string", "The @ref as encoded (kept when it names nothing in the edition)."),
            Column("text", "string", "The name as printed.", text=True),
            Column("division", "string", "xml:id of the innermost division holding the mention."),
            Column("page", "string", "Printed page (pb/@n) of the mention."),
            Column("note_id", "string", "xml:id of the note holding it; empty when in the running text."),
            Column("context", "string", "Up to 40 characters either side, from the same block.", text=True),
        )
        by_block: dict[etree._Element, set[etree._Element]] = defaultdict(set)
        for el in self.mention_els:
            by_block[block_of(el)].add(el)
        ctx: dict[etree._Element, str] = {}
        for block, els in by_block.items():
            ctx.update(contexts(block, els))
        rows = []
        for i, el in enumerate(self.mention_els, 1):
            note = self.loc.note_of(el)
            rows.append([
                str(i), self.kind_of(el), *self._entity_columns(el), el.get("ref", ""),
                text_of(el), self.loc.division_of(el), self.loc.page_of(el),
                note.get(XML_ID, "") if note is not None else "", ctx.get(el, ""),
            ])
        title = "One row per persName, placeName, orgName and rs/name naming one in the text."
        return Table("mentions", title, cols,
                     primary_key="mention", foreign_keys=FOREIGN_KEYS, rows=rows)

    def _usage(self) -> dict[str, tuple[int, list[str]]]:
        """Entity id -> (mentions outside the printed index, pages in order, unique); computed once."""
        if self._usage_cache is None:
            self._usage_cache = self._compute_usage()
        return self._usage_cache

    def _compute_usage(self) -> dict[str, tuple[int, list[str]]]:
        count: dict[str, int] = defaultdict(int)
        pages: dict[str, list[str]] = defaultdict(list)
        for el in self.mention_els:
            if any(d.get("type") in _NOT_COUNTED for d in el.iterancestors(T + "div")):
                continue
            for ref in local_ids(el.get("ref"))[:1]:
                count[ref] += 1
                page = self.loc.page_of(el)
                if page and page not in pages[ref]:
                    pages[ref].append(page)
        return {k: (count[k], pages[k]) for k in count}

    def persons_table(self) -> Table:
        cols = (
            ID,
            Column("display_name", "string", "Forenames and surname in reading order.", text=True),
            Column("surname", "string", "Surname as the index prints it.", text=True),
            Column("forenames", "string", "Forename(s) as the index prints them.", text=True),
            Column("variants", "string", "Spellings used in the text (persName type variant, aka).",
                   multi=True, text=True),
            Column("pseudonyms", "string", "Pseudonyms (persName type pseudonym).", multi=True, text=True),
            Column("birth_name", "string", "Birth name (né/née).", text=True),
            Column("roles", "string", "The index's description of the person (note type index).", text=True),
            MENTIONS, PAGES,
        )
        usage = self._usage()
        rows = []
        for person in self.root.iter(T + "person"):
            pid = person.get(XML_ID)
            if not pid:
                continue
            names = person.findall(T + "persName")
            main = next((n for n in names if n.get("type") in (None, "index", "main", "reg")), None)
            if main is None and names:
                main = names[0]
            sur = text_of(main.find(T + "surname")) if main is not None else ""
            fore = " ".join(text_of(f) for f in main.findall(T + "forename")) if main is not None else ""
            display = norm(f"{fore} {sur}") if sur else text_of(main)
            by_type = defaultdict(list)
            for n in names:
                if n is not main:
                    by_type[n.get("type", "variant")].append(text_of(n))
            notes = person.findall(T + "note")
            roles = " ".join(text_of(n) for n in notes if n.get("type") in (None, "index"))
            n_mentions, pages = usage.get(pid, (0, []))
            rows.append([
                pid, display, sur, fore, SEPARATOR.join(by_type["variant"] + by_type["aka"]),
                SEPARATOR.join(by_type["pseudonym"]), SEPARATOR.join(by_type["birth"]), roles,
                str(n_mentions), SEPARATOR.join(pages),
            ])
        return Table("persons", "The personography (standOff/listPerson).", cols, primary_key="id", rows=rows)

    def entity_table(self, name: str, tag: str, name_tag: str, label: str) -> Table:
        cols = (
            ID,
            Column("name", "string", f"The {label}'s name (first {name_tag.split('}')[1]}).", text=True),
            Column("variants", "string", "Other names recorded for it.", multi=True, text=True),
            Column("type", "string", "Its @type, when encoded."),
            Column("description", "string", "Its note or description.", text=True),
            MENTIONS, PAGES,
        )
        usage = self._usage()
        rows = []
        for el in self.root.iter(tag):
            eid = el.get(XML_ID)
            if not eid:
                continue
            names = [text_of(n) for n in el.findall(name_tag)]
            desc = " ".join(text_of(n) for n in el.findall(T + "note") + el.findall(T + "desc"))
            n_mentions, pages = usage.get(eid, (0, []))
            rows.append([eid, names[0] if names else "", SEPARATOR.join(names[1:]), el.get("type", ""),
                         desc, str(n_mentions), SEPARATOR.join(pages)])
        return Table(name, f"The {label}s of the edition ({tag.split('}')[1]} in standOff).", cols,
                     primary_key="id", rows=rows)

    # -- dates, notes ------------------------------------------------------------
    def dates_table(self) -> Table:
        cols = (
            Column("iso", "string", "The normalised value: @when, or @from/@to (or notBefore/notAfter) "
                   "as an ISO 8601 interval a/b."),
            Column("text", "string", "The date as printed.", text=True),
            Column("division", "string", "xml:id of the innermost division holding it."),
            Column("page", "string", "Printed page (pb/@n)."),
            Column("note_id", "string", "xml:id of the note holding it; empty in the running text."),
        )
        rows = []
        for t in self.texts:
            for el in t.iter(T + "date"):
                start = el.get("from") or el.get("notBefore") or ""
                end = el.get("to") or el.get("notAfter") or ""
                iso = el.get("when") or (f"{start}/{end}" if start or end else "")
                note = self.loc.note_of(el)
                rows.append([iso, text_of(el), self.loc.division_of(el), self.loc.page_of(el),
                             note.get(XML_ID, "") if note is not None else ""])
        return Table("dates", "One row per date element in the text.", cols, rows=rows)

    def notes(self) -> list[etree._Element]:
        """The notes of the text: every ``note`` not inside another note or a bibliography entry."""
        out = []
        for t in self.texts:
            for el in t.iter(T + "note"):
                if not any(a.tag in (T + "note", T + "biblStruct", T + "bibl") for a in el.iterancestors()):
                    out.append(el)
        return out

    def notes_table(self) -> Table:
        cols = (
            ID,
            Column("section", "string", "xml:id of the notes section (or division) holding the note."),
            Column("annotates", "string", "xml:id of the division the section annotates (@corresp)."),
            Column("number", "string", "The note's number as printed (@n)."),
            Column("page", "string", "Printed page on which the note stands."),
            Column("marker_ids", "string", "xml:id of the marker(s) in the text pointing at it.", multi=True),
            Column("marker_pages", "string", "Printed page(s) of those markers.", multi=True),
            Column("text", "string", "The note's text.", text=True),
        )
        markers: dict[str, list[etree._Element]] = defaultdict(list)
        for t in self.texts:
            for ref in t.iter(T + "ref", T + "ptr"):
                # The printed index's note locators point at notes too; they are not markers.
                if any(lst.get("type") == "index" for lst in ref.iterancestors(T + "list")):
                    continue
                for target in local_ids(ref.get("target")):
                    markers[target].append(ref)
        rows = []
        for i, note in enumerate(self.notes(), 1):
            nid = note.get(XML_ID) or f"note-{i}"  # inline notes of other TEI may lack ids
            section = next(note.iterancestors(T + "div"), None)
            refs = markers.get(note.get(XML_ID, ""), [])
            # Inline (foot)notes stand at their own marker.
            mpages = [self.loc.page_of(r) for r in refs] or ([self.loc.page_of(note)] if not refs else [])
            rows.append([
                nid, section.get(XML_ID, "") if section is not None else "",
                ",".join(local_ids(section.get("corresp"))) if section is not None else "",
                note.get("n", ""), self.loc.page_of(note), SEPARATOR.join(r.get(XML_ID, "") for r in refs),
                SEPARATOR.join(dict.fromkeys(p for p in mpages if p)), text_of(note),
            ])
        return Table("notes", "One row per note of the text.", cols, primary_key="id", rows=rows)

    # -- bibliography and index --------------------------------------------------
    def bibliography_table(self) -> Table:
        cols = (
            ID,
            Column("section", "string", "The printed subheading (listBibl/head).", text=True),
            Column("authors", "string", "Authors, surname first.", multi=True, text=True),
            Column("editors", "string", "Editors, surname first.", multi=True, text=True),
            Column("title", "string", "Title of the work (analytic, else monographic).", text=True),
            Column("container", "string", "The journal or book it appears in (for analytic entries).",
                   text=True),
            Column("pub_place", "string", "Place of publication.", text=True),
            Column("publisher", "string", "Publisher.", text=True),
            Column("date", "string", "Date of publication (@when, else as printed)."),
            Column("text", "string", "The whole entry as printed.", text=True),
        )
        rows = []
        # then the works of a bibliography register (a listBibl of the standOff: the site's
        # works.html), which no text holds
        works = [lb for so in self.root.iter(T + "standOff") for lb in so.iter(T + "listBibl")
                 if next(lb.iterancestors(T + "listBibl"), None) is None]
        for t in [*self.texts, *works]:
            for i, b in enumerate(t.iter(T + "biblStruct", T + "bibl"), 1):
                if any(a.tag in (T + "biblStruct", T + "bibl", T + "note") for a in b.iterancestors()):
                    continue
                lb = next(b.iterancestors(T + "listBibl"), None)
                head = lb.find(T + "head") if lb is not None else None
                first = b.find(T + "analytic")
                if first is None:
                    first = b.find(T + "monogr")
                if first is None:
                    first = b
                title = first.find(T + "title")
                container = b.find(f"{T}monogr/{T}title") if b.find(T + "analytic") is not None else None
                date = b.find(f".//{T}date")
                rows.append([
                    b.get(XML_ID) or f"bibl-{i}", text_of(head), _names(b, "author"), _names(b, "editor"),
                    text_of(title), text_of(container), text_of(b.find(f".//{T}pubPlace")),
                    text_of(b.find(f".//{T}publisher")),
                    (date.get("when") or text_of(date)) if date is not None else "",
                    spaced_text(b) if b.tag == T + "biblStruct" else text_of(b),
                ])
        return Table("bibliography", "The bibliography's entries.", cols, primary_key="id", rows=rows)

    def index_table(self) -> Table:
        cols = (
            ID,
            Column("parent_id", "string", "For a sub-entry, the id of its entry."),
            Column("letter", "string", "The letter heading the entry's list."),
            Column("entry", "string", "The entry's term (for a sub-entry, its entry's term).", text=True),
            Column("sub_entry", "string", "The sub-entry's words, without locators.", text=True),
            *FK_COLUMNS,
            Column("locators", "string", "Locators as printed (pages, ranges, notes, passim).",
                   multi=True, text=True),
            Column("targets", "string", "xml:ids the locators resolve to (pages, notes).", multi=True),
            Column("target_pages", "string", "Printed pages the locators resolve to.", multi=True),
        )
        rows: list[list[str]] = []
        for t in self.texts:
            for lst in t.iter(T + "list"):
                if lst.get("type") == "index":
                    for item in lst.findall(T + "item"):
                        self._index_rows(item, None, text_of(lst.find(T + "head")), rows)
        return Table("index", "The printed index: one row per entry and sub-entry.", cols,
                     primary_key="id", foreign_keys=(*FOREIGN_KEYS, ("parent_id", "index")), rows=rows)

    def _index_rows(self, item: etree._Element, parent: list[str] | None, letter: str,
                    rows: list[list[str]]) -> None:
        own = _own_refs(item)
        term = item.find(T + "term")
        name = term.find("*") if term is not None else None
        words = _words_before_locators(item)
        targets = [tid for r in own for tid in local_ids(r.get("target"))]
        pages = [self.loc.pb_page.get(x) or self.loc.page_of(self.loc.by_id[x])
                 for x in targets if x in self.loc.by_id]
        locators = [text_of(r) for r in own] + [text_of(h) for h in item.findall(T + "hi")]
        iid = item.get(XML_ID) or f"idx-{len(rows) + 1}"
        entry = text_of(term) if term is not None else words
        row = [iid, parent[0] if parent else "", letter, parent[3] if parent else entry,
               words if parent else "", *self._entity_columns(name if name is not None else term),
               SEPARATOR.join(locators), SEPARATOR.join(targets),
               SEPARATOR.join(dict.fromkeys(p for p in pages if p))]
        rows.append(row)
        for sub in item.findall(f"{T}list/{T}item"):
            self._index_rows(sub, row, letter, rows)


def _own_refs(item: etree._Element) -> list[etree._Element]:
    """The locators of ``item`` itself, not of its sub-entries."""
    out = []
    for child in item:
        if child.tag == T + "ref":
            out.append(child)
        elif isinstance(child.tag, str) and child.tag != T + "list":
            out.extend(child.iter(T + "ref"))
    return out


def _words_before_locators(item: etree._Element) -> str:
    """The entry's own words: its text up to the first locator, without a trailing comma."""
    parts = [item.text or ""]
    for child in item:
        if child.tag in (T + "ref", T + "list", T + "hi"):
            break
        parts.append(text_of(child) + (child.tail or ""))
    return norm("".join(parts)).rstrip(",;: ")


def _names(bibl: etree._Element, role: str) -> str:
    out = []
    for who in bibl.iter(T + role):
        sur = who.find(f".//{T}surname")
        fore = " ".join(text_of(f) for f in who.iter(T + "forename"))
        out.append(f"{text_of(sur)}, {fore}" if sur is not None and fore else text_of(who))
    return SEPARATOR.join(out)


def letters_table(root: etree._Element) -> Table:
    """One row per letter (a document described by correspDesc), by date sent."""
    cols = (
        Column("id", "string", "The letter: its TEI document's xml:id, else its file name (one of "
               "several letters a document describes: its correspDesc's xml:id).", required=True),
        Column("date", "string", "Date sent, ISO 8601 (@when, else @notBefore, @from, @notAfter or "
               "@to), else the date received; empty when undated."),
        Column("date_text", "string", "That date as the letter's description writes it.", text=True),
        Column("sender", "string", "Who wrote it (correspAction sent).", multi=True, text=True),
        Column("sender_id", "string", "The IDs the senders' @ref name.", multi=True),
        Column("addressee", "string", "To whom (correspAction received).", multi=True, text=True),
        Column("addressee_id", "string", "The IDs the addressees' @ref name.", multi=True),
        Column("place_sent", "string", "Where it was written.", text=True),
        Column("place_received", "string", "Where it was received.", text=True),
        Column("title", "string", "The title of the letter's document (of a letter among several a "
               "document describes: its senders and addressees).", text=True),
        Column("date_of", "string", "Whose date `date` is: sent, or received when only the date it "
               "arrived is known; empty when undated."),
        Column("url", "string", "Where the letter is published, when its correspDesc's @ref says "
               "(the letters of a CMIF file)."),
        Column("source", "string", "The edition the letter is printed in: the bibl its correspDesc's "
               "@source names (a CMIF file's sourceDesc).", text=True),
    )
    def joined(parties: list, attr: str) -> str:
        return SEPARATOR.join(getattr(p, attr) for p in parties)

    rows = [[letter.id, letter.date, letter.date_text,
             joined(letter.senders, "name"), joined(letter.senders, "id"),
             joined(letter.addressees, "name"), joined(letter.addressees, "id"),
             letter.place_sent, letter.place_received, letter.title,
             letter.date_of, letter.url, letter.source]
            for letter in letters(root)]
    return Table("letters", "One row per letter (a document whose header has a correspDesc), by date sent.",
                 cols, primary_key="id", rows=rows)


def all_tables(root: etree._Element) -> list[Table]:
    """Every CSV table of the document, in the order the metadata lists them (letters.csv
    only for an edition with letters)."""
    ex = Extractor(root)
    tables = [ex.persons_table()]
    tables += [ex.entity_table(name, tag, name_tag, kind)
               for kind, name, tag, name_tag in ENTITY_KINDS[1:]]
    tables += [ex.mentions_table(), ex.dates_table(), ex.notes_table(), ex.bibliography_table(),
               ex.index_table()]
    letter_table = letters_table(root)
    if letter_table.rows:
        tables.append(letter_table)
    return tables
