"""The rest of the whole job, run by ``teikit build`` beside its builders.

``teikit build --validate --check --cite`` validates, checks and writes the citations in the
same process as the build (:func:`teikit.build.run.build_formats`): each task is started
while a forked child writes the HTML site, and finished before the outputs are swapped into
place. Validation starts first, because its RELAX NG engine (Jing) is a Java process of its
own: it runs on the other core while Python checks the edition and writes the EPUB. What a
task finds joins the build's diagnostics; an error among them (an invalid document, a broken
reference) keeps every previous output, as a failed builder does.

A task is a :class:`Task`: ``start()`` begins the work (or does all of it) and returns the
function that finishes it and returns a :class:`teikit.build.BuildResult`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit.build import BuildResult
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition

Finish = Callable[[], BuildResult]


@dataclass(frozen=True)
class Task:
    """One piece of the whole job beside the builders: its name and how to start it."""

    name: str
    start: Callable[[Edition], Finish]


def validation(files: Sequence[Path], schema: str, *, project_schemas: dict[Path, str] | None = None,
               cache_dir: Path | None = None) -> Task:
    """``teikit validate --schema SCHEMA FILES`` as a task, so this process goes on meanwhile:
    run in a forked child (it inherits the trees already read) where this process may fork,
    else in a thread (Jing waits in its own process). Not a thread where a child can be had:
    XPath 2.0 Schematron runs on Saxon, which holds Python's lock while it works, and a
    thousand letters' rules (4 s) stalled the check and the EPUB beside them."""

    def start(edition: Edition) -> Finish:
        from teikit.build import forked
        from teikit.validate.runner import validate_paths

        run = functools.partial(validate_paths, list(files), schema, project_schemas=project_schemas,
                                cache_dir=cache_dir, trees=_own_tree(edition))
        if forked.available():
            # not a with-block: the child outlives start(); finish() reaps it (and a child a
            # failed build never asks sees its pipe close when this process ends, and ends)
            child = forked.Forked(run)
            return lambda: BuildResult("validate", diagnostics=list(child.result().diagnostics))
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="teikit-validate")
        future = pool.submit(run)
        pool.shutdown(wait=False)

        def finish() -> BuildResult:
            report = future.result()  # a TeikitError of the run (Java missing) is raised here
            return BuildResult("validate", diagnostics=list(report.diagnostics))

        return finish

    return Task("validate", start)


def _own_tree(edition: Edition) -> dict[Path, etree._ElementTree]:
    """The edition's tree by its file, when the tree is that file's alone (not a collection,
    no registers merged into it, no @key read as a reference): validate and check read it
    instead of parsing the file a second and third time (at 50 MB each copy was 270 MiB of
    the build's process)."""
    if edition.members or edition.registers or not edition.path.is_file() or edition.memo.get("keys-as-refs"):
        return {}  # (keys read as references: not the file's tree as written)
    return {edition.path.resolve(): edition.tree}


def checking(files: Sequence[Path], *, registers: Sequence[Path] = (), ignore: Sequence[str] = (),
             bare_ids: Sequence[str] = ()) -> Task:
    """``teikit check FILES`` as a task (done when started: pure Python, in this process).

    Its errors stop the build; its warnings are reported without failing it, as with
    ``teikit check --fail-on error``; its notes (info) are shown with ``-v``."""

    def start(edition: Edition) -> Finish:
        from teikit.check import check_paths

        result = check_paths(files, registers=registers, ignore=ignore, bare_ids=bare_ids,
                             trees=_own_tree(edition))
        diags = result.diagnostics
        if result.unusable:  # cannot happen for an edition the build could load; said if it does
            diags = [*diags, Diagnostic(str(edition.path), None, None, Severity.ERROR, "check.unusable",
                                        "the check could not read every file")]
        return lambda: BuildResult("check", diagnostics=list(diags))

    return Task("check", start)


def citations(out_dir: Path) -> Task:
    """``teikit cite`` into ``out_dir`` as a task: written with the builders' outputs, so they
    are replaced together (or not at all)."""

    def start(edition: Edition) -> Finish:
        from teikit.cite.export import write_citations

        made = write_citations(edition.tree, out_dir, stem=edition.stem, inputs=tuple(edition.input_files))
        return lambda: BuildResult("citations", outputs=list(made.outputs))

    return Task("citations", start)

