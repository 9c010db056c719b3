"""The document outline: the text's divisions with their headings, nested as in the TEI.

Editors show it as the outline / breadcrumbs / "go to symbol". Each ``div`` (and ``front``,
``body``, ``back``, and ``listPerson``/``listPlace``/``listOrg``/``listBibl`` registers) is
one entry named by its heads (a label head and the first other one: "1. Entering the
Party"; else its ``@type`` and ``@n``, else its
``xml:id``); it spans from its start tag's line to the line before the next element
that is not inside it, which is all lxml's ``sourceline`` can tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from teikit.check.model import local_name

_CONTAINERS = {"front", "body", "back", "div", "div1", "div2", "div3", "div4", "div5", "listPerson",
               "listPlace", "listOrg", "listBibl", "standOff", "teiHeader"}


@dataclass
class Entry:
    name: str
    kind: str  # the element's name
    line: int  # 0-based first line
    end: int  # 0-based last line
    children: list[Entry] = field(default_factory=list)


def _label(el: etree._Element) -> str:
    """"1. Entering the Party": the label head (if any) and the first other head."""
    heads = [c for c in el if isinstance(c.tag, str) and local_name(c) == "head"]
    words = [" ".join("".join(h.itertext()).split()) for h in heads]
    typed = list(zip((h.get("type") for h in heads), words, strict=True))
    label = next((w for kind, w in typed if kind == "label" and w), "")
    main = next((w for kind, w in typed if kind not in ("label", "sub") and w), "")
    if label or main:
        return " ".join(filter(None, (label, main)))
    kind = " ".join(filter(None, (el.get("type"), el.get("n"))))
    return kind or el.get("{http://www.w3.org/XML/1998/namespace}id") or local_name(el)


def outline(root: etree._Element, last_line: int) -> list[Entry]:
    """The nested entries under ``root``; ``last_line`` (0-based) ends the last of them."""

    def walk(parent: etree._Element, end: int) -> list[Entry]:
        kids = [c for c in parent if isinstance(c.tag, str)]
        entries: list[Entry] = []
        for i, child in enumerate(kids):
            if local_name(child) not in _CONTAINERS:
                entries += walk(child, end) if len(child) else []
                continue
            following = next((k.sourceline for k in kids[i + 1:] if k.sourceline), None)
            child_end = (following - 2) if following else end
            start = (child.sourceline or 1) - 1
            entries.append(Entry(_label(child), local_name(child), start, max(start, child_end),
                                 walk(child, max(start, child_end))))
        return entries

    return walk(root, last_line)
