"""RELAX NG, W3C XML Schema and ISO Schematron validation with lxml (libxml2/libxslt).

Each schema is compiled once per process and kept (compiling tei_all.rng with libxml2 takes
about 6 s, so a second validation in the same process costs only the validation itself).
Schematron in XPath 1.0 (``queryBinding="xslt"``) runs through lxml's ``isoschematron``; its
SVRL report's locations are turned back into the line of the element they name. Schematron in
XPath 2.0 or later runs on Saxon (:mod:`teikit.validate.schematron_xslt3`).
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
from teikit.validate import schemas, schematron_xslt3
from teikit.validate.documents import Document

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_lock = threading.Lock()
_compiled: dict[tuple[str, Path], Any] = {}
_ROLES = schematron_xslt3.ROLES


def _compile(kind: str, path: Path, factory: Callable[[etree._ElementTree], Any]) -> Any:
    key = (kind, path.resolve())
    with _lock:
        if key not in _compiled:
            tree = xmlio.parse_file(key[1])
            _refuse_unsupported_binding(kind, tree, path)
            try:
                _compiled[key] = factory(tree)
            except etree.LxmlError as exc:  # parse errors of each schema language, XSLT failures
                hint = ("libxml2 compiles XML Schema 1.0 only, and not every schema an ODD processor writes "
                        "as XSD: validate with the RELAX NG made from the same ODD (--schema x.rng)"
                        if kind == "XML Schema" else None)
                raise InputError(f"cannot compile the {kind} schema: {exc}", file=path, hint=hint) from exc
        return _compiled[key]


def _refuse_unsupported_binding(kind: str, tree: etree._ElementTree, path: Path) -> None:
    binding = schematron_xslt3.binding(tree)
    if kind == "Schematron" and binding not in ("xslt", "xpath", *schematron_xslt3.BINDINGS):
        raise InputError(
            f'Schematron with queryBinding="{binding}" is not supported',
            file=path,
            hint='teikit runs Schematron in XPath (queryBinding "xslt", "xpath", "xslt2", "xslt3", '
                 '"xpath2", "xpath3" or "xpath31")',
        )


_bindings: dict[Path, str] = {}


def _binding(path: Path) -> str:
    """The query binding of the Schematron schema at ``path`` (read once per process)."""
    key = path.resolve()
    with _lock:
        if key not in _bindings:
            tree = xmlio.parse_file(key)
            _refuse_unsupported_binding("Schematron", tree, path)
            _bindings[key] = schematron_xslt3.binding(tree)
        return _bindings[key]


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


def compiled_xsd(path: Path) -> etree.XMLSchema:
    """The compiled XML Schema at ``path`` (compiled on first use; InputError when it cannot be)."""
    return _compile("XML Schema", path, lambda tree: etree.XMLSchema(schemas.local_xml_namespace(tree)))


def validate_xsd(path: Path, doc: Document, code: str) -> list[Diagnostic]:
    """Validate one document against a W3C XML Schema."""
    schema = compiled_xsd(path)
    with _lock:
        ok = schema.validate(doc.tree)
        return [] if ok else _from_error_log(doc, schema.error_log, code)


_AXSL = "http://www.w3.org/1999/XSL/Transform"
_TK = "urn:teikit:schematron"


class _Paths:
    """The SVRL ``location`` of an element, as the ISO skeleton writes it, computed in Python.

    The skeleton's ``schematron-get-full-path`` counts, at every step of every reported
    element's path, the preceding siblings of the same name: a report on each of the notes of
    a book whose notes division holds thousands of sections grew with errors x sections
    (21.6 s for the 38,491 diagnostics of a generated 50 MB file). Here each parent's children
    are numbered once; a path is a dictionary lookup per step. The strings are the
    skeleton's, character for character (tests/validate compare them), and each path's source
    line is kept (:attr:`lines`) so it need not be looked up again.
    """

    def __init__(self) -> None:
        self.steps: dict[etree._Element, str] = {}
        self.lines: dict[str, int | None] = {}

    @staticmethod
    def _name(el: etree._Element) -> tuple[str, str | None, str]:
        q = etree.QName(el)
        return q.localname, q.namespace, f"{el.prefix}:{q.localname}" if el.prefix else q.localname

    def _number(self, parent: etree._Element) -> None:
        children = [c for c in parent if isinstance(c.tag, str)]
        names = [self._name(c) for c in children]
        by_name: dict[str, int] = {}
        by_local: dict[str, int] = {}
        for local, _, name in names:
            by_name[name] = by_name.get(name, 0) + 1
            by_local[local] = by_local.get(local, 0) + 1
        seen_name: dict[str, int] = {}
        seen_local: dict[str, int] = {}
        for child, (local, namespace, name) in zip(children, names, strict=True):
            seen_name[name] = seen_name.get(name, 0) + 1
            seen_local[local] = seen_local.get(local, 0) + 1
            # no namespace: siblings of the same name(); else: of the same local-name()
            if namespace is None:
                step, position, size = name, seen_name[name], by_name[name]
            else:
                step = f"*[local-name()='{local}' and namespace-uri()='{namespace}']"
                position, size = seen_local[local], by_local[local]
            self.steps[child] = f"{step}[{position}]" if size > 1 else step

    def _step(self, el: etree._Element) -> str:
        step = self.steps.get(el)
        if step is None:
            parent = el.getparent()
            if parent is None:
                local, namespace, name = self._name(el)
                step = name if namespace is None else (
                    f"*[local-name()='{local}' and namespace-uri()='{namespace}']")
                self.steps[el] = step
            else:
                self._number(parent)
                step = self.steps[el]
        return step

    def __call__(self, context: object, nodes: list[etree._Element]) -> str:
        el = nodes[0]
        steps = []
        node: etree._Element | None = el
        while node is not None:
            steps.append(self._step(node))
            node = node.getparent()
        path = "".join("/" + step for step in reversed(steps))
        self.lines.setdefault(path, el.sourceline)
        return path


class _Schematron:
    """An ISO Schematron schema compiled by lxml's isoschematron, with two changes to the
    validator it generates: element paths come from :class:`_Paths`, and no
    ``svrl:fired-rule`` is written for every context node a rule matched (teikit reads only
    failed assertions and successful reports; the fired rules were most of the report)."""

    def __init__(self, tree: etree._ElementTree) -> None:
        validator = isoschematron.Schematron(tree, store_xslt=True).validator_xslt
        root = validator.getroot()
        for template in root.iterfind(f"{{{_AXSL}}}template"):
            if template.get("match") == "*" and template.get("mode") == "schematron-get-full-path":
                for child in list(template):
                    template.remove(child)
                template.text = None
                path = etree.SubElement(template, f"{{{_AXSL}}}value-of", nsmap={"tk": _TK})
                path.set("select", "tk:path(.)")
        for fired in list(root.iter(f"{SVRL}fired-rule")):
            _remove_keeping_tail(fired)
        self.paths = _Paths()
        self._transform = etree.XSLT(validator, extensions={(_TK, "path"): self._path})

    def _path(self, context: object, nodes: list[etree._Element]) -> str:
        return self.paths(context, nodes)

    def report(self, tree: etree._ElementTree) -> tuple[etree._ElementTree, dict[str, int | None]]:
        """The SVRL report on ``tree`` and the source line of each location it names."""
        self.paths = _Paths()
        try:
            return self._transform(tree), self.paths.lines
        finally:
            self.paths = _Paths()  # the tree's elements are not kept


def _remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _schematron(tree: etree._ElementTree) -> _Schematron:
    return _Schematron(tree)


_STEP = re.compile(r"\*\[local-name\(\)='([^']+)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


# The last step of an attribute's or a text node's path (compiled once, not per error).
_LEAF = re.compile(r"/@[^/]*$|/text\(\)(\[\d+\])?$")


class _Locator:
    """Source lines of SVRL ``location`` paths, found by walking the tree step by step.

    An XPath per failed assertion made a file with tens of thousands of them slow (each
    positional step scans its siblings); here each parent's children are grouped by name
    once, and a step is a dictionary lookup. A path of another shape falls back to XPath.
    """

    def __init__(self, tree: etree._ElementTree, known: dict[str, int | None] | None = None) -> None:
        self.tree = tree
        self._children: dict[int, dict[str, list[etree._Element]]] = {}
        self._known = known or {}

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
        if location in self._known:  # the element's own line, kept when its path was made
            return self._known[location]
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
    """Run an ISO Schematron schema on one document; failed asserts and reports are diagnostics.
    XPath 1.0 schemas run here (libxslt); XPath 2.0 and later on Saxon (:mod:`schematron_xslt3`)."""
    if _binding(path) in schematron_xslt3.BINDINGS:
        return schematron_xslt3.validate(path, doc, code)
    schema = _compile("Schematron", path, _schematron)
    with _lock:
        report, lines = schema.report(doc.tree)
    out: list[Diagnostic] = []
    locator = _Locator(doc.tree, lines)
    for item in report.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = " ".join("".join(item.itertext()).split())
        severity = _ROLES.get((item.get("role") or "error").lower(), Severity.ERROR)
        location = item.get("location")
        out.append(Diagnostic(
            doc.name, locator.line(location), None, severity, item.get("id") or code, text, xpath=location
        ))
    return out
