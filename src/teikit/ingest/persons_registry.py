"""The personography (and org/place/event lists) built from the printed index.

Each main entry of the index is classified from the editorial data
(``tei/editorial/persons.toml``): a heading listed under ``[subjects]`` is an organisation,
a place, an event or a plain index term; one listed under ``[same]`` names a person
indexed elsewhere (``p Koba`` is Stalin); every other heading is a person. People the
text names who are absent from the printed index come from ``[[unindexed]]``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.errors import InputError
from teikit.ingest.index_parse import Entry, Overrides, Section
from teikit.ingest.persons_names import PersonName, parse_person_heading, slug
from teikit.ingest.tomldata import STRINGS, Map, OneOf, Required, TomlFile, check_shape
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
PERSONS_FILE = "persons.toml"
SUBJECT_KINDS = {"org": ("listOrg", "org", "orgName", "organizations"),
                 "place": ("listPlace", "place", "placeName", "places"),
                 "event": ("listEvent", "event", "label", "events")}


_INDEX_NOTE = {"entry": Required(str), "locator": Required(str), "corrected": str,
               "note": Required(str), "reason": str}
# The shape of persons.toml (docs/encoding.md, "persons.toml"): every key the passes read.
PERSONS_SHAPE = {
    "index": {"role_words": STRINGS, "nesting": {"main": STRINGS, "sub": STRINGS}, "notes": [_INDEX_NOTE]},
    "subjects": Map(OneOf("org", "place", "event", "term")),
    "same": Map(str),
    "person": Map({"variants": STRINGS, "mentions": STRINGS}),
    "org": Map({"mentions": STRINGS, "refs": STRINGS}),
    "place": Map({"mentions": STRINGS, "refs": STRINGS}),
    "forms": {"exclude": STRINGS, "not_names": STRINGS},
    "resolve": [{"form": Required(str), "pages": STRINGS, "before": str, "person": Required(str),
                 "reason": str}],
    # a common word that, on the pages given, refers to an org, place or event ("police")
    "refer": [{"form": Required(str), "pages": Required(STRINGS), "before": str, "ref": Required(str),
               "reason": Required(str)}],
    "description": Map(str),
    "event": Map({"mentions": STRINGS, "refs": STRINGS}),
    **{f"unindexed_{kind}": [{"id": Required(str), "name": Required(str), "names": STRINGS, "type": str,
                              "description": str, "mentions": STRINGS, "refs": STRINGS}]
       for kind in ("place", "org", "event")},
    # pairs of the printed index that no name on the page realises (the locator is topical:
    # "Troika" where the page tells what the three did); read by benchmarks/person_coverage.py
    "topical": [{"entry": Required(str), "pages": Required(STRINGS), "reason": Required(str)}],
    "unindexed": [{"id": Required(str), "surname": Required(str), "forename": str, "roles": STRINGS,
                   "description": str, "mentions": STRINGS, "indexed_under": str, "only_mentions": bool}],
}


def load_editorial(editorial_dir: Path) -> dict:
    """Read ``persons.toml`` and check its shape; a missing file is an empty configuration."""
    file = TomlFile.load(editorial_dir / PERSONS_FILE, docs="docs/encoding.md, 'persons.toml'")
    check_shape(file, file.data, PERSONS_SHAPE)
    return file.data


def nesting_overrides(cfg: dict) -> Overrides:
    nest = cfg.get("index", {}).get("nesting", {})
    return Overrides(tuple(nest.get("main", ())), tuple(nest.get("sub", ())))


def heading_key(head: str) -> str:
    """The key an editorial table uses for a heading: its text before a comma or '('."""
    text = head[2:] if head.startswith("p ") else head
    for stop in (",", "("):
        text = text.split(stop, 1)[0]
    return text.strip().strip('"').strip()


@dataclass
class Subject:
    """A non-person index subject (org, place, event or a plain term)."""

    id: str | None
    kind: str
    name: str
    entry: Entry | None  # None: not in the printed index (the editors' data)
    description: str | None = None
    type: str | None = None  # place/org @type: city, country, building, newspaper, ...
    other_names: list[str] = field(default_factory=list)


@dataclass
class Person:
    """A person of the personography."""

    id: str
    name: PersonName
    entries: list[Entry] = field(default_factory=list)
    indexed: bool = True
    extra_names: list[str] = field(default_factory=list)  # variants from persons.toml
    under: str | None = None  # ID of the person under whose entry the print lists them
    editors_note: str | None = None  # the editors' one-line description ([description])


@dataclass
class Registry:
    persons: list[Person] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    # main entry (by id()) -> ("person"|"org"|..., xml:id or None)
    links: dict[int, tuple[str, str | None]] = field(default_factory=dict)

    def by_id(self, pid: str) -> Person | None:
        return next((p for p in self.persons if p.id == pid), None)


def _person_ids(names: list[PersonName]) -> list[str]:
    """``pers-`` + surname slug, + forename slug where the surname is shared."""
    counts = Counter(slug(n.surname) for n in names)
    ids = []
    for n in names:
        base = "pers-" + slug(n.surname)
        if counts[slug(n.surname)] > 1:
            first = slug((n.forename or "fnu").split()[0])
            base += "-" + (first or "fnu")
        while base in ids:
            base += "-2"
        ids.append(base)
    return ids


def build_registry(sections: list[Section], cfg: dict) -> Registry:
    """Classify the main entries of the index and give each its ID."""
    subjects_cfg: dict[str, str] = cfg.get("subjects", {})
    same_cfg: dict[str, str] = cfg.get("same", {})
    roles = frozenset(cfg.get("index", {}).get("role_words", ()))
    reg = Registry()
    person_entries: list[tuple[Entry, PersonName]] = []
    same_names: list[tuple[str, str, bool]] = []
    for section in sections:
        for entry in section.items:
            if not isinstance(entry, Entry):
                continue
            key = heading_key(entry.head)
            if key in same_cfg:
                reg.links[id(entry)] = ("person", same_cfg[key])
                same_names.append((key, same_cfg[key], entry.head.startswith("p ")))
            elif key in subjects_cfg:
                kind = subjects_cfg[key]
                sid = f"{kind}-{slug(key)}" if kind in SUBJECT_KINDS else None
                gloss = _gloss(entry.head, key)
                reg.subjects.append(Subject(sid, kind, key, entry, gloss))
                reg.links[id(entry)] = (kind, sid)
            else:
                person_entries.append((entry, parse_person_heading(entry.head, roles)))
    ids = _person_ids([n for _, n in person_entries])
    for (entry, name), pid in zip(person_entries, ids, strict=True):
        reg.persons.append(Person(pid, name, [entry]))
        reg.links[id(entry)] = ("person", pid)
    for key, pid, pseudonym in same_names:
        # "p Koba" indexed on its own: a pseudonym of the person it names
        person = reg.by_id(pid)
        if person is None:
            continue
        names = person.name.pseudonyms if pseudonym else person.name.aka
        if not any(key in n for n in person.name.pseudonyms + person.name.aka):
            names.append(key)
    _add_unindexed(reg, cfg)
    _add_unindexed_subjects(reg, cfg)
    _add_variants(reg, cfg)
    return reg


def _gloss(head: str, key: str) -> str | None:
    """What an index heading says of its subject after the name: "Duzdab, town of" -> "town of"."""
    text = head[2:] if head.startswith("p ") else head
    rest = text.strip().strip('"')[len(key):].strip().strip('"').strip(" ,")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1]
    return rest or None


def _add_unindexed_subjects(reg: Registry, cfg: dict) -> None:
    """Places, organisations and events the text names often that the index does not list."""
    taken = {s.id for s in reg.subjects} | {p.id for p in reg.persons}
    for kind in SUBJECT_KINDS:
        for item in cfg.get(f"unindexed_{kind}", []):
            # an ID another subject or a person has would be merged with it, or given twice
            if item["id"] in taken:
                raise InputError(f"[[unindexed_{kind}]] {item['id']!r}: a person, organisation, place or "
                                 "event of the edition already has this ID", file=PERSONS_FILE,
                                 hint=f"give it an ID of its own, or use [{kind}.\"…\"] mentions for "
                                      "further names of the existing one")
            taken.add(item["id"])
            reg.subjects.append(Subject(item["id"], kind, item["name"], None, item.get("description"),
                                        item.get("type"), list(item.get("names", []))))


def _add_unindexed(reg: Registry, cfg: dict) -> None:
    for item in cfg.get("unindexed", []):
        if reg.by_id(item["id"]) is not None:
            raise InputError(f"[[unindexed]] {item['id']!r}: the printed index already has this person",
                             file=PERSONS_FILE, hint="use [person.\"…\"] mentions or variants for an "
                                                      "indexed person's further names")
        name = PersonName(surname=item["surname"], forename=item.get("forename"))
        name.roles = list(item.get("roles", []))
        name.fnu = not item.get("forename")
        person = Person(item["id"], name, [], indexed=False)
        # the description of someone the index lacks is the editors', not the index's
        person.editors_note = item.get("description")
        # Stalin's children appear in the print only as sub-entries of his entry
        person.under = item.get("indexed_under")
        reg.persons.append(person)


def _add_variants(reg: Registry, cfg: dict) -> None:
    for pid, extra in cfg.get("person", {}).items():
        person = reg.by_id(pid)
        if person is not None:
            person.extra_names.extend(extra.get("variants", []))
    for pid, text in cfg.get("description", {}).items():
        person = reg.by_id(pid)
        if person is not None:
            person.editors_note = " ".join(text.split())


# ---------------------------------------------------------------- TEI


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, T + tag, {k.replace("_", ""): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _index_persname(parent: etree._Element, n: PersonName) -> None:
    pn = _sub(parent, "persName", type="index")
    if n.printed_pseudonym:
        pn.set("subtype", "pseudonym")
    sur = _sub(pn, "surname", n.surname)
    last = sur
    for role in n.roles:
        last.tail = ", "
        last = _sub(pn, "roleName", role)
    if n.forename:
        last.tail = ", " if not n.roles else " "
        last = _sub(pn, "forename", n.forename)
    for nick in n.nicknames:
        last.tail = " "
        last = _sub(pn, "addName", f"\u201c{nick}\u201d", type="nickname")


def person_element(p: Person, see_ids: dict[str, str]) -> etree._Element:
    """The ``person`` element for the personography (``see_ids``: surname -> ID)."""
    return _person(p, see_ids, {v: k for k, v in see_ids.items()})


def _person(p: Person, see_ids: dict[str, str], labels: dict[str, str]) -> etree._Element:
    el = etree.Element(T + "person", {XML_ID: p.id})
    n = p.name
    _index_persname(el, n)
    for kind, names in (("pseudonym", n.pseudonyms), ("birth", n.birth), ("aka", n.aka),
                        ("variant", n.variants + p.extra_names)):
        for value in names:
            _sub(el, "persName", value, type=kind)
    if n.fnu:
        _sub(el, "note", "first name unknown", type="name")
    for note in n.notes:
        _sub(el, "note", note, type="name")
    if n.description:
        _sub(el, "note", ", ".join(n.description), type="index")
    for target in n.see:
        note = _sub(el, "note", "see ", type="see")
        ref = _sub(note, "ref", target)
        if target in see_ids:
            ref.set("target", "#" + see_ids[target])
    if p.editors_note:
        _sub(el, "note", p.editors_note, resp="#teikit")
    if not p.indexed and p.under:
        note = _sub(el, "note", "no entry of its own in the printed index; a sub-entry of ", type="indexing")
        _sub(note, "ref", labels.get(p.under, p.under), target="#" + p.under)
    elif not p.indexed:
        _sub(el, "note", "not in the printed index", type="indexing")
    return el


def standoff_lists(reg: Registry) -> list[etree._Element]:
    """listPerson, listOrg, listPlace, listEvent; empty lists are left out."""
    see_ids = {p.name.surname: p.id for p in reg.persons}
    lists = []
    lp = etree.Element(T + "listPerson", {XML_ID: "persons"})
    for p in reg.persons:
        lp.append(person_element(p, see_ids))
    lists.append(lp)
    for kind, (list_tag, item_tag, name_tag, list_id) in SUBJECT_KINDS.items():
        lst = etree.Element(T + list_tag, {XML_ID: list_id})
        seen = set()
        for s in reg.subjects:
            if s.kind != kind or s.id in seen:
                continue
            seen.add(s.id)
            item = _sub(lst, item_tag)
            item.set(XML_ID, s.id)
            if s.type:
                item.set("type", s.type)
            _sub(item, name_tag, s.name)
            for other in s.other_names:
                _sub(item, name_tag, other)
            if s.description and s.entry is not None:
                _sub(item, "note", s.description, type="index")
            elif s.description:  # the editors' line for a subject the index lacks
                _sub(item, "note", s.description, resp="#teikit")
            if s.entry is None:
                _sub(item, "note", "not in the printed index", type="indexing")
        lists.append(lst)
    return [lst for lst in lists if len(lst)]
