"""Fixtures for the validate tests: fixture folders and the TEI schemas' presence."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate import schemas

FIXTURES = Path(__file__).parent.parent / "fixtures" / "validate"
VALID = sorted((FIXTURES / "valid").glob("*.xml")) + [FIXTURES.parent / "mini-edition.xml"]
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))
OTHER = FIXTURES / "other"
INPUT = FIXTURES / "input"


@pytest.fixture(scope="session", autouse=True)
def tei_all() -> Path:
    """tei_all.rng must be there (scripts/setup.sh fetches it); fail, do not skip, when absent."""
    if not schemas.TEI_ALL.is_file():
        pytest.fail(f"{schemas.TEI_ALL} is missing: run scripts/setup.sh")
    return schemas.TEI_ALL
