"""`teikit check` on the command line: formats, exit codes, select/ignore, unusable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
CHECK = FIXTURES / "check"
MINI = FIXTURES / "mini-edition.xml"


def run(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_clean_edition_exits_0():
    result = run(str(MINI))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 file(s) checked: 0 error(s), 0 warning(s), 0 info"


def test_problems_exit_1_and_are_grouped():
    result = run(str(CHECK / "notes.number-gap.xml"))
    assert result.exit_code == 1
    assert "[notes.number-gap] error, 1" in result.output


def test_info_only_exits_0_unless_fail_on_info():
    assert run(str(CHECK / "unused.bibl.xml")).exit_code == 0
    assert run("--fail-on", "info", str(CHECK / "unused.bibl.xml")).exit_code == 1


def test_info_items_are_counted_but_listed_only_with_show_info():
    target = str(CHECK / "unused.bibl.xml")
    quiet = run(target).output
    assert "[unused.bibl] info, 1 (not listed: --show info lists them)" in quiet
    assert "is not referenced anywhere" not in quiet
    shown = run("--show", "info", target).output
    assert "[unused.bibl] info, 1\n" in shown and "is not referenced anywhere" in shown
    # machine formats always hold every item
    assert "is not referenced anywhere" in run("--format", "json", target).output


def test_select_and_ignore_by_code_and_family():
    target = str(CHECK / "notes.marker-dangling.xml")  # also breaks notes.unreferenced
    assert "notes.unreferenced" in run(target).output
    only = run("--select", "notes.marker-dangling", target).output
    assert "notes.marker-dangling" in only and "notes.unreferenced" not in only
    assert run("--ignore", "notes", target).exit_code == 0
    assert run("--ignore", "notes.marker-dangling,notes.unreferenced", target).exit_code == 0


def test_unknown_rule_code_is_a_usage_error():
    result = run("--select", "notes.no-such-rule", str(MINI))
    assert result.exit_code == 2
    assert "unknown rule code" in result.output


def test_json_and_sarif_on_stdout():
    data = json.loads(run("--format", "json", str(CHECK / "ids.duplicate.xml")).output)
    assert data["diagnostics"][0]["code"] == "ids.duplicate"
    sarif = json.loads(run("--format", "sarif", str(CHECK / "ids.duplicate.xml")).output)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "ids.duplicate"


def test_register_option_resolves_keys():
    target = str(CHECK / "pointers.unresolved-key.xml")
    without = run(target)
    assert "pointers.keys-unchecked" in without.output and without.exit_code == 0
    with_register = run(target, "--register", str(CHECK / "register" / "persons.xml"))
    assert with_register.exit_code == 1
    assert "@key 'pers-zz' names no entry" in with_register.output


def test_a_folder_is_searched_for_xml(tmp_path):
    (tmp_path / "a.xml").write_bytes(MINI.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.xml").write_bytes((CHECK / "ids.duplicate.xml").read_bytes())
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert "2 file(s) checked: 1 error(s)" in result.output


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


TEI_OPEN = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">'
BAD_INPUTS = {
    "not-xml": (b"Just some text.\n", "not well-formed XML"),
    "binary": (bytes(range(256)) * 4, "binary file"),
    "empty": (b"", "empty file"),
    "not-tei": (b"<html><body/></html>", "not a TEI P5 document"),
    "tei-p4": (b"<TEI.2><text/></TEI.2>", "TEI P4"),
    "entity-bomb": (
        b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>' + TEI_OPEN + b"<p>&c;</p></TEI>",
        "declares entities",
    ),
    "external-entity": (
        b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + TEI_OPEN + b"<p>&x;</p></TEI>",
        "declares entities",
    ),
    "deeply-nested": (TEI_OPEN + b"<div>" * 20000 + b"</div>" * 20000 + b"</TEI>", "nested more than 256"),
    "huge-text-node": (TEI_OPEN + b"<p>" + b"x" * 11_000_000 + b"</p></TEI>", "exceeds 10 MB"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_unusable_input_exits_2_with_a_clear_message(tmp_path, case):
    data, expected = BAD_INPUTS[case]
    path = _write(tmp_path, f"{case}.xml", data)
    result = run(str(path))
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert f"{case}.xml" in result.output
    assert "[input.unusable]" in result.output
    assert "Traceback" not in result.output


def test_missing_file_and_empty_folder_exit_2(tmp_path):
    result = run(str(tmp_path / "nope.xml"))
    assert result.exit_code == 2 and "no such file" in result.output
    result = run(str(tmp_path))
    assert result.exit_code == 2 and "holds no *.xml file" in result.output


def test_unusable_file_does_not_hide_other_files(tmp_path):
    bad = _write(tmp_path, "bad.xml", b"<<<")
    result = run(str(bad), str(CHECK / "ids.duplicate.xml"))
    assert result.exit_code == 2
    assert "[ids.duplicate]" in result.output and "[input.unusable]" in result.output


def test_subprocess_has_no_traceback_on_bad_input(tmp_path):
    bad = _write(tmp_path, "bad.xml", b"\x00\x01\x02")
    proc = subprocess.run([sys.executable, "-m", "teikit", "check", str(bad)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "binary file" in proc.stdout


def test_a_key_is_resolved_among_entries_of_its_names_kind(tmp_path):
    """A person and a place both carry n="Zürich": the persName's key names the person, the
    placeName's the place; neither is "unresolved", as the builds read them."""
    reg = tmp_path / "reg.xml"
    reg.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><standOff><listPerson><person xml:id="p-z" n="Zürich"/></listPerson>'
                   '<listPlace><place xml:id="pl-z" n="Zürich"/></listPlace></standOff></TEI>',
                   encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><text><body><p><persName key="Zürich">Z</persName> in '
                   '<placeName key="Zürich">Zürich</placeName>.</p></body></text></TEI>', encoding="utf-8")
    result = run(str(doc), "--register", str(reg))
    assert result.exit_code == 0, result.output


def test_a_key_written_as_a_pointer_is_resolved_by_its_fragment(tmp_path):
    """The Laßberg letters: key="../register/persons.xml#p179" beside a GND URI in @ref names
    the register's p179, as the builds read it (1,469 false "unresolved" errors in 150 letters);
    a pointer-key whose fragment names nothing is still reported."""
    (tmp_path / "register").mkdir()
    reg = tmp_path / "register" / "persons.xml"
    reg.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><standOff><listPerson><person xml:id="p179"/></listPerson></standOff></TEI>',
                   encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><text><body><p><persName key="register/persons.xml#p179" '
                   'ref="https://d-nb.info/gnd/11565108X">Pupikofer</persName> and '
                   '<persName key="register/persons.xml#p9">Nobody</persName>.</p></body></text></TEI>',
                   encoding="utf-8")
    result = run(str(doc), "--register", str(reg))
    assert result.output.count("error: @key") == 1, result.output
    assert "#p9' names no entry" in result.output and "#p179" not in result.output


def test_a_local_pointer_into_a_register_given_apart_resolves(tmp_path):
    """The Tillich letters point at their register's entries with ref="#tillich_person_id__1930",
    as the builds read them (the register's entries beside the text): with the register, no
    error (2,639 false ones in 119 letters); without it, the pointer leads nowhere."""
    reg = tmp_path / "listperson.xml"
    reg.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>R</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><standOff><listPerson><person xml:id="p1930"><persName>Marie</persName>'
                   '</person></listPerson></standOff></TEI>', encoding="utf-8")
    doc = tmp_path / "L1.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>D</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><text><body><p><persName ref="#p1930">Marie</persName> and '
                   '<persName ref="#p9">Nobody</persName>.</p></body></text></TEI>', encoding="utf-8")
    with_register = run(str(doc), "--register", str(reg)).output
    assert with_register.count("[pointers.dangling]\n") == 1 and "#p9," in with_register, with_register
    without = run(str(doc)).output
    assert without.count("[pointers.dangling]\n") == 2, without
