"""A printed index read entry by entry: ``[[back]] kind = "entries"`` of book.toml.

A plain-text book's index (Project Gutenberg's and the like) prints one entry a line: the
term, then its locators, the printed pages ("Bagnet, Mrs. (_B.H._), 43, 85"), or a
cross-reference ("Fiddle, see Violin"); a line indented deeper than the index's entries
is a sub-entry of the one above; a blank line or a line of one letter opens a new group.
Each entry becomes an ``item`` with its ``term``; each locator a ``ref`` to the page break
of that page (``#p43``) when the source marks it, a cross-reference a ``ref`` to the entry
it names. With ``names = "persons"`` every main entry names a person: a ``person`` of the
standOff's ``listPerson`` (surname, then after the comma forenames, or the ``roles``
the data lists: "Mrs.", "Dr."), its term wrapped in ``persName ref``; the persons pass then
links the text's mentions of them as it does the memoir's index.

Every word of the region reaches the division: a locator that names no marked page stays
as printed and is counted (``ingest.locator-unlinked``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Severity
from teikit.ingest.book import BackSpec
from teikit.ingest.context import IngestContext
from teikit.ingest.flow import pb_element
from teikit.ingest.index_parse import expand_end
from teikit.ingest.persons_names import slug
from teikit.ingest.source import Block

T = f"{{{xmlio.TEI_NS}}}"
_ARABIC = r"[0-9]+"
_ROMAN = r"[ivxlc]+"
_LETTER = re.compile(r"[A-Z]\.?")
_SEE = re.compile(r"(?P<sep>[,.;]?\s*)(?P<word>_?[Ss]ee(?: also)?_?)\s+(?P<target>.+?)\.?$")


def _locators(paged: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The trailing run of locators of a line, and one locator: a page as printed (lower-case
    roman only when the source marks pages: "mix" is no page of an unpaged book), a range
    ("12-14", "191-92"), either in brackets."""
    number = f"(?:{_ARABIC}|{_ROMAN})" if paged else _ARABIC
    one = rf"\[?(?P<a>{number})(?:\s*[-–]\s*(?P<b>{_ARABIC}))?\]?"
    plain = one.replace("?P<a>", "?:").replace("?P<b>", "?:")
    run = re.compile(rf"(?:,\s*|\s+)(?P<locs>{plain}(?:\s*,\s*{plain})*)\.?$")
    return run, re.compile(one)


class EntriesReader:
    """Reads one ``entries`` region into its division."""

    def __init__(self, ctx: IngestContext, spec: BackSpec, convert: Callable[[Block, str], etree._Element],
                 ids: set[str]) -> None:
        self.ctx, self.spec, self.convert, self.ids = ctx, spec, convert, ids
        self.run, self.one = _locators(ctx.book.paged)
        # every page the source marks (the index's own pages too: they become pb as it is read)
        self.pages = {f"p{n.lower()}" for n in map(ctx.book.page, ctx.source.lines) if n is not None}
        self.unlinked: list[int] = []  # line index of each locator naming no marked page
        self.terms: dict[str, str] = {}  # a main entry's term, folded -> its item's ID
        self.sees: list[tuple[etree._Element, str, int]] = []
        self.lists: list[etree._Element] = []

    def unique(self, base: str) -> str:
        out, k = base, 1
        while out in self.ids:
            k += 1
            out = f"{base}-{k}"
        self.ids.add(out)
        return out

    def read(self, div: etree._Element, region: list[Block]) -> None:
        texts = [b for b in region if b.page is None]
        if not texts:
            return
        head = texts[0]
        div.append(self.convert(head, "head"))
        base = min((b.indent for b in texts[1:]), default=0)
        lst: etree._Element | None = None
        item: etree._Element | None = None
        prev = head.index
        for block in region:
            if block.page is not None:
                (lst if lst is not None else div).append(pb_element(block.page))
                continue
            if block is head:
                continue
            fresh = lst is not None and len(lst) == 1 and lst[0].tag == T + "head"  # a letter, no entry yet
            if lst is None or (block.index > prev + 1 and not fresh) or _LETTER.fullmatch(block.text):
                lst = etree.SubElement(div, T + "list", type="index")
                self.lists.append(lst)
                if _LETTER.fullmatch(block.text):  # a letter alone heads its group
                    lst.append(self.convert(block, "head"))
                    prev, item = block.index, None
                    continue
            prev = block.index
            if block.indent > base and item is not None:  # a sub-entry of the entry above
                sub = item.find(T + "list")
                if sub is None:
                    sub = etree.SubElement(item, T + "list")
                sub.append(self.entry(block, item.get(xmlio.XML_ID, self.spec.id), main=False))
            else:
                item = self.entry(block, self.spec.id, main=True)
                lst.append(item)
        self._link_sees()
        self._report()

    def entry(self, block: Block, parent_id: str, main: bool) -> etree._Element:
        text = block.text
        m = self.run.search(text)
        see = None if m else _SEE.search(text)
        cut = m.start() if m else see.start() if see else len(text)
        term = self.convert(Block(block.index, text[:cut]), "term")
        item = etree.Element(T + "item")
        item.set(xmlio.XML_ID, self.unique(f"{parent_id}-{slug(''.join(term.itertext()))[:40] or 'entry'}"))
        if main and self.spec.names == "persons" and not see:
            term = self._person(term)
        item.append(term)
        if m:
            term.tail = text[cut:m.start("locs")]
            self._locators(item, m.group("locs"), block.index)
        elif see:
            term.tail = text[cut:see.start("target")]
            ref = etree.SubElement(item, T + "ref")
            ref.text = see.group("target")
            ref.tail = text[see.end("target"):]
            self.sees.append((ref, see.group("target"), block.index))
        if main:  # a cross-reference names the entry by its term, its name or its surname
            printed = text[:cut]
            name = printed.partition(" (")[0]
            for key in (printed, name, name.partition(",")[0]):
                self.terms.setdefault(_fold(key), item.get(xmlio.XML_ID, ""))
        return item

    def _locators(self, item: etree._Element, locs: str, line: int) -> None:
        at = 0
        last: etree._Element | None = None

        def text(s: str) -> None:
            if not s:
                return
            if last is None:
                item[-1].tail = (item[-1].tail or "") + s
            else:
                last.tail = (last.tail or "") + s

        for m in self.one.finditer(locs):
            a, b = m.group("a"), m.group("b")
            start, end = m.start("a"), m.end("b") if b else m.end("a")
            text(locs[at:start])
            pages = [a] + ([expand_end(a, b)] if b else [])
            targets = [f"p{p.lower()}" for p in pages]
            if all(t in self.pages for t in targets):
                last = etree.SubElement(item, T + "ref", type="range" if b else "page",
                                        target=" ".join(f"#{t}" for t in targets))
                last.text = locs[start:end]
            else:  # the page is not marked in the source: the locator stays as printed
                self.unlinked.append(line)
                text(locs[start:end])
            at = end
        text(locs[at:])

    def _person(self, term: etree._Element) -> etree._Element:
        """Wrap the term in ``persName ref`` and add its person to the standOff."""
        plain = " ".join("".join(term.itertext()).split())
        name, _, qualifier = plain.partition(" (")
        name = name.rstrip(", ")
        surname, _, rest = name.partition(",")
        pid = self.unique(f"pers-{slug(name) or 'person'}")
        person = etree.Element(T + "person")
        person.set(xmlio.XML_ID, pid)
        pn = etree.SubElement(person, T + "persName", type="index")
        etree.SubElement(pn, T + "surname").text = surname.strip()
        words = rest.split()
        roles = [w for w in words if w in self.spec.roles]
        forenames = [w for w in words if w not in self.spec.roles]
        if forenames or roles:
            pn[-1].tail = ", "
        if forenames:
            etree.SubElement(pn, T + "forename").text = " ".join(forenames)
        for role in roles:
            if len(pn) > 1:
                pn[-1].tail = " "
            etree.SubElement(pn, T + "roleName").text = role
        if qualifier:
            etree.SubElement(person, T + "note", type="index").text = qualifier.rstrip(")").strip()
        listing = self.ctx.root.find(f"{T}standOff/{T}listPerson")
        if listing is not None:
            listing.append(person)
        wrapped = etree.Element(T + "term")
        pers = etree.SubElement(wrapped, T + "persName", ref=f"#{pid}")
        pers.text = term.text
        for child in list(term):
            pers.append(child)
        return wrapped

    def _link_sees(self) -> None:
        items = {el.get(xmlio.XML_ID): el for lst in self.lists for el in lst.iter(T + "item")}
        for ref, target, line in self.sees:
            found = self.terms.get(_fold(target))
            if found:
                ref.set("target", f"#{found}")
                pers = items[found].find(f"{T}term/{T}persName") if found in items else None
                term = ref.getparent().find(T + "term")
                if pers is not None and term is not None and term.find(T + "persName") is None:
                    # another name of the person the entry it points to names ("Pip, see
                    # Pirrip"): linked to that person, but no person (nor mention form) of its own
                    wrapped = etree.SubElement(term, T + "persName", ref=pers.get("ref", ""))
                    wrapped.text, term.text = term.text, None
                    for child in list(term)[:-1]:
                        wrapped.append(child)
            else:
                self.ctx.report(Severity.INFO, "ingest.see-unlinked",
                                f"cross-reference to {target!r}: no entry of this index reads so; kept as "
                                "text", line,
                                hint="a cross-reference is linked to the main entry whose term it repeats")
                # no entry to point at: the words stay, as printed, in the item's text
                parent = ref.getparent()
                prev = ref.getprevious()
                words = (ref.text or "") + (ref.tail or "")
                if prev is not None:
                    prev.tail = (prev.tail or "") + words
                else:
                    parent.text = (parent.text or "") + words
                parent.remove(ref)

    def _report(self) -> None:
        if not self.unlinked:
            return
        why = "the source marks no printed pages" if not self.ctx.book.paged else \
            "no page marker of the source reads so"
        self.ctx.report(Severity.INFO if not self.ctx.book.paged else Severity.WARNING,
                        "ingest.locator-unlinked",
                        f"{len(self.unlinked)} page locators of the index {self.spec.id!r} are kept as "
                        f"printed, not linked: {why}", self.unlinked[0],
                        hint="a locator is linked to the pb of its page; a source without page markers "
                             "([pages] marker = \"\") has none to link to")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[_*'‘’\"“”]", "", text).lower().rstrip(",. ").split())
