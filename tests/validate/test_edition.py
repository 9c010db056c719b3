"""The edition (tei/bazhanov.xml) is valid against teikit.rng, teikit.sch and tei_all.

These tests state the contract of docs/encoding.md, not the edition's current details;
when they fail, the message names the line and the rule the edition breaks.
"""

from __future__ import annotations

import pytest

from teikit import paths
from teikit.validate.runner import validate_paths


@pytest.fixture(scope="module")
def edition():
    if not paths.EDITION.is_file():
        pytest.fail(f"{paths.EDITION} is missing: run `teikit ingest`")
    return paths.EDITION


@pytest.fixture(scope="module")
def reports(edition):
    return {name: validate_paths([edition], name, cache_dir=None) for name in ("teikit", "tei_all")}


def test_edition_is_valid_tei(reports):
    assert [d.render() for d in reports["tei_all"].diagnostics[:20]] == []


def test_edition_follows_the_customization(reports):
    assert [d.render() for d in reports["teikit"].diagnostics[:20]] == []


def test_customization_is_at_least_as_strict_as_tei_all_on_the_edition(reports):
    """The subset relation, checked even while the edition is still changing: every
    position tei_all rejects, teikit.rng rejects too."""
    strict = {(d.line, d.column) for d in reports["teikit"].diagnostics if d.code == "rng.teikit"}
    loose = {(d.line, d.column) for d in reports["tei_all"].diagnostics}
    assert loose <= strict
