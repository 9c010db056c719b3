"""notes.number-gap: notes numbered afresh in each section, or through the book."""

from __future__ import annotations

from teikit.check import check_paths


def _gaps(tmp_path, sections: list[list[int]]) -> list[str]:
    body, notes = [], []
    for k, numbers in enumerate(sections, 1):
        refs = "".join(f'<ref type="noteref" n="{n}" xml:id="c{k}-r{n}" target="#c{k}-n{n}">{n}</ref>'
                       for n in numbers)
        body.append(f'<div type="chapter" xml:id="c{k}"><p>text{refs}</p></div>')
        notes.append(f'<div type="notes-section" xml:id="notes-c{k}" corresp="#c{k}">' + "".join(
            f'<note type="endnote" place="end" n="{n}" xml:id="c{k}-n{n}" target="#c{k}-r{n}"><p>a</p></note>'
            for n in numbers) + "</div>")
    path = tmp_path / "notes.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>' + "".join(body)
                    + '</body><back><div type="notes" xml:id="notes">' + "".join(notes)
                    + "</div></back></text></TEI>", encoding="utf-8")
    result = check_paths([path])
    return [d.message for d in result.diagnostics if d.code == "notes.number-gap"]


def test_numbered_afresh_in_each_section(tmp_path):
    assert _gaps(tmp_path, [[1, 2], [1, 2, 3]]) == []


def test_numbered_through_the_book(tmp_path):
    # a section may begin one after the last number of the section before it
    assert _gaps(tmp_path, [[1, 2], [3, 4], [5]]) == []


def test_a_gap_between_sections_or_inside_one_is_reported(tmp_path):
    assert _gaps(tmp_path, [[1, 2], [4, 5]]) == ["note 4 follows note 0: 1-3 missing"]
    assert _gaps(tmp_path, [[1, 2], [3, 5]]) == ["note 5 follows note 3: 4 missing"]
