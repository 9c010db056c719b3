"""`teikit deposit`: a BagIt bag with METS/MODS/DC for library repositories; --verify a bag."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from teikit.cli._common import FORMAT_OPTION, edition_source, project_exports, verbosity
from teikit.deposit.bag import DEFAULT_CHECKSUMS
from teikit.deposit.formats import PACKAGES, write_packages
from teikit.deposit.package import BUILT_PARTS, DepositSettings, build_deposit
from teikit.deposit.verify import verify_bag
from teikit.diagnostics import render_json, render_text
from teikit.errors import EXIT_OK, EXIT_PROBLEMS, TeikitError

CHECKSUMS = ("sha512", "sha256", "sha384", "sha1", "md5")


@click.command("deposit")
@click.argument("edition", required=False, type=click.Path(path_type=Path))
@click.option("--verify", "verify", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="Validate the bag (folder or .zip) at PATH, every checksum, instead of building.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output folder [default: exports/deposit].")
@click.option("--exports", "exports_dir", type=click.Path(path_type=Path), default=None,
              help="Where the built outputs are [default: exports].")
@click.option("--without", multiple=True, type=click.Choice(BUILT_PARTS),
              help="Leave a built part out of the bag (repeatable).")
@click.option("--build", "run_build", is_flag=True, help="Build html/epub/csv in-process first.")
@click.option("--checksum", "checksums", multiple=True, type=click.Choice(CHECKSUMS),
              help=f"Manifest algorithm (repeatable) [default: {', '.join(DEFAULT_CHECKSUMS)}].")
@click.option("--zip", "make_zip", is_flag=True, help="Also write the bag as one .zip for upload.")
@click.option("--dspace", is_flag=True, help="Also write a DSpace Simple Archive Format item.")
@click.option("--package", "packages", multiple=True, type=click.Choice(PACKAGES),
              help="Also write an RO-Crate, an OCFL object, DataCite XML or a zipped DSpace archive "
                   "beside the bag (repeatable).")
@click.option("--collection", "collections", multiple=True, metavar="HANDLE",
              help="DSpace collection handle for the dspace-zip's collections file (repeatable).")
@click.option("--register", "registers", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A separate register (a TEI file of listPerson, listPlace...) read with the edition; "
                   "repeatable [default: the project's registers].")
@FORMAT_OPTION
def command(edition: Path | None, verify: Path | None, output: Path | None, exports_dir: Path | None,
            without: tuple[str, ...], run_build: bool, checksums: tuple[str, ...], make_zip: bool,
            dspace: bool, packages: tuple[str, ...], collections: tuple[str, ...],
            registers: tuple[Path, ...], fmt: str) -> None:
    """Package EDITION (default: the project's, from teikit.toml) for a library repository.

    EDITION is a TEI file or a folder of them (a collection: every member and register is
    kept in the bag under its own name).

    Writes exports/deposit/<name>/, a BagIt 1.0 bag holding the TEI, the schemas, the
    citations, the HTML site, the EPUB and the CSV indexes, with METS/MODS/Dublin Core
    made from the TEI header. The previous deposit is replaced only on success.
    With --verify PATH, checks a bag instead: exit 0 if every file matches its
    checksums, 1 naming each file that does not.

    \b
    Example:
      teikit deposit --build --zip              # build everything, bag it, zip it
      teikit deposit --without epub --dspace
      teikit deposit --package rocrate --package ocfl --package datacite
      teikit deposit --verify exports/deposit/edition
    """
    if verify is not None:
        _verify(verify, fmt)
        return
    settings = DepositSettings(
        exports_dir=project_exports(exports_dir),
        out_dir=output,
        include=tuple(p for p in BUILT_PARTS if p not in without),
        build=run_build,
        checksums=checksums or DEFAULT_CHECKSUMS,
        zip=make_zip,
        dspace=dspace,
    )
    try:
        loaded = edition_source(edition, registers).load()
        result = build_deposit(loaded, settings)
        extra = write_packages(loaded, result.bag_dir, packages, collections)
    except OSError as exc:  # disk full, permissions: a message, not a traceback
        raise TeikitError(f"cannot write the output: {exc.strerror or exc}", file=exc.filename,
                          hint="check free space and permissions; the previous output was kept") from exc
    outputs = [p for p in (result.bag_dir, result.zip_path, result.dspace_dir) if p] + extra
    if fmt == "json":
        click.echo(json.dumps({"outputs": [str(p) for p in outputs], "payload_files": result.files,
                               "diagnostics": [d.to_dict() for d in result.diagnostics]}, indent=2))
    else:
        for path in outputs:
            click.echo(str(path))
    verbosity().info(f"teikit deposit: bag of {result.files} payload files in {result.bag_dir}")


def _verify(path: Path, fmt: str) -> None:
    problems = verify_bag(path)
    if fmt == "json":
        click.echo(render_json(problems, tool="teikit deposit --verify", files=[str(path)]))
    elif problems:
        click.echo(render_text(problems), err=True)
    if problems:
        verbosity().info(f"teikit deposit: {len(problems)} problem(s) in {path}")
        sys.exit(EXIT_PROBLEMS)
    verbosity().info(f"teikit deposit: {path} is a valid bag (every checksum matches)")
    sys.exit(EXIT_OK)
