"""Figures: the image, then one caption of the figure's headings and description.

HistoryAtState's Milestones write a figure as <graphic/> and <head> (no figDesc): the heading
stood apart under the image, which showed its file name as alt text, and an image that was
not there (the builder said so, render.image-missing) still got an <img> pointing at nothing."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from teikit import saxon
from tests.xslt.support import build_text, page

ROOT = Path(__file__).resolve().parents[2]
TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>Figures</title></titleStmt><publicationStmt><p/></publicationStmt>
  <sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
  <text><body><div xml:id="d1"><head>Yorktown</head>
    <p>The colonists declared their independence.</p>
    <figure><graphic url="yorktown.jpg"/><head>General Washington at Yorktown</head></figure>
    <figure><graphic url="map.png"/><head>A map</head><figDesc>The colonies in 1776.</figDesc></figure>
  </div></body></text></TEI>"""


def test_a_figure_heading_is_its_caption_and_its_image_alt(tmp_path):
    for name in ("yorktown.jpg", "map.png"):  # beside the edition: the builder copies them
        (tmp_path / name).write_bytes(b"an image")
    folder, _ = build_text(TEI, tmp_path)
    first, second = page(folder, "d1.html").xpath("//figure")
    assert [" ".join(c.text_content().split()) for c in first.xpath("figcaption")] == [
        "General Washington at Yorktown"]
    assert first.xpath(".//img/@alt") == ["General Washington at Yorktown"]
    assert [" ".join(" ".join(c.itertext()).split()) for c in second.xpath("figcaption")] == [
        "A map The colonies in 1776."]
    assert second.xpath(".//img/@alt") == ["The colonies in 1776."]


# the label of an image not shown
LABEL = "//span[contains(concat(' ', @class, ' '), ' tei-graphic ')]/@title"


def test_an_image_the_builder_did_not_copy_is_a_label(tmp_path):
    # the builder passes the images it copied (teikit.build.html.local_images) as "images"
    stylesheet, tree = ROOT / "xslt" / "html" / "html.xsl", etree.fromstring(TEI.encode())
    saxon.transform(stylesheet, tree, params={"images": "map.png"}, output_dir=tmp_path / "listed")
    listed = page(tmp_path / "listed", "d1.html")
    assert listed.xpath("//img/@src") == ["images/map.png"]
    assert listed.xpath(LABEL) == ["image not included: yorktown.jpg"]
    saxon.transform(stylesheet, tree, output_dir=tmp_path / "unlisted")  # no list: both taken to be there
    unlisted = page(tmp_path / "unlisted", "d1.html")
    assert unlisted.xpath("//img/@src") == ["images/yorktown.jpg", "images/map.png"]


def test_the_builder_shows_a_missing_image_as_a_label(tmp_path):
    (tmp_path / "map.png").write_bytes(b"an image")  # yorktown.jpg is missing
    folder, diags = build_text(TEI, tmp_path)
    assert "render.image-missing" in [d.code for d in diags]
    shown = page(folder, "d1.html")
    assert shown.xpath("//img/@src") == ["images/map.png"]
    assert shown.xpath(LABEL) == ["image not included: yorktown.jpg"]
