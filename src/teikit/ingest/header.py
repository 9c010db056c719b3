"""Ingest pass ``header``: the full teiHeader (shape in docs/encoding.md, "Header").

Facts come from the source's metadata block and CIP data (:mod:`header_source`) and from
the edition's ``edition.toml`` for what the source lacks. The ``editorialDecl`` holds the
edition's own statements (``[[statement]]`` in ``edition.toml``: what its editors and its
ingest changed, in their words); a type the edition does not state gets the generic
statement of what the ingest does (:data:`FALLBACK_DECL`).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable

from lxml import etree

from teikit.diagnostics import Severity
from teikit.ingest import distributor
from teikit.ingest.book import Book
from teikit.ingest.context import IngestContext
from teikit.ingest.header_source import (
    DECL_TYPES,
    SourceFacts,
    isbn10_ok,
    isbn10_to_13,
    isbn13_ok,
    load_edition_config,
    metadata_range,
    read_source_facts,
)
from teikit.ingest.inline import wrap_matches
from teikit.ingest.source import book_bounds
from teikit.xmlio import TEI_NS, XML_ID, XML_NS

T = f"{{{TEI_NS}}}"
XML_LANG = f"{{{XML_NS}}}lang"

# What the ingest does, for each type the edition's data does not state itself.
FALLBACK_DECL = [
    ("correction", "Damage done by the text extraction is repaired from the edition's corrections.tsv; "
     "each repair is a choice/sic/corr with resp='#teikit'. Errors of the printed book are kept."),
    ("normalization", "Whitespace is normalized; page-marker lines ('Page N') become pb elements."),
    ("hyphenation", "Words and paragraphs split by a page break or line break in the extraction are "
     "rejoined; the pb stays inside the paragraph."),
    ("quotation", "Quotation marks are kept as printed."),
    ("segmentation", "Paragraphs follow the blank-line paragraphs of the source."),
]

# Facts the header cannot do without (keys of collect_facts) unless the edition's
# ``[source] required`` lists others; a missing one is an ingest error.
REQUIRED = ("title", "author", "publisher", "date")


def _el(tag: str, text: str | None = None, parent: etree._Element | None = None,
        **attrs: str) -> etree._Element:
    el = etree.Element(T + tag) if parent is None else etree.SubElement(parent, T + tag)
    for k, v in attrs.items():
        el.set(XML_ID if k == "xml_id" else XML_LANG if k == "xml_lang" else k, v)
    if text is not None:
        el.text = text
    return el


def _pers(parent: etree._Element, forename: str, surname: str) -> etree._Element:
    p = _el("persName", parent=parent)
    f = _el("forename", forename, p)
    f.tail = " "
    _el("surname", surname, p)
    return p


def _human_date(iso: str) -> str:
    """'2026-11-26' -> '26 November 2026' (partial ISO dates are returned as they are)."""
    try:
        d = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def collect_facts(facts: SourceFacts, cfg: dict) -> dict[str, str | None]:
    """Merge source facts and edition.toml: the source wins, the config fills gaps."""
    src = cfg.get("source", {})
    names = facts.names()
    au, tr = cfg.get("author", {}), cfg.get("translator", {})
    author = names[0] if names else (au.get("surname"), au.get("forename"))
    translator = names[1] if len(names) > 1 else facts.translator or (tr.get("surname"), tr.get("forename"))
    return {
        "title": facts.get("title") or src.get("title"),
        "subtitle": facts.subtitle,
        "author": author[0], "author_forename": author[1],
        "translator": translator[0], "translator_forename": translator[1],
        "publisher": facts.get("publisher") or src.get("publisher"),
        "isbn10": (facts.get("isbn10 asin") or src.get("isbn10") or "").replace("-", "") or None,
        "isbn13": (facts.get("print isbn13") or src.get("isbn13") or "").replace("-", "") or None,
        "eisbn13": (facts.get("ebook isbn13") or src.get("eisbn13") or "").replace("-", "") or None,
        "lccn": facts.lccn or src.get("lccn"),
        "lcc": facts.print_lcc() or src.get("lcc"),
        "ddc": facts.get("ddc") or src.get("ddc"),
        "date": facts.get("publication date") or src.get("date"),
        "pub_place": src.get("pub_place"),
        "language": facts.get("language"),
    }


def check_facts(values: dict[str, str | None], required: tuple[str, ...] = REQUIRED) -> list[tuple[str, str]]:
    """Problems with the merged facts as (code, message): missing ones, bad ISBNs."""
    problems = [("header.missing-fact", f"no {key} in the metadata block or edition.toml")
                for key in required if not values.get(key)]
    i10, i13, e13 = values.get("isbn10"), values.get("isbn13"), values.get("eisbn13")
    if i10 and not isbn10_ok(i10):
        problems.append(("header.bad-isbn", f"ISBN-10 {i10} has a wrong check digit or form"))
    for label, isbn in (("print ISBN-13", i13), ("e-book ISBN-13", e13)):
        if isbn and not isbn13_ok(isbn):
            problems.append(("header.bad-isbn", f"{label} {isbn} has a wrong check digit or form"))
    if i10 and i13 and isbn10_ok(i10) and isbn10_to_13(i10) != i13:
        problems.append(("header.bad-isbn", f"ISBN-10 {i10} and print ISBN-13 {i13} differ"))
    return problems


def _person_id(section: dict, surname: str | None) -> str:
    """The xml:id of the author or translator: the editorial data's ``id``, else the surname
    in lower-case ASCII letters (an edition's own names live in its data, not here)."""
    given = section.get("id")
    if given:
        return str(given)
    folded = unicodedata.normalize("NFKD", surname or "person").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]+", "-", folded.lower()).strip("-") or "person"


def _title_stmt(fd: etree._Element, v: dict, cfg: dict) -> None:
    ts = _el("titleStmt", parent=fd)
    _el("title", v["title"], ts, type="main")
    if v.get("subtitle"):
        _el("title", v["subtitle"], ts, type="sub")
    author_id = _person_id(cfg.get("author", {}), v["author"])
    _pers(_el("author", parent=ts, xml_id=author_id), v["author_forename"] or "", v["author"] or "")
    tr = cfg.get("translator", {})
    if v["translator"]:
        rs = _el("respStmt", parent=ts, xml_id=_person_id(tr, v["translator"]))
        _el("resp", tr.get("resp", "Translation"), rs)
        _pers(rs, v["translator_forename"] or "", v["translator"] or "")
    ed = cfg.get("editors", {})
    rs = _el("respStmt", parent=ts, xml_id=ed.get("id", "teikit"))
    _el("resp", ed.get("resp", "TEI encoding"), rs)
    _el("orgName", ed.get("name", "teikit editors"), rs)


def _publication_stmt(fd: etree._Element, cfg: dict) -> None:
    ed, rights = cfg.get("edition", {}), cfg.get("rights", {})
    date = str(ed.get("date", ""))
    es = _el("editionStmt", parent=fd)
    edition = _el("edition", "teikit digital edition, ", es, n=str(ed.get("version", "1.0")))
    _el("date", _human_date(date), edition, when=date)
    ps = _el("publicationStmt", parent=fd)
    _el("publisher", ed.get("publisher", "teikit editors"), ps)
    if ed.get("pub_place"):
        _el("pubPlace", ed["pub_place"], ps)
    _el("date", _human_date(date), ps, when=date)
    _el("idno", ed.get("idno", ""), ps, type="teikit")
    av = _el("availability", parent=ps, status="restricted")
    # The rights of the text itself (p has no @type in TEI: it is the availability's p).
    _el("p", " ".join(rights.get("text", "").split()), av)
    lic = _el("licence", " ".join(rights.get("licence", "").split()), av)
    if rights.get("licence_url"):
        lic.set("target", rights["licence_url"])


def _source_desc(fd: etree._Element, v: dict, cfg: dict, ebook: etree._Element | None = None) -> None:
    sd = _el("sourceDesc", parent=fd)
    bs = _el("biblStruct", parent=sd, xml_id="source-print")
    mo = _el("monogr", parent=bs)
    _pers(_el("author", parent=mo), v["author_forename"] or "", v["author"] or "")
    _el("title", v["title"], mo, level="m")
    if v["translator"]:
        for role in cfg.get("translator", {}).get("roles", ["translator"]):
            _pers(_el("editor", parent=mo, role=role), v["translator_forename"] or "", v["translator"] or "")
    for key, kind in (("isbn10", "ISBN-10"), ("isbn13", "ISBN-13"), ("eisbn13", "eISBN-13"),
                      ("lccn", "LCCN"), ("lcc", "LCC"), ("ddc", "DDC")):
        if v[key]:  # a book without an ISBN or a class number has no idno for it
            _el("idno", v[key] or "", mo, type=kind)
    _imprint(mo, v["pub_place"], v["publisher"], v["date"])
    orig = cfg.get("original")
    if orig:
        rel = _el("relatedItem", parent=bs, type="original")
        om = _el("monogr", parent=_el("biblStruct", parent=rel))
        _pers(_el("author", parent=om), orig.get("forename", ""), orig.get("surname", ""))
        title = _el("title", orig.get("title", ""), om, level="m")
        if orig.get("lang"):  # no language assumed for an original the data does not describe
            title.set(XML_LANG, orig["lang"])
        _imprint(om, orig.get("pub_place"), orig.get("publisher"), str(orig.get("date", "")))
    if ebook is not None:  # the distributor's e-book the text was read from
        sd.append(ebook)


def _imprint(parent: etree._Element, place: str | None, publisher: str | None, date: str | None) -> None:
    imp = _el("imprint", parent=parent)
    _el("pubPlace", place or "", imp)
    _el("publisher", publisher or "", imp)
    if date:
        _el("date", date, imp, when=date)
    else:  # an undated imprint: TEI's @when must be a date, so none is given
        _el("date", "", imp)


def statements(cfg: dict) -> list[tuple[str, str]]:
    """The edition's ``[[statement]]``s as (type, text), whitespace normalised, in data order."""
    out = []
    for item in cfg.get("statement", []):
        out.append((str(item["type"]), " ".join(str(item["text"]).split())))
    return out


def gather_statements(stated: Iterable[tuple[str, str]] = (),
                      fallback: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The edition's statements, with the generic one for each type it does not state."""
    stated = list(stated)
    have = {kind for kind, _ in stated}
    generic = FALLBACK_DECL if fallback is None else fallback
    return [item for item in generic if item[0] not in have] + stated


def fallback_decl(book: Book) -> list[tuple[str, str]]:
    """The generic statements, said of this book's layout: a source without page markers
    has no pb, a hard-wrapped one runs its lines on into paragraphs."""
    out = []
    for kind, text in FALLBACK_DECL:
        if kind == "normalization" and not book.paged:
            text = "Whitespace is normalized; the source records no printed pages, so the text has no pb."
        elif kind == "hyphenation" and book.line_end_hyphen == "keep":
            text = ("A hyphen at a line end is kept as the word's own (the distributor had rejoined the "
                    "words the printer split).")
        elif kind == "segmentation" and book.wrapped:
            text = ("Lines with no blank line between them run on into one paragraph, joined by a space; "
                    f"adjacent lines indented by {book.indent} spaces or more keep their breaks (lb).")
        out.append((kind, text))
    return out


def outside_statements(ctx: IngestContext) -> list[tuple[str, str]]:
    """What the ingest leaves out of a file that holds more than the book ([source] start,
    end), where it lies and how many words it holds: said always, beside the edition's own
    statements."""
    book = ctx.book
    spans = []
    if book.start is not None:
        where, words = _span(ctx, 0, book_bounds(ctx.source, book)[0])
        spans.append(f"{where} ({words} words) before the book")
    if "outside" in ctx.regions:
        where, words = _span(ctx, *ctx.regions["outside"])
        spans.append(f"{where} ({words} words) after it")
    if not spans:
        return []
    who = f"{book.distributor.name}'s" if book.distributor else "a distributor's"
    read = "; the header's fields are read into this teiHeader and its sourceDesc describes the e-book" \
        if book.distributor else ""
    return [("normalization", f"The lines of the source file outside the book, {' and '.join(spans)}, are "
             f"not encoded: {who} header and licence, not the book's text{read}.")]


def _encoding_desc(h: etree._Element, cfg: dict, statements: list[tuple[str, str]]) -> None:
    enc = _el("encodingDesc", parent=h)
    if cfg.get("edition", {}).get("project"):
        _el("p", " ".join(cfg["edition"]["project"].split()), _el("projectDesc", parent=enc))
    decl = _el("editorialDecl", parent=enc)
    for kind in DECL_TYPES:
        texts = [text for k, text in statements if k == kind]
        if texts:
            part = _el(kind, parent=decl)
            for text in texts:
                _el("p", text, part)
    tax = _el("taxonomy", parent=_el("classDecl", parent=enc), xml_id="lcsh")
    _el("bibl", "Library of Congress Subject Headings", tax)


def _profile_desc(h: etree._Element, cfg: dict, subjects: list[str]) -> None:
    prof = _el("profileDesc", parent=h)
    lu = _el("langUsage", parent=prof)
    for ident, label in (cfg.get("languages") or {"en": "English"}).items():
        _el("language", label, lu, ident=ident)
    if not subjects:  # TEI's keywords must hold a term: a source with no subject headings has none
        return
    kw = _el("keywords", parent=_el("textClass", parent=prof), scheme="#lcsh")
    for subject in subjects:
        _el("term", subject, kw)


def _revision_desc(h: etree._Element, cfg: dict) -> None:
    if not cfg.get("revision"):  # TEI's revisionDesc must hold a change: none recorded, none written
        return
    rd = _el("revisionDesc", parent=h)
    who = "#" + cfg.get("editors", {}).get("id", "teikit")
    for change in cfg.get("revision", []):
        _el("change", change.get("text", ""), rd, when=str(change.get("when", "")), who=who)


def build_header(facts: SourceFacts, cfg: dict, statements: list[tuple[str, str]],
                 ebook: etree._Element | None = None) -> etree._Element:
    """The complete teiHeader element for ``facts`` and the edition config ``cfg`` (``ebook``:
    the distributor's e-book, a biblStruct for the sourceDesc)."""
    v = collect_facts(facts, cfg)
    h = _el("teiHeader")
    fd = _el("fileDesc", parent=h)
    _title_stmt(fd, v, cfg)
    _publication_stmt(fd, cfg)
    _source_desc(fd, v, cfg, ebook)
    _encoding_desc(h, cfg, statements)
    _profile_desc(h, cfg, facts.subjects())
    _revision_desc(h, cfg)
    return h


def run(ctx: IngestContext) -> None:
    """Fill the (empty) teiHeader the structure pass created."""
    if ctx.tree is None:
        return  # nothing to fill: the structure pass did not build a document
    lines = ctx.source.lines
    start, end = metadata_range(lines, ctx.regions, ctx.book.page)
    front_end = ctx.regions.get("front", (end, min(len(lines), end + 200)))[1]
    facts = read_source_facts(lines, start, end, front_end)
    cfg = load_edition_config(ctx.editorial_dir / "edition.toml")
    book = ctx.book
    ebook = None
    if book.distributor is not None:
        read = distributor.read(lines, book_bounds(ctx.source, book)[0] - 1, book.distributor.number,
                                book.distributor.title_line)
        _distributor_facts(ctx, facts, read, cfg)
        ebook = _ebook(ctx, facts, cfg, read)
    required = tuple(cfg.get("source", {}).get("required", REQUIRED))
    for code, message in check_facts(collect_facts(facts, cfg), required):
        ctx.report(Severity.ERROR, code, message, start,
                   hint="add the fact to the edition's edition.toml or fix the metadata block")
    stated = gather_statements(statements(cfg), fallback_decl(book)) + outside_statements(ctx)
    header = build_header(facts, cfg, stated, ebook)
    old = ctx.root.find(T + "teiHeader")
    if old is None:
        ctx.root.insert(0, header)
    else:
        old.getparent().replace(old, header)
    title = collect_facts(facts, cfg)["title"]
    if title:
        mark_own_title(ctx.root, title)


def _distributor_facts(ctx: IngestContext, facts: SourceFacts, ebook: distributor.EBook, cfg: dict) -> None:
    """The header's title and persons, where the metadata block gave none (it wins). A name
    the header gives by its surname alone ("by Shakespeare") takes the forenames edition.toml
    gives that surname."""
    title, subtitle = ebook.title()
    if title and "title" not in facts.fields:
        facts.fields["title"] = title
        facts.where["title"] = ebook.where["title"]
        facts.subtitle = subtitle
    author = ebook.get("author")
    if author and "author" not in facts.fields:
        surname, forename = distributor.person(author)
        known = cfg.get("author", {})
        if not forename and known.get("surname") == surname:
            forename = known.get("forename", "")
        facts.fields["author"] = f"{surname}, {forename}"
        facts.where["author"] = ebook.where["author"]
    translator = ebook.get("translator")
    if translator:
        facts.translator = distributor.person(translator)
    if not ebook.fields:
        ctx.report(Severity.INFO, "ingest.distributor-fields",
                   "the distributor's header holds none of the fields Title, Author, Translator, Release "
                   "Date ...: the header's facts come from edition.toml", 0,
                   hint="an older header (a title line, 'by' and the author) is not read: give the facts "
                        "in edition.toml [source], [author]")


def _span(ctx: IngestContext, first: int, last: int) -> tuple[str, int]:
    """"lines 1-22" and the words of lines [first, last)."""
    words = sum(len(line.split()) for line in ctx.source.lines[first:last])
    return f"lines {first + 1}-{last}", words


def _ebook(ctx: IngestContext, facts: SourceFacts, cfg: dict, ebook: distributor.EBook) -> etree._Element:
    """The distributor's e-book as a biblStruct: its author, title, translator, editor and
    illustrator, number and address, distributor and dates; and notes saying where its header
    and licence lie in the file, outside the text (not encoded, but recorded)."""
    book = ctx.book
    assert book.distributor is not None
    v = collect_facts(facts, cfg)
    bs = _el("biblStruct", xml_id="source-ebook", type="ebook")
    mo = _el("monogr", parent=bs)
    _pers(_el("author", parent=mo), v["author_forename"] or "", v["author"] or "")
    title, subtitle = ebook.title()
    _el("title", title or v["title"] or "", mo, level="m")
    if subtitle:
        _el("title", subtitle, mo, level="m", type="sub")
    for key, role in (("translator", "translator"), ("editor", "editor"), ("illustrator", "illustrator")):
        name = ebook.get(key)
        if name:
            surname, forename = distributor.person(name)
            _pers(_el("editor", parent=mo, role=role), forename, surname)
    if ebook.number:
        _el("idno", ebook.number, mo, type="ebook")
        if book.distributor.url:
            _el("idno", book.distributor.url.format(n=ebook.number), mo, type="URI")
    imp = _el("imprint", parent=mo)
    _el("publisher", book.distributor.name, imp)
    dated = False
    for key, kind in (("release date", None), ("posting date", "posted"), ("last updated", "updated")):
        text = ebook.get(key)
        if text:
            when = distributor.iso_date(text)
            el = _el("date", text, imp, **({"when": when} if when else {}))
            if kind:
                el.set("type", kind)
            dated = True
    if not dated:
        _el("date", "", imp)
    begin = book_bounds(ctx.source, book)[0]
    where, words = _span(ctx, 0, begin)
    _el("note", f"The distributor's header ({where} of the source file, through the line [source] start "
                f"matches; {words} words) is not encoded: "
                + ("its fields are read into this teiHeader." if ebook.fields else
                   "it holds no Key: Value fields to read (its number is read if it gives one)."),
        bs, type="header")
    if "outside" in ctx.regions:
        first, last = ctx.regions["outside"]
        where, words = _span(ctx, first, last)
        opening = " ".join(ctx.source.lines[first].split())
        _el("note", f"The distributor's licence and closing matter ({where} of the source file, {words} "
                    f"words, from the line {opening!r}) are not encoded: they are the e-book's terms, not "
                    "the book's text.", bs, type="licence")
    return bs


def mark_own_title(root: etree._Element, title: str) -> int:
    """The book's own title where its title pages print it (the half-title, the title page,
    the CIP data's "Bazhanov and the damnation of Stalin / Boris Bazhanov") becomes
    ``<title level="m">``, whatever its case: the title of a work, so that the persons pass
    reads the names inside it as part of the title, not as mentions. Only where it stands as
    a line of its own, or before " / " (the CIP data's statement of responsibility): within a
    line the words are something else (a character named as the play is). Returns the count."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, title.split())) + r"(?!\w)", re.IGNORECASE)

    def find(text: str) -> Iterable[tuple[int, int, None]]:
        # the title as a line of its own (or before the CIP data's " / author"): inside a line
        # the words name something else ("MACBETH, General in the King's Army")
        return ((m.start(), m.end(), None) for m in pattern.finditer(text)
                if not text[:m.start()].strip() and (not text[m.end():].strip()
                                                      or text[m.end():].lstrip().startswith("/")))

    def make(_text: str, _payload: None) -> etree._Element:
        return etree.Element(T + "title", level="m")

    count = 0
    for div in root.iterfind(f".//{T}div[@type='titlepage']"):
        count += wrap_matches(div, find, make, skip=[T + "title", T + "note"])
    return count
