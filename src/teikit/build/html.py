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
import re
import shutil
from pathlib import Path

from teikit import paths, saxon, xmlio
from teikit.build import BuildResult, BuildSettings, downloads, search_index
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
        params={"single-page": settings.single_page, "citations": citations,
                "downloads": json.dumps(downloads.entries(edition, settings), ensure_ascii=False)},
        source_name=str(edition.path),
        output_dir=folder,
    )
    return diags + result.messages


# The same rule as tk:local-image in xslt/html/text.xsl: a relative path of plain characters.
_LOCAL_IMAGE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(jpe?g|png|gif|svg|webp)$", re.IGNORECASE)


def copy_images(edition: Edition, folder: Path) -> list[Diagnostic]:
    """Copy the local images the pages show into ``folder/images``; never read outside the
    edition's folder (a path that leaves it, or a link pointing out of it, is refused)."""
    base = edition.path.resolve().parent
    diags: list[Diagnostic] = []
    seen: set[str] = set()
    for graphic in edition.root.iter(f"{{{xmlio.TEI_NS}}}graphic"):
        url = graphic.get("url") or ""
        if url in seen or not _LOCAL_IMAGE.match(url) or {"..", ".", ""} & set(url.split("/")):
            continue
        seen.add(url)
        source = (base / url).resolve()
        if not source.is_relative_to(base):
            diags.append(Diagnostic(str(edition.path), graphic.sourceline, None, Severity.WARNING,
                                    "html.image-outside",
                                    f"the image {url} leads outside the edition's folder; it was not copied",
                                    hint="put the image inside the edition's folder"))
        elif not source.is_file():
            diags.append(Diagnostic(str(edition.path), graphic.sourceline, None, Severity.WARNING,
                                    "html.image-missing",
                                    f"the image {url} does not exist beside the edition",
                                    hint=f"add it at {base / url}, or fix graphic/@url"))
        else:
            target = folder / "images" / url
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return diags


def build(edition: Edition, out_dir: Path, settings: BuildSettings) -> BuildResult:
    """Build the reading edition into ``out_dir/html`` (replaced only when all went well)."""
    target = Path(out_dir) / FOLDER
    with xmlio.atomic_directory(target) as tmp:
        diags = render(edition, settings, tmp)
        search_index.write(tmp)  # search-docs.json -> the prebuilt index search-index.js
        downloads.copy_tei(edition, tmp)  # the downloads page offers the TEI
        diags += copy_images(edition, tmp)
        shutil.copytree(ASSETS, tmp / "assets")
        outputs = sorted(target / p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file())
    return BuildResult(format="html", outputs=outputs, diagnostics=diags)
