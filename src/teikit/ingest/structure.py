"""Ingest pass `structure` (being written): see docs/encoding.md."""

from __future__ import annotations

from teikit.ingest.context import IngestContext
from teikit.ingest.editorial_decl import EDITORIAL_DECL

__all__ = ["EDITORIAL_DECL", "run"]


def run(ctx: IngestContext) -> None:
    """Do nothing yet."""
