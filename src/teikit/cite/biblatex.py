"""BibLaTeX and classic BibTeX serialisation of CSL-JSON records.

One mapping, two dialects: ``biblatex`` (UTF-8; ``location``, ``date``, ``journaltitle``,
``origtitle``) and ``bibtex`` (ASCII with LaTeX accents; ``address``, ``year``,
``journal``). Both carry the translator in its own ``translator`` field, which BibLaTeX
styles print and Zotero imports as a translator. Keys are the records' readable ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from teikit.cite.latex import escape

DIALECTS = ("biblatex", "bibtex")

_ENTRY_TYPES = {
    "book": "book",
    "chapter": "inbook",
    "article-journal": "article",
    "article-newspaper": "article",
    "article-magazine": "article",
    "article": "article",
    "periodical": "periodical",
    "thesis": "thesis",
    "report": "report",
    "webpage": "online",
    "personal_communication": "letter",
    "manuscript": "unpublished",
}
# CSL field -> (biblatex field, bibtex field); None: not written in that dialect.
_TEXT_FIELDS: dict[str, tuple[str, str | None]] = {
    "title": ("title", "title"),
    "container-title": ("booktitle", "booktitle"),
    "collection-title": ("series", "series"),
    "publisher": ("publisher", "publisher"),
    "publisher-place": ("location", "address"),
    "edition": ("edition", "edition"),
    "volume": ("volume", "volume"),
    "issue": ("number", "number"),
    "chapter-number": ("chapter", "chapter"),
    "ISBN": ("isbn", "isbn"),
    "DOI": ("doi", "doi"),
    "URL": ("url", "url"),
    "original-title": ("origtitle", "origtitle"),
    "original-publisher": ("origpublisher", None),
    "original-publisher-place": ("origlocation", None),
    "language": ("langid", "language"),
    "note": ("note", "note"),
    "number": ("eprint", None),
}
# Biber's list fields: " and " separates their items.
_LIST_FIELDS = {"publisher", "publisher-place", "original-publisher", "original-publisher-place"}
_NAME_FIELDS = (("author", "author"), ("container-author", "bookauthor"), ("editor", "editor"),
                ("translator", "translator"))
# A language tag's primary subtag (ISO 639-1, or 639-2/B, 639-2/T and 639-3 three-letter codes,
# as TEI headers write them: "de-AT", "ger", "deu") -> the babel/polyglossia name BibLaTeX's
# langid takes. A tag not listed is written as the item's language, not as a langid babel
# would not know.
_LANGIDS = {
    "en": "english", "fr": "french", "de": "german", "ru": "russian", "it": "italian", "es": "spanish",
    "pt": "portuguese", "nl": "dutch", "pl": "polish", "cs": "czech", "sk": "slovak", "la": "latin",
    "el": "greek", "ar": "arabic", "he": "hebrew", "sv": "swedish", "da": "danish", "no": "norsk",
    "fi": "finnish", "hu": "hungarian", "sl": "slovene", "hr": "croatian", "sr": "serbian",
    "uk": "ukrainian", "tr": "turkish", "ca": "catalan", "ro": "romanian", "bg": "bulgarian",
    "et": "estonian", "lv": "latvian", "lt": "lithuanian", "is": "icelandic", "ga": "irish", "cy": "welsh",
    "eu": "basque", "sa": "sanskrit",
}
_THREE_LETTER = {
    "eng": "en", "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "rus": "ru", "ita": "it", "spa": "es",
    "por": "pt", "dut": "nl", "nld": "nl", "pol": "pl", "cze": "cs", "ces": "cs", "slo": "sk", "slk": "sk",
    "lat": "la", "gre": "el", "ell": "el", "ara": "ar", "heb": "he", "swe": "sv", "dan": "da", "nor": "no",
    "fin": "fi", "hun": "hu", "slv": "sl", "hrv": "hr", "srp": "sr", "ukr": "uk", "tur": "tr", "cat": "ca",
    "rum": "ro", "ron": "ro", "bul": "bg", "est": "et", "lav": "lv", "lit": "lt", "ice": "is", "isl": "is",
    "gle": "ga", "wel": "cy", "cym": "cy", "baq": "eu", "eus": "eu", "san": "sa",
}


def langid(tag: str) -> str:
    """The BibLaTeX ``langid`` of a language tag, "" when babel has no name for it."""
    primary = tag.strip().split("-")[0].lower()
    return _LANGIDS.get(_THREE_LETTER.get(primary, primary), "")


# What would end a verbatim field early or open another (a DOI "10.1/x}, title={…} @misc{…"
# from a stranger's idno): braces, the backslash, white space and control characters.
_NOT_VERBATIM = re.compile(r"[{}\\\s\x00-\x1f\x7f]")


def verbatim(value: str) -> str:
    """``value`` (a URL or DOI) for a verbatim field: each character that could close the field
    percent-encoded, as a URL would write it (a DOI resolver and a browser read it the same)."""
    return _NOT_VERBATIM.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value)


def format_name(name: dict, ascii_only: bool = False) -> str:
    """``Family, Given``, escaped; an organisation or unparsed name is braced so BibTeX keeps it whole."""
    if "literal" in name:
        return "{" + escape(name["literal"], ascii_only=ascii_only) + "}"
    family = escape(name.get("family", ""), ascii_only=ascii_only)
    if " and " in family or "," in family:
        family = "{" + family + "}"
    given = escape(name.get("given", ""), ascii_only=ascii_only)
    return f"{family}, {given}" if given else family


def _names(names: list[dict], ascii_only: bool) -> str:
    return " and ".join(format_name(n, ascii_only) for n in names)


def _iso(parts: list[int]) -> str:
    year = f"-{abs(parts[0]):04d}" if parts[0] < 0 else f"{parts[0]:04d}"
    return "-".join([year, *(f"{p:02d}" for p in parts[1:])])


def _edtf(date: dict) -> str:
    """A CSL date as Biber's ISO 8601-2 date: ``1990``, ``1350/1400`` (a range), ``1400~`` (circa)."""
    ranges = date.get("date-parts") or [[]]
    value = "/".join(_iso(parts) for parts in ranges[:2] if parts)
    return value + "~" if value and date.get("circa") and "/" not in value else value


def _date(item: dict, dialect: str) -> list[tuple[str, str]]:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if not parts:
        return []
    if dialect == "biblatex":
        out = [("date", _edtf(item["issued"]))]
        if item.get("original-date", {}).get("date-parts", [[]])[0]:
            out.append(("origdate", _edtf(item["original-date"])))
        return out
    return [("year", str(parts[0]))]


def _pages(item: dict) -> list[tuple[str, str]]:
    page = item.get("page")
    return [("pages", page.replace("-", "--"))] if page else []


# Entry types of Biber's data model without publisher and location (their imprint goes to the note).
_NO_IMPRINT = {csl: True for csl, kind in _ENTRY_TYPES.items() if kind in ("article", "periodical")}


def _note(item: dict) -> str:
    """The note, led by the medium and version: Biber's data model has no ``howpublished`` or
    ``version`` for a book, and a digital edition is cited as a book. A periodical or an
    article has no ``publisher`` or ``location`` either: its imprint is written in the note."""
    medium = ", ".join(filter(None, [item.get("medium", ""),
                                     f"version {item['version']}" if item.get("version") else ""]))
    imprint = ""
    if _NO_IMPRINT.get(item.get("type", "")):
        imprint = ": ".join(filter(None, [item.get("publisher-place", ""), item.get("publisher", "")]))
    return "; ".join(filter(None, [medium, imprint, archive_statement(item), item.get("note", "")]))


def archive_statement(item: dict) -> str:
    """Where a manuscript is kept, in one line ("Bodleian Library, Oxford, MS. Eng. poet. a. 1"):
    BibLaTeX and RIS have no fields for CSL's archive, archive-place and archive_collection."""
    return ", ".join(item[k] for k in ("archive", "archive-place", "archive_collection", "archive_location")
                     if item.get(k))


def _entry_type(item: dict, dialect: str) -> str:
    kind = _ENTRY_TYPES.get(item.get("type", ""), "misc")
    if dialect == "bibtex":
        return {"thesis": "phdthesis", "report": "techreport", "online": "misc", "periodical": "misc"}.get(
            kind, kind)
    return kind


def fields(item: dict, dialect: str = "biblatex") -> list[tuple[str, str]]:
    """The (field, escaped value) pairs of one entry, in a fixed order."""
    ascii_only = dialect == "bibtex"
    out: list[tuple[str, str]] = []
    for csl, bib in _NAME_FIELDS:
        if item.get(csl):
            out.append((bib, _names(item[csl], ascii_only)))
    index = 0 if dialect == "biblatex" else 1
    for csl, names in _TEXT_FIELDS.items():
        value = _note(item) if csl == "note" else item.get(csl)
        name = names[index]
        if not value or not name:
            continue
        if csl in ("publisher", "publisher-place") and _NO_IMPRINT.get(item.get("type", "")):
            continue  # in the note (see _note)
        if csl == "language":
            known = langid(value)
            if not known and dialect == "biblatex":
                name = "language"  # printed as written; a langid babel does not know would stop LaTeX
            value = known or value
        if csl == "container-title" and item.get("type", "").startswith("article"):
            name = ("journaltitle", "journal")[index]
        # URLs and DOIs are verbatim fields: escaping would corrupt them.
        raw = csl in ("URL", "DOI")
        value = verbatim(str(value)) if raw else escape(str(value), ascii_only=ascii_only)
        if csl in _LIST_FIELDS and re.search(r"\sand\s", value, re.IGNORECASE):
            value = "{" + value + "}"  # one publisher or place, not a list split at "and"
        out.append((name, value))
        if csl == "number" and dialect == "biblatex":
            # The edition's own identifier: an eprint in the identifier system its idno names.
            out.append(("eprinttype", escape(item.get("custom", {}).get("identifier-type", "identifier"))))
    out += _date(item, dialect) + _pages(item)
    rights = item.get("custom", {}).get("license")
    if rights and dialect == "biblatex":
        out.append(("addendum", escape(f"Licence: {rights}")))
    return out


def to_bib(items: Iterable[dict], dialect: str = "biblatex") -> str:
    """All items as a .bib file in ``dialect`` ("biblatex" or "bibtex")."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; expected one of {DIALECTS}")
    entries = []
    for item in items:
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields(item, dialect))
        entries.append(f"@{_entry_type(item, dialect)}{{{item['id']},\n{body}\n}}\n")
    return "\n".join(entries)
