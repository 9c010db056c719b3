"""Where the ``xml:id``s and pointer values of a TEI text are, to the character.

The editor speaks in lines and columns of the text as typed, which may not even be
well-formed; so the text is scanned, not parsed: start tags, then their attributes. An
attribute is a pointer when TEI says so for that element (the checker's table derived from
``tei_all``, :func:`teikit.check.pointers.pointer_table`) or it is ``@key``. Each
space-separated token of a pointer value is one :class:`Token`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from teikit.check.pointers import pointer_table
from teikit.xmlio import TEI_NS

_TAG = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^<>]*?)?)/?>", re.S)
_ATTR = re.compile(r"([A-Za-z_][\w:.-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TOKEN = re.compile(r"\S+")
_WHOLE = re.compile(r"\S(?:.*\S)?", re.S)  # @key is one value, spaces and all (teikit.keys)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Markup that is not markup: comments, CDATA sections, processing instructions.
# Comments, CDATA sections and processing instructions: their "tags" are text. Found by
# hand, not by a lazy regex: "<!--" repeated without "-->" made that quadratic (8,000 of them,
# 32 KB typed or pasted into an editor, held the language server 1.7 s; 100,000 minutes).
_INERT_START = re.compile(r"<!--|<!\[CDATA\[|<\?")
_INERT_END = {"<!--": "-->", "<![CDATA[": "]]>", "<?": "?>"}
XML_ID = "xml:id"


@cache
def _pointer_attrs() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    global_, elements = pointer_table()
    return frozenset(global_), {el: frozenset(attrs) for el, attrs in elements.items()}


def is_pointer(element: str, attr: str) -> bool:
    """Whether ``attr`` of TEI element ``element`` holds pointers (or is ``@key``)."""
    if attr == "key":
        return True
    global_, elements = _pointer_attrs()
    return attr in global_ or attr in elements.get(element, frozenset())


@dataclass(frozen=True)
class Span:
    """A stretch of one line: 0-based line, start and end columns (Python characters)."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    """An ``xml:id`` value or one token of a pointer value, with the id it names."""

    element: str
    attr: str
    value: str
    span: Span
    file: str = ""  # the file part of "persons.xml#p1"
    target: str = ""  # the id named: "p1" for "#p1", "persons.xml#p1", key "p1", xml:id "p1"

    @property
    def is_id(self) -> bool:
        return self.attr == XML_ID


def _target(attr: str, value: str) -> tuple[str, str]:
    """(file, id) a pointer token names; ("", "") for a URL or anything that names no id."""
    if value.startswith("#"):
        return "", value[1:]
    if _SCHEME.match(value):
        return "", ""
    if "#" in value:
        file, _, frag = value.partition("#")
        return file, frag
    if attr == "key" or "/" not in value and "." not in value:
        return "", value  # a bare value (@key, or an old-style IDREF)
    return value, ""


@dataclass
class Index:
    """Every id and pointer token of one text, and the line offsets to place them."""

    ids: dict[str, Token] = field(default_factory=dict)
    pointers: list[Token] = field(default_factory=list)
    duplicates: list[Token] = field(default_factory=list)

    def tokens(self) -> list[Token]:
        return [*self.ids.values(), *self.duplicates, *self.pointers]

    def at(self, line: int, column: int) -> Token | None:
        """The token under a cursor (its end counts, so a word just typed is found)."""
        return next((t for t in self.tokens()
                     if t.span.line == line and t.span.start <= column <= t.span.end), None)

    def references(self, target: str, file: str = "") -> list[Token]:
        """The pointer tokens naming ``target`` in this text (``file`` "" for its own ids)."""
        return [t for t in self.pointers if t.target == target and t.file == file]


_DEFAULT_NS = re.compile(r"\sxmlns\s*=\s*[\"']([^\"']*)[\"']")


def _foreign(tag: re.Match) -> bool:
    """A start tag of another namespace: a prefix other than ``tei:``, or a default namespace
    that is not TEI's (ELTeC's ``<authorGender xmlns="…/eltec/ns" key="F"/>``, ``egXML``)."""
    if tag.group(1) and tag.group(1) != "tei:":
        return True
    declared = _DEFAULT_NS.search(tag.group(3))
    return declared is not None and declared.group(1) != TEI_NS


def _blank(part: str) -> str:
    """The same number of characters, line breaks kept, so every offset stays where it was."""
    return re.sub(r"[^\n]", " ", part)


def _blank_inert(text: str) -> str:
    """``text`` with each terminated comment, CDATA section and PI blanked (:func:`_blank`),
    in one pass: an opening whose end never comes is left as text (the rest may still hold
    others), and once an end is missing after one opening it is missing after every later one."""
    out: list[str] = []
    at = 0
    missing: set[str] = set()
    for start in _INERT_START.finditer(text):
        if start.start() < at:
            continue  # inside the part just blanked
        mark = _INERT_END[start.group()]
        end = -1 if mark in missing else text.find(mark, start.end())
        if end < 0:
            missing.add(mark)
            continue
        end += len(mark)
        out += [text[at:start.start()], _blank(text[start.start():end])]
        at = end
    out.append(text[at:])
    return "".join(out)


def scan(text: str) -> Index:
    """Index the ids and pointers of ``text`` (which need not be well-formed).

    Tags inside comments, CDATA sections and processing instructions are not scanned
    (a commented-out ``<ref target="#x">`` points nowhere), nor elements of another
    namespace (their ``@key`` or ``@ref`` are not TEI's).
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    text = _blank_inert(text)

    def span(start: int, end: int) -> Span:
        line = bisect.bisect_right(starts, start) - 1
        return Span(line, start - starts[line], start - starts[line] + (end - start))

    index = Index()
    foreign_until = -1  # the end of an element in another namespace (its attributes are not TEI's)
    for tag in _TAG.finditer(text):
        if tag.start() < foreign_until:
            continue
        element, attrs_at = tag.group(2), tag.start(3)
        if _foreign(tag):
            # Unprefixed children of an element that redeclares the default namespace are in
            # that namespace too; those of a prefixed element (vg:letDesc) are still TEI.
            if not tag.group(1) and not tag.group().endswith("/>"):
                end = re.compile(rf"</{re.escape(element)}\s*>").search(text, tag.end())
                foreign_until = end.end() if end else len(text)
            continue
        for attr in _ATTR.finditer(tag.group(3)):
            name = attr.group(1)
            group = 2 if attr.group(2) is not None else 3
            value, value_at = attr.group(group), attrs_at + attr.start(group)
            if name == XML_ID:
                token = Token(element, name, value, span(value_at, value_at + len(value)), target=value)
                if value in index.ids:
                    index.duplicates.append(token)
                else:
                    index.ids[value] = token
            elif is_pointer(element, name):
                for part in (_WHOLE if name == "key" else _TOKEN).finditer(value):
                    file, target = _target(name, part.group())
                    at = value_at + part.start()
                    index.pointers.append(Token(element, name, part.group(), span(at, at + len(part.group())),
                                                file=file, target=target))
    return index


def typed_value(line_text: str, column: int) -> tuple[str, str, str] | None:
    """(element, attribute, token typed so far) when the cursor is inside an attribute value.

    Looks back on the cursor's line only: ``<persName ref="#pers-`` gives
    ``("persName", "ref", "#pers-")``.
    """
    before = line_text[:column]
    match = re.search(r"<(?:[\w.-]+:)?([\w.-]+)(?:\s+[^<>]*?)?\s([\w:.-]+)\s*=\s*([\"'])([^\"'<>]*)$", before)
    if not match:
        return None
    return match.group(1), match.group(2), match.group(4).split(" ")[-1]
