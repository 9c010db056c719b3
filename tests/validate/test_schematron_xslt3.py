"""Schematron in XPath 2.0 and later (queryBinding xslt2, xslt3, ...), run on Saxon:
teikit.validate.schematron_xslt3."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.cli import cli
from teikit.errors import InputError
from teikit.validate import lxml_engines, schematron_xslt3
from teikit.validate.documents import Document
from tests.validate.conftest import OTHER

SCH = 'xmlns="http://purl.oclc.org/dsdl/schematron"'

LETTERS = """<?xml version="1.0" encoding="UTF-8"?>
<letters xmlns="urn:example:letters">
  <letter n="1" date="1928-01-01">
    <from>Bazhanov</from>
    <to>Stalin</to>
  </letter>
  <letter n="2" date="1928-13-01">
    <from>Stalin</from>
    <to>Stalin</to>
  </letter>
  <letter n="x" date="1929-02-02">
    <from>Trotsky</from>
    <to>Bazhanov</to>
  </letter>
</letters>
"""


def _doc(tmp_path: Path, text: str = LETTERS) -> Document:
    path = tmp_path / "letters.xml"
    path.write_text(text, encoding="utf-8")
    return Document(path=path, tree=etree.parse(str(path)), name=str(path))


def _schema(tmp_path: Path, body: str, binding: str = "xslt2", extra: str = "") -> Path:
    path = tmp_path / "rules.sch"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n'
                    f'<schema {SCH} queryBinding="{binding}" {extra}>\n'
                    f'<ns prefix="l" uri="urn:example:letters"/>\n{body}\n</schema>\n', encoding="utf-8")
    return path


def _found(tmp_path: Path, body: str, **kw: str) -> list[tuple[int | None, str, str, str]]:
    doc = _doc(tmp_path)
    diags = schematron_xslt3.validate(_schema(tmp_path, body, **kw), doc, "sch.rules")
    return [(d.line, d.severity.value, d.code, d.message) for d in diags]


@pytest.mark.parametrize("binding", sorted(schematron_xslt3.BINDINGS))
def test_xpath_2_and_later_rules_are_run_with_source_lines(tmp_path, binding):
    found = _found(tmp_path, """<pattern><rule context="l:letter">
      <assert id="date" test="@date castable as xs:date"
        >The date <value-of select="@date"/> is no date.</assert>
      <report role="warning" test="l:from = l:to">A letter from <name/> to oneself.</report>
    </rule></pattern>""", binding=binding)
    assert found == [(7, "error", "date", "The date 1928-13-01 is no date."),
                     (7, "warning", "sch.rules", "A letter from letter to oneself.")]


def test_a_patterns_first_matching_rule_fires_and_each_pattern_sees_every_node(tmp_path):
    found = _found(tmp_path, """
    <pattern id="first">
      <rule context="l:letter[@n = '1']"><report test="true()">first rule</report></rule>
      <rule context="l:letter"><report test="true()">second rule <value-of select="@n"/></report></rule>
    </pattern>
    <pattern id="attributes">
      <rule context="@n">
        <assert test=". castable as xs:integer">@n <value-of select="."/> is no number</assert>
      </rule>
    </pattern>""")
    assert [(line, message) for line, _, _, message in found] == [
        (3, "first rule"), (7, "second rule 2"), (11, "second rule x"), (11, "@n x is no number")]


def test_lets_diagnostics_subject_and_functions(tmp_path):
    found = _found(tmp_path, """
    <let name="sender" value="'Stalin'"/>
    <xsl:function xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:f"
        name="f:year" as="xs:string">
      <xsl:param name="d"/><xsl:sequence select="substring($d, 1, 4)"/>
    </xsl:function>
    <pattern><rule context="l:letter" subject="l:to">
      <let name="year" value="f:year(@date)" xmlns:f="urn:f"/>
      <report test="l:from = $sender" diagnostics="d1"
        >Sent by <value-of select="$sender"/> in <value-of select="$year"/>.</report>
    </rule></pattern>
    <diagnostics><diagnostic id="d1">To <value-of select="l:to"/>.</diagnostic></diagnostics>""",
                   extra='xmlns:f="urn:f"')
    assert [(line, message) for line, _, _, message in found] == [(9, "Sent by Stalin in 1928. To Stalin.")]


def test_abstract_rules_abstract_patterns_and_the_default_phase(tmp_path):
    body = """
    <phase id="dates"><active pattern="when"/></phase>
    <phase id="all"><active pattern="when"/><active pattern="people"/></phase>
    <pattern id="when"><rule context="l:letter"><extends rule="dated"/></rule></pattern>
    <pattern abstract="true" id="named"><rule context="$element">
      <assert test="normalize-space(.)">empty <name/> ($element: text is no parameter)</assert>
    </rule></pattern>
    <pattern id="people" is-a="named"><param name="element" value="l:from"/></pattern>
    <pattern><rule abstract="true" id="dated">
      <assert test="@date castable as xs:date">bad date</assert>
    </rule></pattern>
    """
    assert [m for *_, m in _found(tmp_path, body, extra='defaultPhase="dates"')] == ["bad date"]
    path = _schema(tmp_path, body.replace("Stalin", ""), extra='defaultPhase="all"')
    text = LETTERS.replace("<from>Trotsky</from>", "<from> </from>")
    diags = schematron_xslt3.validate(path, _doc(tmp_path, text), "sch")
    assert [(d.line, d.message) for d in diags] == [
        (7, "bad date"), (12, "empty from ($element: text is no parameter)")]


def test_includes_beside_the_schema(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "rule.sch").write_text(
        f'<pattern {SCH}><rule context="l:letter">'
        '<assert test="@n castable as xs:integer">n</assert></rule></pattern>')
    found = _found(tmp_path, '<include href="parts/rule.sch"/>')
    assert [(line, m) for line, _, _, m in found] == [(11, "n")]
    # a rule that extends the rule of a file (Schematron 2016: extends/@href)
    (tmp_path / "parts" / "dated.sch").write_text(
        f'<rule {SCH}><assert test="@date castable as xs:date">bad date</assert></rule>')
    found = _found(tmp_path, '<pattern><rule context="l:letter"><extends href="parts/dated.sch"/>'
                             '<report test="@n = \'x\'">x</report></rule></pattern>')
    assert [(line, m) for line, _, _, m in found] == [(7, "bad date"), (11, "x")]


RULE = '<pattern><rule context="l:letter">{}</rule></pattern>'


@pytest.mark.parametrize("body, said", [
    (RULE.format('<assert test="doc(\'/etc/passwd\')">x</assert>'), "doc("),
    (RULE.format('<report test="unparsed-text(\'a.txt\') = \'\'">x</report>'), "unparsed-text("),
    (RULE.format('<let name="c" value="collection(\'.\')"/>'), "collection("),
    ('<xsl:include xmlns:xsl="http://www.w3.org/1999/XSL/Transform" href="other.xsl"/>', "xsl:include"),
    ('<include href="../outside.sch"/>', "not a file beside or below it"),
    ('<include href="file:///etc/passwd"/>', "not a file beside or below it"),
])
def test_a_schema_that_would_read_other_files_is_refused(tmp_path, body, said):
    (tmp_path / "outside.sch").write_text(f'<pattern {SCH}/>')
    (tmp_path / "in").mkdir()
    path = _schema(tmp_path / "in", body)
    with pytest.raises(InputError) as caught:
        schematron_xslt3.validate(path, _doc(tmp_path), "sch")
    assert said in caught.value.message and caught.value.file == str(path)


def test_an_xpath_error_is_said_at_the_rules_line_in_the_schema(tmp_path):
    path = _schema(tmp_path, """<pattern>
      <rule context="l:letter">
        <assert test="@n + 'a' = 1">sum</assert>
      </rule></pattern>""")
    with pytest.raises(InputError) as caught:
        schematron_xslt3.validate(path, _doc(tmp_path), "sch")
    assert caught.value.line == 6 and "XPTY0004" in caught.value.message


def test_an_xpath_1_schema_finds_the_same_on_either_engine(tmp_path):
    doc = Document(path=OTHER / "letter-bad.xml", tree=etree.parse(str(OTHER / "letter-bad.xml")),
                   name="letter-bad.xml")
    copy = tmp_path / "letter2.sch"
    copy.write_text((OTHER / "letter.sch").read_text().replace('queryBinding="xslt"', 'queryBinding="xslt2"'))
    on_libxslt = lxml_engines.validate_schematron(OTHER / "letter.sch", doc, "sch")
    on_saxon = lxml_engines.validate_schematron(copy, doc, "sch")
    key = lambda d: (d.line, d.severity, d.code, d.message)  # noqa: E731
    assert [key(d) for d in on_saxon] == [key(d) for d in on_libxslt] and on_libxslt


def test_teikit_validate_runs_an_xpath2_schema():
    ok = CliRunner().invoke(cli, ["validate", "--no-cache", "--schema", str(OTHER / "xpath2.sch"),
                                  str(OTHER / "letter-good.xml")])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["validate", "--no-cache", "--schema", str(OTHER / "xpath2.sch"),
                                   str(OTHER / "letter-stalin.xml")])
    assert bad.exit_code == 1 and "letter-stalin.xml:2: error: From B. [sch.xpath2]" in bad.output, bad.output


def test_an_unknown_query_binding_is_refused_clearly(tmp_path):
    path = _schema(tmp_path, "<pattern/>", binding="stx")
    result = CliRunner().invoke(cli, ["validate", "--no-cache", "--schema", str(path),
                                      str(OTHER / "letter-good.xml")])
    assert result.exit_code == 2 and 'queryBinding="stx" is not supported' in result.output


GRAMMAR = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    ns="urn:example:letters">
  <sch:ns prefix="l" uri="urn:example:letters"/>
  <start><element name="letters"><oneOrMore><ref name="letter"/></oneOrMore></element></start>
  <define name="letter">
    <element name="letter">
      <sch:pattern><sch:rule context="l:letter">
        <sch:assert test="@date castable as xs:date">{message}</sch:assert>
      </sch:rule></sch:pattern>
      <attribute name="n"/><attribute name="date"/><element name="from"><text/></element>
      <element name="to"><text/></element>
    </element>
  </define>
</grammar>
"""


def test_the_schematron_embedded_in_a_relax_ng_grammar_runs_after_it(tmp_path):
    from teikit.validate import schemas

    (tmp_path / "letters.rng").write_text(GRAMMAR.format(message="no date"))
    assert [s.kind for s in schemas.resolve(str(tmp_path / "letters.rng"))] == ["relaxng", "schematron"]
    result = CliRunner().invoke(cli, ["validate", "--no-cache", "--schema", str(tmp_path / "letters.rng"),
                                      str(_doc(tmp_path).path)])
    assert result.exit_code == 1, result.output
    assert "letters.xml:7: error: no date [sch.letters]" in result.output
    # a grammar that includes it and replaces the definition replaces its rule with it
    (tmp_path / "custom.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="letters.rng">'
        '<define name="letter"><element name="letter"><text/></element></define></include></grammar>')
    assert [s.kind for s in schemas.resolve(str(tmp_path / "custom.rng"))] == ["relaxng"]
    plain = GRAMMAR.replace("<sch:pattern>", "<!--").replace("</sch:pattern>", "-->")
    (tmp_path / "plain.rng").write_text(plain)
    assert schemas.embedded_schematron(tmp_path / "plain.rng") is None


def test_many_documents_are_divided_among_forked_processes_with_the_same_findings(tmp_path):
    # a process of its own: the forked workers run Saxon, this process never does (it may not
    # fork once it has); with --jobs 1 it runs the rules itself
    import subprocess
    import sys

    for i in range(6):
        (tmp_path / f"l{i}.xml").write_text(LETTERS.replace('n="x"', f'n="x{i}"'))
    schema = _schema(tmp_path, """<pattern><rule context="@n">
        <assert test=". castable as xs:integer">@n <value-of select="."/> is no number</assert>
      </rule></pattern>""")
    script = f"""
from teikit import saxon
from teikit.validate import runner
runner.PARALLEL_DOCUMENTS = 2  # six documents: three processes
files = [{str(tmp_path)!r}]
two = runner.validate_paths(files, {str(schema)!r}, cache_dir=None, jobs=3)
assert not saxon.started(), "this process ran the rules"
one = runner.validate_paths(files, {str(schema)!r}, cache_dir=None, jobs=1)
assert saxon.started()
assert [d.render() for d in two.diagnostics] == [d.render() for d in one.diagnostics]
assert len(one.diagnostics) == 6 and "@n x5 is no number" in one.diagnostics[-1].message
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


def test_a_dynamic_error_is_said_of_its_node_and_the_rest_is_still_checked(tmp_path):
    found = _found(tmp_path, """<pattern><rule context="l:letter">
      <assert test="xs:date(@date) lt xs:date('1929-01-01')">too late</assert>
    </rule></pattern>""")
    assert [(line, code) for line, _, code, _ in found] == [(7, "sch.evaluation-error"), (11, "sch.rules")]
    assert "assert at line 5 cannot be evaluated here: err:FORG0001 Invalid date" in found[0][3]


def test_a_large_document_is_run_in_a_child_that_freed_its_tree(tmp_path):
    # a process of its own, as above: with every document large, Saxon runs only in children
    import subprocess
    import sys

    doc = _doc(tmp_path)
    schema = _schema(tmp_path, """<pattern><rule context="l:letter">
      <assert test="@date castable as xs:date">The date <value-of select="@date"/> is no date.</assert>
    </rule></pattern>""")
    script = f"""
from pathlib import Path
from lxml import etree
from teikit import saxon
from teikit.validate import schematron_xslt3
from teikit.validate.documents import Document

doc = Document(path=Path({str(doc.path)!r}), tree=etree.parse({str(doc.path)!r}), name="letters.xml")
schematron_xslt3.LARGE = 1
large = schematron_xslt3.validate(Path({str(schema)!r}), doc, "sch")
assert not saxon.started(), "this process ran Saxon"
assert doc.tree.getroot().tag.endswith("letters"), "this process's tree was freed"
schematron_xslt3.LARGE = 10 ** 12
small = schematron_xslt3.validate(Path({str(schema)!r}), doc, "sch")
assert [d.render() for d in large] == [d.render() for d in small] and len(small) == 1, (large, small)
assert small[0].line == 7
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


def test_patterns_may_name_their_lets_alike(tmp_path):
    found = _found(tmp_path, """
    <pattern><let name="who" value="'Stalin'"/>
      <rule context="l:from"><report test=". = $who">from <value-of select="$who"/></report></rule></pattern>
    <pattern><let name="who" value="count(//l:letter)"/>
      <rule context="l:letters">
        <report test="$who = 3"><value-of select="$who"/> letters</report>
      </rule></pattern>""")
    assert [(line, m) for line, _, _, m in found] == [(8, "from Stalin"), (2, "3 letters")]


def test_a_findings_path_is_the_one_xpath_path_gives(tmp_path):
    # teikit numbers each parent's children once (path() counted the preceding siblings for
    # every finding: 40,000 findings among 40,000 siblings took 50 s); the paths are path()'s
    doc = _doc(tmp_path)
    schema = _schema(tmp_path, """<pattern><rule context="l:letter | l:to | @n">
      <report test="true()"><value-of select="path(.)"/></report></rule></pattern>""")
    said = schematron_xslt3.validate(schema, doc, "sch")
    assert len(said) == 9
    assert [d.xpath for d in said] == [schematron_xslt3.readable(d.message) for d in said]
    assert said[1].xpath == "/letters[1]/letter[1]/@n" and said[2].line == 5
