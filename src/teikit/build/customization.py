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

A customization comes with the edition, which may come from a stranger, so it is confined
like the edition's data (docs/security.md, *Customization stylesheets*): before it is
compiled, it and every stylesheet of the edition it imports or includes are read, and one that
would read another file or the environment is refused (exit 2, naming the file, the line and
the call): the functions ``doc()``, ``document()``, ``unparsed-text()`` and the rest of
:data:`READS`, a reference to one of them (``unparsed-text#1``, ``function-lookup``), the
instructions of :data:`REFUSED` (``xsl:evaluate`` would run any string as XPath), a shadow
attribute (``_select``, computed at compile time), an import or include of a file outside the
customization's own folder. The project key ``build.trust-stylesheets = true`` lifts this for
an edition whose stylesheets the user has reviewed as code.
"""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree

from teikit import paths, xmlio
from teikit.errors import InputError

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SAXON_NS = "http://saxon.sf.net/"
SCHEME = "teikit:"
_workdir: Path | None = None

# XPath functions that read a file, a collection or the environment, or run code given as data;
# called (name followed by "(") or named as a function item ("#", or function-lookup)
READS = ("doc", "document", "doc-available", "unparsed-text", "unparsed-text-lines",
         "unparsed-text-available", "collection", "uri-collection", "json-doc", "transform",
         "load-xquery-module", "environment-variable", "available-environment-variables",
         "function-lookup", "unparsed-entity-uri", "unparsed-entity-public-id")
_READS = re.compile(r"(?<![\w.$-])(" + "|".join(sorted(map(re.escape, READS), key=len, reverse=True))
                    + r")\s*(?:\(:.*?:\)\s*)*[(#]", re.S)
# XSLT instructions that read documents, run strings as code or load other code, or write a
# file: Saxon writes a result document wherever its href says (file:///tmp/x, ../../x), and
# teikit's own stylesheets name their files only through tk:file-stem-for-id
REFUSED = frozenset({"evaluate", "source-document", "merge-source", "import-schema", "use-package",
                     "result-document"})
_MAX_STYLESHEETS = 200


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


def _refused(path: Path, el: etree._Element, what: str) -> InputError:
    return InputError(f"the customization stylesheet {what}", file=path, line=el.sourceline,
                      hint="a stylesheet of the edition reads nothing but the edition and writes only "
                           "teikit's pages (docs/security.md); if you have reviewed it as code, set "
                           "trust-stylesheets = true under [build] in teikit.toml")


def _expressions(el: etree._Element) -> list[tuple[str, str]]:
    """(where, XPath text) of ``el``: its XSLT attributes whole (expressions, patterns and
    names), the ``{…}`` of other attributes and of its text and tail (value templates)."""
    out: list[tuple[str, str]] = []
    in_xsl = etree.QName(el).namespace == XSL_NS
    for name, value in el.attrib.items():
        if in_xsl or name.startswith(f"{{{XSL_NS}}}"):
            out.append((f"@{etree.QName(name).localname}", value))
        elif "{" in value:
            out.append((f"@{etree.QName(name).localname}", value[value.index("{"):]))
    for text in (el.text, el.tail):
        if text and "{" in text:
            out.append(("text", text[text.index("{"):]))
    return out


def check_confined(stylesheet: Path) -> None:
    """Refuse ``stylesheet`` (a customization) if it, or a stylesheet of the edition it imports
    or includes, could read anything but the edition (see the module's doc)."""
    source = Path(stylesheet).resolve()
    folder = source.parent
    todo, seen = [source], {source}
    while todo:
        path = todo.pop()
        root = xmlio.parse_file(path).getroot()
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            q = etree.QName(el)
            if q.namespace == XSL_NS and q.localname in REFUSED:
                raise _refused(path, el, f"uses xsl:{q.localname}, which could "
                                         + ("write a file anywhere" if q.localname == "result-document"
                                            else "read other files or run a string as code"))
            if q.namespace == SAXON_NS or any(etree.QName(name).namespace == SAXON_NS for name in el.attrib):
                # Saxon's extensions (saxon:next-in-chain runs another stylesheet, a file it names)
                raise _refused(path, el, "uses an extension of Saxon's (saxon:…), which teikit does not "
                                         "read through")
            if q.namespace == XSL_NS and any(name.startswith("_") for name in el.attrib):
                shadow = next(name for name in el.attrib if name.startswith("_"))
                raise _refused(path, el, f"has a shadow attribute ({shadow}), an expression made at "
                                         "compile time, which teikit cannot read before it runs")
            for where, text in _expressions(el):
                found = _READS.search(text)
                if found:
                    raise _refused(path, el, f"calls {found.group(1)}() (in {where}), which reads "
                                             "another file, a collection or the environment")
            if q.namespace == XSL_NS and q.localname in ("import", "include"):
                href = el.get("href") or ""
                if href.startswith(SCHEME):
                    continue  # teikit's own, read nothing but the input (tests/xslt)
                target = (path.parent / href).resolve()
                if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith(("/", "\\")) \
                        or not target.is_relative_to(folder):
                    raise _refused(path, el, f"{q.localname}s {href!r}, which is not a stylesheet in "
                                             "its own folder")
                if target not in seen:
                    if len(seen) >= _MAX_STYLESHEETS:
                        raise _refused(path, el, f"imports more than {_MAX_STYLESHEETS} stylesheets")
                    seen.add(target)
                    todo.append(target)


def prepared(stylesheet: Path, *, trusted: bool = False) -> Path:
    """A compilable copy of the customization ``stylesheet`` with its hrefs made absolute;
    unless ``trusted``, first proved to read nothing but the edition (:func:`check_confined`)."""
    source = Path(stylesheet).resolve()
    tree = xmlio.parse_file(source)
    root = tree.getroot()
    if root.tag not in (f"{{{XSL_NS}}}stylesheet", f"{{{XSL_NS}}}transform"):
        raise InputError("not an XSLT stylesheet (the root is not xsl:stylesheet)", file=source,
                         line=root.sourceline, hint="see docs/project.md, 'Customizing a format'")
    if not trusted:
        check_confined(source)
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


def stylesheet_for(fmt: str, default: Path, stylesheets: dict[str, Path], *, trusted: bool = False) -> Path:
    """The stylesheet to run for ``fmt``: the edition's customization, or teikit's own."""
    custom = stylesheets.get(fmt)
    return prepared(custom, trusted=trusted) if custom else default
