"""ISO Schematron with XPath 2.0, 3.0 and 3.1 (``queryBinding`` ``xslt2``, ``xslt3``, ``xpath2``,
``xpath3``, ``xpath31``), run on Saxon.

lxml's ``isoschematron`` runs XPath 1.0 only, but TEI projects' schemas (those an ODD
generates, a letters edition's rules) are mostly XPath 2.0 or later. A schema is compiled
here into an XSLT 3.0 stylesheet, the way the ISO skeleton and SchXslt do it: one mode per
active pattern (whose built-in rule visits every element, attribute and text node), one
template per rule with a priority that makes a pattern's first matching rule the one that
fires, each assertion an ``xsl:if`` that writes a finding (its role, id, flag, message and
the ``path()`` of its node). The findings' paths are turned back into the source lines of the
document as teikit parsed it. Supported besides: ``ns``, ``let`` (schema, pattern, rule),
``value-of``, ``name``, ``emph``/``dir``/``span``, ``diagnostics``, ``subject``, abstract
rules (``extends``), abstract patterns (``is-a`` with ``param``), ``phase`` (the
``defaultPhase``), ``include`` (of a file beside or below the schema), and top-level
``xsl:function`` and ``xsl:key``.

Nothing reads other files or the network: a schema whose expressions call ``doc()``,
``document()``, ``unparsed-text()``, ``collection()``, ``json-doc()``, ``transform()`` or the
like, or whose XSLT elements include, import or write documents, is refused with a message
(docs/security.md), as is an ``include`` of a file outside the schema's folder.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import threading
from collections.abc import Callable, Iterator
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError
from teikit.validate.documents import Document

if TYPE_CHECKING:
    from teikit.saxon import Serialized

BINDINGS = frozenset({"xslt2", "xslt3", "xpath2", "xpath3", "xpath31"})
SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
TK = "urn:teikit:schematron"
S = f"{{{SCH}}}"
ROLES = {  # an assertion's @role: its severity (else an error)
    # "nonfatal": the TEI's word for a warning (the Guidelines' constraints use it)
    "fatal": Severity.ERROR, "error": Severity.ERROR, "warning": Severity.WARNING, "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,
    "info": Severity.INFO, "information": Severity.INFO,
}
# XPath and XSLT that would read a file or the network, or run other code, from a schema
_READS = re.compile(r"\b(?:doc|document|doc-available|unparsed-text|unparsed-text-lines|"
                    r"unparsed-text-available|collection|uri-collection|json-doc|transform|"
                    r"load-xquery-module|environment-variable|available-environment-variables)\s*\(")
_XSLT_ALLOWED = frozenset({"function", "key"})
_XSLT_REFUSED = frozenset({"include", "import", "result-document", "evaluate", "source-document",
                           "merge-source", "import-schema"})
_MAX_INCLUDES = 50
_PREDECLARED = {"xs": "http://www.w3.org/2001/XMLSchema", "fn": "http://www.w3.org/2005/xpath-functions",
                "math": "http://www.w3.org/2005/xpath-functions/math",
                "map": "http://www.w3.org/2005/xpath-functions/map",
                "array": "http://www.w3.org/2005/xpath-functions/array"}

_lock = threading.Lock()
_compiled: dict[tuple[Path, bytes], Path] = {}
_folder: Path | None = None


def binding(tree: etree._ElementTree) -> str:
    """The schema's query binding, lower-cased (``xslt`` when it names none)."""
    return (tree.getroot().get("queryBinding") or "xslt").lower()


def _refuse(path: Path, el: etree._Element | None, what: str, hint: str) -> InputError:
    return InputError(f"the Schematron schema {what}", file=path,
                      line=el.sourceline if el is not None else None, hint=hint)


def _external(path: Path, el: etree._Element, depth: int) -> tuple[Path, etree._Element]:
    """The file an ``include`` or ``extends`` names by its ``href``, and its element: only a
    file beside or below the schema."""
    href = el.get("href") or ""
    target = (path.parent / href).resolve()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("/") \
            or not target.is_relative_to(path.parent.resolve()):
        said = f"{etree.QName(el).localname}s {href!r}, which is not a file beside or below it"
        raise _refuse(path, el, said, "copy the file into the schema's folder and name it by a relative path")
    if depth > _MAX_INCLUDES:
        raise _refuse(path, el, "includes files more than 50 levels deep", "flatten the includes")
    return target, xmlio.parse_file(target).getroot()


def _included(root: etree._Element, path: Path, depth: int = 0) -> None:
    """Replace every ``sch:include`` by the element of the file it names, and every
    ``sch:extends`` naming a file (``href``) by the lets and checks of the rule in it
    (recursively)."""
    for include in list(root.iter(S + "include")):
        target, found = _external(path, include, depth)
        _included(found, target, depth + 1)
        parent = include.getparent()
        if parent is not None:
            found.tail = include.tail
            parent.replace(include, found)
    for extends in [e for e in root.iter(S + "extends") if e.get("href")]:
        target, found = _external(path, extends, depth)
        _included(found, target, depth + 1)
        parent = extends.getparent()
        if found.tag != S + "rule" or parent is None:
            raise _refuse(path, extends, f"extends {extends.get('href')!r}, which holds no rule",
                          "name a file whose element is a Schematron rule")
        at = parent.index(extends)
        parent.remove(extends)
        for offset, child in enumerate(c for c in found if isinstance(c.tag, str)):
            parent.insert(at + offset, child)


def _checked(root: etree._Element, path: Path) -> None:
    """Refuse what would read files or run other code (see the module's doc)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        q = etree.QName(el)
        if q.namespace == XSL and q.localname in _XSLT_REFUSED:
            raise _refuse(path, el, f"uses xsl:{q.localname}, which teikit does not run",
                          "remove it; teikit runs a schema on the document alone")
        for value in el.attrib.values():
            reads = _READS.search(value)
            if reads:
                raise _refuse(path, el, f"reads another file or resource ({reads.group(0)}…)",
                              "teikit runs a schema on the document alone (docs/security.md); "
                              "move what the rule needs into the schema")
        if q.namespace == XSL and el.text and _READS.search(el.text):
            raise _refuse(path, el, "reads another file or resource",
                          "teikit runs a schema on the document alone")


def _abstract_rules(root: etree._Element) -> dict[str, etree._Element]:
    return {r.get("id", ""): r for r in root.iter(S + "rule") if r.get("abstract") == "true"}


def _instantiated(pattern: etree._Element, abstract: dict[str, etree._Element], path: Path) -> etree._Element:
    """An ``is-a`` pattern as the abstract pattern it names, with its parameters put in."""
    base = abstract.get(pattern.get("is-a", ""))
    if base is None:
        raise _refuse(path, pattern, f"has a pattern is-a={pattern.get('is-a')!r} naming no abstract pattern",
                      "name the id of a pattern with abstract=\"true\"")
    params = {p.get("name", ""): p.get("value", "") for p in pattern.iter(S + "param")}
    copy = deepcopy(base)
    names = sorted(params, key=len, reverse=True)  # $long before $lo
    if names:
        pattern_re = re.compile(r"\$(" + "|".join(re.escape(n) for n in names) + r")\b")
        for el in copy.iter():
            for attr, value in el.attrib.items():
                el.set(attr, pattern_re.sub(lambda m: params[m.group(1)], value))
    copy.set("id", pattern.get("id") or copy.get("id") or "")
    return copy


def _active_patterns(root: etree._Element, path: Path) -> list[etree._Element]:
    abstract = {p.get("id", ""): p for p in root.iter(S + "pattern") if p.get("abstract") == "true"}
    patterns = [(_instantiated(p, abstract, path) if p.get("is-a") else p)
                for p in root.iter(S + "pattern") if p.get("abstract") != "true"]
    phase_id = root.get("defaultPhase")
    if phase_id and phase_id != "#ALL":
        phase = next((ph for ph in root.iter(S + "phase") if ph.get("id") == phase_id), None)
        if phase is None:
            raise _refuse(path, root, f"names a defaultPhase {phase_id!r} it does not define",
                          "define the phase, or remove defaultPhase")
        active = {a.get("pattern") for a in phase.iter(S + "active")}
        patterns = [p for p in patterns if p.get("id") in active]
    return patterns


ERRED = "sch.evaluation-error"  # the code of a test that raised a dynamic error on a node
LINE = f"{{{TK}}}line"  # on a generated instruction: the line of the schema's element it comes from


def _lined(el: etree._Element, source: etree._Element) -> etree._Element:
    if source.sourceline:
        el.set(LINE, str(source.sourceline))
    return el


def _x(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    el = etree.Element(f"{{{XSL}}}{tag}") if parent is None else etree.SubElement(parent, f"{{{XSL}}}{tag}")
    for name, value in attrs.items():
        el.set(name.rstrip("_"), value)
    return el


def _variable(let: etree._Element, parent: etree._Element) -> None:
    var = _lined(_x("variable", parent, name=let.get("name", "")), let)
    if let.get("value") is not None:
        var.set("select", let.get("value", ""))
    else:  # the content is the value (a constructed tree)
        for child in let:
            var.append(deepcopy(child))


def _message(source: etree._Element, into: etree._Element) -> None:
    """The text of an assertion or diagnostic, ``value-of`` and ``name`` evaluated."""
    if source.text:
        _x("text", into).text = source.text
    for child in source:
        if isinstance(child.tag, str):
            q = etree.QName(child)
            if q.namespace == SCH and q.localname == "value-of":
                _x("value-of", into, select=child.get("select", "."))
            elif q.namespace == SCH and q.localname == "name":
                _x("value-of", into, select=f"name({child.get('path', '.')})")
            else:  # emph, dir, span, foreign elements: their text
                _message(child, into)
        if child.tail:
            _x("text", into).text = child.tail


def _finding(check: etree._Element, rule: etree._Element, diagnostics: dict[str, etree._Element],
             into: etree._Element) -> None:
    report = etree.QName(check).localname == "report"
    test = check.get("test", "false()")
    # a dynamic error (xs:date('1928-13-01')) is said of its node, as a finding of its own,
    # and the other nodes and rules are still checked (it would stop the whole document)
    attempt = _lined(_x("try", into), check)
    branch = _lined(_x("if", attempt, test=test if report else f"not({test})"), check)
    caught = _x("catch", attempt)
    failed = etree.SubElement(caught, f"{{{TK}}}f", role="error", id=ERRED)
    _x("attribute", failed, name="path", select="tk:path(.)")
    _x("text", failed).text = f"the schema's {etree.QName(check).localname} at line {check.sourceline} " \
        "cannot be evaluated here: "
    _x("value-of", failed, select="$err:code, $err:description", separator=" ")
    found = etree.SubElement(branch, f"{{{TK}}}f")
    for attr in ("role", "id", "flag"):
        if check.get(attr) is not None:
            found.set(attr, check.get(attr, ""))
    subject = check.get("subject") or rule.get("subject") or "."
    _x("attribute", found, name="path", select=f"tk:path(({subject})[1])")
    _message(check, found)
    for ref in (check.get("diagnostics") or "").split():
        if ref in diagnostics:
            _x("text", found).text = " "
            _message(diagnostics[ref], found)


def _rule_body(rule: etree._Element, abstract: dict[str, etree._Element], path: Path,
               depth: int = 0) -> Iterator[etree._Element]:
    """The lets and checks of ``rule``, each ``extends`` replaced by its abstract rule's."""
    for child in rule:
        if not isinstance(child.tag, str):
            continue
        if child.tag == S + "extends":
            base = abstract.get(child.get("rule", ""))
            if base is None or depth > _MAX_INCLUDES:
                raise _refuse(path, child, f"extends {child.get('rule')!r}, which names no abstract rule",
                              'name the id of a rule with abstract="true"')
            yield from _rule_body(base, abstract, path, depth + 1)
        elif child.tag in (S + "let", S + "assert", S + "report"):
            yield child


# A finding's node as path() writes it (/Q{ns}name[n]/...), made in linear time: path() counts
# each step's preceding siblings, and 40,000 findings among 40,000 siblings took 50 s. Here a
# parent's children are numbered once (a memo function: Saxon HE honours cache="yes").
_PATH_FUNCTIONS = f"""<xsl:stylesheet xmlns:xsl="{XSL}" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="{TK}" version="3.0">
  <xsl:function name="tk:numbered" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="parent" as="node()"/>
    <xsl:map>
      <xsl:for-each-group select="$parent/*" group-by="node-name()">
        <xsl:for-each select="current-group()">
          <xsl:map-entry key="generate-id(.)" select="position()"/>
        </xsl:for-each>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>
  <xsl:function name="tk:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join((
        $node/ancestor-or-self::*[1]/ancestor-or-self::* ! ('/Q{{' || namespace-uri(.) || '}}'
          || local-name(.) || '[' || tk:numbered(..)(generate-id(.)) || ']'),
        if ($node instance of attribute()) then '/@' || name($node)
        else if ($node instance of text()) then '/text()'
        else if ($node instance of comment()) then '/comment()'
        else if ($node instance of document-node()) then '/' else ()), '')"/>
  </xsl:function>
</xsl:stylesheet>"""


def to_xslt(tree: etree._ElementTree, path: Path) -> bytes:
    """The XSLT 3.0 stylesheet that runs the Schematron ``tree`` (read from ``path``)."""
    root = deepcopy(tree.getroot())  # a copy (with its source lines): includes are put in
    _included(root, path)
    _checked(root, path)
    # the prefixes XSLT-based processors declare (SchXslt, the ISO skeleton: schemas use xs:
    # without declaring it), those in scope on the schema's element, then its sch:ns
    nsmap = dict(_PREDECLARED)
    nsmap.update({p: u for p, u in root.nsmap.items() if p and u != SCH})
    nsmap.update({ns.get("prefix", ""): ns.get("uri", "") for ns in root.iter(S + "ns")})
    for el in root.iter():  # and those declared on a pattern or a rule (an ODD's embedded rules)
        if isinstance(el.tag, str):
            for prefix, uri in el.nsmap.items():
                if prefix and uri != SCH:
                    nsmap.setdefault(prefix, uri)
    nsmap.pop("", None)
    nsmap.update({"xsl": XSL, "tk": TK, "err": "http://www.w3.org/2005/xqt-errors"})
    sheet = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap)
    sheet.set("version", "3.0")
    sheet.set("exclude-result-prefixes", "#all")
    _x("output", sheet, method="xml", indent="no")
    sheet.extend(etree.fromstring(_PATH_FUNCTIONS))
    for el in root:
        if isinstance(el.tag, str) and etree.QName(el).namespace == XSL \
                and etree.QName(el).localname in _XSLT_ALLOWED:
            sheet.append(_lined(deepcopy(el), el))
    for let in root.iterchildren(S + "let"):
        _variable(let, sheet)
    declared = {let.get("name") for let in root.iterchildren(S + "let")}  # global variables
    diagnostics = {d.get("id", ""): d for d in root.iter(S + "diagnostic")}
    abstract = _abstract_rules(root)
    main = _x("template", sheet, match="/")
    results = etree.SubElement(main, f"{{{TK}}}r")
    for i, pattern in enumerate(_active_patterns(root, path)):
        mode = f"tk:p{i}"
        # a pattern's lets are global variables; where two patterns name one alike (or the
        # schema does), each rule of the pattern declares them itself, still from the root
        lets = list(pattern.iterchildren(S + "let"))
        local = any(let.get("name") in declared for let in lets) \
            or len({let.get("name") for let in lets}) < len(lets)
        if not local:
            for let in lets:
                _variable(let, sheet)
            declared.update(let.get("name") for let in lets)
        rules = [r for r in pattern.iterchildren(S + "rule") if r.get("abstract") != "true"]
        if not rules:
            continue
        contexts = [r.get("context", "/") for r in rules]
        # The nodes a pattern's rules match, selected at once: a node matches a pattern P when
        # root//(P) selects it (XSLT 3.0, 5.5.3), which Saxon finds without visiting every
        # node once per pattern (48 patterns on 1,000 letters: 5.9 -> 2.7 s). A kind test for
        # the document node is no step below it: such a pattern walks the tree instead.
        walk = any("document-node" in c for c in contexts)
        _x("mode", sheet, name=mode, **{"on-no-match": "shallow-skip" if walk else "deep-skip"})
        _lined(_x("apply-templates", results, mode=mode,
                  select="." if walk else "//(" + " | ".join(f"({c})" for c in contexts) + ")"), pattern)
        for j, rule in enumerate(rules):
            template = _lined(_x("template", sheet, match=rule.get("context", "/"), mode=mode,
                                 priority=str(len(rules) - j)), rule)
            for let in lets if local else ():
                variable = _lined(_x("variable", template, name=let.get("name", ""), as_="item()*"), let)
                at_root = _x("for-each", variable, select="root(.)")
                if let.get("value") is not None:
                    _x("sequence", at_root, select=let.get("value", ""))
                else:
                    at_root.extend(deepcopy(child) for child in let)
            for child in _rule_body(rule, abstract, path):
                if child.tag == S + "let":
                    _variable(child, template)
                else:
                    _finding(child, rule, diagnostics, template)
            if walk:
                _x("apply-templates", template, select="@*|node()", mode="#current")
    # an instruction a line: Saxon's errors name a line, which LINE turns into the schema's
    # (whitespace-only text is no content in a stylesheet, outside xsl:text, which has none)
    etree.indent(sheet, space="")
    return etree.tostring(sheet, xml_declaration=True, encoding="UTF-8")


def _stylesheet(path: Path) -> Path:
    """The compiled schema's stylesheet file (written once per schema content and process)."""
    global _folder
    data = xmlio.read_bytes(path)
    key = (path.resolve(), hashlib.sha256(data).digest())
    with _lock:
        found = _compiled.get(key)
        if found is not None:
            return found
        tree = xmlio.parse_bytes(data, str(path))
        text = to_xslt(tree, path)
        if _folder is None:
            _folder = Path(tempfile.mkdtemp(prefix="teikit-schematron-"))
        target = _folder / f"{hashlib.sha256(text).hexdigest()[:16]}.xsl"
        target.write_bytes(text)
        _compiled[key] = target
        return target


_STEP = re.compile(r"/Q\{([^}]*)\}([^\[/]+)\[(\d+)\]")


def source_line(tree: etree._ElementTree, location: str,
                known: dict[int, dict[str, list[etree._Element]]] | None = None) -> int | None:
    """The source line of the node an XPath 3.1 ``path()`` names (its element's, for an
    attribute or a text node). ``known``: each parent's children by name, grouped once for
    all the findings of a document (a step is then a lookup, not a scan of the siblings)."""
    known = {} if known is None else known
    node: etree._Element | None = None
    # element steps from the start (a namespace URI holds "/": not split on it); what follows
    # them (@attribute, text()[n], comment()[n]) is on its element's line
    at = 0
    while m := _STEP.match(location, at):
        at = m.end()
        tag = f"{{{m.group(1)}}}{m.group(2)}" if m.group(1) else m.group(2)
        index = int(m.group(3)) - 1
        if node is None:
            root = tree.getroot()
            node = root if root.tag == tag and index == 0 else None
        else:
            named = known.get(id(node))
            if named is None:
                named = known[id(node)] = {}
                for child in node:
                    if isinstance(child.tag, str):
                        named.setdefault(child.tag, []).append(child)
            siblings = named.get(tag, [])
            node = siblings[index] if index < len(siblings) else None
        if node is None:
            return None
    return node.sourceline if node is not None else None


def readable(location: str) -> str:
    """``path()``'s EQName steps as prefix-free names: /TEI[1]/teiHeader[1]/@when."""
    return re.sub(r"Q\{[^}]*\}", "", location)


_SAXON_ERROR = re.compile(r"on line (\d+) column \d+ of [^\s:]+\.xsl:\s*(?:(\w+)\s+)?([^\n]*)")


def _unrunnable(path: Path, stylesheet: Path, said: str) -> InputError:
    """Saxon's first error on the generated stylesheet, said at the schema's line it comes from."""
    m = _SAXON_ERROR.search(said)
    line = None
    if m:
        generated = etree.parse(str(stylesheet))
        at = next((el for el in generated.iter() if el.sourceline == int(m.group(1))), None)
        source = next((el.get(LINE) for el in ([at, *at.iterancestors()] if at is not None else [])
                       if el.get(LINE)), None)
        line = int(source) if source else None
        near = re.search(r"Error (?:near|at char \d+ in) (\{[^}]*\}|[^\s]+)", said)
        said = f"{m.group(2) or ''} {m.group(3)}".strip() + (f" ({near.group(1)})" if near else "")
    return InputError(f"the Schematron schema cannot be run: {' '.join(said.split())}", file=path, line=line,
                      hint="fix this rule's XPath (teikit runs queryBinding xslt2/xslt3 as XPath 3.1)")


# A document of this many bytes or more is run in a forked child that frees its copy of the
# lxml tree first: Saxon's tree and runtime beside it took validate --schema tei_all of 50 MB
# from 336 to 624 MiB (teikit.build.memory says the same of the builds).
LARGE = 8_000_000


def _findings(stylesheet: Path, path: Path, document: Serialized, name: str,
              release: Callable[[], None] | None = None) -> list[tuple[str, str, str, str]]:
    """(path, role, id, text) of each finding of ``stylesheet`` on the serialized ``document``."""
    from teikit import saxon

    if release is not None:  # in a forked child: this copy of the tree is not needed
        release()
    try:
        result = saxon.transform(stylesheet, document, source_name=name)
    except InputError:
        raise
    except Exception as exc:  # a rule Saxon cannot compile or run: the schema's fault
        raise _unrunnable(path, stylesheet, str(getattr(exc, "message", exc))) from exc
    output = result.output or ""
    report = etree.fromstring(output.encode("utf-8")) if output.strip() else None
    return [(found.get("path", ""), found.get("role") or "error", found.get("id") or "",
             " ".join("".join(found.itertext()).split()))
            for found in (report.iter(f"{{{TK}}}f") if report is not None else ())]


def validate(path: Path, doc: Document, code: str) -> list[Diagnostic]:
    """Run the XPath 2.0+ Schematron schema at ``path`` on one document."""
    from teikit import saxon
    from teikit.build import forked, memory

    stylesheet = _stylesheet(path)
    assert _folder is not None  # made by _stylesheet
    # in a folder that lives as long as the process; the last document's file removed
    # first: ext4 flushes a file truncated and written again (2 ms a document)
    (_folder / "document.xml").unlink(missing_ok=True)
    document = saxon.serialized(doc.tree, _folder)
    if document.path.stat().st_size >= LARGE and forked.available():
        with forked.Forked(_findings, stylesheet, path, document, doc.name,
                           lambda: memory.release(doc)) as child:
            found = child.result()
    else:
        found = _findings(stylesheet, path, document, doc.name)
    known: dict[int, dict[str, list[etree._Element]]] = {}
    return [Diagnostic(doc.name, source_line(doc.tree, location, known), None,
                       ROLES.get(role.lower(), Severity.ERROR), ident or code, text, xpath=readable(location))
            for location, role, ident, text in found]
