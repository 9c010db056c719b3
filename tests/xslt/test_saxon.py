"""teikit.saxon: captured result documents stay inside their output folder; messages become diagnostics."""

from __future__ import annotations

import pytest

from teikit import saxon
from teikit.diagnostics import Severity
from teikit.errors import ToolError

XSL = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="href" select="'a.txt'"/>
  <xsl:template match="/">
    <xsl:result-document href="{{$href}}" method="text">text &amp; more</xsl:result-document>
    <xsl:message>warning|demo.code|a &lt; b</xsl:message>
    <done/>
  </xsl:template>
</xsl:stylesheet>"""


@pytest.fixture
def stylesheet(tmp_path):
    path = tmp_path / "demo.xsl"
    path.write_text(XSL.format())
    return path


def test_captured_documents_are_returned_not_written(stylesheet, tmp_path):
    result = saxon.transform(stylesheet, b"<a/>", params={"href": "sub/a.txt"}, capture=True)
    assert result.documents == {"sub/a.txt": "text & more"}
    assert not (tmp_path / "sub").exists()


def test_structured_message_becomes_a_diagnostic(stylesheet):
    result = saxon.transform(stylesheet, b"<a/>", capture=True, source_name="in.xml")
    [diag] = result.messages
    assert (diag.severity, diag.code, diag.message) == (Severity.WARNING, "demo.code", "a < b")
    assert diag.file == "in.xml"


@pytest.mark.parametrize("href", ["../escape.txt", "/tmp/teikit-escape.txt", "sub/../../escape.txt"])
def test_a_document_outside_the_output_folder_is_refused(stylesheet, href):
    with pytest.raises(ToolError, match="outside its output folder"):
        saxon.transform(stylesheet, b"<a/>", params={"href": href}, capture=True)


def test_a_stylesheet_is_compiled_once(stylesheet):
    assert saxon.compile_stylesheet(stylesheet) is saxon.compile_stylesheet(stylesheet)
