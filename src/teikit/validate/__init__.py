"""Validation: RELAX NG (Jing or lxml), W3C XML Schema, ISO Schematron, JSON Schema.

``validate_paths(files_or_folders, schema="teikit")`` returns a :class:`Report` of
diagnostics; ``json_schema.validate_json(data, "check-report")`` checks a JSON value
against one of ``schemas/*.schema.json``. See docs/validation.md.
"""

from teikit.validate.runner import Report, validate_paths

__all__ = ["Report", "validate_paths"]
