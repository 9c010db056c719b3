"""Cross-reference integrity checking: ``check_paths(paths) -> CheckResult``.

The checker loads the files (directories are searched for ``*.xml``), indexes IDs and
pointers once (:mod:`teikit.check.model`), resolves every pointer once
(:mod:`teikit.check.context`) and runs the rule families of :mod:`teikit.check.rules`.
It returns diagnostics; it never prints. Files that cannot be used at all (missing, not
XML, unsafe, not TEI P5) become ``input.unusable`` diagnostics and set
``CheckResult.unusable`` so the CLI can exit 2 after reporting the others.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import xmlio
from teikit.check.context import Context, display_path
from teikit.check.model import Document, DocumentSet
from teikit.check.pointers import pointer_table
from teikit.check.rules import FAMILIES, RULES
from teikit.diagnostics import Diagnostic, Severity, sort_key
from teikit.errors import InputError
from teikit.hooks import is_tei_file

__all__ = ["CheckResult", "RULES", "check_paths", "expand_paths", "matches", "paused_gc"]


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unusable: bool = False


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every ``*.xml`` below a directory (sorted, hidden folders skipped)."""
    return list(_expand(paths))


def _expand(paths: Iterable[str | Path]) -> dict[Path, Path | None]:
    """Each file to check -> the folder it was found in (None: given by name)."""
    out: dict[Path, Path | None] = {}
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = xmlio.files_in_folder(p, sorted((f for f in p.rglob("*.xml")
                                                     if not f.name.startswith(".") and not f.is_dir()),
                                                    key=xmlio.reading_order))
            if not found:
                raise InputError("the directory holds no *.xml file", file=p,
                                 hint="give TEI files or a folder of them")
            for f in found:
                out.setdefault(f, p)
        else:
            out[p] = None
    return out


def matches(code: str, patterns: Sequence[str]) -> bool:
    """Whether ``code`` is named by one of ``patterns`` (a code, or a family such as ``notes``)."""
    return any(code == p or code.startswith(p.rstrip(".") + ".") for p in patterns)


# The rules of a set of files are divided among processes only from this size on: forking and
# sending the diagnostics back cost more than they save on a few small files.
PARALLEL_BYTES = 2 * 1024 * 1024
# What a forked worker inherits: the context and the documents already read and indexed.
_inherited: tuple[Context, list[Document]] | None = None


def _rules_for(start: int, stop: int) -> list[Diagnostic]:
    """A worker's share: every rule family on the inherited documents start..stop."""
    assert _inherited is not None, "a check worker runs only forked from _run_rules"
    ctx, checked = _inherited
    return [d for doc in checked[start:stop] for d in _rules_on(ctx, doc)]


def _rules_on(ctx: Context, doc: Document) -> list[Diagnostic]:
    """Every rule family on one document; what locating its diagnostics kept is then let go."""
    found = [d for run in FAMILIES.values() for d in run(ctx, doc)]
    doc.forget_columns()
    return found


def _run_rules(ctx: Context, docs: DocumentSet, jobs: int) -> list[Diagnostic]:
    """Every rule family on every checked document: here, or, for a large set and ``jobs`` > 1,
    in ``jobs`` processes forked after the files were read (they inherit them instead of
    reading them again), each taking consecutive documents. The diagnostics are the same."""
    global _inherited
    checked = docs.checked
    jobs = min(jobs, len(checked))
    if jobs > 1:
        size = sum(doc.path.stat().st_size for doc in checked if doc.path.is_file())
        jobs = jobs if size >= PARALLEL_BYTES else 1
    if jobs > 1:  # imported here: `teikit check` on a few files starts without it
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            jobs = 1
    if jobs <= 1:
        return [d for doc in checked for d in _rules_on(ctx, doc)]
    # what every worker would otherwise compute again: the pointers resolved, the reverse index
    if checked:
        ctx.incoming(checked[0].tree.getroot())
    _inherited = (ctx, checked)
    from teikit.cores import in_forked_shares

    try:
        return in_forked_shares(_rules_for, len(checked), jobs, "checking the files", "check")
    finally:
        _inherited = None


_ATTRIBUTE = re.compile(r"^(?:[A-Za-z][\w.-]*/)?@(?:[A-Za-z][\w:.-]*|\*)$")


def is_attribute_pattern(pattern: str) -> bool:
    """``@facs``, ``pb/@facs``, ``catRef/@*``, or the name of a TEI element with pointer
    attributes of its own (``catRef``) that names no rule family: pointers of that attribute
    (or element) are declared external. Anything else must be a rule code or family, so a
    typo is still refused."""
    if _ATTRIBUTE.match(pattern):
        return True
    return pattern in pointer_table()[1] and not any(matches(code, [pattern]) for code in RULES)


def unknown_patterns(patterns: Sequence[str]) -> list[str]:
    """Patterns that name no rule code, no family and no attribute."""
    return [p for p in patterns
            if not is_attribute_pattern(p) and not any(matches(code, [p]) for code in RULES)]


# libxml2's safety limits speak of its own options; say what they mean for a user.
_LIMIT_HINTS = {
    "Excessive depth": "elements are nested more than 256 deep; teikit refuses such documents as unsafe "
                       "(they are almost always generated or hostile); flatten the nesting",
    "Text node too long": "a single text run exceeds 10 MB; teikit refuses it as unsafe; "
                          "split the text into paragraphs",
    "Resource limit exceeded": "the file exceeds a safety limit of the XML parser; "
                               "split it into smaller files",
}


def _unusable(exc: InputError) -> Diagnostic:
    hint = next((h for key, h in _LIMIT_HINTS.items() if key in exc.message), exc.hint)
    return Diagnostic(exc.file or "<input>", exc.line, exc.column, Severity.ERROR, "input.unusable",
                      exc.message, hint)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a large document makes hundreds of thousands of
    small, acyclic objects, and repeated full collections made the rules grow faster than
    linearly with the input (see benchmarks/check_bench.py). Collection resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_paths(
    paths: Iterable[str | Path],
    *,
    registers: Iterable[str | Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    bare_ids: Sequence[str] = (),
    jobs: int = 1,
    trees: dict[Path, etree._ElementTree] | None = None,
) -> CheckResult:
    """Check files and folders; ``registers`` only resolve ``@key`` values and pointers.

    ``ignore`` takes rule codes and families, and pointer patterns declared external
    (``@facs``, ``pb/@facs``, ``catRef``); ``bare_ids`` patterns (``sp/@who``) declare
    attributes whose values are IDs written without '#', so each must name one. ``jobs``:
    processes the rules of a large set of files are divided among (:func:`_run_rules`).
    ``trees``: files already parsed (resolved path -> tree), read instead of parsed again.
    """
    with paused_gc():
        return _check(paths, registers, select, ignore, bare_ids, jobs, trees)


def _check(paths: Iterable[str | Path], registers: Iterable[str | Path], select: Sequence[str],
           ignore: Sequence[str], bare_ids: Sequence[str] = (), jobs: int = 1,
           trees: dict[Path, etree._ElementTree] | None = None) -> CheckResult:
    result = CheckResult()
    docs = DocumentSet(trees)
    for reg in registers:
        docs.add(Path(reg), display_path(Path(reg)), register=True)  # an unusable register is fatal
    skipped: dict[Path, list[str]] = {}
    for path, folder in _expand(paths).items():
        name = display_path(path)
        try:
            docs.add(path, name)
        except InputError as exc:
            if folder is not None and not is_tei_file(path):
                # XML of another kind in an edition's folder (a CTS __cts__.xml, a schema, an
                # SVG): not the edition; said once per folder below, not an error per file
                skipped.setdefault(folder, []).append(display_path(path))
                continue
            result.unusable = True
            result.diagnostics.append(_unusable(exc))
        result.files.append(name)
    for folder, names in skipped.items():
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        result.diagnostics.append(Diagnostic(
            display_path(folder), None, None, Severity.INFO, "input.skipped",
            f"{len(names)} XML file(s) in this folder are not TEI and were not checked: {shown}",
            "name a file to have it checked all the same (teikit check FILE)"))
    ctx = Context(docs, external=[p for p in ignore if is_attribute_pattern(p)], bare_ids=bare_ids)
    result.diagnostics.extend(_run_rules(ctx, docs, jobs))
    kept = (d for d in result.diagnostics
            if (not select or matches(d.code, select)) and not matches(d.code, ignore))
    result.diagnostics = sorted(kept, key=sort_key)
    return result
