"""The one module that owns Saxon (saxonche).

It creates the processor once, compiles each stylesheet once per process, passes typed
parameters, and turns ``xsl:message`` output and Saxon errors into teikit diagnostics or
exceptions. Nothing else in teikit imports saxonche.

Inputs reach Saxon as documents already parsed by :mod:`teikit.xmlio` (no DTDs, no
entities), serialized without their DOCTYPE (:func:`teikit.xmlio.serialize_for_xslt`) and
re-parsed from a private temporary file (not from a string: no second and third copy of
the text in memory while Saxon parses), and Saxon's own parser is configured (:data:`PARSER_SETTINGS`) to
refuse any DOCTYPE, not to process XInclude, and to accept the same nesting depth as
``teikit.xmlio`` (Saxon's Java default is 100; teikit's limit is :data:`teikit.xmlio.MAX_DEPTH`).
Stylesheets may only read ``file:`` URIs (``allowedProtocols``), so no stylesheet, teikit's
or an edition's, reaches the network; teikit's own stylesheets read nothing but the given
document (a test scans them for ``doc()``, ``unparsed-text()`` and the like). A Saxon error
caused by the input (two generated files with one name, a limit exceeded) is raised as an
:class:`~teikit.errors.InputError` naming the input, not as a tool failure.

Secondary outputs (``xsl:result-document``) are either written under a
caller-given directory (normally a temporary one from :func:`teikit.xmlio.atomic_directory`)
or, with ``capture=True``, kept in memory and returned as text keyed by a relative path;
a document whose href leaves the output base is refused, so a stylesheet cannot write
outside it. (``allowedProtocols`` cannot also forbid ``file:``: once narrowed it cannot be
widened again in the process, and compiling stylesheets needs ``file:``.)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError, TeikitError, ToolError

# Settings of the processor and its XML parser (Xerces through JAXP); see the module docstring.
_PARSER = "http://saxon.sf.net/feature/parserFeature?uri="
PARSER_SETTINGS: dict[str, str] = {
    _PARSER + "http://apache.org/xml/features/disallow-doctype-decl": "true",
    _PARSER + "http://xml.org/sax/features/external-general-entities": "false",
    _PARSER + "http://xml.org/sax/features/external-parameter-entities": "false",
    _PARSER + "http://apache.org/xml/features/nonvalidating/load-external-dtd": "false",
    "http://saxon.sf.net/feature/parserProperty?uri=http://www.oracle.com/xml/jaxp/properties/maxElementDepth":
        str(xmlio.MAX_DEPTH),  # both parsers accept exactly MAX_DEPTH nested elements
    "http://saxon.sf.net/feature/xinclude-aware": "false",
    "http://saxon.sf.net/feature/allowedProtocols": "file",
}

_lock = threading.RLock()
_processor: Any = None
_compiled: dict[Path, Any] = {}


def started() -> bool:
    """Has this process started Saxon? (A process that has must not fork workers.)"""
    return _processor is not None


def processor() -> Any:
    """The process-wide Saxon processor (created on first use)."""
    global _processor
    with _lock:
        if _processor is None:
            try:
                from saxonche import PySaxonProcessor
            except ImportError as exc:  # pragma: no cover - saxonche is a dependency
                raise ToolError("saxonche is not installed", hint="run scripts/setup.sh") from exc
            proc = PySaxonProcessor(license=False)
            for name, value in PARSER_SETTINGS.items():
                proc.set_configuration_property(name, value)
            _processor = proc
        return _processor


def compile_stylesheet(path: str | Path) -> Any:
    """Compile ``path`` once per process and return the executable."""
    key = Path(path).resolve()
    with _lock:
        cached = _compiled.get(key)
    if cached is not None:
        return cached
    proc = processor()
    xslt = proc.new_xslt30_processor()
    try:
        executable = xslt.compile_stylesheet(stylesheet_file=str(key))
    except Exception as exc:  # saxonche raises PySaxonApiError
        raise ToolError(f"cannot compile stylesheet: {exc}", file=key) from exc
    if executable is None:
        raise ToolError("cannot compile stylesheet", file=key)
    with _lock:
        _compiled[key] = executable
    return executable


def _xdm(value: Any) -> Any:
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, (str, Path)):
        return proc.make_string_value(str(value))
    raise TypeError(f"unsupported stylesheet parameter type: {type(value).__name__}")


@contextlib.contextmanager
def _stderr_quiet() -> Iterator[None]:
    """Keep Saxon's own error report (printed by the native library) off the user's terminal.

    The same text reaches Python in the exception, which :func:`failure` turns into one
    message in teikit's words. File descriptor 2 is shared by the process, so whatever is
    written to it meanwhile is captured and, when the block succeeds (Saxon printed no
    report), written back unchanged.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all
        yield
        return
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield  # an exception leaves the block here: Saxon's report is dropped
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        held = capture.read()
    if held:
        os.write(2, held)


# Saxon error codes that the input causes, with what they mean for the user.
_CODE = re.compile(r"\b(XTDE1490|SXXP0003|SXLM0001|XTDE0640|FODC0002|FOUT1170)\b")


def failure(exc: BaseException, stylesheet: Path, source_name: str) -> TeikitError:
    """A Saxon exception as a teikit error: input problems against the input, else a tool failure."""
    text = " ".join(str(exc).split())
    code = _CODE.search(text)
    first = text.split(" at ", 1)[0].strip()
    if (code and code.group(1) == "XTDE1490") or "more than one result document to the same URI" in text:
        target = re.search(r"same URI:? (\S+)", text)
        name = target.group(1).rsplit("/", 1)[-1] if target else "one file"
        return InputError(
            f"two parts of the document would be written to the same file ({name})",
            file=source_name, hint="give the parts distinct xml:id values; `teikit check` lists duplicates",
        )
    if code and code.group(1) == "SXXP0003":
        depth = re.search(r"depth of \"(\d+)\"", text)
        if depth:
            return InputError(f"elements are nested more than {xmlio.MAX_DEPTH} deep (teikit's limit)",
                              file=source_name, hint="flatten the nesting")
        return InputError("the document cannot be handed to the XSLT processor", file=source_name,
                          hint="run `teikit validate` on it")
    if code and code.group(1) in ("SXLM0001", "XTDE0640"):
        return InputError("the document is nested too deeply for the stylesheet", file=source_name,
                          hint="flatten the nesting of divisions and phrases")
    if "Too many namespace prefixes" in text:  # Saxon's tree holds 2,047 (no error code)
        return InputError("the document declares more namespace prefixes than the XSLT processor holds "
                          "(Saxon: 2,047 in one document)", file=source_name,
                          hint="declare each namespace once, on the root element, with one prefix")
    if code and code.group(1) in ("FODC0002", "FOUT1170"):
        return InputError(f"the stylesheet was asked to read a resource teikit does not read: {first}",
                          file=source_name, hint="teikit reads nothing but the input document")
    return ToolError(f"XSLT transformation failed: {first}", file=stylesheet,
                     hint="this is a fault in the stylesheet; report it with the input file")


@dataclass
class Result:
    """What a transformation returned: its principal output and its messages."""

    output: str | None
    messages: list[Diagnostic] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    """Captured ``xsl:result-document`` outputs: relative path -> text (``capture=True``)."""


# Base URI for captured result documents: never written to, only used to resolve hrefs.
_CAPTURE_BASE = "file:///teikit-capture/"


def _captured(executable: Any, stylesheet: Path) -> dict[str, str]:
    """Captured result documents as {relative path: text}; refuse hrefs outside the base."""
    out: dict[str, str] = {}
    for uri, value in (executable.get_result_documents() or {}).items():
        uri = str(uri).replace("file:///", "file:/", 1)
        base = _CAPTURE_BASE.replace("file:///", "file:/", 1)
        rel = uri[len(base):] if uri.startswith(base) else None
        if not rel or rel.startswith("/") or ".." in rel.split("/"):
            raise ToolError(f"the stylesheet tried to write outside its output folder: {uri}",
                            file=stylesheet)
        node = value.head
        out[rel] = node.string_value if node is not None else ""
    return out


def _messages(executable: Any, stylesheet: Path, source_name: str) -> list[Diagnostic]:
    raw = executable.get_xsl_messages()
    out: list[Diagnostic] = []
    if raw is None:
        return out
    for i in range(raw.size):
        item = raw.item_at(i)
        # string_value: the message text itself (str() would give its XML serialization).
        text = str(getattr(item, "string_value", item)).strip()
        severity, code, message = Severity.INFO, "xslt.message", text
        # Convention: messages of the form "severity|code|message" are structured.
        parts = text.split("|", 2)
        if len(parts) == 3 and parts[0] in {s.value for s in Severity}:
            severity, code, message = Severity(parts[0]), parts[1], parts[2]
        out.append(Diagnostic(source_name, None, None, severity, code, message, xpath=str(stylesheet.name)))
    return out


@dataclass(frozen=True)
class Serialized:
    """A document already written for Saxon (:func:`serialized`): the lxml tree it came from
    may be freed before Saxon parses it, so one process never holds both trees (a large
    build's forked children do this: :mod:`teikit.build.memory`)."""

    path: Path
    digest: bytes


def serialized(document: etree._ElementTree | etree._Element, folder: Path) -> Serialized:
    """``document`` written into ``folder/document.xml`` as :func:`teikit.xmlio.serialize_for_xslt`
    gives it (no DOCTYPE), for :func:`transform`; the caller removes ``folder``."""
    data = xmlio.serialize_for_xslt(document)
    path = Path(folder) / "document.xml"
    path.write_bytes(data)
    return Serialized(path, hashlib.sha256(data).digest())


# The last document handed to Saxon, and Saxon's tree of it: a build runs the HTML, EPUB and
# other stylesheets on the same edition, and Saxon's parse (about 0.05 s for 1.3 MB) need not
# be repeated. Keyed by a digest of the serialized bytes (not the bytes: a big collection's
# would stay in memory), so a tree changed in between is parsed again.
_last_tree: tuple[bytes, Any] | None = None


def _saxon_tree(proc: Any, document: etree._ElementTree | etree._Element | Serialized, folder: Path) -> Any:
    """Saxon's tree of ``document``: the last one when the serialized document is the same,
    else parsed from a private file in ``folder``, written as
    :func:`teikit.xmlio.serialize_for_xslt` gives it (no DOCTYPE). Saxon reads the file, so no
    second and third copy of the whole text is held in Python (as bytes and as a string)
    while Saxon parses it (at 50 MB of TEI that pair was 100 MB of the build's peak)."""
    global _last_tree
    if isinstance(document, Serialized):
        if _last_tree is None or _last_tree[0] != document.digest:
            _last_tree = None
            _last_tree = (document.digest, proc.parse_xml(xml_file_name=str(document.path)))
        return _last_tree[1]
    data = xmlio.serialize_for_xslt(document)
    digest = hashlib.sha256(data).digest()
    if _last_tree is not None and _last_tree[0] == digest:
        return _last_tree[1]
    _last_tree = None  # the previous tree may go before the next is built
    path = folder / "document.xml"
    path.write_bytes(data)
    del data
    node = proc.parse_xml(xml_file_name=str(path))
    _last_tree = (digest, node)
    return node


def preload(document: Serialized) -> None:
    """Parse ``document`` into Saxon's tree now, for the next :func:`transform` of it (a
    worker parses while the parameters of its transform are still being worked out). A
    document Saxon cannot read is left for that transform, which says why."""
    with _lock, contextlib.suppress(Exception), _stderr_quiet():
        _saxon_tree(processor(), document, document.path.parent)


def transform(
    stylesheet: str | Path,
    document: etree._ElementTree | etree._Element | bytes | Serialized,
    *,
    params: Mapping[str, Any] | None = None,
    output_dir: str | Path | None = None,
    source_name: str = "<input>",
    capture: bool = False,
) -> Result:
    """Run a compiled stylesheet on ``document`` and return its principal output.

    ``output_dir`` is the base for ``xsl:result-document`` hrefs (relative hrefs land in
    it). With ``capture=True`` result documents are returned in :attr:`Result.documents`
    instead (text output methods give their text; others their XML serialization), and
    nothing is written. Parameters are typed from their Python type: bool, int, float,
    str/Path. The document is also the global context item, so global variables may use
    ``/``. ``document`` may be a :class:`Serialized` one (its file is read, not the tree).
    """
    path = Path(stylesheet).resolve()
    executable = compile_stylesheet(path)
    proc = processor()
    # Never the input's own bytes or DOCTYPE: Saxon's parser would load the DTD it names.
    if isinstance(document, bytes):
        document = xmlio.parse_bytes(document, source_name)
    # An executable holds parameters and messages: one run at a time. A document already
    # serialized is read where it is (no folder made and removed per run: a validation of a
    # thousand letters made a thousand).
    with _lock, contextlib.ExitStack() as stack:
        handover = (str(document.path.parent) if isinstance(document, Serialized)
                    else stack.enter_context(tempfile.TemporaryDirectory(prefix="teikit-saxon-")))
        executable.clear_parameters()
        executable.clear_xsl_messages()
        executable.set_save_xsl_message(True)
        for name, value in (params or {}).items():
            executable.set_parameter(name, _xdm(value))
        executable.set_capture_result_documents(capture)
        if capture:
            executable.set_base_output_uri(_CAPTURE_BASE)
        elif output_dir is not None:
            executable.set_base_output_uri(Path(output_dir).resolve().as_uri() + "/")
        try:
            with _stderr_quiet():
                node = _saxon_tree(proc, document, Path(handover))
                executable.set_global_context_item(xdm_item=node)
                output = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise failure(exc, path, source_name) from exc
        messages = _messages(executable, path, source_name)
        documents = _captured(executable, path) if capture else {}
    return Result(output, messages, documents)
