"""Citations of the real edition, tei/bazhanov.xml, read back by the independent parsers."""

from __future__ import annotations

import json
import re

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser import middlewares

from teikit import paths, xmlio
from teikit.cite.biblatex import to_bib
from teikit.cite.csl import to_csl_json
from teikit.cite.export import all_items
from teikit.cite.records import citation_records
from teikit.cite.ris import to_ris


@pytest.fixture(scope="module")
def tree():
    return xmlio.parse_file(paths.EDITION)


def test_edition_print_and_seventeen_chapters_with_printed_pages(tree):
    records = citation_records(tree)
    assert records["print"]["ISBN"] == "9780821409480"
    assert records["print"]["publisher"] == "Ohio University Press"
    assert records["print"]["translator"] == [{"family": "Doyle", "given": "David W."}]
    assert records["print"]["original-title"] == "Bajanov révèle Staline"
    assert records["edition"]["custom"]["identifier"] == "teikit-bazhanov-1990"
    chapters = [r for k, r in records.items() if re.fullmatch(r"ch\d\d", k)]
    assert len(chapters) == 17
    previous_end = 0
    for ch in chapters:
        start, _, end = ch["page"].partition("-")
        assert int(start) >= previous_end, ch  # chapters follow each other in the book
        previous_end = int(end or start)
        assert int(start) <= previous_end


def test_every_format_parses_back(tree, shared_dir):
    items, bibliography = all_items(tree)
    assert len(bibliography) > 50
    library = bibtexparser.parse_string(
        to_bib(items, "bibtex"), append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [i["id"] for i in items]
    assert len({e.key for e in library.entries}) == len(items)  # keys are unique
    assert len(rispy.loads(to_ris(items))) == len(items)
    schema = json.loads((shared_dir / "reference" / "csl-data.json").read_text())
    jsonschema.validate(json.loads(to_csl_json(items)), schema)
