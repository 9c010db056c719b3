"""The one module that owns Saxon (saxonche).

It creates the processor once, compiles each stylesheet once per process, passes typed
parameters, and turns ``xsl:message`` output and Saxon errors into teikit diagnostics or
exceptions. Nothing else in teikit imports saxonche.

Inputs reach Saxon as documents already parsed by :mod:`teikit.xmlio` (no DTDs, no
entities), serialized and re-parsed from memory, so Saxon never resolves a URI of the
input. Secondary outputs (``xsl:result-document``) are written under a caller-given
directory, normally a temporary one from :func:`teikit.xmlio.atomic_directory`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

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


def _messages(executable: Any, stylesheet: Path, source_name: str) -> list[Diagnostic]:
    raw = executable.get_xsl_messages()
    out: list[Diagnostic] = []
    if raw is None:
        return out
    for i in range(raw.size):
        text = str(raw.item_at(i)).strip()
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
) -> Result:
    """Run a compiled stylesheet on ``document`` and return its principal output.

    ``output_dir`` is the base for ``xsl:result-document`` hrefs (relative hrefs land in
    it). Parameters are typed from their Python type: bool, int, float, str/Path.
    """
    path = Path(stylesheet).resolve()
    executable = compile_stylesheet(path)
    proc = processor()
    data = document if isinstance(document, bytes) else etree.tostring(document, encoding="UTF-8")
    with _lock:  # an executable holds parameters and messages: one run at a time
        executable.clear_parameters()
        executable.clear_xsl_messages()
        executable.set_save_xsl_message(True)
        for name, value in (params or {}).items():
            executable.set_parameter(name, _xdm(value))
        if output_dir is not None:
            executable.set_base_output_uri(Path(output_dir).resolve().as_uri() + "/")
        try:
            node = proc.parse_xml(xml_text=data.decode("utf-8"))
            output = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise ToolError(f"XSLT transformation failed: {exc}", file=path) from exc
        messages = _messages(executable, path, source_name)
    return Result(output, messages)
