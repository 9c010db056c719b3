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
from teikit.cite.fields import (
    citation_key,
    editors,
    names,
    original_work,
    put,
    series_title,
    title_parts,
    translators,
)
from teikit.cite.pages import page_range, page_ranges
from teikit.cite.tei import agent_name, csl_date, first, idnos, isbd, isbn, text, xp
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
    if not target:
        # A licence named by a link in the rights statement: typed as one (the EpiDoc way,
        # <ref type="license" target="…">), or a licence's address (…/licenses/…, …/publicdomain/…).
        link = first(publication_stmt, ".//tei:availability//*[self::tei:ref or self::tei:ptr][@target]"
                     "[@type='license' or @type='licence' or contains(@target, '/licenses/')"
                     " or contains(@target, '/publicdomain/')][1]")
        target = (link.get("target") or "").split() if link is not None else []
    put(out, "license", target[0] if target else "")
    put(out, "license-statement", text(licence))
    if "rights" not in out and "license-statement" in out:
        out["rights"] = out["license-statement"]
    return out


# The descriptions a sourceDesc may give of a printed source, in document order: a biblStruct's
# monogr, a biblFull, or a bibl with a title of its own (also one inside another bibl, as
# DraCor nests the printed source in the digital one). A bibl or biblStruct inside another
# description's relatedItem is that description's, never a source of its own.
_SOURCES = ("tei:fileDesc/tei:sourceDesc//tei:biblStruct[not(ancestor::tei:relatedItem)]/tei:monogr[1]"
            " | tei:fileDesc/tei:sourceDesc//tei:biblFull[not(ancestor::tei:relatedItem)]"
            " | tei:fileDesc/tei:sourceDesc//tei:bibl[tei:title][not(ancestor::tei:relatedItem)]"
            "[not(ancestor::tei:biblStruct | ancestor::tei:biblFull | ancestor::tei:msDesc)]")


def _kind(source: etree._Element) -> str:
    """"digital", "first" (a first or original edition) or "" from the description's @type."""
    described = source.getparent() if source.tag.endswith("monogr") else source
    kind = (described.get("type") or "").lower() if described is not None else ""
    if "digital" in kind:
        return "digital"
    return "first" if kind.startswith("first") or kind == "original" else ""


def _sources(header: etree._Element) -> list[etree._Element]:
    """The printed sources, the one the edition transcribes first: a source typed as a first
    or original edition comes after an untyped or print one (ELTeC's printSource is the copy
    text, its firstEdition the original), a digital source (an e-text the edition was made
    from) last."""
    found = xp(header, _SOURCES)
    rank = {"": 0, "first": 1, "digital": 2}
    return sorted(found, key=lambda node: rank[_kind(node)])


def _parts(source: etree._Element) -> tuple[etree._Element, etree._Element | None, etree._Element]:
    """(where its titles and names are, where its imprint is, where its idnos are)."""
    if source.tag.endswith("monogr"):
        return source, first(source, "tei:imprint"), source
    if source.tag.endswith("biblFull"):
        pub = first(source, "tei:publicationStmt")
        stmt = first(source, "tei:titleStmt")
        return stmt if stmt is not None else source, pub, pub if pub is not None else source
    return source, source, source


def _source_item(source: etree._Element, title_stmt: etree._Element | None, lang: str) -> dict | None:
    """A printed source as a CSL book (or periodical issue), None when it has no title."""
    names_in, imprint, ids_in = _parts(source)
    # A part of a book or periodical: a biblStruct's analytic, or a bibl titled at level "a"
    # beside a level "m" or "j" title; its container is the book or periodical.
    analytic = first(source, "self::tei:monogr/../tei:analytic[tei:title[normalize-space()]][1]")
    container = None
    if analytic is not None:
        container, names_in = first(source, "tei:title[1]"), analytic
    elif first(source, "self::tei:bibl/tei:title[@level='a']") is not None:
        container = first(source, "tei:title[@level='m' or @level='j'][1]")
    main, sub = title_parts(names_in)
    if not main:
        return None
    ids = {**idnos(analytic), **idnos(ids_in)} if analytic is not None else idnos(ids_in)
    level = container if container is not None else first(names_in, "tei:title[@level][1]")
    serial = level is not None and level.get("level") == "j"
    if container is not None:
        kind = "article-journal" if serial else "chapter"
    else:
        kind = "periodical" if serial else "book"
    item: dict = {"id": "", "type": kind, "title": f"{main}: {sub}" if sub else main}
    put(item, "container-title", text(container))
    # The source of a transcription is the same work: when it names no author (nor editor), the
    # edition's author is its author.
    own_names = xp(names_in, "tei:author | tei:editor")
    put(item, "author", names(xp(names_in, "tei:author"))
        or ([] if own_names else names(xp(title_stmt, "tei:author"))))
    # The translator may be recorded only in titleStmt; the translation is the printed book's.
    put(item, "translator", translators(names_in) or translators(title_stmt))
    put(item, "editor", editors(names_in))
    put(item, "publisher", agent_name(first(imprint, "tei:publisher")))
    put(item, "publisher-place", _place(first(imprint, "tei:pubPlace")))
    put(item, "issued", csl_date(first(imprint, "tei:date")))
    put(item, "edition", _edition(source))
    # its own series: a biblFull's seriesStmt, a bibl's or biblStruct's series
    put(item, "collection-title", series_title(None, first(
        source, "tei:seriesStmt[1] | tei:series[1] | self::tei:monogr/../tei:series[1]")))
    for unit, key in (("volume", "volume"), ("issue", "issue")):
        scope = first(source, f".//tei:biblScope[@unit='{unit}' or @type='{unit}'][1]")
        put(item, key, (scope.get("n") or scope.get("from") or text(scope)) if scope is not None else "")
    put(item, "page", _pages(first(source, ".//tei:biblScope[@unit='page' or @unit='pp' or @type='pages'"
                                           " or @type='pp'][1]")))
    put(item, "ISBN", isbn(ids))
    put(item, "call-number", ids.get("LCC"))  # the shelf mark; the LCCN is a record number
    put(item, "DOI", ids.get("DOI"))
    put(item, "URL", _source_url(source, ids))
    extent = first(source, "tei:extent")
    pages = first(extent, "tei:measure[@type='pages' or @unit='pages'][1]")
    put(item, "number-of-pages", isbd(text(pages if pages is not None else extent)))
    item.update(original_work(source))
    put(item, "language", lang)
    item["id"] = citation_key(item, "")
    return item


_PAGE_RANGE = re.compile(r"[0-9ivxlcdm]+(?:\s*[-–]\s*[0-9ivxlcdm]+)?", re.IGNORECASE)


def _pages(scope: etree._Element | None) -> str:
    """A page range from ``@from``/``@to``, else the range its text gives ("Pp. 3-11": "3-11")."""
    if scope is None:
        return ""
    lo, hi = scope.get("from"), scope.get("to")
    if lo:
        return f"{lo}-{hi}" if hi and hi != lo else lo
    written = text(scope)
    found = next((m.group() for m in _PAGE_RANGE.finditer(written) if any(c.isdigit() for c in m.group())),
                 "")
    return re.sub(r"\s*[-–]\s*", "-", found)


def _edition(source: etree._Element) -> str:
    edition = first(source, "tei:edition[1] | tei:editionStmt/tei:edition[1]")
    if edition is None:
        return ""
    return text(edition) or (edition.get("n") or "")


def _source_url(source: etree._Element, ids: dict[str, str]) -> str:
    """A web address of the source: an idno typed URL/URI, else a link the description gives."""
    links = [ids.get(k, "") for k in ("URL", "URI", "url", "uri")]
    links += [n.get("target") or "" for n in xp(source, "ancestor-or-self::tei:biblStruct[1]/tei:ref[@target]"
                                                      " | tei:ref[@target] | tei:ptr[@target]")]
    return next((v for v in links if _WEB.match(v)), "")


def _place(node: etree._Element | None) -> str:
    """A place of publication: its first name when it names the place in several languages."""
    if node is None:
        return ""
    names_ = xp(node, "tei:placeName | tei:settlement | tei:name")
    return isbd(text(names_[0] if len(names_) > 1 else node))


def _archive(ms: etree._Element) -> dict:
    """Where a manuscript is kept, as CSL's archive fields: the repository (else the
    institution), its town, the collection and the shelfmark (an idno typed as one, else the
    first idno of msIdentifier)."""
    ident = first(ms, "tei:msIdentifier")
    out: dict = {}
    if ident is None:
        return out
    put(out, "archive", agent_name(first(ident, "tei:repository"))
        or agent_name(first(ident, "tei:institution")))
    put(out, "archive-place", isbd(text(first(ident, "tei:settlement"))))
    put(out, "archive_collection", isbd(text(first(ident, "tei:collection"))))
    marks = xp(ident, "tei:idno[not(tei:idno)] | tei:idno/tei:idno")
    mark = next((m for m in marks if (m.get("type") or "").lower() == "shelfmark"),
                next((m for m in marks if not _WEB.match(text(m))), None))
    put(out, "archive_location", text(mark))
    return out


def _manuscript_item(header: etree._Element, title_stmt: etree._Element | None, lang: str) -> dict | None:
    """The manuscript a sourceDesc describes (its first msDesc) as a CSL "manuscript": titled by
    its heading, its first item's title, its name, else the edition's title (a letter's
    manuscript is the letter); dated by its origDate; its writer the one its first item names."""
    ms = first(header, "tei:fileDesc/tei:sourceDesc//tei:msDesc[1]")
    if ms is None:
        return None
    archive = _archive(ms)
    title = (text(first(ms, "tei:head")) or text(first(ms, "tei:msContents/tei:msItem[1]/tei:title[1]"))
             or text(first(ms, "tei:msIdentifier/tei:msName[1]"))
             # a letter's or an inscription's manuscript is the document the edition is titled by
             or title_parts(title_stmt)[0] or archive.get("archive_location", ""))
    if not title:
        return None
    item: dict = {"id": "", "type": "manuscript", "title": title}
    # only the writer the description names: a titleStmt author may be the edition's maker
    # (EpiDoc names the inscription's editor there), not the manuscript's writer
    put(item, "author", names(xp(ms, "tei:msContents/tei:msItem[1]/tei:author")))
    put(item, "issued", csl_date(first(ms, "tei:history/tei:origin//tei:origDate[1]")))
    item.update(archive)
    put(item, "language", lang)
    item["id"] = citation_key(item, "")
    return item


def print_record(tree: etree._ElementTree) -> dict | None:
    """The printed source the edition transcribes (``sourceDesc``), or None when not described."""
    return _print_and_original(tree)[0]


def _print_and_original(tree: etree._ElementTree) -> tuple[dict | None, dict | None]:
    """(the printed source, its first or original edition when the sourceDesc describes one apart)."""
    header = tei_header(tree)
    title_stmt = first(header, "tei:fileDesc/tei:titleStmt")
    lang = _language(tree)
    items = [(node, _source_item(node, title_stmt, lang)) for node in _sources(header)]
    items = [(node, item) for node, item in items if item]
    if not items:
        # no printed source: the manuscript the edition transcribes (a letter's, a codex's), if described
        return _manuscript_item(header, title_stmt, lang), None
    book = items[0][1]
    original = next((item for node, item in items[1:] if _kind(node) == "first"), None)
    return book, original


def _original_fields(item: dict, source: dict) -> dict:
    """CSL ``original-*`` of an edition: the publication its source (or the first edition) was."""
    out: dict = {}
    if source.get("title") != item.get("title"):
        put(out, "original-title", source.get("title"))
    if source.get("author") != item.get("author"):
        put(out, "original-author", source.get("author"))
    put(out, "original-publisher", source.get("publisher"))
    put(out, "original-publisher-place", source.get("publisher-place"))
    put(out, "original-date", source.get("issued"))
    return out


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
    place = _place(first(pub, "tei:pubPlace"))
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
    put(item, "collection-title", series_title(title_stmt, first(header, "tei:fileDesc/tei:seriesStmt")))
    # The printed source (or its first edition) is the edition's original publication:
    # Chicago prints "Originally published Athens, Ohio: Ohio University Press, 1990".
    book, original = _print_and_original(tree)
    if book is not None and book["type"] != "manuscript":  # a manuscript was never published
        item.update(_original_fields(item, original or book))
    # CSL has no field for a local identifier or licence; "custom" carries them unrendered
    # (deposit's MODS and bag-info read the same values from here).
    custom = _licence(pub)
    put(custom, "identifier", identifier)
    put(custom, "identifier-type", id_type)
    put(item, "custom", custom)
    item["id"] = citation_key(item, "edition")
    return item


_CANONICAL = {"doi": "DOI", "uri": "URI", "url": "URL", "handle": "handle", "hdl": "handle", "ark": "ARK",
              "urn": "URN"}
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
                  *(text(p) for p in (xp(pub, "tei:pubPlace") if pub is not None else [])),
                  # then any identifier written as an address (a handle or URN resolver, the
                  # DTA's idno type="URLWeb"), in document order
                  *ids.values()]
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
    for key in ("DOI", "URI", "URL", "handle", "ARK", "URN", "teikit"):
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

