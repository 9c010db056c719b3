"""teikit.rng is what teikit.odd says, derived from tei_all.rng; the ODD itself is TEI."""

from __future__ import annotations

import pytest
from lxml import etree

from teikit import xmlio
from teikit.errors import InputError
from teikit.validate import customization, schemas
from teikit.validate.runner import validate_paths

RNG = "{http://relaxng.org/ns/structure/1.0}"


def test_committed_rng_is_generated_from_the_odd():
    generated = customization.generate()
    committed = schemas.TEIKIT_RNG.read_bytes()
    assert committed == generated, (
        "schemas/teikit.rng is out of date: run `.venv/bin/python -m teikit.validate.customization`"
    )


def test_rng_includes_tei_all_and_overrides_only_odd_elements():
    grammar = xmlio.parse_file(schemas.TEIKIT_RNG).getroot()
    includes = grammar.findall(f"{RNG}include")
    assert [i.get("href") for i in includes] == ["../.cache/tei/tei_all.rng"]
    overridden = sorted(d.get("name") for d in includes[0].findall(f"{RNG}define"))
    odd = xmlio.parse_file(schemas.TEIKIT_ODD)
    changed = sorted(odd.xpath("//tei:elementSpec[@mode='change']/@ident", namespaces=xmlio.NSMAP))
    assert overridden == changed
    # Nothing else at the grammar's top level: no new start, no new elements.
    assert [etree.QName(c).localname for c in grammar if isinstance(c.tag, str)] == ["include"]


def test_closed_list_and_required_attribute_are_in_the_grammar():
    grammar = xmlio.parse_file(schemas.TEIKIT_RNG)
    div = grammar.xpath("//r:define[@name='div']/r:element", namespaces={"r": RNG[1:-1]})[0]
    type_attr = div.xpath("r:attribute[@name='type']", namespaces={"r": RNG[1:-1]})
    assert type_attr, "div/@type should be required (not inside <optional>)"
    values = type_attr[0].xpath(".//r:value/text()", namespaces={"r": RNG[1:-1]})
    assert "chapter" in values and "notes-section" in values and len(values) == 17
    # the divisions holding chapters, and a play's scenes (docs/ingest.md, "Parts that hold chapters")
    assert {"part", "book", "volume", "act", "scene"} <= set(values)


def test_the_odd_is_valid_tei():
    report = validate_paths([schemas.TEIKIT_ODD], "tei_all", cache_dir=None)
    assert report.diagnostics == []


def _odd(tmp_path, element_spec: str):
    odd = tmp_path / "custom.odd"
    odd.write_text(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><schemaSpec ident="x">'
        f"{element_spec}</schemaSpec></body></text></TEI>",
        encoding="utf-8",
    )
    return odd


def test_changing_an_attribute_tei_does_not_have_is_refused(tmp_path):
    odd = _odd(tmp_path, '<elementSpec ident="pb" mode="change"><attList>'
                         '<attDef ident="colour" mode="change" usage="req"/></attList></elementSpec>')
    with pytest.raises(InputError, match="can only change an existing attribute"):
        customization.generate(odd)


def test_changing_an_element_tei_does_not_have_is_refused(tmp_path):
    odd = _odd(tmp_path, '<elementSpec ident="blort" mode="change"/>')
    with pytest.raises(InputError, match="tei_all has no such element"):
        customization.generate(odd)


def test_a_required_closed_attribute_from_a_small_odd(tmp_path):
    odd = _odd(tmp_path, '<elementSpec ident="hi" mode="change"><attList><attDef ident="rend" mode="change" '
                         'usage="req"><valList type="closed"><valItem ident="italic"/></valList></attDef>'
                         "</attList></elementSpec>")
    grammar = xmlio.parse_bytes(customization.generate(odd), "custom.rng")
    attribute = grammar.xpath("//r:define[@name='hi']/r:element/r:attribute[@name='rend']",
                              namespaces={"r": RNG[1:-1]})
    assert len(attribute) == 1  # required: no longer inside <optional>
    assert attribute[0].xpath("r:choice/r:value/text()", namespaces={"r": RNG[1:-1]}) == ["italic"]
