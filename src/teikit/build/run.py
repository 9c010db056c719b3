"""Run several builders on one edition as one all-or-nothing build.

Every requested builder is attempted, even after one fails, so the report names every
problem at once. Their outputs are staged (:func:`teikit.outputs.staged`): they replace the
previous outputs together, and only when every builder succeeded; otherwise every previous
output stays as it was and the failure is reported as an error (exit 1 at the CLI, or the
failing input error's own code). Each output folder's marker, and the exports folder's build
record, name the content hash of the edition it was built from, which ``teikit deposit``
reads to refuse a mix of outputs built from different inputs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from teikit import outputs, xmlio
from teikit.build import BuildResult, BuildSettings, builder
from teikit.diagnostics import Diagnostic, Severity
from teikit.edition import Edition
from teikit.errors import TeikitError


@dataclass
class BuildRun:
    """What a multi-format build did."""

    results: list[BuildResult] = field(default_factory=list)
    failures: list[TeikitError] = field(default_factory=list)
    committed: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        # what two formats say alike (an image refused, an unhandled element) is said once
        seen: set[tuple[object, ...]] = set()
        out: list[Diagnostic] = []
        for d in (d for r in self.results for d in r.diagnostics):
            key = (d.file, d.line, d.column, d.severity, d.code, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out


class _Abandon(Exception):
    """Raised inside the staged block to discard every staged output."""


def _failure(edition: Edition, name: str, exc: TeikitError) -> Diagnostic:
    return Diagnostic(
        exc.file or str(edition.path), exc.line, exc.column, Severity.ERROR, "build.failed",
        f"the {name} build failed: {exc.message}", hint=exc.hint,
    )


def _preservation(edition: Edition, settings: BuildSettings, pending: list[tuple[Path, Path]],
                  counted: tuple[Counter[str], Counter[str]] | None = None) -> list[Diagnostic]:
    """Nothing dropped: the words of the TEI against the staged HTML site and EPUB."""
    from teikit.build import preservation

    staged = {target.resolve(): tmp for tmp, target in pending}
    source, where = preservation.edition_words(edition)
    if not source:
        return []
    found: list[Diagnostic] = []
    html = staged.get((settings.exports_dir / "html").resolve())
    if html is not None:
        report = preservation.site_report(source, where, html, counted)
        found += preservation.diagnostics(report, str(edition.path))
    for target, tmp in staged.items():
        if target.suffix == ".epub":
            report = preservation.epub_report(source, where, tmp)
            found += preservation.diagnostics(report, str(edition.path))
        elif target.name == "epub" and target.parent == settings.exports_dir.resolve():
            # one EPUB per document of a collection: together they must hold every word
            report = preservation.epubs_report(source, where, sorted(tmp.glob("*.epub")))
            found += preservation.diagnostics(report, str(edition.path))
    return found


def build_formats(edition: Edition, names: list[str], settings: BuildSettings) -> BuildRun:
    """Run ``names`` on ``edition``; swap all their outputs into place only if all succeed."""
    xmlio.require_tei(edition.tree, edition.path)  # one message for every format, before any runs
    edition.memo.clear()  # what an earlier run computed from the tree may no longer hold
    run = BuildRun()
    source_hash = edition.input_hash()
    outputs.clean_stale(settings.exports_dir)
    try:
        with outputs.built_from(source_hash), outputs.staged() as pending:
            for name in names:
                try:
                    result = builder(name).build(edition, settings.exports_dir, settings)
                except TeikitError as exc:
                    run.failures.append(exc)
                    run.results.append(BuildResult(format=name, diagnostics=[_failure(edition, name, exc)]))
                    continue
                run.results.append(result)
            if not run.failures and settings.check_text:
                counted = next((r.words for r in run.results if r.format == "html"), None)
                run.results.append(BuildResult("text", diagnostics=_preservation(edition, settings, pending,
                                                                                 counted)))
            if run.failures or any(d.severity is Severity.ERROR for d in run.diagnostics):
                raise _Abandon
            if source_hash is not None:
                outputs.write_record(settings.exports_dir, {name: source_hash for name in names})
    except _Abandon:
        kept = Diagnostic(str(edition.path), None, None, Severity.ERROR, "build.kept-previous",
                          "nothing was replaced: the previous outputs are kept as they were, "
                          "because a build reported an error",
                          hint="fix the errors above and build again")
        run.results.append(BuildResult(format="all", diagnostics=[kept]))
        return run
    run.committed = True
    return run
