"""A collection edition: a folder of TEI documents built as one site, one EPUB, one set of CSVs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from teikit.build import preservation
from teikit.cli import cli
from teikit.collection import load_collection, tei_files
from tests.build.test_epub import epubcheck, problems

RENDER = Path(__file__).resolve().parents[1] / "fixtures" / "render"
MEMBERS = {"1888-05-03.xml": "nested-text.xml", "1888-06-01.xml": "notes.xml", "1888-07-10.xml": "drama.xml"}


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name, fixture in MEMBERS.items():
        shutil.copyfile(RENDER / fixture, folder / name)
    return folder


def test_a_folder_builds_into_one_site_and_one_epub_with_every_word(letters, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--edition", str(letters), "--out", str(out)])
    assert result.exit_code == 0, result.output
    edition = load_collection(tei_files(letters), name=letters)
    source, where = preservation.tei_words(edition.tree)
    for fixture in MEMBERS.values():  # every member's words are part of the collection
        own, _ = preservation.tei_words(load_collection([RENDER / fixture], name=letters).tree)
        assert not own - source
    html = preservation.compare(source, where, preservation.site_words(out / "html"), "HTML")
    epub = preservation.compare(source, where, preservation.epub_words(out / "letters.epub"), "EPUB")
    assert not html.lost and not epub.lost
    toc = (out / "html" / "toc.html").read_text()
    assert "Chapter" in toc and "Act one" in toc  # divisions of the second and third letters
    assert problems(epubcheck(out / "letters.epub")) == []


def test_a_project_naming_a_folder_builds_the_collection(letters, tmp_path, monkeypatch):
    (tmp_path / "teikit.toml").write_text('[edition]\ntei = ["letters"]\ntitle = "Letters of 1888"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "html"])
    assert result.exit_code == 0, result.output
    assert "Letters of 1888" in (tmp_path / "exports" / "html" / "index.html").read_text()


def test_a_member_that_is_not_tei_is_named(letters, tmp_path):
    (letters / "1888-08-01.xml").write_text('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')
    result = CliRunner().invoke(cli, ["build", "--edition", str(letters), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "1888-08-01.xml" in result.output
    assert "not a TEI P5 document" in result.output


def test_a_registers_image_is_looked_for_beside_the_register_and_named_by_it(letters, tmp_path):
    """A portrait in a separate person register (Escher's people.xml): the message names the
    register and the path beside it, not the folder of letters."""
    from teikit.build.html import local_images

    registers = tmp_path / "registers"
    registers.mkdir()
    register = registers / "people.xml"
    register.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>People</title>'
        '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
        '</teiHeader><text><body><listPerson>\n<person xml:id="p1"><persName>Ann</persName>\n'
        '<figure><graphic url="ann.jpg"/></figure></person>\n<person xml:id="p2"><persName>Bo</persName>'
        '<figure><graphic url="bo.jpg"/></figure></person></listPerson></body></text></TEI>')
    (registers / "bo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    edition = load_collection(tei_files(letters), name=letters, registers=[register])
    graphic = next(edition.root.iter("{http://www.tei-c.org/ns/1.0}graphic"))
    assert edition.file_of(graphic) == register
    member = next(edition.root.iter("{http://www.tei-c.org/ns/1.0}TEI"))
    assert edition.file_of(member[0]) == letters / member.get("{http://www.w3.org/XML/1998/namespace}base")
    found, diags = local_images(edition)
    assert found == [("bo.jpg", (registers / "bo.jpg").resolve())]
    (missing,) = [d for d in diags if d.code == "render.image-missing"]
    assert missing.file == str(register) and missing.line == 3 and str(registers / "ann.jpg") in missing.hint


def _letter(n: int) -> str:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L{n}"><teiHeader><fileDesc><titleStmt>'
            f'<title>Letter {n}</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
            f'</sourceDesc></fileDesc></teiHeader><text><body><div xml:id="d1"><p>Text of letter {n}, a note'
            f'<ref type="noteref" target="#n1">1</ref>, <ref target="#d1">its start</ref>, and '
            f'<ref target="letter1.xml#d1">the first letter</ref>.</p></div></body><back>'
            f'<div type="notes"><note xml:id="n1" n="1">The note of letter {n}.</note></div></back>'
            '</text></TEI>')


def test_each_letter_keeps_its_own_note_when_letters_share_ids(tmp_path):
    """Each letter numbers its notes n1, n2...: in the collection a letter's marker leads to its
    own note (its IDs are prefixed with the letter's xml:id where another letter holds them)."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"letter{n}.xml").write_text(_letter(n))
    out = tmp_path / "out"
    _build_html(folder, out)
    second = (out / "html" / "L2.html").read_text()  # a short letter: one page, named by its xml:id
    assert "The note of letter 2." in second and "The note of letter 1." not in second
    assert 'href="#L2-n1"' in second and 'href="L2.html#L2-d1"' in second  # its own note, its own start
    assert 'href="L1.html#d1"' in second  # letter1.xml#d1: the first letter, still
    first = (out / "html" / "L1.html").read_text()
    assert "The note of letter 1." in first and "The note of letter 2." not in first
    assert first.count("-ref") == second.count("-ref")  # one back link each, not two on the first


def test_titled_units_of_members_name_their_member_unless_their_title_does(tmp_path):
    """greekdracor: forty plays as one collection listed Menander's acts as "I" to "V", with
    nothing to say which play they belong to (plays longer than member-page-chars, taken apart)."""
    folder = tmp_path / "plays"
    folder.mkdir()
    plays = (("a.xml", "Dyskolos", ("I", "II")), ("b.xml", "Samia", ("I", "Samia, the end")))
    for name, title, heads in plays:
        divs = "".join(f'<div type="act"><head>{h}</head><p>{"Words of the play. " * 1200}</p></div>'
                       for h in heads)
        (folder / name).write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            '</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>'
            f'</fileDesc></teiHeader><text><body>{divs}</body></text></TEI>')
    out = tmp_path / "out"
    _build_html(folder, out)
    from lxml import html as lxml_html
    toc = lxml_html.parse(str(out / "html" / "toc.html"))
    labels = [" ".join(a.text_content().split()) for a in toc.xpath("//main//a")]
    assert {"Dyskolos – I", "Dyskolos – II", "Samia – I", "Samia, the end"} <= set(labels), labels


def test_a_file_of_another_format_in_the_folder_is_named_with_what_to_do(letters, tmp_path):
    """A CapiTainS corpus keeps __cts__.xml beside its TEI files, and a project its schema:
    companions of the documents, left out and named in a notice (as `check` of the folder
    counts them), not members refused (exit 2) nor a wall of errors."""
    (letters / "__cts__.xml").write_text('<ti:textgroup xmlns:ti="http://chs.harvard.edu/xmlns/cts"/>')
    (letters / "schema.xml").write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>')
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(letters), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "notice: 2 XML file(s) that are not TEI left out of the collection" in result.output
    assert "__cts__.xml" in result.output and "schema.xml" in result.output


def _build_html(folder: Path, out: Path) -> str:
    """`teikit build html` of the collection in ``folder`` into ``out``; what it said (exit 0)."""
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def _html_pages(out: Path) -> set[str]:
    return {p.name for p in (out / "html").glob("*.html")}


def test_pages_of_documents_without_an_id_are_named_by_their_files_and_keep_their_names(letters, tmp_path):
    # EpiDoc corpora (I.Sicily) and many DraCor plays give their TEI root no xml:id: named by
    # their position among all units ("text-3.html"), every page after a new document moved.
    shutil.copyfile(RENDER / "wild-markup.xml", letters / "1888-09-01.xml")  # a short one, no xml:id
    first = tmp_path / "first"
    built = CliRunner().invoke(cli, ["build", "html", "--edition", str(letters), "--out", str(first)])
    assert built.exit_code == 0
    pages = _html_pages(first)
    assert "1888-09-01.html" in pages, sorted(pages)
    assert not [p for p in pages if p.startswith(("text-", "div-", "front-", "body-"))], sorted(pages)
    shutil.copyfile(RENDER / "gap-desc.xml", letters / "1888-01-01.xml")  # sorts first
    second = tmp_path / "second"
    built = CliRunner().invoke(cli, ["build", "html", "--edition", str(letters), "--out", str(second)])
    assert built.exit_code == 0
    assert pages < _html_pages(second)
    for name in pages - {"toc.html", "index.html", "search.html", "pages.html", "downloads.html"}:
        before, after = ((out / "html" / name).read_text() for out in (first, second))
        assert before.count("<p") == after.count("<p"), name


def test_a_members_page_names_its_authors_under_its_title(tmp_path):
    """For Better for Verse: eighty poems by as many poets, and no page said whose poem it was
    (the TEI Stylesheets show the header's author); a letter says it in its own line instead."""
    folder = tmp_path / "poems"
    folder.mkdir()
    for name, title, author in (("blake.xml", "The Sick Rose", "<author>William Blake</author>"),
                                ("anon.xml", "Westron Wynde", "")):
        (folder / name).write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f'<title>{title}</title>{author}</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p>'
            '</sourceDesc></fileDesc></teiHeader><text><body><lg><l>O Rose, thou art sick!</l></lg></body>'
            '</text></TEI>')
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    from lxml import html as lxml_html
    blake = lxml_html.parse(str(out / "html" / "blake.html"))
    byline = blake.xpath("//p[contains(@class, 'member-byline')]")
    assert [" ".join(p.text_content().split()) for p in byline] == ["William Blake"]
    anon = lxml_html.parse(str(out / "html" / "anon.html"))
    assert not anon.xpath("//p[contains(@class, 'member-byline')]")
    assert "build.text-repeated" not in result.output


def test_a_member_named_for_people_gets_a_page_name_people_can_read(tmp_path):
    """For Better for Verse names its files "Blake - The Sick Rose.xml": the page was
    tk-_66_lake_32_-_32__84_he_32__83_ick_32__82_ose.html. Names that would meet stay escaped."""
    folder = tmp_path / "poems"
    folder.mkdir()
    names = ("Blake - The Sick Rose.xml", "Keats - Bright Star.xml", "keats bright star.xml", "Éluard.xml")
    for name in names:
        (folder / name).write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A poem</title>'
            '</titleStmt><publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>'
            '</fileDesc></teiHeader><text><body><lg><l>Some line of verse.</l></lg></body></text></TEI>')
    out = tmp_path / "out"
    _build_html(folder, out)
    pages = _html_pages(out)
    assert {"blake-the-sick-rose.html", "eluard.html"} <= pages
    assert "keats-bright-star.html" not in pages  # two files give that name: both keep their own
    assert len([p for p in pages if p.startswith("tk-")]) == 2


def test_a_member_without_a_title_is_labelled_by_its_name_not_its_position(tmp_path):
    """ParlaMint-SK: sittings whose titleStmt holds only meetings were "Text 1" to "Text 4"."""
    folder = tmp_path / "sittings"
    folder.mkdir()
    for name, ident in (("ParlaMint-SK_2020-02-26.xml", ' xml:id="ParlaMint-SK_2020-02-26"'),
                        ("sitting-2.xml", "")):
        (folder / name).write_text(
            f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{ident}><teiHeader><fileDesc><titleStmt>'
            '<meeting n="7">7</meeting></titleStmt><publicationStmt><p>Test.</p></publicationStmt>'
            '<sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body><div><u who="#a">'
            '<seg>Words spoken.</seg></u></div></body></text></TEI>')
    out = tmp_path / "out"
    _build_html(folder, out)
    from lxml import html as lxml_html
    toc = lxml_html.parse(str(out / "html" / "toc.html"))
    labels = [" ".join(a.text_content().split()) for a in toc.xpath("//main//a")]
    assert "ParlaMint-SK_2020-02-26" in labels and "sitting-2" in labels, labels


def test_members_with_the_same_title_are_told_apart(tmp_path):
    """For Better for Verse holds "Since There's No Help" twice (both Drayton's): the contents
    listed two identical entries. A shared title gets the author, or the file's name where the
    author is shared too; a title of its own is left as it is."""
    folder = tmp_path / "poems"
    folder.mkdir()
    for name, title, author in (("drayton-61.xml", "Since There's No Help", "Drayton"),
                                ("drayton-help.xml", "Since There's No Help", "Drayton"),
                                ("sidney.xml", "Sonnet", "Sidney"),
                                ("shakespeare.xml", "Sonnet", "Shakespeare"),
                                ("blake.xml", "The Sick Rose", "Blake")):
        (folder / name).write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f'<title>{title}</title><author>{author}</author></titleStmt><publicationStmt><p>Test.</p>'
            '</publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>'
            '<text><body><lg><l>Some line of verse.</l></lg></body></text></TEI>', encoding="utf-8")
    out = tmp_path / "out"
    said = _build_html(folder, out)
    assert "build.text-" not in said, said
    from lxml import html as lxml_html
    toc = lxml_html.parse(str(out / "html" / "toc.html"))
    labels = sorted(" ".join(a.text_content().split()) for a in toc.xpath("//main//li/a"))
    assert labels == ["Since There's No Help (drayton-61)", "Since There's No Help (drayton-help)",
                      "Sonnet (Shakespeare)", "Sonnet (Sidney)", "The Sick Rose"], labels


def _inscription(name: str, page: str) -> str:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{name}</title>'
            '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
            f'</teiHeader><text><body><div type="edition"><ab>Dis manibus {name}</ab></div>'
            '<div type="bibliography"><listBibl><bibl xml:id="bertolini1877"><title>Bertolini 1877</title>'
            f'<citedRange unit="page">{page}</citedRange></bibl></listBibl></div></body></text></TEI>')


def test_a_bibliography_in_each_members_text_keeps_its_entries(tmp_path):
    """EpiDoc inscriptions (the Eastern Necropolis of Concordia) cite the same work under the
    same xml:id in each one's bibliography, each with its own page: the collection kept the
    first and dropped the others from the text, with all their words, and said nothing."""
    folder = tmp_path / "inscriptions"
    folder.mkdir()
    (folder / "a.xml").write_text(_inscription("Zosimo", "131"))
    (folder / "b.xml").write_text(_inscription("Aprae", "45"))
    edition = load_collection(tei_files(folder), name=folder)
    pages = [b.findtext("{http://www.tei-c.org/ns/1.0}citedRange")
             for b in edition.root.iter("{http://www.tei-c.org/ns/1.0}bibl")]
    assert pages == ["131", "45"]
    out = tmp_path / "out"
    _build_html(folder, out)
    page = (out / "html" / "b.html").read_text()
    assert "45" in page and "Bertolini 1877" in page


def _inscription_and(tmp_path: Path, name: str, other: str) -> Path:
    """The render fixture's inscription as ``name`` and ``other`` as b.xml, built as a collection
    (exit 0); the output folder."""
    folder = tmp_path / "inscriptions"
    folder.mkdir()
    shutil.copyfile(RENDER / "inscription.xml", folder / name)
    (folder / "b.xml").write_text(other)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_an_inscriptions_divisions_told_apart_by_kind_alone_are_headed_on_its_page(tmp_path):
    # Concordia's EpiDoc inscriptions: edition, apparatus, translation... none with a head, ran
    # into one another on a member's page; a letter's dateline (Escher) is not a section
    out = _inscription_and(tmp_path, "a.xml", (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A letter</title>'
        '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div type="dateline"><p>Zurich, 3 May</p></div>'
        '<div type="writingSession"><p>Dear friend, this morning.</p></div></body></text></TEI>'))
    page = lxml_html.parse(str(out / "html" / "a.html"))
    labels = page.xpath("//section[starts-with(@class, 'div ')]/h2[@class='div-label tk-generated']/text()")
    assert labels == ["Edition", "Apparatus", "Bibliography", "Translation"]
    other = lxml_html.parse(str(out / "html" / "b.html"))
    assert not other.xpath("//*[@class='div-label tk-generated']")


def test_a_link_to_another_member_by_its_file_name_leads_to_its_page(tmp_path):
    # Concordia's commentaries name other inscriptions by file (<ref target="./dassiolus.xml">);
    # members without an xml:id were left unlinked
    out = _inscription_and(tmp_path, "contract.xml", (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        '<title>A second stone</title></titleStmt><publicationStmt><p>x</p></publicationStmt>'
        '<sourceDesc><p>x</p></sourceDesc></fileDesc>'
        '</teiHeader><text><body><div type="commentary"><p>Cut by the hand of <ref target="./contract.xml">'
        'the contract</ref>, line <ptr target="contract.xml#nowhere"/>.</p></div></body></text></TEI>'))
    page = lxml_html.parse(str(out / "html" / "b.html"))
    assert page.xpath("//a[@class='tei-ref']/@href") == ["contract.html"]
    assert page.xpath("//a[@class='tei-ptr']/@href") == ["contract.html"]


def _year_letter(year: int, other: int) -> str:
    return ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f'<title>Letter of {year}</title></titleStmt><publicationStmt><date when="{year}-01-01"/>'
            '</publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader><text><body>'
            f'<p xml:id="p{year}">Words written in {year} '
            f'<ref target="../{other}/letter.xml#p{other}">the other</ref>.</p>'
            '<figure><graphic url="img.png"/></figure></body></text></TEI>')


def test_documents_of_one_file_name_in_different_folders_are_each_kept(tmp_path):
    """1890/letter.xml and 1891/letter.xml (volumes in folders, files named alike): each is
    known by its path in the collection (xml:base, messages, the deposit keeps both, in their
    folders), a pointer ../1891/letter.xml#p1891 leads to the other's page, and two different
    images both named img.png are said (the outputs hold one image per name) instead of the
    second letter silently showing the first's."""
    from teikit.edition import Edition

    folder = tmp_path / "letters"
    for year, other in ((1890, 1891), (1891, 1890)):
        (folder / str(year)).mkdir(parents=True)
        (folder / str(year) / "letter.xml").write_text(_year_letter(year, other), encoding="utf-8")
        (folder / str(year) / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + str(year).encode())
    files = tei_files(folder)
    edition = load_collection(files, name=folder)
    assert list(edition.members) == ["1890/letter.xml", "1891/letter.xml"]
    second = edition.root.xpath("//*[@xml:id='p1891']")[0]
    assert edition.file_of(second) == folder / "1891" / "letter.xml"
    assert edition.root.xpath("//*[@xml:id='p1890']/*[1]/@target") == ["#p1891"]  # linked
    assert isinstance(edition, Edition) and edition.input_names == ("1890/letter.xml", "1891/letter.xml")
    out = tmp_path / "out"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        cli, ["build", "html", "--edition", str(folder), "--out", str(out), "--deposit"])
    assert result.exit_code == 0, result.output
    assert "render.image-clash" in result.output and "1891" in result.output
    site = {p.name: p.read_text("utf-8") for p in (out / "html").glob("*.html")}
    linked = [name for name, text in site.items() if "Words written in 1890" in text]
    assert len(linked) == 1 and 'href="' in site[linked[0]] and "#p1891" in site[linked[0]]
    kept = out / "deposit" / "letters" / "data" / "tei"
    for year in (1890, 1891):
        assert (kept / str(year) / "letter.xml").read_text("utf-8") == _year_letter(year, 2 * 1890 + 1 - year)


def test_one_epub_per_document_keeps_documents_named_alike_apart(tmp_path):
    """--epub-per-document on 1890/letter.xml and 1891/letter.xml: epub/1890/letter.epub and
    epub/1891/letter.epub (one replaced the other, and the text check said the words were lost),
    both in the deposit."""
    folder = tmp_path / "letters"
    for year, other in ((1890, 1891), (1891, 1890)):
        (folder / str(year)).mkdir(parents=True)
        (folder / str(year) / "letter.xml").write_text(_year_letter(year, other).replace(
            '<figure><graphic url="img.png"/></figure>', ""), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        cli, ["build", "epub", "--edition", str(folder), "--out", str(out), "--epub-per-document",
              "--deposit"])
    assert result.exit_code == 0, result.output
    books = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.epub"))
    kept = "deposit/letters/data/epub"
    assert books == [f"{kept}/1890/letter.epub", f"{kept}/1891/letter.epub",
                     "epub/1890/letter.epub", "epub/1891/letter.epub"]


def test_letters_named_alike_in_folders_keep_distinct_ids(tmp_path):
    """letters.csv and the letters' CSL items: 1890/letter and 1891/letter, not "letter" twice."""
    folder = tmp_path / "letters"
    for year in (1890, 1891):
        (folder / str(year)).mkdir(parents=True)
        (folder / str(year) / "letter.xml").write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter</title>'
            '</titleStmt><publicationStmt><p>T.</p></publicationStmt><sourceDesc><p>T.</p></sourceDesc>'
            '</fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName>Anna</persName>'
            f'<date when="{year}-05-01"/></correspAction></correspDesc></profileDesc></teiHeader>'
            f'<text><body><p>Words of {year}.</p></body></text></TEI>', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "csv", "--edition", str(folder), "--out", str(out), "--cite"])
    assert result.exit_code == 0, result.output
    ids = [line.split(",")[0] for line in (out / "csv" / "letters.csv").read_text("utf-8").splitlines()[1:]]
    assert ids == ["1890/letter", "1891/letter"]
    items = json.loads(next((out / "citations").glob("*.json")).read_text("utf-8"))
    assert {"1890/letter", "1891/letter"} <= {item["id"] for item in items}


def test_a_link_by_file_name_to_a_member_in_another_folder_finds_that_member(tmp_path):
    # two letter.xml in two folders: "../1890/letter.xml" names the one of 1890, by its path
    # from the pointing member's folder, as collection.py reads it
    folder = tmp_path / "letters"
    for year, words, target in (("1890", "Dear friend, the first.", "../1891/letter.xml"),
                                ("1891", "Dear friend, the second.", "../1890/letter.xml")):
        (folder / year).mkdir(parents=True)
        (folder / year / "letter.xml").write_text(
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
            f'<title>Letter of {year}</title></titleStmt><publicationStmt><p>x</p></publicationStmt>'
            '<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><div><p>'
            f'{words} See <ref target="{target}">the other</ref>.</p></div></body></text></TEI>')
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "html", "--edition", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = {p.name: lxml_html.parse(str(p)) for p in (out / "html").glob("*.html")}
    ref = "//article//a[contains(@class, 'tei-ref')]"
    links = {name: page.xpath(ref + "/@href") for name, page in pages.items() if page.xpath(ref)}
    titles = {name: page.xpath("string(//title)") for name, page in pages.items()}
    assert len(links) == 2
    for name, (href,) in links.items():
        mine, theirs = titles[name], titles[href.split("#")[0]]
        assert {mine[:14], theirs[:14]} == {"Letter of 1890", "Letter of 1891"}, (name, href)
