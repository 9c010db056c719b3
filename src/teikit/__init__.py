"""teikit: a toolkit for TEI-XML scholarly editions.

The pipeline is ingest (text to TEI) -> validate -> check -> transform (html, epub, csv)
-> package (cite, deposit). Each stage is a library module; :mod:`teikit.cli` is a thin
click layer that turns diagnostics and exceptions into messages and exit codes.
"""

__version__ = "0.1.0"
