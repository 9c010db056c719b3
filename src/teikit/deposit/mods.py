"""A MODS 3 record of the edition, from :class:`~teikit.deposit.metadata.DepositMetadata`.

The digital edition is the record; the printed book is ``relatedItem type="original"``
(with its ISBNs, LCCN and the French original as a uniform title), and each division is
``relatedItem type="constituent"`` with its printed page range. Rights go in
``accessCondition``: the text's rights and the encoding's licence, as in the TEI header.
"""

from __future__ import annotations

from lxml import etree

from teikit.deposit.metadata import DepositMetadata

MODS_NS = "http://www.loc.gov/mods/v3"
XLINK_NS = "http://www.w3.org/1999/xlink"
MODS_VERSION = "3.8"
_ROLE_CODES = {"author": ("aut", "author"), "translator": ("trl", "translator"), "editor": ("edt", "editor")}
# ISO 639-1 -> ISO 639-2/B (the bibliographic codes MODS and MARC use; where they differ from
# the terminology codes, e.g. "ger" not "deu", "fre" not "fra").
_ISO639_2B = {
    "ar": "ara", "bg": "bul", "bo": "tib", "ca": "cat", "cs": "cze", "cy": "wel", "da": "dan", "de": "ger",
    "el": "gre", "en": "eng", "es": "spa", "et": "est", "eu": "baq", "fa": "per", "fi": "fin", "fr": "fre",
    "ga": "gle", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun", "hy": "arm", "is": "ice", "it": "ita",
    "ja": "jpn", "ka": "geo", "ko": "kor", "la": "lat", "lt": "lit", "lv": "lav", "mk": "mac", "ms": "may",
    "nl": "dut", "no": "nor", "pl": "pol", "pt": "por", "ro": "rum", "ru": "rus", "sa": "san", "sk": "slo",
    "sl": "slv", "sq": "alb", "sr": "srp", "sv": "swe", "sy": "syr", "tr": "tur", "uk": "ukr", "yi": "yid",
    "zh": "chi",
}
_ISO639_2B_CODES = set(_ISO639_2B.values()) | {"grc", "syr", "enm", "frm", "fro", "gmh", "goh", "ang", "xno"}


def _el(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{MODS_NS}}}{name}", {k.replace("_", ""): v for k, v in attrs.items()})
    if text:
        el.text = text
    return el


def _title(parent: etree._Element, title: str, *, type_: str | None = None, lang: str | None = None) -> None:
    attrs = {"type": type_} if type_ else {}
    if lang:
        attrs["lang"] = lang
    info = _el(parent, "titleInfo", **attrs)
    main, _, sub = title.partition(": ")
    _el(info, "title", main)
    if sub:
        _el(info, "subTitle", sub)


def _names(parent: etree._Element, item: dict) -> None:
    for role, (code, term) in _ROLE_CODES.items():
        for name in item.get(role, []):
            if "literal" in name:
                el = _el(parent, "name", type="corporate")
                _el(el, "namePart", name["literal"])
            else:
                el = _el(parent, "name", type="personal")
                _el(el, "namePart", name.get("family", ""), type="family")
                if name.get("given"):
                    _el(el, "namePart", name["given"], type="given")
            role_el = _el(el, "role")
            _el(role_el, "roleTerm", code, type="code", authority="marcrelator")
            _el(role_el, "roleTerm", term, type="text", authority="marcrelator")


def _origin(parent: etree._Element, item: dict, date: str | None = None) -> None:
    ranges = item.get("issued", {}).get("date-parts", [[]])
    if not (date or ranges[0] or item.get("publisher") or item.get("publisher-place") or item.get("version")):
        return  # MODS refuses an empty originInfo (a manuscript with no date known)
    origin = _el(parent, "originInfo", eventType="publication")
    if item.get("publisher-place"):
        place = _el(origin, "place")
        _el(place, "placeTerm", item["publisher-place"], type="text")
    if item.get("publisher"):
        _el(origin, "publisher", item["publisher"])
    value = date or _w3c(ranges[0])
    if value and not date and len(ranges) > 1 and _w3c(ranges[1]):
        # a date known as between two: MODS's start and end points
        _el(origin, "dateIssued", value, encoding="w3cdtf", keyDate="yes", point="start")
        _el(origin, "dateIssued", _w3c(ranges[1]), encoding="w3cdtf", point="end")
    elif value:
        _el(origin, "dateIssued", value, encoding="w3cdtf", keyDate="yes")
    if item.get("version"):
        _el(origin, "edition", item["version"])


def language_terms(tag: str) -> list[tuple[str, str]]:
    """(authority, code) pairs for a language tag as TEI writes it (BCP 47 ``de-AT``, or an
    ISO 639-2/3 code ``ger``, ``deu``): the ISO 639-2/B code when known, and the tag itself
    (``rfc5646``) when it says more or is not a 639-2/B code; never a tag under an authority
    it is not a code of."""
    tag = tag.strip()
    if not tag:
        return []
    primary = tag.split("-")[0].lower()
    out: list[tuple[str, str]] = []
    if primary in _ISO639_2B:
        out.append(("iso639-2b", _ISO639_2B[primary]))
    elif primary in _ISO639_2B_CODES:
        out.append(("iso639-2b", primary))
    elif len(primary) == 3 and "-" not in tag:
        out.append(("iso639-3", primary))  # a 639-3 (or 639-2/T) code such as "deu"
    if tag != primary or not out:
        out.append(("rfc5646", tag))
    return out


def _w3c(parts: list[int]) -> str:
    if not parts:
        return ""
    year = f"-{abs(parts[0]):04d}" if parts[0] < 0 else f"{parts[0]:04d}"
    return "-".join([year, *(f"{p:02d}" for p in parts[1:])])


def _series(mods: etree._Element, item: dict) -> None:
    """The series or edition the document belongs to (CSL ``collection-title``)."""
    if item.get("collection-title"):
        rel = _el(mods, "relatedItem", type="series")
        info = _el(rel, "titleInfo")
        _el(info, "title", item["collection-title"])


def _language(parent: etree._Element, code: str) -> None:
    terms = language_terms(code)
    if terms:
        lang = _el(parent, "language")
        for authority, value in terms:
            _el(lang, "languageTerm", value, type="code", authority=authority)


def _print_item(mods: etree._Element, meta: DepositMetadata) -> None:
    book = meta.print
    if not book:
        return
    manuscript = book.get("type") == "manuscript"
    label = "Manuscript" if manuscript else "Print edition"
    rel = _el(mods, "relatedItem", type="original", displayLabel=label)
    _title(rel, book["title"])
    if book.get("original-title"):
        # the original's language as its title states it (xml:lang), else none
        terms = language_terms(meta.original_lang)
        _title(rel, book["original-title"], type_="uniform", lang=terms[0][1] if terms else None)
    _names(rel, book)
    _origin(rel, book)
    for kind in ("ISBN-13", "ISBN-10", "eISBN-13"):
        if meta.print_ids.get(kind):
            extra = {"eISBN-13": {"displayLabel": "electronic"}}.get(kind, {})
            _el(rel, "identifier", meta.print_ids[kind], type="isbn", **extra)
    if book.get("ISBN") and book["ISBN"] not in meta.print_ids.values():
        _el(rel, "identifier", book["ISBN"], type="isbn")  # a biblFull's or bibl's, typed otherwise
    if book.get("DOI"):
        _el(rel, "identifier", book["DOI"], type="doi")
    if manuscript:
        _el(rel, "typeOfResource", "text", manuscript="yes")
        where = ", ".join(book[k] for k in ("archive", "archive-place") if book.get(k))
        if where or book.get("archive_location"):
            location = _el(rel, "location")
            if where:
                _el(location, "physicalLocation", where)
            shelf = ", ".join(book[k] for k in ("archive_collection", "archive_location") if book.get(k))
            if shelf:
                _el(location, "shelfLocator", shelf)
    if meta.print_ids.get("LCCN"):
        _el(rel, "identifier", meta.print_ids["LCCN"], type="lccn")
    if meta.print_ids.get("LCC"):
        _el(rel, "classification", meta.print_ids["LCC"], authority="lcc")
    if meta.print_ids.get("DDC"):
        _el(rel, "classification", meta.print_ids["DDC"], authority="ddc")


def _divisions(mods: etree._Element, meta: DepositMetadata) -> None:
    for div in meta.divisions:
        if div.get("type") != "chapter" or "container-title" not in div or not div.get("xml:id"):
            continue  # bibliography entries are not parts of this edition
        rel = _el(mods, "relatedItem", type="constituent", ID=f"mods-{div['xml:id']}")
        _title(rel, div["title"])
        if div.get("page"):
            part = _el(rel, "part")
            start, _, end = div["page"].partition("-")
            extent = _el(part, "extent", unit="pages")
            _el(extent, "start", start)
            _el(extent, "end", end or start)


def mods_element(meta: DepositMetadata) -> etree._Element:
    """The ``mods:mods`` element (no schemaLocation: validation uses the local XSDs)."""
    mods = etree.Element(f"{{{MODS_NS}}}mods", nsmap={"mods": MODS_NS, "xlink": XLINK_NS},
                         version=MODS_VERSION)
    _title(mods, meta.title)
    _names(mods, meta.edition)
    _el(mods, "typeOfResource", "text")
    _el(mods, "genre", "digital scholarly edition")
    _origin(mods, meta.edition, meta.date)
    _language(mods, meta.language)
    phys = _el(mods, "physicalDescription")
    _el(phys, "internetMediaType", "application/tei+xml")
    _el(phys, "digitalOrigin", "reformatted digital")
    _el(mods, "abstract", meta.description())
    if meta.rights:
        _el(mods, "accessCondition", meta.rights, type="use and reproduction", displayLabel="Text")
    if meta.license_url or meta.license_statement:
        cond = _el(mods, "accessCondition", meta.license_statement or meta.license_url,
                   type="use and reproduction", displayLabel="Encoding licence")
        if meta.license_url:
            cond.set(f"{{{XLINK_NS}}}href", meta.license_url)
    _el(mods, "identifier", meta.identifier, type="local")
    for csl, kind in (("DOI", "doi"), ("URL", "uri")):
        if meta.edition.get(csl):
            _el(mods, "identifier", meta.edition[csl], type=kind)
    _series(mods, meta.edition)
    _print_item(mods, meta)
    _divisions(mods, meta)
    record = _el(mods, "recordInfo")
    if meta.publisher:
        _el(record, "recordContentSource", meta.publisher)
    _el(record, "recordCreationDate", meta.date, encoding="w3cdtf")
    _el(record, "recordIdentifier", meta.identifier)
    return mods
