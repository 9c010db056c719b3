"""teikit's Schematron validator (lxml_engines._Schematron) reports exactly what lxml's
isoschematron reports: the same assertions, texts and location paths, character for character,
while it numbers each parent's children once instead of counting siblings per step; and each
location's line is the element's own."""

from __future__ import annotations

from lxml import etree, isoschematron

from teikit import paths, xmlio
from teikit.validate.lxml_engines import _Locator, _Schematron

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
EVERY_ELEMENT = etree.XML("""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <pattern>
    <rule context="tei:p"><assert test="false()">a paragraph</assert></rule>
    <rule context="*"><report test="true()">element <name/></report></rule>
  </pattern>
  <pattern><rule context="@rend"><report test="true()">rend</report></rule></pattern></schema>""")
MIXED = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
<text><body>
<p>a</p><p rend="x">b<m:math xmlns:m="urn:m"/><m:math xmlns:m="urn:m"/></p>
<x xmlns=""><y/><y/><z/></x><x xmlns=""/>
<q:p xmlns:q="urn:other">a p of another namespace among the TEI p</q:p>
<p>c<!-- comment --><?pi x?></p>
</body></text>
</TEI>"""


def _items(report: etree._ElementTree) -> list[tuple[str | None, str | None, str]]:
    return [(e.get("id"), e.get("location"), " ".join("".join(e.itertext()).split()))
            for e in report.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report")]


def _both(schema: etree._Element, tree: etree._ElementTree):
    reference = isoschematron.Schematron(schema, store_report=True)
    reference.validate(tree)
    ours, lines = _Schematron(etree.ElementTree(schema)).report(tree)
    return _items(reference.validation_report), _items(ours), lines


def test_the_same_report_on_mixed_namespaces_prefixes_and_repeated_names():
    tree = etree.ElementTree(etree.XML(MIXED))
    theirs, ours, lines = _both(EVERY_ELEMENT, tree)
    assert len(theirs) > 12 and ours == theirs
    assert any("[local-name()='math' and namespace-uri()='urn:m'][2]" in loc for _, loc, _ in ours)
    assert any(loc.endswith("/x[1]/y[2]") for _, loc, _ in ours)
    locator = _Locator(tree)
    elements = [loc for _, loc, _ in ours if loc in lines]  # attributes' paths are not made here
    assert len(elements) > 10 and all(lines[loc] for loc in elements)
    # evaluated as XPath, a path finds the same element (the skeleton numbers a namespaced
    # element among all siblings of its local name, so the paths of q:p and of the TEI p after
    # it find nothing: their lines are known all the same)
    found = {loc: locator._xpath_line(loc) for loc in elements}
    assert {loc: lines[loc] for loc in elements if found[loc]} == {k: v for k, v in found.items() if v}
    assert [line for loc, line in found.items() if line is None] == [None, None]


def test_the_same_report_and_lines_on_the_memoir_with_its_schema():
    tree = xmlio.parse_file(paths.EDITION)
    schema = xmlio.parse_file(paths.SCHEMAS_DIR / "teikit.sch").getroot()
    assert _both(schema, tree)[0] == _both(schema, tree)[1]
    theirs, ours, lines = _both(EVERY_ELEMENT, tree)
    assert len(ours) > 10000 and ours == theirs
    locator = _Locator(tree)
    sample = [loc for _, loc, _ in ours[::97] if loc in lines]  # elements (not /@rend)
    assert len(sample) > 50
    assert [lines[loc] for loc in sample] == [locator._xpath_line(loc) for loc in sample]
