"""The reading edition's downloads page: the TEI always, the other outputs of the build when
they are there or made by the same run, every link leading to a file; the licence on the
title page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import html

from teikit.build import BuildSettings, downloads
from teikit.build import csv as csv_builder
from teikit.edition import Edition
from tests.xslt.support import MINI, built, page

TEIKIT = [sys.executable, "-m", "teikit"]


def test_the_csv_files_listed_are_those_the_csv_builder_writes(tmp_path):
    result = csv_builder.build(Edition.load(MINI), tmp_path, BuildSettings(exports_dir=tmp_path))
    assert sorted(p.name for p in result.outputs) == sorted(downloads.CSV_FILES)


def test_only_what_is_there_or_made_by_this_run(tmp_path):
    edition = Edition.load(MINI)
    alone = downloads.entries(edition, BuildSettings(exports_dir=tmp_path))
    assert [e["format"] for e in alone] == ["TEI"]
    (tmp_path / "mini-edition.epub").write_bytes(b"")
    with_epub = downloads.entries(edition, BuildSettings(exports_dir=tmp_path, products=("html", "csv")))
    hrefs = [e["href"] for e in with_epub]
    assert hrefs[:3] == ["tei/mini-edition.xml", "../mini-edition.epub", "../csv/persons.csv"]


def test_a_whole_build_offers_every_output_and_every_link_leads_to_a_file(tmp_path):
    out = tmp_path / "exports"
    command = [*TEIKIT, "build", "--cite", "--deposit", "--edition", str(MINI), "--out", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    site = out / "html"
    doc = html.fromstring((site / "downloads.html").read_bytes())
    hrefs = doc.xpath("//ul[@class='downloads']//a/@href")
    formats = doc.xpath("//ul[@class='downloads']//span[@class='format']/text()")
    assert {"TEI", "EPUB", "CSV", "BibLaTeX", "RIS", "CSL-JSON", "BagIt"} <= set(formats)
    for href in hrefs:
        assert (site / href).resolve().is_file(), href
    assert (site / "tei" / "mini-edition.xml").read_bytes() == Path(MINI).read_bytes()
    assert "downloads.html" in doc.xpath("//nav[@class='site-nav']//a/@href")


def test_the_title_page_states_the_licence():
    doc = page(built(MINI)[0], "index.html")
    assert doc.xpath("//section[@class='availability']//p[@class='licence']/a/@href") == [
        "https://creativecommons.org/licenses/by/4.0/"]


def test_a_collection_s_tei_is_the_same_from_the_bytes_handed_to_saxon(tmp_path):
    """A divided build copies the collection's TEI from the bytes it serialized for its
    workers: the file is byte for byte the one written from the tree."""
    from lxml import etree

    from teikit import collection, saxon

    letters = Path(__file__).resolve().parents[1] / "fixtures" / "letters"
    files = sorted(p for p in letters.glob("*.xml") if p.name != "persons.xml")
    edition = collection.load_collection(files, name=letters, registers=[letters / "persons.xml"])
    handover = tmp_path / "handover"
    handover.mkdir()
    copied = downloads.copy_tei(edition, tmp_path / "site", saxon.serialized(edition.tree, handover))
    assert copied.read_bytes() == etree.tostring(edition.tree, xml_declaration=True, encoding="UTF-8")
    assert copied.read_bytes() == downloads.copy_tei(edition, tmp_path / "other").read_bytes()
