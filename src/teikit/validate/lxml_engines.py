"""RELAX NG, W3C XML Schema and ISO Schematron validation with lxml (libxml2/libxslt).

Each schema is compiled once per process and kept (compiling tei_all.rng with libxml2 takes
about 6 s, so a second validation in the same process costs only the validation itself).
Schematron runs through lxml's ``isoschematron`` (XPath 1.0, ``queryBinding="xslt"``); its
SVRL report's locations are turned back into the line of the element they name.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree, isoschematron

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError
from teikit.validate.documents import Document

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_lock = threading.Lock()
_compiled: dict[tuple[str, Path], Any] = {}
_ROLES = {
    "fatal": Severity.ERROR, "error": Severity.ERROR, "warning": Severity.WARNING, "warn": Severity.WARNING,
    "info": Severity.INFO, "information": Severity.INFO,
}


def _compile(kind: str, path: Path, factory: Callable[[etree._ElementTree], Any]) -> Any:
    key = (kind, path.resolve())
    with _lock:
        if key not in _compiled:
            tree = xmlio.parse_file(key[1])
            _refuse_unsupported_binding(kind, tree, path)
            try:
                _compiled[key] = factory(tree)
            except etree.LxmlError as exc:  # parse errors of each schema language, XSLT failures
                raise InputError(f"cannot compile the {kind} schema: {exc}", file=path) from exc
        return _compiled[key]


def _refuse_unsupported_binding(kind: str, tree: etree._ElementTree, path: Path) -> None:
    binding = (tree.getroot().get("queryBinding") or "xslt").lower()
    if kind == "Schematron" and binding not in ("xslt", "xpath"):
        raise InputError(
            f'Schematron with queryBinding="{binding}" (XPath 2.0 or later) is not supported',
            file=path,
            hint='teikit runs XPath 1.0 Schematron (queryBinding="xslt"); rewrite the rules in XPath 1.0',
        )


def compiled_relaxng(path: Path) -> etree.RelaxNG:
    """The compiled RELAX NG grammar at ``path`` (compiled on first use)."""
    return _compile("RELAX NG", path, etree.RelaxNG)


def _from_error_log(doc: Document, log: Any, code: str) -> list[Diagnostic]:
    seen: set[tuple] = set()
    out: list[Diagnostic] = []
    for entry in log:
        key = (entry.line, entry.message)
        if key in seen:  # libxml2 often repeats a message for the same node
            continue
        seen.add(key)
        severity = Severity.WARNING if entry.level_name == "WARNING" else Severity.ERROR
        line, column = entry.line or None, entry.column or None
        out.append(Diagnostic(doc.name, line, column, severity, code, entry.message))
    return out


def validate_relaxng(path: Path, doc: Document, code: str) -> list[Diagnostic]:
    """Validate one document against a RELAX NG grammar with libxml2."""
    schema = compiled_relaxng(path)
    with _lock:  # a compiled schema keeps its error log: one validation at a time
        ok = schema.validate(doc.tree)
        return [] if ok else _from_error_log(doc, schema.error_log, code)


def validate_xsd(path: Path, doc: Document, code: str) -> list[Diagnostic]:
    """Validate one document against a W3C XML Schema."""
    schema = _compile("XML Schema", path, etree.XMLSchema)
    with _lock:
        ok = schema.validate(doc.tree)
        return [] if ok else _from_error_log(doc, schema.error_log, code)


def _schematron(tree: etree._ElementTree) -> isoschematron.Schematron:
    return isoschematron.Schematron(tree, store_report=True)


_STEP = re.compile(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


# The last step of an attribute's or a text node's path (compiled once, not per error).
_LEAF = re.compile(r"/@[^/]*$|/text\(\)(\[\d+\])?$")


class _Locator:
    """Source lines of SVRL ``location`` paths, found by walking the tree step by step.

    An XPath per failed assertion made a file with tens of thousands of them slow (each
    positional step scans its siblings); here each parent's children are grouped by name
    once, and a step is a dictionary lookup. A path of another shape falls back to XPath.
    """

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self._children: dict[int, dict[str, list[etree._Element]]] = {}

    def _named(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        table = self._children.get(id(parent))
        if table is None:
            table = {}
            for child in parent:
                if isinstance(child.tag, str):
                    table.setdefault(child.tag, []).append(child)
            self._children[id(parent)] = table
        return table.get(tag, [])

    def line(self, location: str | None) -> int | None:
        if not location:
            return None
        path = _LEAF.sub("", location)  # an attribute or text: its element
        steps = list(_STEP.finditer(path))
        if not steps or "".join("/" + m.group(0) for m in steps) != path:
            return self._xpath_line(location)  # not a path of name steps only
        node: etree._Element | None = None
        for m in steps:
            tag = f"{{{m.group(2)}}}{m.group(1)}" if m.group(2) else m.group(1)
            index = int(m.group(3) or 1) - 1
            if node is None:
                root = self.tree.getroot()
                node = root if root.tag == tag and index == 0 else None
            else:
                named = self._named(node, tag)
                node = named[index] if index < len(named) else None
            if node is None:
                return self._xpath_line(location)
        return node.sourceline if node is not None else self._xpath_line(location)

    def _xpath_line(self, location: str) -> int | None:
        try:
            found = self.tree.xpath(location)
        except etree.XPathError:
            return None
        node = found[0] if isinstance(found, list) and found else None
        if node is not None and not isinstance(node, etree._Element):
            node = node.getparent() if hasattr(node, "getparent") else None
        return node.sourceline if node is not None else None


def validate_schematron(path: Path, doc: Document, code: str) -> list[Diagnostic]:
    """Run an ISO Schematron schema on one document; failed asserts and reports are diagnostics."""
    schema = _compile("Schematron", path, _schematron)
    with _lock:
        schema.validate(doc.tree)
        report = schema.validation_report
    out: list[Diagnostic] = []
    locator = _Locator(doc.tree)
    for item in report.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = " ".join("".join(item.itertext()).split())
        severity = _ROLES.get((item.get("role") or "error").lower(), Severity.ERROR)
        location = item.get("location")
        out.append(Diagnostic(
            doc.name, locator.line(location), None, severity, item.get("id") or code, text, xpath=location
        ))
    return out
