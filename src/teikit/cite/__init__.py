"""Citations: CSL-JSON records of an edition and their BibLaTeX and RIS serialisations."""

from teikit.cite.records import bibliography_records, citation_records

__all__ = ["bibliography_records", "citation_records"]
