"""The surface forms under which the text names a person, organisation or place.

Built from the personography in ``standOff`` (names as the index prints them) plus the
editorial data in ``persons.toml``: a form is a string matched as a whole word, mapped to
the candidates it may name. ``Stalin`` names one person; ``Kaganovich`` names two and
must be resolved (see :mod:`teikit.ingest.persons`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
_INITIAL = re.compile(r"^[A-Z]\.$")


@dataclass
class Forms:
    """form -> candidate refs (``pers-…``/``org-…``/``place-…``), and the element kind."""

    candidates: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, str] = field(default_factory=dict)  # ref -> persName|orgName|placeName
    # forms that refer to an org, place or event without being its name ("Ukrainian", "the
    # Party"): tagged <rs type="place|org|event">, as the TEI Guidelines have it for referring strings
    referring: set[str] = field(default_factory=set)
    # (form, ref): a form that refers to that subject only, where an editors' reading says
    # so ("police", the OGPU on p. 160); the same form may be another subject's name
    referring_to: set[tuple[str, str]] = field(default_factory=set)

    def add(self, form: str, ref: str, referring: bool = False) -> None:
        """Map ``form`` to ``ref``. A name is capitalised (or opens with a nickname in
        quotation marks: '"Ivry" Piatakov'); a referring string the editors list may be a
        common noun in lower case ("chekists" for the Cheka's members)."""
        form = form.strip()
        if len(form) < 3 or not (referring or form.lstrip("\"“")[:1].isupper()):
            return
        if ref not in self.candidates[form]:
            self.candidates[form].append(ref)

    def block(self, phrase: str) -> None:
        """A phrase that contains a name but is no mention ("Battleship Potemkin"): being
        longer, it is matched first, and then left alone."""
        self.candidates[phrase.strip()] = []

    def pattern(self) -> re.Pattern[str]:
        """One regex for every form, as whole words; the longest form wins.

        The forms are compiled as a trie (common prefixes factored out), which keeps
        matching fast with some two thousand forms; a whole-word check after each form
        makes the trie backtrack to a shorter form when a longer one ends inside a word.
        """
        trie: dict = {}
        for form in self.candidates:
            node = trie
            for ch in form:
                node = node.setdefault(ch, {})
            node[""] = True
        # a match may only start at a character some form starts with: capitals, a quotation
        # mark ('"Trotsky,"' blocked as a title), the lower-case letters of referring strings
        starts = "".join(sorted({re.escape(form[0]) for form in self.candidates if form}))
        return re.compile(rf"(?<![\w.])(?=[{starts or 'A-Z'}])" + _trie_regex(trie))


def _trie_regex(node: dict) -> str:
    """A regex for the strings of a trie, longer alternatives first, each ending a word."""
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append(r"(?![\w])")  # a form ends here: only at the end of a word
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _text(el: etree._Element | None) -> str:
    return "" if el is None else " ".join("".join(el.itertext()).split())


def _forename_forms(forename: str, surname: str) -> list[str]:
    """"Lev Davidovich" + "Trotsky": Lev Trotsky, Lev Davidovich Trotsky, L. D. Trotsky,
    L. Trotsky, Lev D. Trotsky."""
    words = [w for w in forename.replace("(", " ").replace(")", " ").split() if w]
    if not words:
        return []
    forms = [f"{' '.join(words)} {surname}", f"{words[0]} {surname}"]
    initials = [w if _INITIAL.match(w) else f"{w[0]}." for w in words]
    forms += [f"{' '.join(initials)} {surname}", f"{initials[0]} {surname}"]
    if len(words) > 1:  # "Lev B. Kamenev"
        forms.append(f"{words[0]} {' '.join(initials[1:])} {surname}")
    forms += [f"{'. '.join(w[0] for w in words)}. {surname}"]
    return forms


def person_forms(person: etree._Element) -> list[str]:
    """All forms that name ``person`` unambiguously or together with namesakes."""
    idx = person.find(T + "persName[@type='index']")
    surname = _text(idx.find(T + "surname")) if idx is not None else ""
    forename = _text(idx.find(T + "forename")) if idx is not None else ""
    forms = [surname] if surname else []
    if surname and forename:
        forms += _forename_forms(forename, surname)
    for role in idx.findall(T + "roleName") if idx is not None else []:
        forms.append(f"{_text(role)} {surname}")
    for nick in idx.findall(T + "addName[@type='nickname']") if idx is not None else []:
        nick_text = _text(nick).strip("\u201c\u201d\"")
        forms += [nick_text, f"{nick_text} {surname}"]
    for other in person.findall(T + "persName"):
        if other.get("type") in ("pseudonym", "birth", "aka", "variant"):
            value = _text(other)
            forms.append(value)
            if other.get("type") == "variant" and forename:
                forms += _forename_forms(forename, value)
    return forms


def build_forms(root: etree._Element, cfg: dict) -> Forms:
    """Forms for every person of ``listPerson`` and every org/place of the standOff lists."""
    forms = Forms()
    excluded = set(cfg.get("forms", {}).get("exclude", []))
    unindexed = {u["id"]: u.get("mentions", []) for u in cfg.get("unindexed", [])}
    # people named only by the listed mentions (a forename shared with others' names)
    only = {u["id"] for u in cfg.get("unindexed", []) if u.get("only_mentions")}
    for person in root.iter(T + "person"):
        pid = person.get(XML_ID)
        if not pid:
            continue
        forms.kinds[pid] = "persName"
        extra = cfg.get("person", {}).get(pid, {})
        automatic = [] if pid in only else person_forms(person)
        for form in automatic + list(extra.get("mentions", [])) + unindexed.get(pid, []):
            if form not in excluded:
                forms.add(form, pid)
    for phrase in cfg.get("forms", {}).get("not_names", []):
        forms.block(phrase)
    # orgs, places and events; an event is mentioned as <name type="event">
    for tag, name_tag, mention_tag in (("org", "orgName", "orgName"), ("place", "placeName", "placeName"),
                                       ("event", "label", "name")):
        unindexed = {u["id"]: u.get("mentions", []) for u in cfg.get(f"unindexed_{tag}", [])}
        referring = {u["id"]: u.get("refs", []) for u in cfg.get(f"unindexed_{tag}", [])}
        for item in root.iter(T + tag):
            ref = item.get(XML_ID)
            if not ref:
                continue
            forms.kinds[ref] = mention_tag
            for name in item.findall(T + name_tag):
                if _text(name) not in excluded:
                    forms.add(_text(name), ref)
            for form in list(cfg.get(tag, {}).get(ref, {}).get("mentions", [])) + unindexed.get(ref, []):
                forms.add(form, ref)
            for form in list(cfg.get(tag, {}).get(ref, {}).get("refs", [])) + referring.get(ref, []):
                forms.add(form, ref, referring=True)
                forms.referring.add(form.strip())
    return forms
