"""The checker on the editor's text: what it finds, and where each finding is placed."""

from __future__ import annotations

from pathlib import Path

from teikit.lsp.diagnose import check_text, place
from teikit.lsp.scan import Span, scan

TEI = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>'
       '<text><body>\n<p xml:id="é1"/> <ref target="#é1"/> <ref target="#é2"/>\n</body></text></TEI>')


def test_text_declared_in_another_encoding_is_read_as_the_editor_gave_it():
    diags, doc = check_text(TEI, Path("letter.xml"))
    assert doc is not None and "é1" in doc.ids
    assert [d.code for d in diags] == ["pointers.dangling"]
    lines = TEI.split("\n")
    span = place(diags[0], scan(TEI), lines)
    assert lines[span.line][span.start:span.end] == "#é2"


def test_xml_that_is_not_tei_gets_no_diagnostics():
    assert check_text('<project xmlns="http://maven.apache.org/POM/4.0.0"/>', Path("pom.xml")) == ([], None)


def test_a_parse_error_is_one_diagnostic_with_the_parsers_position():
    diags, doc = check_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<text>\n</TEI>", Path("x.xml"))
    assert doc is None and [d.code for d in diags] == ["input.unusable"] and diags[0].line == 3


def test_a_finding_without_a_quoted_value_spans_its_line_from_the_first_character():
    from teikit.diagnostics import Diagnostic, Severity

    diag = Diagnostic("x.xml", 2, None, Severity.ERROR, "notes.orphan", "a note nobody points at")
    assert place(diag, scan(""), ["<TEI>", "    <note>text</note>", "</TEI>"]) == Span(1, 4, 21)
