"""Reading TEI bibliographic elements into CSL-JSON fields, shared by the record builders."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from teikit.cite.tei import (
    agent_name,
    csl_date,
    csl_name,
    first,
    is_editor,
    is_translator,
    isbd,
    persons,
    responsible,
    text,
    xp,
)
from teikit.xmlio import TEI_NS

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """ASCII lower-case slug used in citation keys ("Brook-Shepherd" -> "brookshepherd")."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _SLUG.sub("", ascii_.lower())


_TITLE = ("tei:title[normalize-space()][not(@type) or not(@type='sub' or @type='subtitle'"
          " or @type='original' or @type='uniform' or @type='short')]")
_OWN_TITLE = f"{_TITLE}[not(@level='s')]"


def title_parts(title_stmt: etree._Element | None) -> tuple[str, str]:
    """(main title, subtitle) of a titleStmt or monogr.

    The main title is the one typed "main", else the item's own (level "a": a letter's or an
    article's title beside its edition's), else the first that is neither a subtitle, an
    original or short title, nor a series title (level "s", the ``collection-title``; the
    first series title when there is no other), nor empty. The subtitle is the first in the
    main title's language. Of a titleStmt's titles in several languages, the one in the
    document's language is the main title."""
    if title_stmt is None:
        return "", ""
    main = first(title_stmt, "tei:title[@type='main'][1]")
    if main is None:
        main = first(title_stmt, f"{_OWN_TITLE}[@level='a'][1]")
    if main is None:
        # the first, or the first in the document's language when they are in several
        # (a titleStmt of series titles only, as the Digital Syriac Corpus writes: the first)
        own = xp(title_stmt, _OWN_TITLE) or xp(title_stmt, _TITLE)
        main = own[0] if own else None
        if title_stmt.tag == f"{{{TEI_NS}}}titleStmt":
            # The edition is titled in its own language; a work in a bibliography keeps the
            # title it was published under, its first.
            doc_lang = _lang(title_stmt.getroottree().getroot())
            main = next((t for t in own if _lang(t) == doc_lang), main)
    subs = xp(title_stmt, "tei:title[@type='sub' or @type='subtitle']")
    lang = _lang(main) if main is not None else ""
    sub = next((s for s in subs if _lang(s) == lang), subs[0] if subs else None)
    return text(main), text(sub)


def _lang(node: etree._Element) -> str:
    found = node.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else ""


def series_title(title_stmt: etree._Element | None, series_stmt: etree._Element | None = None) -> str:
    """The series or edition a document belongs to: a title of level "s", else ``seriesStmt/title``."""
    main = title_parts(title_stmt)[0]
    found = [t for t in (xp(title_stmt, "tei:title[@level='s']") if title_stmt is not None else [])
             if text(t) != main]  # not the title itself, when only series titles were given
    node = found[0] if found else first(series_stmt, "tei:title[1]")
    return isbd(text(node))


def names(nodes: list[etree._Element]) -> list[dict[str, str]]:
    """CSL names of the non-empty elements among ``nodes`` (each of the people an element names)."""
    return [csl_name(p) for n in nodes for p in persons(n) if text(p)]


def translators(scope: etree._Element | None) -> list[dict[str, str]]:
    """Translators named by ``respStmt``/``editor`` children of ``scope``."""
    if scope is None:
        return []
    agents: list[etree._Element] = []
    for stmt in xp(scope, "tei:respStmt | tei:editor"):
        if is_translator(stmt):
            agents.extend(responsible(stmt))
    return names(agents)


def editors(scope: etree._Element | None) -> list[dict[str, str]]:
    """Plain editors (``editor`` without a translator/annotator role) of ``scope``."""
    if scope is None:
        return []
    # editor@role="translator"/"annotator" are other roles; only plain editors edit. A respStmt
    # whose resp says "Editor" (or "Hrsg.", relator edt) names editors too.
    found = names([e for e in xp(scope, "tei:editor") if e.get("role", "editor") in ("editor", "edt")])
    for stmt in xp(scope, "tei:respStmt"):
        if is_editor(stmt):
            found += [n for n in names(responsible(stmt)) if n not in found]
    return found


def put(item: dict, key: str, value) -> None:
    """Set ``key`` only when there is a value, so items never carry empty fields."""
    if value:
        item[key] = value


def original_work(monogr: etree._Element | None) -> dict:
    """The original (untranslated) work: a title typed "original" or a relatedItem."""
    item: dict = {}
    if monogr is None:
        return item
    orig_title = first(monogr, "tei:title[@type='original' or @type='uniform'][1]")
    related = first(
        monogr,
        "ancestor-or-self::tei:biblStruct[1]/tei:relatedItem[@type='original' or @type='translationOf']"
        "//tei:monogr[1] | ancestor-or-self::tei:bibl[1]/tei:relatedItem[@type='original']/tei:bibl",
    )
    if orig_title is None and related is not None:
        orig_title = first(related, "tei:title[1]")
    put(item, "original-title", text(orig_title))
    if related is not None:
        put(item, "original-publisher", agent_name(first(related, ".//tei:publisher")))
        put(item, "original-publisher-place", text(first(related, ".//tei:pubPlace")))
        put(item, "original-date", csl_date(first(related, ".//tei:date")))
        put(item, "original-author", names(xp(related, "tei:author")))
    return item


def citation_key(item: dict, suffix: str) -> str:
    """A stable readable key: first author's surname, year, and a suffix ("bazhanov-1990-ch01")."""
    creators = item.get("author") or item.get("editor") or []
    who = slug(creators[0].get("family") or creators[0].get("literal", "")) if creators else ""
    if not who:
        who = slug(item.get("title", "").split(":")[0])[:20] or "anon"
    year = item.get("issued", {}).get("date-parts", [[None]])[0][0]
    when = (f"{-year}bc" if year < 0 else str(year)) if year else "nd"  # "caesar-44bc", not "caesar--44"
    parts = [who, when, suffix]
    return "-".join(p for p in parts if p)
