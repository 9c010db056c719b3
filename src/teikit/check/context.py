"""Pointer resolution shared by every rule, computed once per document set.

Rules ask the :class:`Context` what a pointer leads to (:meth:`Context.resolve`) and who
points at an element (:meth:`Context.incoming`); both are computed on first use and kept,
so the set is walked a constant number of times whatever the number of rules.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit.check.model import Document, DocumentSet, base_of, join_uri, local_name
from teikit.check.pointers import SCHEME, Pointer
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError
from teikit.keys import entry_aliases, key_fragment, key_kinds
from teikit.xmlio import TEI_NS, XML_ID


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a pointer leads to.

    ``status``: ``ok`` (``target`` is the element), ``dangling`` (no such ID), ``no-file``
    (the file does not exist), ``bad-file`` (the file exists but is not usable TEI),
    ``unchecked`` (external URL, a bare value that names no ID, a ``@key`` without register).
    """

    status: str
    target: etree._Element | None = None
    target_doc: Document | None = None
    detail: str = ""


UNCHECKED = Resolution("unchecked")
# What a register file lists, and a "#id" of another file may have meant (Context.holder): an
# entry of one of these lists. Not a witness: each edition lists its own, under common sigla.
REGISTER_LISTS = frozenset({"listPerson", "listPlace", "listOrg", "listEvent", "listObject", "listBibl",
                            "taxonomy", "listNym"})


class Context:
    """The document set plus lazily computed resolutions and reverse pointers."""

    def __init__(self, docs: DocumentSet, external: Sequence[str] = (), bare_ids: Sequence[str] = ()) -> None:
        self.docs = docs
        # "@facs", "pb/@facs", "catRef/@*": pointer attributes the edition declares external
        self.external = [_split_pattern(p) for p in external]
        # "sp/@who", "@corresp": attributes whose values are IDs written without '#'
        self.bare_ids = [_split_pattern(p) for p in bare_ids]
        self._resolved: dict[int, list[tuple[Pointer, Resolution]]] = {}
        self._incoming: dict[etree._Element, list[tuple[Document, Pointer]]] | None = None
        self._keys: tuple[dict[str, etree._Element], set[str]] | None = None
        self._aliases: dict[tuple[int, frozenset[str] | None], dict[str, etree._Element]] = {}
        self._by_element: dict[int, dict[etree._Element, list[tuple[Pointer, Resolution]]]] = {}
        self._holders: dict[str, list[Document]] = {}

    def external_attribute(self, element: str, attr: str) -> str | None:
        """The declared pattern that makes ``element/@attr`` external, if any."""
        for el, at in self.external:
            if at in ("*", attr) and el in ("*", element):
                return f"@{at}" if el == "*" else f"{el}/@{at}"
        return None

    def declares_bare_ids(self, element: str, attr: str) -> bool:
        """Whether the edition declares that ``element/@attr`` holds IDs without '#'."""
        return any(at in ("*", attr) and el in ("*", element) for el, at in self.bare_ids)

    # -- resolution -------------------------------------------------------------------
    def resolved(self, doc: Document) -> list[tuple[Pointer, Resolution]]:
        """Every pointer of ``doc`` with its resolution (computed once)."""
        key = id(doc)
        if key not in self._resolved:
            self._resolved[key] = [(p, self._resolve(doc, p)) for p in doc.pointers]
        return self._resolved[key]

    def _resolve(self, doc: Document, p: Pointer) -> Resolution:
        if p.kind == "local":
            el = doc.ids.get(p.fragment)
            if el is not None:
                return Resolution("ok", el, doc)
            # a register given apart: the builds put its entries beside the text, so "#id"
            # names them there (the Tillich letters' ref="#tillich_person_id__1930")
            reg = next((r for r in self.docs.registers if p.fragment in r.ids), None)
            return Resolution("ok", reg.ids[p.fragment], reg) if reg is not None else Resolution("dangling")
        if p.kind == "bare":
            el = doc.ids.get(p.fragment)
            return Resolution("ok", el, doc) if el is not None else UNCHECKED
        if p.kind == "key":
            return self._resolve_key(doc, p)
        if p.kind == "file":
            return self._resolve_file(doc, p)
        return UNCHECKED

    def _resolve_key(self, doc: Document, p: Pointer) -> Resolution:
        # as the builds read it (teikit.keys): an ID, else an entry of the name's kind by its
        # @n or @key, in the file itself, then in the registers; an ID of another kind is
        # found too, for typed.* to say so
        wanted = key_kinds(p.element)
        # a key written as a pointer (key="../register/persons.xml#p1") names its fragment's entry
        names = [p.fragment] + ([frag] if (frag := key_fragment(p.fragment)) else [])

        def first(found: dict[str, etree._Element]) -> etree._Element | None:
            return next((found[n] for n in names if n in found), None)

        el = first(doc.ids)
        if el is None:
            el = first(self._aliases_in(doc, wanted))
        if el is not None:
            return Resolution("ok", el, doc)
        if self._keys is None:
            self._keys = self.docs.key_index()
        index, kinds = self._keys
        el = first(self._register_aliases(wanted))
        if el is None:
            el = first(index)
        if el is not None:
            return Resolution("ok", el)
        # Judge a key only when a register holds entries of the kind it names (a persName's
        # key against a personography); a place key with only persons at hand is unchecked.
        checkable = bool(kinds & wanted) if wanted else False
        return Resolution("dangling") if checkable else UNCHECKED

    def _aliases_in(self, doc: Document, kinds: set[str] | None) -> dict[str, etree._Element]:
        """The entries of ``doc`` (of ``kinds``) by ID, @n and @key, found once."""
        key = (id(doc), frozenset(kinds) if kinds is not None else None)
        found = self._aliases.get(key)
        if found is None:
            found = self._aliases[key] = entry_aliases(doc.tree.getroot(), kinds)
        return found

    def _register_aliases(self, kinds: set[str] | None) -> dict[str, etree._Element]:
        """The registers' entries (of ``kinds``) by ID, @n and @key, found once."""
        key = (-1, frozenset(kinds) if kinds is not None else None)
        found = self._aliases.get(key)
        if found is None:
            found = {}
            for reg in self.docs.registers:
                for alias, el in entry_aliases(reg.tree.getroot(), kinds).items():
                    found.setdefault(alias, el)
            self._aliases[key] = found
        return found

    def _resolve_file(self, doc: Document, p: Pointer) -> Resolution:
        path = p.path
        if doc.has_base and (base := base_of(p.element)):
            # xml:base="https://…/" makes the pointer a URL, never fetched; a relative base
            # ("../register/") is a folder the pointer is read in
            path = join_uri(base, path)
            if SCHEME.match(path) and not path.startswith("file:"):
                return Resolution("unchecked", detail=f"xml:base={base}")  # counted, not silent
            path = path.removeprefix("file:")
        if path.startswith("/") or not path.lower().endswith((".xml", ".tei")):
            return UNCHECKED  # only local XML files are opened; images etc. are not our business
        target = (doc.path.parent / path).resolve()
        other = self.docs.external(target)
        if other is None:
            return Resolution("no-file", detail=os.path.relpath(target, doc.path.parent))
        if isinstance(other, InputError):
            return Resolution("bad-file", detail=str(other))
        if not p.fragment:
            return Resolution("ok", other.tree.getroot(), other)
        el = other.ids.get(p.fragment)
        if el is None:  # said as the pointer would write it, relative to the pointing file
            return Resolution("dangling", target_doc=other, detail=os.path.relpath(target, doc.path.parent))
        return Resolution("ok", el, other)

    def targets(self, doc: Document, el: etree._Element, attr: str) -> list[etree._Element]:
        """The elements that ``el``'s attribute ``attr`` resolves to (one per resolved token)."""
        key = id(doc)
        if key not in self._by_element:
            table: dict[etree._Element, list[tuple[Pointer, Resolution]]] = defaultdict(list)
            for p, r in self.resolved(doc):
                table[p.element].append((p, r))
            self._by_element[key] = table
        pairs = self._by_element[key].get(el, [])
        return [r.target for p, r in pairs if p.attr == attr and r.target is not None]

    def holder(self, xml_id: str, doc: Document) -> Document | None:
        """The one other file checked together whose register entry (a person, place,
        bibliography entry, category… in its list) has ``xml_id``: where a "#id" that names
        nothing in its own file probably meant to lead. None when no file, or more than one,
        has it, or it is no entry: the same sigla and hands (#A, #m1) recur in every edition
        of a corpus by coincidence. Asked once per ID; for hints only."""
        found = self._holders.get(xml_id)
        if found is None:
            found = self._holders[xml_id] = [d for d in self.docs.checked if xml_id in d.ids]
        others = [d for d in found if d is not doc]
        if len(others) != 1:
            return None
        entry = others[0].ids[xml_id]
        parent = entry.getparent()
        return others[0] if parent is not None and local_name(parent) in REGISTER_LISTS else None

    # -- reverse index ----------------------------------------------------------------
    def incoming(self, el: etree._Element) -> list[tuple[Document, Pointer]]:
        """Every (document, pointer) in the checked set and registers that resolves to ``el``."""
        if self._incoming is None:
            index: dict[etree._Element, list[tuple[Document, Pointer]]] = defaultdict(list)
            for doc in self.docs.checked + self.docs.registers:
                for p, r in self.resolved(doc):
                    if r.target is not None:
                        index[r.target].append((doc, p))
            self._incoming = index
        return self._incoming.get(el, [])


def make(
    doc: Document,
    el: etree._Element | None,
    code: str,
    severity: Severity,
    message: str,
    hint: str | None = None,
    attr: str | None = None,
) -> Diagnostic:
    """A diagnostic located at ``el`` in ``doc`` (line, column of its start tag, or of its
    attribute ``attr`` when given, XPath and nearest xml:id)."""
    if el is None:
        return Diagnostic(doc.name, None, None, severity, code, message, hint)
    return Diagnostic(
        file=doc.name,
        line=el.sourceline,
        column=doc.column_of(el, attr),
        severity=severity,
        code=code,
        message=message,
        hint=hint,
        xpath=xpath_of(el),
        xml_id=nearest_id(el),
    )


def xpath_of(el: etree._Element) -> str:
    """A readable XPath to ``el``: ``/tei:TEI/tei:text[1]/tei:body[1]/tei:div[3]`` (prefix tei = TEI)."""
    steps: list[str] = []
    node: etree._Element | None = el
    while node is not None:
        parent = node.getparent()
        if isinstance(node.tag, str) and node.tag.startswith(_TEI):
            name = "tei:" + node.tag[len(_TEI):]
            same = parent.iterchildren(node.tag) if parent is not None else iter([node])
        else:
            name = "*"
            same = parent.iterchildren("*") if parent is not None else iter([node])
        position = next(i for i, sib in enumerate(same, start=1) if sib is node)
        steps.append(name if parent is None else f"{name}[{position}]")
        node = parent
    return "/" + "/".join(reversed(steps))


_TEI = f"{{{TEI_NS}}}"


def nearest_id(el: etree._Element) -> str | None:
    """The element's own xml:id or that of its nearest ancestor that has one."""
    node: etree._Element | None = el
    while node is not None:
        xml_id = node.get(XML_ID) if isinstance(node.tag, str) else None
        if xml_id:
            return xml_id
        node = node.getparent()
    return None


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _split_pattern(pattern: str) -> tuple[str, str]:
    """"@facs" -> ("*", "facs"); "pb/@facs" -> ("pb", "facs"); "catRef" -> ("catRef", "*")."""
    if "/@" in pattern:
        el, attr = pattern.split("/@", 1)
        return el, attr
    if pattern.startswith("@"):
        return "*", pattern[1:]
    return pattern, "*"
