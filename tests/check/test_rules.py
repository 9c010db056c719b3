"""Every rule has a fixture that breaks it; the checker reports exactly the marked code and line.

A fixture ``tests/fixtures/check/<code>.xml`` marks each line where a diagnostic is expected
with ``<!-- expect: CODE -->`` (``<!-- expect-file: CODE -->`` for a report about the whole
file, without line), may name a register with ``<!-- register: path -->`` and declare an
attribute external with ``<!-- ignore: @attr -->`` (as ``--ignore @attr``), and have a
folder beside it checked instead of itself with ``<!-- folder: NAME -->`` (what only a folder
shows). The test requires those diagnostics, at those lines, and no other error or warning.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from teikit.check import RULES, check_paths
from teikit.diagnostics import Severity

FIXTURES = Path(__file__).parent.parent / "fixtures" / "check"
CASES = sorted(FIXTURES.glob("*.xml"))
_EXPECT = re.compile(r"<!-- expect: ([\w.-]+) -->")
_EXPECT_FILE = re.compile(r"<!-- expect-file: ([\w.-]+) -->")
_REGISTER = re.compile(r"<!-- register: ([\w./-]+) -->")
_IGNORE = re.compile(r"<!-- ignore: ([\w./@-]+) -->")
_FOLDER = re.compile(r"<!-- folder: ([\w.-]+) -->")


def ignores(path: Path) -> list[str]:
    return _IGNORE.findall(path.read_text("utf-8"))


def expectations(path: Path) -> tuple[set[tuple[str, int | None]], list[Path]]:
    expected: set[tuple[str, int | None]] = set()
    registers: list[Path] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        expected.update((code, number) for code in _EXPECT.findall(line))
        expected.update((code, None) for code in _EXPECT_FILE.findall(line))
        registers.extend(path.parent / r for r in _REGISTER.findall(line))
    return expected, registers


def test_every_rule_has_a_fixture():
    covered = {code for case in CASES for code, _ in expectations(case)[0]}
    assert sorted(RULES) == sorted(covered)
    assert {p.stem for p in CASES} <= set(RULES), "a fixture is named for no rule"


@pytest.mark.parametrize("fixture", CASES, ids=[p.stem for p in CASES])
def test_fixture_reports_its_code_at_its_line(fixture: Path):
    expected, registers = expectations(fixture)
    assert any(code == fixture.stem for code, _ in expected), "the fixture marks no line with its own code"
    folder = _FOLDER.findall(fixture.read_text("utf-8"))
    checked = [fixture.parent / f for f in folder] or [fixture]
    result = check_paths(checked, registers=registers, ignore=ignores(fixture))
    expected_codes = {code for code, _ in expected}
    got = {
        (d.code, d.line)
        for d in result.diagnostics
        if d.severity is not Severity.INFO or d.code in expected_codes
    }
    assert got == expected, "\n".join(d.render() for d in result.diagnostics)


def test_diagnostics_carry_severity_of_their_rule():
    result = check_paths(CASES, registers=[FIXTURES / "register" / "persons.xml"])
    assert result.diagnostics
    for d in result.diagnostics:
        assert d.severity is RULES[d.code].severity, d.render()


TEI = "http://www.tei-c.org/ns/1.0"


def test_generic_references_to_notes_count_as_markers_only_without_noterefs(tmp_path):
    notes = ('<back><div type="notes"><div type="notes-section" xml:id="s"><note xml:id="n1" n="1"/>'
             '<note xml:id="n2" n="2"/></div></div></back>')
    generic = tmp_path / "generic.xml"
    generic.write_text(f'<TEI xmlns="{TEI}"><text><body><p><ptr target="#n1"/><ptr target="#n2"/></p></body>'
                       f"{notes}</text></TEI>", "utf-8")
    assert check_paths([generic]).diagnostics == []
    mixed = tmp_path / "mixed.xml"
    mixed.write_text(f'<TEI xmlns="{TEI}"><text><body><p><ref type="noteref" n="1" target="#n1">1</ref>'
                     '<ref type="noteref" n="2" target="#n2">2</ref> (see <ref target="#n1">note 1</ref>)</p>'
                     f"</body>{notes}</text></TEI>", "utf-8")
    assert check_paths([mixed]).diagnostics == []


def test_a_note_may_point_back_at_a_cross_reference(tmp_path):
    doc = tmp_path / "d.xml"
    body = '<div xml:id="d"><p><ref xml:id="r" target="#d">above</ref><note target="#r">x</note></p></div>'
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body>{body}</body></text></TEI>', "utf-8")
    assert check_paths([doc]).diagnostics == []


def test_an_id_with_a_space_around_it_is_named_as_such(tmp_path):
    # EVT's Codice Pelavicino: 37 xml:id="AlbertusCruce " were told to "start with a letter"
    doc = tmp_path / "space.xml"
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body><p xml:id="AlbertusCruce ">x</p><p xml:id="1st">y</p>'
                   "</body></text></TEI>", "utf-8")
    said = [(d.message, d.hint) for d in check_paths([doc]).diagnostics if d.code == "ids.not-ncname"]
    assert said == [
        ("xml:id 'AlbertusCruce ' has white space around the name 'AlbertusCruce'",
         'write xml:id="AlbertusCruce": a pointer "#AlbertusCruce" names no ID with a space in it'),
        ("xml:id '1st' is not a valid NCName",
         "start with a letter or '_', and use only letters, digits, '.', '-' and '_'")]
