"""DataCite metadata (kernel 4.5) of the digital edition, for Zenodo-like repositories.

Built from the same CSL-JSON records as every citation (:mod:`teikit.cite.records`):
creators from ``titleStmt/author``, the translator and editors as contributors, the
edition's own identifier (a DOI as ``identifier``, any other ``publicationStmt/idno`` as an
alternate identifier), its URL, version, date, language and rights, and the printed book
it transcribes as a related ISBN (``IsDerivedFrom``). The record is checked against the
DataCite 4.5 JSON Schema and serialised to DataCite XML by the ``datacite`` library.
"""

from __future__ import annotations

import jsonschema
from datacite import schema45
from lxml import etree

from teikit.cite.records import citation_records
from teikit.errors import MetadataError

_SCHEMA = "http://datacite.org/schema/kernel-4"


def _person(name: dict) -> dict:
    if "literal" in name:
        return {"name": name["literal"]}
    out = {"name": ", ".join(filter(None, (name.get("family"), name.get("given")))), "nameType": "Personal",
           "familyName": name.get("family", "")}
    if name.get("given"):
        out["givenName"] = name["given"]
    return out


def _contributor(name: dict, kind: str) -> dict:
    return {**_person(name), "contributorType": kind}


def _date(item: dict) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def datacite_record(tree: etree._ElementTree) -> dict:
    """The DataCite 4.5 record (the ``datacite`` library's JSON form) of the edition."""
    records = citation_records(tree)
    edition, book = records["edition"], records.get("print")
    date = _date(edition)
    if not date:
        raise MetadataError("the edition has no date: DataCite needs a publication year",
                            file=tree.docinfo.URL, hint="add <date when=\"YYYY-MM-DD\"/> to publicationStmt")
    # (a collection whose members name different publishers has none: "unknown", as below)
    creators = [_person(n) for n in edition.get("author", [])] or [
        {"name": edition.get("publisher") or "unknown", "nameType": "Organizational"}]
    # DataCite 4.5 has no translator role: "Other", with the role said in the description.
    contributors = ([_contributor(n, "Other") for n in edition.get("translator", [])]
                    + [_contributor(n, "Editor") for n in edition.get("editor", [])])
    record: dict = {
        "schemaVersion": _SCHEMA,
        "types": {"resourceTypeGeneral": "Text",
                  "resourceType": edition.get("medium", "TEI XML digital edition")},
        "creators": creators,
        "titles": [{"title": edition["title"]}],
        "publisher": {"name": edition.get("publisher") or "unknown"},
        "publicationYear": date[:4],
        "dates": [{"date": date, "dateType": "Issued"}],
        "formats": ["application/tei+xml"],
    }
    if contributors:
        record["contributors"] = contributors
    if edition.get("DOI"):
        record["doi"] = edition["DOI"]
    if edition.get("URL"):
        record["url"] = edition["URL"]
    if edition.get("language"):
        record["language"] = edition["language"]
    if edition.get("version"):
        record["version"] = edition["version"]
    custom = edition.get("custom", {})
    if custom.get("identifier") and custom["identifier"] != edition.get("DOI"):
        record["alternateIdentifiers"] = [{
            "alternateIdentifier": custom["identifier"],
            "alternateIdentifierType": custom.get("identifier-type") or "local"}]
    rights = []
    if custom.get("license"):
        rights.append({"rights": custom.get("license-statement") or custom["license"],
                       "rightsUri": custom["license"]})
    if custom.get("rights") and custom.get("rights") != custom.get("license-statement"):
        rights.append({"rights": custom["rights"]})
    if rights:
        record["rightsList"] = rights
    description = f"TEI XML digital edition of {edition['title']}"
    if edition.get("translator"):
        names = (n.get("literal") or " ".join(filter(None, (n.get("given"), n.get("family"))))
                 for n in edition["translator"])
        description += ", translated by " + " and ".join(names)
    record["descriptions"] = [{"description": description + ".", "descriptionType": "Abstract"}]
    if book and book.get("ISBN"):
        record["relatedIdentifiers"] = [{"relatedIdentifier": book["ISBN"], "relatedIdentifierType": "ISBN",
                                         "relationType": "IsDerivedFrom", "resourceTypeGeneral": "Book"}]
    return record


def datacite_xml(tree: etree._ElementTree) -> bytes:
    """The DataCite XML of the edition, checked first against the DataCite 4.5 JSON Schema."""
    record = datacite_record(tree)
    try:
        schema45.validator.validate(record)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "record"
        raise MetadataError(f"the DataCite record is not valid at {where}: {exc.message}",
                            file=tree.docinfo.URL,
                            hint="complete the teiHeader (title, author, publisher, date)") from exc
    return schema45.tostring(record).encode("utf-8")
