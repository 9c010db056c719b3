"""`teikit validate` end to end: formats, exit codes, schema choices, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.validate.json_schema import validate_json
from tests.validate.conftest import FIXTURES, INPUT, INVALID, OTHER, VALID


def run(*args: str):
    """validate with the memoir's customization (these fixtures are written against it)."""
    schema = [] if "--schema" in args else ["--schema", "teikit"]
    return CliRunner().invoke(cli, ["validate", "--no-cache", *schema, *args])


def test_valid_file_exits_0_with_a_count():
    result = run(str(VALID[0]))
    assert result.exit_code == 0, result.output
    assert "1 file(s) validated against teikit" in result.output
    assert "0 error(s)" in result.output


def test_invalid_files_are_grouped_by_file_with_a_count():
    result = run(*map(str, INVALID[:3]))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if not line.startswith("    hint: ")]
    files = [line.split(":")[0] for line in lines[:-1]]
    assert files == sorted(files) and len(set(files)) == 3
    for line in lines[:-1]:
        assert " error: " in line and line.endswith("]")
    assert lines[-1].startswith("3 file(s) validated against teikit") and "3 error(s)" in lines[-1]


def test_a_folder_is_searched_for_xml_files():
    result = run(str(FIXTURES / "invalid"))
    assert result.exit_code == 1
    assert f"{len(INVALID)} file(s) validated" in result.output


def test_json_report_follows_its_schema():
    result = run("--format", "json", str(INVALID[0]), str(VALID[0]), str(INPUT / "empty.xml"))
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert validate_json(data, "validate-report") == []
    assert data["counts"]["error"] == 2 and data["unusable"] == [str(INPUT / "empty.xml")]
    assert {d["code"] for d in data["diagnostics"]} == {"input.empty", "rng.teikit"}


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("not-well-formed.xml", "input.not-well-formed", "not well-formed XML"),
        ("empty.xml", "input.empty", "empty file"),
        ("binary.xml", "input.binary", "binary file"),
        ("external-entity.xml", "input.unsafe", "declares entities"),
        ("entity-bomb.xml", "input.unsafe", "declares entities"),
    ],
)
def test_bad_input_gets_one_message_and_exit_2(name, code, words):
    result = run(str(INPUT / name))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if f"[{code}]" in line]
    assert len(lines) == 1 and words in lines[0] and lines[0].startswith(str(INPUT / name))


def test_missing_file_exits_2():
    result = run("no/such/file.xml")
    assert result.exit_code == 2
    assert "no/such/file.xml: error: no such file [input.unreadable]" in result.output


NO_NETWORK = """
import sys
def refuse(event, args):
    if event.startswith("socket."):
        raise SystemExit(f"network access attempted: {event} {args}")
sys.addaudithook(refuse)
from teikit.cli import main
sys.argv = ["teikit", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("engine", ["jing", "lxml"])
def test_no_network_is_touched(engine):
    """An external DTD on an unreachable host is neither fetched nor waited for; an
    audit hook in the child process turns any socket use into a failure."""
    valid = str(OTHER / "letter-dtd.xml")
    proc = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, "validate", "--no-cache", "--engine", engine,
         "--schema", str(OTHER / "letter.rng"), valid, str(INPUT / "external-entity.xml")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert "network access attempted" not in proc.stderr + proc.stdout
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert valid not in proc.stdout  # valid: the DTD was ignored, not fetched
    assert "[input.unsafe]" in proc.stdout


@pytest.mark.parametrize(("schema", "codes"), [
    ("letter.rng", {"rng.letter"}), ("letter.xsd", {"xsd.letter"}), ("letter.sch", {"letter.self"}),
])
def test_any_schema_file(schema, codes):
    result = run("--format", "json", "--schema", str(OTHER / schema), str(OTHER / "letter-good.xml"),
                 str(OTHER / "letter-bad.xml"))
    data = json.loads(result.output)
    assert {d["code"] for d in data["diagnostics"]} == codes
    assert {d["file"] for d in data["diagnostics"]} == {str(OTHER / "letter-bad.xml")}
    assert result.exit_code == (0 if schema.endswith(".sch") else 1)  # the Schematron rule is a warning


@pytest.mark.parametrize("engine", ["jing", "lxml"])
def test_unusable_schema_is_exit_2(engine):
    result = run("--engine", engine, "--schema", str(OTHER / "broken.rng"), str(OTHER / "letter-good.xml"))
    assert result.exit_code == 2
    assert "cannot" in result.output and "broken.rng" in result.output and "Traceback" not in result.output


def test_unknown_schema_name_is_exit_2():
    result = run("--schema", "tei_lite", str(VALID[0]))
    assert result.exit_code == 2
    assert "unknown schema 'tei_lite'" in result.output


def test_help_has_an_example():
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert result.exit_code == 0 and "teikit validate --schema tei_all" in result.output


def test_default_input_is_the_projects_edition_with_its_schema(tmp_path, monkeypatch):
    (tmp_path / "edition.xml").write_bytes(VALID[0].read_bytes())
    (tmp_path / "teikit.toml").write_text('[edition]\ntei = ["edition.xml"]\nschema = "teikit"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "1 file(s) validated against auto (teikit.rng, teikit.sch" in result.output


def test_auto_uses_what_a_file_declares_and_says_so(tmp_path):
    tei = VALID[0].read_text(encoding="utf-8")
    body = tei.split("?>", 1)[1] if tei.startswith("<?xml") else tei
    declared = tmp_path / "declared.xml"
    url = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
    declared.write_text(f'<?xml version="1.0"?>\n<?xml-model href="{url}" '
                        'schematypens="http://relaxng.org/ns/structure/1.0"?>' + body)
    remote = tmp_path / "remote.xml"
    # one URL declared twice, as ELTeC's files do: as RELAX NG and as Schematron, each said apart
    remote.write_text('<?xml version="1.0"?>\n<?xml-model href="https://example.org/my.rng"?>'
                      '<?xml-model href="https://example.org/my.rng" '
                      'schematypens="http://purl.oclc.org/dsdl/schematron"?>' + body)
    plain = tmp_path / "plain.xml"
    plain.write_text(tei)
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(declared), str(remote), str(plain)])
    assert result.exit_code == 0, result.output
    assert "declared.xml: info" not in result.output  # a TEI URL is the bundled tei_all, no note
    for kind in ("RELAX NG", "Schematron"):
        said = f"remote.xml:2: info: the file declares the {kind} schema https://example.org/my.rng"
        assert said in result.output
    assert "validate.declared-unavailable" in result.output and "validate.default-schema" in result.output


@pytest.mark.parametrize("engine", ["jing", "lxml"])
def test_schema_including_a_url_is_refused(engine):
    result = run("--engine", engine, "--schema", str(OTHER / "remote.rng"), str(OTHER / "letter-good.xml"))
    assert result.exit_code == 2
    assert "remote.rng:4: the schema refers to http://example.invalid/letter.rng" in result.output


def test_xml_of_another_kind_in_a_folder_is_left_out_and_said_once(tmp_path):
    # the Patristic Text Archive keeps a CapiTainS __cts__.xml beside each work's editions
    (tmp_path / "letter.xml").write_text(VALID[0].read_text("utf-8"), "utf-8")
    cts = tmp_path / "__cts__.xml"
    cts.write_text('<ti:work xmlns:ti="http://chs.harvard.edu/xmlns/cts" urn="urn:cts:x"/>', "utf-8")
    result = run(str(tmp_path))
    assert result.exit_code == 0, result.output  # before: exit 2, "not a TEI P5 document"
    assert f"{tmp_path}: info: 1 XML file(s) in this folder are not TEI and were not validated: {cts}" \
        in result.output
    assert "1 file(s) validated" in result.output
    assert run(str(cts)).exit_code == 2  # named, it is judged, and refused


def test_a_note_said_of_many_files_is_listed_once(tmp_path):
    body = VALID[0].read_text("utf-8").split("?>", 1)[1]
    for n in range(6):
        (tmp_path / f"l{n}.xml").write_text('<?xml-model href="https://example.org/project.rng"?>' + body,
                                            "utf-8")
    (tmp_path / "bad.xml").write_text(body.replace("<body>", "<body><bogus/>", 1), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(tmp_path)])
    assert result.output.count("https://example.org/project.rng") == 1
    assert "(the same note for 5 other file(s); --format json lists each)" in result.output
    # the summary counts the files with errors or warnings, not those with a note
    assert result.output.rstrip().endswith("1 error(s), 0 warning(s) in 1 file(s)")
    data = json.loads(CliRunner().invoke(cli, ["validate", "--no-cache", "--format", "json",
                                               str(tmp_path)]).output)
    assert sum(d["code"] == "validate.declared-unavailable" for d in data["diagnostics"]) == 6


def test_xml_of_another_kind_that_declares_its_schema_is_validated(tmp_path):
    (tmp_path / "letter.xml").write_text(VALID[0].read_text("utf-8"), "utf-8")
    (tmp_path / "list.rng").write_text('<element name="list" xmlns="http://relaxng.org/ns/structure/1.0" '
                                       'ns="urn:x"><empty/></element>', "utf-8")
    (tmp_path / "other.xml").write_text('<?xml-model href="list.rng"?><list xmlns="urn:x"><item/></list>',
                                        "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(tmp_path)])
    assert "other.xml:1" in result.output and "input.skipped" not in result.output, result.output


def test_xml_of_another_kind_declaring_a_schema_teikit_cannot_use_is_left_out(tmp_path):
    # TEI Publisher's documentation: DocBook naming a remote docbook.xsd (exit 2, "not TEI", before)
    (tmp_path / "letter.xml").write_text(VALID[0].read_text("utf-8"), "utf-8")
    (tmp_path / "doc.xml").write_text('<?xml-model href="https://docbook.org/xml/5.0/xsd/docbook.xsd"?>'
                                      '<article xmlns="http://docbook.org/ns/docbook"/>', "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 XML file(s) in this folder are not TEI" in result.output and "docbook.xsd" not in result.output
