"""Ingest pass `structure`: the TEI skeleton, the text, pages, notes and markers.

It finds the source's regions (:mod:`teikit.ingest.source`), builds ``TEI`` with an
empty ``teiHeader`` (the header pass fills it), the ``standOff`` lists (the persons pass
fills them) and ``text``: the title pages, the contents list, the front and body
divisions (paragraphs mended by :mod:`teikit.ingest.flow`), and the back-matter regions:
tables, the notes (:mod:`teikit.ingest.notes`), and empty bibliography and index
divisions that their passes fill. The divisions to expect come from the printed contents
list, read with the edition's ``book.toml`` (:mod:`teikit.ingest.book`): which headings
name which division, how chapters are listed and labelled, what the back matter holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Severity
from teikit.errors import SourceFormatError
from teikit.ingest import corrections as corrections_file
from teikit.ingest import notes
from teikit.ingest.book import Book, number
from teikit.ingest.context import IngestContext
from teikit.ingest.flow import Flow, Hyphenation, pb_element
from teikit.ingest.source import Block, blocks, find_regions, region_name
from teikit.ingest.typography import RESP, Repairs, convert

__all__ = ["run"]

T = notes.T
# A title-page block this long, alone on its page, is a caption (the frontispiece's).
CAPTION_MIN = 80
# Plates between pages: captions after at least two blank lines (gap of 3 line numbers),
# lines no longer than this.
CAPTION_GAP = 3
CAPTION_MAX = 120


@dataclass(frozen=True)
class Division:
    type: str
    id: str
    heading: str  # as printed in the contents list (the title for chapters)
    n: int | None = None
    part: str | None = None  # "front" or "body"; None: back matter (encoded by its region)
    headings: tuple[str, ...] = ()  # every printed form of the heading (text, notes)


class Builder:
    """Builds the tree into ``ctx``; one instance per run."""

    def __init__(self, ctx: IngestContext) -> None:
        self.ctx = ctx
        self.book: Book = ctx.book
        self.corrections = corrections_file.load(ctx.editorial_dir)
        self.hyphenation = Hyphenation(ctx.source.lines, self.book.keep_hyphen, self.book.join_hyphen)
        self.applied: set[int] = set()
        self.year_ranges = 0

    def flow(self, *, markers: bool = True) -> Flow:
        return Flow(self.corrections, self.hyphenation, markers=markers, on_repairs=self._count,
                    years=self.book.years)

    def _count(self, repairs: Repairs) -> None:
        self.applied.update(c.row for c in repairs.applied)
        self.year_ranges += repairs.year_ranges

    def convert(self, block: Block, tag: str) -> etree._Element:
        el, repairs = convert(block.text, self.corrections.get(block.index + 1, []), tag=tag,
                              years=self.book.years)
        self._count(repairs)
        return el

    # -- the skeleton -------------------------------------------------------------------
    def skeleton(self) -> dict[str, etree._Element]:
        root = etree.Element(T("TEI"), nsmap={None: xmlio.TEI_NS})
        root.set(f"{{{xmlio.XML_NS}}}lang", "en")
        etree.SubElement(root, T("teiHeader"))
        stand_off = etree.SubElement(root, T("standOff"))
        for tag, xml_id in (("listPerson", "persons"), ("listOrg", "organizations"),
                            ("listPlace", "places"), ("listEvent", "events")):
            etree.SubElement(stand_off, T(tag)).set(xmlio.XML_ID, xml_id)
        text = etree.SubElement(root, T("text"))
        self.ctx.tree = root.getroottree()
        return {part: etree.SubElement(text, T(part)) for part in ("front", "body", "back")}

    def div(self, parent: etree._Element, type_: str, xml_id: str, n: int | None = None) -> etree._Element:
        el = etree.SubElement(parent, T("div"), type=type_)
        if n is not None:
            el.set("n", str(n))
        el.set(xmlio.XML_ID, xml_id)
        return el

    # -- front --------------------------------------------------------------------------
    def titlepage(self, front: etree._Element, region: list[Block]) -> None:
        div = self.div(front, "titlepage", "titlepage")
        pages: list[list[Block]] = []
        for block in region:
            if block.page is not None:
                pages.append([block])
            elif pages:
                pages[-1].append(block)
            else:
                raise SourceFormatError("text before the first page marker", file=self.ctx.source.path,
                                        line=block.index + 1)
        for page in pages:
            div.append(pb_element(page[0].page or ""))
            texts = page[1:]
            if len(texts) == 1 and len(texts[0].text) >= CAPTION_MIN:
                figure = etree.SubElement(div, T("figure"), type="frontispiece")
                figure.append(self.convert(texts[0], "head"))
                continue
            self._line_groups(div, texts)

    def _line_groups(self, div: etree._Element, texts: list[Block]) -> None:
        """Lines not separated by a blank line are one ``p`` with ``lb`` between them."""
        p: etree._Element | None = None
        prev = -2
        for block in texts:
            line = self.convert(block, "p")
            if p is None or block.index != prev + 1:
                p = line
                div.append(p)
            else:
                etree.SubElement(p, T("lb"))
                p[-1].tail = line.text
                for child in list(line):
                    p.append(child)
            prev = block.index

    def contents(self, front: etree._Element, region: list[Block]) -> list[Division]:
        """The contents division; return the divisions it lists, in order."""
        div = self.div(front, "contents", "contents")
        head, *items = [b for b in region if b.page is None]
        div.append(self.convert(head, "head"))
        lst = etree.SubElement(div, T("list"))
        listed = []
        for block in items:
            division = _division(block.text, self.book)
            if division is None:
                self.ctx.report(Severity.WARNING, "ingest.contents-unknown",
                                f"contents entry {block.text!r} names no known division", block.index)
                etree.SubElement(lst, T("item")).append(self.convert(block, "ref"))
                continue
            listed.append(division)
            ref = self.convert(block, "ref")
            ref.set("target", f"#{division.id}")
            etree.SubElement(lst, T("item")).append(ref)
        return listed

    # -- front and body divisions ------------------------------------------------------
    def text_divisions(self, parts: dict[str, etree._Element], region: list[Block],
                       expected: list[Division]) -> None:
        queue = [d for d in expected if d.part is not None]
        flow = self.flow()
        i = 0
        while i < len(region):
            block = region[i]
            if block.page is not None:
                flow.page(block)
                i += 1
                continue
            step = _opens(region, i, queue[0], self.book) if queue else 0
            if step:
                i = self._open(parts, region, i, step, queue.pop(0), flow)
                continue
            group = caption_group(region, i)
            if group:
                flow.figure(region[i:i + group])
                i += group
                continue
            if flow.container is None:  # (no division left to open: the contents list is used up)
                where = f" ({queue[0].heading!r})" if queue else ""
                raise SourceFormatError(f"text before the first division{where}",
                                        file=self.ctx.source.path, line=block.index + 1)
            flow.text(block)
            i += 1
        flow.close()
        if queue:
            raise SourceFormatError(
                f"division {queue[0].heading!r} of the contents list not found in the text",
                file=self.ctx.source.path, line=region[-1].index + 1 if region else 1,
                hint="its heading must be a line of its own (chapters: the label line, as [chapters] "
                     "label in book.toml says, then the title)")

    def _open(self, parts: dict[str, etree._Element], region: list[Block], i: int, step: int,
              division: Division, flow: Flow) -> int:
        parent = parts[division.part or "body"]
        div = self.div(parent, division.type, division.id, division.n)
        flow.start(div)
        if division.n is not None and self.book.chapters.label:
            label = etree.SubElement(div, T("head"), type="label")
            if step == 2:
                label.text = region[i].text
            else:
                supplied = etree.SubElement(label, T("supplied"), reason="omitted-in-source", resp=RESP)
                supplied.text = self.book.chapters.label_of(division.n)
                self.ctx.report(Severity.INFO, "ingest.label-supplied",
                                f"chapter {division.n} has no number in the source; supplied",
                                region[i].index)
        div.append(self.convert(region[i + step - 1], "head"))
        i += step
        if division.n is not None and self.book.chapters.argument and i < len(region) \
                and region[i].page is None:
            etree.SubElement(div, T("argument")).append(self.convert(region[i], "p"))
            i += 1
        return i

    # -- back ---------------------------------------------------------------------------
    def table(self, div: etree._Element, region: list[Block]) -> None:
        """A back-matter table: lines with tabs are rows (the first the label row), others heads or p."""
        table: etree._Element | None = None
        for block in region:
            raw = self.ctx.source.lines[block.index].rstrip("\r\n")
            if block.page is not None:
                div.append(pb_element(block.page))
            elif "\t" not in raw:
                div.append(self.convert(block, "head" if div.find(T("head")) is None else "p"))
            else:
                if table is None:
                    table = etree.SubElement(div, T("table"))
                row = etree.SubElement(table, T("row"))
                if len(table) == 1:
                    row.set("role", "label")
                for cell in raw.split("\t"):
                    row.append(self.convert(Block(block.index, cell.strip()), "cell"))

    def build(self) -> None:
        source, book = self.ctx.source, self.book
        regions = self.ctx.regions = find_regions(source, book)
        parts = self.skeleton()
        front = blocks(source, *regions["front"], book)
        contents_at = next(k for k, b in enumerate(front) if b.text == book.contents_heading)
        contents_end = next((k for k in range(contents_at, len(front)) if front[k].page is not None),
                            len(front))
        self.titlepage(parts["front"], front[:contents_at])
        expected = self.contents(parts["front"], front[contents_at:contents_end])
        self.text_divisions(parts, front[contents_end:] + blocks(source, *regions["body"], book), expected)
        for spec in book.back:
            div = self.div(parts["back"], spec.type, spec.id)
            region = blocks(source, *regions[region_name(spec.kind, spec.id)], book)
            if spec.kind == "table":
                self.table(div, region)
            elif spec.kind == "notes":
                notes.build(self.ctx, div, region, self.flow(markers=False))
            # bibliography and index: their passes fill the empty division
            if spec.kind == "index":  # the index pass applies (and reports) its own rows
                first, last = regions[region_name(spec.kind, spec.id)][:2]
                self.applied.update(c.row for line, rows in self.corrections.items()
                                    if first < line <= last for c in rows)
        self._report_unused()
        self._report_hyphens()

    def _report_hyphens(self) -> None:
        for word, guess, line in self.hyphenation.undecided:
            joined = word if guess else word.replace("-", "", 1)
            self.ctx.report(Severity.INFO, "ingest.hyphen-undecided",
                            f"{word!r} at a line end: neither form occurs elsewhere; read as {joined!r}",
                            line, hint="settle it in book.toml: [hyphenation] keep (a compound) or join "
                                       "(one word)")

    def _report_unused(self) -> None:
        for line, rows in sorted(self.corrections.items()):
            for c in rows:
                if c.row not in self.applied:
                    self.ctx.report(Severity.WARNING, "ingest.correction-unused",
                                    f"correction row {c.row}: {c.found!r} not found on line {line}",
                                    line - 1, hint="fix the line number or the text in corrections.tsv")


def caption_group(region: list[Block], i: int) -> int:
    """How many blocks from ``i`` form the caption of a plate (0: none).

    Plates sit between pages; their captions are set off by two or more blank lines and,
    unlike prose (one blank line between lines), run over lines with no blank between
    them. A group ends at a page marker or at the next wide gap.
    """
    if i == 0 or region[i].index - region[i - 1].index < CAPTION_GAP:
        return 0
    j = i
    adjacent = False
    while j < len(region) and region[j].page is None and len(region[j].text) <= CAPTION_MAX:
        if j > i:
            gap = region[j].index - region[j - 1].index
            if gap >= CAPTION_GAP:
                break
            adjacent = adjacent or gap == 1
        j += 1
    end_ok = j == len(region) or region[j].page is not None or \
        region[j].index - region[j - 1].index >= CAPTION_GAP
    return j - i if adjacent and end_ok else 0


def _division(text: str, book: Book) -> Division | None:
    """The division an entry of the contents list names (chapters, divisions, back matter)."""
    m = book.chapters.contents.fullmatch(text)
    n = number(m.group("n")) if m else None
    if m and n is not None:
        title = m.group("title")
        return Division("chapter", book.chapters.id_of(n), title, n, "body", (title,))
    spec = book.division(text)
    if spec is not None:
        return Division(spec.type, spec.id, text, None, spec.part, spec.headings)
    back = book.back_heading(text)
    if back is not None:
        return Division(back.type, back.id, text)
    return None


def _opens(region: list[Block], i: int, division: Division, book: Book) -> int:
    """How many blocks open ``division`` at ``i``: 2 (label + title), 1 (title), or 0."""
    text = region[i].text
    if division.n is None:
        return 1 if any(_same(text, h) for h in (division.heading, *division.headings)) else 0
    nxt = region[i + 1].text if i + 1 < len(region) else ""
    label = book.chapters.label_of(division.n) if book.chapters.label else None
    if label is not None and text == label and _same(nxt, division.heading):
        return 2
    return 1 if _same(text, division.heading) else 0


def _same(heading: str, listed: str) -> bool:
    """Whether a heading in the text is the one in the contents (which drops final stops)."""
    return heading.rstrip(". ") == listed.rstrip(". ")


def run(ctx: IngestContext) -> None:
    """Build the tree and link the notes (see the module docstring)."""
    builder = Builder(ctx)
    builder.build()
    notes.link(ctx)
