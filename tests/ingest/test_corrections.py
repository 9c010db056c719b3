"""The corrections file: format, errors with row numbers, every row used."""

from __future__ import annotations

import pytest

from teikit import paths
from teikit.errors import InputError
from teikit.ingest import corrections, pipeline


def test_absent_file_means_no_corrections(tmp_path):
    assert corrections.load(tmp_path) == {}


def test_rows_grouped_by_line(tmp_path):
    (tmp_path / "corrections.tsv").write_text(
        "# comment\nline\tfound\treplacement\treason\n12\tab\ta-b\tlost dash\n12\tcd\tc d\tsplit\n",
        encoding="utf-8")
    rows = corrections.load(tmp_path)
    assert [c.found for c in rows[12]] == ["ab", "cd"]
    assert rows[12][0].row == 3


@pytest.mark.parametrize(("text", "message"), [
    ("line\tfound\n", "header"),
    ("line\tfound\treplacement\treason\nx\ta\tb\tc\n", "line number"),
    ("line\tfound\treplacement\treason\n3\ta b c\n", "4 tab-separated"),
])
def test_bad_rows_name_file_and_row(tmp_path, text, message):
    (tmp_path / "corrections.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        corrections.load(tmp_path)
    assert info.value.file.endswith("corrections.tsv") and info.value.line is not None


def test_every_committed_correction_applies():
    ctx = pipeline.run(paths.SOURCE_TEXT, paths.EDITORIAL_DIR)
    unused = [d.message for d in ctx.diagnostics if d.code == "ingest.correction-unused"]
    assert unused == []
    assert corrections.load(paths.EDITORIAL_DIR)
