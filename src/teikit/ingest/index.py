"""Ingest pass `index`: the printed index as TEI, and the personography built from it.

Reads the index lines of the source (``ctx.regions["index"]``), parses them
(:mod:`teikit.ingest.index_parse`), classifies the main entries
(:mod:`teikit.ingest.persons_registry`) and writes

* ``standOff`` with ``listPerson`` (and ``listOrg``/``listPlace``/``listEvent`` when not
  empty), and
* the entries into ``back/div[@type="index"]``: one ``list type="index"`` per letter, each
  entry an ``item`` with its ``term`` and locators as ``ref``\\ s to the page (``#p45``),
  the page range (``#p191 #p192``) or the note printed on that page (``#ch17-n11``).

Page markers inside the index become ``pb``; the index pages whose marker the source lacks
get an inferred ``pb`` placed in proportion between the known ones (docs/encoding.md).
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.diagnostics import Severity
from teikit.ingest import corrections
from teikit.ingest.context import IngestContext
from teikit.ingest.corrections import Correction
from teikit.ingest.index_parse import (
    Entry,
    Locator,
    PageMark,
    Section,
    fold,
    iter_entries,
    parse_index,
)
from teikit.ingest.inline import wrap_matches
from teikit.ingest.persons_names import parse_person_heading, slug
from teikit.ingest.persons_registry import (
    Registry,
    build_registry,
    heading_key,
    load_editorial,
    nesting_overrides,
    standoff_lists,
)
from teikit.xmlio import TEI_NS, XML_ID

T = f"{{{TEI_NS}}}"
NAME_TAG = {"person": "persName", "org": "orgName", "place": "placeName", "event": "name"}
_ITALIC = re.compile(r"\*([^*]+)\*")


def page_id(n: str) -> str:
    """The xml:id of a printed page: ``p45``, ``pxii``."""
    return "p" + n.lower()


# ---------------------------------------------------------------- the document


class Targets:
    """What locators can point at in the tree: page IDs and notes by (page, number).

    Two notes sections may start on one page, each with a note 1: a locator "265 n1" then
    has two candidates, and the one whose text names the entry is meant.
    """

    def __init__(self, root: etree._Element) -> None:
        self.pages: set[str] = set()
        self.notes: dict[tuple[str, str], list[tuple[str, str]]] = {}  # -> [(ID, folded text)]
        page: str | None = None
        for el in root.iter(T + "pb", T + "note"):
            if el.tag == T + "pb":
                page = el.get("n")
                if el.get(XML_ID):
                    self.pages.add(el.get(XML_ID))
                note = next(el.iterancestors(T + "note"), None)
                if note is not None and page is not None:
                    # a note straddling the page break is also "printed on" that page
                    self._add(page, note)
            elif el.get("type") == "endnote" and page is not None and el.get(XML_ID):
                self._add(page, el)

    def _add(self, page: str, note: etree._Element) -> None:
        found = self.notes.setdefault((page, note.get("n") or ""), [])
        if all(i != note.get(XML_ID) for i, _ in found):
            found.append((note.get(XML_ID) or "", fold("".join(note.itertext()))))

    def note(self, loc: Locator, n: str, name: str = "") -> tuple[str | None, int]:
        """The note a locator names (its ID or None) and how many notes it could name."""
        for page in filter(None, (loc.start, loc.end)):
            found = self.notes.get((page, n), [])
            if len(found) > 1 and name:
                naming = [i for i, text in found if re.search(rf"\b{re.escape(fold(name))}\b", text)]
                if len(naming) == 1:
                    return naming[0], 1
            if found:
                return found[0][0], len(found)
        return None, 0


def _index_div(ctx: IngestContext) -> etree._Element | None:
    return ctx.root.find(f".//{T}back//{T}div[@type='index']")


def _headings(ctx: IngestContext) -> tuple[str, ...]:
    """The printed headings of the index: the edition's, else the plain English word."""
    spec = ctx.book.back_of("index")
    return spec.headings if spec is not None else ("Index",)


def _index_range(ctx: IngestContext) -> tuple[int, int] | None:
    if "index" in ctx.regions:
        return ctx.regions["index"]
    lines = ctx.source.lines
    headings = _headings(ctx)
    # the index heading after the last page marker of the bibliography
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() in headings:
            return (i, len(lines))
    return None


def _standoff(ctx: IngestContext, reg: Registry) -> None:
    root = ctx.root
    so = root.find(T + "standOff")
    if so is None:
        so = etree.Element(T + "standOff")
        header = root.find(T + "teiHeader")
        if header is not None:
            header.addnext(so)
        else:
            root.insert(0, so)
    for old in so.findall(T + "listPerson") + so.findall(T + "listOrg") + so.findall(T + "listPlace") \
            + so.findall(T + "listEvent"):
        so.remove(old)
    for lst in standoff_lists(reg):
        so.append(lst)


# ---------------------------------------------------------------- items


class _Builder:
    def __init__(self, ctx: IngestContext, reg: Registry, targets: Targets) -> None:
        self.ctx, self.reg, self.targets = ctx, reg, targets
        self.note_fixes: dict[tuple[str, str], dict] = {}
        self.ids: set[str] = set()
        self.items: dict[int, etree._Element] = {}  # id(entry) -> item
        self.main_key = ""  # the heading of the main entry being built (names its notes)
        self.repairs: dict[int, list[Correction]] = {}  # id(entry) -> its corrections.tsv rows
        self.applied: set[int] = set()

    def unique(self, base: str) -> str:
        out, k = base, 2
        while out in self.ids:
            out, k = f"{base}-{k}", k + 1
        self.ids.add(out)
        return out

    def ref(self, loc: Locator, text: str, entry: Entry) -> etree._Element:
        el = etree.Element(T + "ref", type=loc.kind)
        el.text = text
        line = entry.line
        fix = self.note_fixes.get((heading_key(entry.head), text)) \
            or self.note_fixes.get((self.main_key, text))
        if fix is not None and fix.get("corrected", text) == text:
            # a locator printed right that could name two notes: the editors' reading
            el.set("target", "#" + fix["note"])
            return el
        if fix is not None:
            return self.corrected(text, fix)
        if loc.notes:
            found = [self.targets.note(loc, n, self.main_key) for n in loc.notes]
            note_ids = [i for i, _ in found if i]
            for (i, count), n in zip(found, loc.notes, strict=True):
                if count > 1:
                    self.ctx.report(Severity.WARNING, "index.ambiguous-note",
                                    f"{count} notes {n} are printed on page {loc.start} and none alone "
                                    f"names {self.main_key!r} ({text!r}); the first, #{i}, is linked", line,
                                    hint="read the notes and record the right one in persons.toml "
                                         "[[index.notes]]")
            if len(note_ids) == len(found):
                el.set("target", " ".join("#" + i for i in note_ids))
                return el
            el.set("type", "range" if loc.end else "page")
            self.ctx.report(Severity.WARNING, "index.unresolved-note",
                            f"no note {'/'.join(loc.notes)} printed on page {loc.start}"
                            f" ({text!r}); the locator points at the page only", line,
                            hint="a misprint in the index? the reference is kept as printed")
        pages = [loc.start] + ([loc.end] if loc.end else [])
        ids = [page_id(p) for p in pages]
        missing = [i for i in ids if i not in self.targets.pages]
        if missing:
            self.ctx.report(Severity.WARNING, "index.unknown-page",
                            f"locator {text!r} names a page the edition lacks ({', '.join(missing)})", line)
            return el
        el.set("target", " ".join("#" + i for i in ids))
        return el

    def corrected(self, text: str, fix: dict) -> etree._Element:
        """A locator the print gets wrong, kept as printed with the editors' reading:
        ``<choice><sic>164 n1</sic><corr><ref type="note" …>264 n1</ref></corr></choice>``."""
        choice = etree.Element(T + "choice")
        etree.SubElement(choice, T + "sic").text = text
        corr = etree.SubElement(choice, T + "corr", resp="#teikit")
        ref = etree.SubElement(corr, T + "ref", type="note", target="#" + fix["note"])
        ref.text = fix["corrected"]
        return choice

    def fill(self, item: etree._Element, entry: Entry, start: int, last: etree._Element | None) -> None:
        """Append the entry's text from ``start`` with locators as refs (after ``last``)."""
        text = entry.text
        italic = {m.group(1).strip() for m in _ITALIC.finditer(text)}
        pos = start
        for loc in entry.locators:
            last = self._text(item, last, text[pos:loc.span[0]], italic)
            ref = self.ref(loc, text[loc.span[0]:loc.span[1]], entry)
            item.append(ref)
            last = ref
            pos = loc.span[1]
        self._text(item, last, text[pos:], italic)

    def _text(self, item: etree._Element, last: etree._Element | None, chunk: str,
              italic: set[str]) -> etree._Element | None:
        """Add plain text; "passim" and other words printed in italics become ``hi``."""
        chunk = chunk.replace("*", "")
        words = sorted({w for phrase in italic for w in phrase.split() if not _is_locator_word(w)},
                       key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b") if words else None
        pos = 0
        for m in pattern.finditer(chunk) if pattern else ():
            last = _append_text(item, last, chunk[pos:m.start()])
            hi = etree.SubElement(item, T + "hi", rend="italic")
            hi.text = m.group(1)
            last, pos = hi, m.end()
        return _append_text(item, last, chunk[pos:])

    def item(self, entry: Entry, parent_id: str | None, counter: int) -> etree._Element:
        item = etree.Element(T + "item")
        self.items[id(entry)] = item
        if parent_id is None:
            self.main_key = heading_key(entry.head)
            kind, target = self.reg.links.get(id(entry), ("term", None))
            person = self.reg.by_id(target) if kind == "person" and target else None
            own = person is not None and any(e is entry for e in person.entries)
            # a person's own entry is named like the person (idx-kaganovich-lazar)
            base = target[len("pers-"):] if own and target else slug(heading_key(entry.head))
            xml_id = self.unique("idx-" + base)
            item.set(XML_ID, xml_id)
            term = etree.SubElement(item, T + "term")
            end = _term_end(entry, kind)
            holder = term
            if kind in NAME_TAG:
                holder = etree.SubElement(term, T + NAME_TAG[kind])
                if target:
                    holder.set("ref", "#" + target)
            holder.text = entry.text[:end].replace("*", "")
            self.fill(item, entry, end, term)
        else:
            xml_id = self.unique(f"{parent_id}-{counter}")
            item.set(XML_ID, xml_id)
            self.fill(item, entry, 0, None)
        for row in self.repairs.get(id(entry), []):
            if record_repair(item, row):
                self.applied.add(row.row)
        self.children(item, entry, xml_id)
        return item

    def children(self, item: etree._Element, entry: Entry, xml_id: str) -> None:
        if not entry.children:
            return
        sub = etree.SubElement(item, T + "list")
        counter = 0
        for child in entry.children:
            if isinstance(child, PageMark):
                self.pb(sub, child)
            else:
                counter += 1
                sub.append(self.item(child, xml_id, counter))

    def pb(self, parent: etree._Element, mark: PageMark) -> None:
        pid = page_id(mark.n)
        if pid in self.targets.pages:
            return  # already placed by the structure pass
        etree.SubElement(parent, T + "pb", {"n": mark.n, XML_ID: pid})
        self.targets.pages.add(pid)


_SEE = re.compile(r"\(see ([^)]+)\)")


def _repaired(lines: list[str], rows: list[Correction]) -> list[str]:
    """The source lines with the corrections.tsv rows of the index applied: the index is read
    from the repaired text ("Pavel, P., I" -> "Pavel P., 1"); :func:`record_repair` records
    each repair in the entry built from it."""
    out = list(lines)
    for row in rows:
        out[row.line - 1] = out[row.line - 1].replace(row.found, row.replacement, 1)
    return out


def _repairs_by_entry(sections: list, rows: list[Correction]) -> dict[int, list[Correction]]:
    """Each row with the entry its line belongs to (the last one starting at or before it)."""
    entries = [e for section in sections for e in iter_entries(section.items)]
    out: dict[int, list[Correction]] = {}
    for row in rows:
        owner = None
        for entry in entries:
            if entry.line <= row.line - 1:
                owner = entry
        if owner is not None:
            out.setdefault(id(owner), []).append(row)
    return out


def record_repair(item: etree._Element, row: Correction) -> bool:
    """Encode one repair in a built index entry as ``choice/sic/corr``: a locator that is the
    repaired text is wrapped whole (``<choice><sic>I</sic><corr><ref …>1</ref></corr></choice>``),
    other repaired text where it stands. False when the repaired text is not found. Runs
    before the entry's sub-entries are added, so only its own text is searched."""
    own = list(item.iter())
    for ref in (el for el in own if el.tag == T + "ref" and el.text == row.replacement):
        choice = etree.Element(T + "choice")
        ref.addprevious(choice)
        choice.tail, ref.tail = ref.tail, None
        etree.SubElement(choice, T + "sic").text = row.found
        etree.SubElement(choice, T + "corr", resp="#teikit").append(ref)
        return True
    for el in own:
        for attr in ("text", "tail"):
            value = getattr(el, attr) if (attr == "text" or el is not item) else None
            if value and row.replacement in value:
                before, after = value.split(row.replacement, 1)
                choice = etree.Element(T + "choice")
                etree.SubElement(choice, T + "sic").text = row.found
                etree.SubElement(choice, T + "corr", resp="#teikit").text = row.replacement
                choice.tail = after
                setattr(el, attr, before)
                if attr == "text":
                    el.insert(0, choice)
                else:
                    el.addnext(choice)
                return True
    return False


def _link_see(div: etree._Element) -> None:
    """Make the name in "(see Cheka)" a ``ref`` to that entry."""
    by_key: dict[str, list[str]] = {}
    mains = div.findall(f"{T}list/{T}item")
    for item in mains:
        term = item.find(T + "term")
        if term is not None:
            by_key.setdefault(heading_key("".join(term.itertext())), []).append(item.get(XML_ID))
    for item in mains:
        name = item.find(f"{T}term/{T}persName")
        own = "idx-" + name.get("ref", "#pers-")[len("#pers-"):] if name is not None else None
        wrap_matches(item, _see_finder(by_key, own), _see_ref)


def _see_finder(by_key: dict[str, list[str]], own: str | None):
    def find(text: str):
        for m in _SEE.finditer(text):
            name = m.group(1).strip()
            ids = by_key.get(name) or [i for k, v in by_key.items() if k.startswith(name + " ") for i in v]
            if len(ids) > 1 and own in ids:  # "Peshkov, Zinovy (see Sverdlov)": his own entry
                ids = [own]
            if len(ids) == 1:
                yield m.start(1), m.end(1), ids[0]
    return find


def _see_ref(text: str, target: str) -> etree._Element:
    # no @type: the schema's closed list of ref types (page, range, note, ...) has no
    # "see"; the words "(see ...)" around it say what it is
    return etree.Element(T + "ref", target="#" + target)


def _is_locator_word(word: str) -> bool:
    return bool(re.fullmatch(r"[ivxl]+|\d+", word))


def _append_text(item: etree._Element, last: etree._Element | None, text: str) -> etree._Element | None:
    if not text:
        return last
    if last is None:
        item.text = (item.text or "") + text
    else:
        last.tail = (last.tail or "") + text
    return last


def _term_end(entry: Entry, kind: str) -> int:
    """Where the term (the name or subject) of a main entry ends in its text."""
    head = entry.text[: entry.head_end]
    if kind == "person":
        end = parse_person_heading(head).name_end
    elif kind == "term":
        end = len(head.rstrip().rstrip(","))
    else:
        key = heading_key(head)
        end = head.find(key) + len(key) if key in head else len(head.rstrip(", "))
        if head[end:end + 1] == '"':
            end += 1
    return min(end, len(head.rstrip().rstrip(",")))


# ---------------------------------------------------------------- the pass


def _key_paragraphs(ctx: IngestContext, div: etree._Element, start: int, first: int) -> None:
    """The key to abbreviations printed before the entries ("fnu = first name unknown")."""
    headings = _headings(ctx)
    for line in ctx.source.lines[start:first]:
        text = line.strip()
        if not text or text in headings or ctx.book.page(text) is not None:
            continue
        p = etree.SubElement(div, T + "p")
        p.text = text


def _infer_pages(b: _Builder, sections: list[Section], known: list[PageMark]) -> None:
    """Inferred ``pb`` for index pages whose marker is missing, spaced by line count."""
    entries = [e for s in sections for e in _walk(s.items)]
    marks = sorted((m for m in known if m.n.isdigit()), key=lambda m: m.line)
    for a, c in zip(marks, marks[1:], strict=False):
        gap = int(c.n) - int(a.n)
        for k in range(1, gap):
            n = str(int(a.n) + k)
            if page_id(n) in b.targets.pages:
                continue
            line = a.line + (c.line - a.line) * k / gap
            entry = next((e for e in entries if e.line >= line), None)
            if entry is None:
                continue
            item = b.items[id(entry)]
            pb = etree.Element(T + "pb", {"n": n, XML_ID: page_id(n), "type": "inferred",
                                          "cert": "low", "resp": "#teikit"})
            item.addprevious(pb)
            b.targets.pages.add(page_id(n))


def _check_style(ctx: IngestContext, sections: list[Section]) -> bool:
    """Report entries without locators; refuse an index where most entries have none
    (a different index style: locators the parser does not recognise)."""
    entries = [e for s in sections for e in _walk(s.items)]
    bare = [e for e in entries if not e.locators and not e.children and "(see " not in e.text]
    if entries and len(bare) > len(entries) / 2:
        ctx.report(Severity.ERROR, "index.not-recognised",
                   f"{len(bare)} of {len(entries)} index entries have no page locators the ingest "
                   f"recognises (first: {bare[0].text[:60]!r})", bare[0].line,
                   hint="locators follow the entry after commas: 45, 191-92, 245 n11, xii passim")
        return False
    for e in bare:
        ctx.report(Severity.WARNING, "index.no-locators",
                   f"index entry {e.text[:60]!r} has no page locators", e.line,
                   hint="check the line breaks of this entry in the source")
    return True


def _walk(items: list) -> list[Entry]:
    out = []
    for it in items:
        if isinstance(it, Entry):
            out.append(it)
            out.extend(_walk(it.children))
    return out


def _marks(items: list) -> list[PageMark]:
    out = []
    for it in items:
        if isinstance(it, PageMark):
            out.append(it)
        elif isinstance(it, Entry):
            out.extend(_marks(it.children))
    return out


def _preceding_mark(ctx: IngestContext, start: int) -> PageMark | None:
    for i in range(start, max(start - 5, -1), -1):
        if (n := ctx.book.page(ctx.source.lines[i])) is not None:
            return PageMark(n, i)
    return None


def _printed_heading(ctx: IngestContext, start: int, end: int) -> str:
    headings = _headings(ctx)
    return next((line.strip() for line in ctx.source.lines[start:end] if line.strip() in headings),
                headings[0])


def run(ctx: IngestContext) -> None:
    """Build the index division and the personography."""
    if ctx.tree is None:
        return
    if ctx.book.back_of("index") is None and ctx.book.back_of("entries") is not None:
        return  # the book's indexes are read entry by entry, in the structure pass (entries.py)
    div = _index_div(ctx)
    span = _index_range(ctx)
    if span is None and ctx.book.back_of("index") is None:
        # a book without an index (or one printed in a region read as prose, [[back]] kind
        # "text", whose division may be typed "index"): nothing to read, no personography
        return
    if div is None or span is None:
        ctx.report(Severity.ERROR, "index.missing", "no index found: the personography stays empty",
                   hint="the index begins with its heading line ([[back]] kind 'index' in book.toml) "
                        "after the bibliography")
        return
    start, end = span
    rows = [c for line, cs in corrections.load(ctx.editorial_dir).items() if start < line <= end for c in cs]
    lines = _repaired(ctx.source.lines, rows)
    cfg = load_editorial(ctx.editorial_dir)
    sections = parse_index(lines[start:end], start, nesting_overrides(cfg), ctx.book.page)
    if not sections:
        ctx.report(Severity.ERROR, "index.not-recognised",
                   "no letter headings (A, B, ...) found in the index", start,
                   hint="each letter of the index starts with a line holding only that letter")
        return
    if not _check_style(ctx, sections):
        return
    reg = build_registry(sections, cfg)
    _standoff(ctx, reg)
    b = _Builder(ctx, reg, Targets(ctx.root))
    b.repairs = _repairs_by_entry(sections, rows)
    b.note_fixes = {(fix["entry"], fix["locator"]): fix for fix in cfg.get("index", {}).get("notes", [])}
    b.ids.update(el.get(XML_ID) for el in ctx.root.iter() if el.get(XML_ID))
    # the page the index begins on, its heading and the key to its abbreviations
    while sections[0].items and isinstance(first := sections[0].items[0], PageMark):
        sections[0].items.pop(0)
        b.pb(div, first)
    if div.find(T + "head") is None:
        etree.SubElement(div, T + "head").text = _printed_heading(ctx, start, end)
    _key_paragraphs(ctx, div, start, sections[0].line)
    for section in sections:
        lst = etree.SubElement(div, T + "list", type="index")
        head = etree.SubElement(lst, T + "head")
        head.text = section.letter
        for it in section.items:
            if isinstance(it, PageMark):
                b.pb(lst, it)
            else:
                lst.append(b.item(it, None, 0))
    for row in rows:
        if row.row not in b.applied:
            ctx.report(Severity.WARNING, "ingest.correction-unused",
                       f"correction row {row.row}: {row.found!r} not found on line {row.line}", row.line - 1,
                       hint="fix the line number or the text in corrections.tsv")
    _link_see(div)
    known = [m for s in sections for m in _marks(s.items)]
    before = _preceding_mark(ctx, start)
    if before is not None:
        known.append(before)
    _infer_pages(b, sections, known)
