"""`teikit assemble`: a document's XInclude inclusions joined into one TEI file, safely.

Each case writes a small edition of files in a temporary folder and runs the real command
(click's runner); refusals are checked for their exit status, and for the file and line
and what to do that their message gives.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit import assemble
from teikit.cli import cli

TEI = "http://www.tei-c.org/ns/1.0"
XI = "http://www.w3.org/2001/XInclude"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>A book</title></titleStmt><publicationStmt><p>x</p>"
          "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>")


def _main(folder: Path, body: str, name: str = "main.xml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'<TEI xmlns="{TEI}" xmlns:xi="{XI}">{HEADER}\n<text><body>\n{body}\n</body></text>'
                    "</TEI>", encoding="utf-8")
    return path


def _part(path: Path, xml: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(xml, encoding="utf-8")
    return path


def _run(*args: str | Path):
    return CliRunner().invoke(cli, ["assemble", *map(str, args)])


def _words(path: Path) -> str:
    root = etree.parse(str(path)).getroot()
    return " ".join(" ".join(root.find(f"{{{TEI}}}text").itertext()).split())


def test_chapters_shared_parts_text_and_fallbacks_are_joined_in_place(tmp_path):
    book = tmp_path / "book"
    main = _main(book, '<xi:include href="ch/one.xml"/>\n<xi:include href="ch/two.xml" xpointer="two"/>\n'
                       '<div><p>Motto: <xi:include href="motto.txt" parse="text"/> end.</p></div>\n'
                       '<xi:include href="lost.xml"><xi:fallback><p>Chapter three is lost.</p></xi:fallback>'
                       '</xi:include>')
    _part(book / "ch" / "one.xml", f'<div xmlns="{TEI}" xmlns:xi="{XI}"><head>One</head><p>First words.</p>'
                                   '<xi:include href="../shared/note.xml"/></div>')
    _part(book / "shared" / "note.xml", f'<note xmlns="{TEI}">A shared note.</note>')
    _part(book / "ch" / "two.xml", f'<TEI xmlns="{TEI}">{HEADER}<text><body><div xml:id="two">'
                                   "<head>Two</head><p>Second words.</p></div></body></text></TEI>")
    (book / "motto.txt").write_text("To be & not <to> be", encoding="utf-8")
    out = tmp_path / "joined.xml"
    result = _run(main, "-o", out)
    assert result.exit_code == 0, result.output
    assert _words(out) == ("One First words. A shared note. Two Second words. "
                           "Motto: To be & not <to> be end. Chapter three is lost.")
    text = out.read_text(encoding="utf-8")
    assert XI not in text  # no inclusion, and no unused declaration, is left
    assert ("from main.xml and the files it includes (ch/one.xml, shared/note.xml, ch/two.xml, "
            "motto.txt)") in text
    assert "'lost.xml' does not exist: its xi:fallback was used" in result.output
    # the joined file is an edition teikit reads like any other
    built = CliRunner().invoke(cli, ["check", str(out)])
    assert built.exit_code in (0, 1) and "input.unusable" not in built.output


def test_a_header_inclusion_is_joined_too(tmp_path):
    # EpiDoc corpora include one shared encodingDesc in every file: joined, it is read
    main = tmp_path / "ins.xml"
    main.write_text(f'<TEI xmlns="{TEI}" xmlns:xi="{XI}"><teiHeader><fileDesc><titleStmt><title>t</title>'
                    "</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>"
                    '</fileDesc><xi:include href="encoding-desc.xml"/></teiHeader><text><body><ab>Text</ab>'
                    "</body></text></TEI>", encoding="utf-8")
    _part(tmp_path / "encoding-desc.xml",
          f'<encodingDesc xmlns="{TEI}"><p>Leiden conventions.</p></encodingDesc>')
    assert _run(main, "-o", tmp_path / "out.xml").exit_code == 0
    joined = etree.parse(str(tmp_path / "out.xml"))
    assert joined.findtext(f"{{{TEI}}}teiHeader/{{{TEI}}}encodingDesc/{{{TEI}}}p") == "Leiden conventions."


@pytest.mark.parametrize("pointer, words", [
    ("element(/1/2)", "B"), ("element(sec/2)", "D"), ("xpointer(id('sec'))", "C D"), ("sec", "C D")])
def test_pointers_by_id_and_by_child_sequence(tmp_path, pointer, words):
    _part(tmp_path / "parts.xml", f'<div xmlns="{TEI}"><p>A</p><p>B</p><div xml:id="sec"><p>C</p><p>D</p>'
                                  "</div></div>")
    main = _main(tmp_path, f'<div><xi:include href="parts.xml" xpointer="{pointer}"/></div>')
    assert _run(main, "-o", tmp_path / "out.xml").exit_code == 0
    assert _words(tmp_path / "out.xml") == words


@pytest.mark.parametrize("href, says", [
    ("/etc/passwd", "by an absolute path"),
    ("../secret.xml", "outside the edition's folder"),
    ("http://example.org/ch.xml", "an address, not a file of the edition"),
    ("file:///etc/passwd", "an address, not a file of the edition"),
    ("linked.xml", "outside the edition's folder"),
    ("missing.xml", "does not exist"),
])
def test_inclusions_outside_the_folder_or_of_nothing_are_refused(tmp_path, href, says):
    (tmp_path / "secret.xml").write_text(f'<p xmlns="{TEI}">private</p>', encoding="utf-8")
    book = tmp_path / "book"
    main = _main(book, f'<p>x</p>\n<xi:include href="{href}"/>')
    (book / "linked.xml").symlink_to(tmp_path / "secret.xml")  # a link inside, to a file outside
    out = tmp_path / "out.xml"
    result = _run(main, "-o", out)
    assert result.exit_code == 2
    assert f"{main}:4:" in result.output and says in result.output and "hint:" in result.output
    assert not out.exists()


def test_entities_in_an_included_file_are_refused_as_everywhere(tmp_path):
    _part(tmp_path / "ch.xml", '<!DOCTYPE p [<!ENTITY e SYSTEM "/etc/passwd">]>'
                               f'<p xmlns="{TEI}">&e;</p>')
    main = _main(tmp_path, '<xi:include href="ch.xml"/>')
    result = _run(main, "-o", tmp_path / "out.xml")
    assert result.exit_code == 2 and "ch.xml" in result.output and "root:" not in result.output


def test_a_loop_of_inclusions_is_refused(tmp_path):
    _part(tmp_path / "a.xml", f'<div xmlns="{TEI}" xmlns:xi="{XI}"><xi:include href="b.xml"/></div>')
    _part(tmp_path / "b.xml", f'<div xmlns="{TEI}" xmlns:xi="{XI}"><xi:include href="a.xml"/></div>')
    main = _main(tmp_path, '<xi:include href="a.xml"/>')
    result = _run(main, "-o", tmp_path / "out.xml")
    assert result.exit_code == 2 and "leads back to a file that includes it" in result.output
    assert "b.xml:1:" in result.output


def test_inclusions_that_multiply_stop(tmp_path, monkeypatch):
    # each level includes the next ten times: 10**6 copies of the last, a "billion laughs"
    # made of files; stopped at the limit (lowered here so that the test is quick)
    monkeypatch.setattr(assemble, "MAX_INCLUSIONS", 2_000)
    for level in range(6):
        inner = "".join(f'<xi:include href="l{level + 1}.xml"/>' for _ in range(10))
        _part(tmp_path / f"l{level}.xml", f'<div xmlns="{TEI}" xmlns:xi="{XI}">{inner}</div>')
    _part(tmp_path / "l6.xml", f'<p xmlns="{TEI}">ha</p>')
    main = _main(tmp_path, '<xi:include href="l0.xml"/>')
    result = _run(main, "-o", tmp_path / "out.xml")
    assert result.exit_code == 2 and "more than 2,000 inclusions" in result.output


def test_the_output_never_replaces_an_input_or_a_file_teikit_did_not_write(tmp_path):
    _part(tmp_path / "ch.xml", f'<p xmlns="{TEI}">words</p>')
    main = _main(tmp_path, '<xi:include href="ch.xml"/>')
    assert _run(main, "-o", tmp_path / "ch.xml").exit_code == 2
    assert (tmp_path / "ch.xml").read_text(encoding="utf-8") == f'<p xmlns="{TEI}">words</p>'
    mine = tmp_path / "thesis.xml"
    mine.write_text("<thesis/>", encoding="utf-8")
    result = _run(main, "-o", mine)
    assert result.exit_code == 2 and "was not written by teikit assemble" in result.output
    assert mine.read_text(encoding="utf-8") == "<thesis/>"
    out = tmp_path / "joined.xml"
    assert _run(main, "-o", out).exit_code == 0
    first = out.read_bytes()
    assert _run(main, "-o", out).exit_code == 0  # its own output it replaces, byte for byte the same
    assert out.read_bytes() == first


def test_the_readers_refusal_names_the_command_that_joins(tmp_path):
    main = _main(tmp_path, '<xi:include href="ch.xml"/>')
    result = CliRunner().invoke(cli, ["check", str(main)])
    assert result.exit_code == 2 and "teikit assemble" in result.output


def test_no_file_outside_is_read_through_a_linked_folder(tmp_path):
    outside = tmp_path / "outside"
    _part(outside / "ch.xml", f'<p xmlns="{TEI}">private</p>')
    book = tmp_path / "book"
    main = _main(book, '<xi:include href="parts/ch.xml"/>')
    os.symlink(outside, book / "parts")
    result = _run(main, "-o", tmp_path / "out.xml")
    assert result.exit_code == 2 and "outside the edition's folder" in result.output
