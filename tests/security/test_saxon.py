"""Saxon never reads what teikit did not give it: no DOCTYPE, no DTD, no network.

teikit hands Saxon a serialization without DOCTYPE; Saxon's own parser is configured to
refuse one anyway, and stylesheets may read ``file:`` URIs only. teikit's own stylesheets
read nothing but the given document (scanned here). A Saxon error the input causes is an
input error naming the input.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from teikit import paths, saxon, xmlio
from teikit.errors import InputError, ToolError
from tests.security.conftest import Loopback

# XPath functions and XSLT instructions that read a resource by URI.
READERS = re.compile(
    r"\b(doc|document|doc-available|unparsed-text|unparsed-text-lines|unparsed-text-available|collection|"
    r"uri-collection|json-doc|transform|load-xquery-module)\s*\(|<xsl:(source-document|merge-source)\b"
)


# What teikit's own stylesheets may read besides their input: the EPUB's shards
# (teikit.build.epub_shards) read the index and the parts an earlier process of the same
# build wrote into its temporary folder, named by the `index` parameter teikit passes (never
# a URI from the TEI: a part's name is an escaped unit file name).
ALLOWED = {"epub.xsl": ["doc($index)", "doc(resolve-uri('parts/' || @name || '.xml', $index))"]}


def test_teikit_stylesheets_read_nothing_but_their_input() -> None:
    hits = []
    for path in sorted(paths.XSLT_DIR.rglob("*.xsl")):
        text = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
        for allowed in ALLOWED.get(path.name, []):
            assert allowed in text, f"{path.name} no longer reads {allowed}: take it off ALLOWED"
            text = text.replace(allowed, "")
        hits += [f"{path.name}: {m.group(0)}" for m in READERS.finditer(text)]
    assert hits == []


def test_saxon_parser_refuses_any_doctype(loopback: Loopback) -> None:
    proc = saxon.processor()
    with pytest.raises(Exception, match="DOCTYPE"), saxon._stderr_quiet():
        proc.parse_xml(xml_text=f'<!DOCTYPE a SYSTEM "http://127.0.0.1:{loopback.port}/evil.dtd"><a>&x;</a>')
    assert loopback.requests == []


def _stylesheet(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "probe.xsl"
    path.write_text(
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">'
        f'<xsl:template match="/">{body}</xsl:template></xsl:stylesheet>',
        encoding="utf-8",
    )
    return path


def test_a_stylesheet_cannot_reach_the_network(tmp_path: Path, loopback: Loopback) -> None:
    url = f"http://127.0.0.1:{loopback.port}/data.xml"
    probe = _stylesheet(tmp_path, f"<out><xsl:value-of select=\"unparsed-text-available('{url}')\"/></out>")
    result = saxon.transform(probe, xmlio.parse_bytes(b"<a/>"))
    assert result.output is not None and "false" in result.output
    assert loopback.requests == []


def test_the_document_reaches_saxon_without_its_doctype(tmp_path: Path, loopback: Loopback) -> None:
    data = (
        f'<?xml version="1.0"?>\n<!-- before -->\n<!DOCTYPE a SYSTEM "http://127.0.0.1:{loopback.port}/x.dtd">'
        "\n<?pi here?>\n<a>text</a>\n<!-- after -->\n"
    ).encode()
    tree = xmlio.parse_bytes(data)
    serialized = xmlio.serialize_for_xslt(tree)
    assert b"DOCTYPE" not in serialized
    assert (
        b"<!-- before -->" in serialized and b"<?pi here?>" in serialized and b"<!-- after -->" in serialized
    )
    probe = _stylesheet(
        tmp_path, '<out><xsl:value-of select="count(/node())"/>|<xsl:value-of select="/a"/></out>'
    )
    result = saxon.transform(probe, tree)
    assert result.output is not None and "4|text" in result.output
    assert loopback.requests == []


def test_bytes_given_to_saxon_go_through_the_safe_parser(tmp_path: Path, secret: Path) -> None:
    probe = _stylesheet(tmp_path, '<out><xsl:value-of select="."/></out>')
    data = f'<!DOCTYPE a [<!ENTITY x SYSTEM "file://{secret}">]><a>&x;</a>'.encode()
    with pytest.raises(InputError, match="declares entities"):
        saxon.transform(probe, data, source_name="hostile.xml")


def test_two_results_for_one_file_are_an_input_error(tmp_path: Path) -> None:
    probe = _stylesheet(
        tmp_path,
        '<xsl:for-each select="//d"><xsl:result-document href="{@name}.html"><p/></xsl:result-document>'
        "</xsl:for-each>",
    )
    with pytest.raises(InputError) as caught:
        saxon.transform(
            probe,
            xmlio.parse_bytes(b'<a><d name="x"/><d name="x"/></a>'),
            output_dir=tmp_path / "out",
            source_name="edition.xml",
        )
    assert caught.value.file == "edition.xml" and "x.html" in caught.value.message
    assert not isinstance(caught.value, ToolError)


def test_more_namespace_prefixes_than_saxon_holds_are_an_input_error(tmp_path: Path) -> None:
    # Saxon's tree holds 2,047 prefixes: past them the build failed as a stylesheet fault (exit 3)
    probe = _stylesheet(tmp_path, '<xsl:value-of select="count(//*)"/>')
    many = "".join(f'<x:e xmlns:x="urn:x"/><e xmlns:n{i}="urn:n:{i}" n{i}:a="v"/>' for i in range(2100))
    with pytest.raises(InputError) as caught:
        saxon.transform(probe, xmlio.parse_bytes(f"<a>{many}</a>".encode()), source_name="edition.xml")
    assert not isinstance(caught.value, ToolError) and "2,047" in caught.value.message
    assert caught.value.file == "edition.xml"


def test_a_stylesheet_fault_stays_a_tool_error_without_saxons_stack(tmp_path: Path) -> None:
    probe = _stylesheet(
        tmp_path,
        "<xsl:sequence select=\"error(xs:QName('tk:bug'), 'broken')\" "
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tk="urn:tk"/>',
    )
    with pytest.raises(ToolError) as caught:
        saxon.transform(probe, xmlio.parse_bytes(b"<a/>"), source_name="edition.xml")
    assert "broken" in caught.value.message and "\n" not in caught.value.message


def test_saxons_own_report_stays_off_stderr_and_other_output_is_kept(tmp_path: Path, capfd) -> None:
    probe = _stylesheet(tmp_path, "<xsl:sequence select=\"error((), 'broken')\"/>")
    with pytest.raises(ToolError):
        saxon.transform(probe, xmlio.parse_bytes(b"<a/>"))
    assert capfd.readouterr().err == ""
    with saxon._stderr_quiet():
        os.write(2, b"written meanwhile\n")
    assert capfd.readouterr().err == "written meanwhile\n"


def test_saxon_and_teikit_accept_the_same_depth() -> None:
    """One limit: what xmlio accepts Saxon accepts; one level more both refuse."""
    deepest = ("<a>" * xmlio.MAX_DEPTH + "</a>" * xmlio.MAX_DEPTH).encode()
    saxon.processor().parse_xml(xml_text=xmlio.serialize_for_xslt(xmlio.parse_bytes(deepest)).decode())
    deeper = "<a>" * (xmlio.MAX_DEPTH + 1) + "</a>" * (xmlio.MAX_DEPTH + 1)
    with pytest.raises(InputError, match="nested"):
        xmlio.parse_bytes(deeper.encode())
    with pytest.raises(Exception, match="depth"), saxon._stderr_quiet():
        saxon.processor().parse_xml(xml_text=deeper)
