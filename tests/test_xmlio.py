"""teikit.xmlio: block indentation keeps every character of the text."""

from __future__ import annotations

from lxml import etree

from teikit import paths, xmlio

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>a <hi>b</hi> c</p><p><persName>D</persName></p></div></body></text></TEI>'  # noqa: E501


def _text_of(root: etree._Element) -> list[str]:
    """Non-whitespace text of every element, in document order."""
    return [t for t in root.itertext() if t.strip()]


def test_indent_blocks_puts_blocks_on_lines_and_keeps_mixed_content():
    root = etree.fromstring(TEI)
    before = etree.tostring(root.find(".//{*}p"))
    xmlio.indent_blocks(root)
    out = etree.tostring(root, encoding="unicode")
    assert "\n      <div>" in out or "\n        <div>" in out
    # mixed content (p) is untouched, also a p that holds only an element
    assert etree.tostring(root.find(".//{*}p")).startswith(before.split(b"</p>")[0])
    assert "<p><persName>D</persName></p>" in out
    assert _text_of(root) == _text_of(etree.fromstring(TEI))


def test_edition_is_written_one_block_per_line():
    tree = xmlio.parse_file(paths.EDITION)
    chapters = [d for d in tree.getroot().iter(f"{{{xmlio.TEI_NS}}}div") if d.get("type") == "chapter"]
    # each chapter starts on a line of its own, so diagnostics can name distinct lines
    assert len({d.sourceline for d in chapters}) == len(chapters) == 17
