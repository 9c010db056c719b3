"""The BagIt bag: RFC 8493 1.0, bag-info from the edition, manifests, determinism."""

from __future__ import annotations

import zipfile
from pathlib import Path

import bagit
import pytest

from teikit.deposit.verify import verify_bag
from tests.deposit.conftest import MINI, make_deposit


def test_bag_is_valid_for_the_bagit_library(bag_dir):
    bag = bagit.Bag(str(bag_dir))
    assert bag.validate(fast=False)
    assert bag.version_info == (1, 0)
    assert (bag_dir / "bagit.txt").read_text() == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    assert verify_bag(bag_dir) == []


def test_bag_info_comes_from_the_edition(bag_dir):
    info = bagit.Bag(str(bag_dir)).info
    assert info["Source-Organization"] == "teikit editors"
    assert info["External-Identifier"] == "teikit-bazhanov-1990"
    assert info["Bagging-Date"] == "2026-11-26"
    assert info["External-Description"].startswith("TEI XML digital edition of Bazhanov and the Damnation")
    size = sum(p.stat().st_size for p in (bag_dir / "data").rglob("*") if p.is_file())
    count = sum(1 for p in (bag_dir / "data").rglob("*") if p.is_file())
    assert info["Payload-Oxum"] == f"{size}.{count}"


def test_payload_holds_tei_schemas_citations_metadata_readme_rights(bag_dir):
    data = bag_dir / "data"
    for rel in ("tei/bazhanov-header.xml", "schemas/deposit-metadata.schema.json", "schemas/xsd/mets.xsd",
                "citations/bazhanov-header.json", "citations/bazhanov-header.ris",
                "metadata/mets.xml", "metadata/mods.xml", "metadata/dc.xml", "metadata/deposit.json",
                "README.txt", "RIGHTS.txt"):
        assert (data / rel).is_file(), rel
    assert "CC BY 4.0" in (data / "RIGHTS.txt").read_text()
    assert "© 1990 David W. Doyle" in (data / "RIGHTS.txt").read_text()


def test_sha512_and_sha256_manifests_are_sorted(bag_dir):
    for name in ("manifest-sha512.txt", "manifest-sha256.txt",
                 "tagmanifest-sha512.txt", "tagmanifest-sha256.txt"):
        lines = (bag_dir / name).read_text().splitlines()
        paths = [line.split(maxsplit=1)[1] for line in lines]
        assert paths == sorted(paths), name
        assert lines
    assert not list(bag_dir.glob("manifest-md5.txt"))


def test_checksums_are_configurable(tmp_path):
    bag_dir = make_deposit(tmp_path, checksums=("md5",))
    names = sorted(p.name for p in bag_dir.glob("*manifest-*.txt"))
    assert names == ["manifest-md5.txt", "tagmanifest-md5.txt"]
    assert bagit.Bag(str(bag_dir)).validate()


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_runs_are_byte_identical(tmp_path):
    first = make_deposit(tmp_path / "a", source=MINI, zip=True, dspace=True).parent
    second = make_deposit(tmp_path / "b", source=MINI, zip=True, dspace=True).parent
    assert _tree_bytes(first) == _tree_bytes(second)


def test_zip_is_deterministic_and_holds_the_bag(bag_dir):
    archive = bag_dir.parent / "bazhanov-header.zip"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert "bazhanov-header/bagit.txt" in names
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 26, 0, 0, 0)}
    assert verify_bag(archive) == []


def test_old_dates_are_clamped_to_the_zip_epoch(tmp_path):
    from teikit.deposit.bag import zip_directory

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f.txt").write_text("x")
    zip_directory(tmp_path / "d", tmp_path / "o.zip", date="1926", top="t")
    with zipfile.ZipFile(tmp_path / "o.zip") as zf:
        assert zf.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_unknown_checksum_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown checksum"):
        make_deposit(tmp_path, checksums=("crc0",))


@pytest.mark.shared
def test_other_projects_tei_is_bagged_or_refused_with_the_missing_element(tei_samples, tmp_path):
    from teikit.errors import InputError

    outcomes = {}
    for sample in sorted(tei_samples.glob("*.xml")):
        try:
            bag_dir = make_deposit(tmp_path / sample.stem, source=sample)
        except InputError as exc:  # the one TEI P5 guard's message, or what the header lacks
            assert exc.line and exc.hint, sample
            outcomes[sample.name] = exc.message.split(":")[0]
            continue
        assert verify_bag(bag_dir) == [], sample
        outcomes[sample.name] = "bagged"
    assert outcomes["kbga_barth_sermon_27005.xml"] == "bagged"
    assert outcomes["teic_stylesheets_testP4Input1.xml"].startswith("not a TEI P5 document")
    assert outcomes["teic_tei_detest.xml"] == "the edition has no identifier"


def test_a_failure_midway_keeps_the_previous_deposit(tmp_path, monkeypatch):
    import teikit.deposit.package as package

    bag_dir = make_deposit(tmp_path)
    before = _tree_bytes(bag_dir.parent)

    def broken_bagging(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(package.bagging, "make_bag", broken_bagging)
    with pytest.raises(OSError):
        make_deposit(tmp_path)
    assert _tree_bytes(bag_dir.parent) == before
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["deposit"]


HEADERS = Path(__file__).parents[1] / "cite" / "fixtures" / "headers"


@pytest.mark.parametrize("name", ["dta", "eltec", "journal"])
def test_other_projects_headers_make_valid_bags_and_identical_zips(name, tmp_path):
    """A DTA-, ELTeC- and journal-shaped header: the bag passes the bagit library's full
    validation, and two runs give the same bytes (the zip included); the DTA's date written
    as a timestamp dates the bag."""
    first = make_deposit(tmp_path / "a", source=HEADERS / f"{name}.xml", zip=True)
    second = make_deposit(tmp_path / "b", source=HEADERS / f"{name}.xml", zip=True)
    assert bagit.Bag(str(first)).validate()
    assert _tree_bytes(first.parent) == _tree_bytes(second.parent)
    assert (first.parent / f"{name}.zip").read_bytes() == (second.parent / f"{name}.zip").read_bytes()
    if name == "dta":
        assert bagit.Bag(str(first)).info["Bagging-Date"] == "2016-10-10"
        assert bagit.Bag(str(first)).info["External-Identifier"] == "urn:nbn:de:kobv:b4-200905192998"
