"""RIS values survive rispy whatever they contain (tags inside values, line breaks, Unicode)."""

from __future__ import annotations

import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from teikit.cite.ris import to_ris

VALUE = st.text(st.sampled_from(list("aZ09 -–,.:;'\"&<>éłč\nER  - TY  - ")), min_size=1, max_size=40).filter(
    lambda s: s.split())


@settings(max_examples=150, deadline=None)
@given(title=VALUE, place=VALUE, family=VALUE)
def test_values_round_trip_through_rispy(title, place, family):
    family = " ".join(family.split())  # names come from records.py already normalised
    item = {"id": "k", "type": "book", "title": title, "publisher-place": place,
            "author": [{"family": family, "given": "Ann"}]}
    (record,) = rispy.loads(to_ris([item]))
    assert record["title"] == " ".join(title.split())  # line breaks would start new tags
    assert record["place_published"] == " ".join(place.split())
    assert record["authors"] == [f"{family}, Ann"]


def test_each_record_ends_with_er_and_crlf():
    text = to_ris([{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "chapter", "title": "B"}])
    assert text.count("ER  -") == 2
    assert "\n" not in text.replace("\r\n", "")
    assert text.startswith("TY  - BOOK\r\n")
