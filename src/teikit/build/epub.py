"""The epub builder: an EPUB 3 publication from any TEI P5 document.

``build(edition, out_dir, settings)`` writes ``out_dir/<stem>.epub`` (normally
``exports/<edition>.epub``). The content, navigation and package documents come from
``xslt/epub/epub.xsl`` (Saxon, compiled once per process); this module computes the two
values XSLT cannot (a name-based UUID, the modification time from the edition's date),
adds the OCF container files and zips deterministically (:mod:`teikit.build.epub_ocf`).
The file is replaced atomically: a failed build leaves the previous EPUB in place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from lxml import etree

from teikit import paths, saxon, xmlio
from teikit.build import BuildResult, BuildSettings
from teikit.build.customization import stylesheet_for
from teikit.build.epub_ocf import CONTAINER_XML, package
from teikit.build.html import local_images, scan_only_images
from teikit.diagnostics import Diagnostic
from teikit.edition import Edition
from teikit.xmlio import NSMAP

if TYPE_CHECKING:
    from teikit.build import epub_shards

STYLESHEET = paths.XSLT_DIR / "epub" / "epub.xsl"
CSS = paths.XSLT_DIR / "epub" / "epub.css"
# The namespace of teikit's name-based book identifiers (uuid5 of the edition's idno).
TEIKIT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://teikit.invalid/edition")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
# From 4 MB of TEI the EPUB is made in shards by other processes (sharded_bytes): one Saxon
# process's heap then grows past 600 MiB on some shapes (200,000 footnotes in 6.8 MB: 1.1 GB);
# below it one process is quicker (the memoir, 1.5 MB: 1.1 s against 2 s in shards).
SHARDED_FROM = 4_000_000


def identifier(edition: Edition) -> str:
    """``urn:uuid:`` of a UUID derived from the edition's identifier, stable across builds.

    The edition's own idno (``publicationStmt/idno[@type="teikit"]``, else any idno of
    the publicationStmt) names it; a document without one is named by its main title
    and file name.
    """
    ps = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
    ids = edition.root.xpath(f"{ps}/tei:idno[@type='teikit']/text() | {ps}/tei:idno/text()", namespaces=NSMAP)
    key = " ".join(ids[0].split()) if ids else ""
    if not key:
        title = edition.root.xpath("string(tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])",
                                   namespaces=NSMAP)
        key = f"{' '.join(title.split())}|{edition.path.name}"
    return f"urn:uuid:{uuid.uuid5(TEIKIT_NAMESPACE, key)}"


def modified(edition: Edition) -> str:
    """``dcterms:modified`` (CCYY-MM-DDThh:mm:ssZ): the edition's date, never the clock.

    From ``publicationStmt/date/@when``; else the newest ``revisionDesc/change/@when``;
    else ``SOURCE_DATE_EPOCH``; else 1970-01-01, so that the result stays reproducible.
    """
    header = "tei:teiHeader"
    candidates = edition.root.xpath(
        f"{header}/tei:fileDesc/tei:publicationStmt/tei:date/@when", namespaces=NSMAP)
    changes = sorted(d for d in edition.root.xpath(
        f"{header}/tei:revisionDesc//tei:change/@when", namespaces=NSMAP) if _ISO_DATE.match(d))
    for value in [*candidates, *reversed(changes)]:
        m = _ISO_DATE.match(value.strip())
        if m:
            y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
            return f"{y}-{mo}-{d}T00:00:00Z"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def params(edition: Edition, images: list[str] | None = None, lean: bool = False) -> dict[str, str | bool]:
    """The stylesheet parameters (each declared in xslt/epub/epub.xsl or a stylesheet it
    imports); ``lean``: render each file twice rather than hold the whole book
    (:mod:`teikit.build.memory`). The facts every process of a sharded book would otherwise work
    out over the whole edition are given (:func:`teikit.build.html.worked_out`)."""
    from teikit.build.html import worked_out

    return {"identifier": identifier(edition), "modified": modified(edition), "css": "css/epub.css",
            "images": " ".join(images or []), "lean": lean, **worked_out(edition)}


@dataclass
class Book:
    """What an EPUB needs from its edition besides the document itself (so a large build's
    child can free the edition's tree before Saxon reads the document: teikit.build.memory)."""

    params: dict[str, str | bool]
    images: list[tuple[str, Path]]
    diagnostics: list[Diagnostic]
    source_name: str


def book_of(edition: Edition, lean: bool = False) -> Book:
    xmlio.require_tei(edition.tree, edition.path)  # the one TEI P5 guard
    # the images inside the edition's folder are packaged (the same rule as the HTML site's)
    images, diags = local_images(edition)
    # (a page's scan named by pb/@facs alone is the site's, shown beside the text; no EPUB page
    # shows it, and EPUBCheck would ask why it is packaged)
    images = [(url, source) for url, source in images if url not in scan_only_images(edition)]
    return Book(params(edition, [u for u, _ in images], lean), images, diags, str(edition.path))


def epub_bytes(edition: Edition, stylesheet: Path = STYLESHEET) -> tuple[bytes, list[Diagnostic]]:
    """The EPUB of ``edition`` as bytes, and the diagnostics (the stylesheet's, images refused)."""
    return book_bytes(book_of(edition), edition.tree, stylesheet)


def book_bytes(book: Book, document: etree._ElementTree | saxon.Serialized,
               stylesheet: Path = STYLESHEET) -> tuple[bytes, list[Diagnostic]]:
    """The EPUB of ``document`` (an edition's tree, or its :class:`teikit.saxon.Serialized`
    file) as bytes, and the diagnostics."""
    with tempfile.TemporaryDirectory(prefix="teikit-epub-") as tmp:
        root = Path(tmp)
        result = saxon.transform(stylesheet, document, params=book.params, output_dir=root,
                                 source_name=book.source_name)
        return _packaged(book, root), book.diagnostics + result.messages


def sharded_bytes(book: Book, document: saxon.Serialized, jobs: int, stylesheet: Path = STYLESHEET,
                  costs: list[epub_shards.Task] | None = None) -> tuple[bytes, list[Diagnostic]]:
    """:func:`book_bytes` with the content files written in shards by ``jobs`` processes at a
    time, none of them this one (:mod:`teikit.build.epub_shards`): the same bytes. What each
    process cost is added to ``costs``, when given."""
    from teikit.build import epub_shards, parallel

    params = dict(book.params)
    if not parallel.holds_c1(document.path):  # spares every process that reads the TEI the scan
        params["control-characters"] = False
    with tempfile.TemporaryDirectory(prefix="teikit-epub-") as tmp:
        root = Path(tmp)
        said = epub_shards.write(stylesheet, document, params, book.source_name, root, jobs, costs)
        return _packaged(book, root), book.diagnostics + said


def _packaged(book: Book, root: Path) -> bytes:
    """The EPUB of the stylesheet's files in ``root``, with the container, the CSS and the images."""
    (root / "META-INF").mkdir()
    (root / "META-INF" / "container.xml").write_bytes(CONTAINER_XML)
    (root / "EPUB" / "css").mkdir(parents=True, exist_ok=True)
    (root / "EPUB" / "css" / "epub.css").write_bytes(CSS.read_bytes())
    for url, source in book.images:
        target = root / "EPUB" / "images" / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return package(root)


def released_bytes(edition: Edition, settings: BuildSettings,
                   ready: Callable[[], object] | None = None) -> tuple[bytes, list[Diagnostic]]:
    """In a large build's forked child (:mod:`teikit.build.memory`): the EPUB's bytes, the
    edition's tree freed and the book made in shards by other processes (:func:`sharded_bytes`);
    ``ready`` is waited for before they start (with ``--jobs 1``, until the HTML site is done)."""
    from teikit.build import memory

    stylesheet = stylesheet_for("epub", STYLESHEET, settings.stylesheets, trusted=settings.trust_stylesheets)
    book = book_of(edition, lean=True)
    with tempfile.TemporaryDirectory(prefix="teikit-handover-") as folder:
        document = saxon.serialized(edition.tree, Path(folder))
        memory.release(edition)
        if ready is not None:
            ready()
        return sharded_bytes(book, document, settings.jobs, stylesheet)


def large_bytes(edition: Edition, settings: BuildSettings,
                stylesheet: Path) -> tuple[bytes, list[Diagnostic]]:
    """A large edition's EPUB (:mod:`teikit.build.memory`) written in shards by other processes
    (:func:`sharded_bytes`): this one keeps its tree for the checks that follow, and never
    holds Saxon beside it."""
    book = book_of(edition, lean=True)
    with tempfile.TemporaryDirectory(prefix="teikit-handover-") as folder:
        document = saxon.serialized(edition.tree, Path(folder))
        return sharded_bytes(book, document, settings.jobs, stylesheet)


def build(edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult:
    """Write ``out_dir/<edition stem>.epub``; for a collection built with ``epub_per_document``,
    one EPUB per member in ``out_dir/epub/`` instead."""
    stylesheet = stylesheet_for("epub", STYLESHEET, settings.stylesheets, trusted=settings.trust_stylesheets)
    if settings.epub_per_document and edition.members:
        return _per_document(edition, Path(out_dir) / "epub", stylesheet)
    from teikit.build import memory

    if memory.input_size(edition) >= SHARDED_FROM:
        data, messages = large_bytes(edition, settings, stylesheet)
    else:
        data, messages = epub_bytes(edition, stylesheet)
    target = Path(out_dir) / f"{edition.stem}.epub"
    xmlio.atomic_write_bytes(target, data)
    return BuildResult("epub", outputs=[target], diagnostics=list(messages))


def _per_document(edition: Edition, folder: Path, stylesheet: Path) -> BuildResult:
    """One EPUB per member of a collection (``<member stem>.epub``, in the member's folder
    within the collection's: ``1891/letter.epub``), each with the register entries it names,
    written together (the folder is replaced only when all are made)."""
    diags: list[Diagnostic] = []
    with xmlio.atomic_directory(folder) as tmp:
        for member in edition.root.iterchildren(f"{{{xmlio.TEI_NS}}}TEI"):
            one = member_edition(edition, member)
            data, messages = epub_bytes(one, stylesheet)
            name = PurePosixPath(member.get(f"{{{xmlio.XML_NS}}}base") or one.path.name).with_suffix(".epub")
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
            diags += messages
        made = sorted(p.relative_to(tmp) for p in tmp.rglob("*.epub"))
    return BuildResult("epub", outputs=[folder / name for name in made], diagnostics=diags)


# The pointers by which a document names a register entry: a name's @ref or @key, a work's
# citation (ref/@target, quote/@source, bibl/@corresp).
_NAMING = ("ref", "key", "corresp", "target", "source")


def _named(member: etree._Element) -> set[str]:
    """The IDs ``member`` points at (its register entries, among others)."""
    return {token.lstrip("#") for el in member.iter() if isinstance(el.tag, str)
            for attr in _NAMING for token in (el.get(attr) or "").split()}


def unbooked_entries(edition: Edition) -> list[etree._Element]:
    """The entries of the register files given apart that no member points at: in no EPUB of
    :func:`_per_document` (each holds the entries its document names), though in the site's
    register pages and the CSV tables."""
    from teikit.collection import register_lists

    lists = register_lists(edition.root) if edition.members else []
    named: set[str] = set()
    for member in edition.root.iterchildren(f"{{{xmlio.TEI_NS}}}TEI") if lists else ():
        named |= _named(member)
    return [entry for found in lists for entry in found
            if isinstance(entry.tag, str) and entry.get(f"{{{xmlio.XML_NS}}}id") not in named]


def member_edition(edition: Edition, member: etree._Element) -> Edition:
    """A collection's member as an edition of its own: a copy of its TEI with, in its standOff,
    the entries of the collection's registers that it points at (not the whole register)."""
    base = member.get(f"{{{xmlio.XML_NS}}}base") or "document.xml"
    path = edition.members.get(base, edition.path / base)
    copy = etree.fromstring(etree.tostring(member))
    named = _named(copy)
    stand_off = edition.root.find(f"{{{xmlio.TEI_NS}}}standOff")
    if stand_off is not None and named:
        own = etree.Element(f"{{{xmlio.TEI_NS}}}standOff")
        for found in stand_off:
            lst = etree.SubElement(own, found.tag, dict(found.attrib))
            for entry in found:
                if entry.get(f"{{{xmlio.XML_NS}}}id") in named:
                    lst.append(etree.fromstring(etree.tostring(entry)))
            if not len(lst):
                own.remove(lst)
        if len(own):
            header = copy.find(f"{{{xmlio.TEI_NS}}}teiHeader")
            copy.insert(copy.index(header) + 1 if header is not None else 0, own)
    return Edition(path=path, tree=etree.ElementTree(copy))
