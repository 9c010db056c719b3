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
import shutil
from pathlib import Path

from teikit import paths, saxon, xmlio
from teikit.build import BuildResult, BuildSettings
from teikit.build.customization import stylesheet_for
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.errors import MetadataError

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


def render(edition: Edition, settings: BuildSettings, folder: Path) -> list[Diagnostic]:
    """Run the stylesheet, writing the pages into ``folder``; return its diagnostics."""
    check_tei(edition)
    citations, diags = citations_json(edition)
    result = saxon.transform(
        stylesheet_for("html", STYLESHEET, settings.stylesheets),
        edition.tree,
        params={"single-page": settings.single_page, "citations": citations},
        source_name=str(edition.path),
        output_dir=folder,
    )
    return diags + result.messages


def build(edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult:
    """Build the reading edition into ``out_dir/html`` (replaced only when all went well)."""
    target = Path(out_dir) / FOLDER
    with xmlio.atomic_directory(target) as tmp:
        diags = render(edition, settings, tmp)
        shutil.copytree(ASSETS, tmp / "assets")
        outputs = sorted(target / p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file())
    return BuildResult(format="html", outputs=outputs, diagnostics=diags)
