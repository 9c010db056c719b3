"""An edition folder or a project file sent by a stranger cannot make teikit read a file
outside it: a symbolic link leading out (or nowhere, or in a loop) is refused by every
command that walks a folder, a FIFO in the folder is refused rather than skipped, and a
``teikit.toml`` naming a path outside its folder is refused, line named (exit 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from tests.security.conftest import no_secret_under
from tests.security.hostile import SECRET, tei

COMMANDS = {
    "check": lambda folder, out: ["check", str(folder)],
    "validate": lambda folder, out: ["validate", "--no-cache", str(folder)],
    "build": lambda folder, out: ["build", "html", "csv", "--edition", str(folder), "--out", str(out)],
    "cite": lambda folder, out: ["cite", str(folder), "-o", str(out / "citations")],
    "deposit": lambda folder, out: ["deposit", "--build", str(folder), "-o", str(out / "deposit"),
                                    "--exports", str(out / "exports")],
}


def _edition(folder: Path) -> Path:
    folder.mkdir(parents=True)
    text = tei("First letter.").replace('xml:id="d1"', 'xml:id="a1"')
    (folder / "a.xml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A TEI file outside the edition's folder, holding the secret in its text."""
    path = tmp_path / "private" / "notes.xml"
    path.parent.mkdir()
    path.write_text(tei(SECRET).replace('xml:id="d1"', 'xml:id="s1"'), encoding="utf-8")
    return path


KINDS = {
    "link-out": lambda folder, outside: (folder / "b.xml").symlink_to(outside),
    "link-dir-out": lambda folder, outside: (folder / "sub").symlink_to(outside.parent,
                                                                        target_is_directory=True),
    "dangling": lambda folder, outside: (folder / "b.xml").symlink_to(folder / "gone.xml"),
    "loop": lambda folder, outside: ((folder / "b.xml").symlink_to(folder / "c.xml"),
                                     (folder / "c.xml").symlink_to(folder / "b.xml")),
    "fifo": lambda folder, outside: os.mkfifo(folder / "b.xml"),
}
SAID = {"link-out": "outside the folder", "dangling": "does not exist", "loop": "loop",
        "fifo": "not a regular file"}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_folder_cannot_lead_outside_itself(command: str, kind: str, tmp_path: Path, outside: Path) -> None:
    folder = _edition(tmp_path / "edition")
    KINDS[kind](folder, outside)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, COMMANDS[command](folder, out))
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    assert not no_secret_under(out)
    if kind == "link-dir-out":
        # a linked folder is not walked into: the files read are the folder's own
        assert result.exit_code in (0, 1), result.output
        return
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "b.xml" in result.output and SAID[kind] in result.output, result.output


def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "edition")
    (folder / "letters").mkdir()
    (folder / "letters" / "b.xml").symlink_to(folder / "a.xml")
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code in (0, 1) and "2 file(s) checked" in result.output, result.output


def test_outputs_written_inside_the_folder_are_not_read_as_its_documents(tmp_path: Path) -> None:
    """`build --edition letters --out letters/site` twice: the site's copy of the TEI is no member."""
    folder = _edition(tmp_path / "letters")
    argv = ["build", "html", "--edition", str(folder), "--out", str(folder / "site"), "--force"]
    for _ in range(2):
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == 0, result.output
    assert list((folder / "site" / "html" / "tei").glob("*.xml"))
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert "1 file(s) checked" in result.output, result.output


def test_a_device_named_as_the_edition_is_said_to_be_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "csv", "--edition", "/dev/zero", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def test_check_does_not_open_a_pointers_file_outside_the_folder(tmp_path: Path, outside: Path) -> None:
    """Otherwise the diagnostics would tell whether ../private/notes.xml and its #s1 exist."""
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "persons.xml").write_text(tei("p").replace('xml:id="d1"', 'xml:id="p1"'), encoding="utf-8")
    refs = ('<ref target="../private/notes.xml#s1">a</ref> <ref target="../private/none.xml#s1">b</ref> '
            '<ref target="persons.xml#p1">c</ref> <ref target="sub/../persons.xml#nope">d</ref>')
    (folder / "a.xml").write_text(tei(refs), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(folder / "a.xml")])
    lines = [line for line in result.output.splitlines() if "@target" in line]
    assert len(lines) == 3, result.output
    assert [("outside the edition's folder" in line) for line in lines] == [True, True, False], result.output
    assert "nope" in lines[2]  # a file inside the folder is read: its missing ID is found


@pytest.mark.parametrize("href", ["../schema.rng", "file://{outside}", "{outside}"])
def test_a_declared_schema_outside_the_folder_is_not_read(tmp_path: Path, href: str) -> None:
    """An xml-model's href is the file's data: it must not have teikit read another file."""
    schema = tmp_path / "schema.rng"
    schema.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="nope">'
                      "<empty/></element></start></grammar>", encoding="utf-8")
    folder = tmp_path / "edition"
    folder.mkdir()
    model = f'<?xml version="1.0"?>\n<?xml-model href="{href.format(outside=schema)}"?>\n'
    (folder / "a.xml").write_text(tei("x", declaration=model), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(folder / "a.xml")])
    assert result.exit_code == 0, result.output  # validated against tei_all, not the schema outside
    assert "outside the edition's folder" in result.output and "nope" not in result.output


def test_a_declared_schema_inside_that_includes_one_outside_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "outside.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="nope"><empty/>'
        "</element></start></grammar>", encoding="utf-8")
    folder = tmp_path / "edition"
    folder.mkdir()
    (folder / "inside.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="../outside.rng"/></grammar>',
        encoding="utf-8")
    model = '<?xml version="1.0"?>\n<?xml-model href="inside.rng"?>\n'
    (folder / "a.xml").write_text(tei("x", declaration=model), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", str(folder / "a.xml")])
    assert result.exit_code == 0, result.output
    assert "includes a file outside it" in result.output and "nope" not in result.output
