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

from lxml import etree

from teikit import xmlio
from teikit.cite.authorship import division_authors
from teikit.cite.bibliography import bibliography_records
from teikit.cite.fields import citation_key, editors, names, original_work, put, title_parts, translators
from teikit.cite.pages import page_range, page_ranges
from teikit.cite.tei import agent_name, csl_date, first, idnos, isbn, text, xp
from teikit.errors import MetadataError

__all__ = ["bibliography_records", "citation_records", "edition_identifier", "page_range", "tei_header"]

# Divisions that are not cited on their own: they are navigation, not text.
_UNCITED_TYPES = {"titlepage", "contents", "notes-section"}
_HEADER = "/tei:TEI/tei:teiHeader | /tei:teiCorpus/tei:teiHeader"


def _file_name(tree: etree._ElementTree) -> str:
    return tree.docinfo.URL or "<edition>"


def tei_header(tree: etree._ElementTree) -> etree._Element:
    """The teiHeader, or MetadataError naming what to add."""
    found = tree.getroot().xpath(_HEADER, namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    if not found:
        xmlio.require_tei(tree, _file_name(tree))  # not TEI P5: the one message every stage gives
        raise MetadataError(
            "no teiHeader: a citation needs the edition's title",
            file=_file_name(tree),
            line=tree.getroot().sourceline,
            hint="add <teiHeader><fileDesc><titleStmt><title>…</title></titleStmt>…</fileDesc></teiHeader>",
        )
    return found[0]


def _licence(publication_stmt: etree._Element | None) -> dict[str, str]:
    """Rights of the text (``availability/p``) and licence of the encoding (``licence``)."""
    licence = first(publication_stmt, ".//tei:availability/tei:licence[1]")
    paras = xp(publication_stmt, ".//tei:availability/tei:p") if publication_stmt is not None else []
    out: dict[str, str] = {}
    put(out, "rights", " ".join(text(p) for p in paras if text(p)))
    target = (licence.get("target") or "").split() if licence is not None else []
    put(out, "license", target[0] if target else "")
    put(out, "license-statement", text(licence))
    if "rights" not in out and "license-statement" in out:
        out["rights"] = out["license-statement"]
    return out


def _print_monogr(header: etree._Element) -> etree._Element | None:
    return first(
        header,
        "tei:fileDesc/tei:sourceDesc//tei:biblStruct[1]/tei:monogr[1]"
        " | tei:fileDesc/tei:sourceDesc/tei:bibl[1]",
    )


def print_record(tree: etree._ElementTree) -> dict | None:
    """The printed book the edition transcribes (``sourceDesc``), or None when not described."""
    header = tei_header(tree)
    monogr = _print_monogr(header)
    if monogr is None:
        return None
    main, sub = title_parts(monogr)
    if not main:
        return None
    title_stmt = first(header, "tei:fileDesc/tei:titleStmt")
    imprint = first(monogr, "tei:imprint") if monogr.tag.endswith("monogr") else monogr
    ids = idnos(monogr)
    item: dict = {"id": "", "type": "book", "title": f"{main}: {sub}" if sub else main}
    put(item, "author", names(xp(monogr, "tei:author")))
    # The translator may be recorded only in titleStmt; the translation is the printed book's.
    put(item, "translator", translators(monogr) or translators(title_stmt))
    put(item, "editor", editors(monogr))
    put(item, "publisher", agent_name(first(imprint, "tei:publisher")))
    put(item, "publisher-place", text(first(imprint, "tei:pubPlace")))
    put(item, "issued", csl_date(first(imprint, "tei:date")))
    put(item, "ISBN", isbn(ids))
    put(item, "call-number", ids.get("LCC"))  # the shelf mark; the LCCN is a record number
    put(item, "DOI", ids.get("DOI"))
    put(item, "number-of-pages", text(first(monogr, "tei:extent")))
    item.update(original_work(monogr))
    put(item, "language", _language(tree))
    item["id"] = citation_key(item, "")
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
    main, sub = title_parts(title_stmt)
    if not main:
        raise MetadataError(
            "the teiHeader has no title: a citation needs fileDesc/titleStmt/title",
            file=_file_name(tree),
            line=(title_stmt if title_stmt is not None else header).sourceline,
            hint='add <title type="main">…</title> to fileDesc/titleStmt',
        )
    pub = first(header, "tei:fileDesc/tei:publicationStmt")
    ids = _pub_ids(pub)
    edition = first(header, "tei:fileDesc/tei:editionStmt/tei:edition[1]")
    item: dict = {"id": "", "type": "book", "title": f"{main}: {sub}" if sub else main}
    put(item, "author", names(xp(title_stmt, "tei:author")))
    put(item, "translator", translators(title_stmt))
    put(item, "editor", editors(title_stmt))
    # (not the sentence a collection's own header says itself with: authority type="teikit")
    agency = "tei:publisher | tei:distributor | tei:authority[not(@type = 'teikit')]"
    put(item, "publisher", agent_name(first(pub, agency)))
    place = text(first(pub, "tei:pubPlace"))
    put(item, "publisher-place", "" if place.startswith(("http://", "https://")) else place)
    # The edition's own date: of publication, else of the edition statement.
    put(item, "issued", csl_date(first(pub, "tei:date")) or csl_date(first(edition, ".//tei:date")))
    put(item, "DOI", ids.get("DOI"))
    put(item, "URL", _url(pub, ids))
    put(item, "ISBN", isbn(ids))
    id_type, identifier = _identifier(tree)
    # CSL has no generic identifier; "number" (e.g. a report number) is the one styles print.
    if identifier not in (item.get("DOI"), item.get("URL")):
        put(item, "number", identifier)
    put(item, "medium", "TEI XML digital edition")
    put(item, "version", (edition.get("n") if edition is not None else "") or ids.get("version"))
    put(item, "language", _language(tree))
    # CSL has no field for a local identifier or licence; "custom" carries them unrendered
    # (deposit's MODS and bag-info read the same values from here).
    custom = _licence(pub)
    put(custom, "identifier", identifier)
    put(custom, "identifier-type", id_type)
    put(item, "custom", custom)
    item["id"] = citation_key(item, "edition")
    return item


_CANONICAL = {"doi": "DOI", "uri": "URI", "url": "URL", "handle": "handle", "hdl": "handle", "ark": "ARK"}
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.I)


def _pub_ids(pub: etree._Element | None) -> dict[str, str]:
    """The edition's identifiers by type: ``idno``s, and ``ref``/``ptr`` typed like one
    (``<ref type="doi" target="https://doi.org/10…"/>``). Common types are matched without
    regard to case (``doi``, ``DOI``); a DOI is kept without its resolver prefix."""
    ids: dict[str, str] = {}
    for kind, value in idnos(pub).items():
        ids.setdefault(_CANONICAL.get(kind.lower(), kind), value)
    for ref in xp(pub, "tei:ref[@type][@target] | tei:ptr[@type][@target]") if pub is not None else []:
        ref_kind = _CANONICAL.get(ref.get("type", "").lower())
        if ref_kind:
            ids.setdefault(ref_kind, (ref.get("target") or "").strip())
    if ids.get("DOI"):
        ids["DOI"] = _DOI_PREFIX.sub("", ids["DOI"])
    return ids


def _url(pub: etree._Element | None, ids: dict[str, str]) -> str:
    """The edition's address: an ``idno`` typed URI/URL, a ``ptr``/``ref``, a URL in ``pubPlace``.

    Only a web address (http, https): reference managers, repositories reading the MODS and
    the citation dialog make the URL a link, and ``javascript:alert(1)`` must not become one.
    Another URI (``urn:nbn:…``) stays the edition's identifier (``number``, ``custom``)."""
    candidates = [ids.get("URI", ""), ids.get("URL", ""), _ptr(pub),
                  *(text(p) for p in (xp(pub, "tei:pubPlace") if pub is not None else []))]
    return next((value for value in candidates if _WEB.match(value)), "")


# A web address: the scheme, "//" and a host (no space, no quote, no angle bracket anywhere).
_WEB = re.compile(r"https?://[^\s/\"'<>]+[^\s\"'<>]*\Z", re.IGNORECASE)


def _ptr(pub: etree._Element | None) -> str:
    # An untyped pointer, or one typed as the address; a typed DOI or handle is an identifier.
    ptr = first(pub, "(tei:ptr | tei:ref | tei:pubPlace/tei:ptr | tei:pubPlace/tei:ref)[@target]"
                     "[not(@type) or @type='url' or @type='URL' or @type='uri' or @type='URI'][1]")
    return ptr.get("target") if ptr is not None else ""


def edition_identifier(tree: etree._ElementTree) -> str:
    """The edition's own identifier: DOI, URI, then the first other ``publicationStmt/idno``."""
    return _identifier(tree)[1]


def _identifier(tree: etree._ElementTree) -> tuple[str, str]:
    """(idno type, value) of the edition's own identifier, ("", "") when it has none."""
    pub = first(tei_header(tree), "tei:fileDesc/tei:publicationStmt")
    ids = _pub_ids(pub)
    for key in ("DOI", "URI", "URL", "handle", "ARK", "teikit"):
        if ids.get(key):
            return key, ids[key]
    return next(((k, v) for k, v in ids.items() if v), ("", ""))


def _division_title(div: etree._Element) -> str:
    heads = xp(div, "tei:head[not(@type='label') and not(@type='sub')]")
    if heads:
        return text(heads[0])
    return div.get("type", "division").replace("-", " ").capitalize()


def division_record(div: etree._Element, book: dict, title_stmt: etree._Element | None = None,
                    page: str | None = None) -> dict:
    """A division of the printed book as a CSL "chapter" in ``book`` (the print record).

    Its author is the book's, unless the TEI states another (:mod:`teikit.cite.authorship`):
    then the book's author becomes the ``container-author`` and the book's translator is
    and original title are not carried over, since a division written by someone else was
    not translated from the original.
    """
    div_id = div.get("{http://www.w3.org/XML/1998/namespace}id")
    item: dict = {"id": f"{book['id']}-{div_id}", "type": "chapter", "title": _division_title(div)}
    item["container-title"] = book["title"]
    own = division_authors(div, title_stmt)
    if own and own != book.get("author"):
        item["author"] = own
        put(item, "container-author", book.get("author"))
    else:
        for key in ("author", "translator", "original-title"):
            put(item, key, book.get(key))
    for key in ("editor", "publisher", "publisher-place", "issued", "ISBN", "language"):
        put(item, key, book.get(key))
    if div.get("type") == "chapter" and div.get("n"):
        item["chapter-number"] = div.get("n")
    put(item, "page", page_range(div) if page is None else page)  # page: page_ranges' answer for div
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
    title_stmt = first(tei_header(tree), "tei:fileDesc/tei:titleStmt")
    root = tree.getroot()
    cited = []
    for div in xp(root, "tei:text/tei:front/tei:div | tei:text/tei:body/tei:div | tei:text/tei:back/tei:div"):
        div_id = div.get("{http://www.w3.org/XML/1998/namespace}id")
        if div_id and div.get("type") not in _UNCITED_TYPES and div_id not in records:
            records[div_id] = {}  # its place, so that a repeated ID keeps the first division
            cited.append((div_id, div))
    pages = page_ranges([div for _, div in cited])  # the book's pages read once, not per division
    for (div_id, div), page in zip(cited, pages, strict=True):
        records[div_id] = division_record(div, container, title_stmt, page)
    return records

