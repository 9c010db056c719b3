"""RIS serialisation of CSL-JSON records (the tagged format every reference manager imports).

Tags follow the RIS specification as Zotero reads it: ``AU`` authors, ``A2`` editors,
``A4`` translators (Zotero's "translator"), ``TI``/``T2`` title and book or journal title,
``PY``/``DA`` dates, ``PB``, ``CY``, ``SN``, ``SP``/``EP`` pages, ``ER`` end of record.
"""

from __future__ import annotations

from collections.abc import Iterable

_TYPES = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "article-newspaper": "NEWS",
          "article-magazine": "MGZN", "periodical": "JFULL", "thesis": "THES", "report": "RPRT",
          "webpage": "ELEC", "personal_communication": "PCOMM", "manuscript": "MANSCPT"}
_SIMPLE = (
    ("publisher", "PB"), ("publisher-place", "CY"), ("ISBN", "SN"), ("volume", "VL"),
    ("issue", "IS"), ("edition", "ET"), ("DOI", "DO"), ("URL", "UR"), ("language", "LA"),
    ("original-title", "OP"), ("call-number", "CN"), ("note", "N1"), ("number", "AN"),
)


def _name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def _clean(value: str) -> str:
    # A line break inside a value would start a new, bogus tag.
    return " ".join(str(value).split())


def record_lines(item: dict) -> list[tuple[str, str]]:
    """The (tag, value) pairs of one record, TY first and ER last."""
    lines = [("TY", _TYPES.get(item.get("type", ""), "GEN")), ("ID", item["id"])]
    lines += [("AU", _name(n)) for n in item.get("author", [])]
    lines += [("A2", _name(n)) for n in item.get("editor", [])]
    lines += [("A4", _name(n)) for n in item.get("translator", [])]
    lines += [("A3", _name(n)) for n in item.get("recipient", [])]  # RIS's tertiary author
    lines.append(("TI", item.get("title", "")))
    if item.get("container-title"):
        lines.append(("T2", item["container-title"]))
    if item.get("collection-title"):
        lines.append(("T3", item["collection-title"]))  # the series (Zotero: Series)
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        lines.append(("PY", str(parts[0])))
        padded = [str(parts[0])] + [f"{p:02d}" for p in parts[1:]]
        lines.append(("DA", "/".join(padded + [""] * (3 - len(padded))) + "/"))
    lines += [(tag, item[key]) for key, tag in _SIMPLE if item.get(key)]
    if item.get("version") and not item.get("edition"):
        lines.append(("ET", item["version"]))  # RIS has no version tag; Zotero reads ET as edition
    if item.get("page"):
        start, _, end = item["page"].partition("-")
        lines.append(("SP", start))
        if end:
            lines.append(("EP", end))
    if item.get("archive_location") and not item.get("number"):
        lines.append(("AN", item["archive_location"]))  # Zotero: Loc. in Archive
    archive = ", ".join(item[k] for k in ("archive", "archive-place", "archive_collection") if item.get(k))
    if archive:
        lines.append(("N1", f"Archive: {archive}"))
    licence = item.get("custom", {}).get("license")
    if licence:
        lines.append(("N1", f"Licence: {licence}"))
    lines.append(("ER", ""))
    return [(tag, _clean(value)) for tag, value in lines]


def to_ris(items: Iterable[dict]) -> str:
    """All items as RIS text (CRLF line ends, as the specification asks)."""
    out = []
    for item in items:
        out += [f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}"
                for tag, value in record_lines(item)]
        out.append("")
    return "\r\n".join(out)
