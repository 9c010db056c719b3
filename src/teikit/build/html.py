"""The HTML reading edition: ``teikit build html`` -> ``exports/html/``.

One XSLT 3.0 run (``xslt/html/html.xsl``, compiled once per process by
:mod:`teikit.saxon`) writes every page as a result document into a temporary folder (Saxon
serializes them itself: much faster than returning them to Python); this module checks the
input is TEI P5, passes the citation records of :mod:`teikit.cite.records` so pages carry
the same metadata as the citation files, adds the local assets (CSS, JavaScript), and swaps
the folder into place only when all went well.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from lxml import etree

from teikit import paths, saxon, xmlio
from teikit.build import BuildResult, BuildSettings, downloads, memory, parallel, preservation, search_index
from teikit.build.customization import stylesheet_for
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.errors import InputError, MetadataError

STYLESHEET = paths.XSLT_DIR / "html" / "html.xsl"
ASSETS = paths.XSLT_DIR / "html" / "assets"
FOLDER = "html"


def check_tei(edition: Edition) -> None:
    """Refuse what is not TEI P5, saying what the root element is (see xmlio.tei_root_problem)."""
    xmlio.require_tei(edition.tree, edition.path)


def citations_json(edition: Edition) -> tuple[str, list[Diagnostic]]:
    """The edition's CSL-JSON citation records as a JSON string ("{}" if it has none)."""
    from teikit.cite.records import citation_records

    try:
        records = citation_records(edition.tree)
    except MetadataError as exc:
        diag = Diagnostic(
            str(edition.path), exc.line, None, Severity.INFO, "html.no-citation-metadata",
            f"pages carry header metadata only: {exc.message}", hint=exc.hint,
        )
        return "{}", [diag]
    return json.dumps(records, ensure_ascii=False, sort_keys=True), []


def render(edition: Edition, settings: BuildSettings, folder: Path, shard: int = 0,
           shards: int = 1, *, release: bool = False) -> list[Diagnostic]:
    """Run the stylesheet, writing the pages into ``folder`` (only those of ``shard`` of
    ``shards``: see xslt/html/shards.xsl); return its diagnostics. ``release``: free the
    edition's tree before Saxon parses the document (a large build's child:
    :mod:`teikit.build.memory`; the edition is unusable afterwards)."""
    params, diags = page_params(edition, settings)
    with tempfile.TemporaryDirectory(prefix="teikit-handover-") as handover:
        document: etree._ElementTree | saxon.Serialized = edition.tree
        if release:
            document = saxon.serialized(edition.tree, Path(handover))
            memory.release(edition)
            if not parallel.holds_c1(document.path):  # Saxon need not look for them in the text
                params["control-characters"] = False
        return diags + write_pages(document, params, settings, folder, str(edition.path), shard, shards)


def page_params(edition: Edition, settings: BuildSettings) -> tuple[dict[str, object], list[Diagnostic]]:
    """The stylesheet's parameters for ``edition`` (but the shard), and what finding them said."""
    check_tei(edition)
    citations, diags = citations_json(edition)
    return {"single-page": settings.single_page, "citations": citations,
            "downloads": json.dumps(downloads.entries(edition, settings), ensure_ascii=False),
            # the images copied beside the pages: any other is shown as a label, not as an
            # <img> that points at nothing
            "images": " ".join(sorted({url for url, _ in local_images(edition)[0]})),
            **worked_out(edition)}, diags


_TEI = "{http://www.tei-c.org/ns/1.0}"
_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_STRING_LENGTH = etree.XPath("string-length(.)")
_ALL_IDS = etree.XPath("//@xml:id", smart_strings=False)


def worked_out(edition: Edition) -> dict[str, str]:
    """What the stylesheets would otherwise work out over the whole edition in every process
    that runs them (each worker of ``build --jobs N``): the characters of each collection
    member's text (``member-chars``) and the lower-cased xml:ids two distinct IDs fold to
    (``id-clashes``; only when every ID is plain ASCII without spaces, where lower-casing is
    the same here and in XPath). 0.3 s of each worker's fixed work on 1,000 Escher letters."""
    root = edition.root
    found: dict[str, str] = {}
    if root.tag == _TEI + "teiCorpus":
        chars = {}
        for member in root.iterchildren(_TEI + "TEI"):
            base, text = member.get(_BASE), member.find(_TEI + "text")
            if base is not None and text is not None:
                chars[base] = int(cast(float, _STRING_LENGTH(text)))
        found["member-chars"] = json.dumps(chars, ensure_ascii=False, sort_keys=True)
    ids = set(cast(list[str], _ALL_IDS(edition.tree)))
    if all(xml_id.isascii() and xml_id and not any(c.isspace() for c in xml_id) for xml_id in ids):
        folded: dict[str, set[str]] = {}
        for xml_id in ids:
            folded.setdefault(xml_id.lower(), set()).add(xml_id)
        found["id-clashes"] = " ".join(sorted(low for low, same in folded.items() if len(same) > 1))
    return found


def write_pages(document: etree._ElementTree | saxon.Serialized, params: dict[str, object],
                settings: BuildSettings, folder: Path, source_name: str, shard: int = 0,
                shards: int = 1) -> list[Diagnostic]:
    """Run the stylesheet on ``document`` (the edition's tree, or its serialized copy) with
    :func:`page_params`, writing shard ``shard``'s pages into ``folder``; its messages."""
    result = saxon.transform(stylesheet(settings), document,
                             params={**params, "shard": shard, "shards": shards},
                             source_name=source_name, output_dir=folder)
    return result.messages


def stylesheet(settings: BuildSettings) -> Path:
    """The HTML stylesheet the build runs: the edition's customization, or teikit's own."""
    return stylesheet_for("html", STYLESHEET, settings.stylesheets, trusted=settings.trust_stylesheets)


# The same rule as tk:local-image in xslt/html/text.xsl: a relative path of plain characters.
_LOCAL_IMAGE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(jpe?g|png|gif|svg|webp)$", re.IGNORECASE)
# A name without a folder and without an image's extension: an identifier (a facsimile's page
# id, "HS.NZ85.1.3750_0002"), not a file.
# Image formats a reader's browser or EPUB reader does not display (archival masters).
_UNSHOWN_FORMAT = re.compile(r"\.(tiff?|jp2|bmp)$", re.IGNORECASE)
_IMAGE_SUFFIX = re.compile(r"\.(jpe?g|png|gif|svg|webp|tiff?|jp2|bmp)$", re.IGNORECASE)


def _is_identifier(url: str) -> bool:
    return not ({"/", "\\", ":"} & set(url)) and url not in {".", ".."} and not _IMAGE_SUFFIX.search(url)


_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a URL with a scheme (http:, iiif:, file:)


def local_images(edition: Edition) -> tuple[list[tuple[str, Path]], list[Diagnostic]]:
    """The local images of ``edition`` (graphic/@url, a relative path of plain characters) that
    lie inside its folder, as (url, file) pairs, and a diagnostic for each one refused: a path
    or link that leads outside the folder, or a missing file. Nothing outside is ever read.
    Found once per edition (the pages' parameter and the copy both ask; 0.13 s for the 2,210
    graphics of 1,000 letters), and before a divided build forks, so its workers inherit it."""
    if "local_images" not in edition.memo:
        edition.memo["local_images"] = _find_local_images(edition)
    return cast(tuple[list[tuple[str, Path]], list[Diagnostic]], edition.memo["local_images"])


# More refusals of one kind than this are said in one warning (the first few named).
_SAID_APART = 3
_REFUSED_MANY = {
    "render.image-outside": "are not plain relative paths inside the edition's folder",
    "render.image-format": "are in formats browsers and EPUB readers do not show (each shown as a label)",
    "render.image-missing": "do not exist beside the edition",
    "render.image-unsafe": "are SVG files holding scripts or references to other files",
}


def _image_references(root: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Each graphic/@url, and each pb/@facs that is itself an image's path (its first pointer,
    not "#surface": a transcription may name its page's scan directly, pb facs="scans/p1.jpg");
    a pb/@facs on another server is linked by the pages, never fetched, and not said here."""
    for element in root.iter(f"{{{xmlio.TEI_NS}}}graphic", f"{{{xmlio.TEI_NS}}}pb"):
        if element.tag == f"{{{xmlio.TEI_NS}}}graphic":
            yield element, (element.get("url") or "").strip()
            continue
        first = (element.get("facs") or "").split()[:1]
        if first and _IMAGE_SUFFIX.search(first[0]) and not _REMOTE.match(first[0]):
            yield element, first[0]


def _find_local_images(edition: Edition) -> tuple[list[tuple[str, Path]], list[Diagnostic]]:
    diags: list[Diagnostic] = []
    found: list[tuple[str, Path]] = []
    remote: list[tuple[str, int | None]] = []
    unnamed: list[tuple[str, Path, int | None]] = []
    seen: set[tuple[Path, str]] = set()
    first_of: dict[str, tuple[Path, Path]] = {}  # url -> (the image copied, the file naming it)
    bases: dict[Path, Path] = {}  # resolved once per file (a thousand letters have 2,210 graphics)
    # refused images by code: (file, line, url, (code, message, hint))
    refusals: dict[str, list[tuple[Path, int | None, str, tuple[str, str, str]]]] = {}
    from_graphics: set[str] = set()
    for graphic, url in _image_references(edition.root):
        if graphic.tag != f"{{{xmlio.TEI_NS}}}pb":
            from_graphics.add(url)
        # a collection's member names its images from its own folder
        file = edition.file_of(graphic)
        base = bases.get(file) or bases.setdefault(file, file if file.is_dir() else file.resolve().parent)
        if (base, url) in seen or not url:
            continue
        seen.add((base, url))
        if _REMOTE.match(url):
            remote.append((url, graphic.sourceline))
            continue
        if _is_identifier(url):
            unnamed.append((url, file, graphic.sourceline))
            continue
        local = _LOCAL_IMAGE.match(url) and not {"..", ".", ""} & set(url.split("/"))
        source = (base / url).resolve()
        unshown = _UNSHOWN_FORMAT.search(url)
        refused: tuple[str, str, str] | None = None  # (code, message, hint)
        if unshown and not {"..", "."} & set(url.split("/")):
            refused = ("render.image-format",
                       f"the image {url} is a {unshown.group(1).upper()} file, which browsers and EPUB "
                       "readers do not show; it was not copied (shown as a label)",
                       "add a PNG or JPEG copy and name it in graphic/@url (or in a second graphic of the "
                       "same figure)")
        elif not local or not source.is_relative_to(base):
            refused = ("render.image-outside",
                       f"the image {url} is not a plain relative path inside the edition's folder; it was "
                       "not copied",
                       "put the image inside the edition's folder and name it by a relative path of "
                       "letters, digits, '_', '-', '.' and '/'")
        elif not source.is_file():
            # a folder or a FIFO of that name is not copied either (a FIFO would block the copy)
            what = "is not a file (a folder, a FIFO or a device)" if source.exists() else "does not exist"
            refused = ("render.image-missing", f"the image {url} {what} beside the edition",
                       f"add it at {base / url}, or fix graphic/@url")
        elif url.lower().endswith(".svg") and (danger := svg_danger(source)):
            refused = ("render.image-unsafe",
                       f"the SVG image {url} holds {danger}, which would run or load when the image is "
                       "opened on its own (from the site, or by an EPUB reader); it was not copied",
                       "remove the scripts, event handlers and references to other files from the SVG, "
                       "or give a PNG")
        if refused is None and url in first_of and first_of[url][0] != source \
                and first_of[url][0].read_bytes() != source.read_bytes():
            # the site and the EPUB keep one image per @url: members in different folders
            # naming different images alike would show the first one's in both
            refused = ("render.image-clash",
                       f"the image {url} beside this file is not the one of the same name beside "
                       f"{first_of[url][1]}; the outputs hold one image per name, that one, shown here too",
                       "give the two images different names (or put them in folders named in @url)")
        if refused is None:
            if url not in first_of:
                first_of[url] = (source, file)
                found.append((url, source))
        else:
            refusals.setdefault(refused[0], []).append((file, graphic.sourceline, url, refused))
    for code, cases in refusals.items():
        if len(cases) <= _SAID_APART or code not in _REFUSED_MANY:
            diags += [Diagnostic(str(file), line, None, Severity.WARNING, code, message, hint=hint)
                      for file, line, _url, (_code, message, hint) in cases]
            continue
        # said once: Al-Muqtabas' facsimiles name 256 scans in ../images, one warning each
        file, line, _url, (_code, _message, hint) = cases[0]
        examples = ", ".join(url for _file, _line, url, _refused in cases[:_SAID_APART])
        diags.append(Diagnostic(str(file), line, None, Severity.WARNING, code,
                                f"{len(cases)} images {_REFUSED_MANY[code]}; none was copied "
                                f"(e.g. {examples})", hint=hint))
    if unnamed:  # said once: a facsimile's page identifiers, one per page of every letter
        url, file, line = unnamed[0]
        diags.append(Diagnostic(str(file), line, None, Severity.INFO, "render.image-identifier",
                                f"{len(unnamed)} graphic/@url value(s) name no image file (e.g. {url}: "
                                "no .jpg, .png, .gif, .svg or .webp); each is shown as a label",
                                hint="give the image file's relative path (or its full URL) in @url"))
    if remote:  # said once: an edition may point at hundreds of images on a server
        diags.append(Diagnostic(str(edition.path), remote[0][1], None, Severity.INFO, "render.image-remote",
                                f"{len(remote)} image(s) are not on this machine (e.g. {remote[0][0]}); "
                                "each is shown as a label with its URL",
                                hint="teikit never fetches: copy an image into the edition's folder "
                                     "to show it"))
    # the scans named by pb/@facs alone: the site shows them beside the text, the EPUB not
    edition.memo["scan_only_images"] = {url for url, _ in found} - from_graphics
    return found, diags


def scan_only_images(edition: Edition) -> set[str]:
    """The images of :func:`local_images` that only a pb/@facs names (no graphic)."""
    local_images(edition)
    return cast(set[str], edition.memo["scan_only_images"])


# What an SVG may not hold to be published: an <img> runs none of it, but the file itself is
# served from the site (images/x.svg, opened on its own it is a page of the edition's origin)
# and some EPUB readers render SVG as a document.
_SVG_ACTIVE = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
_SVG_LOADS = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import|expression\s*\(", re.IGNORECASE)
_SVG_INLINE_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)


def svg_danger(path: Path) -> str:
    """What in the SVG file ``path`` could run a script or load another resource ("" if nothing).
    Read as every input is (no entity, no DTD, bounded): an SVG teikit cannot read so is refused."""
    try:
        root = xmlio.parse_bytes(xmlio.read_bytes(path), str(path), collect_ids=False).getroot()
    except InputError as exc:
        return f"markup teikit does not read ({exc.message})"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname.lower()
        if name in _SVG_ACTIVE:
            return f"a <{etree.QName(el).localname}> element"
        if name == "style" and _SVG_LOADS.search("".join(el.itertext())):
            return "a stylesheet that loads another file"
        for attr, value in el.attrib.items():
            attr = etree.QName(attr).localname.lower()
            plain = "".join(value.split()).lower()
            if attr.startswith("on"):
                return f"an event handler ({attr})"
            if "javascript:" in plain or "vbscript:" in plain:
                return "a script URL"
            if attr in ("href", "src") and plain and not plain.startswith("#") \
                    and not _SVG_INLINE_IMAGE.match(plain):
                return f"a reference to another resource ({value.strip()[:60]})"
            if attr == "style" and _SVG_LOADS.search(value):
                return "a style that loads another file"
    return ""


def copy_images(edition: Edition, folder: Path) -> list[Diagnostic]:
    """Copy the local images the pages show into ``folder/images`` (see :func:`local_images`)."""
    images, diags = local_images(edition)
    for url, source in images:
        target = folder / "images" / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return diags


def fill(edition: Edition, settings: BuildSettings, tmp: Path, tei_words: bool = True,
         halves: bool = False, lean: bool = False,
         ) -> tuple[list[Diagnostic], preservation.PageCounts | None]:
    """Write the whole site into the fresh folder ``tmp``: pages, search index, assets, the
    TEI and its images. Returns the diagnostics and, when the build checks the text, the
    words of the pages and their links (see :class:`teikit.build.BuildResult`; the links of
    the search data too, read as its index is made); ``tei_words``: count the TEI's words
    too, meanwhile (not in a child process: its parent counts them).

    ``halves`` (in a forked child, :mod:`teikit.build.forked`): once the pages are written,
    tell the parent (:func:`teikit.build.forked.notify`), which counts the words of the pages
    of shard 1 of 2 (:func:`teikit.build.parallel.shard_of`) while this process counts those
    of shard 0 and writes the search index: only shard 0's words are returned.

    ``lean`` (in a large build's forked child, :mod:`teikit.build.memory`): the pages are
    written by this process alone and the edition's tree is freed before Saxon reads it; this
    process, whose memory Saxon's heap still fills, does not write the search index (the
    parent does, :func:`teikit.build.search_index.write`, while this process counts its half
    of the pages: a page at a time, a few MiB)."""
    copied: list[Diagnostic] = []

    def meanwhile(serialized: saxon.Serialized | None = None) -> None:
        # what needs no page: done while workers write the pages (else after)
        downloads.copy_tei(edition, tmp, serialized)  # the downloads page offers the TEI
        copied.extend(copy_images(edition, tmp))
        if settings.check_text and tei_words and not parallel.divided(settings):
            preservation.edition_words(edition)  # the TEI's words, for the text check (workers count theirs)

    searched = preservation.Links()  # the search data's links, gathered as its index is made

    def index() -> None:
        # search-docs.json -> the prebuilt index search-index.js
        search_index.write(tmp, searched if settings.check_text else None)

    if lean:  # what needs the tree first: render() then frees it
        meanwhile()
        diags, words = render(edition, settings, tmp, release=True), None
    else:
        # the index once the pages are written (while divided builds' workers count their words)
        diags, words = parallel.render_site(edition, settings, tmp, meanwhile,
                                            then=None if halves else index)
    diags += copied
    if settings.check_text and words is None and halves:
        from teikit.build import forked

        forked.notify()  # every page is written: the parent counts shard 1's words meanwhile
        words = preservation.page_counts(half_of_pages(tmp, 0), tmp)
    if halves and not lean:  # a large build's parent writes it, not this process that Saxon's heap fills
        index()
    shutil.copytree(ASSETS, tmp / "assets")
    if settings.check_text and words is None:  # counted where written
        words = preservation.site_counts(tmp)
    if words is not None:  # the links of the data the scripts read (the pages' are in)
        words.links.update(searched)
        words.links.add_data(tmp)
    return diags, words


def half_of_pages(site: Path, half: int) -> list[Path]:
    """The site's pages of shard ``half`` of 2 (what :func:`fill` and its parent each count)."""
    return [site / name for name in preservation.html_names(site) if parallel.shard_of(name, 2) == half]


def listed(target: Path, tmp: Path) -> list[Path]:
    """The files written into ``tmp`` as they will stand under ``target``."""
    # os.walk, not Path.rglob: a site of 2,500 pages was listed in 0.1 s by rglob
    found: list[Path] = []
    for folder, _, files in os.walk(tmp):
        where = target / Path(folder).relative_to(tmp)
        found.extend(where / name for name in files)
    return sorted(found)


def build(edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult:
    """Build the reading edition into ``out_dir/html`` (replaced only when all went well)."""
    target = Path(out_dir) / FOLDER
    with xmlio.atomic_directory(target) as tmp:
        diags, words = fill(edition, settings, tmp)
        outputs = listed(target, tmp)
    return BuildResult(format="html", outputs=outputs, diagnostics=diags, words=words)
