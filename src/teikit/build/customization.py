"""An edition's own stylesheet over teikit's: the project's ``html-stylesheet``/``epub-stylesheet``.

A customization is an XSLT 3.0 stylesheet that imports teikit's and overrides what it
wants (a template in mode ``tk:page-content``, a named template, a parameter's default)::

    <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" ...>
      <xsl:import href="teikit:html/html.xsl"/>
      ...overrides...
    </xsl:stylesheet>

``teikit:`` names teikit's own XSLT folder wherever teikit is installed (a checkout or a
wheel), so the customization works unchanged on any machine. teikit reads the file with its
safe parser, rewrites the ``teikit:`` and relative ``xsl:import``/``xsl:include`` hrefs of the
file to absolute ``file:`` URIs, and compiles that copy (kept in a temporary folder for the
process). Includes inside the edition's other stylesheets are relative as usual.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path

from teikit import paths, xmlio
from teikit.errors import InputError

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SCHEME = "teikit:"
_workdir: Path | None = None


def _folder() -> Path:
    global _workdir
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="teikit-xslt-"))
        atexit.register(shutil.rmtree, _workdir, True)
    return _workdir


def resolve_href(href: str, base: Path) -> str:
    """The absolute URI of an import href of the customization at ``base``."""
    if href.startswith(SCHEME):
        target = (paths.XSLT_DIR / href[len(SCHEME):].lstrip("/")).resolve()
        if not target.is_relative_to(paths.XSLT_DIR.resolve()) or not target.is_file():
            raise InputError(f"{href!r} names no stylesheet of teikit", file=base,
                             hint="teikit's entry stylesheets are teikit:html/html.xsl and "
                                  "teikit:epub/epub.xsl")
        return target.as_uri()
    if "://" in href or href.startswith("file:"):
        return href
    return (base.parent / href).resolve().as_uri()


def prepared(stylesheet: Path) -> Path:
    """A compilable copy of the customization ``stylesheet`` with its hrefs made absolute."""
    source = Path(stylesheet).resolve()
    tree = xmlio.parse_file(source)
    root = tree.getroot()
    if root.tag not in (f"{{{XSL_NS}}}stylesheet", f"{{{XSL_NS}}}transform"):
        raise InputError("not an XSLT stylesheet (the root is not xsl:stylesheet)", file=source,
                         line=root.sourceline, hint="see docs/project.md, 'Customizing a format'")
    for el in root.iterchildren(f"{{{XSL_NS}}}import", f"{{{XSL_NS}}}include"):
        href = el.get("href")
        if href:
            el.set("href", resolve_href(href, source))
    data = xmlio.serialize(tree)
    digest = hashlib.sha256(str(source).encode() + b"\0" + data).hexdigest()[:16]
    out = _folder() / f"{source.stem}-{digest}.xsl"
    if not out.exists():
        out.write_bytes(data)
    return out


def stylesheet_for(fmt: str, default: Path, stylesheets: dict[str, Path]) -> Path:
    """The stylesheet to run for ``fmt``: the edition's customization, or teikit's own."""
    custom = stylesheets.get(fmt)
    return prepared(custom) if custom else default
