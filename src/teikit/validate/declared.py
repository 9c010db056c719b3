"""What schema a document asks for: ``<?xml-model?>`` processing instructions (ISO/IEC 19757-11).

``teikit validate`` (``--schema auto``, the default) validates each file against:

1. the schema its project names (``[edition] schema`` in teikit.toml) for the project's files;
2. else the schema the file declares in an ``<?xml-model href="…"?>``: a local RELAX NG,
   Schematron or XSD file (relative to the document) is used as it is; a URL that names a
   TEI schema (``tei_all``, or any ``tei-c.org`` schema) is read as the bundled TEI P5
   ``tei_all``, since teikit never reads the network; any other URL is reported
   (``validate.declared-unavailable``, info) and the file is validated against ``tei_all``;
3. else TEI P5 ``tei_all``, said once (``validate.default-schema``, info).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.check.model import edition_folders
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError
from teikit.validate.schemas import COMPACT_REFERENCE, is_compact, root_kind, xml_namespace_import

_PSEUDO = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_KINDS = {".rng": "relaxng", ".rnc": "relaxng", ".sch": "schematron", ".xsd": "xsd"}


def xml_models(tree: etree._ElementTree) -> list[dict[str, str]]:
    """The pseudo-attributes of each xml-model processing instruction before the root, with
    ``#line``: the instruction's line, where a note about it is reported."""
    out = []
    for node in tree.getroot().itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            model = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                     for m in _PSEUDO.finditer(node.text or "")}
            model["#line"] = str(node.sourceline or "")  # '#' is no pseudo-attribute's name
            out.append(model)
    return list(reversed(out))


# What an xml-model's schematypens says the schema is (a file may declare one URL twice:
# as RELAX NG and as Schematron, ELTeC's files do).
_NAMESPACES = {"http://relaxng.org/ns/structure/1.0": "RELAX NG",
               "http://purl.oclc.org/dsdl/schematron": "Schematron",
               "http://www.w3.org/2001/XMLSchema": "XML"}  # "the XML schema x.xsd"
_SUFFIX_KINDS = {".rng": "RELAX NG", ".rnc": "RELAX NG", ".sch": "Schematron", ".xsd": "XML"}


def _kind_of(model: dict[str, str], suffix: str) -> str:
    """"RELAX NG " (with its space), "Schematron ", ... or "" when neither says."""
    kind = _NAMESPACES.get(model.get("schematypens", "").strip()) or _SUFFIX_KINDS.get(suffix)
    return f"{kind} " if kind else ""


# Where a schema names the other schema files it reads: RELAX NG include and externalRef,
# XSD include, import and redefine, Schematron include.
_SCHEMA_REFS = (("{http://relaxng.org/ns/structure/1.0}include", "href"),
                ("{http://relaxng.org/ns/structure/1.0}externalRef", "href"),
                ("{http://www.w3.org/2001/XMLSchema}include", "schemaLocation"),
                ("{http://www.w3.org/2001/XMLSchema}import", "schemaLocation"),
                ("{http://www.w3.org/2001/XMLSchema}redefine", "schemaLocation"),
                ("{http://purl.oclc.org/dsdl/schematron}include", "href"))


def _reaches_out(schema: Path, roots: list[Path]) -> bool:
    """Whether a declared schema, or a schema file it includes, names a file outside ``roots``
    (or a URL): the validator would read it, and the schema is the document's data."""
    seen: set[Path] = set()
    todo = [schema]
    while todo:
        here = todo.pop()
        if here in seen or not here.is_file():
            continue
        seen.add(here)
        for href in _references(here):
            if "://" in href and not href.startswith("file:"):
                return True
            target = (here.parent / href.removeprefix("file:")).resolve()
            if not any(target.is_relative_to(r) for r in roots):
                return True
            todo.append(target)
    return False


def _references(schema: Path) -> list[str]:
    """The files a schema includes or imports, as written: in the compact syntax its
    ``include`` and ``external``; in XML its include/import/redefine locations (not the XML
    namespace's, read from a local copy). Nothing when it cannot be read: the validator says why."""
    if is_compact(schema):
        text = xmlio.read_bytes(schema).decode("utf-8", errors="replace")
        return [m.group(1) if m.group(1) is not None else m.group(2)
                for m in COMPACT_REFERENCE.finditer(text)]
    try:
        root = xmlio.parse_file(schema).getroot()
    except InputError:
        return []
    return [href for tag, attr in _SCHEMA_REFS for ref in root.iter(tag)
            if (href := (ref.get(attr) or "").strip()) and not xml_namespace_import(ref)]


_REMOTE_HINT = ('download it once and name the local copy with --schema FILE, or in teikit.toml '
                 '([edition] schema = "schema/{name}"), or refer to the copy in the xml-model')


def _note(name: str, model: dict[str, str], code: str, message: str, hint: str | None = None) -> Diagnostic:
    line = model.get("#line", "")
    return Diagnostic(name, int(line) if line.isdigit() else None, None, Severity.INFO, code, message, hint)


def _unreadable_kind(suffix: str, model: dict[str, str]) -> tuple[str, str] | None:
    """(what the declared file is, what to do) for a schema teikit cannot run: RELAX NG in the
    compact syntax, or an ODD (the source a schema is generated from)."""
    from teikit.validate import jing  # (it reads this module's neighbours)

    mime = model.get("type", "").strip().lower()
    if (suffix == ".rnc" or "compact" in mime) and not jing.available():  # only Jing reads it
        return ("a RELAX NG schema in the compact syntax, which only Jing reads (not available here)",
                "run scripts/setup.sh (Java and Jing), or convert it to the XML syntax (trang x.rnc "
                "x.rng) and declare the .rng")
    if suffix == ".odd" or mime == "application/tei+xml":
        return ("an ODD (the source a schema is generated from)",
                "generate its RELAX NG (TEI's odd2relax, oXygen's ODD transformation or TEIGarage) "
                "and declare the .rng, or give it with --schema FILE")
    return None


def choose(tree: etree._ElementTree, path: Path, name: str) -> tuple[list[str], list[Diagnostic]]:
    """The schema names or paths to validate ``path`` against, and what to say about the choice.

    A schema declared twice (as RELAX NG and as Schematron: an ODD-generated grammar holds its
    Schematron, and teikit runs that with the grammar) is used once; its findings said once."""
    chosen: list[str] = []
    notes: list[Diagnostic] = []

    def consider(model: dict[str, str]) -> None:
        href = model.get("href", "").strip()
        if not href:
            return
        suffix = Path(href.split("?")[0].split("#")[0]).suffix.lower()
        what = _kind_of(model, suffix)
        if "://" in href and not href.startswith("file:"):
            if "tei_all" in href or "tei-c.org" in href:
                if "tei_all" not in chosen:
                    chosen.append("tei_all")
                if "tei_all" not in href:  # tei_lite, tei_corpus...: tei_all allows more than they do
                    notes.append(_note(
                        name, model, "validate.declared-unavailable",
                        f"the file declares the TEI {what}schema {href}, which teikit does not fetch (no "
                        "network); it is validated against TEI P5 tei_all, which allows more",
                        _REMOTE_HINT.format(name=Path(href.split("?")[0]).name)))
            else:
                notes.append(_note(
                    name, model, "validate.declared-unavailable",
                    f"the file declares the {what}schema {href}, which teikit does not fetch (no network)",
                    _REMOTE_HINT.format(name=Path(href.split("?")[0]).name)))
            return
        local = (path.parent / href.removeprefix("file:")).resolve()
        roots = edition_folders([path])
        unreadable = _unreadable_kind(suffix, model)
        if not any(local.is_relative_to(root) for root in roots) or _reaches_out(local, roots):
            # the href is the file's data: "file:///home/me/x.xsd" or "../../x.rng" must not
            # make teikit read (and quote in its messages) a file outside the edition
            notes.append(_note(name, model, "validate.declared-unavailable",
                               f"the declared {what}schema {href} lies outside the edition's folder "
                               f"({_shown(roots)}), or includes a file outside it; teikit does not read it",
                               "put a teikit.toml in the folder that holds both the TEI and the schema "
                               "(its [edition] tei names the TEI files or folders), or give the schema "
                               "with --schema FILE"))
        elif unreadable is not None:
            notes.append(_note(name, model, "validate.declared-unavailable",
                               f"the file declares {href}: {unreadable[0]}, which teikit cannot validate "
                               "with", unreadable[1]))
        elif not local.is_file():
            notes.append(_note(name, model, "validate.declared-unavailable",
                               f"the declared {what}schema {href} does not exist (looked for {local})",
                               "correct the declared location, or give the schema with --schema FILE"))
        elif _schema_kind(local, model, suffix) is None:
            notes.append(_note(name, model, "validate.declared-unavailable",
                               f"the declared schema {href} is neither RELAX NG, Schematron nor XML Schema",
                               "declare the schema file itself (.rng, .sch or .xsd)"))
        elif (problem := _uncompilable(local, _schema_kind(local, model, suffix))) is not None:
            # a schema the file names (not one given with --schema) that libxml2 cannot compile
            # must not stop the run: the Schnitzler letters' XSD (xsi:schemaLocation) did
            notes.append(_note(name, model, "validate.declared-unavailable",
                               f"the declared {what}schema {href} cannot be compiled "
                               f"({problem.message.removeprefix('cannot compile the XML Schema schema: ')})",
                               problem.hint))
        elif str(local) not in chosen:
            chosen.append(str(local))
    for model in xml_models(tree):
        consider(model)
    if not any(_is_grammar(c) for c in chosen):
        # an XSD named the XML Schema way (Schnitzler's letters: xsi:schemaLocation beside an
        # xml-model naming only their Schematron) is the file's grammar too
        for model in schema_locations(tree):
            consider(model)
    if chosen and not any(_is_grammar(c) for c in chosen):
        notes.append(_note(name, {"#line": str(tree.getroot().sourceline or "")}, "validate.schematron-only",
                           "the file declares no grammar teikit can use, only Schematron: its structure is "
                           "not validated",
                           "for TEI conformance too, validate it with --schema tei_all as well"))
    # what the file is validated against instead of what teikit could not use
    instead = ("validated against TEI P5 tei_all instead" if not chosen
               else "validated against the other schema(s) it declares")
    notes = [replace(n, message=f"{n.message}; {instead}")
             if n.code == "validate.declared-unavailable" and "tei_all" not in n.message else n
             for n in notes]
    if not chosen:
        chosen = ["tei_all"]
        if not notes:
            notes.append(Diagnostic(name, None, None, Severity.INFO, "validate.default-schema",
                                    "the file declares no schema (xml-model): validated against TEI P5 "
                                    "tei_all", hint="declare one with <?xml-model?>, or give --schema"))
    return chosen, notes


XSI = "http://www.w3.org/2001/XMLSchema-instance"


def schema_locations(tree: etree._ElementTree) -> list[dict[str, str]]:
    """The XSDs the root names in ``xsi:schemaLocation`` (namespace, location pairs) and
    ``xsi:noNamespaceSchemaLocation``, as xml-model declarations of XML Schema."""
    root = tree.getroot()
    pairs = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    locations = pairs[1::2] + (root.get(f"{{{XSI}}}noNamespaceSchemaLocation") or "").split()
    line = str(root.sourceline or "")
    return [{"href": loc, "schematypens": "http://www.w3.org/2001/XMLSchema", "#line": line}
            for loc in locations]


def _uncompilable(local: Path, kind: str | None) -> InputError | None:
    """Why libxml2 cannot compile a declared XML Schema (compiled once per process; the
    validation then uses that compiled schema), else None. Other languages are compiled
    where they run."""
    if kind != "xsd":
        return None
    from teikit.validate import lxml_engines  # it reads the documents module, which reads this one's

    try:
        lxml_engines.compiled_xsd(local)
    except InputError as exc:
        return exc
    return None


def _is_grammar(chosen: str) -> bool:
    """Whether a chosen schema (a name or a path) is a grammar, not Schematron alone."""
    if chosen in ("tei_all", "teikit"):
        return True
    path = Path(chosen)
    return (_KINDS.get(path.suffix.lower()) or root_kind(path)) in ("relaxng", "xsd")


def _shown(roots: list[Path]) -> str:
    return ", ".join(str(r) for r in roots)


def _schema_kind(local: Path, model: dict[str, str], suffix: str) -> str | None:
    """The language of a declared local schema file: by its name, else by its root element
    (the schematypens of the declaration may name the Schematron an ODD embeds in a grammar)."""
    if suffix in _KINDS:
        return _KINDS[suffix]
    return root_kind(local)
