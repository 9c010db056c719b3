"""The deposit's check of the METS, MODS and DC it generated: libxml2 for METS, xmlschema for
the records (remembered when valid), finding what the full xmlschema validation finds."""

from __future__ import annotations

from teikit.deposit.selfcheck import check_mets, check_record
from teikit.deposit.verify import validate_metadata


def _read(bag_dir, name: str) -> bytes:
    return (bag_dir / "data" / "metadata" / name).read_bytes()


def test_the_generated_metadata_passes(bag_dir, tmp_path):
    assert check_mets(_read(bag_dir, "mets.xml"), "mets.xml") == []
    for name in ("mods.xml", "dc.xml"):
        assert check_record(_read(bag_dir, name), name, tmp_path) == []


def test_a_broken_mets_is_found_as_xmlschema_finds_it(bag_dir):
    mets = _read(bag_dir, "mets.xml")
    for old, new in ((b'CHECKSUMTYPE="SHA-256"', b'CHECKSUMTYPE="SHA-3"'),
                     (b"<mets:fileSec>", b"<mets:fileSec><mets:bogus/>"),
                     (b'LOCTYPE="URL"', b'LOCTYPE="NOWHERE"')):
        broken = mets.replace(old, new, 1)
        assert broken != mets
        found = check_mets(broken, "mets.xml")
        assert found and validate_metadata(broken, "mets.xml"), new
        assert all(d.code == "deposit.xsd-invalid" and d.line for d in found)


def test_a_valid_record_is_remembered_and_an_invalid_one_never(bag_dir, tmp_path):
    mods = _read(bag_dir, "mods.xml")
    assert check_record(mods, "mods.xml", tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 1  # remembered: the next deposit skips xmlschema
    assert check_record(mods, "mods.xml", tmp_path) == []
    wrong = mods.replace(b"<mods:genre", b"<mods:frobnicate/><mods:genre", 1)
    assert wrong != mods
    for _ in range(2):
        assert any("frobnicate" in d.message for d in check_record(wrong, "mods.xml", tmp_path))
    assert len(list(tmp_path.iterdir())) == 1
