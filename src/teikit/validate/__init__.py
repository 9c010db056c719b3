"""Validation: RELAX NG (Jing or lxml), W3C XML Schema, ISO Schematron, JSON Schema."""
