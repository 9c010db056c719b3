"""CSL-JSON items for the ``biblStruct`` entries of an edition's bibliography."""

from __future__ import annotations

from lxml import etree

from teikit.cite.fields import citation_key, editors, names, original_work, put, title_parts, translators
from teikit.cite.tei import agent_name, csl_date, first, idnos, isbn, text, xp

# Words of a biblStruct's or title's @type that say what kind of serial it is.
_SERIAL_KINDS = {"newspaper": "newspaper", "magazine": "magazine"}


def _serial_kind(bibl: etree._Element, monogr: etree._Element | None) -> str:
    """"newspaper", "magazine" or "journal", from ``@type``/``@subtype`` of the biblStruct or its titles."""
    titles = xp(monogr, "tei:title") if monogr is not None else []
    words = " ".join([bibl.get("type", ""), bibl.get("subtype", ""), *(t.get("type", "") for t in titles)])
    words = words.lower()
    return next((kind for word, kind in _SERIAL_KINDS.items() if word in words), "journal")


def _bibl_type(bibl: etree._Element, analytic: etree._Element | None, monogr: etree._Element | None) -> str:
    """The CSL type: a periodical (title level "j") is one, and an article in it is typed by its kind.

    A ``monogr`` titled at level "j" with no ``analytic`` is the periodical as a whole
    ("periodical"); with an ``analytic`` it is an article ("article-journal",
    "article-newspaper" or "article-magazine"). An analytic in a book is a "chapter".
    """
    level = first(monogr, "tei:title[@level][1]") if monogr is not None else None
    serial = level is not None and level.get("level") == "j"
    if analytic is None:
        return "periodical" if serial else "book"
    return f"article-{_serial_kind(bibl, monogr)}" if serial else "chapter"


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
    item: dict = {"id": "", "type": _bibl_type(bibl, analytic, monogr)}
    main = analytic if analytic is not None else monogr
    title, sub = title_parts(main)
    item["title"] = f"{title}: {sub}" if sub else title
    put(item, "author", names(xp(main, "tei:author")) if main is not None else [])
    put(item, "editor", editors(monogr))
    put(item, "translator", translators(main) or translators(monogr))
    if analytic is not None:
        put(item, "container-title", title_parts(monogr)[0])
    put(item, "collection-title", text(first(bibl, "tei:series/tei:title[1]")))
    put(item, "publisher", agent_name(first(imprint, "tei:publisher")))
    put(item, "publisher-place", text(first(imprint, "tei:pubPlace")))
    put(item, "issued", csl_date(first(imprint, "tei:date")))
    put(item, "volume", _scope(monogr, "volume"))
    put(item, "issue", _scope(monogr, "issue"))
    put(item, "page", _scope(monogr, "page") or _scope(monogr, "pp"))
    put(item, "ISBN", isbn(idnos(monogr)))
    put(item, "edition", text(first(monogr, "tei:edition")))
    put(item, "note", "; ".join(text(n) for n in xp(bibl, "tei:note") if text(n)))
    item.update(original_work(monogr))
    bibl_id = bibl.get("{http://www.w3.org/XML/1998/namespace}id", "")
    item["id"] = bibl_id.removeprefix("bib-") if bibl_id else citation_key(item, "")
    return item


def bibl_record(bibl: etree._Element) -> dict:
    """A plain ``bibl`` as a CSL-JSON item, typed by the levels of its titles.

    A title at level "a" is the item's own, and a title at level "j" or "m" beside it is its
    container (an article in a periodical, a chapter in a book); a "j" title alone is a
    periodical, anything else a book.
    """
    own = first(bibl, "tei:title[@level='a'][1]")
    container = first(bibl, "tei:title[@level='j' or @level='m'][1]")
    serial = container is not None and container.get("level") == "j"
    if own is not None:
        kind = f"article-{_serial_kind(bibl, bibl)}" if serial else "chapter"
    else:
        kind = "periodical" if serial else "book"
    main = own if own is not None else (container if container is not None else first(bibl, "tei:title[1]"))
    item: dict = {"id": "", "type": kind, "title": text(main)}
    put(item, "author", names(xp(bibl, "tei:author")))
    put(item, "editor", editors(bibl))
    put(item, "translator", translators(bibl))
    if own is not None and container is not None:
        put(item, "container-title", text(container))
    put(item, "publisher", agent_name(first(bibl, "tei:publisher")))
    put(item, "publisher-place", text(first(bibl, "tei:pubPlace")))
    put(item, "issued", csl_date(first(bibl, "tei:date")))
    put(item, "volume", _scope(bibl, "volume"))
    put(item, "issue", _scope(bibl, "issue"))
    put(item, "page", _scope(bibl, "page") or _scope(bibl, "pp"))
    put(item, "ISBN", isbn(idnos(bibl)))
    put(item, "note", "; ".join(text(n) for n in xp(bibl, "tei:note") if text(n)))
    bibl_id = bibl.get("{http://www.w3.org/XML/1998/namespace}id", "")
    item["id"] = bibl_id.removeprefix("bib-") if bibl_id else citation_key(item, "")
    return item


def bibliography_records(tree: etree._ElementTree) -> dict[str, dict]:
    """CSL-JSON items for every entry of the edition's bibliography, keyed by xml:id.

    Entries are ``biblStruct``s and the plain ``bibl``s that are items of a ``listBibl`` (a
    ``bibl`` inside prose is a reference, not an entry).
    Reads ``div[@type='bibliography']``; a document without one contributes its other
    ``listBibl``s outside the header. Entries without an ``xml:id`` are keyed by their
    generated citation key; duplicates get a numeric suffix.
    """
    root = tree.getroot()
    section = "tei:text//tei:div[@type='bibliography']"
    bibls = xp(root, f"{section}//tei:biblStruct | {section}//tei:listBibl/tei:bibl")
    if not bibls:
        bibls = xp(root, "(tei:text | tei:standOff)//tei:listBibl/tei:biblStruct"
                         " | (tei:text | tei:standOff)//tei:listBibl/tei:bibl")
    records: dict[str, dict] = {}
    for bibl in bibls:
        item = biblstruct_record(bibl) if bibl.tag.endswith("biblStruct") else bibl_record(bibl)
        if not item.get("title"):
            continue
        key = bibl.get("{http://www.w3.org/XML/1998/namespace}id") or item["id"]
        base, n = key, 1
        while key in records:
            n += 1
            key = item["id"] = f"{base}-{n}"
        records[key] = item
    return records
