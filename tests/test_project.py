"""teikit.toml: found from the working directory, checked key by key, and obeyed by the
commands (edition, output folder, customization stylesheet); `teikit init` makes one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from teikit import project
from teikit.cli import cli
from teikit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini-edition.xml"


@pytest.fixture
def edition_project(tmp_path: Path) -> Path:
    (tmp_path / "tei").mkdir()
    shutil.copyfile(MINI, tmp_path / "tei" / "mini.xml")
    (tmp_path / "teikit.toml").write_text('[edition]\ntei = ["tei/mini.xml"]\noutput = "site"\n')
    return tmp_path


@pytest.fixture
def in_folder():
    before = Path.cwd()

    def go(folder: Path) -> None:
        os.chdir(folder)

    yield go
    os.chdir(before)


def test_the_project_is_found_from_a_subfolder(edition_project, in_folder):
    in_folder(edition_project / "tei")
    found = project.current()
    assert found is not None and found.edition == edition_project / "tei" / "mini.xml"
    assert found.exports == edition_project / "site"


def test_the_checkouts_own_project_names_the_memoir():
    memoir = project.load(ROOT / "teikit.toml")
    assert memoir.edition.name == "bazhanov.xml" and memoir.ingest_source is not None


@pytest.mark.parametrize(("text", "message", "line"), [
    ('[edition]\ntei = ["tei/mini.xml"]\ncolour = "red"\n', "unknown key 'colour' in [edition]", 3),
    ('[edition]\ntei = ["tei/mini.xml"]\n\n[styling]\nx = 1\n', "unknown section [styling]", 4),
    ('[edition]\ntei = ["tei/mini.xml"]\noutput = 3\n', "[edition] output must be a string", 3),
    ('[edition]\ntei = ["tei/nothing.xml"]\n', "tei/nothing.xml does not exist", 1),
    ('[edition]\ntei = ["tei/mini.xml"\n', "not valid TOML", 3),
    ('[ingest]\nsource = "a.txt"\n', "the project names no TEI file", None),
])
def test_a_wrong_project_file_names_file_line_and_key(edition_project, text, message, line):
    toml = edition_project / "teikit.toml"
    toml.write_text(text)
    with pytest.raises(InputError) as caught:
        project.load(toml)
    assert message in caught.value.message
    assert caught.value.file == str(toml.resolve())
    if line is not None:
        assert caught.value.line == line


def test_build_and_cite_use_the_project(edition_project, in_folder):
    in_folder(edition_project)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output
    assert (edition_project / "site" / "html" / "index.html").is_file()
    assert runner.invoke(cli, ["cite"]).exit_code == 0
    assert (edition_project / "site" / "citations").is_dir()


def test_outside_a_project_the_message_says_what_to_pass(tmp_path, in_folder):
    in_folder(tmp_path)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 2
    assert "no TEI file given and no teikit.toml found" in result.output and "teikit init" in result.output


def test_a_customization_stylesheet_overrides_one_template(edition_project, in_folder):
    custom = edition_project / "custom" / "html.xsl"
    custom.parent.mkdir()
    custom.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:import href="teikit:html/html.xsl"/>'
        """<xsl:template match=".[. = 'pages']" mode="tk:page-content" xmlns:tk="urn:teikit:xslt">"""
        '<h1>Pages</h1><p id="custom">our own list</p></xsl:template></xsl:stylesheet>', encoding="utf-8")
    toml = edition_project / "teikit.toml"
    toml.write_text(toml.read_text() + '\n[build]\nhtml-stylesheet = "custom/html.xsl"\n')
    in_folder(edition_project)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output
    site = edition_project / "site" / "html"
    pages = lxml_html.parse(str(site / "pages.html"))
    assert pages.xpath("//main/p[@id='custom']/text()") == ["our own list"]
    assert lxml_html.parse(str(site / "toc.html")).xpath("//ol[@class='toc']/li")  # the rest is teikit's


def test_a_customization_naming_no_teikit_stylesheet_is_an_input_error(edition_project, in_folder):
    custom = edition_project / "bad.xsl"
    custom.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                      '<xsl:import href="teikit:../../../etc/passwd"/></xsl:stylesheet>')
    toml = edition_project / "teikit.toml"
    toml.write_text(toml.read_text() + '\n[build]\nhtml-stylesheet = "bad.xsl"\n')
    in_folder(edition_project)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 2 and "names no stylesheet of teikit" in result.output


def test_init_makes_a_project_that_builds(tmp_path, in_folder):
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(tmp_path / "ed"), "--tei", str(MINI)])
    assert result.exit_code == 0, result.output
    in_folder(tmp_path / "ed")
    assert runner.invoke(cli, ["build"]).exit_code == 0
    assert (tmp_path / "ed" / "exports" / "html" / "index.html").is_file()


def test_init_without_tei_writes_a_starter_that_builds(tmp_path, in_folder):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "new")]).exit_code == 0
    in_folder(tmp_path / "new")
    result = runner.invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output


def test_init_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    result = CliRunner().invoke(cli, ["init", str(tmp_path), "--tei", str(MINI)])
    assert result.exit_code == 2 and (tmp_path / "mine.txt").read_text() == "x"
    assert not (tmp_path / "teikit.toml").exists()


def test_the_whole_job_in_one_process(tmp_path):
    header = ROOT / "tests" / "cite" / "fixtures" / "bazhanov-header.xml"
    out = tmp_path / "out"
    args = ["build", "--edition", str(header), "--out", str(out), "--cite", "--deposit"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (out / "citations").is_dir() and (out / "html" / "index.html").is_file()
    bag = out / "deposit" / header.stem
    verified = CliRunner().invoke(cli, ["deposit", "--verify", str(bag)])
    assert verified.exit_code == 0, verified.output
    assert (bag / "data" / "html" / "index.html").is_file() and list((bag / "data" / "epub").glob("*.epub"))


@pytest.mark.parametrize("line", [
    'output = "/"', 'output = "../elsewhere"', 'registers = ["/dev/zero"]', 'tei = ["../outside.xml"]',
    'schema = "../x.rng"',
])
def test_a_project_file_names_nothing_outside_its_folder(tmp_path: Path, line: str) -> None:
    """A project may come from a stranger: `output = "/"` must not make build write anywhere."""
    root = tmp_path / "p"
    (root / "tei").mkdir(parents=True)
    shutil.copyfile(MINI, root / "tei" / "mini.xml")
    shutil.copyfile(MINI, tmp_path / "outside.xml")
    tei = "" if line.startswith("tei") else 'tei = ["tei/mini.xml"]\n'
    (root / "teikit.toml").write_text(f"[edition]\n{tei}{line}\n")
    with pytest.raises(InputError, match="outside the project's folder") as caught:
        project.load(root / "teikit.toml")
    assert caught.value.line == (2 if line.startswith("tei") else 3)


def test_a_project_folder_linked_outside_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (tmp_path / "shared").mkdir()
    shutil.copyfile(MINI, tmp_path / "shared" / "mini.xml")
    (root / "tei").symlink_to(tmp_path / "shared", target_is_directory=True)
    (root / "teikit.toml").write_text('[edition]\ntei = ["tei"]\n')
    with pytest.raises(InputError, match="outside the project's folder"):
        project.load(root / "teikit.toml")


def test_a_project_file_not_in_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "teikit.toml").write_bytes(b'[edition]\n# r\xe9sum\xe9\ntei = ["x.xml"]\n')
    with pytest.raises(InputError, match="not UTF-8") as caught:
        project.load(tmp_path / "teikit.toml")
    assert caught.value.line == 2


def test_init_writes_a_file_name_as_one_toml_string(tmp_path: Path) -> None:
    """A file name is data: 'x.xml"]\\n[build]…' must not write keys into the project file."""
    name = 'x.xml"]\n[build]\nhtml-stylesheet = "evil.xsl'
    source = tmp_path / name
    shutil.copyfile(MINI, source)
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p"), "--tei", str(source)])
    assert result.exit_code == 0, result.output
    loaded = project.load(tmp_path / "p" / "teikit.toml")
    assert loaded.tei == [tmp_path / "p" / "tei" / name] and loaded.stylesheets == {}
