"""Jing and lxml give the same verdicts; Jing's helpers keep positions and shorten lists."""

from __future__ import annotations

import pytest

from teikit import xmlio
from teikit.validate import jing
from teikit.validate.runner import choose_engine, validate_paths
from tests.validate.conftest import INVALID, VALID

RNG_FIXTURES = [p for p in INVALID if p.stem.startswith("rng-")]


@pytest.mark.java
def test_auto_picks_jing_here():
    assert jing.available(), "Jing should be installed by scripts/setup.sh"
    assert choose_engine("auto") == "jing"


def test_lxml_and_jing_agree_on_the_customization():
    """Same verdict per file; libxml2 may add an error on an ancestor, so lines are a superset."""
    files = VALID + RNG_FIXTURES
    by_engine = {
        engine: validate_paths(files, "teikit", engine=engine, cache_dir=None) for engine in ("jing", "lxml")
    }
    for path in files:
        lines = {
            engine: {d.line for d in report.diagnostics if d.file == str(path)}
            for engine, report in by_engine.items()
        }
        assert bool(lines["jing"]) == bool(lines["lxml"]), path.name
        assert lines["jing"] <= lines["lxml"], path.name


def test_blank_doctype_keeps_lines_and_columns():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "x.dtd" [\n <!ATTLIST p n CDATA "1">\n]>\n<TEI/>\n'
    out = xmlio.without_doctype(data, xmlio.parse_bytes(data))
    assert b"DOCTYPE" not in out and b"ATTLIST" not in out
    assert len(out) == len(data) and out.count(b"\n") == data.count(b"\n")
    assert out.endswith(b"\n<TEI/>\n")


def test_long_expected_lists_are_cut():
    names = ", ".join(f'"e{i}"' for i in range(20))
    short = jing.shorten(f'element "x" not allowed here; expected {names}')
    assert short.endswith('"e7" or one of 12 others') and short.startswith('element "x" not allowed here')
    few = 'element "x" incomplete; expected "a" or "b"'
    assert jing.shorten(few) == few


def test_shares_are_consecutive_balanced_and_one_for_a_small_set(monkeypatch):
    from teikit.validate.documents import load

    docs, _ = load(VALID + RNG_FIXTURES)
    assert jing._shares(docs, 2) == [docs]  # far below PARALLEL_BYTES: one JVM
    monkeypatch.setattr(jing, "PARALLEL_BYTES", 1)
    for jobs in (2, 3):
        shares = jing._shares(docs, jobs)
        assert len(shares) == jobs and [d for s in shares for d in s] == docs  # in order, none lost


@pytest.mark.java
def test_jing_in_several_processes_says_what_one_says(monkeypatch):
    """validate --jobs N: the files divided among N Jing runs at once, the same diagnostics."""
    files = VALID + RNG_FIXTURES
    one = validate_paths(files, "teikit", engine="jing", cache_dir=None, jobs=1)
    monkeypatch.setattr(jing, "PARALLEL_BYTES", 1)  # divide even these small files
    many = validate_paths(files, "teikit", engine="jing", cache_dir=None, jobs=3)
    assert one.diagnostics and many.diagnostics == one.diagnostics


def test_an_xsd_importing_the_xml_namespace_reads_a_local_copy(tmp_path):
    # every XSD an ODD processor writes imports http://www.w3.org/2001/xml.xsd (for xml:id):
    # it was refused ("teikit does not read the network"); the xmlschema package's copy is read
    xsd = tmp_path / "letter.xsd"
    xsd.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:l" '
        'elementFormDefault="qualified">'
        '<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
        'schemaLocation="http://www.w3.org/2001/xml.xsd"/>'
        '<xs:element name="letter"><xs:complexType><xs:attribute ref="xml:id" use="required"/>'
        '</xs:complexType></xs:element></xs:schema>', "utf-8")
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_text('<letter xmlns="urn:l" xml:id="l1"/>', "utf-8")
    bad.write_text('<letter xmlns="urn:l"/>', "utf-8")
    report = validate_paths([good, bad], str(xsd), cache_dir=None)
    assert [(d.file, d.code) for d in report.diagnostics] == [(str(bad), "xsd.letter")]
    assert "namespace}id' is required" in report.diagnostics[0].message


def test_another_url_in_an_xsd_is_still_refused(tmp_path):
    from teikit.errors import InputError

    xsd = tmp_path / "remote.xsd"
    xsd.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                   '<xs:import namespace="urn:x" schemaLocation="https://example.org/x.xsd"/></xs:schema>',
                   "utf-8")
    (tmp_path / "d.xml").write_text("<d/>", "utf-8")
    with pytest.raises(InputError, match="does not read the network"):
        validate_paths([tmp_path / "d.xml"], str(xsd), cache_dir=None)
