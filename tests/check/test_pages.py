"""pages.number-gap: what counts as a page number and what as a gap."""

from __future__ import annotations

import pytest

from teikit.check import check_paths
from teikit.check.rules.pages import page_number


@pytest.mark.parametrize("n, expected", [
    ("38", ("arabic", 38)), ("[39]", ("arabic", 39)), (" 7 ", ("arabic", 7)),
    ("xii", ("roman", 12)), ("XIV", ("roman", 14)), ("mcmxc", ("roman", 1990)),
    ("38a", None), ("", None), (None, None), ("2r", None), ("iiii", None),
])
def test_page_numbers(n, expected):
    assert page_number(n) == expected


def _pages(tmp_path, pbs: str) -> list[str]:
    path = tmp_path / "pages.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><div>'
                    f"{pbs}</div></body></text></TEI>", encoding="utf-8")
    result = check_paths([path])
    return [d.message for d in result.diagnostics if d.code == "pages.number-gap"]


def test_a_forward_jump_is_reported_once_with_the_missing_count(tmp_path):
    assert _pages(tmp_path, '<pb n="1"/><pb n="2"/><pb n="5"/><pb n="6"/>') == [
        "page numbering jumps from 2 to 5 (2 pages missing)"]


def test_restarts_repeats_and_other_editions_are_not_gaps(tmp_path):
    pbs = ('<pb n="i"/><pb n="ii"/><pb n="1"/><pb n="2"/><pb n="2"/><pb n="3"/>'
           '<pb n="1" ed="B"/><pb n="4"/><pb n="2" ed="B"/><pb n="3a"/><pb n="5"/>')
    assert _pages(tmp_path, pbs) == []
