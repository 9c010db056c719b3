"""The facts Python works out for the HTML stylesheet (member-chars, id-clashes: what every
worker of a divided build would otherwise work out over the whole collection) give the site
the stylesheet gives when it works them out itself."""

from __future__ import annotations

import filecmp
from pathlib import Path

from teikit.build import BuildSettings, html
from teikit.collection import load_collection

_LETTER = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"{id}><teiHeader><fileDesc><titleStmt><title>{title}</title>'
           "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
           "</fileDesc></teiHeader><text><body>{body}</body></text></TEI>")
WORDS = "Words. " * 3000  # 21,000 characters: two such parts are more than a page (member-page-chars)


def _collection(folder: Path) -> None:
    folder.mkdir()
    # two IDs that fold to one name (Note1, note1: pages of a long member), long members
    (folder / "a.xml").write_text(_LETTER.format(id=' xml:id="A"', title="A", body=(
        '<div xml:id="Note1"><p>First <ref target="#note1">there</ref>.</p><p>' + WORDS + "</p></div>"
        '<div xml:id="note1"><p>Second.</p><p>' + WORDS + "</p></div>")), encoding="utf-8")
    (folder / "b.xml").write_text(_LETTER.format(id="", title="B", body="<p>Short letter.</p>"),
                                  encoding="utf-8")
    long_divs = "".join(f"<div><head>Part {i}</head><p>{WORDS}</p></div>" for i in range(5))
    (folder / "long.xml").write_text(_LETTER.format(id=' xml:id="long"', title="Long", body=long_divs),
                                     encoding="utf-8")


def test_worked_out_facts_give_the_same_site(tmp_path: Path):
    folder = tmp_path / "letters"
    _collection(folder)
    edition = load_collection(sorted(folder.glob("*.xml")), name=folder)
    settings = BuildSettings(exports_dir=tmp_path / "exports")
    params, _ = html.page_params(edition, settings)
    assert params["id-clashes"] == "note1"
    assert params["member-chars"].startswith('{"a.xml": ') and '"long.xml": ' in params["member-chars"]
    given, counted = tmp_path / "given", tmp_path / "counted"
    html.write_pages(edition.tree, params, settings, given, str(folder))
    left_out = {k: v for k, v in params.items() if k not in ("id-clashes", "member-chars")}
    html.write_pages(edition.tree, left_out, settings, counted, str(folder))
    names = sorted(p.name for p in given.iterdir())
    assert names == sorted(p.name for p in counted.iterdir())
    assert any(n.startswith("long.") for n in names) and "b.html" in names  # taken apart; one page
    _, differ, errors = filecmp.cmpfiles(given, counted, names, shallow=False)
    assert not differ and not errors


def test_ids_other_than_plain_ascii_are_left_to_the_stylesheet(tmp_path: Path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.xml").write_text(_LETTER.format(id=' xml:id="Ärger"', title="A", body="<p>x</p>"),
                                  encoding="utf-8")
    (folder / "b.xml").write_text(_LETTER.format(id="", title="B", body="<p>y</p>"), encoding="utf-8")
    edition = load_collection(sorted(folder.glob("*.xml")), name=folder)
    worked = html.worked_out(edition)
    assert "id-clashes" not in worked and set(worked) == {"member-chars"}
