"""The one module that owns Saxon (saxonche).

It creates the processor once, compiles each stylesheet once per process, passes typed
parameters, and turns ``xsl:message`` output and Saxon errors into teikit diagnostics or
exceptions. Nothing else in teikit imports saxonche.

Inputs reach Saxon as documents already parsed by :mod:`teikit.xmlio` (no DTDs, no
entities), serialized and re-parsed from memory, so Saxon never resolves a URI of the
input. Secondary outputs (``xsl:result-document``) are either written under a
caller-given directory (normally a temporary one from :func:`teikit.xmlio.atomic_directory`)
or, with ``capture=True``, kept in memory and returned as text keyed by a relative path;
a document whose href leaves the output base is refused, so a stylesheet cannot write
outside it. (Saxon's ``allowedProtocols`` feature would also block ``doc()`` reads, but
once set it stays set for the process and then blocks compiling stylesheets from files
too, so teikit does not use it: its stylesheets read nothing but the given document.)
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import ToolError

_lock = threading.RLock()
_processor: Any = None
_compiled: dict[Path, Any] = {}


def processor() -> Any:
    """The process-wide Saxon processor (created on first use)."""
    global _processor
    with _lock:
        if _processor is None:
            try:
                from saxonche import PySaxonProcessor
            except ImportError as exc:  # pragma: no cover - saxonche is a dependency
                raise ToolError("saxonche is not installed", hint="run scripts/setup.sh") from exc
            _processor = PySaxonProcessor(license=False)
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


def transform(
    stylesheet: str | Path,
    document: etree._ElementTree | etree._Element | bytes,
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
    ``/``.
    """
    path = Path(stylesheet).resolve()
    executable = compile_stylesheet(path)
    proc = processor()
    # Never the input's own bytes or DOCTYPE: Saxon's parser would load the DTD it names.
    if isinstance(document, bytes):
        document = xmlio.parse_bytes(document, source_name)
    data = xmlio.serialize_for_xslt(document)
    with _lock:  # an executable holds parameters and messages: one run at a time
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
            node = proc.parse_xml(xml_text=data.decode("utf-8"))
            executable.set_global_context_item(xdm_item=node)
            output = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise ToolError(f"XSLT transformation failed: {exc}", file=path) from exc
        messages = _messages(executable, path, source_name)
        documents = _captured(executable, path) if capture else {}
    return Result(output, messages, documents)
