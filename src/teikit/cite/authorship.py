"""Who wrote a division: the TEI's own statements of responsibility, read in a fixed order.

A book's introduction, notes or preface may be by someone other than the book's author (a
translator's introduction, an editor's notes). The TEI says so in one of four ways, tried
in this order, the nearest statement winning:

1. ``byline``/``docAuthor`` at the head of the division (its ``persName``/``name``/
   ``docAuthor`` children, else the byline's text without a leading "by");
2. ``@resp`` on the division or an enclosing one, pointing at a ``respStmt``, ``author``,
   ``editor``, ``person`` or name element by ``xml:id``;
3. for front and back matter only, a ``titleStmt/respStmt`` whose ``resp`` names the
   division's ``@type`` ("Translation, introduction and notes" for ``div type="notes"``).
   Body divisions are the work's own text, so a respStmt never re-attributes them.

Nothing is matched by a person's name: only markup is read.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.cite.fields import names
from teikit.cite.tei import csl_name, first, responsible, text, xp

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_WORD = re.compile(r"[a-z]+")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def _byline_authors(div: etree._Element) -> list[dict[str, str]]:
    # Only bylines of this division, not of a nested one.
    lines = xp(div, "(tei:byline | tei:docAuthor | tei:opener/tei:byline | tei:head/tei:docAuthor)")
    agents: list[dict[str, str]] = []
    for line in lines:
        named = xp(line, ".//tei:docAuthor | .//tei:persName[not(ancestor::tei:docAuthor)] | .//tei:name")
        if line.tag.endswith("docAuthor"):
            named = [line]
        if named:
            agents += names(named)
        elif text(line):
            agents.append({"literal": _BY.sub("", text(line))})
    return agents


def _resolve(root: etree._Element, pointer: str) -> list[etree._Element]:
    """The named agents a ``#id`` pointer designates (a respStmt's persName, a person's persName)."""
    target = first(root, f"//*[@xml:id='{pointer[1:]}']") if pointer.startswith("#") else None
    if target is None:
        return []
    local = etree.QName(target).localname
    if local in ("respStmt", "editor"):
        return responsible(target)
    if local in ("person", "org", "personGrp"):
        name = first(target, "tei:persName | tei:orgName | tei:name")
        return [name] if name is not None else []
    return [target]


def _resp_authors(div: etree._Element) -> list[dict[str, str]]:
    holder = first(div, "ancestor-or-self::tei:div[@resp][1]")
    if holder is None:
        return []
    root = div.getroottree().getroot()
    agents = [a for pointer in holder.get("resp", "").split() for a in _resolve(root, pointer)]
    return [csl_name(a) for a in agents if text(a)]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _resp_stmt_authors(div: etree._Element, title_stmt: etree._Element | None) -> list[dict[str, str]]:
    if title_stmt is None or not xp(div, "parent::tei:front | parent::tei:back"):
        return []
    kinds = {_stem(w) for w in _WORD.findall(f"{div.get('type', '')} {div.get('subtype', '')}".lower())}
    if not kinds:
        return []
    for stmt in xp(title_stmt, "tei:respStmt"):
        words = {_stem(w) for r in xp(stmt, "tei:resp") for w in _WORD.findall(text(r).lower())}
        if kinds & words:
            return names(responsible(stmt))
    return []


def division_authors(div: etree._Element, title_stmt: etree._Element | None) -> list[dict[str, str]]:
    """The authors the TEI states for ``div``, or [] when it states none (the book's author)."""
    return _byline_authors(div) or _resp_authors(div) or _resp_stmt_authors(div, title_stmt)
