"""The pre-commit hooks run as pre-commit runs them: each hook's ``entry`` from
.pre-commit-hooks.yaml, followed by a commit's staged ``*.xml`` files, TEI and not."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from teikit import paths
from teikit.hooks import is_tei_file, partition

MINI = Path(__file__).parents[1] / "fixtures" / "mini-edition.xml"
HOOKS = {h["id"]: h for h in yaml.safe_load((paths.PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text())}
NOT_TEI = {
    "pom.xml": '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>\n',
    "config.xml": "<config><unclosed></config>\n",  # broken, but not TEI either
    "data.xml": "<rows><row a='1'/></rows>\n",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name, text in NOT_TEI.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    good = MINI.read_text(encoding="utf-8")
    (tmp_path / "edition.xml").write_text(good, encoding="utf-8")
    (tmp_path / "dangling.xml").write_text(
        good.replace("<head>Beginnings</head>", '<head>Beginnings <ref target="#nowhere">x</ref></head>'),
        encoding="utf-8")
    (tmp_path / "bad-month.xml").write_text(
        good.replace("<head>Beginnings</head>", '<head>Beginnings <date when="1923-13-01">x</date></head>'),
        encoding="utf-8")
    (tmp_path / "broken-tei.xml").write_text(good.replace("</TEI>", ""), encoding="utf-8")
    return tmp_path


def _run(hook: str, files: list[str], cwd: Path) -> subprocess.CompletedProcess:
    entry = shlex.split(HOOKS[hook]["entry"])
    assert entry[0] == "teikit"
    command = [sys.executable, "-m", "teikit", *entry[1:], *HOOKS[hook].get("args", []), *files]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_both_hooks_are_defined_for_xml_files():
    assert set(HOOKS) == {"teikit-check", "teikit-validate"}
    assert all(h["files"] == r"\.xml$" and h["language"] == "python" for h in HOOKS.values())


@pytest.mark.parametrize("hook", ["teikit-check", "teikit-validate"])
def test_other_xml_is_skipped_with_a_note_and_passes(repo, hook):
    run = _run(hook, ["edition.xml", *NOT_TEI], repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "skipped 3 XML file(s) that are not TEI: pom.xml, config.xml, data.xml" in run.stderr
    assert "edition.xml" not in run.stderr.split("skipped")[1]


@pytest.mark.parametrize("hook", ["teikit-check", "teikit-validate"])
def test_only_other_xml_passes(repo, hook):
    run = _run(hook, list(NOT_TEI), repo)
    assert run.returncode == 0 and "skipped 3" in run.stderr


@pytest.mark.parametrize(("hook", "file", "found"), [
    ("teikit-check", "dangling.xml", "#nowhere"),
    ("teikit-validate", "bad-month.xml", '"when"'),
])
def test_problems_in_tei_still_fail_the_commit(repo, hook, file, found):
    run = _run(hook, ["pom.xml", file], repo)
    assert run.returncode == 1, run.stdout + run.stderr
    assert file in run.stdout and found in run.stdout


@pytest.mark.parametrize("hook", ["teikit-check", "teikit-validate"])
def test_a_broken_tei_file_is_reported_not_skipped(repo, hook):
    run = _run(hook, ["data.xml", "broken-tei.xml"], repo)
    assert run.returncode == 2
    assert "broken-tei.xml" in run.stdout + run.stderr and "Traceback" not in run.stderr


def test_tei_is_told_by_namespace_not_by_file_name(tmp_path):
    p4 = tmp_path / "old.xml"
    p4.write_text("<TEI.2><text/></TEI.2>", encoding="utf-8")
    fragment = tmp_path / "persons.xml"
    fragment.write_text('<listPerson xmlns="http://www.tei-c.org/ns/1.0"/>', encoding="utf-8")
    plain = tmp_path / "TEI.xml"
    plain.write_text("<TEI><text/></TEI>", encoding="utf-8")  # no namespace: not TEI P5
    entity = tmp_path / "entity.xml"
    entity.write_text('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', encoding="utf-8")
    assert partition([p4, fragment, plain, entity]) == ([p4, fragment], [plain, entity])
    assert is_tei_file(MINI)


def test_a_fifo_among_the_files_does_not_block_the_hook(tmp_path):
    """Opening a FIFO to look at its head would wait for a writer forever: it is handed to the
    command, which refuses it (a link to one in a commit is enough)."""
    import os

    from click.testing import CliRunner

    from teikit.cli import cli

    fifo = tmp_path / "letter.xml"
    os.mkfifo(fifo)
    assert is_tei_file(fifo)
    result = CliRunner().invoke(cli, ["hook", "check", str(fifo)])
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def test_an_option_taking_a_file_keeps_its_value(repo):
    # A register is an option's value, not a file of the commit (it is TEI, and would be checked).
    persons = repo / "persons.xml"
    persons.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>P</title>'
        "</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
        '</teiHeader><text><body><listPerson><person xml:id="p1"><persName>A</persName></person>'
        "</listPerson></body></text></TEI>", encoding="utf-8")
    files = ["edition.xml", "pom.xml"]
    run = _run("teikit-check", ["--register", "persons.xml", "--format", "json", *files], repo)
    assert run.returncode == 0, run.stdout + run.stderr
    assert '"files": [\n    "edition.xml"\n  ]' in run.stdout
