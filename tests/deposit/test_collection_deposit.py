"""A collection (a folder of letters and a separate register) is cited and deposited whole:
every member and the register in the bag's tei/, an identifier and date for the collection,
and a bag that verifies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "letters"


def test_a_collection_is_built_cited_and_deposited_whole(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    shutil.copytree(FIXTURE, letters)
    register = tmp_path / "persons.xml"
    (letters / "persons.xml").rename(register)
    out = tmp_path / "out"
    args = ["build", "--edition", str(letters), "--register", str(register), "--out", str(out), "--cite",
            "--deposit"]
    # no member says when it was published: the deposit asks for a date, naming the collection
    undated = CliRunner().invoke(cli, args)
    assert undated.exit_code == 2 and f"{letters}: the edition has no date" in undated.output
    result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.output
    (bag,) = [p for p in (out / "deposit").iterdir() if p.is_dir()]
    assert bag.name == "letters"
    tei = sorted(p.name for p in (bag / "data" / "tei").iterdir())
    assert tei == sorted([*(p.name for p in letters.glob("*.xml")), "persons.xml"])
    for name in tei:  # the editors' own files, byte for byte
        original = register if name == "persons.xml" else letters / name
        assert (bag / "data" / "tei" / name).read_bytes() == original.read_bytes()
    mets = (bag / "data" / "metadata" / "mets.xml").read_text("utf-8")
    assert "tei/1807-01-29-chamisso.xml" in mets
    verified = CliRunner().invoke(cli, ["deposit", "--verify", str(bag)])
    assert verified.exit_code == 0, verified.output
    csl = (out / "citations" / "letters.json").read_text("utf-8")
    assert '"genre": "letter"' in csl


def test_cite_and_deposit_read_a_folder_as_build_does(tmp_path: Path) -> None:
    """`teikit cite DIR` and `teikit deposit DIR` read the collection, as `build --edition DIR`
    does (cite refused a folder, "is a directory", and both took one file of a project's
    several); the undated collection's hint says where its date comes from."""
    letters = tmp_path / "letters"
    shutil.copytree(FIXTURE, letters)
    register = tmp_path / "persons.xml"
    (letters / "persons.xml").rename(register)
    out = tmp_path / "out"
    built = CliRunner().invoke(cli, ["build", "html", "--edition", str(letters), "--register", str(register),
                                     "--out", str(out)])
    assert built.exit_code == 0, built.output
    cited = CliRunner().invoke(cli, ["cite", str(letters), "--register", str(register), "-o",
                                     str(tmp_path / "citations"), "--only", "csl-json", "--format", "json"])
    assert cited.exit_code == 0, cited.output
    (items,) = [json.loads(Path(p).read_text("utf-8")) for p in json.loads(cited.stdout)["outputs"]]
    assert sum(item.get("genre") == "letter" for item in items) == 4
    args = ["deposit", str(letters), "--register", str(register), "--exports", str(out), "-o",
            str(tmp_path / "deposit"), "--without", "epub", "--without", "csv"]
    undated = CliRunner().invoke(cli, args)
    assert undated.exit_code == 2 and "the collection takes the latest" in undated.output
    result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.output
    (bag,) = [p for p in (tmp_path / "deposit").iterdir() if p.is_dir()]
    assert sorted(p.name for p in (bag / "data" / "tei").iterdir()) == \
        sorted([*(p.name for p in letters.glob("*.xml")), "persons.xml"])
