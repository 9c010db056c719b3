"""`teikit deposit`: gather the edition's outputs into a BagIt bag with METS/MODS/DC.

Payload layout (under the bag's ``data/``)::

    tei/<stem>.xml             the edition
    schemas/                   the project's schemas (RELAX NG, Schematron, ODD, JSON, XSD)
    citations/                 CSL-JSON, BibLaTeX, BibTeX, RIS (written here, in-process)
    html/  epub/  csv/         the builders' outputs (taken from exports/, or built with --build)
    metadata/mets.xml          METS with MODS and DC, fileSec with SHA-256 of every file above
    metadata/mods.xml  metadata/dc.xml  metadata/deposit.json
    README.txt  RIGHTS.txt

The whole output folder is replaced only when the bag was made and validated; on any
error the previous deposit stays as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from teikit import outputs, paths, xmlio
from teikit.build import BuildSettings, builder
from teikit.cite.export import write_citations
from teikit.deposit import bag as bagging
from teikit.deposit import dspace
from teikit.deposit.dc import dc_element
from teikit.deposit.metadata import DepositMetadata, deposit_metadata
from teikit.deposit.mets import PayloadFile, mets_document
from teikit.deposit.mods import mods_element
from teikit.deposit.selfcheck import check_mets, check_record
from teikit.diagnostics import Diagnostic
from teikit.edition import Edition
from teikit.errors import InputError, TeikitError

BUILT_PARTS = ("html", "epub", "csv")


@dataclass
class DepositSettings:
    """Where things are and which options were chosen."""

    exports_dir: Path = Path("exports")
    out_dir: Path | None = None  # default: exports/deposit
    schemas_dir: Path = paths.SCHEMAS_DIR
    include: tuple[str, ...] = BUILT_PARTS  # built parts to put in the bag
    build: bool = False  # run those builders in-process first
    checksums: tuple[str, ...] = bagging.DEFAULT_CHECKSUMS
    zip: bool = False
    dspace: bool = False
    citations: Path | None = None
    """The citation files this process has just written for this edition (``build --cite
    --deposit``): linked into the bag, not written again. None: written for the bag."""


@dataclass
class DepositResult:
    out_dir: Path
    bag_dir: Path
    zip_path: Path | None = None
    dspace_dir: Path | None = None
    files: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _built_sources(
    edition: Edition, settings: DepositSettings, diags: list[Diagnostic]
) -> dict[str, list[Path]]:
    """The files of each built part, building first when asked; InputError if one is missing."""
    exports = settings.exports_dir
    if not settings.build:
        _check_provenance(edition, settings)
    for name in settings.include:
        if settings.build:
            # Every builder takes the exports folder and writes its part under it.
            result = builder(name).build(edition, exports, BuildSettings(exports_dir=exports))
            diags.extend(result.diagnostics)
    return _located(edition, settings)


def _located(edition: Edition, settings: DepositSettings) -> dict[str, list[Path]]:
    """The files of each built part; InputError if one is missing."""
    exports = settings.exports_dir
    found: dict[str, list[Path]] = {}
    for name in settings.include:
        found[name] = locate_part(name, exports)
        if not found[name]:
            raise InputError(
                f"the {name} output is missing from {exports}",
                file=exports / (name if name != "epub" else "*.epub"),
                hint=f"run `teikit build {name}` first, pass --build, or leave it out with --without {name}",
            )
    return found


def locate_part(name: str, exports: Path) -> list[Path]:
    """The files of built part ``name`` (html, epub, csv) under ``exports``, sorted."""
    if name == "epub":
        return sorted([*exports.glob("*.epub"), *exports.glob("epub/**/*.epub")])
    folder = exports / name
    if not folder.is_dir():
        return []
    # teikit's own marker records provenance; it is not part of the output
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != outputs.MARKER)


def _check_provenance(edition: Edition, settings: DepositSettings) -> None:
    """Refuse built parts recorded as made from another input than ``edition``."""
    want = edition.input_hash()
    if want is None:
        return
    record = outputs.read_record(settings.exports_dir)
    stale = sorted(name for name in settings.include if name in record and record[name] != want)
    if stale:
        raise InputError(
            f"the built {', '.join(stale)} in {settings.exports_dir} were made from another version of "
            f"the edition than {edition.path}; a deposit must not mix them",
            file=settings.exports_dir / outputs.RECORD,
            hint="run `teikit build all` again (or pass --build), then deposit",
        )


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _link(src: Path, dest: Path) -> None:
    """A file teikit built, into the payload: a hard link where the file system allows
    (nothing copied; builds replace their outputs with new files, never in place), else a
    copy. Sources the user edits (the TEI, the schemas) are always copied."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


def _fill_payload(edition: Edition, settings: DepositSettings, built: dict[str, list[Path]],
                  data: Path) -> tuple[list[PayloadFile], PurePosixPath]:
    """Copy everything into ``data`` and return what METS should list."""
    # The TEI as the editors keep it: the file, or a collection's every member, and the
    # register files; the first is the METS's primary file.
    # each under the name the edition knows it by: two members of the same file name in
    # different folders keep their folders, so that neither replaces the other
    names = edition.input_names
    for name, src in zip(names, edition.input_files, strict=True):
        _copy(src, data / "tei" / name)
    tei_rel = PurePosixPath("tei", names[0])
    schemas = (p for p in settings.schemas_dir.rglob("*") if p.is_file() and not p.name.startswith("."))
    for src in sorted(schemas):
        _copy(src, data / "schemas" / src.relative_to(settings.schemas_dir))
    if settings.citations is not None:
        cited = (p for p in settings.citations.iterdir() if p.is_file() and p.name != outputs.MARKER)
        for src in sorted(cited):
            _link(src, data / "citations" / src.name)
    else:
        write_citations(edition.tree, data / "citations", stem=edition.stem)
    exports = settings.exports_dir
    for name, sources in built.items():
        for src in sources:
            # an EPUB is kept by its name; one per document by its path in the epub folder
            # (documents in folders: 1891/letter.epub beside 1890/letter.epub)
            rel = (src.relative_to(exports / name) if name != "epub" or src.is_relative_to(exports / "epub")
                   else PurePosixPath(src.name))
            _link(src, data / name / rel)
    files = [
        PayloadFile(PurePosixPath(p.relative_to(data).as_posix()), p, p.relative_to(data).parts[0])
        for p in sorted(data.rglob("*")) if p.is_file()
    ]
    return files, tei_rel


def _texts(meta: DepositMetadata, edition: Edition, parts: list[str]) -> tuple[str, str]:
    readme = (
        f"{meta.title}\n{'=' * len(meta.title)}\n\n{meta.description()}\n\n"
        f"Identifier: {meta.identifier}\nDate: {meta.date}\nPublisher: {meta.publisher}\n\n"
        "Contents of data/:\n"
        + (f"  tei/{edition.path.name}  the TEI P5 edition (the authoritative file)\n" if not edition.members
           else f"  tei/  the {len(edition.members)} TEI P5 documents of the collection (the "
                "authoritative files)\n")
        + "".join(f"  {p}/\n" for p in parts)
        + "  metadata/  METS (with MODS and Dublin Core), MODS, Dublin Core, deposit.json\n"
        "  RIGHTS.txt  rights of the text and licence of the encoding\n\n"
        "Checksums of every file are in the bag's manifest-*.txt files; `teikit deposit --verify`\n"
        "or any BagIt validator checks them.\n"
    )
    rights = (
        f"Rights statement for {meta.title} ({meta.identifier})\n\n"
        f"{meta.rights or 'No rights statement is given in the TEI header.'}\n\n"
        f"{meta.license_statement}\n{meta.license_url}\n"
    )
    return readme, rights


def _metadata_files(meta: DepositMetadata, files: list[PayloadFile], tei_rel: PurePosixPath,
                    data: Path, digests: bagging.Digests | None = None) -> list[Diagnostic]:
    mets = mets_document(meta, files, tei_rel, digests)
    md = data / "metadata"
    md.mkdir(parents=True, exist_ok=True)
    pretty = {"encoding": "UTF-8", "xml_declaration": True, "pretty_print": True}
    (md / "mets.xml").write_bytes(mets)
    (md / "mods.xml").write_bytes(etree.tostring(mods_element(meta), **pretty))
    (md / "dc.xml").write_bytes(etree.tostring(dc_element(meta), **pretty))
    (md / "deposit.json").write_text(json.dumps(deposit_json(meta), indent=2, ensure_ascii=False) + "\n")
    # METS by libxml2; the MODS and DC records it wraps are these same files (see selfcheck)
    diags = check_mets(mets, "metadata/mets.xml")
    for name in ("mods.xml", "dc.xml"):
        diags += check_record((md / name).read_bytes(), f"metadata/{name}")
    return diags


def deposit_json(meta: DepositMetadata) -> dict:
    """The deposit's own summary (schemas/deposit-metadata.schema.json)."""
    return {
        "identifier": meta.identifier,
        "title": meta.title,
        "date": meta.date,
        "publisher": meta.publisher,
        "rights": meta.rights,
        "license": meta.license_url,
        "description": meta.description(),
        "edition": meta.edition,
        "print": meta.print,
    }


def bag_info(meta: DepositMetadata) -> dict[str, str]:
    """bag-info.txt fields (Payload-Oxum is added by bagit)."""
    info = {
        "Source-Organization": meta.publisher or "unknown",
        "External-Identifier": meta.identifier,
        "External-Description": meta.description(),
        "Bagging-Date": meta.date,
        "Title": meta.title,
    }
    # The rights in the text (as the source states them, e.g. "All rights reserved") and the
    # licence of the encoding are two statements: never let the one stand for the other.
    if meta.rights:
        info["Rights"] = " ".join(meta.rights.split())
    if meta.license_url or meta.license_statement:
        info["Encoding-License"] = meta.license_url or " ".join(meta.license_statement.split())
    return info


def build_deposit(edition: Edition, settings: DepositSettings) -> DepositResult:
    """Build the deposit into ``settings.out_dir`` (default exports/deposit), atomically."""
    edition.require_tei()  # the one TEI P5 guard, before anything is built
    meta = deposit_metadata(edition.tree)  # MetadataError before anything is written
    out_dir = settings.out_dir or settings.exports_dir / "deposit"
    diags: list[Diagnostic] = []
    built = _built_sources(edition, settings, diags)
    stem = edition.stem
    inputs = [*edition.input_files, *(f for files in built.values() for f in files)]
    with xmlio.atomic_directory(out_dir, inputs=inputs) as tmp:
        bag_dir = tmp / stem
        # read the built files holding the exports folder's lock shared: a build of another
        # edition into it moves its outputs in only once the payload holds ours (found and
        # checked again here, as they are now), so no bag mixes two builds' files
        with outputs.folder_lock(settings.exports_dir, shared=True):
            if not settings.build:
                _check_provenance(edition, settings)
                built = _located(edition, settings)
            files, tei_rel = _fill_payload(edition, settings, built, bag_dir)
        readme, rights = _texts(meta, edition, ["schemas", "citations", *built])
        bagging.write_text(bag_dir / "README.txt", readme)
        bagging.write_text(bag_dir / "RIGHTS.txt", rights)
        digests = bagging.Digests()  # each payload file read once, for METS and the bag
        problems = _metadata_files(meta, files, tei_rel, bag_dir, digests)
        if problems:
            raise TeikitError("the generated METS/MODS/DC is not schema-valid (a teikit bug): "
                              + "; ".join(d.render() for d in problems[:3]))
        # the bag is written from the checksums just computed; the tests verify such bags with
        # teikit's verifier and with the bagit library, so it is not read a third time here
        bagging.make_bag(bag_dir, bag_info(meta), settings.checksums, digests)
        payload = sum(1 for p in (bag_dir / "data").rglob("*") if p.is_file())
        result = DepositResult(out_dir=out_dir, bag_dir=out_dir / stem, files=payload, diagnostics=diags)
        if settings.zip:
            bagging.zip_directory(bag_dir, tmp / f"{stem}.zip", date=meta.date, top=stem)
            result.zip_path = out_dir / f"{stem}.zip"
        if settings.dspace:
            dspace.write_saf(meta, bag_dir / "data", tmp / "dspace", tei_rel=tei_rel)
            result.dspace_dir = out_dir / "dspace"
    return result
