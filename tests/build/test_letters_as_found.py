"""Letters as large editions encode them (the Schnitzler correspondence): a series title
before the letter's own, untitled writing sessions and back matter, an empty ref pointing at
a diary date, a space element between words. The site names and shows them as a reader needs."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title level="s">Briefwechsel mit Autorinnen und Autoren</title>
        <title level="a">{title}</title>
      </titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt>
      <sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent"><persName>{sender}</persName><date when="{when}"/></correspAction>
        <correspAction type="received"><persName>{addressee}</persName></correspAction>
      </correspDesc>
    </profileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="writingSession" n="1">
        <p>Finden Sie, daß<space unit="chars" quantity="1"/>sie am <ref target="1890-02-03"/> kam?</p>
      </div>
    </body>
    <back><div type="commentary"><p>Kommentar.</p></div></back>
  </text>
</TEI>
"""


def test_letters_named_by_their_own_title_in_contents_and_index(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    for ident, title, sender, addressee, when in [
            ("L1", "Schnitzler an Bölsche, 1890", "Schnitzler", "Bölsche", "1890-09-01"),
            ("L2", "Bölsche an Schnitzler, 1890", "Bölsche", "Schnitzler", "1890-09-17"),
            ("L3", "Schnitzler an Bahr, 1891", "Schnitzler", "Bahr", "1891-01-02")]:
        letter = LETTER.format(id=ident, title=title, sender=sender, addressee=addressee, when=when)
        if ident == "L3":  # a long letter (over member-page-chars): taken apart into pages
            letter = letter.replace("<p>Kommentar.</p>", "<p>Kommentar.</p>" + "<p>Lang.</p>" * 9000)
        (folder / f"{ident}.xml").write_text(letter, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "build.text-" not in result.output
    site = out / "html"
    toc = (site / "toc.html").read_text("utf-8")
    # a short letter is one page under its own title (its untitled parts are not listed) ...
    assert '<a href="L1.html">Schnitzler an Bölsche, 1890</a>' in toc and "Bölsche, 1890 –" not in toc
    # ... a long one is taken apart, each untitled part named after the letter
    assert "Schnitzler an Bahr, 1891 – WritingSession 1" in toc
    assert "Schnitzler an Bahr, 1891 – Commentary" in toc
    letters = (site / "letters.html").read_text("utf-8")
    # each letter under its own title, not the series' (which titles the collection itself)
    assert "Bölsche an Schnitzler, 1890" in letters
    assert not re.search(r'href="L\d[^"]*"[^>]*>[^<]*Briefwechsel mit', letters)
    pages = "".join(p.read_text("utf-8") for p in site.glob("*.html"))
    assert "daß<span class=\"tei-space\"> </span>sie" in pages  # a gap, not "daßsie"
    assert '<span class="tk-generated">1890-02-03</span>' in pages  # where the empty ref points
