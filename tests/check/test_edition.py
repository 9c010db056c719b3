"""The edition itself: `teikit check tei/bazhanov.xml` finds no error and no warning.

Information (entries nothing points at) is allowed. A few defects are also injected into
the real edition, to show its notes are actually checked and not merely absent.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit import xmlio
from teikit.check import check_paths
from teikit.diagnostics import Severity
from teikit.xmlio import XML_ID

NS = {"t": xmlio.TEI_NS}


@pytest.fixture(scope="module")
def edition(project_root):
    path = project_root / "tei" / "bazhanov.xml"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `teikit ingest`")
    return path


def test_the_edition_has_no_errors_and_no_warnings(edition):
    result = check_paths([edition])
    problems = [d.render() for d in result.diagnostics if d.severity is not Severity.INFO]
    assert not result.unusable
    assert problems == [], "\n".join(problems[:50])


def test_the_edition_is_checked_in_depth(edition):
    """Not clean by emptiness: persons, index locators and note markers are all there."""
    tree = xmlio.parse_file(edition)
    assert len(tree.xpath("//t:listPerson/t:person", namespaces=NS)) > 100
    assert len(tree.xpath("//t:div[@type='index']//t:ref[@type='page']", namespaces=NS)) > 500
    assert len(tree.xpath("//t:div[@type='index']//t:ref[@type='note']", namespaces=NS)) > 10


def test_the_edition_links_its_notes(edition):
    tree = xmlio.parse_file(edition)
    markers = tree.xpath("//t:ref[@type='noteref']", namespaces=NS)
    notes = tree.xpath("//t:div[@type='notes-section']/t:note", namespaces=NS)
    assert len(notes) > 100 and len(markers) >= len(notes)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(k=st.integers(min_value=0, max_value=100_000), kind=st.sampled_from(["delete", "renumber"]))
def test_a_broken_note_in_the_edition_is_reported(edition, tmp_path_factory, k, kind):
    tree = copy.deepcopy(_parsed(edition))
    notes = tree.xpath("//t:div[@type='notes-section']/t:note", namespaces=NS)
    note = notes[k % len(notes)]
    marker = tree.xpath("//t:ref[@type='noteref'][@target=$t]", namespaces=NS, t="#" + note.get(XML_ID))[0]
    marker_path = tree.getpath(marker)
    if kind == "delete":
        note.getparent().remove(note)
        code = "notes.marker-dangling"
    else:
        note.set("n", str(int(note.get("n")) + 1000))
        code = "notes.number-mismatch"
    out = tmp_path_factory.mktemp("edition") / "bazhanov.xml"
    out.write_bytes(xmlio.serialize(tree))
    line = xmlio.parse_file(out).xpath(marker_path)[0].sourceline
    assert (code, line) in {(d.code, d.line) for d in check_paths([out]).diagnostics}


_CACHE: dict = {}


def _parsed(path):
    if path not in _CACHE:
        _CACHE[path] = xmlio.parse_file(path)
    return _CACHE[path]
