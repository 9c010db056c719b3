"""Schematron diagnostics get their line by walking the SVRL location step by step (linear in
the number of failed assertions); the lines are those XPath finds, on the memoir and on
elements of other namespaces, attributes and repeated siblings."""

from __future__ import annotations

from lxml import etree, isoschematron

from teikit import paths, xmlio
from teikit.validate.lxml_engines import _Locator

SCHEMA = etree.XML("""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:p | tei:persName | tei:pb"><assert test="false()">every one</assert></rule>
    <rule context="*[not(namespace-uri() = 'http://www.tei-c.org/ns/1.0')]">
      <report test="true()">foreign</report></rule>
  </pattern></schema>""")


def _locations(tree: etree._ElementTree) -> list[str]:
    schematron = isoschematron.Schematron(SCHEMA, store_report=True)
    schematron.validate(tree)
    return [e.get("location") for e in schematron.validation_report.iter(
        "{http://purl.oclc.org/dsdl/svrl}failed-assert", "{http://purl.oclc.org/dsdl/svrl}successful-report")]


def test_walked_lines_are_the_xpath_lines_on_the_memoir():
    tree = xmlio.parse_file(paths.EDITION)
    locations = _locations(tree)
    assert len(locations) > 5000
    locator = _Locator(tree)
    assert [locator.line(x) for x in locations] == [locator._xpath_line(x) for x in locations]


def test_foreign_elements_attributes_and_unknown_shapes():
    tree = etree.ElementTree(etree.XML(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<body>\n<p>a</p>\n<p>b<m:math xmlns:m="urn:m"/>'
        '</p>\n<x xmlns="">\n<y/></x>\n</body>\n</text>\n</TEI>'))
    locator = _Locator(tree)
    locations = _locations(tree)
    assert [locator.line(x) for x in locations] == [locator._xpath_line(x) for x in locations]
    assert locator.line(locations[1] + "/@rend") == 5  # an attribute: its element's line
    assert locator.line("/no/such[shape]") is None


def test_a_name_path_is_walked_not_evaluated(monkeypatch):
    tree = xmlio.parse_file(paths.EDITION)
    locations = _locations(tree)[:50]
    locator = _Locator(tree)
    monkeypatch.setattr(locator, "_xpath_line", lambda location: -1)  # only the walk may answer
    assert -1 not in [locator.line(x) for x in locations]
