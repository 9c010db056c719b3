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

import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from teikit import paths, xmlio
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


_ALTERNATIVES = re.compile(r"^(?P<head>.*?; )(?P<alts>must be .*)$")
_NEXT_ALTERNATIVE = re.compile(r", (?=must be )| or (?=must be )")


def in_order(message: str) -> str:
    """Jing's "must be A, must be B or must be C" with the alternatives sorted: Jing lists
    them in the order of a hash set, which changes from one JVM to another and with the
    classes it maps from an archive, so the same file gave differently worded messages."""
    found = _ALTERNATIVES.match(message)
    if found is None:
        return message
    alts = sorted(_NEXT_ALTERNATIVE.split(found["alts"]))
    said = alts[0] if len(alts) == 1 else ", ".join(alts[:-1]) + " or " + alts[-1]
    return found["head"] + said


def shorten(message: str) -> str:
    """Cut Jing's list of expected elements/attributes after MAX_EXPECTED names."""
    head, sep, expected = message.partition("; expected ")
    if not sep:
        return message
    names = re.findall(r'"[^"]+"', expected)
    if len(names) <= MAX_EXPECTED:
        return message
    return f"{head}; expected {', '.join(names[:MAX_EXPECTED])} or one of {len(names) - MAX_EXPECTED} others"


def _command(schema: Path, files: Sequence[Path], sharing: Sequence[str] = ()) -> list[str]:
    java = shutil.which("java")
    jing_jar = jar()
    if java is None or jing_jar is None:
        raise ToolError("Jing is not available (needs java and jing.jar)", hint="run scripts/setup.sh")
    compact = ["-c"] if schema.suffix.lower() == ".rnc" else []  # the compact syntax
    return [java, *JVM_OPTIONS, *sharing, "-cp", str(jing_jar), DRIVER, *compact, str(schema),
            *map(str, files)]


# Class data sharing (JDK 13 and later): the first run writes the classes Jing loaded into an
# archive in teikit's cache (-XX:ArchiveClassesAtExit), later runs map it instead of loading
# and verifying those classes again (-XX:SharedArchiveFile). The memoir against tei_all: 0.93
# -> 0.59 s wall, CPU 0.87 -> 0.60 s (docs/performance.md). The archive is named after the
# Java and Jing it was made with, written under another name and renamed when whole, and used
# only when it is this user's and nobody else may write it (the JVM maps it into its memory);
# a JVM that cannot use it is run again without it, and the archive removed.
CLASS_ARCHIVE_DIR = paths.CACHE_DIR / "jing"


def _archive_path() -> Path | None:
    """The class archive for this Java and this Jing (None when either is missing)."""
    java, jing_jar = shutil.which("java"), jar()
    if java is None or jing_jar is None:
        return None
    try:
        facts = [(str(f), f.stat().st_size, f.stat().st_mtime_ns)
                 for f in (Path(java).resolve(), jing_jar.resolve())]
    except OSError:
        return None
    return CLASS_ARCHIVE_DIR / f"jing-{hashlib.sha256(repr(facts).encode()).hexdigest()[:16]}.jsa"


def _private(path: Path) -> bool:
    """A file or folder of this user's that group and others may not write (not a link)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not (info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)) and not stat.S_ISLNK(info.st_mode)


def _sharing(tmp: Path) -> tuple[list[str], Path | None, Path | None]:
    """For one run: (JVM options, the archive it maps, the archive it is to write): the
    archive when there is a usable one, else the options that write it; nothing when the
    cache folder cannot be used. A JVM that crashes writes its report into ``tmp``, not into
    the current folder."""
    archive = _archive_path()
    if archive is None:
        return [], None, None
    try:
        CLASS_ARCHIVE_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return [], None, None
    if not _private(CLASS_ARCHIVE_DIR):
        return [], None, None
    error_file = f"-XX:ErrorFile={tmp / 'hs_err_%p.log'}"
    if archive.is_file() and _private(archive):
        return [f"-XX:SharedArchiveFile={archive}", error_file], archive, None
    return [f"-XX:ArchiveClassesAtExit={tmp / archive.name}", error_file], None, archive


# What a JVM says when it did not run Jing: it crashed mapping an archive, or it does not know
# the options (a Java before 13, another JVM than HotSpot).
_JVM_FAILED = ("A fatal error has been detected by the Java Runtime Environment",
               "Could not create the Java Virtual Machine", "Error occurred during initialization of VM")


def _run_jing(schema: Path, files: Sequence[Path], tmp: Path) -> subprocess.CompletedProcess[str]:
    """One Jing process, with the class archive when there is one (see CLASS_ARCHIVE_DIR)."""
    options, used, to_write = _sharing(tmp)
    proc = subprocess.run(_command(schema, files, options), capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=False)
    said = proc.stdout[:4000] + proc.stderr[:4000]
    if options and any(failed in said for failed in _JVM_FAILED):
        if used is not None:  # an archive it could not map (a truncated file, another build of Java)
            used.unlink(missing_ok=True)
        return subprocess.run(_command(schema, files), capture_output=True, text=True,
                              timeout=TIMEOUT_S, check=False)
    written = tmp / to_write.name if to_write is not None else None
    if to_write is not None and written is not None and proc.returncode in (0, 1) and written.is_file():
        try:
            # whole, then renamed into the cache (on the same file system: copied there first)
            partial = to_write.with_name(f".{to_write.name}.{os.getpid()}.tmp")
            shutil.copyfile(written, partial)
            os.chmod(partial, 0o600)
            os.replace(partial, to_write)
        except OSError:
            partial.unlink(missing_ok=True)
    return proc


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
            names[target], int(match["line"]), int(match["col"]), severity, code,
            shorten(in_order(match["msg"])), hint=hint_for(match["msg"]),
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
            proc = _run_jing(schema, files, Path(tmp))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ToolError(f"Jing failed to run: {exc}", hint="check the Java installation") from exc
    diags, other = _parse_output(proc.stdout + proc.stderr, names, code)
    if proc.returncode != 0 and not diags:
        detail = "; ".join(other[:3]) or f"exit status {proc.returncode}"
        if str(schema) in detail:
            raise InputError(f"cannot use the schema: {detail}", file=schema)
        raise ToolError(f"Jing failed: {detail}", file=schema)
    return diags
