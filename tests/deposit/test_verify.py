"""`teikit deposit --verify`: every checksum, the wrong file named, exit codes."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from click.testing import CliRunner

from teikit.cli import cli
from tests.deposit.conftest import make_deposit


@pytest.fixture
def fresh_bag(tmp_path):
    return make_deposit(tmp_path)


def _flip_one_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # same size: only a checksum can notice
    path.write_bytes(bytes(data))


def test_valid_bag_exits_0(fresh_bag):
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 0, result.output
    assert "valid bag" in result.output


def test_one_altered_byte_names_the_file_and_exits_1(fresh_bag):
    target = fresh_bag / "data" / "citations" / "bazhanov-header.ris"
    _flip_one_byte(target)
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert f"{target}: error:" in result.output
    assert "bag.checksum-mismatch" in result.output
    assert "sha512" in result.output and "sha256" in result.output
    other = fresh_bag / "data" / "tei"
    assert str(other) not in result.output


def test_changed_size_still_names_the_file(fresh_bag):
    target = fresh_bag / "data" / "tei" / "bazhanov-header.xml"
    target.write_bytes(target.read_bytes() + b"\n")
    result = CliRunner().invoke(cli, ["deposit", "--format", "json", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert str(target) in result.stdout
    assert "Payload-Oxum" in result.stdout


def test_missing_and_unexpected_files(fresh_bag):
    (fresh_bag / "data" / "README.txt").unlink()
    (fresh_bag / "data" / "intruder.txt").write_text("x")
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert "bag.file-missing" in result.output and "README.txt" in result.output
    assert "bag.unexpected-file" in result.output and "intruder.txt" in result.output


def test_altered_tag_file_is_caught(fresh_bag):
    info = fresh_bag / "bag-info.txt"
    info.write_text(info.read_text().replace("teikit-bazhanov-1990", "teikit-bazhanov-1991"))
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert "bag-info.txt" in result.output


def test_zipped_bag_names_the_file_inside_the_zip(tmp_path):
    bag_dir = make_deposit(tmp_path / "z")
    _flip_one_byte(bag_dir / "data" / "metadata" / "dc.xml")
    archive = tmp_path / "bag.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in sorted(bag_dir.rglob("*")):
            if p.is_file():
                zf.write(p, f"bag/{p.relative_to(bag_dir)}")
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(archive)])
    assert result.exit_code == 1
    assert f"{archive}!/data/metadata/dc.xml" in result.output


def test_not_a_bag_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a valid bag" in result.output
    shutil.rmtree(tmp_path)
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a bag" in result.output


def test_every_discrepancy_is_named_not_the_first(fresh_bag):
    missing = fresh_bag / "data" / "README.txt"
    missing.unlink()
    flipped = fresh_bag / "data" / "citations" / "bazhanov-header.ris"
    _flip_one_byte(flipped)
    info = fresh_bag / "bag-info.txt"
    info.write_text(info.read_text().replace("teikit-bazhanov-1990", "teikit-bazhanov-1991"))
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert f"{missing}: error:" in result.output and "bag.file-missing" in result.output
    assert f"{flipped}: error:" in result.output and "bag.checksum-mismatch" in result.output
    assert "bag.info-changed" in result.output


def test_removed_tag_manifests_and_edited_bag_info_are_not_valid(fresh_bag):
    for tag in fresh_bag.glob("tagmanifest-*.txt"):
        tag.unlink()
    info = fresh_bag / "bag-info.txt"
    info.write_text(info.read_text().replace("teikit-bazhanov-1990", "teikit-bazhanov-1991"))
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert "bag.tagmanifest-missing" in result.output
    assert "valid bag" not in result.output


def test_an_edited_manifest_line_is_blamed_on_the_manifest(fresh_bag):
    manifest = fresh_bag / "manifest-sha256.txt"
    lines = manifest.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.rstrip().endswith("data/README.txt"))
    checksum, path = lines[index].split(None, 1)
    lines[index] = ("0" * len(checksum)) + " " + path
    manifest.write_text("".join(lines))
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(fresh_bag)])
    assert result.exit_code == 1
    assert f"{manifest}:{index + 1}: error:" in result.output and "bag.manifest-edited" in result.output
    assert "bag.checksum-mismatch" not in result.output  # the payload file is intact


def test_a_zip_bomb_is_refused_without_expanding(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bag/bagit.txt", "BagIt-Version: 1.0\n")
        zf.writestr("bag/data/zeros.bin", b"\0" * (64 * 1024 * 1024))
    assert archive.stat().st_size < 200_000
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(archive)])
    assert result.exit_code == 2 and "zip bomb" in result.output
    assert not list(tmp_path.glob("teikit-verify-*"))


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/evil", "bag/../../x"])
def test_a_zip_path_escape_is_refused(tmp_path, name):
    archive = tmp_path / "slip.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("bag/bagit.txt", "BagIt-Version: 1.0\n")
        zf.writestr(name, "x")
    result = CliRunner().invoke(cli, ["deposit", "--verify", str(archive)])
    assert result.exit_code == 2 and "unsafe path in zip" in result.output
    assert not (tmp_path.parent / "escape.txt").exists()
