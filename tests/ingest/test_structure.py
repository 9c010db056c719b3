"""The structure pass on a tiny book written like the e-book extraction."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from teikit import paths, xmlio
from teikit.errors import SourceFormatError
from teikit.ingest import book, header, header_source, pages, structure
from teikit.ingest.context import IngestContext, SourceText

T = f"{{{xmlio.TEI_NS}}}"
# The tiny book is laid out like the memoir: read with the memoir's book.toml (no corrections).
LAYOUT = book.load(paths.EDITORIAL_DIR)
BOOK = """title	: A Tiny Book

Page i

A Tiny Book

Contents

Preface

1. Beginnings
2. Moscow

Party Congresses

Notes

Bibliography

Index

Page vii

Preface

I write this.¹

Page 1

1.

Beginnings

School. University.

I was born in 1900 in a village¹ where the

people were poor and the

Page 2

winters long.²



Plate caption, ca 1922 Doyle Collection
Photography by Someone



Page 4

Moscow

Arrival. Work.

In Moscow I worked from 1920²⁵ on.

Party Congresses

<i>Congress</i>	<i>Date</i>
1	March 1898

Page 6

Notes

Preface

1. A preface note.

Chapter One

1. The village.

2. Winter.

Chapter Two

1. A note without a marker.

Page 7

Select Bibliography

A book.

Page 8

Index

A, 1
"""


def _run(text: str) -> IngestContext:
    ctx = IngestContext(SourceText(Path("tiny.txt"), text.splitlines()), Path("/nonexistent"),
                        layout=LAYOUT)
    structure.run(ctx)
    return ctx


@pytest.fixture(scope="module")
def ctx():
    return _run(BOOK)


def test_skeleton_for_the_other_passes(ctx):
    root = ctx.root
    assert root.get(f"{{{xmlio.XML_NS}}}lang") == "en"
    assert [el.tag for el in root] == [T + "teiHeader", T + "standOff", T + "text"]
    assert len(root[0]) == 0  # the header pass fills it
    assert [el.get(xmlio.XML_ID) for el in root[1]] == ["persons", "organizations", "places", "events"]
    assert root.find(f".//{T}div[@type='bibliography']") is not None
    assert len(root.find(f".//{T}div[@type='index']")) == 0
    assert set(ctx.regions) == {"metadata", "front", "body", "congresses", "notes", "bibliography", "index"}


def test_divisions_labels_and_arguments(ctx):
    root = ctx.root
    ch1, ch2 = root.findall(f".//{T}body/{T}div")
    assert ch1.findtext(f"{T}head[@type='label']") == "1."
    assert ch1.findtext(f"{T}argument/{T}p") == "School. University."
    label = ch2.find(f"{T}head[@type='label']/{T}supplied")
    assert label.text == "2." and label.get("reason") == "omitted-in-source"
    assert [d.code for d in ctx.diagnostics] == ["ingest.label-supplied", "ingest.note-without-marker"]


def test_paragraph_over_a_line_break_and_a_page(ctx):
    p = ctx.root.find(f".//{T}div[@{{{xmlio.XML_NS}}}id='ch01']/{T}p")
    text = "I was born in 1900 in a village1 where the people were poor and the winters long.2"
    assert "".join(p.itertext()) == text
    assert p.find(f"{T}pb").get("n") == "2"


def test_plate_after_the_paragraph(ctx):
    figure = ctx.root.find(f".//{T}figure[@type='plate']")
    assert figure.getparent().get(xmlio.XML_ID) == "ch01"
    assert figure.find(f"{T}head/{T}lb") is not None


def test_notes_linked_and_year_range(ctx):
    root = ctx.root
    assert root.find(f".//{T}ref[@{{{xmlio.XML_NS}}}id='ch01-n02-ref']").get("target") == "#ch01-n02"
    assert root.find(f".//{T}ref[@{{{xmlio.XML_NS}}}id='preface-n01-ref']") is not None
    assert root.find(f".//{T}div[@{{{xmlio.XML_NS}}}id='ch02']//{T}choice/{T}corr").text == "1920–25"


def test_pages_pass_fills_the_gaps(ctx):
    pages.run(ctx)
    # Pages 7 and 8 are in the bibliography and index regions, which their passes encode.
    numbers = [pb.get("n") for pb in ctx.root.iter(T + "pb")]
    assert numbers == ["i", "ii", "iii", "iv", "v", "vi", "vii", "1", "2", "3", "4", "5", "6"]
    assert ctx.root.find(f".//{T}pb[@n='3']").get("type") == "inferred"


def test_missing_chapter_is_a_source_format_error():
    with pytest.raises(SourceFormatError, match="'Moscow'"):
        _run(BOOK.replace("Moscow\n\nArrival", "Elsewhere\n\nArrival"))


def test_editorial_statements_are_the_editions_data():
    cfg = header_source.load_edition_config(paths.EDITORIAL_DIR / "edition.toml")
    stated = header.statements(cfg)
    assert {k for k, _ in stated} == {"normalization", "correction", "hyphenation", "quotation",
                                      "segmentation", "interpretation"}
    assert all(text.strip() and "  " not in text for _, text in stated)
    # nothing stated: the ingest's generic statement of each type
    assert [k for k, _ in header.gather_statements()] == [k for k, _ in header.FALLBACK_DECL]


@functools.cache
def _real_lines() -> list[str]:
    return paths.SOURCE_TEXT.read_text(encoding="utf-8").splitlines()


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=0, max_value=5963), st.integers(min_value=1, max_value=400))
@example(86, 39)  # the contents list used up before text with no division: an IndexError once
def test_damaged_source_is_encoded_or_refused_with_a_line(start, length):
    """Cutting any stretch out of the real source never crashes the structure pass."""
    lines = _real_lines()
    damaged = lines[:start] + lines[start + length:]
    ctx = IngestContext(SourceText(Path("damaged.txt"), damaged), Path("/nonexistent"), layout=LAYOUT)
    try:
        structure.run(ctx)
    except SourceFormatError as exc:
        assert exc.line is not None and exc.file == "damaged.txt"
    else:
        pages.run(ctx)
        assert ctx.root.find(f".//{T}body") is not None
