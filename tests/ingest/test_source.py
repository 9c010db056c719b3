"""Regions of the source, and sources that do not look like the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import paths
from teikit.errors import InputError, SourceFormatError
from teikit.ingest import book, pipeline
from teikit.ingest.context import SourceText
from teikit.ingest.source import blocks, find_regions

LAYOUT = book.load(paths.EDITORIAL_DIR)


def _source(text: str) -> SourceText:
    return SourceText(Path("book.txt"), text.splitlines())


def test_regions_of_the_real_source():
    source = pipeline.read_source(paths.SOURCE_TEXT)
    regions = find_regions(source, LAYOUT)
    assert list(regions) == ["metadata", "front", "body", "congresses", "notes", "bibliography", "index"]
    # Regions are contiguous and cover the file.
    spans = list(regions.values())
    assert spans[0][0] == 0 and spans[-1][1] == len(source.lines)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    # Each back region starts at the page marker before its heading.
    for name, page in (("body", "1"), ("congresses", "235"), ("notes", "237"), ("bibliography", "273"),
                       ("index", "277")):
        first = blocks(source, *regions[name], LAYOUT)[0]
        assert first.page == page, name


def test_empty_source_is_refused():
    with pytest.raises(SourceFormatError, match="empty") as info:
        find_regions(_source("\n\n"), LAYOUT)
    assert info.value.line == 1


def test_source_without_page_markers_is_refused():
    with pytest.raises(SourceFormatError, match="no page markers"):
        find_regions(_source("Contents\n\nA book\n\nNotes\n"), LAYOUT)


def test_source_without_notes_names_where_it_looked():
    text = "Page i\n\nContents\n\n1. One\n\nPage 1\n\n1.\n\nOne\n\nText.\n\nParty Congresses\n"
    with pytest.raises(SourceFormatError, match="no notes heading") as info:
        find_regions(_source(text), LAYOUT)
    assert info.value.line is not None and info.value.hint and "'Notes'" in info.value.hint


def test_back_matter_is_what_the_edition_lists():
    """A book without the memoir's appendix is read when its data does not list one."""
    text = "Page i\n\nContents\n\n1. One\n\nPage 1\n\n1.\n\nOne\n\nText.\n\nPage 2\n\nEndnotes\n"
    plain = book.Book(back=(book.BackSpec(("Endnotes",), "notes", "notes", "notes"),))
    regions = find_regions(_source(text), plain)
    assert list(regions) == ["metadata", "front", "body", "notes"]
    assert regions["notes"][0] == text.splitlines().index("Page 2")
    with pytest.raises(SourceFormatError, match="no congresses heading"):
        find_regions(_source(text), LAYOUT)


def test_binary_and_non_utf8_sources_are_input_errors(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary"):
        pipeline.read_source(binary)
    latin = tmp_path / "l.txt"
    latin.write_bytes(b"Page 1\n\nr\xe9v\xe9le\n")
    with pytest.raises(InputError, match="UTF-8") as info:
        pipeline.read_source(latin)
    assert info.value.line == 3


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x08", "\x1f", "\ufffe"])
def test_a_control_character_is_refused_with_its_line(tmp_path, char):
    """XML cannot hold it: said at its line and column, not by the serializer at '<inline>:1'."""
    source = tmp_path / "s.txt"
    source.write_text(f"Page 1\n\nsome text {char}[31m here\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"U\\+{ord(char):04X}") as info:
        pipeline.read_source(source)
    assert (info.value.line, info.value.column) == (3, 11)


def test_an_editorial_file_not_in_utf8_is_refused_with_its_line(tmp_path):
    from teikit.ingest.tomldata import TomlFile

    path = tmp_path / "persons.toml"
    path.write_bytes(b'[a]\nb = "x"\n# r\xe9v\xe9le\n')
    with pytest.raises(InputError, match="not UTF-8") as info:
        TomlFile.load(path)
    assert info.value.line == 3


def test_an_editorial_value_with_a_control_character_is_refused_at_its_key(tmp_path):
    from teikit.ingest.tomldata import TomlFile

    path = tmp_path / "book.toml"
    path.write_text('[a]\nb = "x"\n\n[[division]]\nheadings = ["Pre\\u0001face"]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"division\[0\]\.headings\[0\]: the character U\+0001") as info:
        TomlFile.load(path)
    assert info.value.line == 5
