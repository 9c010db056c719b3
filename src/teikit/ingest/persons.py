"""Ingest pass `persons`: tag every mention of a person (and of an indexed org or place).

Runs last, over the finished text. Forms come from :mod:`teikit.ingest.persons_forms`;
spans are wrapped with the shared :func:`teikit.ingest.inline.wrap_matches`. A form that
names one candidate is linked at once. A form shared by namesakes (``Kaganovich``,
``Sverdlov``, the nickname ``Nadia``) is wrapped provisionally and then resolved by the
page it stands on: if the printed index lists exactly one of the candidates on that page,
the mention is his or hers; otherwise the wrapper is removed again and an ``info``
diagnostic (``persons.ambiguous``) records the mention and why it stays unlinked. Nothing
is guessed.

Not searched: ``teiHeader``, ``standOff``, the index (already linked), the bibliography
(the bibliography pass owns its author names) and existing names.

A span never crosses an element, so a name whose surname was repaired
(``Lev Borisovich <choice><sic>Kameney</sic><corr>Kamenev</corr></choice>``) is first
found in the ``corr`` alone; :func:`extend_over_corrections` then widens it over the
forenames before the ``choice`` when the whole reads as a form of the same person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from lxml import etree

from teikit.diagnostics import Severity
from teikit.errors import InputError
from teikit.ingest.context import IngestContext
from teikit.ingest.index_parse import roman_to_int
from teikit.ingest.inline import wrap_matches
from teikit.ingest.persons_forms import Forms, build_forms
from teikit.ingest.persons_registry import PERSONS_FILE, load_editorial
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
PENDING = "candidates"  # temporary attribute on a provisional wrapper
NAME_TAGS = (T + "persName", T + "orgName", T + "placeName", T + "name")
# the type of an rs (a referring string, not a name) by the element a name of its subject takes
REFERRING_TYPES = {"orgName": "org", "placeName": "place", "name": "event"}
# A name inside the title of a work is part of the title, not a mention of the person
# (Trotsky's "Stalin: An Appraisal", "Khrushchev Remembers").
SKIP_TAGS = [*NAME_TAGS, T + "rs", *(T + t for t in ("teiHeader", "standOff", "pb", "ref", "title"))]
_ROMAN = re.compile(r"^[ivxl]+$")
# Elements inside a paragraph: the text before a name runs on through them.
INLINE = {T + t for t in ("hi", "title", "choice", "corr", "sic", "date", "persName", "orgName",
                          "placeName", "ref", "supplied", "q", "foreign", "emph", "name", "rs")}


def page_number(n: str | None) -> int | None:
    """A page label as a number on one axis: roman front pages are negative."""
    if not n:
        return None
    if n.isdigit():
        return int(n)
    if _ROMAN.match(n):
        return -1000 + roman_to_int(n)
    return None


class IndexPages:
    """For each person, the pages the printed index lists (ranges expanded, ``onward`` open)."""

    def __init__(self, root: etree._Element) -> None:
        self.pages: dict[str, set[int]] = {}
        self.onward: dict[str, int] = {}
        # every index division: a book may print several (of persons, of subjects)
        items = [item for div in root.iterfind(f".//{T}div[@type='index']") for item in div.iter(T + "item")]
        for item in items:
            name = item.find(f"{T}term/{T}persName")
            if name is None or not name.get("ref"):
                continue
            pid = name.get("ref").lstrip("#")
            for ref in item.iter(T + "ref"):
                self._add(pid, ref)

    def _add(self, pid: str, ref: etree._Element) -> None:
        text = ref.text or ""
        m = re.match(r"^([0-9ivxl]+)(?:-([0-9ivxl]+))?", text)
        if not m:
            return
        start = page_number(m.group(1))
        end = start
        targets = (ref.get("target") or "").split()
        if ref.get("type") == "range" and len(targets) == 2:
            end = page_number(targets[1].lstrip("#p"))
        if start is None or end is None:
            return
        self.pages.setdefault(pid, set()).update(range(start, end + 1))
        tail = ref.tail or ""
        nxt = ref.getnext()
        if "onward" in tail or (nxt is not None and nxt.tag == T + "hi" and "onward" in (nxt.tail or "")):
            self.onward[pid] = min(self.onward.get(pid, start), start)

    def lists(self, pid: str, page: int | None) -> bool:
        if page is None:
            return False
        if page in self.pages.get(pid, ()):
            return True
        return pid in self.onward and page >= self.onward[pid]


def _excluded(root: etree._Element) -> set[etree._Element]:
    """Elements whose text is not searched (index, bibliography)."""
    out: set[etree._Element] = set()
    for div in root.iter(T + "div"):
        if div.get("type") in ("index", "bibliography"):
            out.update(div.iter())
    return out


def _finder(forms: Forms):
    pattern = forms.pattern()

    def find(text: str) -> Iterator[tuple[int, int, list[str]]]:
        for m in pattern.finditer(text):
            if forms.candidates[m.group(0)]:  # blocked phrases have none
                yield m.start(), m.end(), forms.candidates[m.group(0)]

    return find


def _factory(forms: Forms, ruled_forms: set[str]):
    def make(text: str, candidates: list[str]) -> etree._Element:
        tag = forms.kinds.get(candidates[0], "persName")
        if text in forms.referring:
            el = etree.Element(T + "rs", type=REFERRING_TYPES.get(tag, "person"))
        else:
            el = etree.Element(T + tag)
        if tag == "name" and text not in forms.referring:
            el.set("type", "event")
        # a form some editorial rule reads is resolved later, even with one candidate
        if len(candidates) == 1 and text not in ruled_forms:
            el.set("ref", "#" + candidates[0])
        else:
            el.set(PENDING, " ".join(candidates))
        return el

    return make


def _unwrap(el: etree._Element) -> None:
    """Remove a provisional wrapper, keeping its text where it was."""
    parent = el.getparent()
    text = (el.text or "") + (el.tail or "")
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(el)


def _readings(cfg: dict) -> list[dict]:
    """The editors' readings of persons.toml: ``[[resolve]]`` (which person a form names)
    and ``[[refer]]`` (a common word that, on the pages given, refers to an organisation,
    place or event: "police" for the OGPU), both as {form, pages, before, person}."""
    return [*cfg.get("resolve", []),
            *({"form": r["form"], "pages": r["pages"], "before": r.get("before", ""), "person": r["ref"]}
              for r in cfg.get("refer", []))]


def _rules(cfg: dict) -> dict[tuple[str, int | None], list[tuple[str, str]]]:
    """Editorial readings from ``[[resolve]]`` and ``[[refer]]`` in persons.toml.

    (form, page) -> [(text just before the mention or "", person)]; page None: the
    reading holds wherever the index alone cannot decide.
    """
    out: dict[tuple[str, int | None], list[tuple[str, str]]] = {}
    for rule in _readings(cfg):
        for page in rule.get("pages", ["*"]):
            key = None if page == "*" else page_number(str(page))
            out.setdefault((rule["form"], key), []).append((rule.get("before", ""), rule["person"]))
    return out


def _rule_only_forms(cfg: dict, forms: Forms, editorial_dir: Path = Path()) -> dict[str, list[str]]:
    """Forms that only readings name, added to ``forms`` for their subjects: a forename used
    alone that is also a common word ("German" Sverdlov, and the adjective), a common noun
    that refers to an organisation on some pages ("police"). Form -> what it names where no
    reading applies: the one place or organisation it also refers to ("German": Germany),
    else nothing (plain text)."""
    out: dict[str, list[str]] = {}
    for rule in _readings(cfg):
        form, target = rule["form"], rule["person"]
        if target not in forms.kinds:
            raise InputError(f"the reading of {form!r} names {target!r}, which is no person, organisation, "
                             "place or event of the edition", file=editorial_dir / PERSONS_FILE,
                             hint="use an xml:id of the standOff lists (pers-…, org-…, place-…, event-…)")
        # no person has this form: it names one only where a reading says so
        if form in out or not any(forms.kinds.get(c) == "persName" for c in forms.candidates.get(form, [])):
            out.setdefault(form, list(forms.candidates.get(form, [])))
            referring = forms.kinds.get(target, "persName") != "persName"
            forms.add(form, target, referring=referring)
            if referring:
                forms.referring_to.add((form, target))
    return out


def _before(el: etree._Element) -> str:
    prev = el.getprevious()
    return (prev.tail if prev is not None else el.getparent().text) or ""


def _text_before(el: etree._Element, limit: int = 200) -> str:
    """The words just before ``el`` in its paragraph, across the names and other inline
    elements before it ("Stalin and " before the second name of "Stalin and Sverdlov")."""
    parts: list[str] = []
    node = el
    while node.getparent() is not None and len("".join(parts)) < limit:
        parent = node.getparent()
        for prev in node.itersiblings(preceding=True):
            parts.append(prev.tail or "")
            parts.append("".join(prev.itertext()))
        parts.append(parent.text or "")
        if parent.tag not in INLINE:
            break
        node = parent
    return "".join(reversed(parts))[-limit:]


def _ruled(rules: dict, el: etree._Element, page: int | None) -> tuple[str | None, bool]:
    """The person an editorial rule gives this mention, and whether the rule is specific
    (names a page or the preceding text) and so overrides the index."""
    before_text = _text_before(el)
    for key in ((el.text, page), (el.text, None)):
        for before, person in rules.get(key, []):
            if before_text.endswith(before):
                return person, bool(before) or key[1] is not None
    return None, False


def _retag(el: etree._Element, ref: str, forms: Forms | None) -> None:
    """Give a resolved wrapper the element its subject takes: a person's ``persName``, or
    for a place, organisation or event its name, or ``rs`` when the form only refers to it."""
    if forms is None:  # every candidate a person: the wrapper is already a persName
        return
    kind = forms.kinds.get(ref, "persName")
    el.attrib.pop("type", None)
    if kind != "persName" and (el.text in forms.referring or (el.text, ref) in forms.referring_to):
        el.tag = T + "rs"
        del el.attrib["ref"]  # the attributes in the order every other rs has them
        el.set("type", REFERRING_TYPES.get(kind, "person"))
        el.set("ref", "#" + ref)
        return
    el.tag = T + kind
    if kind == "name":
        el.set("type", "event")


def _resolve(ctx: IngestContext, index_pages: IndexPages, rules: dict,
             rule_only: Mapping[str, list[str]] | None = None, forms: Forms | None = None) -> tuple[int, int]:
    """Link or unwrap provisional wrappers by the index's pages; return (linked, left).

    A form in ``rule_only`` is a name only where a reading says so (a forename that is also
    a common word: "German"); elsewhere it refers to the one place or organisation it also
    names ("German": Germany), or, when it names none, it is plain text, with no diagnostic."""
    page: int | None = None
    linked = left = 0
    pending = []
    for el in ctx.root.iter(T + "pb", *NAME_TAGS, T + "rs"):
        if el.tag == T + "pb":
            page = page_number(el.get("n"))
        elif el.get(PENDING):
            pending.append((el, page))
    for el, pg in pending:
        candidates = el.get(PENDING).split()
        listed = candidates if len(candidates) == 1 else \
            [c for c in candidates if index_pages.lists(c, pg)]
        ruled, specific = _ruled(rules, el, pg)
        if rule_only and el.text in rule_only:
            others = rule_only[el.text]
            listed = [ruled] if ruled and specific else others[:1] if len(others) == 1 else []
            if not listed:
                del el.attrib[PENDING]
                _unwrap(el)
                continue
        if ruled and (specific or len(listed) != 1):
            listed = [ruled]
        del el.attrib[PENDING]
        if len(listed) == 1:
            el.set("ref", "#" + listed[0])
            _retag(el, listed[0], forms)
            linked += 1
            continue
        left += 1
        reason = "none of them is" if not listed else "more than one is"
        ctx.report(Severity.INFO, "persons.ambiguous",
                   f"{el.text!r} on page {_label(pg)} may name {', '.join(candidates)}; {reason} "
                   "listed by the index on that page, so the mention stays unlinked",
                   hint="add a longer form or a page rule to tei/editorial/persons.toml if the "
                        "person is certain")
        _unwrap(el)
    return linked, left


def italic_works(text: etree._Element, forms: Forms, excluded: set[etree._Element]) -> int:
    """An italic span that is exactly a person's name is the title of a work named after
    them (Trotsky's *Stalin*, *Burevestnik*): it becomes ``title`` and is not a mention.
    Returns how many were retagged."""
    count = 0
    for hi in list(text.iter(T + "hi")):
        if hi.get("rend") != "italic" or len(hi) or hi in excluded:
            continue
        words = (hi.text or "").strip()
        candidates = forms.candidates.get(words)
        if candidates and all(forms.kinds.get(c, "persName") == "persName" for c in candidates):
            hi.tag = T + "title"
            del hi.attrib["rend"]
            count += 1
    return count


def extend_over_corrections(root: etree._Element, forms: Forms) -> int:
    """Widen names found inside a repaired reading over the words just before it.

    ``Lev Borisovich <choice>…<corr><persName ref="#x">Kamenev</persName></corr></choice>``
    becomes ``<persName ref="#x">Lev Borisovich <choice>…<corr>Kamenev</corr></choice></persName>``
    when "Lev Borisovich Kamenev" is a form of person x. Returns how many were widened.
    """
    widened = 0
    for choice in list(root.iter(T + "choice")):
        corr = choice.find(T + "corr")
        name = corr[0] if corr is not None and len(corr) == 1 else None
        # only a bare name that is the whole corrected reading, not already inside a name
        if name is None or name.tag not in NAME_TAGS or not name.get("ref") or len(name) \
                or (corr.text or "").strip() or (name.tail or "").strip() \
                or any(a.tag in NAME_TAGS for a in choice.iterancestors()):
            continue
        before = _before(choice)
        ref = name.get("ref").lstrip("#")
        words = before.split(" ")
        # the longest run of whole words before the choice that makes a form of this name
        for start in range(max(0, len(words) - 5), len(words) - 1):
            lead = " ".join(words[start:])
            if lead and ref in forms.candidates.get(lead + (name.text or ""), []):
                break
        else:
            continue
        wrapper = etree.Element(name.tag, name.attrib)
        wrapper.text = lead
        wrapper.tail = choice.tail
        prev = choice.getprevious()
        rest = before[: len(before) - len(lead)] or None
        if prev is not None:
            prev.tail = rest
        else:
            choice.getparent().text = rest
        choice.addprevious(wrapper)
        choice.tail = None
        wrapper.append(choice)
        corr.text, corr[:] = (name.text or "") + (name.tail or ""), []
        widened += 1
    return widened


_PATRONYMIC = re.compile(r"[A-Z][a-z]+(?:ovich|evich|ievich|yevich|ich|ovna|evna|ievna|ichna|itch)$")
# one or two capitalised words (the second may be an initial: "Grigory E.") right before a
# name, and an opening bracket or quotation mark between them and it ('Grigory ["Grisha"] Kanner')
_WORDS_BEFORE = re.compile(r"(?:^|(?<=[\s(\[“\"]))"
                           r"((?:[A-Z][a-zà-ÿ]+ )(?:(?:[A-Z][a-zà-ÿ]+|[A-Z]\.) )?[\[\"“(]*)$")
# what may stand between two pieces of one name: spaces, quotation marks, brackets and
# parentheses, an insertion ("Adolf (Schikelgruber) Hitler")
_GAP = re.compile(r"(?:\s|[\"“”\[\]()]|\[[^\]]*\])*")
# the translator's insertion of forenames: "Comrade [Maxim Maxsimovich] Litvinov"
_BRACKETED_BEFORE = re.compile(r"(?:^|(?<=\s))(\[(?:[A-Z][a-zà-ÿ]+ ?){1,3}\] )$")


def _index_names(root: etree._Element) -> dict[str, tuple[set[str], list[str]]]:
    """Person ID -> (the surname and its spelling variants, the words of the forenames) as
    the printed index and the editorial data give them."""
    out: dict[str, tuple[set[str], list[str]]] = {}
    for person in root.iter(T + "person"):
        fore = person.find(f"{T}persName[@type='index']/{T}forename")
        surnames = {"".join(el.itertext()) for el in person.findall(f"{T}persName[@type='index']/{T}surname")
                    + person.findall(f"{T}persName[@type='variant']")}
        text = "".join(fore.itertext()) if fore is not None else ""
        out[person.get(XML_ID, "")] = (surnames, text.replace(".", " ").split())
    return out


def _names_person(words: list[str], known: list[str], is_surname: bool, vocabulary: set[str]) -> bool:
    """Whether the words printed before a name are this person's forenames: a patronymic
    last (the index abbreviates or misspells them: "Aleksandr G.", "Simon Vasievich"), or a
    forename the index gives. Before the index's surname, a first name whose initial the
    index contradicts is someone else's ("Leonid Petrovich" is not Mikhail Vasilevich);
    before a pseudonym, birth name or alias the index's forenames do not apply, and any
    forename of the index's people will do ("Ivan Krylov", Bessedovsky's pseudonym)."""
    words = [w.rstrip(".") for w in words]  # "Grigory E." -> an initial the index may give
    if is_surname and known and words[0] not in known and words[0][0] != known[0][0] \
            and not _PATRONYMIC.match(words[0]):
        return False
    if _PATRONYMIC.match(words[-1]) or any(w in known for w in words):
        return True
    if is_surname:
        # a forename spelt otherwise than in the index but with its initial ("Stanislav" for
        # the index's Stanislas), followed by nothing or by an initial; where the index
        # prints initials only ("Golubtsova, V."), any first name with that initial
        initials_only = bool(known) and all(len(w) == 1 for w in known)
        return bool(known) and (words[0] in vocabulary or initials_only) and words[0][0] == known[0][0] \
            and all(len(w) == 1 for w in words[1:])
    return all(w in vocabulary for w in words)


def _forename_vocabulary(names: dict[str, tuple[set[str], list[str]]]) -> set[str]:
    """Every forename the index prints (whole words, not initials)."""
    return {w for _, known in names.values() for w in known if len(w) > 1 and w.isalpha()}


def _alias_forenames(root: etree._Element) -> set[str]:
    """First names of the people's other names ("Leon" of Trotsky's "aka Leon Trotsky"), so
    that an alias printed with a forename is taken whole ("Leon Berg", Orlov's)."""
    out: set[str] = set()
    for name in root.iter(T + "persName"):
        words = "".join(name.itertext()).split()
        if name.get("type") in ("pseudonym", "aka", "birth") and len(words) > 1 and words[0].isalpha() \
                and words[0][:1].isupper() and len(words[0]) > 1:
            out.add(words[0])
    return out


def _merge_following(el: etree._Element) -> int:
    """Join the mentions of the same person that follow with nothing but spaces, quotation
    marks or a bracketed insertion between: one name split in pieces."""
    merged = 0
    nxt = el.getnext()
    while nxt is not None and nxt.tag == el.tag and nxt.get("ref") == el.get("ref") \
            and _GAP.fullmatch(el.tail or "") and _parenthesis_closes(el, nxt):
        last = el[-1] if len(el) else None
        gap = (el.tail or "") + (nxt.text or "")
        if last is not None:
            last.tail = (last.tail or "") + gap
        else:
            el.text = (el.text or "") + gap
        for child in list(nxt):
            el.append(child)
        el.tail = nxt.tail
        el.getparent().remove(nxt)
        merged += 1
        nxt = el.getnext()
    return merged


def _parenthesis_closes(el: etree._Element, nxt: etree._Element) -> bool:
    """A parenthesis between two pieces joins them only when the name holds it whole:
    "Adolf (Schikelgruber) Hitler", not "Trotsky (Trotsky, Writings)"."""
    gap = el.tail or ""
    if "(" in gap and not (nxt.tail or "").startswith(")"):
        return False
    prev = el.getprevious()
    before = (prev.tail if prev is not None else el.getparent().text) or ""
    opened = before.rstrip().rstrip("\"“").endswith("(")  # 'Valeria ("Lera") Golubtsova'
    return not (")" in gap and "(" not in "".join(el.itertext()) and not opened)


def _set_before(el: etree._Element, text: str) -> None:
    prev = el.getprevious()
    if prev is not None:
        prev.tail = text or None
    else:
        el.getparent().text = text or None


# closing mark -> the opening mark it needs
_PAIRS = {'"': '"', "”": "“", "]": "[", ")": "("}


def _balance_quotes(el: etree._Element, before: str) -> str:
    """A name that closes a quotation mark or bracket it did not open ('Grisha" Kanner')
    takes the opening one printed just before it; returns the text left before."""
    whole = "".join(el.itertext())
    for close, opening in _PAIRS.items():
        if close == opening:
            unbalanced = whole.count(close) % 2 == 1
        else:
            unbalanced = whole.count(close) > whole.count(opening)
        if unbalanced and before.endswith(opening):
            el.text = opening + (el.text or "")
            return before[:-1]
    return before


def _close_after(el: etree._Element) -> None:
    """A name that opened a bracket or quotation mark it did not close ('Vladimir Ilich [Lenin')
    takes the closing one printed right after it."""
    whole = "".join(el.itertext())
    tail = el.tail or ""
    for close, opening in _PAIRS.items():
        if close == opening:
            unbalanced = whole.count(close) % 2 == 1
        else:
            unbalanced = whole.count(opening) > whole.count(close)
        if unbalanced and tail.startswith(close):
            last = el[-1] if len(el) else None
            if last is not None:
                last.tail = (last.tail or "") + close
            else:
                el.text = (el.text or "") + close
            el.tail = tail[1:] or None
            return


def _forenames_before(before: str, known: list[str], is_surname: bool, vocabulary: set[str]) -> str:
    """The end of ``before`` that holds the name's forenames ("" if none): two words, else one
    ("See Adolf (" gives "Adolf ("), else a bracketed insertion."""
    m = _WORDS_BEFORE.search(before)
    if m:
        lead = m.group(1)
        words = lead.strip("[]\"“( ").split()
        if _names_person(words, known, is_surname, vocabulary):
            return lead
        if len(words) == 2:
            shorter = lead[lead.index(" ") + 1:]
            if _names_person(words[1:], known, is_surname, vocabulary) and not words[1].endswith("."):
                return shorter
    m = _BRACKETED_BEFORE.search(before)
    if m and _names_person(m.group(1).strip("[] ").split(), known, is_surname, vocabulary):
        return m.group(1)
    return ""


def widen_forenames(text: etree._Element, excluded: set[etree._Element]) -> int:
    """Take into a name the forenames and patronymic printed right before it and left outside
    ("Pavel Petrovich <persName>Skoropadsky</persName>"), and join one name split in pieces
    ("Nadia [Nadezhda Sergeevna] Alliluyeva", 'Grigory ["Grisha"] Kanner'). Returns the count."""
    root = text.getroottree().getroot()
    names = _index_names(root)
    vocabulary = _forename_vocabulary(names) | _alias_forenames(root)
    widened = 0
    for el in list(text.iter(T + "persName")):
        ref = (el.get("ref") or "").lstrip("#")
        if not ref or el in excluded or el.getparent() is None:
            continue
        widened += _merge_following(el)
        prev = el.getprevious()
        before = (prev.tail if prev is not None else el.getparent().text) or ""
        surnames, known = names.get(ref, (set(), []))
        last_word = "".join(el.itertext()).strip("[]\"“”() ").split(" ")[-1]
        if prev is not None and prev.tag == T + "pb" and not before.strip() \
                and _take_forenames_across_page(el, prev, known, last_word in surnames, vocabulary):
            widened += 1
        else:
            lead = _forenames_before(before, known, last_word in surnames, vocabulary)
            if lead:
                el.text = lead + (el.text or "")
                before = before[: len(before) - len(lead)]
                widened += 1
            _set_before(el, _balance_quotes(el, before))
        _close_after(el)
        widened += _take_repaired_forename(el, known)
        widened += _take_patronymic_after(el, known)
    return widened


def _take_forenames_across_page(el: etree._Element, pb: etree._Element, known: list[str],
                                is_surname: bool, vocabulary: set[str]) -> int:
    """Forenames printed before a page break that the name follows ('"Vladimir <pb n="10"/>Ilich"'):
    the name takes them, and the page break goes after the name, as a break inside a word
    goes after the word (editorialDecl): a name is on the page where it begins, and a
    ``pb`` inside a name would put a link inside a link in the HTML."""
    prev = pb.getprevious()
    before = (prev.tail if prev is not None else pb.getparent().text) or ""
    lead = _forenames_before(before, known, is_surname, vocabulary)
    if not lead:
        return 0
    _set_before(pb, before[: len(before) - len(lead)])
    rest = (pb.tail or "") + (el.text or "")
    pb.tail = None
    el.text = lead + rest
    el.addnext(pb)  # lxml moves the element; the name's tail stays with the name
    pb.tail, el.tail = el.tail, None
    return 1


_WORD_AFTER = re.compile(r"^ ([A-Z][a-z]+)\b")


def _take_patronymic_after(el: etree._Element, known: list[str]) -> int:
    """A forename tagged alone takes the patronymic printed right after it, when the index
    gives both: "<persName>Olga</persName> Davydovna" (the index's "Kameneva, Olga Davydovna")."""
    if len(el) or (el.text or "") not in known:
        return 0
    m = _WORD_AFTER.match(el.tail or "")
    if not m or m.group(1) not in known or not _PATRONYMIC.match(m.group(1)):
        return 0
    el.text = (el.text or "") + m.group(0)
    el.tail = (el.tail or "")[m.end():]
    return 1


def _take_repaired_forename(el: etree._Element, known: list[str]) -> int:
    """A forename the editors repaired, right before the name ("<choice><sic>Roza-lia</sic>
    <corr>Rozalia</corr></choice> Samoilovna Zemliachka"), belongs to it: the choice moves in."""
    prev = el.getprevious()
    if prev is None or prev.tag != T + "choice" or (prev.tail or "") != " ":
        return 0
    corr = prev.find(T + "corr")
    word = "".join(corr.itertext()) if corr is not None and not len(corr) else ""
    first = (el.text or "").split()[:1]
    patronymic_next = bool(first and _PATRONYMIC.match(first[0]))
    if not re.fullmatch(r"[A-Z][a-zà-ÿ]+", word) or not (word in known or patronymic_next):
        return 0
    rest = el.text or ""
    el.text = None
    el.insert(0, prev)  # lxml moves the element
    prev.tail = " " + rest
    return 1


def forename_patronymics(text: etree._Element, excluded: set[etree._Element], forms: Forms) -> Forms:
    """"Forename Patronymic" -> the persons it may name: from the forenames of the index
    ("Kaganovich, Lazar Moiseevich") and from the whole names the text prints ("Yakob
    Grigorievich Blumkin"). A pair that is already a form of someone is left to that form."""
    root = text.getroottree().getroot()
    learnt = Forms()
    for pid, (_surnames, known) in _index_names(root).items():
        if len(known) >= 2 and _PATRONYMIC.match(known[1]):
            learnt.add(f"{known[0]} {known[1]}", pid)
    for el in text.iter(T + "persName"):
        words = "".join(el.itertext()).split()
        if el in excluded or not el.get("ref") or len(words) < 3 or not _PATRONYMIC.match(words[1]):
            continue
        learnt.add(f"{words[0]} {words[1]}", el.get("ref", "").lstrip("#"))
    for form in list(learnt.candidates):
        if forms.candidates.get(form) is not None:
            del learnt.candidates[form]
    learnt.kinds = {pid: "persName" for refs in learnt.candidates.values() for pid in refs}
    return learnt


def _label(page: int | None) -> str:
    if page is None:
        return "?"
    return str(page) if page > 0 else f"{page + 1000} (roman)"


def run(ctx: IngestContext) -> None:
    """Tag the mentions of persons, organisations and places."""
    if ctx.tree is None or ctx.root.find(f"{T}standOff/{T}listPerson") is None:
        return
    cfg = load_editorial(ctx.editorial_dir)
    forms = build_forms(ctx.root.find(T + "standOff"), cfg)
    if not forms.candidates:
        return
    text = ctx.root.find(T + "text")
    if text is None:
        return
    excluded = _excluded(ctx.root)
    italic_works(text, forms, excluded)
    rules = _rules(cfg)
    rule_only = _rule_only_forms(cfg, forms, ctx.editorial_dir)
    wrap_matches(text, _finder(forms), _factory(forms, {form for form, _ in rules}), skip=SKIP_TAGS,
                 only=lambda el: el not in excluded)
    index_pages = IndexPages(ctx.root)
    _resolve(ctx, index_pages, rules, rule_only, forms)
    extend_over_corrections(text, forms)
    widen_forenames(text, excluded)
    # forename and patronymic alone ("Yakob Grigorievich"), learnt from the index and from
    # the whole names the text itself prints, then resolved like any shared form
    learnt = forename_patronymics(text, excluded, forms)
    if learnt.candidates:
        wrap_matches(text, _finder(learnt), _factory(learnt, set()), skip=SKIP_TAGS,
                     only=lambda el: el not in excluded)
        _resolve(ctx, index_pages, rules)
        widen_forenames(text, excluded)  # a pair found now may be part of a whole name


def mentions(root: etree._Element) -> Iterator[tuple[etree._Element, str | None]]:
    """Every ``persName[@ref]`` outside header, standOff and index, with its page label."""
    page: str | None = None
    excluded = _excluded(root)
    body = root.find(T + "text")
    if body is None:
        return
    for el in body.iter(T + "pb", T + "persName"):
        if el.tag == T + "pb":
            page = el.get("n")
        elif el.get("ref") and el not in excluded:
            yield el, page


__all__ = ["run", "mentions", "IndexPages", "page_number", "XML_ID"]
