"""teikit as a library: one function per stage, each returning a value (docs/api.md).

    from teikit import api

    edition = api.load("letters/l001.xml")
    joined = api.assemble("book/main.xml", "book.xml")   # a book kept in XIncluded files
    report = api.validate(["letters/"], schema="tei_all")
    result = api.check(["letters/"], registers=["persons.xml"])
    run = api.build(edition, ["html", "epub", "csv"], out_dir="site")
    cites = api.cite(edition, "site/citations")
    deposit = api.deposit(edition, exports_dir="site")
    problems = api.verify("site/deposit/l001")

These are the functions the command line calls; they raise :class:`teikit.errors.TeikitError`
subclasses (with file, line and hint) for unusable input, and return problems found in the
input as :class:`teikit.diagnostics.Diagnostic` values. Nothing here prints or exits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from teikit.edition import Edition

if TYPE_CHECKING:
    from teikit.assemble import Assembled
    from teikit.build.run import BuildRun
    from teikit.check import CheckResult
    from teikit.cite.export import CiteResult
    from teikit.deposit.package import DepositResult
    from teikit.diagnostics import Diagnostic
    from teikit.ingest.context import IngestContext
    from teikit.validate.runner import Report

__all__ = ["load", "assemble", "validate", "check", "build", "cite", "deposit", "verify", "ingest"]


def load(path: str | Path) -> Edition:
    """Parse a TEI file safely (docs/security.md) into the one document model."""
    return Edition.load(path)


def assemble(main: str | Path, out: str | Path, *, root: str | Path | None = None) -> Assembled:
    """Join ``main`` and the files it includes with XInclude (inside ``root``, by default its
    folder) into the TEI file ``out``; then :func:`load` it (docs/security.md, *XInclude*)."""
    from teikit import assemble as joiner
    from teikit import outputs, xmlio

    joined = joiner.assemble(main, root)
    xmlio.require_tei(joined.tree, main)
    outputs.check_target(out, inputs=joined.files, folder=False)
    joiner.require_ours(out)
    joiner.write(joined, out, main)
    return joined


def validate(paths: Iterable[str | Path], schema: str = "teikit", *, engine: str = "auto") -> Report:
    """Validate files or folders against ``schema`` (``teikit``, ``tei_all`` or a schema path)."""
    from teikit.validate.runner import validate_paths

    return validate_paths(list(paths), schema, engine=engine, cache_dir=None)


def check(paths: Iterable[str | Path], *, registers: Iterable[str | Path] = (),
          select: Sequence[str] = (), ignore: Sequence[str] = (),
          bare_ids: Sequence[str] = ()) -> CheckResult:
    """Check cross-references of files or folders (docs/checks.md); ``.diagnostics`` lists problems.

    ``ignore``: rule codes, families, or pointers declared external (``@facs``, ``catRef``);
    ``bare_ids``: attributes whose values are IDs written without '#' (``sp/@who``)."""
    from teikit.check import check_paths

    return check_paths(list(paths), registers=registers, select=select, ignore=ignore, bare_ids=bare_ids)


def build(edition: Edition, formats: Sequence[str] = ("html", "epub", "csv"), *,
          out_dir: str | Path = "exports", single_page: bool = False,
          stylesheets: dict[str, Path] | None = None, trust_stylesheets: bool = False) -> BuildRun:
    """Build ``formats`` into ``out_dir``, all or nothing (docs/cli.md, *Output folders*)."""
    from teikit.build import BUILDERS, BuildSettings
    from teikit.build.run import build_formats

    unknown = [f for f in formats if f not in BUILDERS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; known: {sorted(BUILDERS)}")
    settings = BuildSettings(exports_dir=Path(out_dir), single_page=single_page,
                             stylesheets=dict(stylesheets or {}), trust_stylesheets=trust_stylesheets)
    return build_formats(edition, list(formats), settings)


def cite(edition: Edition, out_dir: str | Path, formats: Sequence[str] | None = None) -> CiteResult:
    """Write CSL-JSON, BibLaTeX, BibTeX and RIS (or ``formats``) into ``out_dir``."""
    from teikit import outputs
    from teikit.cite.export import WRITERS, write_citations

    chosen = tuple(formats) if formats else tuple(WRITERS)
    with outputs.built_from(edition.input_hash()):
        return write_citations(edition.tree, Path(out_dir), stem=edition.stem, formats=chosen,
                               inputs=edition.input_files)


def deposit(edition: Edition, *, exports_dir: str | Path = "exports", out_dir: str | Path | None = None,
            include: Sequence[str] = ("html", "epub", "csv"), build_first: bool = False,
            zip_bag: bool = False) -> DepositResult:
    """Bag the edition and its built outputs with METS/MODS/DC (docs/deposit.md)."""
    from teikit.deposit.package import DepositSettings, build_deposit

    settings = DepositSettings(exports_dir=Path(exports_dir), out_dir=Path(out_dir) if out_dir else None,
                               include=tuple(include), build=build_first, zip=zip_bag)
    return build_deposit(edition, settings)


def verify(bag: str | Path) -> list[Diagnostic]:
    """Every discrepancy of a bag folder or zip ([] when it is valid)."""
    from teikit.deposit.verify import verify_bag

    return verify_bag(bag)


def ingest(source: str | Path, editorial: str | Path) -> IngestContext:
    """Up-convert a plain-text source with its editorial data; ``.root`` is the TEI, ``.diagnostics``
    what was found. Write it with :func:`teikit.ingest.pipeline.write`."""
    from teikit.ingest import pipeline

    return pipeline.run(Path(source), Path(editorial))
