"""Where the bundled edition and its parts live in a project checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# src/teikit -> project root (a source checkout; teikit is installed editable).
PROJECT_ROOT = PACKAGE_DIR.parent.parent

TEI_DIR = PROJECT_ROOT / "tei"
SOURCE_TEXT = TEI_DIR / "source" / "bazhanov-1990.txt"
EDITORIAL_DIR = TEI_DIR / "editorial"
EDITION = TEI_DIR / "bazhanov.xml"
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
XSLT_DIR = PROJECT_ROOT / "xslt"
EXPORTS_DIR = PROJECT_ROOT / "exports"
CACHE_DIR = PROJECT_ROOT / ".cache"
