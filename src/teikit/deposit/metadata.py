"""The descriptive metadata of a deposit, read once from the TEI header.

Everything here comes from :func:`teikit.cite.records.citation_records` plus the print
source's ``idno``s, so the identifiers and rights in bag-info, METS/MODS, Dublin Core and
the citation files are the same values by construction.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from lxml import etree

from teikit.cite.records import citation_records, edition_identifier, tei_header
from teikit.cite.tei import first, idnos
from teikit.errors import MetadataError
from teikit.xmlio import TEI_NS

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# A date written as an ISO date or timestamp in the element's text ("2016-10-10T16:34:28Z", as
# the DTA writes it): its day.
_ISO_TEXT = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$")


@dataclass
class DepositMetadata:
    """What a repository needs to know about the edition."""

    title: str
    identifier: str
    date: str  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD): the edition's date, never the clock
    edition: dict  # the CSL-JSON item of the digital edition
    print: dict | None  # the CSL-JSON item of the printed book, if described
    print_ids: dict[str, str] = field(default_factory=dict)  # idno/@type -> value
    divisions: list[dict] = field(default_factory=list)  # CSL items of the divisions, with "xml:id"
    original_lang: str = ""  # xml:lang of the original's title (a translation's source), "" unknown

    @property
    def rights(self) -> str:
        return self.edition.get("custom", {}).get("rights", "")

    @property
    def license_url(self) -> str:
        return self.edition.get("custom", {}).get("license", "")

    @property
    def license_statement(self) -> str:
        return self.edition.get("custom", {}).get("license-statement", "")

    @property
    def publisher(self) -> str:
        return self.edition.get("publisher", "")

    @property
    def language(self) -> str:
        return self.edition.get("language", "")

    def description(self) -> str:
        """One sentence for External-Description and dc:description."""
        text = f"TEI XML digital edition of {self.title}"
        book = self.print or {}
        if book.get("publisher") and book.get("issued"):
            year = book["issued"]["date-parts"][0][0]
            text += f" ({book.get('publisher-place', '')}: {book['publisher']}, {year})".replace(" (: ", " (")
        return text + "."


def _edition_date(tree: etree._ElementTree, file: str) -> str:
    date = first(tei_header(tree), "tei:fileDesc/tei:publicationStmt/tei:date[1]")
    when = (date.get("when") or "").strip() if date is not None else ""
    if _ISO_DATE.match(when):
        return when
    written = _ISO_TEXT.match("".join(date.itertext())) if date is not None and not when else None
    if written:
        return written.group(1)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    pub = first(tei_header(tree), "tei:fileDesc/tei:publicationStmt")
    # a collection's header is teikit's (collection.py): its date is its members' latest
    made = tree.getroot().tag == f"{{{TEI_NS}}}teiCorpus" and first(
        tei_header(tree), "tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'teikit']") is not None
    bounds = [date.get(a) for a in ("notBefore", "notAfter", "from", "to")] if date is not None else []
    if any(bounds):
        # an interval is a citation's date (a range), not the one day a deposit is dated by
        raise MetadataError(
            "the edition's date is an interval (@notBefore/@notAfter or @from/@to): a reproducible"
            " deposit needs the day it was published, publicationStmt/date/@when",
            file=file, line=date.sourceline if date is not None else None,
            hint='add when="YYYY-MM-DD" to that date (or set SOURCE_DATE_EPOCH)')
    raise MetadataError(
        "the edition has no date: a reproducible deposit needs publicationStmt/date/@when",
        file=file,
        line=(date if date is not None else pub if pub is not None else tree.getroot()).sourceline,
        hint=("no document of the collection gives one: add <date when=\"YYYY-MM-DD\">…</date> to "
              "their publicationStmt (the collection takes the latest), or set SOURCE_DATE_EPOCH" if made
              else 'add <date when="YYYY-MM-DD">…</date> to publicationStmt (or set SOURCE_DATE_EPOCH)'),
    )


def deposit_metadata(tree: etree._ElementTree) -> DepositMetadata:
    """Read and check what a deposit needs; raises MetadataError naming what is missing."""
    file = tree.docinfo.URL or "<edition>"
    records = citation_records(tree)  # raises when there is no title
    identifier = edition_identifier(tree)
    if not identifier:
        pub = first(tei_header(tree), "tei:fileDesc/tei:publicationStmt")
        raise MetadataError(
            "the edition has no identifier: a deposit needs publicationStmt/idno",
            file=file,
            line=(pub if pub is not None else tree.getroot()).sourceline,
            hint='add <idno type="teikit">your-edition-id</idno> (or type="DOI"/"URI") to publicationStmt',
        )
    monogr = first(tei_header(tree), "tei:fileDesc/tei:sourceDesc//tei:biblStruct[1]/tei:monogr[1]")
    divisions = [dict(item, **{"xml:id": key}) for key, item in records.items()
                 if key not in ("edition", "print")]
    original = first(tei_header(tree), "tei:fileDesc/tei:sourceDesc//tei:relatedItem[@type='original' or "
                     "@type='translationOf']//tei:title[@xml:lang][1] | tei:fileDesc/tei:sourceDesc//"
                     "tei:title[@type='original' or @type='uniform'][@xml:lang][1]")
    return DepositMetadata(
        original_lang=original.get("{http://www.w3.org/XML/1998/namespace}lang", "") if original is not None
        else "",
        title=records["edition"]["title"],
        identifier=identifier,
        date=_edition_date(tree, file),
        edition=records["edition"],
        print=records.get("print"),
        print_ids=idnos(monogr),
        divisions=divisions,
    )
