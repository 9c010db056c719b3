"""Inferred page breaks for pages whose marker the source lacks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from teikit import xmlio
from teikit.ingest.pages import from_roman, infer, to_roman

T = f"{{{xmlio.TEI_NS}}}"


def _tree(xml: str) -> etree._Element:
    return xmlio.parse_bytes(f'<text xmlns="{xmlio.TEI_NS}">{xml}</text>'.encode()).getroot()


def _pb(n: str) -> str:
    return f'<pb n="{n}" xml:id="p{n}"/>'


def _pages(root):
    return [(pb.get("n"), pb.get("type")) for pb in root.iter(T + "pb")]


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n):
    assert from_roman(to_roman(n)) == n


def test_roman_examples():
    assert [to_roman(n) for n in (4, 9, 16, 18)] == ["iv", "ix", "xvi", "xviii"]


def test_missing_page_inferred_at_a_paragraph_start():
    body = "x" * 100
    root = _tree(f"<div>{_pb('6')}<p>{body}</p><p>{body}</p>{_pb('8')}<p>{body}</p></div>")
    assert infer(root) == ["7"]
    assert _pages(root) == [("6", None), ("7", "inferred"), ("8", None)]
    pb7 = root.find(f".//{T}pb[@n='7']")
    assert pb7.get("cert") == "low" and pb7.get("resp") == "#teikit"
    assert pb7.getnext().tag == T + "p" and pb7.getnext().getprevious() is pb7


def test_joint_preferred_and_removed_when_unused():
    a, b = "a" * 90, "b" * 110
    root = _tree(f"<div>{_pb('1')}<p>{a} <?teikit-joint?>{b}</p>{_pb('3')}"
                 f"<p>c <?teikit-joint?>d</p></div>")
    infer(root)
    p = root.find(f"{T}div/{T}p")
    assert p[0].tag == T + "pb" and p[0].get("n") == "2" and p[0].tail == b
    assert not list(root.iter(etree.ProcessingInstruction))
    assert "".join(root.itertext()) == f"{a} {b}c d"


def test_several_missing_pages_in_order_and_roman_apart():
    paras = "".join(f"<p>{'y' * 50}</p>" for _ in range(6))
    root = _tree(f"<div>{_pb('iv')}{paras}{_pb('vii')}{_pb('1')}{paras}{_pb('5')}</div>")
    infer(root)
    assert [n for n, _ in _pages(root)] == ["iv", "v", "vi", "vii", "1", "2", "3", "4", "5"]


def test_idempotent():
    root = _tree(f"<div>{_pb('1')}<p>a</p><p>b</p>{_pb('3')}</div>")
    infer(root)
    before = etree.tostring(root)
    assert infer(root) == []
    assert etree.tostring(root) == before
