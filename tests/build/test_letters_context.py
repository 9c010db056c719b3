"""A letter's neighbours as its own description names them (correspDesc/correspContext):
linked when the edition holds them, said in the letter's own words when it does not, and the
neighbours worked out from the dates only where the description names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from teikit.build import BuildSettings
from teikit.build.run import build_formats
from teikit.collection import load_collection, tei_files

TEI = "http://www.tei-c.org/ns/1.0"


def _letter(xml_id: str, sender: str, addressee: str, when: str, context: str = "") -> str:
    return f"""<TEI xmlns="{TEI}" xml:id="{xml_id}">
  <teiHeader>
    <fileDesc><titleStmt><title>{sender} to {addressee}</title></titleStmt>
      <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc>
    <profileDesc><correspDesc>
      <correspAction type="sent"><persName>{sender}</persName><date when="{when}"/></correspAction>
      <correspAction type="received"><persName>{addressee}</persName></correspAction>
      {context}
    </correspDesc></profileDesc>
  </teiHeader>
  <text><body><p>Dear {addressee}, a few words from {sender}.</p></body></text>
</TEI>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("context-letters")
    # three letters between three different pairs: no two in one correspondence by their sides
    (folder / "a.xml").write_text(_letter("A", "Xavier", "Yvonne", "1890-01-01", """<correspContext>
        <ref type="belongsToCorrespondence" target="corr-1">Xavier and Yvonne</ref>
        <ref type="previous" target="Z99">Xavier to Yvonne, 1889</ref>
        <ref type="next" target="C"/>
        <ref type="next-in-corresp" target="https://example.org/l/X7">Yvonne to Xavier, 2 January 1890</ref>
      </correspContext>"""), "utf-8")
    (folder / "b.xml").write_text(_letter("B", "Yvonne", "Zoe", "1890-02-01"), "utf-8")
    (folder / "c.xml").write_text(_letter("C", "Zoe", "Xavier", "1890-03-01", """<correspContext>
        <ref type="withinCollection" subtype="previous_letter" target="a.xml">Xavier an Yvonne</ref>
        <ptr type="withinCorrespondence" subtype="next_letter" target="#nowhere"/>
      </correspContext>"""), "utf-8")
    out = tmp_path_factory.mktemp("context-site")
    edition = load_collection(tei_files(folder), name=folder)
    run = build_formats(edition, ["html"], BuildSettings(exports_dir=out))
    assert run.committed, [d.render() for d in run.diagnostics]
    return out / "html"


def _nav(site: Path, name: str) -> list[tuple[str, str | None, str | None]]:
    page = lxml_html.fromstring((site / name).read_bytes())
    return [(" ".join(li.text_content().split()), li.get("class"), (li.xpath("a/@href") or [None])[0])
            for li in page.xpath("//nav[@class='letter-nav']//li")][:-1]  # "All letters" last


def test_a_named_neighbour_the_edition_holds_is_linked_before_the_one_by_date(site):
    nav = _nav(site, "A.html")
    # by date the next letter is B; the description names C
    assert [n for n in nav if n[0].startswith("Next letter")] == [
        ("Next letter: Zoe to Xavier", None, "C.html")]  # its title
    # and C names A, by its file name, as the letter before it (by date: B)
    assert _nav(site, "C.html")[0][2] == "A.html"


def test_a_named_neighbour_outside_the_edition_is_said_in_the_descriptions_words(site):
    nav = _nav(site, "A.html")
    previous = [n for n in nav if n[0].startswith("Previous letter")]
    assert previous == [("Previous letter: Xavier to Yvonne, 1889", "letter-elsewhere", None)]
    in_correspondence = [n for n in nav if n[0].startswith("Next in this correspondence")]
    assert in_correspondence == [("Next in this correspondence: Yvonne to Xavier, 2 January 1890",
                                  "letter-elsewhere", "https://example.org/l/X7")]


def test_without_a_named_neighbour_the_dates_decide(site):
    nav = _nav(site, "B.html")
    assert [href for _, _, href in nav] == ["A.html", "C.html"]
    assert all(cls is None for _, cls, _ in nav)
    # a pointer to nothing in the edition, without words: said as written
    assert ("Next in this correspondence: #nowhere", "letter-elsewhere", None) in _nav(site, "C.html")
