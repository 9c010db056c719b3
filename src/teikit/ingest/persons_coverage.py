"""Measure the persons tagging against the book's own printed index.

Recall: the index's (person, page) pairs, each locator of a person's entry and its
sub-entries (page ranges expanded, a note locator counting for the page the note is
printed on), except locators marked *passim* or *onward*, which name no single page.
A pair is *found* when the edition has a ``persName`` for that person whose page (the
nearest preceding ``pb``) is that page.

Precision is judged by reading: :func:`sample` draws a reproducible random sample of
``persName`` elements with their context for a person to check.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field

from lxml import etree

from teikit.ingest.persons import mentions
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
_BLOCKS = {T + t for t in ("p", "note", "item", "head", "cell")}
_LOC = re.compile(r"^([0-9ivxl]+)(?:-([0-9ivxl]+))?")


@dataclass
class Coverage:
    pairs: set[tuple[str, str]] = field(default_factory=set)
    found: set[tuple[str, str]] = field(default_factory=set)
    # found only under a name the index's "see" reference makes one subject with the entry's
    via_see: set[tuple[str, str]] = field(default_factory=set)

    @property
    def missed(self) -> list[tuple[str, str]]:
        return sorted(self.pairs - self.found)

    @property
    def ratio(self) -> float:
        return len(self.found) / len(self.pairs) if self.pairs else 1.0


def _expand(text: str, target: str | None) -> list[str]:
    m = _LOC.match(text)
    if not m:
        return []
    start = m.group(1)
    if not m.group(2) or not start.isdigit():
        return [start] if not m.group(2) else [start, m.group(2)]
    ends = [t.lstrip("#p") for t in (target or "").split()]
    end = ends[-1] if len(ends) == 2 and ends[-1].isdigit() else m.group(2)
    return [str(n) for n in range(int(start), int(end) + 1)] if end.isdigit() else [start]


def _passim(ref: etree._Element) -> bool:
    nxt = ref.getnext()
    after = (ref.tail or "") + (nxt.text or "" if nxt is not None and nxt.tag == T + "hi" else "")
    after += nxt.tail or "" if nxt is not None and nxt.tag == T + "hi" else ""
    head = after.split(",")[0]
    return "passim" in head or "onward" in head


@dataclass(frozen=True)
class Locator:
    """One locator of a person's index entry: its pages and the notes it points at."""

    pid: str
    text: str
    pages: tuple[str, ...]
    notes: tuple[str, ...]


def index_locators(root: etree._Element, exclude: Set[str] = frozenset(),
                   tag: str = "persName") -> list[Locator]:
    """The locators of the index's entries (and sub-entries) for one kind of entity (``tag``:
    persName, orgName, placeName or name for events), without passim/onward."""
    out: list[Locator] = []
    div = root.find(f".//{T}div[@type='index']")
    if div is None:
        return out
    for item in div.iter(T + "item"):
        name = item.find(f"{T}term/{T}{tag}")
        if name is None or not name.get("ref"):
            continue
        pid = name.get("ref").lstrip("#")
        if pid in exclude:
            continue
        for ref in item.iter(T + "ref"):
            if ref.get("type") not in ("page", "range", "note") or _passim(ref) \
                    or any(a.tag == T + "sic" for a in ref.iterancestors()):
                continue
            target = ref.get("target") if ref.get("type") == "range" else None
            notes = tuple(t.lstrip("#") for t in (ref.get("target") or "").split()) \
                if ref.get("type") == "note" else ()
            out.append(Locator(pid, ref.text or "", tuple(_expand(ref.text or "", target)), notes))
    return out


def _mentioned(root: etree._Element,
               tag: str = "persName") -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(entity, page) and (entity, note ID) of every mention."""
    tagged, in_notes = set(), set()
    for el, page in (mentions(root) if tag == "persName" else _other_mentions(root, tag)):
        pid = el.get("ref").lstrip("#")
        if page:
            tagged.add((pid, page))
        note = next(el.iterancestors(T + "note"), None)
        if note is not None:
            in_notes.add((pid, note.get(XML_ID)))
    return tagged, in_notes


# the rs/@type of a referring string ("Ukrainian", "the Party") for each kind of name
_RS_TYPE = {"orgName": "org", "placeName": "place", "name": "event"}


def _other_mentions(root: etree._Element, tag: str) -> Iterator[tuple[etree._Element, str | None]]:
    """Every ``tag[@ref]`` of the text outside the index and bibliography, with its page; a
    referring string of the same kind (``rs type="place"`` for ``placeName``) counts too."""
    page: str | None = None
    text = root.find(T + "text")
    for el in text.iter(T + "pb", T + tag, T + "rs") if text is not None else ():
        if el.tag == T + "pb":
            page = el.get("n")
        elif el.tag == T + "rs" and el.get("type") != _RS_TYPE.get(tag):
            continue
        elif el.get("ref") and not any(a.tag == T + "div" and a.get("type") in ("index", "bibliography")
                                       for a in el.iterancestors()):
            yield el, page


def see_groups(root: etree._Element) -> dict[str, set[str]]:
    """Subject -> the subjects the index's "see" references join it with, itself included.

    "GPU … (see Cheka)", "OGPU … (see Cheka)": the index sends each name of the one
    security service to the Cheka's entry, so GPU, OGPU and Cheka are one group.
    """
    div = root.find(f".//{T}div[@type='index']")
    subject_of: dict[str, str] = {}
    edges: list[tuple[str, str]] = []
    for item in div.iter(T + "item") if div is not None else ():
        name = next((n for n in item.find(T + "term").iter() if n.get("ref")), None) \
            if item.find(T + "term") is not None else None
        if name is not None and item.get(XML_ID):
            subject_of[item.get(XML_ID)] = name.get("ref").lstrip("#")
    for item in div.iter(T + "item") if div is not None else ():
        own = subject_of.get(item.get(XML_ID) or "")
        for ref in item.iter(T + "ref"):
            other = subject_of.get((ref.get("target") or "").lstrip("#"))
            if own and other and not ref.get("type") and other != own:
                edges.append((own, other))
    groups: dict[str, set[str]] = {}
    for a, b in edges:
        merged = groups.get(a, {a}) | groups.get(b, {b})
        for member in merged:
            groups[member] = merged
    return groups


def measure(root: etree._Element, exclude: Set[str] = frozenset(), tag: str = "persName") -> Coverage:
    """Compare the index's (person, page) pairs with the edition's ``persName`` mentions.

    A pair from a note locator is also found inside the very note it points at (the note
    may start on the page before when that page break is inferred). A pair is found *via
    see* when the page names a subject the index's "see" references join with the entry
    (:func:`see_groups`): the index lists OGPU on p. 22, which says "GPU".
    """
    tagged, in_notes = _mentioned(root, tag)
    groups = see_groups(root)
    cov = Coverage()
    for loc in index_locators(root, exclude, tag):
        for page in loc.pages:
            pair = (loc.pid, page)
            cov.pairs.add(pair)
            if pair in tagged or any((loc.pid, n) in in_notes for n in loc.notes):
                cov.found.add(pair)
            elif any((other, page) in tagged for other in groups.get(loc.pid, ())):
                cov.found.add(pair)
                cov.via_see.add(pair)
    return cov


def measure_locators(root: etree._Element, exclude: Set[str] = frozenset(),
                     tag: str = "persName") -> tuple[int, int]:
    """(locators, locators found): a range counts once, found on any of its pages (under
    the entry's own name or one the index's "see" joins with it, as :func:`measure`)."""
    tagged, in_notes = _mentioned(root, tag)
    groups = see_groups(root)
    locs = index_locators(root, exclude, tag)
    found = sum(1 for loc in locs
                if any((other, p) in tagged for other in groups.get(loc.pid, {loc.pid}) for p in loc.pages)
                or any((loc.pid, n) in in_notes for n in loc.notes))
    return len(locs), found


@dataclass
class Described:
    """How the personography describes its persons (issue #18: >= 80 % with dates or a line)."""

    persons: int = 0
    described: int = 0        # dates, or a description of any source
    sourced: int = 0          # dates or a description from the book itself (index, notes)
    indexed: int = 0          # persons of the printed index
    indexed_sourced: int = 0  # ... of them described by the book itself
    dates: int = 0            # birth or death
    index: int = 0            # the printed index's gloss (note type="index")
    roles: int = 0            # a title or office the printed index gives ("Kondratiev, Professor …")
    notes: int = 0            # the translator's biographical note (note @source)
    editors: int = 0          # the editors' own line (note @resp, no @source)
    uncertain: int = 0        # a date the source doubts (@cert)


def described(root: etree._Element) -> Described:
    """Count the persons of ``listPerson`` by what describes them."""
    out = Described()
    # the persons the printed index has an entry for: a roleName of theirs is the index's
    div = root.find(f".//{T}div[@type='index']")
    in_index = {name.get("ref", "").lstrip("#") for name in div.iterfind(f".//{T}term/{T}persName")} \
        if div is not None else set()
    for person in root.iter(T + "person"):
        notes = person.findall(T + "note")
        dates = person.findall(T + "birth") + person.findall(T + "death")
        role = person.get(XML_ID) in in_index \
            and person.find(f"{T}persName[@type='index']/{T}roleName") is not None
        kinds = {"index": any(n.get("type") == "index" for n in notes) or role,
                 "notes": any(n.get("type") is None and n.get("source") for n in notes),
                 "editors": any(n.get("type") is None and n.get("resp") and not n.get("source")
                                for n in notes)}
        out.persons += 1
        out.described += bool(dates or any(kinds.values()))
        out.sourced += bool(dates or kinds["index"] or kinds["notes"])
        if not any(n.get("type") == "indexing" for n in notes):
            out.indexed += 1
            out.indexed_sourced += bool(dates or kinds["index"] or kinds["notes"])
        out.dates += bool(dates)
        out.index += kinds["index"]
        out.roles += role
        out.notes += kinds["notes"]
        out.editors += kinds["editors"]
        out.uncertain += any(d.get("cert") for d in dates)
    return out


def sample(root: etree._Element, size: int = 200, seed: int = 1990) -> list[tuple[str, str, str]]:
    """A reproducible random sample of (ref, page, context) for reading."""
    found = list(mentions(root))
    rng = random.Random(seed)
    chosen = rng.sample(found, min(size, len(found)))
    out = []
    for el, page in chosen:
        block = el.getparent()
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        before, after = _around(block if block is not None else el, el)
        word = " ".join("".join(el.itertext()).split())
        out.append((el.get("ref"), page or "?", f"{before[-70:]}[{word}]{after[:50]}"))
    return out


def sample_paragraphs(root: etree._Element, size: int = 30, seed: int = 1990) -> list[tuple[str, str]]:
    """A reproducible random sample of (page, text) of the text's paragraphs and notes, each
    tagged person shown as ``[words|ref]``, for reading person-mention recall."""
    text = root.find(T + "text")
    skipped = ("index", "bibliography", "contents")
    blocks = [p for p in text.iter(T + "p")
              if not any(a.tag == T + "div" and a.get("type") in skipped for a in p.iterancestors())
              and len(" ".join("".join(p.itertext()).split())) > 40] if text is not None else []
    chosen = random.Random(seed).sample(blocks, min(size, len(blocks)))
    out = []
    for block in sorted(chosen, key=blocks.index):
        pb = block.xpath("preceding::tei:pb[1]", namespaces={"tei": TEI_NS})
        out.append((pb[0].get("n") if pb else "?", _marked(block)))
    return out


def _marked(block: etree._Element) -> str:
    """The text of ``block`` with each ``persName[@ref]`` as ``[words|ref]``."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == T + "persName" and node.get("ref"):
            parts.append(f"[{' '.join(''.join(node.itertext()).split())}|{node.get('ref').lstrip('#')}]")
            return
        if node.tag == T + "sic":
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(block)
    return " ".join("".join(parts).split())


def _around(block: etree._Element, el: etree._Element) -> tuple[str, str]:
    """The text of ``block`` before and after ``el`` (whitespace normalised), in reading
    order: each element's text, then its children, then its tail."""
    before: list[str] = []
    after: list[str] = []
    target = before

    def walk(node: etree._Element) -> None:
        nonlocal target
        if node is el:
            target = after
            return
        if node.tag == T + "sic":  # the text as read: a repair's corr, not what the source gave
            return
        target.append(node.text or "")
        for child in node:
            walk(child)
            target.append(child.tail or "")

    walk(block)
    return " ".join("".join(before).split()) + " ", " " + " ".join("".join(after).split())


def page_texts(root: etree._Element, figures: bool = True) -> dict[str, str]:
    """Page label -> the reading text of that page (outside the index and the bibliography;
    a repair's ``corr``, not its ``sic``), whitespace normalised: to read a missed pair.
    Without ``figures`` the captions of plates are left out: what remains is the page's
    running text, empty on a page that holds plates only or nothing."""
    pages: dict[str, list[str]] = {}
    current = ["?"]

    def walk(node: etree._Element) -> None:
        if node.tag == T + "pb":
            current[0] = node.get("n") or "?"
            pages.setdefault(current[0], [])
            return
        if node.tag == T + "sic" or (node.tag == T + "div" and node.get("type") in ("index", "bibliography")):
            return
        if node.tag == T + "figure" and not figures:
            for pb in node.iter(T + "pb"):  # a break inside a figure still opens its page
                current[0] = pb.get("n") or "?"
                pages.setdefault(current[0], [])
            return
        if node.tag == T + "lb":  # lines printed together: a space between them
            pages.setdefault(current[0], []).append(" ")
        if isinstance(node.tag, str):
            pages.setdefault(current[0], []).append(node.text or "")
            for child in node:
                walk(child)
                pages.setdefault(current[0], []).append(child.tail or "")
            if node.tag in _BLOCKS:
                pages.setdefault(current[0], []).append(" ")

    text = root.find(T + "text")
    if text is not None:
        walk(text)
    return {n: " ".join("".join(parts).split()) for n, parts in pages.items()}


def likely_words(root: etree._Element, ref: str, forms: Iterable[str] = ()) -> list[str]:
    """Stems of the words that name ``ref`` in the standOff lists ("Politburo" -> "polit")
    and in the editors' further ``forms`` of it ("Party"): what a reader looks for on a page
    where the entry was not found."""
    words = {w[:5].lower() for form in forms for w in re.findall(r"[A-Za-z]{4,}", form)}
    for el in root.iterfind(f".//{T}standOff//*[@{{http://www.w3.org/XML/1998/namespace}}id='{ref}']"):
        for name in el:
            if name.tag in (T + "orgName", T + "placeName", T + "label"):
                words.update(w[:5].lower() for w in re.findall(r"[A-Za-z]{4,}", "".join(name.itertext())))
    return sorted(words)


def around_words(text: str, stems: list[str], width: int = 70, limit: int = 3) -> list[str]:
    """Up to ``limit`` snippets of ``text`` around the words that start with one of ``stems``
    (case-insensitive); the page's opening when none occurs."""
    hits = [m for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", text, re.I)] \
        if stems else []
    if not hits:
        return [f"(none of {', '.join(stems) or 'its words'} on the page; it opens) {text[:2 * width]}"]
    return [f"…{text[max(0, m.start() - width):m.end() + width]}…" for m in hits[:limit]]


def subject_mentions(root: etree._Element) -> list[tuple[etree._Element, str | None]]:
    """Every mention of an organisation, place or event in the text (``orgName``,
    ``placeName``, ``name``, and the referring ``rs`` of those kinds), with its page."""
    out: list[tuple[etree._Element, str | None]] = []
    for tag in ("orgName", "placeName", "name"):
        out.extend(_other_mentions(root, tag))
    seen: set[int] = set()
    unique = []
    for el, page in out:  # an rs is yielded once per kind asked
        if id(el) not in seen:
            seen.add(id(el))
            unique.append((el, page))
    order = {el: i for i, el in enumerate(root.iter())}
    return sorted(unique, key=lambda pair: order[pair[0]])


def _mention_key(el: etree._Element, page: str | None) -> tuple[str, str, str, str]:
    words = " ".join("".join(el.itertext()).split())
    return (etree.QName(el).localname, el.get("ref") or "", page or "", words)


def sample_subjects(root: etree._Element, size: int, seed: int,
                    since: etree._Element | None = None) -> list[tuple[str, str, str]]:
    """A reproducible sample of (ref, page, context) of organisation, place and event
    mentions, for reading precision; with ``since`` (an earlier edition), of the mentions
    that edition lacks only (the same element, ref, page and words counted as one each)."""
    from collections import Counter

    found = subject_mentions(root)
    if since is not None:
        before = Counter(_mention_key(el, page) for el, page in subject_mentions(since))
        fresh = []
        for el, page in found:
            key = _mention_key(el, page)
            if before[key]:
                before[key] -= 1
            else:
                fresh.append((el, page))
        found = fresh
    chosen = random.Random(seed).sample(found, min(size, len(found)))
    out = []
    for el, page in sorted(chosen, key=found.index):
        block = el.getparent()
        while block is not None and block.tag not in _BLOCKS:
            block = block.getparent()
        before_text, after = _around(block if block is not None else el, el)
        word = " ".join("".join(el.itertext()).split())
        kind = etree.QName(el).localname + (f"/{el.get('type')}" if el.get("type") else "")
        out.append((f"{el.get('ref')} {kind}", page or "?", f"{before_text[-70:]}[{word}]{after[:50]}"))
    return out
