"""teikit.xmlio: block indentation keeps every character of the text; safe reading refuses
what reaches outside the file and names what it refuses."""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from teikit import paths, xmlio

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><p>a <hi>b</hi> c</p><p><persName>D</persName></p></div></body></text></TEI>'  # noqa: E501


FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


# --- safe reading (the hostile corpus is in tests/security/) ---

import codecs  # noqa: E402

import pytest  # noqa: E402

from teikit.errors import InputError, UnsafeInputError  # noqa: E402


def test_a_doctype_with_an_external_id_is_accepted_and_the_dtd_never_read(tmp_path):
    dtd = tmp_path / "a.dtd"
    dtd.write_text('<!ATTLIST a from-dtd CDATA "yes">', encoding="utf-8")
    data = f'<!DOCTYPE a SYSTEM "{dtd.as_uri()}" [<!ATTLIST a n CDATA "default">]><a>x</a>'.encode()
    tree = xmlio.parse_bytes(data)
    assert tree.getroot().get("from-dtd") is None  # the external DTD is not read
    assert tree.getroot().get("n") == "default"  # the internal subset's default applies, as XML requires


@pytest.mark.parametrize("codec, bom", [
    ("utf-8", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
])
def test_without_doctype_keeps_lines_in_any_encoding(codec, bom):
    label = {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32"}[codec]
    text = (f'<?xml version="1.0" encoding="{label}"?>\n<!-- <!DOCTYPE decoy> -->\n'
            '<!DOCTYPE a SYSTEM "x.dtd" [\n<!-- ]> don\'t -->\n<!ATTLIST a n CDATA "1">\n]>\n<a>\u00e9</a>\n')
    data = bom + text.encode(codec)
    copy = xmlio.without_doctype(data, xmlio.parse_bytes(data))
    assert copy.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert b"DOCTYPE a" not in copy and b"ATTLIST" not in copy and b"<!-- <!DOCTYPE decoy> -->" in copy
    assert copy.decode("utf-8").count("\n") == text.count("\n")
    assert copy.decode("utf-8").splitlines()[6] == "<a>\u00e9</a>"


def test_serialize_for_xslt_drops_the_doctype_only():
    tree = xmlio.parse_bytes(b'<?pi a?><!DOCTYPE a SYSTEM "x.dtd"><!--c--><a xmlns="urn:x">t</a><!--z-->')
    assert xmlio.serialize_for_xslt(tree) == b'<?pi a?>\n<!--c-->\n<a xmlns="urn:x">t</a>\n<!--z-->'


def test_special_and_oversized_files_are_not_read(tmp_path, monkeypatch):
    fifo = tmp_path / "fifo.xml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        xmlio.read_bytes(fifo)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<a>" + b"x" * 100 + b"</a>")
    monkeypatch.setattr(xmlio, "MAX_INPUT_BYTES", 50)
    with pytest.raises(InputError, match="at most"):
        xmlio.read_bytes(big)


def test_utf16_without_bom_is_not_taken_for_binary():
    data = '<?xml version="1.0" encoding="UTF-16"?><a>x</a>'.encode("utf-16-be")
    assert xmlio.parse_bytes(data).getroot().text == "x"


def test_xinclude_is_refused_not_dropped():
    data = b'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="other.xml"/></a>'
    with pytest.raises(UnsafeInputError, match="XInclude") as caught:
        xmlio.parse_bytes(data, "book.xml")
    assert caught.value.line == 1


def test_xinclude_in_the_header_is_left_unread_not_refused():
    """IOSPE includes a shared encodingDesc into every inscription's header: metadata, not
    text; every inscription was refused. One in the text still is (above)."""
    data = (FIXTURES / "wild" / "header-xinclude.xml").read_bytes()
    tree = xmlio.parse_bytes(data, "3.140.xml")
    (unread,) = xmlio.header_inclusions(tree)
    assert unread.get("href") == "encoding-desc.xml" and unread.sourceline == 11
    in_text = data.replace(b"<lb n=\"2\"/>", b'<lb n="2"/><xi:include href="rest.xml"/>')
    with pytest.raises(UnsafeInputError, match="XInclude"):
        xmlio.parse_bytes(in_text, "3.140.xml")


@pytest.mark.parametrize("xml, says", [
    (b"<TEI.2/>", "TEI P4"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "XHTML page"),
    (b'<TEI xmlns="http://www.tei-c.org/ns/2.0"/>', "not in the TEI namespace"),
    (b"<TEI/>", "without a namespace"),
    (b'<book xmlns="urn:docbook"/>', "the root element is <book> in the namespace urn:docbook"),
    # the Shelley-Godwin Archive keeps each page apart, XIncluded by its document
    (b'<surface xmlns="http://www.tei-c.org/ns/1.0"/>', "a TEI element but not a whole document"),
])
def test_a_non_tei_root_is_named_with_what_is_expected(xml, says):
    with pytest.raises(InputError) as caught:
        xmlio.require_tei(xmlio.parse_bytes(xml), "f.xml")
    assert says in caught.value.message and "expected <TEI>" in caught.value.message
    assert ("p4top5" in (caught.value.hint or "")) == (says == "TEI P4")


def test_more_markup_than_the_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(xmlio, "MAX_MARKUP", 100)
    assert xmlio.parse_bytes(b"<a>" + b"<b/>" * 98 + b"</a>") is not None  # 100 "<": at the limit
    with pytest.raises(InputError, match="elements"):
        xmlio.parse_bytes(b"<a>" + b"<b/>" * 99 + b"</a>", "many.xml")


def test_serialize_for_xslt_of_an_inner_element_is_that_element():
    tree = xmlio.parse_bytes(b"<a><b>1</b><c>2</c></a>")
    assert xmlio.serialize_for_xslt(tree.getroot()[0]) == b"<b>1</b>"


@pytest.mark.parametrize(("data", "hint"), [
    # an element whose name holds "encoding" is a markup error, not an encoding one (the TEI
    # Stylesheets' testrend.xml was told to re-save the file in another encoding)
    (b"<TEI><teiHeader><encodingDesc><p></teiHeader></TEI>", "fix the markup"),
    (b'<?xml version="1.0" encoding="UTF-8"?><TEI>caf\xe9</TEI>', "save the file in the encoding"),
])
def test_a_markup_error_and_an_encoding_error_get_their_own_hints(data, hint):
    with pytest.raises(InputError) as caught:
        xmlio.parse_bytes(data, "x.xml")
    assert caught.value.hint and caught.value.hint.startswith(hint), caught.value.hint


def test_an_id_given_twice_is_named_as_such_not_as_bad_markup():
    """The TEI Stylesheets' tei_simplePrint.doc.xml gives xml:id="n7" twice: the file is
    well-formed, and the message says what is wrong and that `teikit check` lists them all."""
    data = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="n7"/>\n<p xml:id="n7"/></TEI>'
    with pytest.raises(InputError) as caught:
        xmlio.parse_bytes(data, "twice.xml")
    assert "'n7' is given to two elements" in caught.value.message and caught.value.line == 2
    assert "not well-formed" not in caught.value.message and "teikit check" in (caught.value.hint or "")
    assert xmlio.parse_bytes(data, "twice.xml", collect_ids=False) is not None  # the check reads it


def test_an_id_that_is_no_name_is_named_as_such_not_as_bad_markup():
    """Al-Muqtabas (OpenArabicPE) keeps xml:id="xi:include_1.d2e167" on its XInclude elements:
    well-formed XML, but no ID (a colon), and the message said "not well-formed"."""
    data = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p xml:id="xi:include_1.d2e167"/></TEI>'
    with pytest.raises(InputError) as caught:
        xmlio.parse_bytes(data, "colon.xml")
    assert caught.value.message.startswith("the xml:id 'xi:include_1.d2e167' is not a name an ID may have")
    assert caught.value.line == 2 and "not well-formed" not in caught.value.message
    assert "rename it" in (caught.value.hint or "")


@pytest.mark.parametrize("subset, body", [
    # parameter entities switching the DTD's modules on, as P4 files begin
    ("[<!ENTITY % TEI.prose 'INCLUDE'> <!ENTITY % TEI.names.dates 'INCLUDE'>]", "<text><p>x</p></text>"),
    ("[<!ENTITY mdash '&#x2014;'>]", "<text><p>a &mdash; b</p></text>"),
    ("", "<text><p>a &mdash; b</p></text>"),  # an entity only the DTD declares
])
def test_a_p4_document_with_entities_is_named_p4_first(subset, body):
    data = ('<?xml version="1.0"?>\n<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main Document Type//EN" '
            f'"tei2.dtd" {subset}>\n<TEI.2>{body}</TEI.2>').encode()
    with pytest.raises(InputError) as caught:
        xmlio.parse_bytes(data, "p4.xml")
    assert "TEI P4" in caught.value.message and "expected <TEI>" in caught.value.message, caught.value.message
    assert "p4top5" in (caught.value.hint or "")
    assert caught.value.line == 2 and caught.value.file == "p4.xml"
    assert not isinstance(caught.value, UnsafeInputError)


def test_a_p5_document_with_entities_is_still_refused_for_its_entities():
    data = b'<!DOCTYPE TEI [<!ENTITY x "y">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>'
    with pytest.raises(UnsafeInputError, match="entit"):
        xmlio.parse_bytes(data, "p5.xml")


P5_SWITCHES = ('<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "../DTD/tei.dtd" [\n'
               '<!ENTITY % TEI.core "INCLUDE">\n<!-- the modules -->\n'
               '<!ENTITY % TEI.drama \'INCLUDE\'>\n ]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
               '<text><body><p>Enter Hamlet.</p></body></text></TEI>')


def test_a_p5_document_whose_doctype_only_switches_dtd_modules_on_is_read():
    """The TEI's own test files (testcorpus.xml, testdrama.xml) and DTD-era P5 files declare
    parameter entities switching the DTD's modules on, which only the DTD (never read) could
    use: the file was refused for entities though its text uses none."""
    tree = xmlio.parse_bytes(P5_SWITCHES.encode(), "switches.xml")
    assert "".join(tree.getroot().itertext()) == "Enter Hamlet."


@pytest.mark.parametrize("subset", [
    '<!ENTITY % d "<!ENTITY b \'x\'>"> %d;',  # referenced: it expands inside the subset
    '<!ENTITY % ext SYSTEM "file:///etc/passwd">',  # external, even unreferenced
    '<!ENTITY % a "INCLUDE"> <!ENTITY b "text">',  # a general entity beside it
    '<!ENTITY % a "<!ENTITY b \'x\'>">',  # markup in its value
    '<!ENTITY x SYSTEM "file:///etc/passwd">',  # a switch written in a comment before the DOCTYPE
])
def test_a_doctype_with_anything_more_than_dtd_switches_is_still_refused(subset):
    data = ('<!-- <!DOCTYPE TEI [<!ENTITY % x "INCLUDE">]> -->\n<!DOCTYPE TEI [' + subset + ']>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p>'
            '</body></text></TEI>').encode()
    with pytest.raises(InputError):
        xmlio.parse_bytes(data, "p5.xml")
