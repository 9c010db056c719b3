"""Hover cards: what an ``xml:id`` stands for, in a few Markdown lines.

For register entries (``person``, ``place``, ``org``, ``bibl``…) a card gives the entry's
names (each with its ``@type``), its dates (``birth``, ``death``, ``floruit``, any ``date``
child, from ``@when``/``@from``/``@to`` or the text) and its description (``occupation``,
``desc``, ``note``, ``roleName``, ``state``, ``trait``). For any other element: its name and
the start of its text. Nothing is specific to one edition.
"""

from __future__ import annotations

from lxml import etree

from teikit.check.model import local_name

_NAMES = ("persName", "placeName", "orgName", "name", "title", "term", "head")
_DATES = ("birth", "death", "floruit", "date")
_DESCRIPTIONS = ("occupation", "roleName", "desc", "note", "state", "trait", "affiliation", "faith")
_LIMIT = 300


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _when(el: etree._Element) -> str:
    """A date element's value: its text, else its ISO attributes."""
    iso = el.get("when") or "–".join(v for v in (el.get("from") or el.get("notBefore"),
                                                  el.get("to") or el.get("notAfter")) if v)
    shown = _text(el)
    return f"{shown} ({iso})" if shown and iso and iso not in shown else shown or iso


def _children(el: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and local_name(c) in names]


def card(el: etree._Element, xml_id: str, references: int | None = None) -> str:
    """A Markdown card for the element ``el`` whose ``xml:id`` is ``xml_id``."""
    kind = local_name(el)
    lines = [f"**{kind}** `#{xml_id}`"]
    names = _children(el, _NAMES)
    for name in names:
        label = " ".join(filter(None, (name.get("type"), name.get("subtype"))))
        lines.append(f"- {_text(name)}" + (f" *({label})*" if label else ""))
    for date in _children(el, _DATES):
        lines.append(f"- {local_name(date)}: {_when(date)}")
    for desc in _children(el, _DESCRIPTIONS):
        label = desc.get("type")
        lines.append(f"- {local_name(desc)}{f' ({label})' if label else ''}: {_text(desc)[:_LIMIT]}")
    if not names and len(lines) == 1:
        body = _text(el)
        if body:
            lines.append(body[:_LIMIT] + ("…" if len(body) > _LIMIT else ""))
    if references is not None:
        lines.append(f"\n{references} reference(s) in this file")
    return "\n".join(lines)
