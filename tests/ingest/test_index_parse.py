"""Parsing the printed index: real lines from the source, and properties of the locator parser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from teikit import paths
from teikit.ingest.index_parse import (
    Entry,
    Overrides,
    PageMark,
    expand_end,
    parse_index,
    parse_locators,
    roman_to_int,
)
from teikit.ingest.persons_names import parse_person_heading
from teikit.ingest.persons_registry import load_editorial

ROLES = load_editorial(paths.EDITORIAL_DIR)["index"]["role_words"]


def _parse(text: str, overrides: Overrides | None = None):
    return parse_index(["Index", "", *text.strip("\n").splitlines()], 0, overrides)


def _locs(entry: Entry) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return [(loc.kind, loc.start, loc.end, loc.notes) for loc in entry.locators]


def test_entry_broken_after_comma_and_note_pushed_to_next_line() -> None:
    sections = _parse("""
A

Agabekov, Georgy Sergeevich (p Aruntov; p Ovsepián),
Soviet defector, viii, 191-92, 230, 238 n5, 268 n5

Akhmatova, Anna Andreevna (née Gorenko), 163, 266
n3
""")
    agabekov, akhmatova = sections[0].items
    assert agabekov.head == "Agabekov, Georgy Sergeevich (p Aruntov; p Ovsepián), Soviet defector,"
    assert _locs(agabekov) == [
        ("page", "viii", None, ()), ("range", "191", "192", ()), ("page", "230", None, ()),
        ("note", "238", None, ("5",)), ("note", "268", None, ("5",)),
    ]
    assert _locs(akhmatova) == [("page", "163", None, ()), ("note", "266", None, ("3",))]


def test_note_after_comma_two_notes_and_range_with_note() -> None:
    sections = _parse("""
A

Alliluyeva, Nadezhda Sergeevna ("Nadia," Stalin's second wife), 36, 110-12, 249, n4

B

Bessedovsky, Grigori Z. (p Kalinov; p Krylov), Soviet defector, viii, 204-07, 238 n2 and n5, 269 n4

V

Vrangel, General Baron Pyotr, 262-63 n7
""")
    a, b, v = (s.items[0] for s in sections)
    assert _locs(a)[-1] == ("note", "249", None, ("4",))
    assert ("note", "238", None, ("2", "5")) in _locs(b)
    assert ("range", "204", "207", ()) in _locs(b)
    assert _locs(v) == [("note", "262", "263", ("7",))]


def test_passim_onward_and_hyphenated_break() -> None:
    sections = _parse("""
M

p Molotov, Vyacheslav Mikhailovich (né Skriabin),
11 *passim* onward 241 n6

Mekhlis, Lev Zakharovich, 37, 57-59, 65-66, 75, 92-
95 *passim*, 100, 105, 108, 144, 250 n10

V

p Volodarsky, Moisei Markovich (né Gol'shtein), assass-
inated, 6, 240 n13
""")
    molotov, mekhlis = sections[0].items
    (volodarsky,) = sections[1].items
    assert _locs(molotov) == [("page", "11", None, ()), ("note", "241", None, ("6",))]
    assert ("range", "92", "95", ()) in _locs(mekhlis)
    assert "assassinated" in volodarsky.text


def test_sub_entries_page_marks_and_overrides() -> None:
    sections = _parse("""
S

p Stalin, Iosip Vissarionovich (né Djugashvili), vii *passim* onward

anti-semitism of, 16, 26-27, 58-59, 144-46

Page 284

 Secretariat, 37, 93-96, 108-09
 Svetlana, daughter of, by Alliluyeva, 104, 108, 110, 145,
 265 n8
 Stasova, Elena Dmitrievna, 14, 19, 242 n14
""", Overrides(sub=("Secretariat, 37", "Svetlana, daughter of")))
    items = sections[0].items
    assert [type(i) for i in items] == [Entry, Entry]
    stalin, stasova = items
    assert stasova.head.startswith("Stasova")
    kinds = [type(c).__name__ for c in stalin.children]
    assert kinds == ["Entry", "PageMark", "Entry", "Entry"]
    assert isinstance(stalin.children[1], PageMark) and stalin.children[1].n == "284"
    assert _locs(stalin.children[3])[-1] == ("note", "265", None, ("8",))


def test_layout_prefixes_dropped_and_lower_case_lines_are_sub_entries() -> None:
    sections = _parse("""
L

p Lenin, Vladimir Ilich (né Ulyanov), xvi

Bazhanov's Party statutes proposal, 12

- character and motivation of, 82-83, 108
 - Lisitsyn (fnu), Kaganovich deputy, 12
""")
    lenin, lisitsyn = sections[0].items
    assert [c.head for c in lenin.children] == ["Bazhanov's Party statutes proposal,",
                                                 "character and motivation of,"]
    assert lisitsyn.head == "Lisitsyn (fnu), Kaganovich deputy,"


def test_quoted_heading_keeps_its_closing_quote() -> None:
    (entry,) = _parse('F\n"Forty-six, declaration of the," 54-55')[0].items
    assert entry.head == '"Forty-six, declaration of the,"'
    assert _locs(entry) == [("range", "54", "55", ())]


def test_person_headings() -> None:
    kaplan = parse_person_heading(
        "p Kaplan, Fanny (aka Fania Royd, Dora Kaplan, née Feiga Efimova Roidman), attempt to murder Lenin,")
    assert (kaplan.surname, kaplan.forename) == ("Kaplan", "Fanny")
    assert kaplan.aka == ["Fania Royd", "Dora Kaplan"]
    assert kaplan.birth == ["Feiga Efimova Roidman"]
    assert kaplan.printed_pseudonym and kaplan.description == ["attempt to murder Lenin"]
    josse = parse_person_heading("Josse, Lt. Col. (fnu), Bazhanov's French interrogator,", ROLES)
    assert josse.fnu and josse.forename is None and josse.roles == ["Lt. Col."]
    sasha = parse_person_heading('p Volodarsky, A. M. ("Sasha," né Gol\'shtein),')
    assert sasha.nicknames == ["Sasha"] and sasha.birth == ["Gol'shtein"] and sasha.forename == "A. M."
    bombin = parse_person_heading('Bombin (fnu, aka "Bombik"),')
    assert bombin.fnu and bombin.aka == ["Bombik"]
    blucher = parse_person_heading("Blucher, Marshal Vasily Konstantinovich,", ROLES)
    assert blucher.roles == ["Marshal"] and blucher.forename == "Vasily Konstantinovich"


# ---------------------------------------------------------------- properties

pages = st.integers(min_value=1, max_value=300)
romans = st.sampled_from(["i", "ii", "iv", "vii", "viii", "ix", "x", "xi", "xii", "xiv", "xvi", "xvii"])


@st.composite
def locator(draw) -> tuple[str, tuple]:
    kind = draw(st.sampled_from(["page", "roman", "range", "note", "twonotes", "rangenote"]))
    a = draw(pages)
    b = a + draw(st.integers(min_value=1, max_value=20))
    n = str(draw(st.integers(min_value=1, max_value=40)))
    if kind == "page":
        return str(a), ("page", str(a), None, ())
    if kind == "roman":
        r = draw(romans)
        return r, ("page", r, None, ())
    short = str(b)[-2:] if len(str(b)) == 3 and str(b)[0] == str(a)[0] and len(str(a)) == 3 else str(b)
    if kind == "range":
        return f"{a}-{short}", ("range", str(a), str(b), ())
    if kind == "note":
        return f"{a} n{n}", ("note", str(a), None, (n,))
    if kind == "twonotes":
        return f"{a} n{n} and n{int(n) + 1}", ("note", str(a), None, (n, str(int(n) + 1)))
    return f"{a}-{short} n{n}", ("note", str(a), str(b), (n,))


@given(st.lists(locator(), min_size=1, max_size=8))
def test_locator_runs_round_trip(locs: list[tuple[str, tuple]]) -> None:
    text = ", ".join(t for t, _ in locs)
    found = parse_locators(text)
    assert [(f.kind, f.start, f.end, f.notes) for f in found] == [want for _, want in locs]
    # spans cover exactly the printed locators
    assert [text[f.span[0]:f.span[1]] for f in found] == [t for t, _ in locs]


@given(pages, st.integers(min_value=0, max_value=99))
def test_expand_end_never_goes_backwards(start: int, delta: int) -> None:
    end = start + delta
    same_hundred = len(str(end)) == len(str(start)) == 3 and str(end)[0] == str(start)[0]
    short = str(end)[-2:] if same_hundred else str(end)
    assert expand_end(str(start), short) == str(end)


def test_roman_values() -> None:
    assert [roman_to_int(r) for r in ("i", "iv", "ix", "xiv", "xvii", "xl")] == [1, 4, 9, 14, 17, 40]
