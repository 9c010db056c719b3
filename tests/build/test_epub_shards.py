"""A large EPUB written in shards by several processes (teikit.build.epub_shards): the same
bytes as one process's, every content file written by exactly one shard."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from teikit import saxon
from teikit.build import BuildSettings, epub, epub_shards, parallel
from teikit.edition import Edition

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini-edition.xml"
# notes and links that cross files, an element the stylesheet does not know (said once)
CROSSING = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Crossing</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
<sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="pers-a"><persName>Anna A.</persName></person></listPerson></standOff>
<text><body>
<div xml:id="ch1" type="chapter"><head>One</head><pb n="1"/><p>Anna <persName ref="#pers-a">Anna</persName>
said<ref target="#n2">*</ref> a thing<note xml:id="n1">a note</note>, see <ref target="#ch3">three</ref>.</p>
<blort>unknown words</blort></div>
<div xml:id="ch2" type="chapter"><head>Two</head><pb n="2"/><p>More<ref target="#n1">*</ref>
by <persName ref="#pers-a">her</persName>.</p>
<div xml:id="ch2s"><head>Two, inside</head><p>In.</p></div></div>
<div xml:id="ch3" type="chapter"><head>Three</head><pb n="3"/>
<p>Last, back to <ref target="#ch1">one</ref>.</p></div>
</body>
<back><div type="notes" xml:id="notes"><head>Notes</head><note xml:id="n2">an endnote</note></div></back>
</text></TEI>"""


def _crossing(tmp_path: Path, text: str = CROSSING, name: str = "crossing") -> Path:
    path = tmp_path / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def _sharded(edition: Edition, jobs: int, tmp: Path) -> tuple[bytes, list[str]]:
    document = saxon.serialized(edition.tree, tmp)
    data, said = epub.sharded_bytes(epub.book_of(edition, lean=True), document, jobs)
    return data, [f"{d.code} {d.message}" for d in said]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_sharded_epub_is_the_one_process_epub(tmp_path, jobs):
    """The same bytes and the same messages (each said once) as one process, with one worker
    at a time (--jobs 1) or two."""
    # a C1 control character: shown as its Windows-1252 character, and said (the shards are
    # told the text holds none only when its bytes hold none)
    c1 = _crossing(tmp_path, CROSSING.replace("a note", "a &#x86; note"), "c1")
    for path in (MINI, _crossing(tmp_path), c1):
        edition = Edition.load(path)
        one, said = epub.epub_bytes(edition)
        folder = tmp_path / f"{path.stem}-{jobs}"
        folder.mkdir()
        sharded, said_sharded = _sharded(edition, jobs, folder)
        assert sharded == one and len(one) > 5_000
        assert said_sharded == [f"{d.code} {d.message}" for d in said]
        assert len(said_sharded) == len(set(said_sharded))
    assert [m for m in said_sharded if "<blort>" in m]
    assert [m for m in said_sharded if "control-characters" in m]


def test_every_content_file_falls_to_exactly_one_shard(tmp_path):
    """Each shard's list of files: together every content file of the book, none twice, each
    in the shard parallel.shard_of names for its path."""
    edition = Edition.load(_crossing(tmp_path))
    one, _ = epub.epub_bytes(edition)
    with zipfile.ZipFile(__import__("io").BytesIO(one)) as zf:
        content = {n for n in zf.namelist() if n.startswith("EPUB/text/")}
    document = saxon.serialized(edition.tree, tmp_path)
    params = epub.book_of(edition, lean=True).params
    shards = 3
    names: list[str] = []
    for shard in range(shards):
        asked = {**params, "phase": "render", "shard": shard, "shards": shards}
        listed, _, _ = epub_shards._run(str(epub.STYLESHEET), document, asked, "x", str(tmp_path))
        mine = [f"EPUB/text/{f.get('name')}.xhtml" for f in etree.fromstring(f"<l>{listed}</l>")[1:]]
        assert all(parallel.shard_of(n, shards) == shard for n in mine)
        assert all((tmp_path / "parts" / Path(n).with_suffix(".xml").name).is_file() for n in mine)
        names += mine
    assert sorted(names) == sorted(content) and len(content) >= 5


def test_a_large_edition_builds_its_epub_in_shards(tmp_path, monkeypatch):
    """`build epub` of a large edition (here: anything, SHARDED_FROM lowered) goes through the shards
    and writes the one-process bytes."""
    edition = Edition.load(_crossing(tmp_path))
    one, _ = epub.epub_bytes(edition)
    called: list[int] = []
    sharded_bytes = epub.sharded_bytes
    monkeypatch.setattr(epub, "SHARDED_FROM", 1)
    monkeypatch.setattr(epub, "sharded_bytes", lambda *a, **k: called.append(1) or sharded_bytes(*a, **k))
    out = tmp_path / "out"
    result = epub.build(edition, out, BuildSettings(exports_dir=out, jobs=2))
    assert called and result.outputs[0].read_bytes() == one


def test_the_merged_index_is_in_reading_order_and_keeps_what_is_asked():
    """The shards' lists merge in the book's reading order (which file holds an id first);
    a phase's index keeps every file and, of the ids, those asked for, in every file that
    holds them."""
    shard0 = '<book lang="en" title="T"/><file n="3" name="c"><i>x</i><i nav="1">p3</i><w>y</w></file>'
    shard1 = ('<book lang="en" title="T"/><file n="1" name="a"><i>y</i><i>z</i></file>'
              '<file n="2" name="b"><i>y</i><w>x</w></file>')
    whole = epub_shards.merged_index([shard0, shard1])
    assert [f.get("name") for f in whole] == ["a", "b", "c"] and whole.get("title") == "T"
    linked = etree.fromstring(epub_shards.index_for(whole, lambda i: i.text in {"x", "y"}))
    kept = [(f.get("name"), [i.text for i in f]) for f in linked]
    assert kept == [("a", ["y"]), ("b", ["y"]), ("c", ["x"])]
    nav = etree.fromstring(epub_shards.index_for(whole, lambda i: i.get("nav") == "1"))
    assert [[i.text for i in f] for f in nav] == [[], [], ["p3"]]
