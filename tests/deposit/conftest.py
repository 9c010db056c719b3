"""Deposits built once per module from the cite fixture (the documented header shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.deposit.package import DepositSettings, build_deposit
from teikit.edition import Edition

HEADER_FIXTURE = Path(__file__).parents[1] / "cite" / "fixtures" / "bazhanov-header.xml"
MINI = Path(__file__).parents[1] / "fixtures" / "mini-edition.xml"


def make_deposit(root: Path, source: Path = HEADER_FIXTURE, **options) -> Path:
    """Build a deposit of ``source`` with only the parts always available (TEI, schemas, citations)."""
    settings = DepositSettings(exports_dir=root / "exports", include=(), **options)
    return build_deposit(Edition.load(source), settings).bag_dir


@pytest.fixture(scope="module")
def bag_dir(tmp_path_factory) -> Path:
    return make_deposit(tmp_path_factory.mktemp("deposit"), zip=True, dspace=True)
