"""How one plain-text book is laid out: the edition's ``book.toml`` (docs/ingest.md).

The ingest reads any book extracted the same way (a metadata block, ``Page N`` lines, a
contents list, divisions, back matter); what differs from book to book lives in the
edition's editorial data, never here: the headings of its divisions and their IDs, the
regions of its back matter (an appendix table, notes, bibliography, index) and how they are
headed, how chapters are listed, labelled and headed in the notes, the places its
bibliography names after a city, the span of years its dates fall in.

Every key has a default that names no book (a book with no ``book.toml`` is read with
them); a key of the wrong type or an unknown key is an :class:`teikit.errors.InputError`
naming the file, the line and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from teikit.ingest import dates_parse, typography
from teikit.ingest.tomldata import TomlFile, check_keys, pattern, strings, typed

FILENAME = "book.toml"
# What a back-matter region holds, and so which pass encodes it.
BACK_KINDS = ("table", "notes", "bibliography", "index", "text", "entries")
# Several regions of a book may be of these kinds (the others are one each).
REPEATABLE = ("table", "text", "entries")
# How a chapter is recognised in the text: its label line and title, or its title alone
# ("title"), or its label line alone, the next line being its heading whatever it reads
# ("label": for books whose contents list words the headings otherwise).
CHAPTER_OPENS = ("title", "label")
PARTS = ("front", "body")
# What a division holding chapters is (div/@type; the customization's closed list has them).
PART_TYPES = ("part", "book", "volume", "act")
# What a chapter is: a chapter, or a play's scene.
CHAPTER_TYPES = ("chapter", "scene")
_NCNAME = re.compile(r"[A-Za-z_][\w.-]*")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
          ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))

DEFAULT_PAGE_MARKER = r"Page (?P<n>[0-9]+|[ivxlcdm]+)"
DEFAULT_CHAPTER = r"(?P<n>[0-9]{1,3})\.\s+(?P<title>.+)"
# Years a lone number may be read as: wide enough for any modern book; an edition narrows it.
DEFAULT_YEARS = dates_parse.DEFAULT_YEARS
# Chapters numbered beyond this are not looked for in the notes' section headings.
MAX_CHAPTERS = 300


def roman(n: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def number(text: str) -> int | None:
    """An arabic or roman (either case) numeral as an int, else None."""
    if text.isdigit():
        return int(text)
    low = text.lower()
    if low and set(low) <= set("ivxlcdm"):
        values = dict(_ROMAN)
        total = 0
        for i, ch in enumerate(low):
            v = values[ch]
            total += -v if i + 1 < len(low) and values[low[i + 1]] > v else v
        return total if roman(total) == low else None
    return None


@dataclass(frozen=True)
class DivisionSpec:
    """A front or body division other than a chapter, as the contents list names it."""

    headings: tuple[str, ...]  # as printed (contents list, text, notes section); first = contents
    type: str
    id: str
    part: str  # "front" or "body"
    listed: bool = True  # False: the contents list omits it; looked for all the same
    n: int | None = None  # a chapter whose label the book omits: its number (type "chapter")
    before_contents: bool = False  # printed before the contents list (a preface): not listed


@dataclass(frozen=True)
class BackSpec:
    """A region of the back matter: where it begins and what it holds."""

    headings: tuple[str, ...]
    kind: str  # one of BACK_KINDS
    type: str
    id: str
    names: str = ""  # entries: "persons" when every main entry names a person
    roles: tuple[str, ...] = ()  # entries: the titles printed after a surname ("Mrs.", "Dr.")


@dataclass(frozen=True)
class Chapters:
    """How chapters are listed in the contents, labelled in the text and headed in the notes."""

    contents: re.Pattern[str] = re.compile(DEFAULT_CHAPTER)
    label: str = "{n}."
    id: str = "ch{n:02}"
    argument: bool = False
    notes_heading: str = "Chapter {n}"
    number_words: tuple[str, ...] = ()
    opens: str = "title"  # one of CHAPTER_OPENS
    titled: bool = True  # False: a chapter's label is its only heading ("CHAP. II.")
    # One line holding label and title ("CHAPTER IV: A MARKET BY THE WAY"): groups label, n, title.
    heading: re.Pattern[str] | None = None
    type: str = "chapter"  # div/@type: "scene" in a play

    def fields(self, n: int) -> dict[str, Any]:
        words = self.number_words
        return {"n": n, "roman": roman(n).upper(), "word": words[n - 1] if 0 < n <= len(words) else ""}

    def id_of(self, n: int) -> str:
        return self.id.format(**self.fields(n))

    def label_of(self, n: int) -> str:
        return self.label.format(**self.fields(n))

    def notes_heading_of(self, n: int) -> str | None:
        """The heading of chapter ``n``'s notes section (None if the number words run out)."""
        if "{word" in self.notes_heading and not self.fields(n)["word"]:
            return None
        return self.notes_heading.format(**self.fields(n))


@dataclass(frozen=True)
class Parts:
    """Divisions that hold chapters (a novel's books, a play's acts): ``[parts]`` of book.toml.

    A line matching ``heading`` opens a part; the chapters after it (numbered afresh or on)
    are its children until the next part or another division opens."""

    heading: re.Pattern[str]  # groups: n (optional: else counted), title (optional)
    type: str = "part"  # div/@type: part, book, volume, act
    id: str = "part{n}"  # xml:id template ({n}, {n:02}, {roman}, {word})
    number_words: tuple[str, ...] = ()  # group n given in words ("First", "Second")
    titled: bool = False  # True: the line after the heading is the part's title ("Underground")

    def number(self, m: re.Match[str], count: int) -> int:
        """The part's number: group n as a numeral or one of number_words, else ``count``."""
        raw = m.groupdict().get("n")
        if raw:
            value = number(raw)
            if value is not None:
                return value
            words = [w.lower() for w in self.number_words]
            if raw.lower() in words:
                return words.index(raw.lower()) + 1
        return count

    def id_of(self, n: int) -> str:
        words = self.number_words
        return self.id.format(n=n, roman=roman(n).upper(), word=words[n - 1] if 0 < n <= len(words) else "")


@dataclass(frozen=True)
class Speeches:
    """A play's speeches and stage directions: ``[speeches]`` of book.toml."""

    speaker: re.Pattern[str]  # a line holding only a speaker's name ("FIRST WITCH.") opens a speech
    stage: re.Pattern[str] | None = None  # a stage direction ("[Enter three Witches.]"), over lines
    verse: bool = True  # a speech's lines are verse lines (l); False: one p with lb


DEFAULT_EBOOK_NUMBER = r"#\s*(?P<n>[0-9]+)"


@dataclass(frozen=True)
class Distributor:
    """The distributor whose header stands before the book ([source] start): ``[distributor]``."""

    name: str  # who published the e-book ("Project Gutenberg")
    number: re.Pattern[str] | None = re.compile(DEFAULT_EBOOK_NUMBER)  # its number in the header
    url: str = ""  # the e-book's address, {n} its number
    # a line naming title and author ("The Project Gutenberg EBook of X, by Y"): read where the
    # header has no Title or Author field (an older header)
    title_line: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Book:
    path: Path | None = None
    page_marker: re.Pattern[str] = re.compile(DEFAULT_PAGE_MARKER)
    contents_heading: str = "Contents"
    body_starts: str = "1"
    chapters: Chapters = field(default_factory=Chapters)
    divisions: tuple[DivisionSpec, ...] = ()
    back: tuple[BackSpec, ...] = ()
    place_qualifiers: tuple[str, ...] = ()
    years: tuple[int, int] = DEFAULT_YEARS
    # Words hyphenated at a line end whose two forms occur nowhere else in the source:
    # "then-rudimentary" keeps its hyphen, "documentation" is one word (docs/encoding.md).
    keep_hyphen: tuple[str, ...] = ()
    join_hyphen: tuple[str, ...] = ()
    # "decide": a hyphen at a line end is settled by the source's usage (above); "keep": it is
    # always the word's (the distributor already rejoined the words the printer split)
    line_end_hyphen: str = "decide"
    # Where the book begins and ends inside the file: a distributor's header and licence
    # around it (Project Gutenberg's "*** START OF ..." lines) are not the book.
    start: re.Pattern[str] | None = None
    end: re.Pattern[str] | None = None
    # With no page markers ([pages] marker = ""), the contents list ends before a line
    # reading one of these.
    contents_ends_before: tuple[str, ...] = ()
    # The printed page number after a contents entry ("CHURCH MUSIC      69"): matched at
    # the entry's end and left out when the entry is compared with the headings.
    contents_page: re.Pattern[str] | None = None
    # Hard-wrapped text: lines with no blank line between them run on into one paragraph,
    # a blank line ends it; runs of lines indented by at least `indent` spaces (verse, a
    # quotation set line for line) keep their line breaks.
    wrapped: bool = False
    indent: int = 2
    # Inline conventions: the character around italics, the pattern of a note marker in
    # the text (None: superscript digits), notes printed inside the text where they stand.
    italic: str = "*"
    marker: re.Pattern[str] | None = None
    note_start: re.Pattern[str] | None = None
    note_close: str = ""
    # "division": a printed note belongs to the division it is printed in; "book": the notes
    # are printed together (at the book's end) and each joins the division of its marker
    note_scope: str = "division"
    # the heading the book prints over its notes printed together ("FOOTNOTES"): the gathered
    # notes division's head, as printed ("": none, a "Notes" head is supplied)
    note_heading: str = ""
    # An illustration's line ("[Illustration: A pike]"), group "caption" optional: a figure.
    figure: re.Pattern[str] | None = None
    # Divisions holding chapters, outermost level first (a part holding books holding
    # chapters); none: the chapters are the body's own divisions.
    parts: tuple[Parts, ...] = ()
    # The distributor's header before [source] start, read into the teiHeader (None: not read).
    distributor: Distributor | None = None
    # A play's speeches (None: its lines are paragraphs).
    speeches: Speeches | None = None

    @cached_property
    def style(self) -> typography.Style:
        return typography.Style(self.italic, self.marker)

    @property
    def paged(self) -> bool:
        """Whether the source records its printed pages at all."""
        return bool(self.page_marker.pattern)

    def page(self, line: str) -> str | None:
        """The page number a line marks, or None."""
        if not self.paged:
            return None
        m = self.page_marker.fullmatch(line.strip())
        return m.group("n") if m else None

    def division(self, heading: str) -> DivisionSpec | None:
        return next((d for d in self.divisions if heading in d.headings), None)

    def back_of(self, kind: str) -> BackSpec | None:
        return next((b for b in self.back if b.kind == kind), None)

    def back_heading(self, heading: str) -> BackSpec | None:
        return next((b for b in self.back if heading in b.headings), None)

    def section_id(self, heading: str) -> str | None:
        """The ID of the division a notes-section heading names, or None."""
        division = self.division(heading)
        if division is not None:
            return division.id
        return self._chapter_sections.get(heading)

    @cached_property
    def _chapter_sections(self) -> dict[str, str]:
        """Notes-section heading -> chapter ID, for chapters 1 to MAX_CHAPTERS."""
        out: dict[str, str] = {}
        for n in range(MAX_CHAPTERS, 0, -1):  # the lowest number wins a shared heading
            heading = self.chapters.notes_heading_of(n)
            if heading is not None:
                out[heading] = self.chapters.id_of(n)
        return out


def load(editorial_dir: Path) -> Book:
    """Read ``book.toml`` from ``editorial_dir``; an absent file gives the defaults."""
    file = TomlFile.load(editorial_dir / FILENAME)
    if not file.data:
        return Book(path=file.path)
    check_keys(file, file.data, ("pages", "contents", "chapters", "division", "back", "bibliography",
                                 "dates", "hyphenation", "source", "paragraphs", "inline", "notes",
                                 "figures", "parts", "distributor", "speeches"), ())
    hyphens = file.table("hyphenation")
    check_keys(file, hyphens, ("keep", "join", "line_end"), ("hyphenation",))
    line_end = typed(file, hyphens, "line_end", str, "decide", ("hyphenation",))
    if line_end not in ("decide", "keep"):
        raise file.error(f"line_end must be one of decide, keep, not {line_end!r}", ("hyphenation",),
                         "line_end")
    pages = file.table("pages")
    check_keys(file, pages, ("marker",), ("pages",))
    contents = file.table("contents")
    check_keys(file, contents, ("heading", "body_starts", "ends_before", "page"), ("contents",))
    where = ("source",)
    src = file.table("source")
    check_keys(file, src, ("start", "end"), where)
    paragraphs = file.table("paragraphs")
    check_keys(file, paragraphs, ("wrapped", "indent"), ("paragraphs",))
    indent = typed(file, paragraphs, "indent", int, 2, ("paragraphs",))
    if isinstance(indent, bool) or indent < 1:
        raise file.error("expected a number of spaces, 1 or more", ("paragraphs",), "indent")
    inline = file.table("inline")
    check_keys(file, inline, ("italic",), ("inline",))
    italic = typed(file, inline, "italic", str, "*", ("inline",))
    if len(italic) != 1 or italic.isalnum() or italic.isspace():
        raise file.error("expected one punctuation character (\"*\", \"_\")", ("inline",), "italic")
    figures = file.table("figures")
    check_keys(file, figures, ("pattern",), ("figures",))
    note_keys = file.table("notes")
    check_keys(file, note_keys, ("marker", "start", "close", "scope", "heading"), ("notes",))
    scope = typed(file, note_keys, "scope", str, "division", ("notes",))
    if scope not in ("division", "book"):
        raise file.error(f"scope must be one of division, book, not {scope!r}", ("notes",), "scope")
    biblio = file.table("bibliography")
    check_keys(file, biblio, ("place_qualifiers",), ("bibliography",))
    book = Book(
        path=file.path,
        # "" says the source records no printed pages
        page_marker=re.compile("") if pages.get("marker") == "" else
        pattern(file, pages, "marker", DEFAULT_PAGE_MARKER, ("pages",), ("n",)),
        contents_heading=typed(file, contents, "heading", str, "Contents", ("contents",)),
        body_starts=typed(file, contents, "body_starts", str, "1", ("contents",)),
        chapters=_chapters(file),
        divisions=tuple(_divisions(file)),
        back=tuple(_back(file)),
        place_qualifiers=tuple(strings(file, biblio, "place_qualifiers", (), ("bibliography",))),
        years=_years(file),
        keep_hyphen=tuple(strings(file, hyphens, "keep", (), ("hyphenation",))),
        join_hyphen=tuple(strings(file, hyphens, "join", (), ("hyphenation",))),
        line_end_hyphen=line_end,
        start=_optional_pattern(file, src, "start", where, ()),
        end=_optional_pattern(file, src, "end", where, ()),
        contents_ends_before=tuple(strings(file, contents, "ends_before", (), ("contents",))),
        contents_page=_optional_pattern(file, contents, "page", ("contents",), ()),
        wrapped=typed(file, paragraphs, "wrapped", bool, False, ("paragraphs",)),
        indent=indent,
        italic=italic,
        marker=_optional_pattern(file, note_keys, "marker", ("notes",), ("n",)),
        note_start=_optional_pattern(file, note_keys, "start", ("notes",), ("n", "text")),
        note_close=typed(file, note_keys, "close", str, "", ("notes",)),
        note_heading=typed(file, note_keys, "heading", str, "", ("notes",)).strip(),
        note_scope=scope,
        figure=_optional_pattern(file, figures, "pattern", ("figures",), ()),
        parts=_parts(file),
        distributor=_distributor(file),
        speeches=_speeches(file),
    )
    if book.distributor is not None and book.start is None:
        raise file.error("a distributor's header is the lines before the book: set [source] start",
                         ("distributor",), "name")
    if not book.contents_heading and book.paged:
        raise file.error("a book with page markers has a contents list (its body begins at a page after "
                         "it); \"\" is for a source with neither", ("contents",), "heading")
    if book.note_heading and book.note_start is None:
        raise file.error("a heading over the notes printed together needs their start ([notes] start)",
                         ("notes",), "heading")
    if book.note_start is not None and book.back_of("notes") is not None:
        raise file.error("notes printed in the text ([notes] start) are gathered into a notes division of "
                         "their own: the book cannot also have a [[back]] region of kind \"notes\"",
                         ("notes",), "start")
    return book


def _optional_pattern(file: TomlFile, table: dict[str, Any], key: str, where: tuple[str, ...],
                      groups: tuple[str, ...]) -> re.Pattern[str] | None:
    if key not in table:
        return None
    return pattern(file, table, key, "", where, groups)


def _id(file: TomlFile, value: str, where: tuple[str, ...], key: str, item: int | None = None) -> str:
    if not _NCNAME.fullmatch(value):
        raise file.error(f"{value!r} is not a valid xml:id (letters, digits, '-', '_', '.')",
                         where, key, item)
    return value


def _chapters(file: TomlFile) -> Chapters:
    t = file.table("chapters")
    where = ("chapters",)
    check_keys(file, t, ("contents", "label", "id", "argument", "notes_heading", "number_words", "opens",
                         "titled", "heading", "type"), where)
    opens = typed(file, t, "opens", str, "title", where)
    if opens not in CHAPTER_OPENS:
        raise file.error(f"opens must be one of {', '.join(CHAPTER_OPENS)}, not {opens!r}", where, "opens")
    chapters = Chapters(
        contents=pattern(file, t, "contents", DEFAULT_CHAPTER, where, ("n", "title")),
        label=typed(file, t, "label", str, "{n}.", where),
        id=typed(file, t, "id", str, "ch{n:02}", where),
        argument=typed(file, t, "argument", bool, False, where),
        notes_heading=typed(file, t, "notes_heading", str, "Chapter {n}", where),
        number_words=tuple(strings(file, t, "number_words", (), where)),
        opens=opens,
        titled=typed(file, t, "titled", bool, True, where),
        heading=_optional_pattern(file, t, "heading", where, ("label", "n", "title")),
        type=typed(file, t, "type", str, "chapter", where),
    )
    if chapters.type not in CHAPTER_TYPES:
        raise file.error(f"type must be one of {', '.join(CHAPTER_TYPES)}, not {chapters.type!r}", where,
                         "type")
    if not chapters.titled and opens != "label":
        raise file.error("a chapter with no title is found by its label: set opens = \"label\"", where,
                         "titled")
    if opens == "label" and not chapters.label:
        raise file.error("opens = \"label\" needs the label line ([chapters] label)", where, "opens")
    for key in ("label", "id", "notes_heading"):
        try:
            getattr(chapters, key).format(n=1, roman="I", word="One")
        except (KeyError, IndexError, ValueError) as exc:
            raise file.error(f"a template may use {{n}}, {{n:02}}, {{roman}} and {{word}} only ({exc})",
                             where, key) from None
    _id(file, chapters.id_of(1), where, "id")
    if "{word" in chapters.notes_heading and not chapters.number_words:
        raise file.error("notes_heading uses {word} but number_words is empty", where, "number_words")
    return chapters


def _speeches(file: TomlFile) -> Speeches | None:
    t = file.table("speeches")
    if not t:
        return None
    where = ("speeches",)
    check_keys(file, t, ("speaker", "stage", "verse"), where)
    if "speaker" not in t:
        raise file.error("missing: the pattern of a speaker's line", where, "speaker")
    return Speeches(pattern(file, t, "speaker", "", where, ()),
                    _optional_pattern(file, t, "stage", where, ()),
                    typed(file, t, "verse", bool, True, where))


def _distributor(file: TomlFile) -> Distributor | None:
    t = file.table("distributor")
    if not t:
        return None
    where = ("distributor",)
    check_keys(file, t, ("name", "number", "url", "title_line"), where)
    name = typed(file, t, "name", str, "", where)
    if not name.strip():
        raise file.error("missing: who distributes the e-book (\"Project Gutenberg\")", where, "name")
    number_re = None if t.get("number") == "" else \
        pattern(file, t, "number", DEFAULT_EBOOK_NUMBER, where, ("n",))
    url = typed(file, t, "url", str, "", where)
    try:
        url.format(n="1")
    except (KeyError, IndexError, ValueError) as exc:
        raise file.error(f"the address may use {{n}} only ({exc})", where, "url") from None
    title_line = _optional_pattern(file, t, "title_line", where, ("title",))
    return Distributor(name.strip(), number_re, url, title_line)


def _parts(file: TomlFile) -> tuple[Parts, ...]:
    """``[parts]`` (one level) or ``[[parts]]`` (levels, outermost first)."""
    raw = file.data.get("parts")
    if raw is None:
        return ()
    levels = [raw] if isinstance(raw, dict) else file.tables("parts")
    out = []
    for k, t in enumerate(levels):
        item = None if isinstance(raw, dict) else k
        where = ("parts",)
        check_keys(file, t, ("heading", "type", "id", "number_words", "titled"), where, item)
        if "heading" not in t:
            raise file.error("missing: the pattern of a part's heading line", where, "heading", item)
        parts = Parts(heading=pattern(file, t, "heading", "", where, (), item),
                      type=typed(file, t, "type", str, "part", where, item),
                      id=typed(file, t, "id", str, "part{n}", where, item),
                      number_words=tuple(strings(file, t, "number_words", (), where, item)),
                      titled=typed(file, t, "titled", bool, False, where, item))
        if parts.type not in PART_TYPES:
            raise file.error(f"type must be one of {', '.join(PART_TYPES)}, not {parts.type!r}", where,
                             "type", item)
        try:
            parts.id_of(1)
        except (KeyError, IndexError, ValueError) as exc:
            raise file.error(f"a template may use {{n}}, {{n:02}}, {{roman}} and {{word}} only ({exc})",
                             where, "id", item) from None
        _id(file, parts.id_of(1), where, "id", item)
        out.append(parts)
    return tuple(out)


def _divisions(file: TomlFile) -> list[DivisionSpec]:
    out = []
    for k, t in enumerate(file.tables("division")):
        where = ("division",)
        check_keys(file, t, ("headings", "type", "id", "part", "listed", "n", "before_contents"), where, k)
        before = typed(file, t, "before_contents", bool, False, where, k)
        if before and (t.get("listed", True) or t.get("part", "body") != "front"):
            raise file.error("a division printed before the contents list is a front one they do not list: "
                             "part = \"front\", listed = false", where, "before_contents", k)
        n = typed(file, t, "n", int, 0, where, k)
        if "n" in t and (isinstance(n, bool) or n < 1 or t.get("type") != "chapter"):
            raise file.error("n is the number of a chapter (type = \"chapter\"), 1 or more", where, "n", k)
        headings = strings(file, t, "headings", (), where, k)
        if not headings:
            raise file.error("a division needs its headings as printed", where, "headings", k)
        part = typed(file, t, "part", str, "body", where, k)
        if part not in PARTS:
            raise file.error(f"part must be one of {', '.join(PARTS)}, not {part!r}", where, "part", k)
        out.append(DivisionSpec(tuple(headings), _required(file, t, "type", where, k),
                                _id(file, _required(file, t, "id", where, k), where, "id", k), part,
                                typed(file, t, "listed", bool, True, where, k), n or None, before))
    return out


def _back(file: TomlFile) -> list[BackSpec]:
    out: list[BackSpec] = []
    for k, t in enumerate(file.tables("back")):
        where = ("back",)
        check_keys(file, t, ("headings", "kind", "type", "id", "names", "roles"), where, k)
        headings = strings(file, t, "headings", (), where, k)
        kind = _required(file, t, "kind", where, k)
        if kind not in BACK_KINDS:
            raise file.error(f"kind must be one of {', '.join(BACK_KINDS)}, not {kind!r}", where, "kind", k)
        if not headings:
            raise file.error("a back-matter region needs the heading that opens it", where, "headings", k)
        if kind not in REPEATABLE and any(b.kind == kind for b in out):
            raise file.error(f"a second region of kind {kind!r}", where, "kind", k)
        # notes, bibliography and index divisions are typed by what they hold (other passes and
        # the stylesheets find them so); a table or a text is an appendix unless the data says otherwise
        if kind not in ("table", "text") and "type" in t:
            raise file.error(f"a {kind} region is a div of type {kind!r}; only tables and texts take a type",
                             where, "type", k)
        for key in ("names", "roles"):
            if key in t and kind != "entries":
                raise file.error(f"{key} is said of an index read entry by entry (kind \"entries\")",
                                 where, key, k)
        names = typed(file, t, "names", str, "", where, k)
        if names not in ("", "persons"):
            raise file.error(f"names must be \"persons\" or \"\", not {names!r}", where, "names", k)
        type_ = typed(file, t, "type", str, "appendix", where, k) if kind in ("table", "text") else \
            "index" if kind == "entries" else kind
        out.append(BackSpec(tuple(headings), kind, type_,
                            _id(file, typed(file, t, "id", str, kind, where, k), where, "id", k), names,
                            tuple(strings(file, t, "roles", (), where, k))))
    return out


def _required(file: TomlFile, t: dict[str, Any], key: str, where: tuple[str, ...], k: int) -> str:
    value = typed(file, t, key, str, "", where, k)
    if not value:
        raise file.error("missing (a string is required)", where, key, k)
    return str(value)


def _years(file: TomlFile) -> tuple[int, int]:
    t = file.table("dates")
    where = ("dates",)
    check_keys(file, t, ("years",), where)
    years = typed(file, t, "years", list, list(DEFAULT_YEARS), where)
    if len(years) != 2 or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise file.error("expected [first, last], two years", where, "years")
    lo, hi = years
    if not (1000 <= lo <= hi <= 9999) or lo % 100 or hi % 100 != 99:
        raise file.error("the span runs from the start of a century to the end of one, four digits "
                         "(e.g. [1700, 1999])", where, "years")
    return lo, hi
