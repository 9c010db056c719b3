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


PREFIXES = DTA.parent / "prefixes.xml"
BARE_WHO = DTA.parent / "bare-who.xml"


def test_prefixed_pointers_expand_by_the_documents_prefix_definitions():
    result = check_paths([PREFIXES])
    found = sorted((d.code, d.line, d.message) for d in result.diagnostics if d.severity.value == "error")
    assert found == [
        ("pointers.dangling", 22, "@ref points at #nobody, but no element has that xml:id"),
        ("pointers.prefix-unmatched", 23, "@ref 'psn:Bad_Value': the prefix 'psn' is declared in "
                                          "listPrefixDef, but the value fits none of its matchPatterns"),
    ]  # psn:ada and reg:charles (in another file) resolve


def test_a_prefixed_pointer_into_another_file_is_followed():
    from teikit.check.context import Context
    from teikit.check.model import DocumentSet

    docs = DocumentSet()
    doc = docs.add(PREFIXES)
    resolved = {p.value: r for p, r in Context(docs).resolved(doc) if p.attr == "ref"}
    assert resolved["reg:charles"].status == "ok"
    assert resolved["reg:charles"].target.get("{http://www.w3.org/XML/1998/namespace}id") == "charles"


def test_bare_ids_declared_for_an_attribute_must_each_name_an_id():
    # here one value resolves, so the file's own usage already shows the convention;
    # declaring it matters where none resolves (next test)
    assert [d.message for d in check_paths([BARE_WHO], bare_ids=["sp/@who"]).diagnostics
            if d.code == "pointers.dangling"] == [
        "@who 'horatoi' names no xml:id (other <sp who> values in this file are IDs written without '#'); "
        "did you mean #horatio?"]


def test_declared_bare_ids_find_a_typo_when_no_value_resolves(tmp_path):
    play = tmp_path / "play.xml"
    play.write_text(BARE_WHO.read_text(encoding="utf-8").replace('who="hamlet"', 'who="hamelt"'),
                    encoding="utf-8")
    assert not [d for d in check_paths([play]).diagnostics if d.code == "pointers.dangling"]
    declared = [d for d in check_paths([play], bare_ids=["sp/@who"]).diagnostics
                if d.code == "pointers.dangling"]
    assert len(declared) == 2


def test_an_element_name_declares_all_its_pointers_external():
    result = check_paths([DTA], ignore=["@facs", "@rendition", "catRef"])
    assert [d.message for d in result.diagnostics if d.code == "pointers.dangling"] == [
        "@target points at #nowhere, but no element has that xml:id"]
    assert "2 pointer(s) of catRef/@* not checked: declared as pointing outside the files" in [
        d.message for d in result.diagnostics]


def test_the_cli_takes_bare_ids_and_refuses_what_is_no_pattern():
    runner = CliRunner()
    ok = runner.invoke(cli, ["check", "--bare-ids", "sp/@who", str(BARE_WHO)])
    assert ok.exit_code == 1 and "horatoi" in ok.output
    bad = runner.invoke(cli, ["check", "--bare-ids", "not a pattern", str(BARE_WHO)])
    assert bad.exit_code == 2 and "--bare-ids" in bad.output
    typo = runner.invoke(cli, ["check", "--ignore", "pointer", str(BARE_WHO)])
    assert typo.exit_code == 2  # not an element with pointers, not a rule: refused


def test_a_project_declares_its_conventions(tmp_path, monkeypatch):
    import shutil

    shutil.copyfile(BARE_WHO, tmp_path / "play.xml")
    play = (tmp_path / "play.xml").read_text(encoding="utf-8").replace('who="hamlet"', 'who="hamelt"')
    (tmp_path / "play.xml").write_text(play, encoding="utf-8")
    (tmp_path / "teikit.toml").write_text('[edition]\ntei = ["play.xml"]\n\n'
                                          '[check]\nbare-ids = ["sp/@who"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1 and "'hamelt' names no xml:id" in result.output
    assert "'horatoi' names no xml:id" in result.output
