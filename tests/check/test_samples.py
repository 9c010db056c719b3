"""The checker on TEI written by other projects (../shared/tei-samples): real problems, no false ones.

Each expectation below was verified by reading the sample (see SOURCES.tsv and docs/checks.md,
"What it finds in real TEI"): the catRef taxonomies of the TEI Publisher demos are not part of
the files, detest.xml breaks pointers on purpose, the Van Gogh letter links sibling letters that
are not among the samples, and the Barth sermon's persons live in a separate register.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

from teikit.check import check_paths
from teikit.diagnostics import Severity

pytestmark = pytest.mark.shared


def problems(result) -> Counter:
    return Counter(d.code for d in result.diagnostics if d.severity is not Severity.INFO)


def lines(result, code: str) -> list[int | None]:
    return sorted(d.line for d in result.diagnostics if d.code == code)


def test_first_folio_only_its_unresolved_catref_taxonomy(tei_samples):
    result = check_paths([tei_samples / "firstfolio_romeo_and_juliet_F-rom.xml"])
    # 835 sp/@who resolve to the particDesc persons: no report. The 8 catRef/@scheme and
    # @target name a taxonomy that is not in the file. The Folio's own misnumbering (page 76
    # is followed by 79) is a true page-number gap.
    assert problems(result) == {"pointers.dangling": 16, "pages.number-gap": 1}
    assert lines(result, "pointers.dangling") == [n for n in range(301, 309) for _ in (0, 1)]
    assert all("catRef" in d.xpath for d in result.diagnostics if d.code == "pointers.dangling")


def test_barth_sermon_with_its_separate_register(tei_samples):
    sermon = tei_samples / "kbga_barth_sermon_27005.xml"
    alone = check_paths([sermon])
    assert problems(alone) == {}
    unchecked = [d for d in alone.diagnostics if d.code == "pointers.keys-unchecked"]
    assert len(unchecked) == 1 and "16 @key" in unchecked[0].message
    with_register = check_paths([sermon], registers=[tei_samples / "tp_registers_persons.xml"])
    assert problems(with_register) == {}
    # The 12 persName keys resolve in the register; place and term keys stay unchecked.
    unchecked = [d for d in with_register.diagnostics if d.code == "pointers.keys-unchecked"]
    assert "4 @key" in unchecked[0].message


def test_a_wrong_key_into_the_register_is_reported(tei_samples, tmp_path):
    text = (tei_samples / "kbga_barth_sermon_27005.xml").read_text("utf-8")
    broken = tmp_path / "sermon.xml"
    broken.write_text(text.replace('key="kbga-actors-5864"', 'key="kbga-actors-5865"', 1), "utf-8")
    result = check_paths([broken], registers=[tei_samples / "tp_registers_persons.xml"])
    assert problems(result) == {"pointers.unresolved-key": 1}


def test_file_hash_id_pointers_into_the_register(tei_samples, tmp_path):
    register = os.path.relpath(tei_samples / "tp_registers_persons.xml", tmp_path)
    doc = tmp_path / "letter.xml"
    doc.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
        f'<p><persName ref="{register}#kbga-actors-27">Barth</persName> '
        f'<persName ref="{register}#kbga-actors-99999">Nobody</persName></p>'
        "</body></text></TEI>",
        "utf-8",
    )
    # the register lies outside the letter's folder: named, it is an input (else not opened)
    result = check_paths([doc], registers=[tei_samples / "tp_registers_persons.xml"])
    assert [(d.code, d.line) for d in result.diagnostics] == [("pointers.dangling", 1)]
    assert "kbga-actors-99999" in result.diagnostics[0].message
    alone = check_paths([doc])
    assert {d.code for d in alone.diagnostics} == {"pointers.unreadable-file"}


def test_notes_edge_cases_are_clean(tei_samples):
    # Inline notes without IDs or targets: nothing to cross-check, and no false alarm.
    assert check_paths([tei_samples / "teic_stylesheets_testNotes1.xml"]).diagnostics == []


def test_p4_file_is_unusable_with_advice(tei_samples):
    result = check_paths([tei_samples / "teic_stylesheets_testP4Input1.xml"])
    assert result.unusable
    assert [d.code for d in result.diagnostics] == ["input.unusable"]
    assert "TEI P4" in result.diagnostics[0].hint


def test_detest_reports_its_deliberately_broken_pointers(tei_samples):
    result = check_paths([tei_samples / "teic_tei_detest.xml"])
    assert problems(result) == {"pointers.dangling": 6, "pointers.empty": 1}
    assert lines(result, "pointers.dangling") == [137, 236, 439, 440, 440, 443]
    assert lines(result, "pointers.empty") == [441]


def test_van_gogh_endnote_backlinks_resolve(tei_samples):
    result = check_paths([tei_samples / "vangogh_let695.xml"])
    # note/@target -> anchor: all 19 resolve, so no notes.* report at all.
    assert not [d for d in result.diagnostics if d.code.startswith("notes.")]
    assert problems(result) == {"pointers.dangling": 16, "pointers.missing-file": 30, "pointers.empty": 2}
    assert lines(result, "pointers.empty") == [84, 93]  # graphic url=""
    missing = {d.message.split("leads into ")[1].split(",")[0] for d in result.diagnostics
               if d.code == "pointers.missing-file"}
    assert all(name.startswith("let") and name.endswith(".xml") for name in missing)


def test_register_alone_lists_its_unreferenced_persons_as_info(tei_samples):
    result = check_paths([tei_samples / "tp_registers_persons.xml"])
    assert problems(result) == {}
    assert Counter(d.code for d in result.diagnostics) == {"unused.person": 33}
