"""The description of a manuscript (teiHeader's msDesc) reads on the document's first page.

A manuscript catalogue (the Bodleian's medieval manuscripts: an msDesc and an empty text)
built into pages that held only their titles."""

from __future__ import annotations

import re
from pathlib import Path

from tests.xslt.support import build_text, page

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "manuscript.xml"


def _text(el) -> str:
    return " ".join(el.text_content().split())


def test_a_transcription_shows_its_manuscript_folded_on_its_first_page(tmp_path):
    folder, _ = build_text(FIXTURE.read_text(), tmp_path)
    first, second = page(folder, "tale1.html"), page(folder, "tale2.html")
    (desc,) = first.xpath("//article//details[contains(@class, 'ms-desc')]")
    assert desc.get("open") is None  # the text is there to read; the description folded
    assert not second.xpath("//details[contains(@class, 'ms-desc')]")
    text = _text(desc)
    assert "Oxford, Bodleian Library, MS. Douce 101 (21675)" in text
    assert "1. (fol. 1) Gesta Romanorum Incipit: Quidam Rome imperator habuit filiam" in text
    assert "A selection of fifty tales" in text and "Language: Latin" in text
    assert "iv + 93 leaves 8.75 × 6.125 in (binding)" in text
    assert "Acquisition: Bequeathed to the library in 1834" in text
    assert [_text(b) for b in desc.xpath(".//div[@class='ms-bibl']")] == [
        "Summary Catalogue, vol. 4, p. 521", "Douce Catalogue, p. 15"]
    # a part is headed by its own identifier (the Bodleian's "MS. Laud Misc. 172 – Part A")
    parts = desc.xpath(".//div[@class='ms-msPart']/h3")
    assert [_text(h) for h in parts] == ["MS. Douce 101 – Part A (fols. 1–48)"]
    # a note in the description is part of it, not a footnote without a place in the notes
    assert not desc.xpath(".//*[contains(@class, 'note-ref') or contains(@class, 'marker')]")


def test_a_catalogue_record_without_text_shows_its_description_open(tmp_path):
    record = re.sub(r"<text>.*</text>", "<text><body><p/></body></text>", FIXTURE.read_text(), flags=re.S)
    folder, _ = build_text(record, tmp_path)
    pages = sorted(p.name for p in folder.glob("*.html") if p.name not in {
        "index.html", "toc.html", "search.html", "pages.html", "downloads.html"})
    (desc,) = page(folder, pages[0]).xpath("//details[contains(@class, 'ms-desc')]")
    assert desc.get("open") == "open" and "Gesta Romanorum" in _text(desc)
