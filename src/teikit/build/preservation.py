"""Nothing dropped: do the words of the TEI reach the built HTML site and EPUB?

The words of a TEI document are those of every ``<text>`` and ``<sourceDoc>`` (the
teiHeader is metadata, not text, and is not counted), and of every list a register file
given apart brought in (``build --register``: :func:`teikit.collection.add_registers` marks
each with its file in ``xml:base``): a register's entries are the edition's to show, on
their pages or their register's (a bibliography register once reached no page, unseen).
The words of an output are those a reader can reach on its reading pages: the text of every
HTML page (or EPUB content document) plus its ``title`` attributes, where teikit keeps an
alternative reading (a ``sic`` behind its ``corr``, an abbreviation behind its expansion) as a hover reading.
Navigation (``nav``, page header and footer) and scripts are not counted, nor are the
``search-data.js``/``pages-data.js`` files, so a word found only in search data is lost.

Words are compared as multisets of case-folded ``\\w+`` tokens: a word is *lost* when the
output holds it fewer times than the TEI does. (An output may hold more: note numbers,
headings it adds, mentions quoted in context on register pages.) The report gives the
counts and the lost words with the TEI elements they came from, so a build can say what
it dropped and why; :func:`diagnostics` turns a report into build diagnostics (an error
when more than :data:`TOLERANCE` of the words are lost, else a warning).

The same reading of each page gathers its ids and links, checked once the whole output is
read: a link to no file, or to an anchor its page lacks, is a warning
(:mod:`teikit.build.links`).

Words shown twice are counted on the *reading text* alone: the ``article.unit`` of each page
(one per unit of the edition, in the HTML site and in the EPUB), without what teikit adds
there (page numbers, note numbers and back-links, a unit's label, the "Notes" heading, the
witnesses' sigla and the lemma repeated at the head of its apparatus entry, the target
shown for a pointer that holds no text), without the hover readings (``title``: the hidden
element holding the same reading is counted) and without the copy of an endnote that the
HTML lists beside its marker (``data-shown-in`` names the page where the note stands). A
word the reading text holds more often than the TEI does is *repeated*; above
:data:`TOLERANCE` that is a warning.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast

from lxml import etree

from teikit import collection
from teikit.build.links import CONTAINER, Dead, Links, read_container, read_package
from teikit.build.links import diagnostics as link_diagnostics
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.xmlio import TEI_NS

WORD = re.compile(r"\w+", re.UNICODE)
# A line break with break="no" (marked "\1") and the white space around it (not "\0", a boundary).
_JOIN = re.compile("[^\\S\x00]*\x01[^\\S\x00]*")
# A loss above this share of the words is an error (the build keeps the previous outputs);
# a smaller one is a warning that still names the lost words and where they come from.
TOLERANCE = 0.005
_T = f"{{{TEI_NS}}}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# TEI text containers whose words a reader must be able to reach.
_ROOTS = (f"{_T}text", f"{_T}sourceDoc")
_SKIP_HTML = {"script", "style", "nav", "header", "footer", "template"}
# What teikit adds to the reading text (classes), left out when counting repeated words.
_ARTICLE = {"article", "{http://www.w3.org/1999/xhtml}article"}
_FURNITURE = {"pb", "tk-pb", "note-number", "marker-number", "backlink", "unit-label", "notes-heading",
              "app-wit", "lemma-copy", "letter-meta", "tk-generated"}


# C1 control characters (U+0080-U+009F) as the pages show them: the Windows-1252 characters
# they nearly always are ("c\x9cur" is shown "cœur"; see render.control-characters in
# xslt/html/text.xsl), so the word counted in the TEI is the word shown.
_C1 = {i: bytes([i]).decode("cp1252", errors="replace") for i in range(0x80, 0xA0)}


_HAS_C1 = re.compile("[\x80-\x9f]")


def _raw_words(text: str) -> list[str]:
    """The words of ``text`` as written (not case-folded), C1 characters read as Windows-1252.
    ``str.translate`` looks every character up in a dict: done only for a text that has one."""
    return WORD.findall(text.translate(_C1) if _HAS_C1.search(text) else text)


def words(text: str) -> list[str]:
    return [w.casefold() for w in _raw_words(text)]


class Origins(Mapping[str, str]):
    """word -> the first element of the TEI it occurs in ("p (line 12)"), found when asked.

    A report names the origins of a handful of words: they are found by walking the text
    again when asked (:meth:`find` for several in one walk), not kept for every word of the
    text (a copy of every text node and its element, for a thousand letters, was a fifth of
    the build's memory).
    """

    def __init__(self, tops: list[etree._Element]) -> None:
        self._tops = tops
        self._found: dict[str, str] = {}
        self._complete = False

    def _pieces(self) -> Iterator[tuple[str, etree._Element]]:
        for top in self._tops:
            for el in top.iter():
                if isinstance(el.tag, str) and el.text:
                    yield el.text, el
                if el is not top and el.tail and el.getparent() is not None:
                    yield el.tail, el.getparent()

    def find(self, wanted: Iterable[str]) -> dict[str, str]:
        """The origins of ``wanted`` (those the text holds), in one walk of the text."""
        wanted = list(wanted)
        todo = {w for w in wanted if w not in self._found}
        if todo and not self._complete:
            for piece, owner in self._pieces():
                for w in words(piece):
                    if w in todo:
                        self._found[w] = _origin(owner)
                        todo.discard(w)
                if not todo:
                    break
        return {w: self._found[w] for w in wanted if w in self._found}

    def _all(self) -> dict[str, str]:
        if not self._complete:
            for piece, owner in self._pieces():
                for w in words(piece):
                    self._found.setdefault(w, _origin(owner))
            self._complete = True
        return self._found

    def __getitem__(self, word: str) -> str:
        found = self.find([word])
        if word not in found:
            raise KeyError(word)
        return found[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _origin(owner: etree._Element) -> str:
    # in a collection, the member's file too (its xml:base): a line alone would not say which
    # (a register file's list names its own file: teikit.collection.add_registers)
    base = next((anc.get(_XML_BASE) for anc in (owner, *owner.iterancestors())
                 if anc.get(_XML_BASE) and (anc.tag == f"{_T}TEI" or collection.is_register_list(anc))), None)
    where = f"{base}, line {owner.sourceline}" if base else f"line {owner.sourceline}"
    return f"{etree.QName(owner).localname} ({where})"


# Breaks that join the word they split when break="no": a line, a column, a milestone (a
# section boundary inside a word). A page break is not among them: its page number stands
# between the halves in the outputs.
_JOINING_BREAKS = {f"{_T}lb", f"{_T}cb", f"{_T}milestone"}
# A column or gathering break without an id is shown as nothing at all (xslt/html/text.xsl):
# the text either side runs on, one word when no space stands between, though it says no
# break="no" ("Überzeu<cb/>gung", a printed column turning inside a word, reads
# "Überzeugung", and the halves were reported lost).
_UNSEEN_BREAKS = {f"{_T}cb", f"{_T}gb"}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Data, not words: a binaryObject's base64 (music notation, an image) is shown by no output.
_BINARY = f"{_T}binaryObject"


def _unseen(el: etree._Element) -> bool:
    """(With break="no" it joins the word and the white space indenting it: _JOINING_BREAKS.)"""
    return (el.tag in _UNSEEN_BREAKS and not len(el) and not el.text and el.get(_XML_ID) is None
            and el.get("break") != "no")


class _Pieces(list[str]):
    """The text of a TEI container as pieces, counted a chunk at a time: the words of a 50 MB
    text as one list of strings took 400 MB. A chunk ends at an element boundary ("\0"),
    which no word and no joined line break spans, so the counts are those of the whole text."""

    CHUNK = 8192

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    def boundary(self) -> None:
        self.append("\0")
        if len(self) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        # counted as written; case-folded once per distinct word by _count_tops
        self.counts.update(_raw_words(_JOIN.sub("", "".join(self))))
        self.clear()


def _walk_text(el: etree._Element, joins: bool, buffer: _Pieces) -> None:
    """Add ``el``'s text to ``buffer`` with the boundaries described in :func:`tei_words`.

    Comments and processing instructions are not read, but the text after one is, joined to
    the text before ("ununter<!-- pb -->brochen" is one word; lxml's iterwalk does not visit
    them, and their tails were once not counted at all)."""
    buffer.append("\1" if joins else "\0")
    if el.text:
        buffer.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and not _unseen(child) and child.tag != _BINARY:
            child_joins = child.tag in _JOINING_BREAKS and child.get("break") == "no"
            _walk_text(child, child_joins, buffer)
            if not child_joins:
                buffer.boundary()
        if child.tail:
            buffer.append(child.tail)


def _tops(root: etree._Element) -> list[etree._Element]:
    """Every text and sourceDoc not inside another, and every list of a register file given
    apart (a child of the standOff marked with its file): what :func:`tei_words` counts."""
    tops = [el for el in root.iter(*_ROOTS) if not any(anc.tag in _ROOTS for anc in el.iterancestors())]
    return tops + collection.register_lists(root)


def _count_tops(tops: Iterable[etree._Element]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for top in tops:
        # The text as a reader gets it: element boundaries separate words ("\0"), as they do
        # when an output's words are counted; a line break with break="no" ("\1") joins the
        # two halves of a word, and the white space that indents the source either side of
        # it goes too (a boundary of another element beside it stays).
        buffer = _Pieces()
        _walk_text(top, False, buffer)
        buffer.flush()
        counts.update(buffer.counts)
    return _folded(counts)


def tei_words(tree: etree._ElementTree | etree._Element) -> tuple[Counter[str], Origins]:
    """(word counts of every text and sourceDoc, word -> the first element it occurs in)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    tops = _tops(root)
    return _count_tops(tops), Origins(tops)


def words_of(elements: Iterable[etree._Element]) -> Counter[str]:
    """The words of ``elements`` as :func:`tei_words` counts them."""
    return _count_tops(elements)


def edition_words(edition: Edition) -> tuple[Counter[str], Origins]:
    """:func:`tei_words` of an edition, counted once per edition object (a build may count
    them while its workers write pages, then compare them with the pages)."""
    if "tei_words" not in edition.memo:
        edition.memo["tei_words"] = tei_words(edition.tree)
    return cast(tuple[Counter[str], Origins], edition.memo["tei_words"])


def _is_furniture(el: etree._Element) -> bool:
    return bool(_FURNITURE & set((el.get("class") or "").split())) or el.get("data-shown-in") is not None


def _is_unit(el: etree._Element) -> bool:
    return el.tag in _ARTICLE and "unit" in (el.get("class") or "").split()


def _page_pieces(root: etree._Element, every: list[str], reading: list[str]) -> None:
    """Add the text pieces of one page to ``every`` (all it shows, with hover readings) and
    to ``reading`` (its reading text alone: see the module's doc), in one walk of the page.

    A skipped element (navigation, script) is not entered at all; its tail belongs to its
    parent and counts. One walk per page, and words split once per output rather than per
    piece, keep the check a small share of a build (it read every page twice before, and
    walked every element's ancestors).
    """
    body = root.find(".//body")
    if body is None:
        body = root.find(".//{http://www.w3.org/1999/xhtml}body")

    def walk(el: etree._Element, in_reading: bool) -> None:
        # the tests of _is_furniture and _is_unit, inlined: this runs for every element of a site
        text = el.text
        if text:
            every.append(text)
            if in_reading:
                reading.append(text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag.rpartition("}")[2] not in _SKIP_HTML:
                classes = child.get("class")
                if in_reading:
                    furniture = ((classes is not None and not _FURNITURE.isdisjoint(classes.split()))
                                 or child.get("data-shown-in") is not None)
                    walk(child, not furniture)
                else:
                    walk(child, tag in _ARTICLE and classes is not None and "unit" in classes.split())
            tail = child.tail
            if tail:
                if (isinstance(tag, str) and (child.get("class") or "").startswith("tk-join")
                        and every and _joins_text_before(el, child)):
                    # a line break inside a word (lb break="no"): the halves are one word
                    every[-1] += tail
                    if in_reading:
                        reading[-1] += tail
                    continue
                every.append(tail)
                if in_reading:
                    reading.append(tail)
        title = el.get("title")  # after the children: a text's last piece stays last (tk-join)
        if title:
            every.append(title)

    walk(body if body is not None else root, False)


def _joins_text_before(parent: etree._Element, br: etree._Element) -> bool:
    """Does text stand right before ``br`` (a line break inside a word, span.tk-join; the last
    piece read is then the first half of its word)?"""
    before = br.getprevious()
    return bool(parent.text) if before is None else bool(before.tail)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _count(pieces: list[str]) -> Counter[str]:
    # "\0" between pieces: a word never runs from one text node into the next.
    return Counter(words("\0".join(pieces)))


class PageCounts(NamedTuple):
    """What reading an output's pages back found: the words of every page, those of the
    reading text alone, and the ids and links of the pages (:mod:`teikit.build.links`)."""

    every: Counter[str]
    reading: Counter[str]
    links: Links

    def update(self, other: PageCounts) -> None:
        """Add ``other``'s pages (others than those counted here)."""
        self.every.update(other.every)
        self.reading.update(other.reading)
        self.links.update(other.links)


def site_counts(folder: Path) -> PageCounts:
    """(words of every HTML page of a built site, words of its reading text, the pages' links);
    search and page data excluded from the words (see the module's doc)."""
    return page_counts(html_pages(folder), folder)


def html_pages(folder: Path) -> list[Path]:
    """The HTML pages under ``folder``, sorted by path (``sorted(folder.rglob("*.html"))``)."""
    return [Path(folder, name) for name in html_names(folder)]


def html_names(folder: Path) -> list[str]:
    """The HTML pages under ``folder`` as paths relative to it ("/"-separated), in the order of
    :func:`html_pages`. Found by os.walk and sorted as strings, part by part (as Paths sort):
    pathlib's rglob took 0.1 s for a site of 2,500 pages, and sorting Paths another 0.07 s."""
    found: list[str] = []
    top = os.fspath(folder)
    for where, _, files in os.walk(top):
        rel = os.path.relpath(where, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.extend(prefix + name for name in files if name.endswith(".html"))
    return sorted(found, key=lambda name: name.split("/"))


# The pages teikit writes are XHTML syntax (Saxon's xhtml method), which libxml2's XML parser
# reads in 0.09 s for the memoir's 490 pages where its HTML parser took 0.24 s; the same words
# either way (compared on the memoir's site and EPUB, 100 letters and ../shared's samples). A
# page that is not well-formed (an edition's own stylesheet may write HTML) is read as HTML.
# huge_tree: a page is deeper than its TEI (a list 120 deep is an ol/li 360 deep), and past
# libxml2's default of 256 levels the XML parser failed and the HTML parser cut the rest off in
# silence: the words below were reported lost (build.text-lost) and the build refused. The
# pages are teikit's own output of a TEI at most xmlio.MAX_DEPTH deep.
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_HTML = etree.HTMLParser(huge_tree=True)  # plain elements: lxml.html's classes cost a Python lookup each


def _page_root(page: Path | bytes) -> etree._Element:
    """The root element of a written page (a file, or an EPUB member's bytes)."""
    data = page if isinstance(page, bytes) else page.read_bytes()
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        return etree.fromstring(data, _HTML)


def page_counts(pages: Iterable[Path], site: Path | None = None) -> PageCounts:
    """(words of ``pages``, words of their reading text, their ids and links): a site's, or a
    worker's share of it. ``site``: the folder the pages' links are read from (their names
    relative to it); without it, the pages' paths as given."""
    every_count: Counter[str] = Counter()
    reading_count: Counter[str] = Counter()
    links = Links()
    cut = len(os.fspath(site)) + 1 if site is not None else 0
    for page in pages:
        # counted page by page: the text of a whole site is never held at once
        every: list[str] = []
        reading: list[str] = []
        root = _page_root(page)
        _page_pieces(root, every, reading)
        # the links too, from the same parse (the pages are read once: teikit.build.links)
        links.read(root, os.fspath(page)[cut:].replace(os.sep, "/"))
        every_count.update(WORD.findall("\0".join(every)))
        reading_count.update(WORD.findall("\0".join(reading)))
    return PageCounts(_folded(every_count), _folded(reading_count), links)


def _folded(raw: Counter[str]) -> Counter[str]:
    """Counts of words as found, case-folded (as :func:`words`), each distinct word once."""
    out: Counter[str] = Counter()
    for word, n in raw.items():
        out[word.casefold()] += n
    return out


def epub_counts(epub: Path) -> PageCounts:
    """(words of every XHTML content document of an EPUB, navigation document excluded; words of
    its reading text; the links of every XHTML document, the package and the container)."""
    every: Counter[str] = Counter()
    reading: Counter[str] = Counter()
    links = Links()
    with zipfile.ZipFile(epub) as zf:
        names = sorted(zf.namelist())
        for name in names:
            if name.endswith((".xhtml", ".html")):
                root = _page_root(zf.read(name))
                links.read(root, name)
                if name.rsplit("/", 1)[-1].startswith("nav."):
                    continue
                pieces: list[str] = []
                read: list[str] = []
                _page_pieces(root, pieces, read)
                every.update(WORD.findall("\0".join(pieces)))
                reading.update(WORD.findall("\0".join(read)))
            elif name.endswith(".opf"):
                read_package(links, zf.read(name), name)
            elif name == CONTAINER:
                read_container(links, zf.read(name), name)
    return PageCounts(_folded(every), _folded(reading), links)


def site_words(folder: Path) -> Counter[str]:
    """Word counts of every HTML page of a built site (search and page data excluded)."""
    return site_counts(folder)[0]


def epub_words(epub: Path) -> Counter[str]:
    """Word counts of every XHTML content document of an EPUB (the navigation document excluded)."""
    return epub_counts(epub)[0]


@dataclass
class Preservation:
    """How many of the TEI's words one output holds."""

    output: str
    words_in: int
    lost: Counter[str] = field(default_factory=Counter)
    where: Mapping[str, str] = field(default_factory=dict)
    #: words of the output (all its reading pages), and those of its reading text alone
    words_out: int = 0
    reading_words: int = 0
    #: words the reading text holds more often than the TEI does
    repeated: Counter[str] = field(default_factory=Counter)
    #: the output's dead links (teikit.build.links), by the output holding them ("the EPUB")
    dead: dict[str, list[Dead]] = field(default_factory=dict)

    @property
    def lost_count(self) -> int:
        return sum(self.lost.values())

    @property
    def lost_share(self) -> float:
        return self.lost_count / self.words_in if self.words_in else 0.0

    @property
    def repeated_count(self) -> int:
        return sum(self.repeated.values())

    @property
    def repeated_share(self) -> float:
        return self.repeated_count / self.words_in if self.words_in else 0.0


def compare(source: Counter[str], where: Mapping[str, str], output: Counter[str], name: str,
            reading: Counter[str] | None = None) -> Preservation:
    """What ``output`` lacks of ``source`` and, given the reading text, what it repeats."""
    lost = Counter({w: n - output[w] for w, n in source.items() if output[w] < n})
    repeated = (Counter({w: reading[w] - n for w, n in source.items() if reading[w] > n})
                if reading else Counter())
    return Preservation(name, sum(source.values()), lost, where, sum(output.values()),
                        sum(reading.values()) if reading else 0, repeated)


def site_report(source: Counter[str], where: Mapping[str, str], folder: Path | None,
                counted: PageCounts | None = None, files: Collection[str] | None = None,
                beside: Callable[[str], bool] | None = None) -> Preservation:
    """The HTML site in ``folder`` against the TEI's words (lost and repeated), and its dead
    links; ``counted``: the site's words as its builder counted them, instead of reading the
    pages again, and ``files``: the site's files ("/"-separated, relative to it), instead of
    listing the folder; ``beside``: whether the build's exports folder holds a file (see
    :meth:`teikit.build.links.Links.dead`)."""
    if counted is None and folder is None:
        raise ValueError("site_report needs the site's folder or its counted words")
    counted = counted or site_counts(cast(Path, folder))
    report = compare(source, where, counted.every, "HTML site", counted.reading)
    if files is None:
        files = _files(cast(Path, folder)) if folder is not None else None
    if files is not None:
        report.dead = {"the HTML site": counted.links.dead(files, beside)}
    return report


def _files(folder: Path) -> set[str]:
    """Every file under ``folder``, "/"-separated and relative to it."""
    top = os.fspath(folder)
    found: set[str] = set()
    for where, _, names in os.walk(top):
        rel = os.path.relpath(where, top).replace(os.sep, "/")
        found.update(name if rel == "." else f"{rel}/{name}" for name in names)
    return found


def _epub_files(epub: Path) -> set[str]:
    with zipfile.ZipFile(epub) as zf:
        return set(zf.namelist())


def epub_report(source: Counter[str], where: Mapping[str, str], epub: Path) -> Preservation:
    """The EPUB ``epub`` against the TEI's words (lost and repeated), and its dead links."""
    counted = epub_counts(epub)
    report = compare(source, where, counted.every, "EPUB", counted.reading)
    report.dead = {"the EPUB": counted.links.dead(_epub_files(epub))}
    return report


def epubs_report(source: Counter[str], where: Mapping[str, str], books: list[Path],
                 folder: Path | None = None) -> Preservation:
    """Several EPUBs (one per document of a collection) together against the TEI's words, and
    each one's dead links (named by its path under ``folder``)."""
    every: Counter[str] = Counter()
    reading: Counter[str] = Counter()
    dead: dict[str, list[Dead]] = {}
    for book in books:
        counted = epub_counts(book)
        every.update(counted.every)
        reading.update(counted.reading)
        name = book.relative_to(folder).as_posix() if folder is not None else book.name
        dead[f"the EPUB {name}"] = counted.links.dead(_epub_files(book))
    report = compare(source, where, every, "EPUBs", reading)
    report.dead = dead
    return report


def _sample(report: Preservation, counts: Counter[str]) -> str:
    shown = counts.most_common(6)
    where = (report.where.find(w for w, _ in shown) if isinstance(report.where, Origins)
             else {w: report.where.get(w, "?") for w, _ in shown})
    return ", ".join(f"{w!r} ×{n} from {where.get(w, '?')}" for w, n in shown)


def diagnostics(report: Preservation, file: str) -> list[Diagnostic]:
    """A diagnostic for an output that lost words, another for one that repeats more than
    :data:`TOLERANCE` of them (none when all arrived once), and one per dead link
    (:func:`teikit.build.links.diagnostics`)."""
    found: list[Diagnostic] = []
    if report.lost:
        sample = _sample(report, report.lost)
        severity = Severity.ERROR if report.lost_share > TOLERANCE else Severity.WARNING
        found.append(Diagnostic(
            file, None, None, severity, "build.text-lost",
            f"the {report.output} lacks {report.lost_count} of {report.words_in} words of the text "
            f"({report.lost_share:.1%}), e.g. {sample}",
            hint="an element teikit does not render yet? see docs/elements.md, and report it",
        ))
    if report.repeated_share > TOLERANCE:
        sample = _sample(report, report.repeated)
        found.append(Diagnostic(
            file, None, None, Severity.WARNING, "build.text-repeated",
            f"the {report.output} shows {report.repeated_count} words of the text more than once "
            f"({report.repeated_share:.1%} of {report.words_in}), e.g. {sample}",
            hint="an element rendered in two places? see docs/elements.md, and report it",
        ))
    for output, dead in report.dead.items():
        found += link_diagnostics(dead, output, file)
    return found


def lost_words(texts: Iterable[str]) -> Counter[str]:  # small helper for tests and benchmarks
    out: Counter[str] = Counter()
    for t in texts:
        out.update(words(t))
    return out
