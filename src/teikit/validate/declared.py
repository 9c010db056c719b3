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
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.check.model import edition_folders
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError

_PSEUDO = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_KINDS = {".rng": "relaxng", ".sch": "schematron", ".xsd": "xsd"}


def xml_models(tree: etree._ElementTree) -> list[dict[str, str]]:
    """The pseudo-attributes of each xml-model processing instruction before the root."""
    out = []
    for node in tree.getroot().itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            out.append({m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                        for m in _PSEUDO.finditer(node.text or "")})
    return list(reversed(out))


# What an xml-model's schematypens says the schema is (a file may declare one URL twice:
# as RELAX NG and as Schematron, ELTeC's files do).
_NAMESPACES = {"http://relaxng.org/ns/structure/1.0": "RELAX NG",
               "http://purl.oclc.org/dsdl/schematron": "Schematron",
               "http://www.w3.org/2001/XMLSchema": "XML Schema"}
_SUFFIX_KINDS = {".rng": "RELAX NG", ".sch": "Schematron", ".xsd": "XML Schema"}


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
        try:
            root = xmlio.parse_file(here).getroot()
        except InputError:
            continue  # the validator says what is wrong with it
        for tag, attr in _SCHEMA_REFS:
            for ref in root.iter(tag):
                href = (ref.get(attr) or "").strip()
                if not href:
                    continue
                if "://" in href and not href.startswith("file:"):
                    return True
                target = (here.parent / href.removeprefix("file:")).resolve()
                if not any(target.is_relative_to(r) for r in roots):
                    return True
                todo.append(target)
    return False


def choose(tree: etree._ElementTree, path: Path, name: str) -> tuple[list[str], list[Diagnostic]]:
    """The schema names or paths to validate ``path`` against, and what to say about the choice."""
    chosen: list[str] = []
    notes: list[Diagnostic] = []
    for model in xml_models(tree):
        href = model.get("href", "").strip()
        if not href:
            continue
        suffix = Path(href.split("?")[0]).suffix.lower()
        if "://" in href and not href.startswith("file:"):
            if "tei_all" in href or "tei-c.org" in href:
                if "tei_all" not in chosen:
                    chosen.append("tei_all")
            else:
                notes.append(Diagnostic(
                    name, None, None, Severity.INFO, "validate.declared-unavailable",
                    f"the file declares the {_kind_of(model, suffix)}schema {href}, which teikit does not "
                    "fetch (no network)",
                    hint="download it and give it with --schema FILE, or keep a local copy and refer "
                         "to it in the xml-model"))
        elif suffix in _KINDS:
            local = (path.parent / href.removeprefix("file:")).resolve()
            roots = edition_folders([path])
            if not any(local.is_relative_to(root) for root in roots) or _reaches_out(local, roots):
                # the href is the file's data: "file:///home/me/x.xsd" or "../../x.rng" must not
                # make teikit read (and quote in its messages) a file outside the edition
                notes.append(Diagnostic(name, None, None, Severity.INFO, "validate.declared-unavailable",
                                        f"the declared {_kind_of(model, suffix)}schema {href} lies outside "
                                        "the edition's folder, or includes a file outside it; teikit does "
                                        "not read it",
                                        hint="copy the schema into the edition's folder, or give it with "
                                             "--schema FILE"))
            elif local.is_file():
                chosen.append(str(local))
            else:
                notes.append(Diagnostic(name, None, None, Severity.INFO, "validate.declared-unavailable",
                                        f"the declared {_kind_of(model, suffix)}schema {href} does not exist "
                                        "beside the file"))
    if not chosen:
        chosen = ["tei_all"]
        if not notes:
            notes.append(Diagnostic(name, None, None, Severity.INFO, "validate.default-schema",
                                    "the file declares no schema (xml-model): validated against TEI P5 "
                                    "tei_all", hint="declare one with <?xml-model?>, or give --schema"))
    return chosen, notes
