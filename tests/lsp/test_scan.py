"""The scanner finds exactly the ids and pointers the checker's parser finds, on real TEI by
other projects and on the memoir, and places each at the characters that spell it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teikit import paths, xmlio
from teikit.check.model import Document
from teikit.lsp.scan import _blank_inert, scan, typed_value


def _compare(path: Path) -> None:
    doc = Document.load(path)
    text = path.read_text(encoding="utf-8")
    index = scan(text)
    parsed_ids = Counter(el.get(xmlio.XML_ID) for el in doc.tree.iter()
                         if isinstance(el.tag, str) and el.get(xmlio.XML_ID) is not None)
    assert Counter(t.value for t in [*index.ids.values(), *index.duplicates]) == parsed_ids
    # An empty value names nothing; the scanner yields no token for it.
    parsed = Counter((p.attr.split("}")[-1], p.value) for p in doc.pointers if p.value)
    assert Counter((t.attr, t.value) for t in index.pointers) == parsed
    lines = text.split("\n")
    for token in index.tokens():
        assert lines[token.span.line][token.span.start:token.span.end] == token.value


@pytest.mark.shared
@pytest.mark.parametrize("name", ["firstfolio_romeo_and_juliet_F-rom.xml", "kbga_barth_sermon_27005.xml",
                                  "teic_stylesheets_testNotes1.xml", "teic_tei_detest.xml",
                                  "tp_registers_persons.xml", "vangogh_let695.xml"])
def test_scan_agrees_with_the_parser_on_other_projects_tei(tei_samples, name):
    _compare(tei_samples / name)


def test_scan_agrees_with_the_parser_on_the_memoir():
    _compare(paths.EDITION)


def test_commented_out_markup_is_not_scanned():
    text = '<TEI>\n<!-- <ref target="#gone"/> <p xml:id="old"/> -->\n<ref target="#here"/>\n</TEI>'
    index = scan(text)
    assert [t.value for t in index.pointers] == ["#here"] and index.ids == {}
    assert index.pointers[0].span.line == 2


def test_the_value_being_typed_is_found_on_its_line():
    assert typed_value('  <persName ref="#pers-', 23) == ("persName", "ref", "#pers-")
    assert typed_value('<ref target="#a #b', 18) == ("ref", "target", "#b")
    assert typed_value("<p>text ref=</p>", 12) is None


def test_attributes_of_other_namespaces_are_not_teis():
    # ELTeC's textDesc (a redeclared default namespace) and a prefixed element whose
    # unprefixed children are TEI again (the Van Gogh letters' vg:letDesc).
    text = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:vg="urn:vg">\n'
            '<authorGender xmlns="http://distantreading.net/eltec/ns" key="F"/>\n'
            '<size xmlns="urn:other"><name key="inner"/></size>\n'
            '<vg:letDesc ref="#x"><persName ref="#p1" xml:id="n1"/></vg:letDesc>\n</TEI>')
    index = scan(text)
    assert [(t.attr, t.value) for t in index.pointers] == [("ref", "#p1")]
    assert list(index.ids) == ["n1"]


# Generated documents: elements with ids and pointers, quoted either way, attributes spread
# over lines, comments and CDATA holding markup-like text between them.
_NAME = st.text(alphabet="abcxyz-_.é0123", min_size=1, max_size=8).filter(lambda s: s[0].isalpha())
_SPACE = st.sampled_from([" ", "  ", "\n", "\n    ", "\t"])


@st.composite
def _element(draw) -> str:
    tag = draw(st.sampled_from(["persName", "ref", "note", "p", "seg"]))
    attrs = []
    if draw(st.booleans()):
        attrs.append(("xml:id", draw(_NAME)))
    pointer = {"persName": "ref", "ref": "target", "note": "target", "p": "corresp", "seg": "ana"}[tag]
    if draw(st.booleans()):
        values = draw(st.lists(_NAME, min_size=1, max_size=3))
        attrs.append((pointer, " ".join("#" + v for v in values)))
    if draw(st.booleans()):
        attrs.append(("n", draw(_NAME)))
    quote = draw(st.sampled_from(['"', "'"]))
    spaced = "".join(f"{draw(_SPACE)}{name}={quote}{value}{quote}" for name, value in attrs)
    filler = draw(st.sampled_from(["", "text", '<!-- <ref target="#c"/> -->', '<![CDATA[<p xml:id="d">]]>']))
    if draw(st.booleans()):
        return f"<{tag}{spaced}>{filler}</{tag}>"
    return f"<{tag}{spaced}{draw(_SPACE)}/>{filler}"


@settings(max_examples=150, deadline=None)
@given(st.lists(_element(), max_size=12))
def test_scan_agrees_with_the_parser_on_generated_documents(elements):
    body = "\n".join(elements)
    text = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n{body}\n</body></text></TEI>'
    tree = xmlio.parse_bytes(text.encode("utf-8"), "generated.xml", collect_ids=False)
    doc = Document(path=Path("generated.xml"), name="generated.xml", tree=tree)
    doc._index()
    index = scan(text)
    parsed_ids = Counter(el.get(xmlio.XML_ID) for el in tree.iter()
                         if isinstance(el.tag, str) and el.get(xmlio.XML_ID) is not None)
    assert Counter(t.value for t in [*index.ids.values(), *index.duplicates]) == parsed_ids
    parsed = Counter((p.attr.split("}")[-1], p.value) for p in doc.pointers if p.value)
    assert Counter((t.attr, t.value) for t in index.pointers) == parsed
    lines = text.split("\n")
    for token in index.tokens():
        assert lines[token.span.line][token.span.start:token.span.end] == token.value


def test_a_key_is_one_value_spaces_and_all():
    """@key is teidata.text, one value (key="Beckh August von"), for the scanner as for check."""
    index = scan('<TEI xmlns="http://www.tei-c.org/ns/1.0"><persName key="Beckh August von"/>'
                 '<ref target="#x #y"/></TEI>')
    assert [(t.attr, t.value) for t in index.pointers] == [("key", "Beckh August von"), ("target", "#x"),
                                                          ("target", "#y")]


_INERT_REGEX = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


@given(st.lists(st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "a", "\n", "<p>", "-", "]"]),
                max_size=40).map("".join))
def test_comments_cdata_and_pis_are_blanked_as_the_lazy_regex_did(text):
    blanked = _INERT_REGEX.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    assert _blank_inert(text) == blanked


def test_openings_without_their_end_do_not_make_the_scan_quadratic():
    """A stranger's file (or a paste) of 100,000 '<!--' and '<?': once minutes, now one pass."""
    text = "<!--" * 100_000 + '<?x <p xml:id="a"/>'
    assert "a" in scan(text).ids  # an opening never closed is text: the tag after it is read
