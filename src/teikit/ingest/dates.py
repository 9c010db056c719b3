"""Ingest pass ``dates``: tag the dates of the text and notes as ``date`` with ISO values.

Runs over the front matter, the body, the appendix tables and the notes; not over the
header, the bibliography (its imprints are dated by the bibliography pass) or the index
(its numbers are page locators). The span of years is the edition's (``[dates] years``). Recognition is in
:mod:`teikit.ingest.dates_parse`; wrapping uses the shared
:func:`teikit.ingest.inline.wrap_matches`, which never splits existing markup.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from teikit.ingest.context import IngestContext
from teikit.ingest.dates_parse import DEFAULT_YEARS, find_dates
from teikit.ingest.inline import wrap_matches
from teikit.xmlio import TEI_NS

T = f"{{{TEI_NS}}}"
# Text inside these is never a date to tag: markers and links (note numbers, locators),
# page breaks, dates already tagged, names, the sic half of a repair, identifiers, numbers.
SKIP = tuple(T + tag for tag in ("ref", "ptr", "pb", "date", "persName", "sic", "idno", "num", "measure"))
# Where dates are looked for (XPath from the TEI root).
SCOPE = ("tei:text/tei:front", "tei:text/tei:body",
         "tei:text/tei:back/tei:div[@type='notes' or @type='appendix']")



def _make_date(_text: str, attrs: Any) -> etree._Element:
    return etree.Element(T + "date", {k: attrs[k] for k in ("when", "from", "to") if k in attrs})


def tag_dates(root: etree._Element, years: tuple[int, int] = DEFAULT_YEARS) -> int:
    """Wrap every date found under ``root`` (years in ``years``); return how many were tagged."""
    return wrap_matches(root, lambda text: find_dates(text, years), _make_date, skip=SKIP)


def run(ctx: IngestContext) -> None:
    """Tag dates in the scoped parts of the edition."""
    if ctx.tree is None:
        return
    for path in SCOPE:
        for part in ctx.root.xpath(path, namespaces={"tei": TEI_NS}):
            tag_dates(part, ctx.book.years)
