"""Shared fixtures: project paths, the ../shared folder (skip with a reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import paths

SHARED = paths.PROJECT_ROOT.parent / "shared"
TEI_SAMPLES = SHARED / "tei-samples"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); these tests read the shared samples")
    return SHARED


@pytest.fixture(scope="session")
def tei_samples(shared_dir: Path) -> Path:
    return shared_dir / "tei-samples"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return paths.PROJECT_ROOT
