"""Output file names come from IDs through one mapping (xslt/common/units.xsl,
``tk:file-stem-for-id``) shared by HTML and EPUB: injective, also ignoring case, and
bounded in length, so valid IDs never make two parts of an edition share a file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit import paths, saxon, xmlio
from teikit.cli import cli
from tests.build.test_epub import epubcheck, problems
from tests.security.hostile import tei

# The collisions of issues #15 and #22, and their relatives.
COLLIDING = [
    "index",
    "div-index",
    "x.y",
    "body-1",
    "a_b",
    "a\u00b7b",
    "L" * 300,
    "Ch1",
    "ch1",
    "tk-x",
    "toc",
    "div-1",
    "plain",
]
MAX_NAME = 110


def edition_with(ids: list[str]) -> str:
    divs = "".join(
        f'<div xml:id="{i}"><head>Head {n}</head><p>Text number {n}.</p></div>' for n, i in enumerate(ids)
    )
    return tei("x").replace('<div xml:id="d1"><head>Chapter</head><p>x</p></div>', divs)


def test_colliding_ids_build_cleanly_into_distinct_files(tmp_path: Path) -> None:
    path = tmp_path / "collide.xml"
    path.write_text(edition_with(COLLIDING), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "epub", "--edition", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = {p.stem: p.read_text(encoding="utf-8") for p in (out / "html").glob("*.html")}
    with zipfile.ZipFile(out / "collide.epub") as book:
        epub = {
            Path(n).stem: book.read(n).decode("utf-8")
            for n in book.namelist()
            if n.startswith("EPUB/text/") and not n.endswith("tk-title.xhtml")
        }
    for n in range(len(COLLIDING)):
        holders = [stem for stem, text in html.items() if f"Text number {n}." in text and "<main" in text]
        in_book = [stem for stem, text in epub.items() if f"Text number {n}." in text]
        assert len(in_book) == 1, (n, in_book)
        assert in_book[0] in holders, (n, holders, in_book)  # the same name in HTML and EPUB
    names = list(html) + list(epub)
    assert max(len(s) for s in names) <= MAX_NAME
    assert len({s.lower() for s in epub}) == len(epub)
    assert problems(epubcheck(out / "collide.epub")) == []  # the names are valid EPUB file names


_HARNESS = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"
    xmlns:tk="urn:teikit:xslt" xmlns:tei="http://www.tei-c.org/ns/1.0">
  <xsl:import href="{common}"/>
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//tei:div[@xml:id]">
      <xsl:value-of select="@xml:id || '&#9;' || tk:file-stem-for-id(string(@xml:id)) || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
"""

ALPHABET = st.sampled_from(list("abcABCxyz019._-\u00b7\u00e9\u0416") + ["index", "div-", "tk-", "body-", "1"])
IDS = st.lists(st.lists(ALPHABET, min_size=1, max_size=12).map("".join), min_size=1, max_size=40, unique=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=IDS)
def test_the_mapping_is_injective_ignoring_case_and_bounded(ids: list[str], tmp_path_factory) -> None:
    harness = tmp_path_factory.getbasetemp() / "file-names.xsl"
    if not harness.exists():
        harness.write_text(
            _HARNESS.format(common=(paths.XSLT_DIR / "common" / "common.xsl").as_uri()), encoding="utf-8"
        )
    data = edition_with([i.replace("&", "&amp;") for i in ids]).encode("utf-8")
    tree = xmlio.parse_bytes(data, collect_ids=False)
    output = saxon.transform(harness, tree).output or ""
    stems = dict(line.split("\t") for line in output.splitlines() if line)
    assert set(stems) == set(ids)
    assert len({s.lower() for s in stems.values()}) == len(ids), stems
    for stem in stems.values():
        assert 0 < len(stem) <= MAX_NAME and "/" not in stem and stem not in (".", "..")
        assert stem.isascii()
