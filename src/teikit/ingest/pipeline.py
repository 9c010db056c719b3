"""The ingest pipeline: run the passes in order and write the edition atomically.

Order matters: ``structure`` builds text, pages, notes and markers; ``pages`` infers the
page breaks missing from the source, before ``index`` so that index locators to those
pages (and "245 n11" for a note on a missing page) resolve; ``header``,
``bibliography`` and ``index`` fill their parts; ``pages`` runs once more, because the
bibliography and index passes add the page breaks of their own regions and the gaps
among those can only be seen then (the pass is idempotent); the inline passes
(``dates``, ``persons``) run over the finished text; last, ``page_evidence`` moves inferred
page breaks of the front and body to where the printed index says the people named are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Severity
from teikit.errors import InputError
from teikit.ingest import (
    bibliography,
    biographies,
    dates,
    header,
    index,
    page_evidence,
    pages,
    persons,
    structure,
)
from teikit.ingest.book import CHAPTER_TYPES, PART_TYPES
from teikit.ingest.context import IngestContext, SourceText

PASSES = (structure, pages, header, bibliography, index, pages, dates, persons, page_evidence, biographies)
T = f"{{{xmlio.TEI_NS}}}"


def read_source(path: Path) -> SourceText:
    """Read the plain-text source; unreadable or non-UTF-8 input is an InputError."""
    data = xmlio.read_bytes(path)
    if b"\x00" in data[:8192]:
        raise InputError("binary file: expected the plain-text e-book extraction", file=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", file=path, line=line,
                         hint="convert the source to UTF-8") from exc
    lines = text.splitlines()
    for number, text_line in enumerate(lines, 1):
        bad = _NOT_XML.search(text_line)
        if bad:
            # XML cannot hold it: caught here, with the line, rather than by the serializer
            raise InputError(f"the character U+{ord(bad.group()):04X} (a control character) cannot be "
                             "stored in XML", file=path, line=number, column=bad.start() + 1,
                             hint="remove it from the source (an e-book extraction's stray control "
                                  "characters carry no text)")
    return SourceText(path=path, lines=lines)


# Characters XML 1.0 cannot hold that survive splitlines() (which takes \v, \f, \x1c-\x1e, \x85
# and U+2028/9 for line breaks): the other C0 controls and the non-characters U+FFFE, U+FFFF.
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\ufffe\uffff]")


def run(source_path: Path, editorial_dir: Path) -> IngestContext:
    """Run every pass over the source; the finished tree is ``ctx.tree``."""
    ctx = IngestContext(source=read_source(source_path), editorial_dir=editorial_dir)
    _run_passes(ctx, editorial_dir)
    if ctx.tree is not None:
        drop_empty_registers(ctx.root)
        report_duplicate_ids(ctx)
    return ctx


def drop_empty_registers(root: etree._Element) -> None:
    """Remove the standOff lists nothing filled (a book with no index names no person): TEI
    requires a list to hold an entry, and the standOff a list."""
    stand_off = root.find(T + "standOff")
    if stand_off is None:
        return
    for lst in list(stand_off):
        if isinstance(lst.tag, str) and lst.tag.startswith(T + "list") and len(lst) == 0:
            stand_off.remove(lst)
    if len(stand_off) == 0:
        root.remove(stand_off)


def duplicate_ids(root: etree._Element) -> dict[str, list[etree._Element]]:
    """Every ``xml:id`` that more than one element of the document carries (header, text,
    standOff: any element), with those elements in document order."""
    seen: dict[str, list[etree._Element]] = {}
    for el in root.iter():
        xml_id = el.get(xmlio.XML_ID) if isinstance(el.tag, str) else None
        if xml_id:
            seen.setdefault(xml_id, []).append(el)
    return {xml_id: els for xml_id, els in seen.items() if len(els) > 1}


def report_duplicate_ids(ctx: IngestContext) -> None:
    """An ID given twice makes the edition invalid XML (and two targets for one pointer):
    an error, so nothing is written."""
    for xml_id, els in duplicate_ids(ctx.root).items():
        what = ", ".join(etree.QName(el).localname for el in els)
        ctx.report(Severity.ERROR, "ingest.duplicate-id",
                   f"the xml:id {xml_id!r} is given to {len(els)} elements ({what})",
                   hint="two entries of the editorial data (persons.toml, book.toml, corrections) or of the "
                        "source produce the same ID: rename one in the editorial data")


def _run_passes(ctx: IngestContext, editorial_dir: Path) -> None:
    for step in PASSES:
        try:
            step.run(ctx)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            # The editorial data drives every pass: a value of the wrong type or shape there
            # (a number where a list is due, a missing key) surfaces here. Name the pass and
            # the data, not a Python stack.
            name = getattr(step, "__name__", type(step).__name__).rsplit(".", 1)[-1]
            raise InputError(
                f"the {name} pass cannot use the editorial data: {type(exc).__name__}: {exc}",
                file=editorial_dir,
                hint="a value in the editorial files has the wrong type or shape; compare it with "
                     "docs/encoding.md (run with -v for the details)",
            ) from exc


def serialize(ctx: IngestContext) -> bytes:
    """The bytes of the edition (deterministic: same input, same bytes), one block per line."""
    xmlio.indent_blocks(ctx.root)
    return xmlio.serialize(ctx.tree)


def write(ctx: IngestContext, output: Path) -> None:
    """Write the edition atomically: a failed run never leaves a half-written file."""
    xmlio.atomic_write_bytes(output, serialize(ctx))


def summary(ctx: IngestContext) -> dict[str, Any]:
    """Counts that say what the ingest produced (printed by ``teikit ingest``)."""
    root = ctx.root
    notes = [n for n in root.iter(T + "note") if n.get("type") == "endnote"]
    markers = [r for r in root.iter(T + "ref") if r.get("type") == "noteref"]
    pbs = list(root.iter(T + "pb"))
    duplicates = duplicate_ids(root)
    return {
        # a play's scenes are its chapters; parts hold them ([parts] of book.toml)
        "chapters": sum(1 for d in root.iter(T + "div") if d.get("type") in CHAPTER_TYPES),
        "parts": sum(1 for d in root.iter(T + "div") if d.get("type") in PART_TYPES),
        "notes": len(notes),
        "notes_linked": sum(1 for n in notes if n.get("target")),
        "markers": len(markers),
        "pages": len(pbs),
        "pages_inferred": sum(1 for p in pbs if p.get("type") == "inferred"),
        "persons": sum(1 for _ in root.iter(T + "person")),
        "person_mentions": sum(1 for p in root.iter(T + "persName") if p.get("ref")),
        "dates": sum(1 for _ in root.find(T + "text").iter(T + "date")),
        # elements whose xml:id an earlier element already has, and those IDs
        "duplicate_ids": sum(len(els) - 1 for els in duplicates.values()),
        "duplicate_id_values": sorted(duplicates),
        "diagnostics": len(ctx.diagnostics),
    }
