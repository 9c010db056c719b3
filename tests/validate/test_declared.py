"""What a file declares in <?xml-model?>: each declared schema run once, every declaration
teikit cannot follow said at its line with what to do (validate --schema auto)."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate.runner import validate_paths

TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>"
          "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>")
BODY = f'<TEI xmlns="{TEI}">{HEADER}<text><body><p>x</p></body></text></TEI>\n'
# A grammar that allows any TEI document but holds one Schematron rule, as an ODD-generated
# grammar does: "no div".
GRAMMAR = f"""<grammar xmlns="{RNG}" xmlns:sch="{SCH}">
  <start><ref name="any"/></start>
  <define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>
    <ref name="any"/></choice></zeroOrMore></element>
    <sch:pattern><sch:rule context="*:div"><sch:assert test="false()" id="no-div">no div</sch:assert>
    </sch:rule></sch:pattern></define>
</grammar>
"""


def _model(href: str, ns: str | None = None, mime: str | None = None) -> str:
    extra = (f' type="{mime}"' if mime else "") + (f' schematypens="{ns}"' if ns else "")
    return f'<?xml-model href="{href}"{extra}?>\n'


def _edition(tmp_path: Path) -> Path:
    """A project laid out as most are: the TEI in data/, the schema in a sibling schema/."""
    (tmp_path / "teikit.toml").write_text('[edition]\ntei = ["data"]\n', "utf-8")
    (tmp_path / "schema").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "schema" / "project.rng").write_text(GRAMMAR, "utf-8")
    return tmp_path / "data"


def _auto(*files: Path):
    return validate_paths(files, "auto", cache_dir=None).diagnostics


@pytest.mark.parametrize("engine", ["jing", "lxml"])
def test_a_grammar_declared_as_relax_ng_and_as_schematron_is_run_once(tmp_path, engine):
    # Corpus Coranicum and every oXygen/ODD-generated file declare one .rng twice: as RELAX NG,
    # and as Schematron (the rules embedded in it). Each finding was reported twice.
    data = _edition(tmp_path)
    doc = data / "twice.xml"
    doc.write_text(_model("../schema/project.rng", RNG) + _model("../schema/project.rng", SCH)
                   + BODY.replace("<p>x</p>", "<div><p>x</p></div>"), "utf-8")
    found = validate_paths([doc], "auto", cache_dir=None, engine=engine).diagnostics
    assert [(d.code, d.line) for d in found] == [("no-div", 3)]


def test_a_schematron_named_otherwise_is_known_by_its_root(tmp_path):
    data = _edition(tmp_path)
    (tmp_path / "schema" / "rules.isosch").write_text(
        f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="t" uri="{TEI}"/><pattern>'
        '<rule context="t:body/t:p"><assert test="false()" id="no-body-p">no p</assert></rule>'
        "</pattern></schema>", "utf-8")
    doc = data / "isosch.xml"
    doc.write_text(_model("../schema/rules.isosch", SCH) + BODY, "utf-8")
    found = _auto(doc)
    # not "declares no schema"; and, as it names no grammar, that its structure goes unchecked
    assert [d.code for d in found] == ["no-body-p", "validate.schematron-only"]
    assert "--schema tei_all" in (found[1].hint or "")


@pytest.mark.parametrize("href, mime, said, todo", [
    ("../schema/project.odd", None, "an ODD", "odd2relax"),
])
def test_a_schema_teikit_cannot_run_is_named_at_its_line(tmp_path, href, mime, said, todo):
    data = _edition(tmp_path)
    (tmp_path / "schema" / Path(href).name).write_text("default namespace = ''\n", "utf-8")
    doc = data / "declared.xml"
    doc.write_text('<?xml version="1.0"?>\n' + _model(href, mime=mime) + BODY, "utf-8")
    [note] = _auto(doc)
    assert (note.code, note.line) == ("validate.declared-unavailable", 2)
    assert said in note.message and "tei_all" in note.message and todo in (note.hint or "")


def test_a_missing_schema_says_where_it_was_looked_for(tmp_path):
    data = _edition(tmp_path)
    doc = data / "missing.xml"
    doc.write_text(_model("../schemas/project.rng", RNG) + BODY, "utf-8")
    [note] = _auto(doc)
    assert note.line == 1 and str(tmp_path / "schemas" / "project.rng") in note.message
    assert note.hint and "declared location" in note.hint and note.message.endswith("tei_all instead")


def test_a_schema_outside_the_edition_says_how_to_make_it_inside(tmp_path):
    # without a teikit.toml the edition's folder is the file's own: the sibling schema/ folder
    # is not read, and the hint says what makes it readable
    data = _edition(tmp_path)
    (tmp_path / "teikit.toml").unlink()
    doc = data / "outside.xml"
    doc.write_text(_model("../schema/project.rng", RNG) + BODY.replace("<p>x</p>", "<div><p>x</p></div>"),
                   "utf-8")
    [note] = _auto(doc)
    assert note.code == "validate.declared-unavailable" and note.line == 1
    assert "teikit.toml" in (note.hint or "")


def test_a_tei_schema_other_than_tei_all_is_said_to_be_validated_more_loosely(tmp_path):
    doc = tmp_path / "lite.xml"
    url = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_lite.rng"
    doc.write_text(_model(url, RNG) + BODY, "utf-8")
    [note] = _auto(doc)
    assert "tei_lite.rng" in note.message and "allows more" in note.message
    assert 'schema = "schema/tei_lite.rng"' in (note.hint or "")


def test_an_xsd_named_in_xsi_schema_location_is_the_grammar_beside_a_schematron(tmp_path):
    # the Schnitzler letters: <?xml-model?> names their Schematron, xsi:schemaLocation their XSD
    data = _edition(tmp_path)
    (tmp_path / "schema" / "rules.sch").write_text(
        f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="t" uri="{TEI}"/><pattern>'
        '<rule context="t:body"><assert test="t:p" id="body-p">a body has p</assert></rule>'
        "</pattern></schema>", "utf-8")
    (tmp_path / "schema" / "letter.xsd").write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{TEI}" '
        'elementFormDefault="qualified"><xs:element name="TEI"/></xs:schema>', "utf-8")
    doc = data / "letter.xml"
    xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    doc.write_text(_model("../schema/rules.sch", SCH)
                   + BODY.replace(f'<TEI xmlns="{TEI}">', f'<TEI xmlns="{TEI}" {xsi} '
                                  f'xsi:schemaLocation="{TEI} ../schema/letter.xsd">'), "utf-8")
    report = validate_paths([doc], "auto", cache_dir=None)
    assert report.diagnostics == [] and sorted(report.schemas) == ["letter.xsd", "rules.sch"]


def test_a_declared_xsd_libxml2_cannot_compile_is_said_and_the_rest_still_runs(tmp_path):
    data = _edition(tmp_path)
    (tmp_path / "schema" / "rules.sch").write_text(
        f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="t" uri="{TEI}"/><pattern>'
        '<rule context="t:body"><assert test="t:div" id="body-div">a body has div</assert></rule>'
        "</pattern></schema>", "utf-8")
    # maxOccurs="unbounded" inside xs:all is XSD 1.1, which libxml2 refuses (as the ODD-made
    # XSD of the Schnitzler letters)
    (tmp_path / "schema" / "letter.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="x"><xs:complexType>'
        '<xs:all><xs:element name="y" maxOccurs="unbounded"/></xs:all></xs:complexType></xs:element>'
        "</xs:schema>", "utf-8")
    doc = data / "letter.xml"
    xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    doc.write_text(_model("../schema/rules.sch", SCH)
                   + BODY.replace(f'<TEI xmlns="{TEI}">', f'<TEI xmlns="{TEI}" {xsi} '
                                  f'xsi:schemaLocation="{TEI} ../schema/letter.xsd">'), "utf-8")
    found = _auto(doc)  # before: no report at all, exit 2 ("cannot compile the XML Schema schema")
    assert [d.code for d in found] == ["body-div", "validate.declared-unavailable",
                                       "validate.schematron-only"]
    assert "cannot be compiled" in found[1].message and "line" in found[1].message


COMPACT = ('default namespace = "http://www.tei-c.org/ns/1.0"\n'
           "start = element TEI { element teiHeader { any* },\n"
           "  element text { element body { element p { text }+ } } }\n"
           "any = element * { (attribute * { text } | text | any)* }\n")


def test_a_compact_schema_is_run_by_jing_where_declared_or_given(tmp_path):
    # RELAX NG in the compact syntax (.rnc, declared by older projects): Jing reads it (-c);
    # it was said to be unusable, and the file validated against tei_all instead
    data = _edition(tmp_path)
    (tmp_path / "schema" / "project.rnc").write_text(COMPACT, "utf-8")
    doc = data / "compact.xml"
    declared = _model("../schema/project.rnc", mime="application/relax-ng-compact-syntax")
    doc.write_text('<?xml version="1.0"?>\n' + declared + BODY.replace("</body>", "\n<div/></body>"), "utf-8")
    found = _auto(doc)
    assert [(d.code, d.line) for d in found] == [("rng.project", 4)]
    assert 'element "div" not allowed' in found[0].message
    given = validate_paths([str(doc)], schema=str(tmp_path / "schema" / "project.rnc"))
    assert [d.code for d in given.diagnostics] == ["rng.project"]


def test_a_compact_schema_reading_the_network_is_refused(tmp_path):
    from teikit.errors import InputError

    schema = tmp_path / "remote.rnc"
    schema.write_text('include "http://example.org/tei_all.rnc"\n' + COMPACT.split("\n", 1)[1], "utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(BODY, "utf-8")
    with pytest.raises(InputError) as caught:
        validate_paths([str(doc)], schema=str(schema))
    assert caught.value.line == 1 and "does not read the network" in caught.value.message
