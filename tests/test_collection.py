"""Every test file under tests/ is collected by the README's test command.

pytest's default ``norecursedirs`` silently skips folders such as ``build``; this test fails if
any ``tests/**/test_*.py`` is left out again, whatever the reason.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected(request: object) -> None:
    session = request.session  # type: ignore[attr-defined]
    collected = {Path(str(item.path)).resolve() for item in session.items}
    on_disk = {p.resolve() for p in TESTS.rglob("test_*.py") if "fixtures" not in p.parts}
    config = request.config  # type: ignore[attr-defined]
    if config.option.keyword or config.option.markexpr:  # -k/-m deselect on purpose
        return
    selected = {p for p in on_disk if any(str(p).startswith(str(a)) for a in _args(request))}
    missing = sorted(str(p.relative_to(TESTS)) for p in selected - collected)
    assert not missing, f"test files not collected: {missing}"


def _args(request: object) -> list[Path]:
    config = request.config  # type: ignore[attr-defined]
    args = [a.split("::")[0] for a in config.args] or [str(TESTS)]
    return [Path(config.rootpath, a).resolve() if not Path(a).is_absolute() else Path(a) for a in args]


def _member(folder: Path, name: str, series: str | None) -> None:
    stmt = f"<seriesStmt><title>{series}</title></seriesStmt>" if series else ""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>'
        f"<titleStmt><title>{name}</title></titleStmt><publicationStmt><p>Test.</p></publicationStmt>{stmt}"
        "<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>Some words.</p></body>"
        "</text></TEI>", encoding="utf-8")


def _title(folder: Path) -> str:
    from teikit.collection import load_collection, tei_files

    edition = load_collection(tei_files(folder), name=folder)
    return edition.root.findtext("{http://www.tei-c.org/ns/1.0}teiHeader//{http://www.tei-c.org/ns/1.0}title")


def test_a_collection_in_a_folder_with_a_generic_name_is_titled_by_its_parent(tmp_path):
    # TEI Publisher's data/, a repository's tei/: "data" named the site, its EPUB and citations
    _member(tmp_path / "shelley-letters" / "data", "a.xml", None)
    _member(tmp_path / "shelley-letters" / "data", "b.xml", None)
    assert _title(tmp_path / "shelley-letters" / "data") == "shelley-letters"
    _member(tmp_path / "poems", "a.xml", None)
    assert _title(tmp_path / "poems") == "poems"


def test_a_collection_is_titled_by_the_series_every_member_names(tmp_path):
    for name in ("a.xml", "b.xml"):
        _member(tmp_path / "tei", name, "Die Korrespondenz  Schnitzlers")
    assert _title(tmp_path / "tei") == "Die Korrespondenz Schnitzlers"
    _member(tmp_path / "tei", "c.xml", "Another series")
    assert _title(tmp_path / "tei") == tmp_path.name


def test_a_members_own_description_of_a_register_entry_is_kept_as_the_same_entity(tmp_path):
    # Schnitzler's letters describe, in their back matter, the places they name, under the
    # register's ID (pmb500) and in words of their own: both kept under one ID made two pages
    # of one file, and the build of any 59 letters with listplace.xml stopped.
    from teikit.build import BuildSettings
    from teikit.build import html as html_builder
    from teikit.collection import load_collection, tei_files

    places = Path(__file__).resolve().parent / "fixtures" / "registers" / "registers" / "places.xml"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "letter.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
        "</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>"
        '</fileDesc></teiHeader><text><body><p>From <placeName ref="#weimar">W.</placeName></p></body>'
        '<back><listPlace><place xml:id="weimar"><placeName>Weimar</placeName><desc>Where the letter was'
        " written, as its editor says</desc></place></listPlace></back></text></TEI>", encoding="utf-8")
    edition = load_collection(tei_files(tmp_path / "in"), name=tmp_path / "in", registers=[places])
    ns = {"tei": "http://www.tei-c.org/ns/1.0"}
    assert len(edition.root.xpath("//*[@xml:id = 'weimar']")) == 1  # the register's
    (own,) = edition.root.xpath("tei:TEI//tei:back//tei:place", namespaces=ns)
    assert own.get("sameAs") == "#weimar"
    result = html_builder.build(edition, tmp_path / "out", BuildSettings(exports_dir=tmp_path / "out"))
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    html = tmp_path / "out" / "html"
    # the letter's mention counts on the register's page; its own words stay on the letter's
    assert "(1)" in (html / "places.html").read_text("utf-8").split('href="weimar.html"')[1][:40]
    assert "Where the letter was written" in (html / "letter.html").read_text("utf-8")
    assert sorted(p.name for p in html.glob("*weimar*")) == ["weimar.html"]


def test_shared_ids_are_renamed_with_every_pointer_to_them_and_nothing_else(tmp_path):
    """A letter's pointers to its own shared IDs follow them (local "#n1" and bare "n1", among
    other tokens of one value); a token naming another ID, a foreign attribute and text stay."""
    from teikit.collection import load_collection

    for n in (1, 2):
        (tmp_path / f"l{n}.xml").write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x" xml:id="L{n}"><teiHeader><fileDesc>'
            "<titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
            "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
            '<p xml:id="p1"><ref target="#n1 #other">#n1</ref><anchor xml:id="a1" corresp="#n1" x:ref="#n1"/>'
            '<note xml:id="n1" target="#a1">n</note><said who="n1">w</said></p></body></text></TEI>',
            encoding="utf-8")
    root = load_collection(sorted(tmp_path.glob("*.xml")), name=tmp_path).root
    tei = "{http://www.tei-c.org/ns/1.0}"
    second = root.findall(f"{tei}TEI")[1]
    assert second.find(f".//{tei}note").get("{http://www.w3.org/XML/1998/namespace}id") == "L2-n1"
    ref = second.find(f".//{tei}ref")
    assert (ref.get("target"), ref.text) == ("#L2-n1 #other", "#n1")
    anchor = second.find(f".//{tei}anchor")
    assert (anchor.get("corresp"), anchor.get("{urn:x}ref")) == ("#L2-n1", "#n1")
    assert second.find(f".//{tei}note").get("target") == "#L2-a1"
    assert second.find(f".//{tei}said").get("who") == "L2-n1"
    first = root.findall(f"{tei}TEI")[0]
    assert first.find(f".//{tei}ref").get("target") == "#n1 #other"


def test_the_working_folder_given_as_dot_is_named_by_its_name(tmp_path: Path, monkeypatch) -> None:
    """`teikit cite .` inside the letters' folder: the collection is the folder's, not ''."""
    from click.testing import CliRunner

    from teikit.cli import cli

    folder = tmp_path / "diaries"
    _member(folder, "a.xml", None)
    _member(folder, "b.xml", None)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["cite", ".", "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir() if not p.name.startswith(".")) == [
        "diaries-bibtex.bib", "diaries.bib", "diaries.json", "diaries.ris"]


def _published(folder: Path, name: str, publisher: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
        f"</titleStmt><publicationStmt><publisher>{publisher}</publisher><date when='2023'/>"
        "</publicationStmt>"
        "<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><p>Words.</p></body>"
        "</text></TEI>", encoding="utf-8")


def test_a_collections_publisher_is_its_members_when_they_agree_and_never_its_own_sentence(tmp_path):
    """The reading edition's "Cite" for a Schnitzler letter said "… Briefwechsel. A collection of
    8 TEI documents., 2023": the sentence the collection's header says itself with was read as
    its publisher. Members that all name one publisher give it; members that differ give none."""
    from teikit.cite.records import citation_records
    from teikit.collection import load_collection, tei_files

    _published(tmp_path / "same", "a.xml", "Austrian Centre for Digital Humanities ")
    _published(tmp_path / "same", "b.xml", "Austrian Centre for Digital Humanities")
    same = load_collection(tei_files(tmp_path / "same"), name=tmp_path / "same")
    assert citation_records(same.tree)["edition"]["publisher"] == "Austrian Centre for Digital Humanities"
    _published(tmp_path / "mixed", "a.xml", "ACDH")
    _published(tmp_path / "mixed", "b.xml", "Berlin-Brandenburgische Akademie")
    mixed = load_collection(tei_files(tmp_path / "mixed"), name=tmp_path / "mixed")
    assert "publisher" not in citation_records(mixed.tree)["edition"]
    authority = mixed.root.findtext(".//{http://www.tei-c.org/ns/1.0}authority")
    assert authority == "A collection of 2 TEI documents."


def test_names_that_fold_together_on_macos_or_windows_are_refused(tmp_path):
    # one EPUB per member (--epub-per-document) and a deposit's copies would be one file there
    import pytest

    from teikit.collection import load_collection, tei_files
    from teikit.errors import InputError

    for pair in (("a-b.xml", "A-B.xml"), ("caf\u00e9.xml", "cafe\u0301.xml")):
        folder = tmp_path / pair[0].replace(".", "_")
        for name in pair:
            _member(folder, name, None)
        with pytest.raises(InputError) as caught:
            load_collection(tei_files(folder), name=folder)
        assert "differ only in case or in the Unicode form" in caught.value.message
        assert caught.value.hint == "rename one of them"


def test_a_name_one_system_cannot_hold_alone_is_read_not_refused(tmp_path):
    # escaped where written (tests/xslt/test_member_page_names.py): only names folding together
    # onto one file are refused
    from teikit.collection import load_collection, tei_files

    for i, name in enumerate(("aux.xml", "line\nbreak.xml", "a:b.xml", "x\u202elmx.xml")):
        folder = tmp_path / str(i)
        _member(folder, "plain.xml", None)
        _member(folder, name, None)
        edition = load_collection(tei_files(folder), name=folder)
        assert len(edition.root.findall("{http://www.tei-c.org/ns/1.0}TEI")) == 2, name


def test_hidden_files_are_named_in_a_notice_not_skipped_in_silence(tmp_path):
    from click.testing import CliRunner

    from teikit.cli import cli
    from teikit.collection import hidden_files, tei_files

    folder = tmp_path / "letters"
    for name in ("a.xml", ".b.xml", "..c.xml"):
        _member(folder, name, None)
    _member(folder / ".trash", "d.xml", None)
    assert [p.name for p in tei_files(folder)] == ["a.xml"]
    assert [p.name for p in hidden_files(folder)] == ["..c.xml", ".b.xml", "d.xml"]
    out = str(tmp_path / "out")
    result = CliRunner().invoke(cli, ["build", "csv", "--edition", str(folder), "--out", out])
    assert result.exit_code == 0, result.output
    assert "notice: 3 hidden file(s) left out of the collection" in result.output
    assert "..c.xml" in result.output and ".trash/d.xml" in result.output


def test_members_numbered_without_zeros_are_read_in_their_numbers_order(tmp_path):
    # brief1 ... brief10 as an edition names them: brief10 is not the second letter
    from teikit import xmlio
    from teikit.check import expand_paths
    from teikit.collection import load_collection, tei_files

    folder = tmp_path / "briefe"
    for n in (1, 2, 10):
        _member(folder, f"brief{n}.xml", None)
    _member(folder / "vol10", "a.xml", None)
    _member(folder / "vol2", "a.xml", None)
    want = ["brief1.xml", "brief2.xml", "brief10.xml", "vol2/a.xml", "vol10/a.xml"]
    assert [p.relative_to(folder).as_posix() for p in tei_files(folder)] == want
    assert [p.relative_to(folder).as_posix() for p in expand_paths([folder])] == want
    edition = load_collection(tei_files(folder), name=folder)
    assert list(edition.members) == want
    # names padded with zeros, and dates, keep the order they had; "01" and "1" one order
    padded = [Path(n) for n in ("1.xml", "01.xml", "1890-05-03.xml", "1890-5-04.xml", "010.xml")]
    assert [p.name for p in sorted(padded, key=xmlio.reading_order)] == [
        "01.xml", "1.xml", "010.xml", "1890-05-03.xml", "1890-5-04.xml"]


def test_a_correspondence_is_titled_and_edited_as_every_letter_says(tmp_path):
    # La Roche's letters to Gerning: every letter is "Sophie von La Roche an Johann Isaak von
    # Gerning", edited by one editor, in a folder named "briefe_tei"
    from teikit.collection import load_collection, tei_files

    folder = tmp_path / "briefe_tei"
    folder.mkdir()
    for n, extra in ((1, "<author>Sophie von La Roche</author>"), (2, "")):
        (folder / f"brief{n}.xml").write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f"<title>Sophie von La Roche an Johann Isaak von Gerning</title>{extra}"
            '<editor xml:id="ed1">Rachel Aimee Georg</editor></titleStmt><publicationStmt><p>x</p>'
            "</publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>"
            "<p>Words.</p></body></text></TEI>", encoding="utf-8")
    edition = load_collection(tei_files(folder), name=folder)
    stmt = edition.root.find("{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc/"
                             "{http://www.tei-c.org/ns/1.0}titleStmt")
    assert [(c.tag.rpartition("}")[2], c.text) for c in stmt] == [
        ("title", "Sophie von La Roche an Johann Isaak von Gerning"), ("editor", "Rachel Aimee Georg")]
    assert stmt[1].get("{http://www.w3.org/XML/1998/namespace}id") is None  # the letters keep their ids
    # one word every member gives is no title for a whole: the folder names it then
    for path in folder.iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace(
            "Sophie von La Roche an Johann Isaak von Gerning", "Letter"), encoding="utf-8")
    assert _title(folder) == "briefe_tei"


def test_xml_of_another_vocabulary_in_the_folder_is_left_out_and_named(tmp_path):
    # a Perseus or PTA repository keeps a CapiTainS __cts__.xml beside every text: the build
    # of the folder was refused for it (exit 2), while check of the folder skips it
    from click.testing import CliRunner

    from teikit.cli import cli
    from teikit.collection import foreign_files, tei_files

    folder = tmp_path / "texts"
    _member(folder, "a.xml", None)
    _member(folder / "work1", "b.xml", None)
    (folder / "work1" / "__cts__.xml").write_text(
        '<work xmlns="http://chs.harvard.edu/xmlns/cts"><title>b</title></work>', encoding="utf-8")
    (folder / "p4.xml").write_text("<TEI.2><text><body><p>old</p></body></text></TEI.2>", encoding="utf-8")
    assert [p.name for p in tei_files(folder)] == ["a.xml", "p4.xml", "b.xml"]
    assert [p.name for p in foreign_files(folder)] == ["__cts__.xml"]
    (folder / "p4.xml").unlink()  # TEI P4 is TEI: a member, refused with how to convert it
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 XML file(s) that are not TEI left out of the collection (another vocabulary)" in result.output
    assert "__cts__.xml" in result.output
