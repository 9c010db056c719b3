"""A METS document for the deposit: MODS and DC in ``dmdSec``, every payload file with its
SHA-256 in ``fileSec``, and two ``structMap``s.

The logical structMap follows the edition (one ``div`` per division, pointing into the
TEI file with ``area BETYPE="IDREF"`` at the division's ``xml:id``); the physical one
lists the package's parts (TEI, schemas, HTML, EPUB, CSV, citations) and their files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from lxml import etree

from teikit import __version__
from teikit.deposit.bag import Digests
from teikit.deposit.dc import dc_element
from teikit.deposit.metadata import DepositMetadata
from teikit.deposit.mods import XLINK_NS, mods_element

METS_NS = "http://www.loc.gov/METS/"
# An explicit table, not the mimetypes module: its answers depend on the machine.
MIME_TYPES = {
    ".xml": "application/xml", ".tei": "application/tei+xml", ".rng": "application/xml",
    ".sch": "application/xml", ".odd": "application/xml", ".xsd": "application/xml",
    ".xsl": "application/xslt+xml", ".html": "text/html", ".htm": "text/html", ".css": "text/css",
    ".js": "text/javascript", ".json": "application/json", ".epub": "application/epub+zip",
    ".csv": "text/csv", ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
    ".txt": "text/plain", ".md": "text/markdown", ".png": "image/png", ".jpg": "image/jpeg",
    ".svg": "image/svg+xml", ".woff2": "font/woff2", ".zip": "application/zip",
}


@dataclass(frozen=True)
class PayloadFile:
    """A file of the package: its path inside the payload and on disk, and its group."""

    rel: PurePosixPath
    path: Path
    group: str

    def mime_type(self, tei_rel: PurePosixPath | None = None) -> str:
        if self.rel == tei_rel:
            return "application/tei+xml"
        return MIME_TYPES.get(self.path.suffix.lower(), "application/octet-stream")


def _m(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{METS_NS}}}{name}", attrs)


def _sha256(path: Path, digests: Digests | None) -> str:
    return (digests or Digests()).of(path, "sha256")


def _header(mets: etree._Element, meta: DepositMetadata) -> None:
    date = meta.date if len(meta.date) == 10 else f"{meta.date[:4]}-01-01"
    hdr = _m(mets, "metsHdr", CREATEDATE=f"{date}T00:00:00Z", RECORDSTATUS="complete")
    if meta.publisher:
        agent = _m(hdr, "agent", ROLE="CREATOR", TYPE="ORGANIZATION")
        _m(agent, "name").text = meta.publisher
    software = _m(hdr, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _m(software, "name").text = f"teikit {__version__}"
    _m(hdr, "altRecordID", TYPE="local").text = meta.identifier


def _dmd(mets: etree._Element, meta: DepositMetadata) -> None:
    sections = (("dmd-mods", "MODS", mods_element(meta)), ("dmd-dc", "DC", dc_element(meta)))
    for dmd_id, mdtype, element in sections:
        wrap = _m(_m(mets, "dmdSec", ID=dmd_id), "mdWrap", MDTYPE=mdtype, MIMETYPE="text/xml")
        _m(wrap, "xmlData").append(element)


def _file_sec(mets: etree._Element, files: list[PayloadFile], tei_rel: PurePosixPath | None,
              digests: Digests | None = None) -> dict:
    ids: dict[PurePosixPath, str] = {}
    sec = _m(mets, "fileSec")
    groups: dict[str, etree._Element] = {}
    for n, item in enumerate(sorted(files, key=lambda f: (f.group, str(f.rel))), start=1):
        if item.group not in groups:
            groups[item.group] = _m(sec, "fileGrp", ID=f"grp-{item.group}", USE=item.group)
        file_id = ids[item.rel] = f"file-{n:05d}"
        el = _m(groups[item.group], "file", ID=file_id, MIMETYPE=item.mime_type(tei_rel),
                SIZE=str(item.path.stat().st_size), CHECKSUM=_sha256(item.path, digests),
                CHECKSUMTYPE="SHA-256")
        # METS sits in data/metadata/: its hrefs are relative to itself (xlink resolves them so)
        # a URL: a file name's space, newline, '#' or '%' percent-encoded (a collection's
        # members keep the names they were given), so a reader finds that file and no other
        _m(el, "FLocat", LOCTYPE="URL", **{f"{{{XLINK_NS}}}href": quote(f"../{item.rel}", safe="/")})
    return ids


def _logical(mets: etree._Element, meta: DepositMetadata, tei_id: str | None) -> None:
    smap = _m(mets, "structMap", TYPE="logical", LABEL="Structure of the edition")
    top = _m(smap, "div", TYPE="edition", LABEL=meta.title, DMDID="dmd-mods dmd-dc")
    if tei_id:
        _m(top, "fptr", FILEID=tei_id)
    for order, div in enumerate((d for d in meta.divisions if "container-title" in d), start=1):
        label = div["title"] + (f" (pp. {div['page']})" if div.get("page") else "")
        child = _m(top, "div", TYPE="chapter" if div.get("chapter-number") else "division",
                   LABEL=label, ORDER=str(order), ID=f"div-{div['xml:id']}")
        if tei_id:
            _m(_m(child, "fptr"), "area", FILEID=tei_id, BETYPE="IDREF", BEGIN=div["xml:id"])


def _physical(mets: etree._Element, files: list[PayloadFile], ids: dict) -> None:
    smap = _m(mets, "structMap", TYPE="physical", LABEL="Parts of the package")
    top = _m(smap, "div", TYPE="package")
    by_group: dict[str, list[PayloadFile]] = {}
    for item in sorted(files, key=lambda f: (f.group, str(f.rel))):
        by_group.setdefault(item.group, []).append(item)
    for group, items in by_group.items():
        part = _m(top, "div", TYPE=group, LABEL=group)
        for item in items:
            _m(part, "fptr", FILEID=ids[item.rel])


def mets_document(meta: DepositMetadata, files: list[PayloadFile], tei_rel: PurePosixPath | None,
                  digests: Digests | None = None) -> bytes:
    """Serialised METS (UTF-8, indented, deterministic) for ``files`` described by ``meta``;
    ``digests`` shares the checksums the bag will need (each file read once)."""
    mets = etree.Element(f"{{{METS_NS}}}mets", nsmap={"mets": METS_NS, "xlink": XLINK_NS},
                         OBJID=meta.identifier, LABEL=meta.title, TYPE="digital edition")
    _header(mets, meta)
    _dmd(mets, meta)
    ids = _file_sec(mets, files, tei_rel, digests)
    _logical(mets, meta, ids.get(tei_rel) if tei_rel else None)
    _physical(mets, files, ids)
    etree.indent(mets, space="  ")
    return etree.tostring(mets, encoding="UTF-8", xml_declaration=True) + b"\n"
