"""The document set the checker works on: parsed files, their IDs and their pointers.

Every file is parsed once (through :mod:`teikit.xmlio`, so never with entities or network)
and indexed once: ``ids`` maps each ``xml:id`` to its element, ``pointers`` lists every
value of every TEI pointer attribute (see :mod:`teikit.check.pointers`) split into its
space-separated tokens. Files that pointers lead to (``persons.xml#p1``) are loaded
lazily, relative to the pointing file, and also only once.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from teikit import xmlio
from teikit.check.pointers import SCHEME, Pointer, Prefixes, iter_pointers, prefix_definitions
from teikit.edition import Edition
from teikit.errors import InputError


def local_name(el: etree._Element) -> str:
    """The element's name without namespace ('' for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


@dataclass
class Document(Edition):
    """One parsed TEI file (an :class:`~teikit.edition.Edition`) with its ID index and its
    pointers; ``name`` is how diagnostics name it (as given on the command line)."""

    ids: dict[str, etree._Element] = field(default_factory=dict)
    duplicate_ids: list[tuple[str, etree._Element]] = field(default_factory=list)
    pointers: list[Pointer] = field(default_factory=list)
    register: bool = False  # given only to resolve @key / pointers; not itself reported on
    has_base: bool = False  # some element carries xml:base (file pointers resolve against it)
    # for columns, built on the first diagnostic that needs one (most files have none)
    _lines: list[str] | None = field(default=None, repr=False)
    _starts: dict[int, list[etree._Element]] | None = field(default=None, repr=False)
    _columns: dict[tuple[int, str], tuple[dict[etree._Element, int], list[int]]] = field(
        default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: str | Path, name: str | None = None, *, register: bool = False,
             tree: etree._ElementTree | None = None) -> Document:
        """Parse ``path`` safely (unless its ``tree`` is given, parsed by :mod:`teikit.xmlio`);
        raise :class:`InputError` when it is not usable TEI."""
        path = Path(path)
        shown = name or str(path)
        if tree is None:
            # collect_ids=False: libxml2 would refuse duplicate or non-NCName IDs; we report them.
            _, tree = Edition.read(path, shown, collect_ids=False)
        doc = cls(path=path.resolve(), name=shown, tree=tree, register=register)
        doc.require_tei()
        doc._index()
        return doc

    def use_source(self, data: bytes) -> None:
        """Take the document's lines from ``data`` (an editor's unsaved buffer) for columns."""
        encoding = self.tree.docinfo.encoding or "utf-8"
        self._lines = data.decode(encoding, errors="replace").splitlines()
        self._starts = None
        self._columns = {}

    def forget_columns(self) -> None:
        """Drop what :meth:`column_of` keeps (the file's lines, its elements by line) once this
        document's diagnostics are made: kept for every file of a collection, it held more
        memory than the diagnostics (Corpus Coranicum's 2,323 manuscripts: 577 MiB)."""
        self._lines = None
        self._starts = None
        self._columns = {}

    def column_of(self, el: etree._Element, attr: str | None = None) -> int | None:
        """The 1-based column of ``el``'s start tag (of its attribute ``attr`` when given).

        libxml2 records lines only. The element's start tag is found on its line as the
        n-th tag of its name there, n counted among the elements starting on that line in
        document order (so a file written on one line still gets the right column).
        """
        line = el.sourceline
        if line is None or not isinstance(el.tag, str):
            return None
        if self._lines is None:
            try:
                self.use_source(self.path.read_bytes())
            except OSError:
                return None
        if self._starts is None:
            self._starts = {}
            for e in self.tree.getroot().iter():
                if isinstance(e.tag, str) and e.sourceline is not None:
                    self._starts.setdefault(e.sourceline, []).append(e)
        lines = self._lines
        if lines is None or line > len(lines):
            return None
        text = lines[line - 1]
        name = (f"{el.prefix}:" if el.prefix else "") + local_name(el)
        # Per line and name, made once: the position of each element among those of its name
        # starting on the line, and where the tags of that name start in the line's text (a
        # file written on one line has every problem on it: scanning it per problem was
        # quadratic, 1,500 warnings on 10 MB took 24 s).
        key = (line, name)
        if key not in self._columns:
            same = [e for e in self._starts.get(line, []) if e.tag == el.tag and e.prefix == el.prefix]
            starts = [m.start() for m in re.finditer(rf"<{re.escape(name)}(?=[\s/>])", text)]
            self._columns[key] = ({e: i for i, e in enumerate(same)}, starts)
        order, starts = self._columns[key]
        nth = order.get(el)
        if nth is None or nth >= len(starts):
            return None
        start = starts[nth]
        if attr and not attr.startswith("{"):  # an attribute on the same line as its tag
            end = text.find(">", start)
            pattern = re.compile(rf"\s({re.escape(attr)})\s*=")
            found = pattern.search(text, start, end if end >= 0 else len(text))
            if found:
                return found.start(1) + 1
        return start + 1

    def _index(self) -> None:
        root = self.tree.getroot()
        prefixes = prefix_definitions(root) or None
        scopes = _prefix_scopes(root, prefixes)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            xml_id = el.get(xmlio.XML_ID)
            if xml_id is not None:
                if xml_id in self.ids:
                    self.duplicate_ids.append((xml_id, el))
                else:
                    self.ids[xml_id] = el
            if not el.attrib:
                continue
            if el.get(XML_BASE) is not None:
                self.has_base = True
            here = prefixes if not scopes else _scope_of(el, scopes, prefixes)
            self.pointers.extend(iter_pointers(el, local_name(el), here))


XML_BASE = f"{{{xmlio.XML_NS}}}base"
_TEI = f"{{{xmlio.TEI_NS}}}"


def _prefix_scopes(root: etree._Element, outer: Prefixes | None) -> dict[etree._Element, Prefixes | None]:
    """The prefixes in force in each ``TEI``/``teiCorpus`` nested in ``root``: those of the
    corpus headers around it, and its own header's (a teiCorpus gathers texts whose headers
    declare prefixes of their own). Empty when nothing is nested, as in most files."""
    scopes: dict[etree._Element, Prefixes | None] = {}
    for nested in root.iter(f"{_TEI}TEI", f"{_TEI}teiCorpus"):
        if nested is root:
            continue
        around = next((scopes[a] for a in nested.iterancestors() if a in scopes), outer)
        own = prefix_definitions(nested)
        scopes[nested] = ({**(around or {}), **own} or None) if own else around
    return scopes


def _scope_of(el: etree._Element, scopes: dict[etree._Element, Prefixes | None],
              outer: Prefixes | None) -> Prefixes | None:
    if el in scopes:
        return scopes[el]
    return next((scopes[a] for a in el.iterancestors() if a in scopes), outer)


def base_of(el: etree._Element) -> str:
    """The ``xml:base`` in force at ``el`` (its own and its ancestors', joined as URIs), or ''."""
    bases = [b for b in (a.get(XML_BASE) for a in (el, *el.iterancestors())) if b is not None]
    joined = ""
    for b in reversed(bases):
        joined = join_uri(joined, b.strip())
    return joined


def join_uri(base: str, ref: str) -> str:
    """``ref`` read against ``base`` as RFC 3986 does, but a relative base stays relative with
    its leading ``..`` (urljoin turns "../x/" + "p.xml" into "x/p.xml"), and a malformed URL
    base ("http://[bad/") stays a URL instead of raising."""
    if not base or SCHEME.match(ref):
        return ref
    if SCHEME.match(base):
        try:
            return urljoin(base, ref)
        except ValueError:
            return base
    if not ref or ref.startswith("/"):
        return ref or base
    joined = (base.rsplit("/", 1)[0] + "/" if "/" in base else "") + ref
    normal = posixpath.normpath(joined)
    return normal + "/" if joined.endswith("/") and not normal.endswith("/") else normal


def edition_folders(files: Iterable[Path]) -> list[Path]:
    """The folders whose files a pointer in ``files`` may lead into: for each file, its
    project's folder (the nearest ``teikit.toml`` above it), else the file's own folder
    (and below). Symbolic links resolved."""
    from teikit import project  # the project module reads TEI files through xmlio too

    roots: dict[Path, None] = {}
    folders = {Path(f).resolve().parent for f in files}
    for folder in sorted(folders):
        found = project.find(folder)
        roots[found.parent.resolve() if found else folder] = None
    return list(roots)


class DocumentSet:
    """The files being checked plus registers and files reached through pointers."""

    def __init__(self, trees: dict[Path, etree._ElementTree] | None = None) -> None:
        # files parsed already (resolved path -> tree): `teikit build --check` hands its edition's
        self._trees = trees or {}
        self.checked: list[Document] = []
        self.registers: list[Document] = []
        self._by_path: dict[Path, Document | InputError] = {}
        # membership by identity: a list search (dataclass __eq__ on paths) made adding N
        # files quadratic (16,000 files: 71 s)
        self._members: dict[bool, set[int]] = {True: set(), False: set()}
        self._roots_cache: list[Path] = []
        self._roots_of = -1

    def add(self, path: Path, name: str | None = None, *, register: bool = False) -> Document:
        """Load a file (once) and add it as checked or as a register."""
        doc = self._load(path, name, register=register)
        if isinstance(doc, InputError):
            raise doc
        target = self.registers if register else self.checked
        if id(doc) not in self._members[register]:
            self._members[register].add(id(doc))
            target.append(doc)
        return doc

    def _load(self, path: Path, name: str | None, *, register: bool) -> Document | InputError:
        key = path.resolve()
        if key not in self._by_path:
            try:
                self._by_path[key] = Document.load(path, name, register=register, tree=self._trees.get(key))
            except InputError as exc:
                self._by_path[key] = exc
        return self._by_path[key]

    def external(self, path: Path) -> Document | InputError | None:
        """The document a cross-file pointer leads to; None when the file does not exist.

        Only a file inside the edition's folder is opened (see :func:`edition_folders`): a
        stranger's ``target="../../../home/me/private.xml#x"`` would otherwise tell, by the
        diagnostics, whether that file and that ID exist. Said so before looking, whether or
        not the file is there."""
        real = path.resolve()
        if not any(real.is_relative_to(root) for root in self._roots()):
            return InputError("it lies outside the edition's folder, and teikit opens only the files "
                              "inside it", file=path)
        if not path.is_file():
            return None
        return self._load(path, None, register=True)

    def _roots(self) -> list[Path]:
        docs = [*self.checked, *self.registers]
        if self._roots_of != len(docs):  # documents are added before the rules run
            self._roots_cache = edition_folders(d.path for d in docs)
            self._roots_of = len(docs)
        return self._roots_cache

    def key_index(self) -> tuple[dict[str, etree._Element], set[str]]:
        """IDs that ``@key`` values may name (every register), and the kinds of entry they hold.

        Only registers given explicitly count: files checked together may belong to
        different projects whose keys mean different things.
        """
        index: dict[str, etree._Element] = {}
        for doc in self.registers:
            for xml_id, el in doc.ids.items():
                index.setdefault(xml_id, el)
        return index, {local_name(el) for el in index.values()}
