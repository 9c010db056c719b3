"""Property: inject one random defect into a valid edition; the checker reports it at the right place.

The base is the hand-written mini edition (clean: no diagnostic at all). Each mutation edits
the parsed tree, names the code it must cause and the element where it must be reported;
the mutated tree is written out and checked from the file, and the element's line is read
back from a fresh parse of that file.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from teikit import xmlio
from teikit.check import check_paths
from teikit.xmlio import XML_ID

MINI = Path(__file__).parent.parent / "fixtures" / "mini-edition.xml"
NS = {"t": xmlio.TEI_NS}
BASE = xmlio.parse_file(MINI)

# A mutation edits the tree and returns (code, element where it must be reported).
Mutation = Callable[[etree._ElementTree, int], tuple[str, etree._Element]]


def _pick(items: list, k: int):
    return items[k % len(items)]


def _markers(tree, note):
    return tree.xpath("//t:ref[@type='noteref'][@target=$t]", namespaces=NS, t="#" + note.get(XML_ID))


def delete_note(tree, k):
    note = _pick(tree.xpath("//t:div[@type='notes-section']/t:note", namespaces=NS), k)
    marker = _markers(tree, note)[0]
    note.getparent().remove(note)
    return "notes.marker-dangling", marker


def retarget_marker(tree, k):
    notes = tree.xpath("//t:div[@type='notes-section']/t:note", namespaces=NS)
    note = _pick(notes, k)
    other = _pick([n for n in notes if n is not note], k // len(notes))
    _markers(tree, note)[0].set("target", "#" + other.get(XML_ID))
    return "notes.unreferenced", note


def duplicate_id(tree, k):
    with_ids = tree.xpath("//*[@xml:id]", namespaces=NS)
    first = _pick(with_ids, k)
    later = _pick([e for e in with_ids if e is not first], k // len(with_ids))
    a, b = sorted((first, later), key=lambda e: e.sourceline)
    b.set(XML_ID, a.get(XML_ID))
    return "ids.duplicate", b


def renumber_note(tree, k):
    note = _pick(tree.xpath("//t:div[@type='notes-section']/t:note", namespaces=NS), k)
    note.set("n", str(int(note.get("n")) + 1 + k % 5))
    return "notes.number-mismatch", _markers(tree, note)[0]


def persname_at_place(tree, k):
    name = _pick(tree.xpath("//t:text//t:persName[@ref]", namespaces=NS), k)
    name.set("ref", "#place-kiev")
    return "typed.persname-target", name


def dangle_pointer(tree, k):
    ref = _pick(tree.xpath("//t:text//t:ref[@target][not(@type)]", namespaces=NS), k)
    ref.set("target", ref.get("target") + "x")
    return "pointers.dangling", ref


def locator_to_chapter(tree, k):
    ref = _pick(tree.xpath("//t:div[@type='index']//t:ref[@type='page']", namespaces=NS), k)
    ref.set("target", "#ch01")
    return "index.locator-not-page", ref


MUTATIONS: list[Mutation] = [delete_note, retarget_marker, duplicate_id, renumber_note, persname_at_place,
                             dangle_pointer, locator_to_chapter]


def test_the_untouched_document_reports_nothing():
    assert check_paths([MINI]).diagnostics == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=st.sampled_from(MUTATIONS), k=st.integers(min_value=0, max_value=10_000))
def test_an_injected_defect_is_reported_at_its_place(tmp_path_factory, mutation, k):
    tree = copy.deepcopy(BASE)
    code, element = mutation(tree, k)
    path_in_tree = tree.getpath(element)
    out = tmp_path_factory.mktemp("mutant") / "mutant.xml"
    out.write_bytes(xmlio.serialize(tree))
    reparsed = xmlio.parse_bytes(out.read_bytes(), str(out), collect_ids=False)
    expected_line = reparsed.xpath(path_in_tree)[0].sourceline
    reported = {(d.code, d.line) for d in check_paths([out]).diagnostics}
    assert (code, expected_line) in reported, f"{mutation.__name__}: {sorted(reported)}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.__name__ for m in MUTATIONS])
def test_each_mutation_applies_to_the_base(mutation):
    code, element = mutation(copy.deepcopy(BASE), 0)
    assert code and element is not None


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=datetime.date(1, 1, 1)))
def test_every_real_date_is_a_date(day):
    from teikit.check.rules.dates import problem

    assert problem(day.isoformat()) is None
    assert problem(day.isoformat()[:7]) is None and problem(day.isoformat()[:4]) is None


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1, 9999), month=st.integers(0, 99), day=st.integers(0, 99))
def test_a_date_is_accepted_exactly_when_the_calendar_has_it(year, month, day):
    from teikit.check.rules.dates import problem

    try:
        datetime.date(year, month, day)
        real = True
    except ValueError:
        real = False
    assert (problem(f"{year:04d}-{month:02d}-{day:02d}") is None) == real
