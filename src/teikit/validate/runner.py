"""Validate files and folders against a named schema set or schema files: the library API.

``validate_paths(["tei/"], schema="teikit")`` reads every input once (safely), runs each
schema of the set on the usable documents and returns a :class:`Report`. RELAX NG runs in
one Jing process for all documents (or lxml when Java is absent or ``engine="lxml"``), in a
worker thread while Schematron runs in this one. Verdicts are cached by content hash
(:mod:`teikit.validate.cache`) unless ``cache_dir`` is None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit import paths
from teikit.diagnostics import Diagnostic, Severity, sort_key
from teikit.errors import InputError, ToolError
from teikit.validate import cache, documents, jing, lxml_engines
from teikit.validate.documents import Document
from teikit.validate.schemas import NAMED, Schema, is_compact, resolve

ENGINES = ("auto", "jing", "lxml")
DEFAULT_CACHE = paths.CACHE_DIR / "validate"


@dataclass
class Report:
    """What a validation run found: files read, schemas used, diagnostics."""

    files: list[str]
    schema: str
    schemas: list[str]
    engine: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)


def choose_engine(engine: str) -> str:
    """The RELAX NG engine to use: Jing when available (measured faster), else lxml."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}", hint=f"choose one of {', '.join(ENGINES)}")
    if engine == "auto":
        return "jing" if jing.available() else "lxml"
    if engine == "jing" and not jing.available():
        raise ToolError("Jing is not available (needs java and /usr/share/java/jing.jar)",
                        hint="run scripts/setup.sh, or use --engine lxml")
    return engine


def _code(schema: Schema) -> str:
    prefix = {"relaxng": "rng", "xsd": "xsd", "schematron": "sch"}[schema.kind]
    return f"{prefix}.{schema.path.stem}"


def _relaxng(schema: Schema, docs: Sequence[Document], engine: str, jobs: int = 1) -> list[Diagnostic]:
    if engine == "jing" or (is_compact(schema.path) and jing.available()):
        return jing.validate(schema.path, docs, _code(schema), jobs)  # lxml reads no compact syntax
    if is_compact(schema.path):
        raise ToolError(f"{schema.path.name} is RELAX NG in the compact syntax, which only Jing reads, and "
                        "Jing is not available", file=schema.path,
                        hint="run scripts/setup.sh (Java and Jing), or convert it: trang x.rnc x.rng")
    return [d for doc in docs for d in lxml_engines.validate_relaxng(schema.path, doc, _code(schema))]


def _per_document(schema: Schema, docs: Sequence[Document]) -> list[Diagnostic]:
    run = lxml_engines.validate_schematron if schema.kind == "schematron" else lxml_engines.validate_xsd
    return [d for doc in docs for d in run(schema.path, doc, _code(schema))]


# Schematron and XSD on many documents are divided among forked processes from this many
# documents a process on (a handful of letters is quicker in one process than in forks).
PARALLEL_DOCUMENTS = 40
# What a forked worker inherits: the schemas and the documents already read.
_inherited: tuple[Sequence[Schema], Sequence[Document]] | None = None


def _share(start: int, stop: int) -> list[Diagnostic]:
    """A worker's share: every schema but RELAX NG on the inherited documents start..stop."""
    assert _inherited is not None, "a validation worker runs only forked from _others"
    schemas, docs = _inherited
    return [d for s in schemas for d in _per_document(s, docs[start:stop])]


def _others(schemas: Sequence[Schema], docs: Sequence[Document], jobs: int) -> list[Diagnostic]:
    """Schematron and XSD on ``docs``: here, or, for many documents and ``jobs`` > 1, in
    ``jobs`` processes forked after the files were read, each taking consecutive documents
    (a thousand letters' XPath 2.0 Schematron is 4 s of Saxon). The diagnostics are the same."""
    global _inherited
    import multiprocessing

    from teikit import saxon
    from teikit.cores import in_forked_shares

    jobs = min(jobs, len(docs) // PARALLEL_DOCUMENTS)
    if jobs <= 1 or not schemas or saxon.started() or "fork" not in multiprocessing.get_all_start_methods():
        return [d for s in schemas for d in _per_document(s, docs)]
    _inherited = (schemas, docs)
    try:  # the report sorts the diagnostics by file and line
        return in_forked_shares(_share, len(docs), jobs, "validating the files", "validate")
    finally:
        _inherited = None


def _run(schemas: Sequence[Schema], docs: Sequence[Document], engine: str, jobs: int = 1) -> list[Diagnostic]:
    """Run every schema on ``docs``; the RELAX NG ones in a worker thread (Jing in up to
    ``jobs`` processes), the others here or in ``jobs`` forked processes (:func:`_others`)."""
    if not docs:
        return []
    grammars = [s for s in schemas if s.kind == "relaxng"]
    others = [s for s in schemas if s.kind != "relaxng"]
    with ThreadPoolExecutor(max_workers=1) as pool:
        futures = [pool.submit(_relaxng, s, docs, engine, jobs) for s in grammars]
        out = _others(others, docs, jobs)
        for future in futures:
            out.extend(future.result())
    return out


def _cached_run(
    schemas: Sequence[Schema], docs: Sequence[Document], engine: str, cache_dir: Path | None, jobs: int = 1
) -> list[Diagnostic]:
    if cache_dir is None:
        return _run(schemas, docs, engine, jobs)
    digest = cache.schema_digest(s.path for s in schemas)
    keys = {doc.name: cache.key(digest, engine, doc.data) for doc in docs}
    out: list[Diagnostic] = []
    misses: list[Document] = []
    for doc in docs:
        hit = cache.load(cache_dir, keys[doc.name], doc.name)
        if hit is None:
            misses.append(doc)
        else:
            out.extend(hit)
    fresh = _run(schemas, misses, engine, jobs)
    for doc in misses:
        cache.store(cache_dir, keys[doc.name], [d for d in fresh if d.file == doc.name])
    return out + fresh


def validate_paths(
    inputs: Iterable[str | Path],
    schema: str = "teikit",
    *,
    engine: str = "auto",
    cache_dir: Path | None = DEFAULT_CACHE,
    project_schemas: dict[Path, str] | None = None,
    jobs: int = 1,
    trees: Mapping[Path, etree._ElementTree] | None = None,
) -> Report:
    """Validate files and folders; see the module docstring. ``schema="auto"``: each file
    against what it declares, or ``project_schemas`` names for it (:mod:`teikit.validate.declared`).
    ``jobs``: Jing processes run at once on a large set (:func:`teikit.validate.jing.validate`).
    ``trees``: files the caller has parsed already (:func:`teikit.validate.documents.load`)."""
    if schema == "auto":
        return _validate_auto(inputs, engine=engine, cache_dir=cache_dir,
                              project_schemas=project_schemas or {}, jobs=jobs, trees=trees)
    found_in = documents.expand_from(inputs)
    paths_ = list(found_in)
    if not paths_:
        raise InputError("no XML files to validate", hint="give files or folders holding .xml files")
    docs, problems = documents.load(paths_, trees)
    if schema in NAMED:  # another schema may well be meant for XML that is not TEI
        docs, skipped, gone = documents.skip_foreign(docs, found_in)
        paths_ = [p for p in paths_ if str(p) not in gone]
        problems += skipped
    return _validate_docs(paths_, docs, problems, schema, engine=engine, cache_dir=cache_dir, jobs=jobs)



def _validate_docs(paths_: list[Path], docs: list[Document], problems: list[Diagnostic], schema: str, *,
                   engine: str, cache_dir: Path | None, jobs: int) -> Report:
    """Validate documents already read (``problems``: what reading the others said) against ``schema``."""
    chosen = choose_engine(engine)
    schemas = resolve(schema)
    diags = list(problems)
    not_tei: set[str] = set()
    if schema in NAMED:  # TEI schemas: say clearly what a non-TEI root is instead of a wall of errors
        tei_docs = []
        for doc in docs:
            problem = documents.tei_root_problem(doc)
            if problem:  # a TEI schema cannot use it at all: exit 2, like an unreadable file
                diags.append(problem)
                not_tei.add(doc.name)
            else:
                tei_docs.append(doc)
        docs = tei_docs
    diags.extend(_cached_run(schemas, docs, chosen, cache_dir, jobs))
    return Report(
        files=[str(p) for p in paths_],
        schema=schema,
        schemas=[s.label for s in schemas],
        engine=chosen,
        diagnostics=sorted(diags, key=sort_key),
        unusable=sorted({d.file for d in problems
                         if d.code.startswith("input.") and d.severity is Severity.ERROR} | not_tei),
    )


def _validate_auto(inputs: Iterable[str | Path], *, engine: str, cache_dir: Path | None,
                   project_schemas: dict[Path, str], jobs: int = 1,
                   trees: Mapping[Path, etree._ElementTree] | None = None) -> Report:
    """Group the files by the schema each asks for, validate each group, merge the reports."""
    from teikit.validate import declared

    found_in = documents.expand_from(inputs)
    paths_ = list(found_in)
    if not paths_:
        raise InputError("no XML files to validate", hint="give files or folders holding .xml files")
    docs, problems = documents.load(paths_, trees)
    chosen: dict[str, tuple[list[str], list[Diagnostic]]] = {}

    def own_schema(doc: Document) -> bool:
        # a file of another vocabulary is validated against the schema it declares, when
        # teikit can use one (a DocBook article naming a remote docbook.xsd would only get
        # TEI's, and be refused as no TEI)
        chosen[doc.name] = declared.choose(doc.tree, doc.path, doc.name)
        return chosen[doc.name][0] != ["tei_all"]

    docs, skipped, gone = documents.skip_foreign(docs, found_in, unless=own_schema)
    paths_ = [p for p in paths_ if str(p) not in gone]
    groups: dict[tuple[str, ...], list[Document]] = {}
    notes: list[Diagnostic] = list(problems) + skipped
    for doc in docs:
        named = project_schemas.get(doc.path.resolve())
        if named:
            choice = [named]
        else:
            choice, said = chosen.get(doc.name) or declared.choose(doc.tree, doc.path, doc.name)
            notes.extend(said)
        groups.setdefault(tuple(choice), []).append(doc)
    unusable = sorted({d.file for d in problems if d.code.startswith("input.")})
    merged = Report(files=[str(p) for p in paths_], schema="auto", schemas=[], engine=choose_engine(engine),
                    diagnostics=[], unusable=unusable)
    for wanted, members in groups.items():
        for name in wanted:  # the documents read once, not again for each group
            part = _validate_docs([m.path for m in members], members, [], name, engine=engine,
                                  cache_dir=cache_dir, jobs=jobs)
            merged.schemas += [s for s in part.schemas if s not in merged.schemas]
            merged.diagnostics += part.diagnostics
            merged.unusable = sorted(set(merged.unusable) | set(part.unusable))
            merged.engine = part.engine
    merged.diagnostics = sorted(notes + merged.diagnostics, key=sort_key)
    return merged
