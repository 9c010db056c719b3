"""Mend paragraphs: turn a run of source blocks into ``p`` elements with ``pb`` inside.

The extraction broke paragraphs at page ends, at lines and around note markers. A block
continues the open paragraph when the paragraph has not ended: an italic span is still
open, or the next block starts in lower case and the paragraph does not end with a full
stop, question or exclamation mark, or its last character is not final punctuation (a
colon, quotation mark, bracket or note marker) and it ends in a lower-case letter, comma,
semicolon or dash. Page markers
met inside a paragraph become ``pb`` inside it; a word hyphenated across the join is
rejoined (see :class:`Hyphenation`). Where two blocks are joined with no page marker
between them, a ``<?teikit-joint?>`` processing instruction marks the join: the
``pages`` pass uses the joins as likely places for the page breaks missing from the
source, and removes the rest.

Lines with no blank line between them were printed together (a list, verse): they stay
one paragraph with ``lb`` between the lines.

Superscript digits at the start of a block, and bare numbers alone on a line, are note
markers the extraction pushed away from the text they follow: they are put back at the
end of the open paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection

from lxml import etree

from teikit import xmlio
from teikit.ingest import typography
from teikit.ingest.corrections import Correction
from teikit.ingest.source import Block

JOINT = "teikit-joint"
_FINAL = set(".?!:\"”’)]'")
_SENTENCE_END = set(".?!")
_SOFT_END = set(",;-–—")
_LEAD_SUP = re.compile(f"([{typography.SUPERSCRIPTS}]+)\\s*")
_BARE_NUMBER = re.compile(r"[0-9]{1,2}")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# the word before a line's closing hyphen; the lookbehind starts the search only at a word's
# start: unanchored, a 20,000-letter line was tried from every letter (quadratic: a line of
# 5 MB held ingest for hours)
_TAIL_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-$")
_HEAD_WORD = re.compile(r"([a-z]+)(.*)", re.S)
_HEAD_NAME = re.compile(r"([A-Z][A-Za-z]*)(.*)", re.S)
_TO_SUP = str.maketrans("0123456789", typography.SUPERSCRIPTS)


def pb_xml(n: str) -> str:
    return f'<pb n="{n}" xml:id="p{n}"/>'


def pb_element(n: str) -> etree._Element:
    el = etree.Element(f"{{{xmlio.TEI_NS}}}pb", n=n)
    el.set(xmlio.XML_ID, f"p{n}")
    return el


class Hyphenation:
    """Decide whether a hyphen at a line end belongs to the word, from the source's own usage.

    The form (joined or hyphenated) that occurs more often elsewhere in the source wins.
    Where neither occurs, the edition's decisions (``keep``: compounds such as
    "then-rudimentary"; ``join``: split words such as "documentation") settle it; a join
    they do not settle is guessed and listed in :attr:`undecided` for the editors.
    """

    def __init__(self, lines: list[str], keep: Collection[str] = (), join: Collection[str] = (),
                 *, always_keep: bool = False) -> None:
        # a distributor's text whose split words were rejoined: a hyphen at a line end is the
        # word's own ("self-/conscious"), never the printer's (book.toml [hyphenation] line_end)
        self.always_keep = always_keep
        self.counts = Counter(w.lower() for line in lines for w in _WORD.findall(line))
        self.decided = {w.lower(): True for w in keep} | {w.lower(): False for w in join}
        self.undecided: list[tuple[str, bool, int | None]] = []  # (stem-rest, guess, line index)

    def keep(self, stem: str, rest: str, line: int | None = None) -> bool:
        if self.always_keep:
            return True
        joined = self.counts[(stem + rest).lower()]
        hyphenated = self.counts[f"{stem}-{rest}".lower()]
        if joined or hyphenated:
            return hyphenated > joined
        if f"{stem}-{rest}".lower() in self.decided:
            return self.decided[f"{stem}-{rest}".lower()]
        if (stem + rest).lower() in self.decided:
            return self.decided[(stem + rest).lower()]
        # Neither form occurs elsewhere: a compound of two words that occur elsewhere
        # ("behind-doors") keeps its hyphen; a split word ("re-moval") does not. The
        # two fragments themselves count once each, hence the 1.
        guess = self.counts[stem.lower()] > 1 and self.counts[rest.lower()] > 1
        self.undecided.append((f"{stem}-{rest}", guess, line))
        return guess


def continues(prev: str, nxt: str, italic_open: bool) -> bool:
    """Whether block ``nxt`` continues the paragraph whose raw text ends with ``prev``."""
    if italic_open:
        return True
    prev = prev.rstrip()
    if not prev or not nxt:
        return False
    last = prev[-1]
    if last in _FINAL or last in typography.SUPERSCRIPTS:
        # After a note marker, colon, quotation mark or bracket a sentence may run on: a
        # piece starting in lower case continues it (a new paragraph never starts so). A
        # full stop, question or exclamation mark ends the paragraph whatever follows.
        return last not in _SENTENCE_END and nxt[0].islower()
    if last.islower() or last in _SOFT_END:
        return True
    return nxt[0].islower()


class Flow:
    """Collects the blocks of one container (a division or a note) into paragraphs."""

    def __init__(self, corrections: dict[int, list[Correction]], hyphenation: Hyphenation,
                 *, markers: bool = True,
                 on_repairs: Callable[[typography.Repairs], None] | None = None,
                 years: tuple[int, int] = typography.DEFAULT_YEARS,
                 style: typography.Style = typography.DEFAULT_STYLE,
                 wrapped: bool = False, indent: int = 2) -> None:
        self.years = years
        self.style = style
        # a hard-wrapped source (book.toml [paragraphs]): see text()
        self.wrapped = wrapped
        self.indent = indent
        self.indented = False  # the last block was set off by indentation
        self.corrections = corrections
        self.hyphenation = hyphenation
        self.markers = markers
        self.on_repairs = on_repairs
        self.container: etree._Element | None = None
        # XML of page breaks and figures met since the last text, waiting for their place:
        # inside the open paragraph if the next text continues it, else between paragraphs.
        self.pending: list[str] = []
        self.last = -2  # line index of the last text block
        self.line: int | None = None  # line index of the block being added
        self._reset()

    def _reset(self) -> None:
        self.buf: list[str] = []
        self.raw = ""  # the paragraph's text as in the source (no holes), for decisions
        self.piece = ""  # the last block's text: an italic it opens runs on into the next
        self.repairs = typography.Repairs(years=self.years, style=self.style)

    # -- containers ---------------------------------------------------------------------
    def start(self, container: etree._Element) -> None:
        """Close the open paragraph; later blocks go to ``container``.

        Pending figures stay at the end of the old container (they were printed before
        the new division's page); pending page breaks open the new one.
        """
        self.close()
        if self.container is not None:
            figures = [x for x in self.pending if x.startswith("<figure")]
            self.pending = [x for x in self.pending if not x.startswith("<figure")]
            self._append_xml(figures)
        self.container = container
        self.flush_pages()

    def flush_pages(self) -> None:
        """Put pending page breaks (and figures) at the current position of the container."""
        self._append_xml(self.pending)
        self.pending = []

    def _append_xml(self, items: list[str]) -> None:
        assert self.container is not None
        if items:
            for el in typography.parse("".join(items), "wrapper"):
                self.container.append(el)

    def close(self) -> None:
        """Encode the open paragraph, if any, and append it to the container."""
        if not self.buf:
            return
        assert self.container is not None
        xml = typography.finish("".join(self.buf), self.repairs, markers=self.markers)
        self.container.append(typography.parse(xml.strip(), "p"))
        if self.on_repairs:
            self.on_repairs(self.repairs)
        self._reset()

    # -- blocks -------------------------------------------------------------------------
    def page(self, block: Block) -> None:
        assert block.page is not None
        self.pending.append(pb_xml(block.page))

    def figure(self, caption: list[Block]) -> None:
        """A plate between pages: ``figure type="plate"`` with its caption lines as head."""
        repairs = typography.Repairs(years=self.years, style=self.style)
        lines = [typography.prepare(b.text, self.corrections.get(b.index + 1, []), repairs) for b in caption]
        head = typography.finish("\ue010".join(lines), repairs, markers=False).replace("\ue010", "<lb/>")
        if self.on_repairs:
            self.on_repairs(repairs)
        self.pending.append(f'<figure type="plate"><head>{head}</head></figure>')

    def illustration(self, caption: Block | None) -> None:
        """An illustration the text marks where it stands (book.toml [figures]): a ``figure``,
        its caption (if the line gives one) as head; it goes between paragraphs."""
        if caption is None:
            self.close()
            self.pending.append("<figure/>")
            return
        self.close()
        self.figure([caption])
        self.pending[-1] = self.pending[-1].replace('<figure type="plate">', "<figure>", 1)

    def text(self, block: Block) -> None:
        text = block.text
        if self.buf and self.markers:
            if _BARE_NUMBER.fullmatch(text) or typography.SUP_RE.fullmatch(text):
                self._add_marker(text.translate(_TO_SUP))
                return
            lead = _LEAD_SUP.match(text)
            if lead:
                self._add_marker(lead.group(1))
                text = text[lead.end():]
                if not text:
                    return
        corrections = self.corrections.get(block.index + 1, [])
        self.line = block.index
        adjacent = block.index == self.last + 1 and not self.pending
        self.last = block.index
        hyphenated = bool(self.buf and _TAIL_WORD.search(self.buf[-1]) and text[:1].islower())
        indented = block.indent >= self.indent
        # In a hard-wrapped source a line run on from the one above continues its paragraph
        # unless both are indented (verse, a letter's closing lines); a blank line ends it.
        runs_on = self.wrapped and adjacent and not (indented and self.indented)
        self.indented = indented
        if self.buf and runs_on:
            self._join(text, typography.prepare(text, corrections, self.repairs), joint=False)
        elif self.buf and adjacent and not hyphenated:
            # Lines printed together (a list, verse) are one paragraph with line breaks.
            self.buf.append(self.repairs.hole("<lb/>") + typography.prepare(text, corrections, self.repairs))
            self.raw += " " + text
        elif self.buf and not self.wrapped and continues(self.raw, text,
                                                          self.piece.count(self.style.italic) % 2 == 1):
            self._join(text, typography.prepare(text, corrections, self.repairs))
        else:
            self.close()
            self.flush_pages()
            self.buf.append(typography.prepare(text, corrections, self.repairs))
            self.raw = text
        self.piece = text

    def _add_marker(self, sup: str) -> None:
        # Superscripts reach `finish` as raw text and become refs there. `raw` does not
        # get them: whether the next block continues depends on the words before.
        self.buf.append(sup)

    def _join(self, text: str, piece: str, joint: bool = True) -> None:
        # a joint marks a paragraph the extraction broke (a page may be missing there); the
        # line ends of a hard-wrapped source are no such place
        breaks = "".join(self.repairs.hole(x) for x in self.pending) or (f"<?{JOINT}?>" if joint else "")
        if not self.pending and breaks:
            breaks = self.repairs.hole(breaks)
        self.pending = []
        stem = _TAIL_WORD.search(self.buf[-1]) if self.buf else None
        head = _HEAD_WORD.match(piece)
        name = _HEAD_NAME.match(piece)
        if stem and head:
            if not self.hyphenation.keep(stem.group(1), head.group(1), self.line):
                self.buf[-1] = self.buf[-1][:-1]
            self.buf.append(head.group(1) + breaks + head.group(2))
        elif stem and name:
            # a hyphen before a capital joins a compound with a name ("semi-Stalinists",
            # "anti-Soviet"): the hyphen stays and no space is added
            self.buf.append(name.group(1) + breaks + name.group(2))
        else:
            if not self.buf[-1].endswith(" "):
                self.buf.append(" ")
            self.buf.append(breaks + piece)
        self.raw += " " + text
