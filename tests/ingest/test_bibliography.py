"""The bibliography pass: real entries of the printed bibliography, grouping, IDs, pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from teikit import paths
from teikit.ingest import bibliography, book
from teikit.ingest.bibliography_parse import group_lines, parse_entry, parse_names
from teikit.ingest.context import IngestContext, SourceText
from teikit.xmlio import NSMAP, TEI_NS, XML_ID

SOURCE = paths.PROJECT_ROOT / "tei" / "source" / "bazhanov-1990.txt"
T = f"{{{TEI_NS}}}"


def _region(lines: list[str]) -> tuple[int, int]:
    """Like the structure pass: from the page marker before the heading to the one before Index."""
    head = next(i for i, s in enumerate(lines) if s.strip() == "Select Bibliography")
    start = max(i for i in range(head) if lines[i].startswith("Page "))
    index = next(i for i in range(head, len(lines)) if lines[i].strip() == "Index")
    end = max(i for i in range(index) if lines[i].startswith("Page "))
    return start, end


def _ctx(lines: list[str], region: tuple[int, int]) -> IngestContext:
    ctx = IngestContext(source=SourceText(Path("book.txt"), lines), editorial_dir=paths.EDITORIAL_DIR)
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    div = etree.SubElement(etree.SubElement(etree.SubElement(root, T + "text"), T + "back"), T + "div",
                           type="bibliography")
    div.set(XML_ID, "bibliography")
    ctx.tree = root.getroottree()
    ctx.regions["bibliography"] = region
    return ctx


@pytest.fixture(scope="module")
def built() -> IngestContext:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    ctx = _ctx(lines, _region(lines))
    bibliography.run(ctx)
    return ctx


def xp(ctx: IngestContext, path: str) -> list:
    return ctx.root.xpath(path, namespaces=NSMAP)


def test_groups_follow_printed_subheadings(built: IngestContext) -> None:
    assert xp(built, "//tei:div/tei:head/text()") == ["Select Bibliography"]
    assert xp(built, "//tei:listBibl/tei:head/text()") == [
        "Reviews, Journals, Catalogs", "Bibliography", "Encyclopedias"]
    counts = [len(lb.findall(T + "biblStruct")) for lb in xp(built, "//tei:listBibl")]
    # 65 printed entries, Barmine's lists two works; 7 periodicals; 1; 3 encyclopedias.
    assert counts == [66, 7, 1, 3]
    assert built.diagnostics == []


def test_ids_unique_and_well_formed(built: IngestContext) -> None:
    ids = xp(built, "//tei:biblStruct/@xml:id")
    assert len(ids) == len(set(ids)) == 77
    assert all(i.startswith("bib-") and i == i.lower() and i.isascii() for i in ids)
    assert "bib-brooksheperd-1978" in ids and "bib-russian-review" in ids


def test_page_marker_and_inferred_pages(built: IngestContext) -> None:
    pbs = xp(built, "//tei:pb")
    assert [pb.get("n") for pb in pbs] == ["273", "274", "275", "276"]
    assert pbs[0].get("type") is None and pbs[0].getparent().tag == T + "div"
    assert all(pb.get("type") == "inferred" and pb.get("resp") == "#teikit" for pb in pbs[1:])


def test_rerun_on_a_div_with_pages_already_placed_keeps_one_pb_per_page() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    ctx = _ctx(lines, _region(lines))
    div = xp(ctx, "//tei:div")[0]
    etree.SubElement(div, T + "pb", {"n": "273", XML_ID: "p273"})
    etree.SubElement(div.getparent(), T + "pb", {"n": "275", XML_ID: "p275"})  # placed elsewhere
    bibliography.run(ctx)
    assert sorted(xp(ctx, "//tei:pb/@n")) == ["273", "274", "275", "276"]


def _bibl(ctx: IngestContext, bib_id: str) -> etree._Element:
    return xp(ctx, f"//tei:biblStruct[@xml:id='{bib_id}']")[0]


def test_two_works_in_one_entry_and_reprint(built: IngestContext) -> None:
    second = _bibl(built, "bib-barmine-1973")
    assert second.findtext(f".//{T}title") == "Memoirs of a Soviet Diplomat"
    assert second.findtext(f".//{T}publisher") == "Hyperion"
    assert second.findtext(f".//{T}pubPlace") == "Westport"
    assert second.find(f"{T}note[@type='reprint']") is not None
    assert _bibl(built, "bib-barmine-1945").find(f"{T}note") is None


def test_place_before_publisher_and_variant_name(built: IngestContext) -> None:
    b = _bibl(built, "bib-bazhanov-1931")
    assert b.findtext(f".//{T}pubPlace") == "Berlin" and b.findtext(f".//{T}publisher") == "P. Aretz"
    assert b.findtext(f".//{T}addName[@type='variant']") == "Bajanov"
    assert "".join(b.find(f".//{T}persName").itertext()) == "Bazhanov, Boris (Bajanov)"


def test_editor_pseudonym_and_title_first_entries(built: IngestContext) -> None:
    block = _bibl(built, "bib-block-1975")
    assert block.find(f".//{T}editor/{T}persName/{T}surname").text == "Block"
    romanov = _bibl(built, "bib-romanov-1972")
    assert romanov.find(f".//{T}persName[@type='pseudonym']/{T}surname").text == "Romanov"
    assert "true name unknown" in romanov.findtext(f".//{T}author/{T}note")
    foster = _bibl(built, "bib-foster-1970")
    assert foster.findtext(f".//{T}author//{T}forename") == "Ludmila A."
    assert foster.findtext(f".//{T}publisher") == "G. K. Hall"
    gse = _bibl(built, "bib-prokhorov-1973")
    names = [etree.QName(c).localname for c in gse.find(f"{T}monogr")]
    assert names == ["title", "editor", "imprint"]
    assert gse.findtext(f".//{T}roleName") == "Editor in chief"


def test_periodicals_are_level_j(built: IngestContext) -> None:
    titles = xp(built, "//tei:listBibl[tei:head='Reviews, Journals, Catalogs']//tei:title")
    assert {t.get("level") for t in titles} == {"j"}
    assert titles[1].text == "Russian Review"


@pytest.mark.parametrize(("line", "publisher", "place", "year"), [
    ("Tuominen, Arvo. *The Bells of the Kremlin*. University of New England, Hanover, N.H., 1983.",
     "University of New England", "Hanover, N.H.", "1983"),
    ("Cohen, Stephen F. *Rethinking the Soviet Experience*, Oxford University Press, 1985.",
     "Oxford University Press", "", "1985"),
    ("Pirogov, Peter. *Why I Escaped*. Duell, Sloan, Pierce, New York, 1950.",
     "Duell, Sloan, Pierce", "New York", "1950"),
    ("Modern Encyclopedia of Russian & Soviet History. Academic International Press, Gulf Breeze, "
     "Florida, 1978. (J. L. Wieczhinski, Editor.)",
     "Academic International Press", "Gulf Breeze, Florida", "1978"),
])
def test_imprints(line: str, publisher: str, place: str, year: str) -> None:
    (work,) = parse_entry(line, book.load(paths.EDITORIAL_DIR).place_qualifiers)
    assert (work.publisher, work.place, work.year) == (publisher, place, year)


def test_names() -> None:
    corson = parse_names("Corson, William, and Crowley, Robert")
    assert [(n.surname, n.forename) for n in corson] == [("Corson", "William"), ("Crowley", "Robert")]
    medvedev = parse_names("Medvedev, Zhores and Medvedev, Roy")
    assert [n.forename for n in medvedev] == ["Zhores", "Roy"]
    assert parse_names("Getty, J. A")[0].forename == "J. A."


def test_title_with_years_keeps_them() -> None:
    (work,) = parse_entry("Trotsky, Leon D. *The Challenge of the Left Opposition (1923-25)*. "
                          "Pathfinder, New York, 1975 (reprint).")
    assert work.title == "The Challenge of the Left Opposition (1923-25)" and work.reprint


def test_unreadable_imprint_is_kept_as_note() -> None:
    (work,) = parse_entry("Doe, John. *A Book*. Somewhere without a year.")
    assert work.notes == ["Somewhere without a year"] and not work.year


def test_grouping_heuristic() -> None:
    items = list(enumerate(["Doe, J. *A*. P, London, 1950.", "Journals", "Review One", "Review Two",
                            "Extra", "A Title. P, Paris, 1960.", "(A. B. Cee, Editor.)"]))
    groups = group_lines(items)
    assert [g.head for g in groups] == [None, "Journals", "Extra"]
    assert [len(g.entries) for g in groups] == [1, 2, 1]
    assert groups[2].entries[0].works[0].names[0].surname == "Cee"


def test_no_entries_is_an_error() -> None:
    lines = ["Page 1", "Select Bibliography", "", "Page 2"]
    ctx = _ctx(lines, (0, 3))
    bibliography.run(ctx)
    assert [d.code for d in ctx.diagnostics] == ["bibliography.empty"]


def test_nothing_printed_is_dropped(built: IngestContext) -> None:
    """Every word of every printed entry is in the division's text (as many times or more)."""
    from collections import Counter

    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    start, end = _region(lines)
    printed = " ".join(s for s in lines[start:end] if not s.startswith("Page "))
    div = xp(built, "//tei:div[@type='bibliography']")[0]
    words = Counter(re.findall(r"\w+", printed))
    encoded = Counter(re.findall(r"\w+", " ".join(div.itertext())))
    # The "and" joining co-authors is the only word not kept (monogr has no text between names).
    assert words - encoded == Counter({"and": 4})


def test_lines_that_are_not_entries_are_reported() -> None:
    lines = ["Page 1", "Select Bibliography", "", "Doe, John. *A Book*. Putnam, New York, 1950.", "",
             "This sentence mentions 1923 but it is no entry at all", "", "Page 2"]
    ctx = _ctx(lines, (0, 7))
    bibliography.run(ctx)
    assert [(d.code, d.line) for d in ctx.diagnostics] == [("bibliography.no-imprint", 6)]


def test_titles_in_the_notes_point_at_their_entry() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    ctx = _ctx(lines, _region(lines))
    back = xp(ctx, "//tei:back")[0]
    note = etree.SubElement(etree.SubElement(back, T + "div", type="notes"), T + "note")
    titles = ["Gulag Archipelago", "The Storm Petrels", "Memoirs", "Stalin", "A Book Nobody Wrote"]
    for text in titles:
        etree.SubElement(note, T + "title", level="m").text = text
    bibliography.run(ctx)
    refs = [t.get("ref") for t in note.findall(T + "title")]
    # Main titles link; one-word titles ("Memoirs" is Kennan's, "Stalin" Levine's) stay unlinked.
    assert refs == ["#bib-solzhenitsyn-1973", "#bib-brooksheperd-1978", None, None, None]


def test_a_title_two_entries_share_is_not_linked(built: IngestContext) -> None:
    from teikit.ingest.bibliography import title_index

    index = title_index(xp(built, "//tei:div[@type='bibliography']")[0])
    # Trotsky's "The Russian Revolution" and Chamberlin's "The Russian Revolution, 1917-21".
    assert "russian revolution" not in index
    assert index["russian revolution 1917 21"] == "bib-chamberlin-1952"
    assert "stalin" not in index
