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


def test_other_projects_headers_keep_the_ris_tag_rules():
    """Every line of every record is a two-character tag, two spaces, a hyphen and a space; TY
    opens and ER closes each record; only tags of the RIS specification are written."""
    import re
    from pathlib import Path

    from teikit import xmlio
    from teikit.cite.export import all_items

    spec_tags = {"TY", "ID", "AU", "A2", "A3", "A4", "TI", "T2", "T3", "PY", "DA", "PB", "CY", "SN", "VL",
                 "IS", "ET", "DO", "UR", "LA", "OP", "CN", "N1", "AN", "SP", "EP", "ER"}
    line = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")  # ER may end at its hyphen
    headers = sorted((Path(__file__).parent / "fixtures" / "headers").glob("*.xml"))
    for header in headers:
        items, _ = all_items(xmlio.parse_file(header))
        text = to_ris(items)
        records = [r for r in text.split("\r\n\r\n") if r.strip()]
        assert len(records) == len(items)
        for record in records:
            tags = [line.match(row).group(1) for row in record.strip("\r\n").split("\r\n")]  # type: ignore[union-attr]
            assert tags[0] == "TY" and tags[-1] == "ER" and set(tags) <= spec_tags, (header.name, tags)
        parsed = {r["id"]: r for r in rispy.loads(text)}
        assert len(parsed) == len(items)
    series = {r["id"]: r for r in rispy.loads(to_ris(all_items(xmlio.parse_file(headers[-1]))[0]))}
    assert any(r.get("tertiary_title") == "Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren"
               for r in series.values())
