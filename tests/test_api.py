"""The Python API: each stage as a function returning a value, on real fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit import api
from teikit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini-edition.xml"
HEADER = ROOT / "tests" / "cite" / "fixtures" / "bazhanov-header.xml"


def test_load_validate_check():
    edition = api.load(MINI)
    assert edition.root.tag.endswith("TEI")
    report = api.validate([MINI], schema="tei_all", engine="lxml")
    assert report.files and not report.errors
    result = api.check([MINI])
    assert isinstance(result.diagnostics, list)


def test_build_cite_deposit_verify(tmp_path):
    edition = api.load(HEADER)
    run = api.build(edition, ["html", "csv"], out_dir=tmp_path / "site")
    assert run.committed and (tmp_path / "site" / "html" / "index.html").is_file()
    cites = api.cite(edition, tmp_path / "site" / "citations")
    assert cites.outputs and all(p.is_file() for p in cites.outputs)
    made = api.deposit(edition, exports_dir=tmp_path / "site", include=("html", "csv"))
    assert api.verify(made.bag_dir) == []


def test_errors_are_exceptions_with_a_location(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>")
    with pytest.raises(InputError) as caught:
        api.load(bad)
    assert caught.value.file == str(bad) and caught.value.line == 1
    with pytest.raises(ValueError):
        api.build(api.load(MINI), ["pdf"], out_dir=tmp_path)


def test_assemble_joins_then_load_reads(tmp_path):
    tei = "http://www.tei-c.org/ns/1.0"
    (tmp_path / "ch1.xml").write_text(f'<div xmlns="{tei}"><p>Included words.</p></div>', encoding="utf-8")
    main = tmp_path / "main.xml"
    main.write_text(MINI.read_text(encoding="utf-8").replace(
        "<body>", '<body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="ch1.xml"/>', 1),
        encoding="utf-8")
    with pytest.raises(InputError):
        api.load(main)  # the readers never follow XInclude
    joined = api.assemble(main, tmp_path / "book.xml")
    assert joined.inclusions == 1 and joined.files == [main, tmp_path / "ch1.xml"]
    assert "Included words." in "".join(api.load(tmp_path / "book.xml").root.itertext())
