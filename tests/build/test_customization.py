"""An edition's customization stylesheet is confined like its data: one that would read a
local file, the environment or a string as code is refused before it runs (exit 2), unless the
project says it trusts its stylesheets (teikit.build.customization, docs/security.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.build.customization import check_confined
from teikit.cli import cli
from teikit.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini-edition.xml"
HEAD = ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:tk="urn:teikit:xslt" xmlns:fn="http://www.w3.org/2005/xpath-functions">'
        '<xsl:import href="teikit:html/html.xsl"/>\n')
PAGE = '<xsl:template match=".[. = \'pages\']" mode="tk:page-content">{}</xsl:template>'

HOSTILE = {
    "unparsed-text": PAGE.format('<p><xsl:value-of select="unparsed-text(\'file:///etc/passwd\')"/></p>'),
    "prefixed": PAGE.format('<p><xsl:value-of select="fn:unparsed-text-lines(\'/etc/hosts\')"/></p>'),
    "EQName and comment": PAGE.format(
        '<p><xsl:value-of select="Q{http://www.w3.org/2005/xpath-functions}doc (: x :) (\'/x.xml\')"/></p>'),
    "document": PAGE.format('<xsl:copy-of select="document(\'/etc/fonts/fonts.conf\')"/>'),
    "collection": PAGE.format('<xsl:copy-of select="collection(\'file:///home/?select=*.xml\')"/>'),
    "json-doc": PAGE.format('<xsl:copy-of select="json-doc(\'/etc/x.json\')"/>'),
    "function item": PAGE.format('<xsl:value-of select="let $f := unparsed-text#1 return $f(\'/e\')"/>'),
    "function-lookup": PAGE.format(
        '<xsl:value-of select="function-lookup(xs:QName(\'fn:unparsed-\' || \'text\'), 1)(\'/e\')"/>'),
    "environment": PAGE.format('<p><xsl:value-of select="available-environment-variables()"/></p>'),
    "attribute value template": PAGE.format('<p title="{unparsed-text(\'/etc/passwd\')}">x</p>'),
    "text value template": PAGE.format('<p xsl:expand-text="yes">{unparsed-text(\'/etc/passwd\')}</p>'),
    "use-when": '<xsl:variable name="v" select="1" use-when="doc-available(\'/etc/passwd.xml\')"/>',
    "evaluate": PAGE.format('<xsl:evaluate xpath="\'unparsed-\' || \'text(&quot;/etc/passwd&quot;)\'"/>'),
    "source-document": PAGE.format('<xsl:source-document href="/etc/x.xml"><p/></xsl:source-document>'),
    "shadow attribute": PAGE.format('<xsl:value-of _select="{\'unparsed-\' || \'text(&quot;/e&quot;)\'}"/>'),
    "result-document": PAGE.format('<xsl:result-document href="file:///tmp/x.html">x</xsl:result-document>'),
    "saxon extension": '<xsl:output saxon:next-in-chain="/tmp/x.xsl" xmlns:saxon="http://saxon.sf.net/"/>',
    "absolute include": '<xsl:include href="file:///etc/other.xsl"/>',
    "include outside": '<xsl:include href="../other.xsl"/>',
}


def _write(folder: Path, body: str, name: str = "custom.xsl") -> Path:
    path = folder / name
    path.write_text(HEAD + body + "</xsl:stylesheet>", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_customization_that_reads_anything_but_the_edition_is_refused(tmp_path, case):
    folder = tmp_path / "edition"
    folder.mkdir()
    with pytest.raises(InputError) as caught:
        check_confined(_write(folder, HOSTILE[case]))
    assert caught.value.line == 2 and "trust-stylesheets" in (caught.value.hint or "")


def test_an_included_stylesheet_of_the_edition_is_read_too(tmp_path):
    _write(tmp_path, HOSTILE["unparsed-text"], "part.xsl")
    with pytest.raises(InputError) as caught:
        check_confined(_write(tmp_path, '<xsl:include href="part.xsl"/>'))
    assert str(caught.value.file).endswith("part.xsl") and "unparsed-text()" in caught.value.message


def test_text_that_only_mentions_a_document_is_not_refused(tmp_path):
    # words in the page's text, a variable named $doc, a function of the edition's own
    body = (PAGE.format('<p>See the document (below) and doc(1).</p><xsl:value-of select="$doc"/>')
            + '<xsl:variable name="doc" select="my-doc(1)"/>'
            + '<xsl:function name="tk:x"><xsl:sequence select="1"/></xsl:function>')
    check_confined(_write(tmp_path, body))


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    (tmp_path / "tei").mkdir()
    shutil.copyfile(MINI, tmp_path / "tei" / "mini.xml")
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("SECRET-CONTENT-42", encoding="utf-8")
    leak = f'<p id="leak"><xsl:value-of select="unparsed-text(\'{secret.as_uri()}\')"/></p>'
    _write(tmp_path, PAGE.format(leak))
    (tmp_path / "teikit.toml").write_text(
        '[edition]\ntei = ["tei/mini.xml"]\noutput = "site"\n[build]\nhtml-stylesheet = "custom.xsl"\n')
    return tmp_path


def test_build_with_a_reading_customization_stops_before_it_runs(hostile_project, monkeypatch):
    monkeypatch.chdir(hostile_project)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 2, result.output
    assert "custom.xsl:2" in result.output and "unparsed-text()" in result.output
    assert not (hostile_project / "site" / "html").exists()


def test_a_project_that_trusts_its_stylesheets_runs_them(hostile_project, monkeypatch):
    toml = hostile_project / "teikit.toml"
    toml.write_text(toml.read_text() + "trust-stylesheets = true\n")
    monkeypatch.chdir(hostile_project)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output
    assert "SECRET-CONTENT-42" in (hostile_project / "site" / "html" / "pages.html").read_text()
