"""Which attributes are TEI pointers, and how one pointer value is read.

The list is not hand-picked: ``data/pointers.json`` is derived from TEI P5's ``tei_all.rng``
by ``scripts/derive_pointer_attributes.py`` (every attribute of datatype ``teidata.pointer``,
per element, plus the ``att.global*`` ones). ``@key`` is not a pointer datatype in TEI
(``teidata.text``) but projects use it as one; it is yielded with kind ``key`` and resolved
only when a register is available (see :mod:`teikit.check.rules.pointers`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from lxml import etree

from teikit.xmlio import TEI_NS

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_BAD_CHARS = re.compile(r'[<>"{}|\\^`\x00-\x20\x7f]')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Bare values ending like this name a file, not an ID.
_FILE_SUFFIX = re.compile(r"\.(xml|tei|html?|jpe?g|png|gif|tiff?|pdf|svg|txt|json|mp3|mp4|wav)$", re.I)
_TEI_PREFIX = f"{{{TEI_NS}}}"
# TEI's range() pointer scheme (Guidelines 16.2.4), "#range(start,end)": the passage from one
# element to another (the Office of the Historian's index locators, "196–199"). Each end is
# an ID to check; read as one, the 424 locators of a book were each reported dangling.
_RANGE = re.compile(r"^range\(\s*([^\s,()]+)\s*,\s*([^\s,()]+)\s*\)$")


@cache
def pointer_table() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(global attributes, per-element attributes): name -> 'single' | 'list'. Read once."""
    data = json.loads(resources.files("teikit.check").joinpath("data/pointers.json").read_text("utf-8"))
    return data["global"], data["elements"]


@dataclass(frozen=True, slots=True)
class Pointer:
    """One token of one pointer attribute.

    ``kind`` is ``local`` (``#id``), ``bare`` (a value without ``#``, scheme or path that
    may be an ID), ``file`` (a relative reference to another file, with or without a
    fragment), ``external`` (has a URI scheme), ``key`` (a ``@key`` value) or
    ``prefix-unmatched`` (a prefix the document declares, but none of its patterns fits).
    A value written with a declared prefix (``dta:f0001``) is classified as it expands;
    ``value`` keeps what the document wrote.
    """

    element: etree._Element
    attr: str
    value: str
    kind: str
    path: str = ""  # for kind 'file': the file part
    fragment: str = ""  # for 'local' and 'file': the part after '#'; for 'bare'/'key': the value

    @property
    def line(self) -> int | None:
        return self.element.sourceline


Prefixes = dict[str, list[tuple["re.Pattern[str]", str]]]


def prefix_definitions(root: etree._Element) -> Prefixes:
    """The document's ``listPrefixDef``: prefix -> [(matchPattern, replacementPattern)].

    TEI lets a document abbreviate pointers (``dta:f0001``, ``psn:jsmith``) and says in its
    header how to expand them; a pattern that is not a usable regular expression is left out
    (the pointer then stays unexpanded and is reported as such).
    """
    header = root.find(f"{_TEI_PREFIX}teiHeader")
    found: Prefixes = {}
    if header is None:
        return found
    for pd in header.iter(f"{_TEI_PREFIX}prefixDef"):
        ident, pattern = pd.get("ident", "").strip(), pd.get("matchPattern")
        if not ident or pattern is None:
            continue
        try:
            compiled = re.compile(pattern)
        except re.error:
            continue
        # TEI writes groups as $1..$9 in the replacement
        found.setdefault(ident, []).append((compiled, pd.get("replacementPattern", "")))
    return found


def expand_prefix(token: str, prefixes: Prefixes) -> str | None:
    """``token`` expanded by the document's prefix definitions; None when none applies."""
    ident, sep, rest = token.partition(":")
    if not sep or ident not in prefixes:
        return None
    for pattern, replacement in prefixes[ident]:
        m = pattern.fullmatch(rest)
        if m is not None:
            return _substitute(replacement, [m.group(0), *(g or "" for g in m.groups())])
    return None


def _substitute(replacement: str, groups: list[str]) -> str:
    """``$1``..``$9`` of a replacementPattern filled from ``groups`` ("" past the last)."""
    return _DOLLAR_GROUP.sub(lambda g: groups[int(g.group(1))] if int(g.group(1)) < len(groups) else "",
                             replacement)


_DOLLAR_GROUP = re.compile(r"\$(\d)")



def classify(element: etree._Element, attr: str, token: str, prefixes: Prefixes | None = None) -> Pointer:
    """Read one pointer token into a :class:`Pointer` (expanding a declared prefix first)."""
    if attr == "key":  # the value as written; the key it names, its white space collapsed
        return Pointer(element, attr, token, "key", fragment=" ".join(token.split()))
    if prefixes and ":" in token:
        expanded = expand_prefix(token, prefixes)
        if expanded is not None:
            inner = classify(element, attr, expanded)
            return Pointer(element, attr, token, inner.kind, inner.path, inner.fragment)
        if token.partition(":")[0] in prefixes:
            return Pointer(element, attr, token, "prefix-unmatched", fragment=token)
    if token.startswith("#"):
        return Pointer(element, attr, token, "local", fragment=token[1:])
    if SCHEME.match(token):
        return Pointer(element, attr, token, "external")
    path, _, fragment = token.partition("#")
    if "#" not in token and "/" not in token and not _FILE_SUFFIX.search(token):
        return Pointer(element, attr, token, "bare", fragment=token)
    return Pointer(element, attr, token, "file", path=path, fragment=fragment)


def iter_pointers(element: etree._Element, name: str, prefixes: Prefixes | None = None) -> list[Pointer]:
    """Every pointer token on ``element`` (whose local name is ``name``)."""
    if not isinstance(element.tag, str) or not element.attrib:
        return []
    global_attrs, per_element = pointer_table()
    own = per_element.get(name, {})
    is_tei = element.tag.startswith(_TEI_PREFIX)
    found: list[Pointer] = []
    for attr, raw in element.attrib.items():
        if attr.startswith("{"):
            continue  # xml:id, xml:base and foreign namespaces are not TEI pointers
        kind = own.get(attr) or (global_attrs.get(attr) if is_tei else None)
        if kind is None and not (attr == "key" and is_tei):
            continue
        # @key is one value (teidata.text: key="Beckh August von"), like a "single" attribute
        single = kind == "single" or (kind is None and attr == "key")
        tokens = raw.split() if not single else ([raw.strip()] if raw.strip() else [])
        if not tokens:
            found.append(Pointer(element, attr, raw, "empty"))
        for t in tokens:
            pointer = classify(element, attr, t, prefixes)
            ends = _RANGE.match(pointer.fragment) if pointer.kind == "local" else None
            if ends:
                found.extend(Pointer(element, attr, t, "local", fragment=end) for end in ends.groups())
            else:
                found.append(pointer)
    return found


def syntax_problem(pointer: Pointer) -> str | None:
    """Why a pointer token is not a syntactically valid URI reference, or None."""
    value = pointer.value
    if pointer.kind == "key":
        return None
    bad = _BAD_CHARS.search(value)
    if bad:
        return f"character {bad.group()!r} is not allowed in a URI (percent-encode it)"
    if _BAD_PERCENT.search(value):
        return "'%' must be followed by two hexadecimal digits"
    if value.count("#") > 1:
        return "a URI has at most one '#'"
    if pointer.kind == "local" and not pointer.fragment:
        return "'#' names no ID"
    if pointer.kind == "external":
        parts = urlsplit(value)
        if parts.scheme.lower() in ("http", "https", "ftp") and not parts.netloc:
            return f"a {parts.scheme} URL needs a host ('{parts.scheme}://host/...')"
    return None
