"""The ingest pipeline: run the passes in order and write the edition atomically.

Order matters: ``structure`` builds text, pages, notes and markers; ``pages`` infers the
page breaks missing from the source; ``header`` and ``bibliography`` and ``index`` fill
their parts; the inline passes (``dates``, ``persons``) run last over the finished text.
"""

from __future__ import annotations

from pathlib import Path

from teikit.ingest import bibliography, dates, header, index, pages, persons, structure
from teikit.ingest.context import IngestContext, SourceText

PASSES = (structure, pages, header, bibliography, index, dates, persons)


def read_source(path: Path) -> SourceText:
    text = path.read_text(encoding="utf-8")
    return SourceText(path=path, lines=text.splitlines())


def run(source_path: Path, editorial_dir: Path) -> IngestContext:
    ctx = IngestContext(source=read_source(source_path), editorial_dir=editorial_dir)
    for step in PASSES:
        step.run(ctx)
    return ctx
