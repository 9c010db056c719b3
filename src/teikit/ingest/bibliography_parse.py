"""Parse the lines of a printed bibliography into plain values (no XML here).

The book's "Select Bibliography" prints entries in two shapes:

- author first: ``Surname, Forename[ (role)][, and Surname, Forename]. *Title*. Publisher,
  Place, Year[ (reprint)].`` -- possibly a second ``*Title*. Imprint.`` by the same author;
- title first (under later subheadings): ``Title. [Forename Surname, ]Publisher, Place, Year.``
  followed by ``(Forename Surname, Editor.)``; or a bare title (periodicals).

Subheadings are short lines without a year that stand next to full entries (see
:func:`group_lines`). Whatever a rule cannot place is kept in :attr:`Work.notes`, so
nothing printed is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_ITALIC = re.compile(r"\*([^*]+)\*")
# "Hanover, N.H.": initials after the city name its state or province and belong to the
# place. Names of states spelt out ("Gulf Breeze, Florida") are the edition's data
# (``[bibliography] place_qualifiers`` in book.toml), passed in as ``qualifiers``.
_INITIALS = re.compile(r"^[A-Z]\.(?: ?[A-Z]\.)+$")
_NAME_FIRST = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)+ [A-Z][a-z]+$")  # "Ludmila A. Foster"


@dataclass
class Name:
    surname: str
    forename: str = ""
    extra: str = ""  # a parenthesised addition, e.g. another spelling: "Bajanov"
    role: str = "author"  # author | editor
    role_label: str = ""  # the printed role words, e.g. "Editor in chief"
    given_first: bool = False  # printed "Forename Surname" rather than "Surname, Forename"


@dataclass
class Work:
    """One printed work: a title with its imprint; several may share one printed entry."""

    title: str
    level: str = "m"  # m (book) or j (periodical)
    names: list[Name] = field(default_factory=list)
    publisher: str = ""
    place: str = ""
    year: str = ""
    reprint: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """One printed entry: its source line(s), the works it lists."""

    index: int  # 0-based line of the entry's first line
    text: str
    works: list[Work]


@dataclass
class Group:
    """A printed subheading (None for the entries before the first one) and its entries."""

    head: str | None
    head_index: int | None
    entries: list[Entry] = field(default_factory=list)


def is_full(text: str) -> bool:
    """A line that reads like an entry with an imprint (it has a year or an italic title)."""
    return bool(YEAR.search(text) or _ITALIC.search(text))


def group_lines(items: list[tuple[int, str]], qualifiers: Collection[str] = ()) -> list[Group]:
    """Group (index, text) lines into subheadings and entries.

    A short line without a year is a subheading when a full entry stands right before or
    right after it (or it comes first); between other short lines it is itself an entry
    (the periodicals under "Reviews, Journals, Catalogs"). A line opening with "(" belongs
    to the entry before it.
    """
    groups = [Group(None, None)]
    for k, (index, text) in enumerate(items):
        if text.startswith("(") and groups[-1].entries:
            last = groups[-1].entries[-1]
            last.text += " " + text
            continue
        prev_full = k == 0 or is_full(items[k - 1][1])
        next_full = k + 1 < len(items) and is_full(items[k + 1][1])
        if not is_full(text) and (prev_full or next_full):
            groups.append(Group(text, index))
        else:
            groups[-1].entries.append(Entry(index, text, []))
    for group in groups:
        for entry in group.entries:
            entry.works = parse_entry(entry.text, qualifiers)
    return [g for g in groups if g.entries or g.head]


def parse_entry(text: str, qualifiers: Collection[str] = ()) -> list[Work]:
    """The works of one printed entry (author-first, title-first or a bare title).

    ``qualifiers``: words that, printed after a city, belong to the place ("Florida").
    """
    m = re.match(r"^(?P<names>[^*]+?)\.\s+\*", text)
    if m:
        return _author_first(m.group("names"), text[m.end() - 1:], qualifiers)
    if not YEAR.search(text):
        return [Work(title=text.strip().rstrip("."), level="j")]
    return [_title_first(text, qualifiers)]


def _author_first(names_text: str, rest: str, qualifiers: Collection[str]) -> list[Work]:
    names = parse_names(names_text)
    works: list[Work] = []
    # rest: "*Title*. Imprint. *Title 2*. Imprint 2." -- one work per italic title.
    parts = list(_ITALIC.finditer(rest))
    for k, m in enumerate(parts):
        end = parts[k + 1].start() if k + 1 < len(parts) else len(rest)
        work = Work(title=m.group(1).strip(), names=names)
        _imprint(work, rest[m.end():end].lstrip(".,").strip(), qualifiers)
        works.append(work)
    return works


def _title_first(text: str, qualifiers: Collection[str]) -> Work:
    text, editors = _trailing_editors(text)
    title, _, rest = text.partition(". ")
    work = Work(title=title.strip(), names=editors)
    parts = [p.strip() for p in rest.split(",")]
    if len(parts) > 2 and _NAME_FIRST.match(parts[0]):
        given, _, surname = parts[0].rpartition(" ")
        work.names = [Name(surname, given, given_first=True)] + work.names
        rest = ", ".join(parts[1:])
    _imprint(work, rest, qualifiers)
    return work


def _trailing_editors(text: str) -> tuple[str, list[Name]]:
    """Split off "(A. M. Prokhorov, Editor in chief.)" notes printed after the imprint."""
    editors: list[Name] = []
    for m in reversed(list(re.finditer(r"\(([^()]+?), (Editor[^()]*?)\.?\)", text))):
        given, _, surname = m.group(1).strip().rpartition(" ")
        editors.insert(0, Name(surname, given, role="editor", role_label=m.group(2), given_first=True))
        text = (text[: m.start()] + text[m.end():]).strip()
    return text, editors


def parse_names(text: str) -> list[Name]:
    """ "Corson, William, and Crowley, Robert" -> two names; "(editor)" and others kept."""
    names = []
    for part in re.split(r",? and ", text):
        extra = ""
        m = re.search(r"\s*\(([^)]*)\)\s*$", part)
        if m:
            extra, part = m.group(1), part[: m.start()]
        surname, _, forename = part.partition(",")
        forename = forename.strip()
        if re.search(r"(?:^|\s)[A-Z]$", forename):
            forename += "."  # the entry's full stop after an initial belongs to the initial
        name = Name(surname.strip(), forename)
        if extra.lower() == "editor":
            name.role = "editor"
            name.role_label = extra
        else:
            name.extra = extra
        names.append(name)
    return names


def _imprint(work: Work, text: str, qualifiers: Collection[str] = ()) -> None:
    """Fill publisher, place, year and reprint from "Publisher, Place, Year (reprint)."."""
    text = text.strip().rstrip(".").strip()
    if re.search(r"\(reprint\)", text):
        work.reprint = True
        text = re.sub(r"\s*\(reprint\)", "", text).strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts and YEAR.fullmatch(parts[-1]):
        work.year = parts.pop()
    elif text:
        work.notes.append(text)
        return
    if len(parts) >= 2 and (_INITIALS.match(parts[-1]) or parts[-1] in qualifiers):
        parts[-2:] = [f"{parts[-2]}, {parts[-1]}"]
    if len(parts) == 1:
        work.publisher = parts[0]  # "Cambridge University Press, 1985": no place printed
    elif len(parts) == 2 and re.match(r"^[A-Z]\. ", parts[1]):
        work.place, work.publisher = parts  # "Berlin, P. Aretz": place first, firm named after a person
    elif parts:
        work.place = parts[-1]
        work.publisher = ", ".join(parts[:-1])
