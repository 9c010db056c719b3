"""Pointer conventions of other projects: attributes declared external are not checked,
reported once as a summary, while real broken pointers are still found."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from teikit.check import check_paths
from teikit.cli import cli

DTA = Path(__file__).resolve().parents[1] / "fixtures" / "conventions" / "dta-style.xml"


def _codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_without_conventions_facsimile_and_rendition_pointers_dangle():
    codes = _codes(check_paths([DTA]))
    assert codes.count("pointers.dangling") == 7  # 2 facs, 2 rendition, catRef target+scheme, the real one


def test_declared_external_attributes_are_summarised_not_reported():
    result = check_paths([DTA], ignore=["@facs", "@rendition", "catRef/@target", "catRef/@scheme"])
    dangling = [d for d in result.diagnostics if d.code == "pointers.dangling"]
    assert [d.message for d in dangling] == ["@target points at #nowhere, but no element has that xml:id"]
    summaries = sorted(d.message for d in result.diagnostics if d.code == "pointers.external")
    assert summaries == [
        "1 pointer(s) of catRef/@scheme not checked: declared as pointing outside the files",
        "1 pointer(s) of catRef/@target not checked: declared as pointing outside the files",
        "2 pointer(s) of @facs not checked: declared as pointing outside the files",
        "2 pointer(s) of @rendition not checked: declared as pointing outside the files",
    ]


def test_an_element_scoped_pattern_leaves_other_elements_checked():
    result = check_paths([DTA], ignore=["pb/@facs", "ref/@rendition"])
    assert _codes(result).count("pointers.dangling") == 5  # rendition on head and p, catRef, the real one


def test_the_cli_accepts_attribute_patterns_and_rejects_unknown_codes():
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--ignore", "@facs", "--ignore", "@rendition", "--ignore",
                             "catRef/@target", "--ignore", "catRef/@scheme", "--show", "info", str(DTA)])
    assert ok.exit_code == 1 and "pointers.external" in ok.output and "#nowhere" in ok.output
    bad = runner.invoke(cli, ["check", "--ignore", "no-such-rule", str(DTA)])
    assert bad.exit_code == 2
