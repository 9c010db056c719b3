"""Columns of check's diagnostics: the element's start tag, or the pointer's attribute, found
on its line (also in a file written on one line); from an editor's buffer when one is given."""

from __future__ import annotations

from teikit import xmlio
from teikit.check import check_paths
from teikit.check.model import Document

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
       '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>'
       '<text><body><p><ref target="#a">one</ref> <ref target="#nowhere">two</ref></p></body></text></TEI>')


def test_a_one_line_file_gets_the_column_of_the_second_ref_attribute(tmp_path):
    path = tmp_path / "one-line.xml"
    path.write_text(TEI.replace('target="#a"', 'xml:id="a" target="#a"'), encoding="utf-8")
    [d] = [d for d in check_paths([path]).diagnostics if d.code == "pointers.dangling"]
    line = path.read_text(encoding="utf-8").splitlines()[0]
    assert (d.line, d.column) == (1, line.index('target="#nowhere"') + 1)


def test_an_editors_buffer_gives_the_columns_not_the_file_on_disk(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text("stale text on disk\n", encoding="utf-8")
    buffer = ("\n" + "    " + TEI).encode("utf-8")  # unsaved: indented on line 2
    doc = Document(path=path, name="doc.xml", tree=xmlio.parse_bytes(buffer, "doc.xml", collect_ids=False))
    doc.use_source(buffer)
    ref = doc.tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}ref")
    assert doc.column_of(ref) == buffer.decode().splitlines()[1].index("<ref") + 1


def test_what_columns_keep_is_let_go_once_a_documents_diagnostics_are_made(tmp_path):
    # a collection kept every file's lines and elements-by-line to the end: Corpus Coranicum's
    # 2,323 manuscripts peaked at 1.70 GB, 577 MB of it this
    from teikit.check import _rules_on
    from teikit.check.context import Context
    from teikit.check.model import DocumentSet

    path = tmp_path / "doc.xml"
    path.write_text(TEI, encoding="utf-8")
    docs = DocumentSet()
    doc = docs.add(path, "doc.xml")
    [d] = [d for d in _rules_on(Context(docs), doc) if "#nowhere" in d.message]
    assert d.column == TEI.index('target="#nowhere"') + 1
    assert doc._lines is None and doc._starts is None and doc._columns == {}
    assert doc.column_of(doc.tree.getroot()) == 1  # asked again, read again
