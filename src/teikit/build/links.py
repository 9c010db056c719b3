"""Dead links: does every link the HTML site and the EPUB write lead to a file they hold?

A reader who follows a link to a page that was never written, or to an anchor its page does
not have, is let down without a word; the build says so instead (``build.broken-link``). The
links are gathered while :mod:`teikit.build.preservation` reads each page back to count its
words (the page is parsed once for both): every ``href`` and ``src`` of every page, with the
``id``\\ s of that page. Once the whole output is read, each link is resolved against the
page's folder and checked: the file must be among those the output holds and, for a link
with a fragment into a page that was read, the page must hold that ``id``. Links with a
scheme (``https:``, ``mailto:``, ``data:``) or to another host (``//…``) are not followed:
a build never uses the network. A fragment into a file that is not a page (the TEI download,
a CSV table) is not looked into. The site's links to the build's other outputs beside it
(the downloads page's ``../csv/persons.csv``, ``../bazhanov.epub``) are checked against the
exports folder as it will stand: the outputs this build made, else those already there.

The HTML site's search data (the documents of ``search-docs.json``, read anyway when the
search index is made, and the links of ``pages-data.js`` and ``entities-data.js``) is checked
the same way, as links of the site's root. In an EPUB, besides the content and navigation
documents, the package document's links (manifest items, read relative to it) and ids (each
spine ``itemref``'s ``idref`` and each ``refines``) are checked, and the container's
``rootfile``.

A dead link names the page holding it (the first, by name, of those holding it), the link
as written and the file (and anchor) it leads to, with how many links lead there; at most
:data:`SHOWN` dead links are said one by one, the others counted in one more diagnostic.
They are warnings: the output is whole (no word is lost: that is the text check's error)
and a link is a stylesheet's doing (teikit's, a bug to report, or an edition's
customization), not a problem of the edition's TEI, which exit code 1 is for.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from teikit.diagnostics import Diagnostic, Severity

# A link with a scheme ("https:", "mailto:", "data:") or to another host ("//host/..."): not followed.
_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
# libxml2 walks the page in C, elements only, and with smart_strings off gives plain strings:
# the memoir's 489 pages in 0.035 s for the three (a Python walk of the elements: 0.06 s; one
# XPath of the three attributes, which sorts the union: 0.05 s)
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)
_HREFS = etree.XPath("descendant-or-self::*/@href", smart_strings=False)
_SRCS = etree.XPath("descendant-or-self::*/@src", smart_strings=False)
SHOWN = 20  # dead links said one by one; the rest are counted in one diagnostic
_HINT = ("a link the stylesheet writes to a file or anchor it does not write: with teikit's own "
         "stylesheets, a bug to report (with the page and the TEI element behind the link); with "
         "the edition's customization stylesheet, make it write the target or not the link")


def resolve(folder: str, path: str) -> str:
    """The file a link's path (no fragment) names, from a page in ``folder`` ("" for the
    output's root): "/"-separated, relative to the output's root ("../x" leads outside it)."""
    path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    return posixpath.normpath(posixpath.join(folder, path)) if path else folder


# Pages of one folder share most of their links (navigation, registers, assets): each is
# worked out once per folder.
@functools.lru_cache(maxsize=65536)
def _target(folder: str, ref: str) -> tuple[str, str] | None:
    """(the file ``ref`` leads to from ``folder``, or "" for the page itself (no path resolves
    to ""); its fragment), or None for a link not followed (another scheme or host, or empty)."""
    ref = ref.strip()
    if not ref or _ELSEWHERE.match(ref):
        return None
    path, _, fragment = ref.partition("#")
    if "%" in fragment:
        fragment = unquote(fragment)
    return (resolve(folder, path) if path else ""), fragment


@dataclass
class Links:
    """The ids of the pages read and the links they hold, gathered page by page (in a worker,
    a forked child or this process) and added up with :meth:`update`.

    ``ids``: page -> its ids, joined by "\\0" (the memoir's 17,148 ids: 0.17 MB as a string
    per page, 2.1 MB as a set of strings per page; made a set, at the end, only for the pages a
    fragment leads into). ``targets``: (file, fragment) -> [the first page, by name, holding a
    link to it, the link as written]. ``counts``: folder -> link as written -> how many pages
    of that folder hold it.

    Most links of a page are those of the pages beside it (the navigation, the registers, a
    thousand letters' links to the same persons): a link already worked out from a folder
    is only counted, by ``Counter.update`` in C; the Python loop runs for the new ones. (A
    thousand letters: 135,000 links on their pages, 10,000 targets.)
    """

    ids: dict[str, str] = field(default_factory=dict)
    targets: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    # folder -> the links from it already recorded (not those to a page's own anchors, which
    # depend on the page): an aid to reading, not part of what was found
    _known: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        # what a worker sends back: the links found, not its aid to reading
        return {**self.__dict__, "_known": {}}

    def read(self, root: etree._Element, name: str) -> None:
        """Gather the ids and links of the page ``name`` (relative to the output's root),
        parsed as ``root``."""
        ids = _IDS(root)
        self.ids[name] = "\0".join(ids)
        refs = set(_HREFS(root))
        refs.update(_SRCS(root))
        self.add(refs, name, ids)

    def add(self, refs: Iterable[str], name: str, ids: Collection[str] = (),
            folder: str | None = None) -> None:
        """Record the links ``refs`` found in ``name`` (whose ``ids``, when given, spare the
        record of an anchor of its own that is there: most links of a page are to its notes),
        read from its ``folder`` (by default the page's own)."""
        folder = posixpath.dirname(name) if folder is None else folder
        refs = refs if isinstance(refs, set) else set(refs)
        counts = self.counts.get(folder)
        if counts is None:
            counts = self.counts[folder] = Counter()
        counts.update(refs)
        known = self._known.get(folder)
        if known is None:
            known = self._known[folder] = set()
        own: set[str] | None = None
        targets = self.targets
        for ref in refs - known:
            key = _target(folder, ref)
            if key is None:
                known.add(ref)
                continue
            if key[0]:
                known.add(ref)
            else:  # an anchor of the page itself
                if own is None:
                    own = set(ids)
                if not key[1] or key[1] in own:
                    continue
                key = (name, key[1])
            old = targets.get(key)
            if old is None:
                targets[key] = [name, ref]
            elif (name, ref) < (old[0], old[1]):
                old[0], old[1] = name, ref

    def update(self, other: Links) -> None:
        """Add the pages ``other`` read (none of them read here)."""
        self.ids.update(other.ids)
        targets = self.targets
        for key, (page, ref) in other.targets.items():
            old = targets.get(key)
            if old is None:
                targets[key] = [page, ref]
            elif (page, ref) < (old[0], old[1]):
                old[0], old[1] = page, ref
        for folder, counted in other.counts.items():
            if folder in self.counts:
                self.counts[folder].update(counted)
            else:
                self.counts[folder] = Counter(counted)

    def add_data(self, folder: Path) -> None:
        """The links of the site's script data (``pages-data.js``: where each printed page is;
        ``entities-data.js``: the entity pages), as links of the site's root."""
        pages = _script_data(folder / "pages-data.js")
        if isinstance(pages, list):  # [the number as typed, where it is, the number as printed]
            self.add((row[1] for row in pages if isinstance(row, list) and len(row) > 1
                      and isinstance(row[1], str)), "pages-data.js")
        entities = _script_data(folder / "entities-data.js")
        if isinstance(entities, dict):  # entity page -> its card
            self.add((href for href in entities if isinstance(href, str)), "entities-data.js")

    def dead(self, files: Collection[str], beside: Callable[[str], bool] | None = None) -> list[Dead]:
        """The links that lead to no file of ``files`` (paths relative to the output's root),
        or to an anchor the page they lead to does not have; by page, then link. ``beside``:
        is there a file at this path relative to the output's folder (the site's links to the
        build's other outputs in ``exports/``, ``../csv/persons.csv``); without it a link out
        of the output leads nowhere."""
        found: list[tuple[tuple[str, str], bool]] = []  # (target, fragment), the file is missing
        anchors: dict[str, set[str]] = {}
        for key in self.targets:
            target, fragment = key
            if target.startswith("../") and not target.startswith("../../") and beside is not None:
                if not beside(target[3:]):
                    found.append((key, True))
            elif target not in files:
                found.append((key, True))
            elif fragment and target in self.ids:
                if target not in anchors:
                    anchors[target] = set(self.ids[target].split("\0"))
                if fragment not in anchors[target]:
                    found.append((key, False))
        if not found:
            return []
        # how many links lead to each dead target: the links from each folder, worked out again
        many: Counter[tuple[str, str]] = Counter()
        wanted = {key for key, _ in found}
        for folder, counted in self.counts.items():
            for ref, n in counted.items():
                led = _target(folder, ref)
                if led is not None and led[0] and led in wanted:
                    many[led] += n
        dead = [Dead(self.targets[key][0], self.targets[key][1], key[0], key[1], many[key] or 1, missing)
                for key, missing in found]
        return sorted(dead, key=lambda d: (d.page, d.ref))


def _script_data(path: Path) -> object:
    """The JSON value a data script assigns (``window.X = VALUE;``), or None without the file."""
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    start = text.find("=")
    try:
        return json.loads(text[start + 1:].strip().rstrip(";"))
    except ValueError:
        return None  # not teikit's shape (an edition's own stylesheet): no links read from it


@dataclass(frozen=True)
class Dead:
    """A link that leads nowhere."""

    page: str
    ref: str
    target: str
    fragment: str
    links: int  # how many (page, link as written) lead there
    missing_file: bool

    def says(self, output: str) -> str:
        if self.target.startswith("../") and not self.target.startswith("../../"):
            why = f"the build's exports folder holds no file {self.target[3:]}"
        elif self.target == ".." or self.target.startswith(("../", "/")):
            why = f"{self.target} lies outside {output}"
        elif self.missing_file:
            why = f"{output} holds no file {self.target}"
        else:
            why = f"{self.target} has no id {self.fragment!r}"
        more = f" (one of {self.links} links to it)" if self.links > 1 else ""
        return f"{self.page} links to {self.ref!r}{more}: {why}"


def diagnostics(dead: list[Dead], output: str, file: str) -> list[Diagnostic]:
    """A warning per dead link of ``output`` ("the HTML site"), at most :data:`SHOWN`, and one
    counting the others."""
    found = [Diagnostic(file, None, None, Severity.WARNING, "build.broken-link",
                        f"a dead link in {output}: {d.says(output)}", hint=_HINT) for d in dead[:SHOWN]]
    if len(dead) > SHOWN:
        found.append(Diagnostic(
            file, None, None, Severity.WARNING, "build.broken-link",
            f"{len(dead) - SHOWN} more dead links in {output} (of {len(dead)}; the first {SHOWN} "
            "are said above)",
            hint=_HINT))
    return found


CONTAINER = "META-INF/container.xml"


def read_package(links: Links, opf: bytes, name: str) -> None:
    """The links of an EPUB's package document ``name`` (its manifest, guide and links, relative
    to it) and its references to its own ids (spine itemrefs, ``refines``), added to ``links``."""
    root = etree.fromstring(opf, etree.XMLParser(resolve_entities=False, no_network=True))
    links.read(root, name)
    # an itemref names a manifest item by id, refines an element by fragment: links of the package
    own = [f"#{ref}" for ref in root.xpath("//*[local-name() = 'itemref']/@idref | //*/@toc")]
    own += [ref for ref in root.xpath("//@refines") if ref.startswith("#")]
    links.add(own, name)


def read_container(links: Links, container: bytes, name: str = CONTAINER) -> None:
    """The container's rootfiles (``full-path``, from the EPUB's root), added to ``links``."""
    root = etree.fromstring(container, etree.XMLParser(resolve_entities=False, no_network=True))
    links.add(root.xpath("//*[local-name() = 'rootfile']/@full-path"), name, folder="")
