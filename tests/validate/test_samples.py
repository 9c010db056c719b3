"""Verdicts against tei_all on real TEI written by others (../shared/tei-samples/)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.validate.runner import validate_paths
from tests.validate.conftest import OTHER

pytestmark = pytest.mark.shared

# Valid P5 files by public TEI projects.
VALID = [
    "firstfolio_romeo_and_juliet_F-rom.xml",
    "kbga_barth_sermon_27005.xml",
    "teic_stylesheets_testNotes1.xml",
]
# Invalid against P5 4.3.0 tei_all, with one error each file is known for (line, words of the message).
INVALID = {
    "teic_tei_detest.xml": (195, 'element "blort" not allowed anywhere'),  # built to be invalid
    "vangogh_let695.xml": (22, 'element "vg:letDesc" not allowed here'),  # its own vg: namespace
    "tp_registers_persons.xml": (26, 'element "gender" not allowed anywhere'),  # <gender> came in P5 4.4.0
}


@pytest.fixture(scope="module")
def report(tei_samples):
    return validate_paths([tei_samples], "tei_all", cache_dir=None)


def _of(report, name):
    return [d for d in report.diagnostics if d.file.endswith("/" + name)]


@pytest.mark.parametrize("name", VALID)
def test_valid_samples(report, name):
    assert [d.render() for d in _of(report, name)] == []


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_samples_with_a_known_error(report, name):
    line, words = INVALID[name]
    diags = _of(report, name)
    assert diags and all(d.code in ("rng.tei_all", "sch.tei_all") for d in diags)
    assert any(d.line == line and words in d.message for d in diags), [d.render() for d in diags[:5]]


def test_the_guidelines_schematron_embedded_in_tei_all_is_run(report):
    # TEI's test file breaks the Guidelines' own constraints too (they are embedded in tei_all.rng)
    said = {(d.line, d.message) for d in _of(report, "teic_tei_detest.xml") if d.code == "sch.tei_all"}
    assert (254, "Only one of the attributes @target and @from may be supplied on span") in said
    assert len(said) >= 20


def test_p4_file_gets_one_clear_message(report):
    diags = _of(report, "teic_stylesheets_testP4Input1.xml")
    assert [(d.code, d.line) for d in diags] == [("tei.p4", 1)]
    assert "TEI P4" in diags[0].message and "p4top5" in diags[0].hint


def test_samples_folder_through_the_cli(tei_samples):
    result = CliRunner().invoke(cli, ["validate", "--no-cache", "--schema", "tei_all", str(tei_samples)])
    assert result.exit_code == 2, result.output  # the TEI P4 sample cannot be validated as TEI P5
    assert "Traceback" not in result.output
    assert "7 file(s) validated against tei_all" in result.output


def test_non_tei_file_gets_one_clear_message():
    args = ["validate", "--no-cache", "--schema", "tei_all", str(OTHER / "not-tei.xml")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2  # a TEI schema cannot use it at all
    lines = [line for line in result.output.splitlines() if "[tei.not-tei]" in line]
    assert len(lines) == 1 and "not-tei.xml:2: error: not a TEI P5 document: this is an XHTML" in lines[0]
