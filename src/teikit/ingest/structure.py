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

import re
from collections import Counter
from dataclasses import dataclass, replace

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Severity
from teikit.errors import SourceFormatError
from teikit.ingest import corrections as corrections_file
from teikit.ingest import notes
from teikit.ingest.book import Book, number
from teikit.ingest.context import IngestContext
from teikit.ingest.entries import EntriesReader
from teikit.ingest.flow import Flow, Hyphenation, pb_element
from teikit.ingest.source import Block, blocks, find_regions, region_name
from teikit.ingest.typography import RESP, SUP_RE, Repairs, append_content, append_text, convert

__all__ = ["run"]

T = notes.T
# A title-page block this long, alone on its page, is a caption (the frontispiece's).
CAPTION_MIN = 80
# Plates between pages: captions after at least two blank lines (gap of 3 line numbers),
# lines no longer than this.
CAPTION_GAP = 3
CAPTION_MAX = 120
_WORDS = re.compile(r"\w+")
# An illustration's bracket is looked for over at most this many adjacent lines.
FIGURE_LINES = 8


@dataclass(frozen=True)
class Division:
    type: str
    id: str
    heading: str  # as printed in the contents list (the title for chapters)
    n: int | None = None
    part: str | None = None  # "front" or "body"; None: back matter (encoded by its region)
    headings: tuple[str, ...] = ()  # every printed form of the heading (text, notes)
    holds: bool = False  # a part ([parts]): the chapters after it are its children
    level: int = 0  # a part's level ([[parts]], 0 the outermost)
    part_n: int | None = None  # a part's number as its heading prints it (None: counted)


def _in_part(division: Division, part: Division | None) -> Division:
    """A chapter inside a part: its ID is the part's and its own ("book2-ch01"), so that
    chapters numbered afresh in each part stay apart."""
    if part is None or division.n is None:
        return division
    return replace(division, id=f"{part.id}-{division.id}")


def _part(text: str, book: Book, found: list[Division]) -> Division | None:
    """The part a heading line opens ([parts] heading, the outermost level first), numbered
    by its group n or by the count of the parts of its level in ``found`` (those before it)."""
    for level, spec in enumerate(book.parts):
        m = spec.heading.fullmatch(" ".join(text.split()))
        if m is None:
            continue
        count = sum(1 for d in found if d.holds and d.level == level) + 1
        n = spec.number(m, count)
        printed = spec.number(m, 0) or None
        return Division(spec.type, spec.id_of(n), text, None, "body", (text,), holds=True, level=level,
                        part_n=printed)
    return None


def _inside(stack: list[Division], part: Division) -> list[Division]:
    """The parts open once ``part`` opens: those of the levels outside it, then it."""
    return [d for d in stack if d.level < part.level] + [part]


class Builder:
    """Builds the tree into ``ctx``; one instance per run."""

    def __init__(self, ctx: IngestContext) -> None:
        self.ctx = ctx
        self.book: Book = ctx.book
        self.corrections = corrections_file.load(ctx.editorial_dir)
        self.hyphenation = Hyphenation(ctx.source.lines, self.book.keep_hyphen, self.book.join_hyphen,
                                       always_keep=self.book.line_end_hyphen == "keep")
        self.applied: set[int] = set()
        self.year_ranges = 0
        # notes printed in the text ([notes] start): the open note, the division it annotates,
        # whether its closing mark was read, and the notes sections gathered per division
        self.note: etree._Element | None = None
        self.note_home: etree._Element | None = None
        self.note_closed = False
        self.note_sections: dict[str, etree._Element] = {}
        # words of the source read as notation, not text ("Footnote" in "[Footnote 3: ...",
        # "Illustration"), by what they mark: reported once
        self.notation: dict[str, Counter[str]] = {}
        # the parts ([parts]) open, outermost first, with their levels: the innermost holds
        # the chapters being read, a part of a deeper level goes into the one above it
        self.open_parts: list[tuple[int, etree._Element]] = []
        # the printed heading over the notes printed together ([notes] heading)
        self.notes_head: Block | None = None
        # a play ([speeches]): the speech being read, which lines after a blank line continue
        self.speech: etree._Element | None = None

    def flow(self, *, markers: bool = True) -> Flow:
        return Flow(self.corrections, self.hyphenation, markers=markers, on_repairs=self._count,
                    years=self.book.years, style=self.book.style, wrapped=self.book.wrapped,
                    indent=self.book.indent)

    def _count(self, repairs: Repairs) -> None:
        self.applied.update(c.row for c in repairs.applied)
        self.year_ranges += repairs.year_ranges

    def convert(self, block: Block, tag: str) -> etree._Element:
        el, repairs = convert(block.text, self.corrections.get(block.index + 1, []), tag=tag,
                              years=self.book.years, style=self.book.style)
        self._count(repairs)
        return el

    def convert_plain(self, block: Block, tag: str) -> etree._Element:
        """A line with no note markers read in it (an index term: "[20]" is a page there)."""
        el, repairs = convert(block.text, self.corrections.get(block.index + 1, []), tag=tag, markers=False,
                              years=self.book.years, style=self.book.style)
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
            elif not self.book.paged:  # no printed pages: the title pages are one run of lines
                pages.append([Block(block.index, "", None), block])
            else:
                raise SourceFormatError("text before the first page marker", file=self.ctx.source.path,
                                        line=block.index + 1)
        for page in pages:
            if page[0].page is not None:
                div.append(pb_element(page[0].page))
            texts = page[1:]
            if len(texts) == 1 and len(texts[0].text) >= CAPTION_MIN:
                figure = etree.SubElement(div, T("figure"), type="frontispiece")
                figure.append(self.convert(texts[0], "head"))
                continue
            self._line_groups(div, texts)

    def _line_groups(self, div: etree._Element, texts: list[Block]) -> None:
        """Lines not separated by a blank line are one ``p`` with ``lb`` between them (a
        hard-wrapped source: one paragraph whose lines run on, as in the text)."""
        if self.book.wrapped:
            flow = self.flow(markers=False)
            flow.start(div)
            for block in texts:
                flow.text(block)
            flow.close()
            return
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
        listed: list[Division] = []
        prev = -2
        open_parts: list[Division] = []
        for block in items:
            division = _part(block.text, self.book, listed)
            if division is not None:
                open_parts = _inside(open_parts, division)
            else:
                division = _division(block.text, self.book)
                if division is not None and division.n is None:
                    open_parts = []  # a division of its own, not a chapter of the parts above
                division = _in_part(division, open_parts[-1] if open_parts else None) \
                    if division is not None else None
            if division is None and self.book.wrapped and block.index == prev + 1 and len(lst):
                # a hard-wrapped entry runs on ("III. VARIOUS INSTRUMENTS: FLUTE, ORGAN, GUITAR"
                # / "(AND SOME HUMMERS) 36"): the line joins the entry above
                item = lst[-1]
                joined = Block(block.index, f"{item.get('_text', '')} {block.text}")
                prev = block.index
                again = _division(joined.text, self.book)
                again = _in_part(again, open_parts[-1] if open_parts else None) \
                    if again is not None else None
                target = item[0].get("target")
                if again is not None and target is None:
                    listed.append(again)
                    target = f"#{again.id}"
                elif again is not None and listed and listed[-1].id == again.id:
                    listed[-1] = again  # the whole title, for the heading in the text
                item.set("_text", joined.text)
                etree.SubElement(item[0], T("lb"))
                append_content(item[0], self.convert(block, "ref"))
                if target:
                    item[0].set("target", target)
                continue
            prev = block.index
            if division is None:
                item = etree.SubElement(lst, T("item"), _text=block.text, _line=str(block.index))
                item.append(self.convert(block, "ref"))
                continue
            listed.append(division)
            ref = self.convert(block, "ref")
            ref.set("target", f"#{division.id}")
            etree.SubElement(lst, T("item"), _text=block.text).append(ref)
        for item in lst:
            if "_line" in item.attrib:  # an entry that, run on or not, names no division
                if item[0].get("target") is None:
                    self.ctx.report(Severity.WARNING, "ingest.contents-unknown",
                                    f"contents entry {item.get('_text')!r} names no known division",
                                    int(item.get("_line", "0")))
                del item.attrib["_line"]
            del item.attrib["_text"]
        return listed

    # -- front and body divisions ------------------------------------------------------
    def text_divisions(self, parts: dict[str, etree._Element], region: list[Block],
                       expected: list[Division], listed: bool = True) -> None:
        queue = [d for d in expected if d.part is not None]
        if not listed:  # found in the text already (discover), unlisted ones with the rest
            self._text_divisions(parts, region, queue)
            return
        # divisions the contents list omits ([[division]] listed = false): a front one is
        # looked for before the listed ones, a body one after them, in book.toml's order
        unlisted = [Division(d.type, d.id, d.headings[0], None, d.part, d.headings)
                    for d in self.book.divisions if not d.listed and not d.before_contents]
        queue = [d for d in unlisted if d.part == "front"] + queue + [d for d in unlisted if d.part == "body"]
        self._text_divisions(parts, region, queue)

    def _text_divisions(self, parts: dict[str, etree._Element], region: list[Block],
                        queue: list[Division]) -> None:
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
            if self._notes_heading(flow, block):
                i += 1
                continue
            if self.book.note_start is not None and self._printed_note(flow, block):
                i += 1
                continue
            if self.book.speeches is not None and flow.container is not None:
                taken = self._speech(flow, region, i)
                if taken:
                    i += taken
                    continue
            figure, lines = self._figure(region, i)
            if figure is not None and flow.container is not None:
                caption = " ".join((figure.groupdict().get("caption") or "").split())
                flow.illustration(Block(block.index, caption) if caption else None)
                self._notation(figure.group(0), caption, "illustration")
                i += lines
                continue
            group = caption_group(region, i) if self.book.paged else 0
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
        if self.note is not None:
            self._end_note(flow)
        flow.close()
        if queue:
            raise SourceFormatError(
                f"division {queue[0].heading!r} of the contents list not found in the text",
                file=self.ctx.source.path, line=region[-1].index + 1 if region else 1,
                hint="its heading must be a line of its own (chapters: the label line, as [chapters] "
                     "label in book.toml says, then the title)")

    def _printed_note(self, flow: Flow, block: Block) -> bool:
        """Read ``block`` as (part of) a note printed in the text, if it is one; True if so.

        A note opens at a line matching ``[notes] start``; it runs on to the next blank line
        or, with ``[notes] close``, to the line ending with that mark (which is dropped, as the
        opening words are: they are the notation of a note). The note goes to the notes
        section of the division it is printed in (the notes division gathers them)."""
        book = self.book
        assert book.note_start is not None
        m = book.note_start.fullmatch(block.text)
        if self.note is not None and not m:
            open_ = not self.note_closed if book.note_close else block.index == flow.last + 1
            if open_:
                self._note_text(flow, block, block.text)
                return True
            self._end_note(flow)
            return False
        if not m or flow.container is None:
            return False
        if self.note is not None:
            self._end_note(flow)
        home = flow.container
        flow.close()
        self.note_home = home
        sid = home.get(xmlio.XML_ID, "")
        section = self.note_sections.get(sid)
        if section is None:
            section = self.note_sections[sid] = etree.Element(T("div"), type="notes-section",
                                                              corresp=f"#{sid}")
            section.set(xmlio.XML_ID, f"notes-{sid}")
        n = m.group("n")
        note = etree.SubElement(section, T("note"), n=n, type="endnote", place="end")
        note.set(xmlio.XML_ID, f"{sid}-n{int(n):02d}" if n.isdigit() else f"{sid}-n{n}")
        self.note, self.note_closed = note, False
        flow.start(note)
        self._note_text(flow, block, m.group("text"))
        self._notation(block.text, m.group("text"), "note")
        return True

    def _notes_heading(self, flow: Flow, block: Block) -> bool:
        """The heading the book prints over its notes ([notes] heading, any case): kept for the
        head of the gathered notes division, not as a paragraph of the division it ends."""
        heading = self.book.note_heading
        if not heading or self.notes_head is not None or flow.container is None \
                or block.text.casefold() != heading.casefold():
            return False
        if self.note is not None:
            self._end_note(flow)
        flow.close()
        self.notes_head = block
        return True

    def _rehome_notes(self) -> None:
        """[notes] scope = "book": the notes are printed together; each joins the notes section
        of the division its (first) marker stands in, and is named after it. A note with no
        marker stays where it was printed (the link pass reports it)."""
        text = self.ctx.root.find(T("text"))
        home: dict[str, str] = {}
        for ref in text.iter(T("ref")):
            div = next((a for a in ref.iterancestors(T("div")) if a.get(xmlio.XML_ID)), None)
            if ref.get("type") == "noteref" and div is not None:
                home.setdefault(ref.get("n", ""), div.get(xmlio.XML_ID, ""))
        order = {d.get(xmlio.XML_ID): k for k, d in enumerate(text.iter(T("div")))}
        notes = [(sid, note) for sid, section in self.note_sections.items() for note in section]
        self.note_sections = {}
        for printed_in, note in notes:
            sid = home.get(note.get("n", ""), printed_in)
            section = self.note_sections.get(sid)
            if section is None:
                section = self.note_sections[sid] = etree.Element(T("div"), type="notes-section",
                                                                  corresp=f"#{sid}")
                section.set(xmlio.XML_ID, f"notes-{sid}")
            n = note.get("n", "")
            note.set(xmlio.XML_ID, f"{sid}-n{int(n):02d}" if n.isdigit() else f"{sid}-n{n}")
            section.append(note)
        self.note_sections = dict(sorted(self.note_sections.items(), key=lambda kv: order.get(kv[0], 0)))

    def _figure(self, region: list[Block], i: int) -> tuple[re.Match[str] | None, int]:
        """The illustration ([figures] pattern) at ``i`` and how many lines it takes: one, or
        several with no blank line between them (a caption wrapped inside its bracket)."""
        if self.book.figure is None:
            return None, 0
        text = region[i].text
        for n in range(1, FIGURE_LINES + 1):
            m = self.book.figure.fullmatch(text)
            if m is not None:
                return m, n
            j = i + n
            if j >= len(region) or region[j].page is not None or region[j].index != region[j - 1].index + 1:
                break
            text += " " + region[j].text
        return None, 0

    def _notation(self, line: str, kept: str, what: str) -> None:
        dropped = Counter(_WORDS.findall(line)) - Counter(_WORDS.findall(kept))
        if dropped:
            self.notation[what] = self.notation.get(what, Counter()) + dropped

    def _report_notation(self) -> None:
        for what, words in sorted(self.notation.items()):
            listed = ", ".join(f"{w!r} x{c}" for w, c in words.most_common(6))
            article = "an" if what[0] in "aeiou" else "a"
            self.ctx.report(Severity.INFO, "ingest.notation",
                            f"{sum(words.values())} words of the source mark {article} {what} and are "
                            f"not its text ({listed})" + ("; a note's number is kept in note/@n"
                                                           if what == "note" else ""),
                            hint="book.toml [notes] start and [figures] pattern say which words are "
                                 "notation: widen their text or caption group to keep more")

    def _note_text(self, flow: Flow, block: Block, text: str) -> None:
        close = self.book.note_close
        if close and text.rstrip().endswith(close):
            text = text.rstrip()[: -len(close)].rstrip()
            self.note_closed = True
        if text:
            flow.text(Block(block.index, text, None, block.indent))

    def _end_note(self, flow: Flow) -> None:
        assert self.note_home is not None
        flow.close()
        flow.container = self.note_home
        self.note = self.note_home = None

    def _open(self, parts: dict[str, etree._Element], region: list[Block], i: int, step: int,
              division: Division, flow: Flow) -> int:
        if self.note is not None:
            self._end_note(flow)
        parent = parts[division.part or "body"]
        if division.holds:  # a part ends where a part of its level or above opens
            self.open_parts = [(lv, el) for lv, el in self.open_parts if lv < division.level]
        elif division.n is None:
            self.open_parts = []  # ... or another division
        if (division.holds or division.n is not None) and self.open_parts:
            parent = self.open_parts[-1][1]  # a chapter, or a part of a deeper level, of the part open
            if flow.container is parent:
                # the part's own text (a note, an epigraph) is written before its first chapter:
                # a div holds its paragraphs before its divisions
                flow.start(parent)
        div = self.div(parent, division.type, division.id, division.n)
        flow.start(div)
        if division.holds:
            return self._open_part(div, region, i, division, flow)
        one_line = self.book.chapters.heading.fullmatch(region[i].text) \
            if division.n is not None and self.book.chapters.heading is not None and step == 1 else None
        if one_line is not None:  # "CHAPTER IV: A MARKET BY THE WAY": label and title, as printed
            label_end, title_start = one_line.end("label"), one_line.start("title")
            etree.SubElement(div, T("head"), type="label").text = one_line.group("label")
            head = self.convert(Block(region[i].index, one_line.group("title")), "head")
            between = region[i].text[label_end:title_start].strip()
            if between:  # the punctuation between them (": ") belongs to the label as printed
                div[-1].text = (div[-1].text or "") + between
            div.append(head)
            i += 1
            while i < len(region) and region[i].page is None and region[i].index == region[i - 1].index + 1:
                # the title wrapped onto the next line, no blank line between ("... with a gate
                # leading to the" / "Palace."): the rest of the heading, in any source
                append_text(head, " ")
                append_content(head, self.convert(region[i], "head"))
                i += 1
            return i
        if division.n is not None and self.book.chapters.label:
            label = etree.SubElement(div, T("head"), type="label")
            if step == 2 and region[i].text == self.book.chapters.label_of(division.n):
                label.text = region[i].text
            elif step == 2:  # the label carries a note marker ("272.[1]")
                append_content(label, self.convert(region[i], "head"))
            else:
                supplied = etree.SubElement(label, T("supplied"), reason="omitted-in-source", resp=RESP)
                supplied.text = self.book.chapters.label_of(division.n)
                self.ctx.report(Severity.INFO, "ingest.label-supplied",
                                f"chapter {division.n} has no number in the source; supplied",
                                region[i].index)
        if division.n is not None and not self.book.chapters.titled and step == 2:
            return i + 1  # the label is the chapter's only heading ("CHAP. II.")
        head = self.convert(region[i + step - 1], "head")
        div.append(head)
        i += step
        while self.book.wrapped and i < len(region) and region[i].page is None \
                and region[i].index == region[i - 1].index + 1:
            # a heading wrapped over lines with no blank between them is one heading
            append_text(head, " ")
            append_content(head, self.convert(region[i], "head"))
            i += 1
        # a heading set over lines with blank lines between them ("VARIOUS INSTRUMENTS" /
        # "FLUTE, ORGAN, GUITAR ..."), read whole when the contents list gives it whole
        listed = _WORDS.findall(division.heading.upper())
        words = _WORDS.findall("".join(head.itertext()).upper())
        while self.book.chapters.opens == "label" and division.n is not None and i < len(region) \
                and region[i].page is None and len(words) < len(listed) and listed[:len(words)] == words:
            more = _WORDS.findall(region[i].text.upper())
            if not more or listed[len(words):len(words) + len(more)] != more:
                break
            etree.SubElement(head, T("lb"))
            append_content(head, self.convert(region[i], "head"))
            words += more
            i += 1
        if division.n is not None and self.book.chapters.argument and i < len(region) \
                and region[i].page is None:
            etree.SubElement(div, T("argument")).append(self.convert(region[i], "p"))
            i += 1
        return i

    def _lines(self, region: list[Block], i: int, pattern: re.Pattern[str]) -> int:
        """How many adjacent lines from ``i``, joined, match ``pattern`` (a stage direction
        wrapped inside its bracket); 0: none."""
        text = region[i].text
        for n in range(1, FIGURE_LINES + 1):
            if pattern.fullmatch(text):
                return n
            j = i + n
            if j >= len(region) or region[j].page is not None or region[j].index != region[j - 1].index + 1:
                return 0
            text += " " + region[j].text
        return 0

    def _joined(self, blocks: list[Block], tag: str) -> etree._Element:
        el = self.convert(blocks[0], tag)
        for block in blocks[1:]:
            append_text(el, " ")
            append_content(el, self.convert(block, tag))
        return el

    def _speech(self, flow: Flow, region: list[Block], i: int) -> int:
        """Read a speech or a stage direction at ``i`` ([speeches] of book.toml); the number
        of blocks taken (0: neither). A speaker's line opens an ``sp`` with its ``speaker``;
        the lines after it, no blank line between, are its lines (``l``, or one ``p`` with
        ``lb``), a stage direction among them a ``stage`` inside it; lines after a blank line
        that open nothing else continue the speech (a verse paragraph). A stage direction
        between speeches is a ``stage`` of the division."""
        spec = self.book.speeches
        assert spec is not None and flow.container is not None
        container = flow.container
        if self.speech is not None and (not len(container) or container[-1] is not self.speech):
            self.speech = None  # something else was written since: the speech is over
        block = region[i]
        stage = self._lines(region, i, spec.stage) if spec.stage is not None else 0
        opens = bool(spec.speaker.fullmatch(block.text))
        if not (stage or opens or self.speech is not None):
            return 0
        flow.close()
        flow.flush_pages()
        if stage and self.speech is None:
            container.append(self._joined(region[i:i + stage], "stage"))
            return stage
        if opens:
            self.speech = etree.SubElement(container, T("sp"))
            self.speech.append(self.convert(block, "speaker"))
            j = i + 1
        else:
            j = i
        speech = self.speech
        assert speech is not None
        prose: etree._Element | None = None
        while j < len(region) and region[j].page is None \
                and (j == i or region[j].index == region[j - 1].index + 1):
            if j > i and spec.speaker.fullmatch(region[j].text):
                break  # the next speaker, with no blank line before
            n = self._lines(region, j, spec.stage) if spec.stage is not None else 0
            if n:
                speech.append(self._joined(region[j:j + n], "stage"))
                prose = None
                j += n
                continue
            if spec.verse:
                speech.append(self.convert(region[j], "l"))
            elif prose is None:
                prose = self.convert(region[j], "p")
                speech.append(prose)
            else:
                etree.SubElement(prose, T("lb"))
                append_content(prose, self.convert(region[j], "p"))
            j += 1
        return j - i

    def _open_part(self, div: etree._Element, region: list[Block], i: int, division: Division,
                   flow: Flow) -> int:
        """A part's heading line (and, with ``[parts] titled``, its title on the next line, as
        a second ``head``); the chapters that follow are appended to ``div``."""
        self.open_parts.append((division.level, div))
        heading = self.convert(region[i], "head")
        div.append(heading)
        i += 1
        if self.book.parts[division.level].titled and i < len(region) and region[i].page is None:
            div.append(self.convert(region[i], "head"))
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

    def text_region(self, div: etree._Element, region: list[Block]) -> None:
        """A back-matter region read as prose: its first line the heading, the rest paragraphs."""
        flow = self.flow(markers=False)
        flow.start(div)
        for block in region:
            if block.page is not None:
                flow.page(block)
            elif div.find(T("head")) is None:
                flow.flush_pages()
                div.append(self.convert(block, "head"))
            else:
                flow.text(block)
        flow.close()

    def outside(self) -> None:
        """Say what of the file is not the book (a distributor's header or licence)."""
        spans = [("before the book's start ([source] start)", 0, self.ctx.regions["front"][0])] \
            if self.book.start is not None else []
        if "outside" in self.ctx.regions:
            spans.append(("after the book's end ([source] end)", *self.ctx.regions["outside"]))
        for where, first, last in spans:
            words = sum(len(line.split()) for line in self.ctx.source.lines[first:last])
            read = "" if first else \
                " (its Title, Author, Translator ... lines are read into the header: [distributor])" \
                if self.book.distributor is not None else \
                " (only the metadata block's 'key : value' lines are read, into the header)"
            self.ctx.report(Severity.INFO, "ingest.outside-book",
                            f"lines {first + 1}-{last}, {where}: {words} words not encoded{read}", first,
                            hint="the distributor's header and licence are not the book; move [source] "
                                 "start or end in book.toml if text of the book is there")

    def build(self) -> None:
        source, book = self.ctx.source, self.book
        regions = self.ctx.regions = find_regions(source, book)
        parts = self.skeleton()
        body = blocks(source, *regions["body"], book)
        if not book.contents_heading:  # no contents list: the divisions as the text prints them
            expected, first = self.discover(body)
            self.titlepage(parts["front"], body[:first])
            self.text_divisions(parts, body[first:], expected, listed=False)
        else:
            self.contents_and_text(parts, blocks(source, *regions["front"], book), body)
        self.back(parts)
        self._report_notation()

    def contents_and_text(self, parts: dict[str, etree._Element], front: list[Block],
                          body: list[Block]) -> None:
        book = self.book
        contents_at = next(k for k, b in enumerate(front) if b.text == book.contents_heading)
        contents_end = next((k for k in range(contents_at, len(front)) if front[k].page is not None),
                            len(front)) if book.paged else len(front)
        # front divisions printed before the contents list (a preface; [[division]]
        # before_contents): the title pages end at the first of them
        unlisted = [Division(d.type, d.id, d.headings[0], None, d.part, d.headings)
                    for d in self.book.divisions if d.before_contents]
        # (in the order printed: the text decides, as book.toml may list them otherwise)
        early: list[tuple[int, Division]] = []
        for k in range(contents_at):
            seen = [e for _, e in early]  # each once, where it is first printed
            early += [(k, d) for d in unlisted if d not in seen and _opens(front, k, d, book)]
        at = early[0][0] if early else contents_at
        self.titlepage(parts["front"], front[:at])
        if early:
            self._text_divisions(parts, front[at:contents_at], [d for _, d in early])
        for d in unlisted:
            if d.id not in {e.id for _, e in early}:
                self.ctx.report(Severity.WARNING, "ingest.division-not-found",
                                f"division {d.id!r} ({d.heading!r}) of book.toml not found before the "
                                "contents list", hint="its heading must be a line of its own, as book.toml "
                                                      "spells it ([[division]] before_contents)")
        expected = self.contents(parts["front"], front[contents_at:contents_end])
        self.text_divisions(parts, front[contents_end:] + body, expected)

    def discover(self, region: list[Block]) -> tuple[list[Division], int]:
        """The divisions of a book with no contents list, in the order the text prints them:
        book.toml's [[division]]s by their headings, chapters by their label lines numbered
        on from 1 (or from the number of a [[division]] that is an unlabelled chapter); and
        the position of the first, where the title pages end."""
        book, first = self.book, len(region)
        found: list[Division] = []
        waiting = list(book.divisions)
        n = 1
        open_parts: list[Division] = []
        kind = book.chapters.type
        for k, block in enumerate(region):
            spec = next((d for d in waiting if any(_same(block.text, h) for h in d.headings)), None)
            opened = _part(block.text, book, found) if spec is None else None
            part = open_parts[-1] if open_parts else None
            if opened is not None:  # a part: its chapters are numbered afresh from 1
                open_parts = _inside(open_parts, opened)
                found.append(opened)
                n = 1
            elif spec is not None:
                open_parts = []
                waiting.remove(spec)
                found.append(Division(spec.type, book.chapters.id_of(spec.n) if spec.n else spec.id,
                                      block.text, spec.n, spec.part, spec.headings))
                n = spec.n + 1 if spec.n else n
            elif _heading_number(block.text, book) == n:  # label and title on one line
                found.append(_in_part(Division(kind, book.chapters.id_of(n), block.text, n, "body"), part))
                n += 1
            elif book.chapters.label and _bare(block.text, book) == book.chapters.label_of(n):
                # its title, if it has one, is the line after the label
                title = region[k + 1].text if book.chapters.titled and k + 1 < len(region) else ""
                found.append(_in_part(Division(kind, book.chapters.id_of(n), title, n, "body"), part))
                n += 1
            else:
                continue
            first = min(first, k)
        for spec in waiting:
            self.ctx.report(Severity.WARNING, "ingest.division-not-found",
                            f"division {spec.id!r} ({spec.headings[0]!r}) of book.toml not found in the text",
                            hint="its heading must be a line of its own, as book.toml spells it")
        return found, first

    def back(self, parts: dict[str, etree._Element]) -> None:
        source, book, regions = self.ctx.source, self.book, self.ctx.regions
        if self.note_sections and book.note_scope == "book":
            self._rehome_notes()
        if self.note_sections:
            gathered = self.div(parts["back"], "notes", "notes")
            if self.notes_head is not None:  # as the book prints it
                gathered.append(self.convert(self.notes_head, "head"))
            else:
                etree.SubElement(gathered, T("head")).text = "Notes"
                gathered[0].set("type", "supplied")
            for section in self.note_sections.values():
                gathered.append(section)
        for spec in book.back:
            div = self.div(parts["back"], spec.type, spec.id)
            region = blocks(source, *regions[region_name(spec.kind, spec.id)], book)
            if spec.kind == "table":
                self.table(div, region)
            elif spec.kind == "notes":
                notes.build(self.ctx, div, region, self.flow(markers=False))
            elif spec.kind == "text":
                self.text_region(div, region)
            elif spec.kind == "entries":
                ids = {el.get(xmlio.XML_ID) for el in self.ctx.root.iter() if el.get(xmlio.XML_ID)}
                EntriesReader(self.ctx, spec, self.convert_plain, ids).read(div, region)
            # bibliography and index: their passes fill the empty division
            if spec.kind == "index":  # the index pass applies (and reports) its own rows
                first, last = regions[region_name(spec.kind, spec.id)][:2]
                self.applied.update(c.row for line, rows in self.corrections.items()
                                    if first < line <= last for c in rows)
        self.outside()
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
    if book.contents_page is not None:
        page = re.compile(f"(?:{book.contents_page.pattern})$").search(text)
        if page:
            text = text[:page.start()]
        # the entry set out in columns: its words compared, not its spacing
        text = " ".join(text.split())
    m = book.chapters.contents.fullmatch(text)
    n = number(m.group("n")) if m else None
    if m and n is not None:
        title = m.group("title")
        return Division(book.chapters.type, book.chapters.id_of(n), title, n, "body", (title,))
    spec = book.division(text)
    if spec is not None:
        return Division(spec.type, spec.id, text, None, spec.part, spec.headings)
    back = book.back_heading(text)
    if back is not None:
        return Division(back.type, back.id, text)
    if book.note_heading and text.casefold() == book.note_heading.casefold():
        return Division("notes", "notes", text)  # the notes printed together, gathered at the back
    return None


def _opens(region: list[Block], i: int, division: Division, book: Book) -> int:
    """How many blocks open ``division`` at ``i``: 2 (label + title), 1 (title), or 0."""
    text = region[i].text
    if division.holds:  # a part: its heading as listed, or one of its level with its number
        again = _part(text, book, [])
        if again is not None and again.level == division.level and division.part_n is not None:
            return 1 if again.part_n == division.part_n else 0
        return 1 if _same(text.casefold(), division.heading.casefold()) else 0  # "Epilogue" / "EPILOGUE"
    if division.n is None:
        return 1 if any(_same(text, h) for h in (division.heading, *division.headings)) else 0
    if _heading_number(text, book) == division.n:
        return 1  # label and title on one line ([chapters] heading)
    nxt = region[i + 1].text if i + 1 < len(region) else ""
    label = book.chapters.label_of(division.n) if book.chapters.label else None
    by_label = book.chapters.opens == "label"  # the next line is the heading, whatever it reads
    if label is not None and _bare(text, book) == label and (by_label or _same(nxt, division.heading)):
        return 2 if nxt or not book.chapters.titled else 0
    # (a chapter known by its label alone has no title to meet: "" would match a line of dots)
    return 1 if division.heading.strip(". ") and _same(text, division.heading) else 0


def _heading_number(text: str, book: Book) -> int | None:
    """The chapter number of a line holding label and title ([chapters] heading), else None."""
    if book.chapters.heading is None:
        return None
    m = book.chapters.heading.fullmatch(_bare(text, book))
    return number(m.group("n")) if m else None


def _bare(text: str, book: Book) -> str:
    """A heading line without the note markers it carries (``272.[1]``, ``7.¹``)."""
    if book.marker is not None:
        text = book.marker.sub("", text)
    return SUP_RE.sub("", text) if book.marker is not None else text


def _same(heading: str, listed: str) -> bool:
    """Whether a heading in the text is the one in the contents (which drops final stops)."""
    return heading.rstrip(". ") == listed.rstrip(". ")


def run(ctx: IngestContext) -> None:
    """Build the tree and link the notes (see the module docstring)."""
    builder = Builder(ctx)
    builder.build()
    notes.link(ctx)
