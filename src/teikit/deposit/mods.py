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
_ISO639_2B = {"en": "eng", "fr": "fre", "de": "ger", "ru": "rus"}


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
    origin = _el(parent, "originInfo", eventType="publication")
    if item.get("publisher-place"):
        place = _el(origin, "place")
        _el(place, "placeTerm", item["publisher-place"], type="text")
    if item.get("publisher"):
        _el(origin, "publisher", item["publisher"])
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    value = date or "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))
    if value:
        _el(origin, "dateIssued", value, encoding="w3cdtf", keyDate="yes")
    if item.get("version"):
        _el(origin, "edition", item["version"])


def _language(parent: etree._Element, code: str) -> None:
    if code:
        lang = _el(parent, "language")
        _el(lang, "languageTerm", _ISO639_2B.get(code, code), type="code", authority="iso639-2b")


def _print_item(mods: etree._Element, meta: DepositMetadata) -> None:
    book = meta.print
    if not book:
        return
    rel = _el(mods, "relatedItem", type="original", displayLabel="Print edition")
    _title(rel, book["title"])
    if book.get("original-title"):
        _title(rel, book["original-title"], type_="uniform", lang="fre")
    _names(rel, book)
    _origin(rel, book)
    for kind in ("ISBN-13", "ISBN-10", "eISBN-13"):
        if meta.print_ids.get(kind):
            extra = {"eISBN-13": {"displayLabel": "electronic"}}.get(kind, {})
            _el(rel, "identifier", meta.print_ids[kind], type="isbn", **extra)
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
    _print_item(mods, meta)
    _divisions(mods, meta)
    record = _el(mods, "recordInfo")
    if meta.publisher:
        _el(record, "recordContentSource", meta.publisher)
    _el(record, "recordCreationDate", meta.date, encoding="w3cdtf")
    _el(record, "recordIdentifier", meta.identifier)
    return mods
