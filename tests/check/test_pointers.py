"""The pointer table derived from TEI, and how pointer values are read and resolved."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from teikit.check import check_paths
from teikit.check.pointers import classify, iter_pointers, pointer_table, syntax_problem

TEI_ALL = Path(__file__).resolve().parents[2] / ".cache" / "tei" / "tei_all.rng"
TEI = "http://www.tei-c.org/ns/1.0"


def test_committed_table_is_what_the_script_derives_from_tei_all(project_root, tmp_path):
    if not TEI_ALL.is_file():
        pytest.fail(f"{TEI_ALL} is missing: run scripts/setup.sh (it fetches TEI P5 4.3.0 tei_all.rng)")
    out = tmp_path / "pointers.json"
    subprocess.run([sys.executable, str(project_root / "scripts" / "derive_pointer_attributes.py"),
                    str(TEI_ALL), "-o", str(out)], check=True, capture_output=True)
    committed = project_root / "src" / "teikit" / "check" / "data" / "pointers.json"
    assert json.loads(out.read_text("utf-8")) == json.loads(committed.read_text("utf-8"))


def test_table_holds_the_pointer_attributes_of_tei():
    global_attrs, elements = pointer_table()
    for attr in ("corresp", "sameAs", "next", "prev", "resp", "source", "facs", "ana", "synch", "copyOf"):
        assert attr in global_attrs
    assert elements["ref"]["target"] == "list"
    assert elements["sp"]["who"] == "list"
    assert elements["span"]["to"] == "single"
    assert elements["persName"]["ref"] == "list"
    assert elements["catRef"]["scheme"] == "single"
    assert "key" not in global_attrs  # teidata.text, handled apart
    assert "id" not in global_attrs and "base" not in global_attrs


def _el(xml: str) -> etree._Element:
    return etree.fromstring(f'<x xmlns="{TEI}">{xml}</x>')[0]


def test_several_values_are_split():
    el = _el('<ref target="#a #b  other.xml#c https://example.org/d"/>')
    kinds = [(p.kind, p.value) for p in iter_pointers(el, "ref")]
    assert kinds == [("local", "#a"), ("local", "#b"), ("file", "other.xml#c"), ("external", "https://example.org/d")]


def test_values_are_classified():
    el = _el("<ref/>")
    assert classify(el, "target", "Mt.11.12").kind == "bare"
    assert classify(el, "target", "let680.xml").kind == "file"
    assert classify(el, "target", "gnd:118560093").kind == "external"
    assert classify(el, "key", "kbga-actors-27").kind == "key"


@pytest.mark.parametrize("value, problem", [
    ("https://example.org/a b", "not allowed"),
    ("https://example.org/%zz", "two hexadecimal"),
    ("#", "names no ID"),
    ("a.xml#b#c", "at most one"),
    ("http:/no-host", "needs a host"),
    ("https://example.org/ok?q=1#frag", None),
])
def test_uri_syntax(value, problem):
    el = _el("<ref/>")
    found = syntax_problem(classify(el, "target", value))
    assert (found is None) if problem is None else (problem in found)


def test_a_single_valued_pointer_with_two_values_is_bad_syntax(tmp_path):
    doc = tmp_path / "d.xml"
    body = '<p xml:id="a" next="#a #a"/>'
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body>{body}</body></text></TEI>', "utf-8")
    found = check_paths([doc]).diagnostics
    assert [d.code for d in found] == ["pointers.bad-syntax"]
    # what to do, not only what is wrong (Folger's rendition="align{w0142380}" said no more)
    assert found[0].hint and "#ID" in found[0].hint and "%20" in found[0].hint


def test_near_misses_get_a_did_you_mean(tmp_path):
    doc = tmp_path / "d.xml"
    doc.write_text(
        f'<TEI xmlns="{TEI}"><text><body><p xml:id="ch01-n03"/><p corresp="#ch01-n3"/>'
        '<p corresp="#CH01-N03"/><p corresp="Ch01-N03"/><p corresp="Mt.11.12"/></body></text></TEI>', "utf-8")
    diags = check_paths([doc]).diagnostics
    assert [d.code for d in diags] == ["pointers.dangling"] * 3
    assert all(d.hint and "did you mean #ch01-n03?" in d.hint for d in diags)


def test_a_rendition_defined_outside_the_file_says_how_to_declare_it(tmp_path):
    """DTA files point @rendition at the base format's renditions (#aq, #i), defined outside
    every file: the hint names the flag that turns them into one count per file."""
    doc = tmp_path / "d.xml"
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body><p><hi rendition="#aq">Wien</hi></p></body></text></TEI>',
                   "utf-8")
    (diag,) = check_paths([doc]).diagnostics
    assert diag.code == "pointers.dangling" and "--ignore '@rendition'" in (diag.hint or "")
    assert 'rendition xml:id="aq"' in (diag.hint or "")


def test_other_file_is_parsed_once(tmp_path, monkeypatch):
    from teikit.check import model

    (tmp_path / "persons.xml").write_text(
        f'<TEI xmlns="{TEI}"><standOff><listPerson><person xml:id="p1"/></listPerson></standOff></TEI>',
        "utf-8")
    doc = tmp_path / "d.xml"
    doc.write_text(
        f'<TEI xmlns="{TEI}"><text><body><p><persName ref="persons.xml#p1"/><persName ref="persons.xml#p1"/>'
        '<persName ref="persons.xml#p2"/></p></body></text></TEI>', "utf-8")
    calls = []
    real = model.xmlio.parse_bytes
    monkeypatch.setattr(model.xmlio, "parse_bytes", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    diags = check_paths([doc]).diagnostics
    assert [(d.code, "#p2 in persons.xml" in d.message) for d in diags] == [("pointers.dangling", True)]
    assert len(calls) == 2


def test_bare_ids_are_checked_where_the_file_uses_them(tmp_path):
    doc = tmp_path / "d.xml"
    body = ('<anchor xml:id="anchor-001"/><anchor xml:id="anchor-002"/>'
            '<note target="anchor-001">x</note><note target="anchor-003">y</note>'
            '<ref target="Mt.11.12">Matthew</ref>')
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body><p>{body}</p></body></text></TEI>', "utf-8")
    diags = check_paths([doc]).diagnostics
    assert [d.code for d in diags] == ["pointers.dangling"]
    # anchor-001 and -002 are other members of the series: proposing one would mislead
    assert "'anchor-003' names no xml:id" in diags[0].message and "did you mean" not in diags[0].hint


def test_files_checked_together_share_one_parse_and_reverse_index(tmp_path):
    (tmp_path / "persons.xml").write_text(
        f'<TEI xmlns="{TEI}"><standOff><listPerson><person xml:id="p1"/><person xml:id="p2"/></listPerson>'
        "</standOff></TEI>", "utf-8")
    (tmp_path / "letter.xml").write_text(
        f'<TEI xmlns="{TEI}"><text><body><p><persName ref="persons.xml#p1">A</persName></p></body>'
        "</text></TEI>", "utf-8")
    diags = check_paths([tmp_path / "letter.xml", tmp_path / "persons.xml"]).diagnostics
    assert [(d.code, d.xml_id) for d in diags] == [("unused.person", "p2")]


def test_an_xinclude_in_the_header_is_said_unread(project_root):
    """IOSPE includes a shared encodingDesc into every header: the file is checked, and the
    inclusion named with its line (it was refused, exit 2)."""
    doc = project_root / "tests" / "fixtures" / "wild" / "header-xinclude.xml"
    (said,) = [d for d in check_paths([doc]).diagnostics if d.code == "pointers.xinclude-unread"]
    assert said.line == 11 and "encoding-desc.xml" in said.message and said.severity.name == "WARNING"
    assert "xmllint --xinclude" in (said.hint or "")


def test_a_range_pointer_names_two_ids_each_checked(tmp_path):
    # TEI's range() scheme: the Office of the Historian's index locators,
    # <ref target="#range(b_446-start,b_446-end)">196–199</ref>, were 424 false "dangling" errors
    el = _el('<ref target="#range(s1,e1) #x"/>')
    assert [(p.kind, p.fragment) for p in iter_pointers(el, "ref")] == [
        ("local", "s1"), ("local", "e1"), ("local", "x")]
    doc = tmp_path / "r.xml"
    body = ('<p><anchor xml:id="s1"/>words<anchor xml:id="e1"/> <anchor xml:id="x"/></p>'
            '<p><ref target="#range(s1,e1)">1–2</ref> <ref target="#range(s1,nowhere)">3</ref></p>')
    doc.write_text(f'<TEI xmlns="{TEI}"><text><body>{body}</body></text></TEI>', "utf-8")
    said = [d.message for d in check_paths([doc]).diagnostics]
    assert said == ["@target points at #nowhere, but no element has that xml:id"]
