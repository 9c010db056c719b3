"""Ingest pass ``bibliography``: the printed bibliography as ``listBibl``/``biblStruct``.

The structure pass leaves ``div type="bibliography"`` empty and records the region's
lines in ``ctx.regions["bibliography"]``; this pass parses those lines
(:mod:`bibliography_parse`) and fills the div: the printed heading, one ``listBibl`` per
printed subheading, one ``biblStruct xml:id="bib-…"`` per work, and a ``pb`` for every
``Page N`` line. Pages whose marker the source lacks are inferred here (type "inferred"),
spread over the entries by text length, unless an earlier pass already placed them.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from teikit.diagnostics import Severity
from teikit.ingest.bibliography_parse import Entry, Name, Work, group_lines
from teikit.ingest.context import IngestContext
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
_ENTRY_SHAPE = "entries look like 'Surname, Forename. *Title*. Publisher, Place, Year.'"



def slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII slug: accents dropped, other characters become ``sep``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text.lower()).strip(sep)


_STOP = {"the", "a", "an", "of", "and", "l", "le", "la", "de", "du"}


def _title_words(title: str) -> list[str]:
    return [w for w in slug(title).split("-") if w not in _STOP] or ["x"]


def _title_word(title: str) -> str:
    return _title_words(title)[0]


def make_id(work: Work, taken: set[str]) -> str:
    """``bib-`` + first name's surname + year (or title words); unique within ``taken``."""
    if work.names:
        base = f"bib-{slug(work.names[0].surname, '')}-{work.year or _title_word(work.title)}"
    else:
        base = "bib-" + "-".join(_title_words(work.title)[:3])
    candidate = base
    if candidate in taken:
        candidate = f"{base}-{_title_word(work.title)}"
    n = 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, T + tag, {k: v for k, v in attrs.items() if v})
    el.text = text
    return el


def _name(parent: etree._Element, name: Name) -> None:
    """``<author|editor><persName>…</persName></…>`` in the printed order and punctuation."""
    holder = _sub(parent, "editor" if name.role == "editor" else "author")
    pseudonym = name.extra.startswith("pseudonym")
    pers = _sub(holder, "persName", type="pseudonym" if pseudonym else "")
    if name.given_first:  # "(A. M. Prokhorov, Editor in chief.)"
        _sub(pers, "forename", name.forename).tail = " "
        last = _sub(pers, "surname", name.surname)
    else:  # "Block, Russell (editor)"
        last = _sub(pers, "surname", name.surname)
        if name.forename:
            last.tail = ", "
            last = _sub(pers, "forename", name.forename)
    if name.role_label and name.given_first:
        last.tail = ", "
        _sub(pers, "roleName", name.role_label)
    elif name.role_label or (name.extra and not pseudonym):
        last.tail = " ("
        if name.role_label:
            _sub(pers, "roleName", name.role_label).tail = ")"
        else:
            _sub(pers, "addName", name.extra, type="variant").tail = ")"
    if pseudonym:
        pers.tail = " "
        _sub(holder, "note", f"({name.extra})", type="name")


def build_bibl(work: Work, bibl_id: str) -> etree._Element:
    """One ``biblStruct`` for a parsed work."""
    bs = etree.Element(T + "biblStruct", {XML_ID: bibl_id})
    mo = _sub(bs, "monogr")
    # TEI wants authors before the title; editors printed after it ("(…, Editor.)") follow it.
    before = [n for n in work.names if n.role == "author" or not n.given_first]
    for name in before:
        _name(mo, name)
    _sub(mo, "title", work.title, level=work.level)
    for name in work.names:
        if name not in before:
            _name(mo, name)
    imp = _sub(mo, "imprint")
    if work.place:
        _sub(imp, "pubPlace", work.place)
    if work.publisher:
        _sub(imp, "publisher", work.publisher)
    # An empty date keeps imprint valid for periodicals listed without any imprint.
    _sub(imp, "date", work.year or None, when=work.year)
    if work.reprint:
        _sub(bs, "note", "reprint", type="reprint")
    for text in work.notes:
        _sub(bs, "note", text)
    return bs


def _region_items(ctx: IngestContext, start: int, end: int) -> list[tuple[int, str]]:
    return [(i, ctx.source.lines[i].strip()) for i in range(start, end) if ctx.source.lines[i].strip()]


def _pb(n: str, inferred: bool = False) -> etree._Element:
    attrs = {"n": n, XML_ID: f"p{n.lower()}"}
    if inferred:
        attrs.update(type="inferred", cert="low", resp="#teikit")
    return etree.Element(T + "pb", attrs)


def fill(div: etree._Element, ctx: IngestContext, start: int, end: int) -> int:
    """Fill ``div`` from source lines [start, end); return the number of biblStructs."""
    existing = set(div.getroottree().getroot().xpath("//@xml:id"))
    items = _region_items(ctx, start, end)
    book = ctx.book
    pages: dict[int, str | None] = {i: n for i, text in items if (n := book.page(text)) is not None}
    text_items = [(i, t) for i, t in items if i not in pages]
    spec = book.back_of("bibliography")
    headings = spec.headings if spec is not None else ()
    if text_items and text_items[0][1] in headings and div.find(T + "head") is None:
        for i in sorted(p for p in pages if p < text_items[0][0]):
            n = pages[i]
            if n is not None and f"p{n}" not in existing:
                div.append(_pb(n))
            pages[i] = None
        _sub(div, "head", text_items[0][1])
        text_items = text_items[1:]
    taken = {x for x in existing if x.startswith("bib-")}
    count = 0
    for group in group_lines(text_items, book.place_qualifiers):
        lb = _sub(div, "listBibl")
        if group.head:
            _sub(lb, "head", group.head)
        for entry in group.entries:
            for i in sorted(p for p in pages if p < entry.index and pages[p] is not None):
                n = pages[i]
                if n is not None and f"p{n}" not in existing:
                    lb.append(_pb(n))
                pages[i] = None  # placed
            count += _add_entry(ctx, lb, entry, taken)
    for i in sorted(p for p in pages if pages[p] is not None):  # markers after the last entry
        n = pages[i]
        if n is not None and f"p{n}" not in existing:
            (div.findall(T + "listBibl") or [div])[-1].append(_pb(n))
    return count


def _add_entry(ctx: IngestContext, lb: etree._Element, entry: Entry, taken: set[str]) -> int:
    if not entry.works:
        ctx.report(Severity.WARNING, "bibliography.unparsed-entry",
                   f"could not read this entry; kept as a bibl: {entry.text[:60]}", entry.index)
        _sub(lb, "bibl", entry.text)
        return 0
    for work in entry.works:
        if work.level == "m" and not work.year and not work.notes:
            ctx.report(Severity.WARNING, "bibliography.no-imprint",
                       f"no imprint (publisher, place, year) found in this entry: {entry.text[:60]}",
                       entry.index, hint=_ENTRY_SHAPE)
        if work.notes:
            ctx.report(Severity.INFO, "bibliography.note",
                       f"part of the imprint kept as a note: {'; '.join(work.notes)}", entry.index)
        lb.append(build_bibl(work, make_id(work, taken)))
    return len(entry.works)


def infer_pages(div: etree._Element, first: int, next_page: int) -> list[str]:
    """Insert inferred pbs for pages first+1 .. next_page-1 that no element has yet."""
    ids = set(div.getroottree().getroot().xpath("//@xml:id"))
    missing = [str(n) for n in range(first + 1, next_page) if f"p{n}" not in ids]
    bibls = div.findall(f".//{T}biblStruct")
    if not missing or not bibls:
        return []
    sizes = [len("".join(b.itertext())) for b in bibls]
    total, share = sum(sizes), len(missing) + 1
    done, acc = 0, 0
    for bibl, size in zip(bibls, sizes, strict=True):
        # A page starts at the entry that crosses the next 1/share of the text.
        while done < len(missing) and acc >= total * (done + 1) / share:
            bibl.addprevious(_pb(missing[done], inferred=True))
            done += 1
        acc += size
    return missing[:done]


def _page_numbers(ctx: IngestContext, start: int, end: int) -> tuple[int | None, int | None]:
    """The last numeric page marker in the region and the first one after it."""
    last = nxt = None
    for i in range(start, len(ctx.source.lines)):
        n = ctx.book.page(ctx.source.lines[i])
        if n is not None and n.isdigit():
            if i < end:
                last = int(n)
            else:
                nxt = int(n)
                break
    return last, nxt


def run(ctx: IngestContext) -> None:
    """Fill the bibliography division from its region of the source."""
    spec = ctx.book.back_of("bibliography")
    if ctx.tree is None or spec is None or "bibliography" not in ctx.regions:
        return
    found = ctx.root.xpath("//t:div[@type='bibliography'][@xml:id=$id]", namespaces={"t": TEI_NS},
                           id=spec.id)
    if not found:
        ctx.report(Severity.ERROR, "bibliography.no-division",
                   "the structure pass made no div type='bibliography' to fill")
        return
    div = found[0]
    start, end = ctx.regions["bibliography"]
    for pb in div.findall(T + "pb"):  # re-placed here, next to the entries they precede
        div.remove(pb)
    if not fill(div, ctx, start, end):
        ctx.report(Severity.ERROR, "bibliography.empty", "no bibliography entries recognised", start,
                   hint=_ENTRY_SHAPE)
        return
    last, nxt = _page_numbers(ctx, start, end)
    if last is not None and nxt is not None:
        infer_pages(div, last, nxt)
    link_titles(ctx.root, div)


def _title_key(text: str) -> str:
    words = slug(text, " ").split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def title_index(div: etree._Element) -> dict[str, str]:
    """Title keys -> entry ID: each entry's full title and its main title (before ':', ';', ',').

    A key shared by two entries, or of one word only ("Stalin", "Memoirs"), is left out:
    a mention of it cannot be linked with certainty.
    """
    seen: dict[str, set[str]] = {}
    for bs in div.iter(T + "biblStruct"):
        title = bs.findtext(f"{T}monogr/{T}title") or ""
        for candidate in {title, re.split(r"[:;,]", title)[0]}:
            key = _title_key(candidate)
            if len(key.split()) >= 2:
                seen.setdefault(key, set()).add(bs.get(XML_ID))
    return {key: next(iter(ids)) for key, ids in seen.items() if len(ids) == 1}


def link_titles(root: etree._Element, div: etree._Element) -> int:
    """Point titles in the text and notes at the bibliography entry they name (``title/@ref``)."""
    index = title_index(div)
    count = 0
    for title in root.iterfind(f"{T}text//{T}title"):
        if title.get("ref") or title.xpath("ancestor::t:div[@type='bibliography' or @type='index']",
                                           namespaces={"t": TEI_NS}):
            continue
        target = index.get(_title_key("".join(title.itertext())))
        if target:
            title.set("ref", "#" + target)
            count += 1
    return count
