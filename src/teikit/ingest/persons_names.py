"""Read a person's names from the heading of a printed index entry.

``p Kaplan, Fanny (aka Fania Royd, Dora Kaplan, née Feiga Efimova Roidman), attempt to
murder Lenin`` becomes surname *Kaplan*, forename *Fanny*, the printed name a pseudonym,
aka names *Fania Royd* and *Dora Kaplan*, birth name *Feiga Efimova Roidman* and the
description *attempt to murder Lenin*. Pure functions, no TEI.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field

from teikit.ingest.index_parse import split_segments


@dataclass
class PersonName:
    """What an index heading says about a person's names."""

    surname: str
    forename: str | None = None
    roles: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)
    pseudonyms: list[str] = field(default_factory=list)
    birth: list[str] = field(default_factory=list)
    aka: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    see: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "probably Semyon I.", "phonetic"
    description: list[str] = field(default_factory=list)
    fnu: bool = False
    printed_pseudonym: bool = False  # the heading itself is a pseudonym ("p Stalin")
    name_end: int = 0  # offset in the heading where the name part ends


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-separated slug."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_ = "".join(c for c in norm if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


_NICK = re.compile(r'^"([^"]+?),?"\s*,?\s*')


def _paren_items(text: str, name: PersonName) -> None:
    """Sort the items of a parenthetical ("p X; né Y", "fnu, aka Z") into ``name``."""
    kind = None
    # a nickname first: ("Nadia," Stalin's second wife), ("Sasha," né Gol'shtein)
    if m := _NICK.match(text):
        name.nicknames.append(m.group(1))
        text = text[m.end():]
    for raw in re.split(r"[;,]\s*", text):
        item = raw.strip().strip(".")
        if not item:
            continue
        if item == "fnu":
            name.fnu = True
            continue
        m = re.match(r"^(p|né|née|aka|also|see|probably)\s+(.+)$", item)
        if m:
            kind, item = m.group(1), m.group(2)
        elif kind is None or not item[:1].isupper():
            name.description.append(item) if not item.endswith("?") else name.notes.append(item)
            kind = None
            continue
        _store(name, kind, item)


def _store(name: PersonName, kind: str | None, item: str) -> None:
    target = {
        "p": name.pseudonyms, "né": name.birth, "née": name.birth, "aka": name.aka,
        "also": name.variants, "see": name.see, "probably": name.notes,
    }.get(kind or "", name.description)
    if kind == "probably":
        item = f"probably {item}"
    target.append(item.strip('"'))


def _split_parens(segment: str) -> tuple[str, list[str]]:
    """The text of a segment outside parentheses, and the parenthesised parts."""
    parts = re.findall(r"\(([^()]*)\)", segment)
    outside = re.sub(r"\([^()]*\)", " ", segment)
    return re.sub(r"\s+", " ", outside).strip(), parts


def _is_forename_segment(text: str) -> bool:
    """Forenames (and titles) start with a capital and are a few words without digits."""
    words = text.split()
    return bool(words) and words[0][:1].isupper() and len(words) <= 4 and not any(
        c.isdigit() for c in text
    ) and "/" not in text


def parse_person_heading(head: str, roles: Collection[str] = frozenset()) -> PersonName:
    """Parse the name part and description of an index heading (locators removed).

    ``roles``: the titles and ranks the index prints before a forename ("Marshal",
    "Lt."), kept as roleName (the edition's ``[index] role_words`` in persons.toml).
    """
    text = head.rstrip().rstrip(",").rstrip()
    pseud = text.startswith("p ")
    body = text[2:] if pseud else text
    offset = 2 if pseud else 0
    spans = split_segments(body)
    seg0 = body[spans[0][0]:spans[0][1]]
    surname, parens = _split_parens(seg0)
    name = PersonName(surname=surname, printed_pseudonym=pseud)
    if " and " in surname:  # "Antonov and peasant revolts"
        surname, _, what = surname.partition(" and ")
        name.surname = surname
        name.description.append("and " + what)
    for p in parens:
        _paren_items(p, name)
    name.name_end = offset + spans[0][1]
    rest = spans[1:]
    if rest and not name.fnu:
        seg1 = body[rest[0][0]:rest[0][1]].strip()
        outside, parens1 = _split_parens(seg1)
        if outside and _is_forename_segment(outside):
            _forename(outside, name, roles)
            for p in parens1:
                _paren_items(p, name)
            name.name_end = offset + rest[0][1]
            rest = rest[1:]
    elif rest and "fnu" in body[rest[0][0]:rest[0][1]]:
        # "Genzel, Professor (fnu)": the title sits where the forename would
        outside, _ = _split_parens(body[rest[0][0]:rest[0][1]])
        name.roles.append(outside)
        name.name_end = offset + rest[0][1]
        rest = rest[1:]
    for begin, end in rest:
        seg = body[begin:end].strip()
        if seg:
            name.description.append(seg)
    return name


def _forename(text: str, name: PersonName, role_words: Collection[str]) -> None:
    words = text.split()
    roles = []
    while words and words[0] in role_words and len(words) > 1:
        roles.append(words.pop(0))
    if words and all(w in role_words for w in words):
        roles.extend(words)
        words = []
    if roles:
        name.roles.append(" ".join(roles))
    if not words:
        name.fnu = True
    else:
        name.forename = " ".join(w for w in words if w != "(fnu)")
