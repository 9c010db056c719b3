"""Ingest pass `bibliography` (placeholder until its issue fills it in)."""

from __future__ import annotations

from teikit.ingest.context import IngestContext


def run(ctx: IngestContext) -> None:
    """Do nothing yet."""
