"""A collection built with --epub-per-document: one EPUB per letter, each valid (EPUBCheck),
each with the register entries it names, and every word of the collection in one of them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli
from tests.build.test_epub import epubcheck, problems

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "letters"


def test_one_epub_per_letter(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "epub", "--edition", str(FIXTURE), "--register",
                                      str(FIXTURE / "persons.xml"), "--out", str(out), "--epub-per-document"])
    assert result.exit_code == 0, result.output
    assert "build.text-lost" not in result.output and "build.text-repeated" not in result.output
    letters = sorted(p.stem for p in FIXTURE.glob("*.xml") if p.name != "persons.xml")
    books = sorted((out / "epub").glob("*.epub"))
    assert [b.stem for b in books] == letters
    assert not list(out.glob("*.epub"))  # not one book besides
    for book in books:
        assert problems(epubcheck(book)) == [], book.name
    with zipfile.ZipFile(out / "epub" / "1807-01-29-chamisso.epub") as zf:
        text = " ".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xhtml"))
    assert "Chamisso" in text
    again = tmp_path / "again"
    CliRunner().invoke(cli, ["build", "epub", "--edition", str(FIXTURE), "--register",
                             str(FIXTURE / "persons.xml"), "--out", str(again), "--epub-per-document"])
    assert all(b.read_bytes() == (again / "epub" / b.name).read_bytes() for b in books)  # deterministic
