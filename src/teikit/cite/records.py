"""CSL-JSON records for an edition: the one source of every citation teikit writes.

:func:`citation_records` returns CSL-JSON items keyed ``"edition"`` (this digital edition),
``"print"`` (the printed book the edition transcribes, from ``sourceDesc``) and each
top-level division's ``xml:id`` (a chapter of the printed book with its printed page
range). :func:`bibliography_records` turns the bibliography's ``biblStruct``s into items.
The BibLaTeX and RIS writers, the HTML page metadata and the deposit's MODS all start from
these dictionaries, so every output names the same identifiers and rights.

Works on any TEI P5 document: what the header lacks is left out of the items, except a
title, without which nothing can be cited (:class:`~teikit.errors.MetadataError`).
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from teikit.cite.tei import (
    csl_date,
    csl_name,
    first,
    idnos,
    is_translator,
    isbn,
    responsible,
    text,
    xp,
)
from teikit.errors import MetadataError

_SLUG = re.compile(r"[^a-z0-9]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)
# Divisions that are not cited on their own: they are navigation, not text.
_UNCITED_TYPES = {"titlepage", "contents", "notes-section"}
_HEADER = "/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader"


def slug(value: str) -> str:
    """ASCII lower-case slug used in citation keys ("Brook-Shepherd" -> "brookshepherd")."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _SLUG.sub("", ascii_.lower())


def _file_name(tree: etree._ElementTree) -> str:
    return tree.docinfo.URL or "<edition>"


def tei_header(tree: etree._ElementTree) -> etree._Element:
    """The teiHeader, or MetadataError naming what to add."""
    found = tree.getroot().xpath(_HEADER, namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    root = tree.getroot()
    if not found and not (isinstance(root.tag, str) and root.tag.startswith("{http://www.tei-c.org/ns/1.0}")):
        raise MetadataError(
            f"not a TEI P5 document (the root element is <{etree.QName(root).localname}>"
            f"{' without the TEI namespace' if not etree.QName(root).namespace else ''}): "
            "citations need a TEI P5 teiHeader",
            file=_file_name(tree),
            line=root.sourceline,
            hint="a TEI P4 file can be converted with the TEI Consortium's p4top5.xsl",
        )
    if not found:
        raise MetadataError(
            "no teiHeader: a citation needs the edition's title",
            file=_file_name(tree),
            line=tree.getroot().sourceline,
            hint="add <teiHeader><fileDesc><titleStmt><title>…</title></titleStmt>…</fileDesc></teiHeader>",
        )
    return found[0]


def _title(title_stmt: etree._Element | None) -> tuple[str, str]:
    """(main title, subtitle) of a titleStmt or monogr."""
    if title_stmt is None:
        return "", ""
    main = first(title_stmt, "tei:title[@type='main'][1]")
    if main is None:
        main = first(
            title_stmt,
            "tei:title[not(@type) or not(@type='sub' or @type='subtitle' or @type='original'"
            " or @type='uniform' or @type='short')][1]",
        )
    sub = first(title_stmt, "tei:title[@type='sub' or @type='subtitle'][1]")
    return text(main), text(sub)


def _names(nodes: list[etree._Element]) -> list[dict[str, str]]:
    return [csl_name(n) for n in nodes if text(n)]


def _translators(scope: etree._Element | None) -> list[dict[str, str]]:
    if scope is None:
        return []
    agents: list[etree._Element] = []
    for stmt in xp(scope, "tei:respStmt | tei:editor"):
        if is_translator(stmt):
            agents.extend(responsible(stmt))
    return _names(agents)


def _editors(scope: etree._Element | None) -> list[dict[str, str]]:
    if scope is None:
        return []
    # editor@role="translator"/"annotator" are other roles; only plain editors edit.
    return _names([e for e in xp(scope, "tei:editor") if e.get("role", "editor") in ("editor", "edt")])


def _licence(publication_stmt: etree._Element | None) -> dict[str, str]:
    """Rights of the text (``availability/p``) and licence of the encoding (``licence``)."""
    licence = first(publication_stmt, ".//tei:availability/tei:licence[1]")
    paras = xp(publication_stmt, ".//tei:availability/tei:p") if publication_stmt is not None else []
    out: dict[str, str] = {}
    _put(out, "rights", " ".join(text(p) for p in paras if text(p)))
    target = (licence.get("target") or "").split() if licence is not None else []
    _put(out, "license", target[0] if target else "")
    _put(out, "license-statement", text(licence))
    if "rights" not in out and "license-statement" in out:
        out["rights"] = out["license-statement"]
    return out


def _put(item: dict, key: str, value) -> None:
    """Set ``key`` only when there is a value, so items never carry empty fields."""
    if value:
        item[key] = value


def _print_monogr(header: etree._Element) -> etree._Element | None:
    return first(
        header,
        "tei:fileDesc/tei:sourceDesc//tei:biblStruct[1]/tei:monogr[1]"
        " | tei:fileDesc/tei:sourceDesc/tei:bibl[1]",
    )


def _original(monogr: etree._Element | None) -> dict:
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
    _put(item, "original-title", text(orig_title))
    if related is not None:
        _put(item, "original-publisher", text(first(related, ".//tei:publisher")))
        _put(item, "original-publisher-place", text(first(related, ".//tei:pubPlace")))
        _put(item, "original-date", csl_date(first(related, ".//tei:date")))
        _put(item, "original-author", _names(xp(related, "tei:author")))
    return item


def print_record(tree: etree._ElementTree) -> dict | None:
    """The printed book the edition transcribes (``sourceDesc``), or None when not described."""
    header = tei_header(tree)
    monogr = _print_monogr(header)
    if monogr is None:
        return None
    main, sub = _title(monogr)
    if not main:
        return None
    title_stmt = first(header, "tei:fileDesc/tei:titleStmt")
    imprint = first(monogr, "tei:imprint") if monogr.tag.endswith("monogr") else monogr
    ids = idnos(monogr)
    item: dict = {"id": "", "type": "book", "title": f"{main}: {sub}" if sub else main}
    _put(item, "author", _names(xp(monogr, "tei:author")))
    # The translator may be recorded only in titleStmt; the translation is the printed book's.
    _put(item, "translator", _translators(monogr) or _translators(title_stmt))
    _put(item, "editor", _editors(monogr))
    _put(item, "publisher", text(first(imprint, "tei:publisher")))
    _put(item, "publisher-place", text(first(imprint, "tei:pubPlace")))
    _put(item, "issued", csl_date(first(imprint, "tei:date")))
    _put(item, "ISBN", isbn(ids))
    _put(item, "call-number", ids.get("LCC"))  # the shelf mark; the LCCN is a record number
    _put(item, "DOI", ids.get("DOI"))
    _put(item, "number-of-pages", text(first(monogr, "tei:extent")))
    item.update(_original(monogr))
    _put(item, "language", _language(tree))
    item["id"] = _key(item, "")
    return item


def _language(tree: etree._ElementTree) -> str:
    root = tree.getroot()
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        return lang
    found = xp(root, "tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident")
    return str(found[0]) if found else ""


def edition_record(tree: etree._ElementTree) -> dict:
    """This digital edition, from ``titleStmt`` and ``publicationStmt``."""
    header = tei_header(tree)
    title_stmt = first(header, "tei:fileDesc/tei:titleStmt")
    main, sub = _title(title_stmt)
    if not main:
        raise MetadataError(
            "the teiHeader has no title: a citation needs fileDesc/titleStmt/title",
            file=_file_name(tree),
            line=(title_stmt if title_stmt is not None else header).sourceline,
            hint='add <title type="main">…</title> to fileDesc/titleStmt',
        )
    pub = first(header, "tei:fileDesc/tei:publicationStmt")
    ids = idnos(pub)
    item: dict = {"id": "", "type": "book", "title": f"{main}: {sub}" if sub else main}
    _put(item, "author", _names(xp(title_stmt, "tei:author")))
    _put(item, "translator", _translators(title_stmt))
    _put(item, "editor", _editors(title_stmt))
    _put(item, "publisher", text(first(pub, "tei:publisher | tei:distributor | tei:authority")))
    _put(item, "publisher-place", text(first(pub, "tei:pubPlace")))
    _put(item, "issued", csl_date(first(pub, "tei:date")))
    _put(item, "DOI", ids.get("DOI"))
    _put(item, "URL", ids.get("URI") or ids.get("URL") or _ptr(pub))
    _put(item, "ISBN", isbn(ids))
    _put(item, "medium", "TEI XML digital edition")
    edition = first(header, "tei:fileDesc/tei:editionStmt/tei:edition[1]")
    _put(item, "version", edition.get("n") if edition is not None else "")
    _put(item, "language", _language(tree))
    # CSL has no field for a local identifier or licence; "custom" carries them unrendered
    # (deposit's MODS and bag-info read the same values from here).
    custom = _licence(pub)
    _put(custom, "identifier", edition_identifier(tree))
    _put(item, "custom", custom)
    item["id"] = _key(item, "edition")
    return item


def _ptr(pub: etree._Element | None) -> str:
    ptr = first(pub, "tei:ptr[@target][1]")
    return ptr.get("target") if ptr is not None else ""


def edition_identifier(tree: etree._ElementTree) -> str:
    """The edition's own identifier: DOI, URI, then the first other ``publicationStmt/idno``."""
    pub = first(tei_header(tree), "tei:fileDesc/tei:publicationStmt")
    ids = idnos(pub)
    for key in ("DOI", "URI", "URL", "handle", "ARK", "teikit"):
        if ids.get(key):
            return ids[key]
    return next((v for v in ids.values() if v), "")


def _key(item: dict, suffix: str) -> str:
    """A stable readable key: first author's surname, year, and a suffix ("bazhanov-1990-ch01")."""
    names = item.get("author") or item.get("editor") or []
    who = slug(names[0].get("family") or names[0].get("literal", "")) if names else ""
    if not who:
        who = slug(item.get("title", "").split(":")[0])[:20] or "anon"
    year = item.get("issued", {}).get("date-parts", [[None]])[0][0]
    parts = [who, str(year) if year else "nd", suffix]
    return "-".join(p for p in parts if p)


def _division_title(div: etree._Element) -> str:
    heads = xp(div, "tei:head[not(@type='label') and not(@type='sub')]")
    if heads:
        return text(heads[0])
    return div.get("type", "division").replace("-", " ").capitalize()


def _pages_with_text_after(div: etree._Element) -> list[etree._Element]:
    """The ``pb``s of ``div`` that are followed by some text still inside ``div``.

    A ``pb`` at the very end of a division marks a page the division does not reach.
    """
    pbs = xp(div, ".//tei:pb")
    while pbs and not "".join(
        t for t in xp(pbs[-1], "following::text()") if _inside(t, div)
    ).strip():
        pbs.pop()
    return pbs


def _inside(text_node, div: etree._Element) -> bool:
    parent = text_node.getparent()
    if text_node.is_tail:
        parent = parent.getparent()
    while parent is not None:
        if parent is div:
            return True
        parent = parent.getparent()
    return False


def page_range(div: etree._Element) -> str:
    """The printed pages of a division: "45-67", "vii-xii", "45", or "" when unknown.

    The first page is the last ``pb`` before the division's first heading (which may be
    before the division, when it begins mid-page); the last is its last ``pb`` with text.
    """
    anchor = first(div, "(tei:head | *[not(self::tei:pb)])[1]")
    start = None
    if anchor is not None:
        preceding = xp(anchor, "preceding::tei:pb[1]")
        start = preceding[0] if preceding else None
    inner = _pages_with_text_after(div)
    if start is None and inner:
        start = inner[0]
    if start is None:
        return ""
    end = inner[-1] if inner else start
    first_n, last_n = start.get("n", ""), end.get("n", "")
    if not first_n:
        return ""
    return first_n if last_n in ("", first_n) else f"{first_n}-{last_n}"


def division_record(div: etree._Element, book: dict) -> dict:
    """A division of the printed book as a CSL "chapter" in ``book`` (the print record)."""
    div_id = div.get("{http://www.w3.org/XML/1998/namespace}id")
    item: dict = {"id": f"{book['id']}-{div_id}", "type": "chapter", "title": _division_title(div)}
    item["container-title"] = book["title"]
    for key in ("author", "translator", "editor", "publisher", "publisher-place", "issued", "ISBN",
                "language", "original-title"):
        _put(item, key, book.get(key))
    if div.get("type") == "chapter" and div.get("n"):
        item["chapter-number"] = div.get("n")
    _put(item, "page", page_range(div))
    return item


def citation_records(tree: etree._ElementTree) -> dict[str, dict]:
    """CSL-JSON items for the edition, its print source and each top-level division.

    Keys: ``"edition"``, ``"print"`` (absent when ``sourceDesc`` describes no book) and the
    ``xml:id`` of every division directly under ``front``/``body``/``back`` (title pages and
    contents lists excepted). Division items cite the printed book when there is one, else
    the edition. Raises :class:`MetadataError` when the header has no title.
    """
    records = {"edition": edition_record(tree)}
    book = print_record(tree)
    if book is not None:
        records["print"] = book
    container = book or records["edition"]
    root = tree.getroot()
    for div in xp(root, "tei:text/tei:front/tei:div | tei:text/tei:body/tei:div | tei:text/tei:back/tei:div"):
        div_id = div.get("{http://www.w3.org/XML/1998/namespace}id")
        if div_id and div.get("type") not in _UNCITED_TYPES and div_id not in records:
            records[div_id] = division_record(div, container)
    return records


def _bibl_type(analytic: etree._Element | None, monogr: etree._Element | None) -> str:
    if analytic is None:
        return "book"
    level = (first(monogr, "tei:title[1]") if monogr is not None else None)
    level_value = level.get("level") if level is not None else None
    return "article-journal" if level_value == "j" else "chapter"


def _scope(monogr: etree._Element | None, unit: str) -> str:
    node = first(monogr, f".//tei:biblScope[@unit='{unit}' or @type='{unit}'][1]")
    if node is None:
        return ""
    lo, hi = node.get("from"), node.get("to")
    if lo and hi and lo != hi:
        return f"{lo}-{hi}"
    return lo or text(node)


def biblstruct_record(bibl: etree._Element) -> dict:
    """One ``biblStruct`` (analytic/monogr/series) as a CSL-JSON item."""
    analytic = first(bibl, "tei:analytic")
    monogr = first(bibl, "tei:monogr")
    imprint = first(monogr, "tei:imprint")
    item: dict = {"id": "", "type": _bibl_type(analytic, monogr)}
    main = analytic if analytic is not None else monogr
    title, sub = _title(main)
    item["title"] = f"{title}: {sub}" if sub else title
    _put(item, "author", _names(xp(main, "tei:author")) if main is not None else [])
    _put(item, "editor", _editors(monogr))
    _put(item, "translator", _translators(main) or _translators(monogr))
    if analytic is not None:
        _put(item, "container-title", _title(monogr)[0])
    _put(item, "collection-title", text(first(bibl, "tei:series/tei:title[1]")))
    _put(item, "publisher", text(first(imprint, "tei:publisher")))
    _put(item, "publisher-place", text(first(imprint, "tei:pubPlace")))
    _put(item, "issued", csl_date(first(imprint, "tei:date")))
    _put(item, "volume", _scope(monogr, "volume"))
    _put(item, "issue", _scope(monogr, "issue"))
    _put(item, "page", _scope(monogr, "page") or _scope(monogr, "pp"))
    _put(item, "ISBN", isbn(idnos(monogr)))
    _put(item, "edition", text(first(monogr, "tei:edition")))
    _put(item, "note", "; ".join(text(n) for n in xp(bibl, "tei:note") if text(n)))
    item.update(_original(monogr))
    bibl_id = bibl.get("{http://www.w3.org/XML/1998/namespace}id", "")
    item["id"] = bibl_id.removeprefix("bib-") if bibl_id else _key(item, "")
    return item


def bibliography_records(tree: etree._ElementTree) -> dict[str, dict]:
    """CSL-JSON items for every ``biblStruct`` of the edition's bibliography, keyed by xml:id.

    Reads ``div[@type='bibliography']``; a document without one contributes its other
    ``listBibl``s outside the header. Entries without an ``xml:id`` are keyed by their
    generated citation key; duplicates get a numeric suffix.
    """
    root = tree.getroot()
    bibls = xp(root, "tei:text//tei:div[@type='bibliography']//tei:biblStruct")
    if not bibls:
        bibls = xp(root, "(tei:text | tei:standOff)//tei:listBibl//tei:biblStruct")
    records: dict[str, dict] = {}
    for bibl in bibls:
        item = biblstruct_record(bibl)
        if not item.get("title"):
            continue
        key = bibl.get("{http://www.w3.org/XML/1998/namespace}id") or item["id"]
        base, n = key, 1
        while key in records:
            n += 1
            key = item["id"] = f"{base}-{n}"
        records[key] = item
    return records
