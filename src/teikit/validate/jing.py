"""RELAX NG validation with Jing (Java), run once for all documents of a run.

Measured on this project (docs/performance.md): Jing loads ``tei_all.rng`` and validates
the edition in well under a second, while lxml (libxml2) needs about 6 s just to compile
tei_all. So Jing is the default RELAX NG engine when Java and ``jing.jar`` are present
(Debian package ``jing``, installed by scripts/setup.sh); lxml is the fallback.

Safety: Jing is called directly (not through Debian's ``jing`` wrapper, which switches on
XInclude), on files teikit has already parsed safely. A file with a DOCTYPE, or not in UTF-8, is
handed over as a UTF-8 copy with the DOCTYPE blanked out (:func:`teikit.xmlio.without_doctype`:
line numbers unchanged, checked to hold no DOCTYPE), so Jing never fetches an external DTD.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from teikit import xmlio
from teikit.diagnostics import Diagnostic, Severity
from teikit.errors import InputError, ToolError
from teikit.validate.documents import Document

JAR_CANDIDATES = (Path("/usr/share/java/jing.jar"),)
DRIVER = "com.thaiopensource.relaxng.util.Driver"
TIMEOUT_S = 900
# A short-lived JVM: the C1 compiler only and the serial collector roughly halve Jing's wall
# time on this 2-core machine (the C2 and GC threads otherwise compete with the work);
# benchmarks/validate_bench.py measures it. -Xss: deep TEI content models recurse.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")
# Jing lists every element it would have accepted; beyond this many the list is cut.
MAX_EXPECTED = 8
_LINE = re.compile(r"^(?P<line>\d+):(?P<col>\d+): (?P<sev>error|fatal|warning): (?P<msg>.*)$")
# "path:line:col: severity: message": the path is what comes before the first such tail.
_PATH_LINE = re.compile(r"^(?P<path>.+?):(?=\d+:\d+: (?:error|fatal|warning): )")
# One Java command line stays well under the system's argument limit (ARG_MAX is often
# 128 KiB-2 MiB); larger sets run in several batches.
MAX_ARGS_CHARS = 96 * 1024


def jar() -> Path | None:
    """The Jing jar, from ``TEIKIT_JING_JAR`` or the Debian location; None when absent."""
    env = os.environ.get("TEIKIT_JING_JAR")
    for candidate in ([Path(env)] if env else []) + list(JAR_CANDIDATES):
        if candidate.is_file():
            return candidate
    return None


def available() -> bool:
    """True when Java and the Jing jar are both present."""
    return jar() is not None and shutil.which("java") is not None


def shorten(message: str) -> str:
    """Cut Jing's list of expected elements/attributes after MAX_EXPECTED names."""
    head, sep, expected = message.partition("; expected ")
    if not sep:
        return message
    names = re.findall(r'"[^"]+"', expected)
    if len(names) <= MAX_EXPECTED:
        return message
    return f"{head}; expected {', '.join(names[:MAX_EXPECTED])} or one of {len(names) - MAX_EXPECTED} others"


def _command(schema: Path, files: Sequence[Path]) -> list[str]:
    java = shutil.which("java")
    jing_jar = jar()
    if java is None or jing_jar is None:
        raise ToolError("Jing is not available (needs java and jing.jar)", hint="run scripts/setup.sh")
    return [java, *JVM_OPTIONS, "-cp", str(jing_jar), DRIVER, str(schema), *map(str, files)]


_HINTS = (
    (re.compile(r'attribute "(when|from|to|notBefore|notAfter)[^"]*" is invalid|ISO date'),
     "write the date in ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD (month 01-12, day 01-31); "
     "a date the source gives differently goes in the element's text"),
    (re.compile(r"ID \S+ has already been defined|first occurrence of ID"),
     "two elements share this xml:id: give one another ID (teikit check lists the pointers)"),
    (re.compile(r"not allowed here"),
     "move the element where the schema allows it (the expected ones are listed), or wrap it"),
    (re.compile(r"not allowed yet|missing required element"),
     "an element the schema requires first is missing before this point"),
    (re.compile(r"value of attribute \S+ is invalid"),
     "the attribute's value does not have the form the schema asks for (see the TEI Guidelines)"),
)


def hint_for(message: str) -> str | None:
    """What to do about a RELAX NG message, in a few words."""
    return next((hint for pattern, hint in _HINTS if pattern.search(message)), None)


def _parse_output(output: str, names: dict[str, str], code: str) -> tuple[list[Diagnostic], list[str]]:
    diags: list[Diagnostic] = []
    other: list[str] = []
    for raw in output.splitlines():
        # a dictionary lookup per line: linear in the output, whatever the number of files
        head = _PATH_LINE.match(raw)
        target = head["path"] if head and head["path"] in names else None
        match = _LINE.match(raw[len(target) + 1 :]) if target else None
        if not match or target is None:
            if raw.strip():
                other.append(raw.strip())
            continue
        severity = Severity.WARNING if match["sev"] == "warning" else Severity.ERROR
        diags.append(Diagnostic(
            names[target], int(match["line"]), int(match["col"]), severity, code, shorten(match["msg"]),
            hint=hint_for(match["msg"]),
        ))
    return diags, other


def _batches(docs: Sequence[Document]) -> list[Sequence[Document]]:
    """Consecutive slices of ``docs`` whose paths fit on one command line."""
    out: list[Sequence[Document]] = []
    start, size = 0, 0
    for i, doc in enumerate(docs):
        length = len(str(doc.path)) + 16  # the path, or a temporary copy's, and a separator
        if i > start and size + length > MAX_ARGS_CHARS:
            out.append(docs[start:i])
            start, size = i, 0
        size += length
    if start < len(docs):
        out.append(docs[start:])
    return out


# A Jing run costs about half a second of start-up (the JVM, the schema); a set of documents is
# divided among several runs at once (validate --jobs N) only when each gets at least this much.
PARALLEL_BYTES = 4 * 1024 * 1024


def _shares(docs: Sequence[Document], jobs: int) -> list[Sequence[Document]]:
    """``docs`` in at most ``jobs`` consecutive slices of about equal size, each of at least
    PARALLEL_BYTES (one slice for a small set: a second JVM would cost more than it saves)."""
    total = sum(len(doc.data) for doc in docs)
    parts = max(1, min(jobs, len(docs), total // PARALLEL_BYTES))
    if parts == 1:
        return [docs]
    out: list[Sequence[Document]] = []
    start, size = 0, 0
    for i, doc in enumerate(docs):
        size += len(doc.data)
        if size >= total * (len(out) + 1) / parts and len(out) < parts - 1:
            out.append(docs[start:i + 1])
            start = i + 1
    out.append(docs[start:])
    return [part for part in out if part]


def validate(schema: Path, docs: Sequence[Document], code: str, jobs: int = 1) -> list[Diagnostic]:
    """Validate ``docs`` against the RELAX NG ``schema``: one Jing run per command-line batch,
    up to ``jobs`` of them at once (each a separate Java process)."""
    if not docs:
        return []
    batches = [batch for share in _shares(docs, jobs) for batch in _batches(share)]
    if len(batches) == 1:
        return _validate_batch(schema, docs, code)
    if jobs <= 1:
        return [d for batch in batches for d in _validate_batch(schema, batch, code)]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:  # the JVMs run apart; threads only wait
        found = list(pool.map(lambda batch: _validate_batch(schema, batch, code), batches))
    return [d for diags in found for d in diags]


def _validate_batch(schema: Path, docs: Sequence[Document], code: str) -> list[Diagnostic]:
    """Validate ``docs`` against the RELAX NG ``schema`` in one Jing run."""
    with tempfile.TemporaryDirectory(prefix="teikit-jing-") as tmp:
        names: dict[str, str] = {}
        files: list[Path] = []
        for i, doc in enumerate(docs):
            path = doc.path
            if doc.has_doctype or (doc.tree.docinfo.encoding or "UTF-8").upper() not in ("UTF-8", "US-ASCII"):
                path = Path(tmp) / f"{i}-{doc.path.name}"
                path.write_bytes(xmlio.without_doctype(doc.data, doc.tree, doc.name))
            names[str(path)] = doc.name
            files.append(path)
        try:
            proc = subprocess.run(
                _command(schema, files), capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ToolError(f"Jing failed to run: {exc}", hint="check the Java installation") from exc
    diags, other = _parse_output(proc.stdout + proc.stderr, names, code)
    if proc.returncode != 0 and not diags:
        detail = "; ".join(other[:3]) or f"exit status {proc.returncode}"
        if str(schema) in detail:
            raise InputError(f"cannot use the schema: {detail}", file=schema)
        raise ToolError(f"Jing failed: {detail}", file=schema)
    return diags
