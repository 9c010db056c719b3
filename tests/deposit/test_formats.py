"""RO-Crate, OCFL and DataCite packages beside the bag, read back by their own libraries.

`teikit deposit --package …` as a user runs it; the crate is read back by the ``rocrate``
library (every payload file a data entity, the metadata descriptor conforming to RO-Crate),
the OCFL object validated by ``ocfl-py``'s validator, the DataCite record validated
against the DataCite 4.5 JSON Schema and its XML read back.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import ocfl
import pytest
from click.testing import CliRunner
from datacite import schema45
from lxml import etree
from rocrate.rocrate import ROCrate

from teikit import paths, xmlio
from teikit.cli import cli
from teikit.deposit.datacite import datacite_record
from tests.deposit.conftest import HEADER_FIXTURE

WITHOUT_BUILT = ["--without", "html", "--without", "epub", "--without", "csv"]
PACKAGES = ["--package", "rocrate", "--package", "ocfl", "--package", "datacite",
            "--package", "dspace-zip", "--collection", "123456789/2"]
DATACITE = {"d": "http://datacite.org/schema/kernel-4"}


def _deposit(root: Path) -> Path:
    out = root / "deposit"
    result = CliRunner().invoke(cli, ["deposit", str(HEADER_FIXTURE), "--exports", str(root / "exports"),
                                      "-o", str(out), *WITHOUT_BUILT, *PACKAGES])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def deposit(tmp_path_factory) -> Path:
    return _deposit(tmp_path_factory.mktemp("formats"))


def test_every_package_is_written_beside_the_bag(deposit):
    names = sorted(p.name for p in deposit.iterdir() if p.name != ".teikit-output")
    assert names == ["bazhanov-header", "bazhanov-header.datacite.xml", "bazhanov-header.dspace.zip",
                     "bazhanov-header.ocfl", "bazhanov-header.ro-crate"]


def test_the_ro_crate_reads_back_with_every_payload_file(deposit):
    crate_dir = deposit / "bazhanov-header.ro-crate"
    crate = ROCrate(crate_dir)
    assert crate.name == "Bazhanov and the Damnation of Stalin"
    assert crate.root_dataset["datePublished"] == "2026-11-26"
    assert crate.root_dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    payload = sorted(p.relative_to(deposit / "bazhanov-header" / "data").as_posix()
                     for p in (deposit / "bazhanov-header" / "data").rglob("*") if p.is_file())
    assert sorted(e.id for e in crate.data_entities) == payload
    for rel in payload:
        assert (crate_dir / rel).is_file()
    tei = crate.dereference("tei/bazhanov-header.xml")
    assert tei["encodingFormat"] == "application/tei+xml"
    authors = [a["name"] for a in crate.root_dataset["author"]]
    translators = [t["name"] for t in crate.root_dataset["translator"]]
    assert (authors, translators) == (["Boris Bazhanov"], ["David W. Doyle"])
    assert crate.root_dataset["isBasedOn"]["isbn"] == "9780821409480"
    descriptor = json.loads((crate_dir / "ro-crate-metadata.json").read_text())["@graph"][1]
    assert descriptor["@id"] == "ro-crate-metadata.json"
    assert descriptor["conformsTo"]["@id"].startswith("https://w3id.org/ro/crate/1.")


def test_the_ocfl_object_validates(deposit):
    target = deposit / "bazhanov-header.ocfl"
    passed, validator = ocfl.Object(path=str(target)).validate(str(target), log_warnings=False)
    assert passed, str(validator)
    inventory = json.loads((target / "inventory.json").read_text())
    assert inventory["id"] == "teikit-bazhanov-1990"
    assert inventory["versions"]["v1"]["created"] == "2026-11-26T00:00:00Z"
    assert (target / "v1" / "content" / "tei" / "bazhanov-header.xml").is_file()


def test_a_tampered_ocfl_object_does_not_validate(tmp_path):
    target = _deposit(tmp_path) / "bazhanov-header.ocfl"
    (target / "v1" / "content" / "tei" / "bazhanov-header.xml").write_text("changed")
    passed, validator = ocfl.Object(path=str(target)).validate(str(target), log_warnings=False)
    assert not passed
    assert "bazhanov-header.xml" in str(validator)


def test_datacite_xml_holds_the_edition(deposit):
    record = datacite_record(xmlio.parse_file(HEADER_FIXTURE))
    assert schema45.validate(record)
    root = etree.parse(str(deposit / "bazhanov-header.datacite.xml")).getroot()
    text = lambda path: root.findtext(path, namespaces=DATACITE)  # noqa: E731
    assert text("d:titles/d:title") == "Bazhanov and the Damnation of Stalin"
    assert text("d:creators/d:creator/d:familyName") == "Bazhanov"
    assert text("d:contributors/d:contributor/d:familyName") == "Doyle"
    assert text("d:publicationYear") == "2026"
    assert text("d:version") == "1.0"
    assert text("d:alternateIdentifiers/d:alternateIdentifier") == "teikit-bazhanov-1990"
    related = root.find("d:relatedIdentifiers/d:relatedIdentifier", DATACITE)
    assert (related.text, related.get("relationType")) == ("9780821409480", "IsDerivedFrom")


def test_the_schema_check_is_not_vacuous():
    record = datacite_record(xmlio.parse_file(HEADER_FIXTURE))
    del record["titles"]
    assert not schema45.validate(record)


def test_packages_are_byte_identical_across_runs(tmp_path):
    first, second = _deposit(tmp_path / "a"), _deposit(tmp_path / "b")
    for name in ("bazhanov-header.ro-crate", "bazhanov-header.ocfl"):
        files = sorted(p.relative_to(first / name) for p in (first / name).rglob("*") if p.is_file())
        assert files
        for rel in files:
            assert (first / name / rel).read_bytes() == (second / name / rel).read_bytes(), rel
    for name in ("bazhanov-header.datacite.xml", "bazhanov-header.dspace.zip"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_the_memoir_makes_a_valid_datacite_record():
    assert schema45.validate(datacite_record(xmlio.parse_file(paths.EDITION)))


def test_the_dspace_zip_is_an_import_ready_archive_with_its_collections_file(deposit):
    with zipfile.ZipFile(deposit / "bazhanov-header.dspace.zip") as zf:
        names = set(zf.namelist())
        assert {n.split("/")[0] for n in names} == {"archive"}
        item = "archive/item_000/"
        assert zf.read(item + "collections").decode() == "123456789/2\n"
        contents = [line.split("\t") for line in zf.read(item + "contents").decode().splitlines()]
        assert contents and all(item + name in names for name, _ in contents)
        assert ("bazhanov-header.xml", "bundle:ORIGINAL") in [tuple(c) for c in contents]
        assert ("license.txt", "bundle:LICENSE") in [tuple(c) for c in contents]
        dc = etree.fromstring(zf.read(item + "dublin_core.xml"))
        assert dc.tag == "dublin_core"
        titles = [v.text for v in dc if v.get("element") == "title"]
        assert titles == ["Bazhanov and the Damnation of Stalin"]


def _roc_validate(crate: Path, cache_dir: Path):
    """roc-validator (the RO-Crate community's checker), offline.

    It reads the crate's JSON-LD context from its HTTP cache; the cache is filled with the
    official RO-Crate context as the ``rocrate`` package ships it, so no network is used.
    """
    import io
    from importlib import resources

    import requests
    from requests_cache import CachedSession
    from rocrate_validator import models, services
    from urllib3 import HTTPResponse

    context = json.loads((crate / "ro-crate-metadata.json").read_text())["@context"]
    shipped = resources.files("rocrate").joinpath("data/ro-crate.jsonld").read_bytes()
    assert json.loads(shipped)["@id"] == context  # the context the crate names is the one shipped
    cache = cache_dir / "http-cache"
    session = CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1)
    response = requests.Response()
    response.status_code, response._content, response.url = 200, shipped, context
    response.headers["Content-Type"] = "application/ld+json"
    response.request = requests.Request("GET", context).prepare()
    response.raw = HTTPResponse(body=io.BytesIO(shipped), headers={"Content-Type": "application/ld+json"},
                                status=200, preload_content=False, request_url=context)
    session.cache.save_response(response)
    settings = services.ValidationSettings(rocrate_uri=str(crate), offline=True, cache_path=cache,
                                           requirement_severity=models.Severity.REQUIRED)
    return services.validate(settings)


def test_the_ro_crate_passes_roc_validator(deposit, tmp_path):
    result = _roc_validate(deposit / "bazhanov-header.ro-crate", tmp_path)
    assert not result.has_issues(), [i.message for i in result.get_issues()]


def test_roc_validator_catches_a_missing_payload_file(deposit, tmp_path):
    crate = tmp_path / "crate"
    shutil.copytree(deposit / "bazhanov-header.ro-crate", crate)
    (crate / "tei" / "bazhanov-header.xml").unlink()
    result = _roc_validate(crate, tmp_path)
    assert any("tei/bazhanov-header.xml" in i.message for i in result.get_issues())


def test_dspace_bitstream_names_cannot_add_lines_or_paths(tmp_path):
    """The edition's file name becomes a bitstream's: a tab or newline in it would add a field
    (permissions) or a line naming any file to DSpace's importer."""
    hostile = tmp_path / "a\tpermissions:-w Anonymous\n..%2f..%2fetc%2fpasswd\tbundle:X.xml"
    shutil.copyfile(HEADER_FIXTURE, hostile)
    out = tmp_path / "deposit"
    result = CliRunner().invoke(cli, ["deposit", str(hostile), "--exports", str(tmp_path / "exports"),
                                      "-o", str(out), *WITHOUT_BUILT, "--package", "dspace-zip"])
    assert result.exit_code == 0, result.output
    [archive] = out.glob("*.dspace.zip")
    with zipfile.ZipFile(archive) as zf:
        lines = zf.read("archive/item_000/contents").decode().splitlines()
        names = [line.split("\t")[0] for line in lines]
        assert all(len(line.split("\t")) == 2 for line in lines), lines
        assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", n) for n in names), names
        assert all(f"archive/item_000/{n}" in zf.namelist() for n in names)
