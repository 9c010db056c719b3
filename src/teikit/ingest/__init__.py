"""Ingest: up-convert the plain-text e-book into the TEI edition (see docs/encoding.md)."""
